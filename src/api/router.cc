#include "api/router.h"

#include <charconv>
#include <filesystem>
#include <fstream>
#include <functional>
#include <set>
#include <tuple>
#include <sstream>

#include "api/handler.h"
#include "api/json_codec.h"
#include "api/openapi.h"
#include "app/admin.h"
#include "app/audit_views.h"
#include "app/capability.h"
#include "app/intelligence.h"
#include "app/records.h"
#include "app/session.h"
#include "core/csv.h"
#include "core/text.h"
#include "store/marked_repository.h"

namespace rocta::api {

namespace {

using Handler = std::function<Result<HttpResponse>(Ctx&)>;

std::string url_decode(std::string_view s, bool& ok) {
  std::string out;
  ok = true;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '+') {
      out += ' ';
    } else if (s[i] == '%') {
      if (i + 2 >= s.size() || !std::isxdigit(static_cast<unsigned char>(s[i + 1])) ||
          !std::isxdigit(static_cast<unsigned char>(s[i + 2]))) {
        ok = false;
        return {};
      }
      out += static_cast<char>(std::stoi(std::string(s.substr(i + 1, 2)), nullptr, 16));
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

// ---- handlers: parse, call one app function, render ------------------------------------

// The signed-in user, with what the menu cannot tell from roles alone: whether a sharing
// agreement lets a partner read capability.
json session_user_json(App& app, const Caller& caller) {
  json u = jc::to_json(caller.user);
  u["reads_capability"] = reads_capability(app, caller);
  return u;
}

Result<HttpResponse> post_session(Ctx& c) {
  ROCTA_ASSIGN_OR_RETURN(json body, c.body());
  if (!body.contains("username") || !body["username"].is_string() || !body.contains("password") ||
      !body["password"].is_string() || body.size() != 2)
    return invalid("the body is {\"username\": string, \"password\": string} and nothing else");
  ROCTA_ASSIGN_OR_RETURN(auto grant, log_in(c.app, body["username"], body["password"], c.req.remote));
  Caller signed_in;
  signed_in.user = grant.user;
  return json_response(201, {{"token", grant.token},
                             {"expires_at", iso_timestamp(grant.expires_ms)},
                             {"user", session_user_json(c.app, signed_in)}});
}

Result<HttpResponse> get_session(Ctx& c) { return json_response(200, session_user_json(c.app, c.caller)); }

Result<HttpResponse> delete_session(Ctx& c) {
  ROCTA_RETURN_IF_ERROR(log_out(c.app, c.caller, c.req.authorization.substr(7)));
  return HttpResponse{204, "", "", {}};
}

Result<HttpResponse> get_regions(Ctx& c) {
  ROCTA_ASSIGN_OR_RETURN(auto agencies, list_agencies(c.app, c.caller));
  return json_response(200, regions_of(agencies));
}

Result<HttpResponse> get_agencies(Ctx& c) {
  ROCTA_ASSIGN_OR_RETURN(auto agencies, list_agencies(c.app, c.caller, c.str("region")));
  json out = json::array();
  for (const auto& a : agencies) out.push_back(jc::to_json(a));
  return json_response(200, out);
}

Result<HttpResponse> get_agency(Ctx& c) {
  ROCTA_ASSIGN_OR_RETURN(auto a, get_agency(c.app, c.caller, c.path_args[0]));
  return ok(a);
}

Result<HttpResponse> post_agency(Ctx& c) {
  ROCTA_ASSIGN_OR_RETURN(json body, c.body());
  Agency a;
  ROCTA_RETURN_IF_ERROR(jc::apply(body, a, false));
  ROCTA_ASSIGN_OR_RETURN(auto created, create_agency(c.app, c.caller, a));
  return ok(created, 201);
}

Result<HttpResponse> patch_agency(Ctx& c) {
  ROCTA_ASSIGN_OR_RETURN(json body, c.body());
  ROCTA_ASSIGN_OR_RETURN(int64_t version, jc::take_version(body));
  ROCTA_ASSIGN_OR_RETURN(auto updated, update_agency(c.app, c.caller, c.path_args[0], version,
                                                     [&](Agency& a) { return jc::apply(body, a, true); }));
  return ok(updated);
}

Result<HttpResponse> get_units(Ctx& c) {
  ROCTA_ASSIGN_OR_RETURN(auto units, list_units(c.app, c.caller, c.str("agency")));
  json out = json::array();
  for (const auto& u : units) out.push_back(jc::to_json(u));
  return json_response(200, out);
}

Result<HttpResponse> get_unit_by_id(Ctx& c) {
  ROCTA_ASSIGN_OR_RETURN(int64_t id, c.path_id());
  ROCTA_ASSIGN_OR_RETURN(auto u, get_unit(c.app, c.caller, id));
  return ok(u);
}

Result<HttpResponse> post_unit(Ctx& c) {
  ROCTA_ASSIGN_OR_RETURN(json body, c.body());
  Unit u;
  ROCTA_RETURN_IF_ERROR(jc::apply(body, u, false));
  ROCTA_ASSIGN_OR_RETURN(auto created, create_unit(c.app, c.caller, u));
  return ok(created, 201);
}

Result<HttpResponse> patch_unit(Ctx& c) {
  ROCTA_ASSIGN_OR_RETURN(int64_t id, c.path_id());
  ROCTA_ASSIGN_OR_RETURN(json body, c.body());
  ROCTA_ASSIGN_OR_RETURN(int64_t version, jc::take_version(body));
  ROCTA_ASSIGN_OR_RETURN(auto updated, update_unit(c.app, c.caller, id, version, [&](Unit& u) { return jc::apply(body, u, true); }));
  return ok(updated);
}

Result<HttpResponse> get_users(Ctx& c) {
  ROCTA_ASSIGN_OR_RETURN(PageRequest p, c.page());
  ROCTA_ASSIGN_OR_RETURN(auto page, list_users(c.app, c.caller, c.str("agency"), p));
  return json_response(200, page_json(page, p));
}

Result<HttpResponse> get_user_by_id(Ctx& c) {
  ROCTA_ASSIGN_OR_RETURN(int64_t id, c.path_id());
  ROCTA_ASSIGN_OR_RETURN(auto u, get_user(c.app, c.caller, id));
  return ok(u);
}

Result<HttpResponse> post_user(Ctx& c) {
  ROCTA_ASSIGN_OR_RETURN(json body, c.body());
  NewUser draft;
  ROCTA_RETURN_IF_ERROR(jc::apply(body, draft.user, false, &draft.password));
  ROCTA_ASSIGN_OR_RETURN(auto created, create_user(c.app, c.caller, draft));
  return ok(created, 201);
}

Result<HttpResponse> patch_user(Ctx& c) {
  ROCTA_ASSIGN_OR_RETURN(int64_t id, c.path_id());
  ROCTA_ASSIGN_OR_RETURN(json body, c.body());
  ROCTA_ASSIGN_OR_RETURN(User u, get_user(c.app, c.caller, id));
  ROCTA_RETURN_IF_ERROR(jc::apply(body, u, true, nullptr));
  ROCTA_ASSIGN_OR_RETURN(auto updated, update_user(c.app, c.caller, u));
  return ok(updated);
}

Result<HttpResponse> put_password(Ctx& c) {
  ROCTA_ASSIGN_OR_RETURN(int64_t id, c.path_id());
  ROCTA_ASSIGN_OR_RETURN(json body, c.body());
  for (auto it = body.begin(); it != body.end(); ++it)
    if ((it.key() != "password" && it.key() != "current_password") || !it->is_string())
      return invalid("the body is {\"password\": string, \"current_password\": string}", it.key());
  if (!body.contains("password")) return invalid("field 'password' is required", "password");
  std::optional<std::string> current;
  if (body.contains("current_password")) current = body["current_password"].get<std::string>();
  ROCTA_RETURN_IF_ERROR(set_password(c.app, c.caller, id, body["password"], current));
  return HttpResponse{204, "", "", {}};
}

// Threats, nominals and intelligence share their routes' shape.
template <typename Record>
struct RecordRoutes {
  using CreateFn = Result<Record> (*)(App&, const Caller&, Record);
  using OpenFn = Result<Opened<Record>> (*)(App&, const Caller&, int64_t);
  using UpdateFn = Result<Record> (*)(App&, const Caller&, int64_t, int64_t, const std::function<Status(Record&)>&);
  CreateFn create;
  OpenFn open;
  UpdateFn update;

  Handler get() const {
    return [open = open](Ctx& c) -> Result<HttpResponse> {
      ROCTA_ASSIGN_OR_RETURN(int64_t id, c.path_id());
      ROCTA_ASSIGN_OR_RETURN(auto opened, open(c.app, c.caller, id));
      return json_response(200, jc::to_json(opened));
    };
  }
  Handler post() const {
    return [create = create](Ctx& c) -> Result<HttpResponse> {
      ROCTA_ASSIGN_OR_RETURN(json body, c.body());
      Record r;
      ROCTA_RETURN_IF_ERROR(jc::apply(body, r, false));
      ROCTA_ASSIGN_OR_RETURN(auto created, create(c.app, c.caller, std::move(r)));
      return ok(created, 201);
    };
  }
  Handler patch() const {
    return [update = update](Ctx& c) -> Result<HttpResponse> {
      ROCTA_ASSIGN_OR_RETURN(int64_t id, c.path_id());
      ROCTA_ASSIGN_OR_RETURN(json body, c.body());
      ROCTA_ASSIGN_OR_RETURN(int64_t version, jc::take_version(body));
      ROCTA_ASSIGN_OR_RETURN(auto updated, update(c.app, c.caller, id, version, [&](Record& r) { return jc::apply(body, r, true); }));
      return ok(updated);
    };
  }
};

Result<HttpResponse> get_threats(Ctx& c) {
  ThreatQuery q;
  ROCTA_ASSIGN_OR_RETURN(q.page, c.page());
  ROCTA_ASSIGN_OR_RETURN(q.sort, c.sort(threat_sort_columns()));
  q.text = c.str("q");
  q.owning_agency = c.str("owning_agency");
  q.crime_type = c.str("crime_type");
  if (auto t = c.str("type"); !t.empty()) {
    q.type = parse_threat_type(t);
    if (!q.type) return invalid("parameter 'type' must be OCG, Priority individual or Vulnerability", "type");
  }
  if (auto m = c.str("moderation"); !m.empty()) {
    q.moderation = parse_moderation_status(m);
    if (!q.moderation) return invalid("parameter 'moderation' must be Unmoderated, Awaiting moderation or Moderated", "moderation");
  }
  ROCTA_ASSIGN_OR_RETURN(auto tier, c.integer("tier", 1, 5));
  if (tier) q.tier = static_cast<int>(*tier);
  ROCTA_ASSIGN_OR_RETURN(q.county_lines, c.boolean("county_lines"));
  ROCTA_ASSIGN_OR_RETURN(auto closed, c.boolean("include_closed"));
  q.include_closed = closed.value_or(true);
  ROCTA_ASSIGN_OR_RETURN(auto area, c.integer("area", 1, INT64_MAX));
  ROCTA_ASSIGN_OR_RETURN(auto page, list_threats_in_area(c.app, c.caller, q, area.value_or(0)));
  return json_response(200, page_json(page, q.page));
}

Result<HttpResponse> get_nominals(Ctx& c) {
  NominalQuery q;
  ROCTA_ASSIGN_OR_RETURN(q.page, c.page());
  ROCTA_ASSIGN_OR_RETURN(q.sort, c.sort(nominal_sort_columns()));
  q.text = c.str("q");
  q.owning_agency = c.str("owning_agency");
  q.date_of_birth = c.str("date_of_birth");
  if (!q.date_of_birth.empty() && !is_iso_date(q.date_of_birth))
    return invalid("parameter 'date_of_birth' must be a date written YYYY-MM-DD", "date_of_birth");
  ROCTA_ASSIGN_OR_RETURN(auto page, list_nominals(c.app, c.caller, q));
  return json_response(200, page_json(page, q.page));
}

Result<HttpResponse> get_intelligence(Ctx& c) {
  IntelligenceQuery q;
  ROCTA_ASSIGN_OR_RETURN(q.page, c.page());
  ROCTA_ASSIGN_OR_RETURN(q.sort, c.sort(intelligence_sort_columns()));
  q.text = c.str("q");
  q.owning_agency = c.str("owning_agency");
  if (auto cl = c.str("classification"); !cl.empty()) {
    q.classification = parse_classification(cl);
    if (!q.classification) return invalid("parameter 'classification' must be OFFICIAL, SECRET or TOP SECRET", "classification");
  }
  ROCTA_ASSIGN_OR_RETURN(auto page, list_intelligence(c.app, c.caller, q));
  return json_response(200, page_json(page, q.page));
}

Result<HttpResponse> post_link(Ctx& c) {
  ROCTA_ASSIGN_OR_RETURN(json body, c.body());
  Link l;
  ROCTA_RETURN_IF_ERROR(jc::read_link(body, l));
  ROCTA_ASSIGN_OR_RETURN(auto created, link_records(c.app, c.caller, l));
  return ok(created, 201);
}

// The reason for removing a link is the X-Rocta-Purpose header: a DELETE carries no body.
Result<HttpResponse> delete_link(Ctx& c) {
  ROCTA_ASSIGN_OR_RETURN(int64_t id, c.path_id());
  ROCTA_RETURN_IF_ERROR(remove_link(c.app, c.caller, id, c.caller.purpose));
  return HttpResponse{204, "", "", {}};
}

// What happened to a record; who looked, where, and why only for readers of the audit trail.
template <RecordKind K>
Result<HttpResponse> get_history(Ctx& c) {
  ROCTA_ASSIGN_OR_RETURN(int64_t id, c.path_id());
  ROCTA_ASSIGN_OR_RETURN(auto history, record_history(c.app, c.caller, K, id));
  json items = json::array();
  for (const auto& e : history.events) {
    json item{{"seq", e.seq}, {"at", e.at}, {"actor_id", e.actor_id}, {"actor", e.actor}, {"action", e.action},
              {"detail", json::parse(e.detail, nullptr, false)}};
    if (history.with_reads) {
      item["purpose"] = e.purpose;
      item["origin"] = e.origin;
    }
    items.push_back(std::move(item));
  }
  return json_response(200, {{"items", items}, {"total", items.size()}, {"with_reads", history.with_reads}});
}

std::vector<RouteSpec> route_table(std::function<const json&()> openapi_doc) {
  const RecordRoutes<Threat> threats{create_threat, open_threat, update_threat};
  const RecordRoutes<Nominal> nominals{create_nominal, open_nominal, update_nominal};
  const RecordRoutes<IntelligenceReport> intel{submit_intelligence, open_intelligence, update_intelligence};
  const std::vector<QueryParam> paging{{"limit", "integer", "1-200, default 50"}, {"offset", "integer", "0-1000000, default 0"}};
  // sort=<column>&order=asc|desc (core/list_sort.h), the columns named from the list's whitelist.
  auto sorting = [](const std::vector<std::string>& columns) {
    std::string names;
    for (const auto& c : columns) names += (names.empty() ? "" : " | ") + c;
    return std::vector<QueryParam>{{"sort", "string", names + "; ties by id"}, {"order", "string", "asc (default) | desc"}};
  };
  auto with_sort = [&](std::vector<QueryParam> p, const std::vector<std::string>& columns) {
    for (auto& q : sorting(columns)) p.push_back(std::move(q));
    return p;
  };
  auto with_paging = [&](std::vector<QueryParam> p) {
    p.insert(p.end(), paging.begin(), paging.end());
    return p;
  };
  std::vector<RouteSpec> r;
  r.push_back({"GET", "/healthz", "Liveness: the process serves", false, {}, "", "Health", 200,
               [](Ctx&) -> Result<HttpResponse> { return json_response(200, {{"status", "ok"}}); }});
  r.push_back({"GET", "/api/v1/openapi.json", "This description", false, {}, "", "", 200,
               [openapi_doc](Ctx&) -> Result<HttpResponse> { return json_response(200, openapi_doc()); }});
  r.push_back({"POST", "/api/v1/session", "Log in: username and password for a bearer token", false, {}, "Credentials", "SessionGrant", 201, post_session});
  r.push_back({"GET", "/api/v1/session", "Who is signed in", true, {}, "", "SessionUser", 200, get_session});
  r.push_back({"DELETE", "/api/v1/session", "Log out: ends this token", true, {}, "", "", 204, delete_session});
  r.push_back({"GET", "/api/v1/regions", "The regions", true, {}, "", "Regions", 200, get_regions});
  r.push_back({"GET", "/api/v1/agencies", "Agencies (reference data)", true, {{"region", "string", "only this region"}}, "", "AgencyList", 200, get_agencies});
  r.push_back({"POST", "/api/v1/agencies", "Add an agency (administrators)", true, {}, "Agency", "Agency", 201, post_agency});
  r.push_back({"GET", "/api/v1/agencies/{code}", "One agency", true, {}, "", "Agency", 200, get_agency});
  r.push_back({"PATCH", "/api/v1/agencies/{code}", "Change an agency (administrators; send the version you read)", true, {}, "AgencyChange", "Agency", 200, patch_agency});
  r.push_back({"GET", "/api/v1/units", "Units", true, {{"agency", "string", "only this agency's units"}}, "", "UnitList", 200, get_units});
  r.push_back({"POST", "/api/v1/units", "Add a unit (administrators of its agency)", true, {}, "Unit", "Unit", 201, post_unit});
  r.push_back({"GET", "/api/v1/units/{id}", "One unit", true, {}, "", "Unit", 200, get_unit_by_id});
  r.push_back({"PATCH", "/api/v1/units/{id}", "Change a unit (administrators of its agency; send the version you read)", true, {}, "UnitChange", "Unit", 200, patch_unit});
  r.push_back({"GET", "/api/v1/users", "Users of the administrator's agency", true, with_paging({{"agency", "string", "agency code"}}), "", "UserPage", 200, get_users});
  r.push_back({"POST", "/api/v1/users", "Add a user (administrators of the unit's agency)", true, {}, "NewUser", "User", 201, post_user});
  r.push_back({"GET", "/api/v1/users/{id}", "One user (self or administrator)", true, {}, "", "User", 200, get_user_by_id});
  r.push_back({"PATCH", "/api/v1/users/{id}", "Change roles, clearance, unit, active (administrators)", true, {}, "UserChange", "User", 200, patch_user});
  r.push_back({"PUT", "/api/v1/users/{id}/password", "Set a password (self with current password, or administrator)", true, {}, "PasswordChange", "", 204, put_password});
  r.push_back({"GET", "/api/v1/threats", "Threats the caller may see, filtered, sorted and paged", true,
               with_sort(with_paging({{"q", "string", "full-text search"}, {"type", "string", "OCG | Priority individual | Vulnerability"},
                             {"owning_agency", "string", "agency code"}, {"tier", "integer", "1-5"},
                             {"county_lines", "boolean", "true | false"}, {"crime_type", "string", "primary crime type"},
                             {"moderation", "string", "Unmoderated | Awaiting moderation | Moderated"},
                             {"include_closed", "boolean", "default true"},
                             {"area", "integer", "a loaded area's id (GET /api/v1/areas): threats with a place in or meeting it"}}), threat_sort_columns()),
               "", "ThreatPage", 200, get_threats});
  r.push_back({"POST", "/api/v1/threats", "Nominate or record a threat", true, {}, "Threat", "Threat", 201, threats.post()});
  r.push_back({"GET", "/api/v1/threats/{id}", "Open a threat (SECRET needs X-Rocta-Purpose)", true, {}, "", "Threat", 200, threats.get()});
  r.push_back({"PATCH", "/api/v1/threats/{id}", "Change a threat (send the version you read)", true, {}, "ThreatChange", "Threat", 200, threats.patch()});
  r.push_back({"GET", "/api/v1/nominals", "Nominals the caller may see", true,
               with_sort(with_paging({{"q", "string", "full-text search"}, {"owning_agency", "string", "agency code"},
                                       {"date_of_birth", "string", "YYYY-MM-DD"}}), nominal_sort_columns()),
               "", "NominalPage", 200, get_nominals});
  r.push_back({"POST", "/api/v1/nominals", "Record a nominal; the answer says who else knows the person (known_elsewhere)", true, {}, "Nominal", "Nominal", 201, post_nominal});
  r.push_back({"GET", "/api/v1/nominals/{id}", "Open a nominal", true, {}, "", "Nominal", 200, nominals.get()});
  r.push_back({"PATCH", "/api/v1/nominals/{id}", "Change a nominal", true, {}, "NominalChange", "Nominal", 200, nominals.patch()});
  r.push_back({"GET", "/api/v1/intelligence", "Intelligence reports the caller may see", true,
               with_sort(with_paging({{"q", "string", "full-text search"}, {"owning_agency", "string", "agency code"},
                                       {"classification", "string", "OFFICIAL | SECRET | TOP SECRET"}}), intelligence_sort_columns()),
               "", "IntelligencePage", 200, get_intelligence});
  r.push_back({"GET", "/api/v1/intelligence/{id}", "Open an intelligence report", true, {}, "", "IntelligenceReport", 200, intel.get()});
  r.push_back({"PATCH", "/api/v1/intelligence/{id}", "Change an intelligence report", true, {}, "IntelligenceChange", "IntelligenceReport", 200, intel.patch()});
  r.push_back({"POST", "/api/v1/links", "Link two records (one of them the caller's agency's to edit)", true, {}, "Link", "Link", 201, post_link});
  r.push_back({"DELETE", "/api/v1/links/{id}", "Remove a link, giving the reason in X-Rocta-Purpose (audited)", true, {}, "", "", 204, delete_link});
  for (auto [kind, path, handler] : {std::tuple{"threat", "/api/v1/threats/{id}/history", &get_history<RecordKind::kThreat>},
                                     std::tuple{"nominal", "/api/v1/nominals/{id}/history", &get_history<RecordKind::kNominal>},
                                     std::tuple{"intelligence report", "/api/v1/intelligence/{id}/history", &get_history<RecordKind::kIntelligence>}})
    r.push_back({"GET", path, std::string("What happened to a ") + kind + ", newest first; reads, origins and purposes too for administrators and inspectors (audited)",
                 true, {}, "", "", 200, handler});
  add_master_list_routes(r);
  add_disruption_routes(r);
  add_tasking_routes(r);
  add_sharing_routes(r);
  add_search_routes(r);
  add_linkage_routes(r);
  add_network_routes(r);
  add_scpo_routes(r);
  add_capability_routes(r);
  add_place_routes(r);
  add_people_routes(r);
  add_compartment_routes(r);
  add_thematic_routes(r);
  add_siu_check_routes(r);
  return r;
}

// Splits "/a/b/c" into segments; false for empty or dot segments.
bool split_path(const std::string& path, std::vector<std::string>& out) {
  std::stringstream in(path);
  std::string seg;
  std::getline(in, seg, '/');
  while (std::getline(in, seg, '/')) {
    if (seg.empty() || seg == "." || seg == "..") return false;
    out.push_back(seg);
  }
  return true;
}

bool match(const std::vector<std::string>& pattern, const std::vector<std::string>& path, std::vector<std::string>& args) {
  if (pattern.size() != path.size()) return false;
  args.clear();
  for (size_t i = 0; i < pattern.size(); ++i) {
    if (pattern[i].front() == '{') args.push_back(path[i]);
    else if (pattern[i] != path[i]) return false;
  }
  return true;
}

// One cell: a string as it is, numbers and booleans as JSON writes them, arrays of plain
// values joined with "; ", anything else as JSON. A text cell a spreadsheet would take for a
// formula (=, +, -, @) is prefixed with an apostrophe.
std::string csv_cell(const json& v) {
  if (v.is_null()) return "";
  if (v.is_string()) {
    std::string t = v.get<std::string>();
    if (!t.empty() && (t[0] == '=' || t[0] == '+' || t[0] == '-' || t[0] == '@' || t[0] == '\t' || t[0] == '\r')) t.insert(0, "'");
    return t;
  }
  if (v.is_array() && std::all_of(v.begin(), v.end(), [](const json& x) { return x.is_primitive(); })) {
    std::string out;
    for (const auto& x : v) out += (out.empty() ? "" : "; ") + csv_cell(x);
    return out;
  }
  return v.dump();
}

// Nested objects become dotted columns: {"marking": {"classification": …}} gives "marking.classification".
void flatten(const json& row, const std::string& prefix, std::map<std::string, std::string>& out) {
  for (auto it = row.begin(); it != row.end(); ++it) {
    const std::string key = prefix + it.key();
    if (it->is_object()) flatten(*it, key + ".", out);
    else out[key] = csv_cell(*it);
  }
}

// The rows of a list as CSV: a column for every field any row has, id and reference first.
std::string rows_csv(const json& rows) {
  std::vector<std::map<std::string, std::string>> flat;
  std::set<std::string> keys;
  for (const auto& r : rows) {
    flat.emplace_back();
    if (r.is_object()) flatten(r, "", flat.back());
    else flat.back()["value"] = csv_cell(r);
    for (const auto& [k, _] : flat.back()) keys.insert(k);
  }
  std::vector<std::string> columns;
  for (const char* first : {"id", "reference", "name"})
    if (keys.erase(first)) columns.push_back(first);
  columns.insert(columns.end(), keys.begin(), keys.end());
  std::string out = csv_line(columns) + "\r\n";
  for (const auto& f : flat) {
    std::vector<std::string> cells;
    for (const auto& c : columns) {
      auto it = f.find(c);
      cells.push_back(it == f.end() ? "" : it->second);
    }
    out += csv_line(cells) + "\r\n";
  }
  return out;
}

std::string mime_of(const std::filesystem::path& p) {
  const std::string e = p.extension().string();
  if (e == ".html") return "text/html; charset=utf-8";
  if (e == ".js") return "text/javascript; charset=utf-8";
  if (e == ".css") return "text/css; charset=utf-8";
  if (e == ".svg") return "image/svg+xml";
  if (e == ".png") return "image/png";
  if (e == ".ico") return "image/x-icon";
  if (e == ".json") return "application/json";
  if (e == ".woff2") return "font/woff2";
  return "application/octet-stream";
}

}  // namespace

struct Api::Impl {
  App& app;
  std::filesystem::path web_root;
  std::vector<RouteSpec> routes;
  std::vector<std::vector<std::string>> patterns;
  json openapi;

  HttpResponse dispatch(const HttpRequest& req) {
    const auto qpos = req.target.find('?');
    const std::string path = req.target.substr(0, qpos);
    std::vector<std::string> segs;
    if (!path.starts_with("/api/") && path != "/healthz") return static_file(req, path);
    if (!split_path(path, segs)) return problem(404, "not-found", "Not found", "no such endpoint");
    bool path_matched = false;
    for (size_t i = 0; i < routes.size(); ++i) {
      std::vector<std::string> args;
      if (!match(patterns[i], segs, args)) continue;
      path_matched = true;
      if (routes[i].method != req.method) continue;
      return run(routes[i], req, std::move(args), qpos == std::string::npos ? "" : req.target.substr(qpos + 1));
    }
    if (path_matched) return problem(405, "method-not-allowed", "Method not allowed", req.method + " is not supported here");
    return problem(404, "not-found", "Not found", "no such endpoint");
  }

  // The query of `route`: each parameter known to it, once, as clean text.
  static Status parse_query(const RouteSpec& route, const std::string& qs, std::map<std::string, std::string>& out) {
    bool decoded = true;
    std::stringstream in(qs);
    std::string pair;
    while (std::getline(in, pair, '&')) {
      if (pair.empty()) continue;
      const auto eq = pair.find('=');
      const std::string key = url_decode(pair.substr(0, eq), decoded);
      const std::string value = eq == std::string::npos ? "" : url_decode(pair.substr(eq + 1), decoded);
      if (!decoded) return invalid("malformed percent-encoding in the query");
      const bool known = std::any_of(route.query.begin(), route.query.end(), [&](const QueryParam& p) { return p.name == key; });
      if (!known) return invalid("unknown parameter '" + key + "'", key);
      if (out.count(key)) return invalid("parameter '" + key + "' is given twice", key);
      if (value.size() > 1000 || !is_clean_text(value)) return invalid("parameter '" + key + "' is not acceptable text", key);
      out[key] = value;
    }
    return Status::ok();
  }

  // GET /api/v1/exports?list=/api/v1/threats%3Fq%3D…: any list the screens read, as CSV.
  // The rows come from the list's own handler, page by page, so from its own query with the
  // caller's policy in it: an export holds exactly what the caller could page through.
  // Audited (app record_list_export) before the rows leave.
  Result<HttpResponse> export_list(Ctx& c) {
    constexpr int kPage = 200;
    constexpr size_t kMaxRows = 20000;
    const std::string list = c.str("list");
    const auto qpos = list.find('?');
    const std::string path = list.substr(0, qpos), qs = qpos == std::string::npos ? "" : list.substr(qpos + 1);
    std::vector<std::string> segs, args;
    const RouteSpec* route = nullptr;
    if (path.starts_with("/api/v1/") && !path.starts_with("/api/v1/exports") && split_path(path, segs))
      for (size_t i = 0; i < routes.size() && !route; ++i)
        if (routes[i].method == "GET" && match(patterns[i], segs, args)) route = &routes[i];
    if (!route) return invalid("parameter 'list' is the path of a list the API serves, with its query", "list");
    bool decoded = true;
    for (auto& a : args) a = url_decode(a, decoded);
    if (!decoded) return invalid("malformed percent-encoding in the list's path", "list");
    Ctx inner{app, c.req, {}, std::move(args), c.caller};
    ROCTA_RETURN_IF_ERROR(parse_query(*route, qs, inner.query));
    const bool paged = std::any_of(route->query.begin(), route->query.end(), [](const QueryParam& p) { return p.name == "offset"; });
    json rows = json::array();
    for (int offset = 0;; offset += kPage) {
      if (paged) {
        inner.query["limit"] = std::to_string(kPage);
        inner.query["offset"] = std::to_string(offset);
      }
      ROCTA_ASSIGN_OR_RETURN(HttpResponse page, route->handler(inner));
      const json j = json::parse(page.body, nullptr, false);
      const json* items = j.is_array() ? &j : j.is_object() && j.contains("items") && j["items"].is_array() ? &j["items"] : nullptr;
      if (!items) return invalid("'" + path + "' is not a list", "list");
      for (const auto& item : *items) rows.push_back(item);
      if (rows.size() > kMaxRows) return invalid("the list has more than 20,000 rows: narrow its filter to export it", "list");
      if (!paged || items->size() < static_cast<size_t>(kPage)) break;
    }
    ROCTA_RETURN_IF_ERROR(record_list_export(app, c.caller, path, qs, static_cast<int64_t>(rows.size())));
    HttpResponse r;
    r.content_type = "text/csv; charset=utf-8";
    r.body = rows_csv(rows);
    std::string name = segs.back();
    for (auto& ch : name) if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '-';
    r.headers.emplace_back("Content-Disposition", "attachment; filename=\"" + name + ".csv\"");
    return r;
  }

  HttpResponse run(const RouteSpec& route, const HttpRequest& req, std::vector<std::string> args, const std::string& qs) {
    Ctx c{app, req, {}, {}, {}};
    bool decoded = true;
    for (auto& a : args) {
      a = url_decode(a, decoded);
      if (!decoded) return problem(invalid("malformed percent-encoding in the path"));
    }
    c.path_args = std::move(args);
    if (auto parsed = parse_query(route, qs, c.query); !parsed.is_ok()) return problem(parsed);
    if (route.auth) {
      if (!req.authorization.starts_with("Bearer "))
        return problem(Status(Code::kUnauthenticated, "sign in first: send Authorization: Bearer <token>"));
      auto caller = authenticate(app, req.authorization.substr(7), req.remote);
      if (!caller.is_ok()) return problem(caller.status());
      c.caller = std::move(caller).value();
      if (req.purpose.size() > 500 || !is_clean_text(req.purpose)) return problem(invalid("the purpose is at most 500 characters of text"));
      c.caller.purpose = trim(req.purpose);
    }
    if (!req.body.empty() && !req.content_type.starts_with("application/json"))
      return problem(415, "unsupported-media-type", "Unsupported media type", "send the body as application/json");
    auto result = route.handler(c);
    if (!result.is_ok()) return problem(result.status());
    return std::move(result).value();
  }

  HttpResponse static_file(const HttpRequest& req, const std::string& path) {
    if (req.method != "GET" && req.method != "HEAD") return problem(405, "method-not-allowed", "Method not allowed", "the web UI is read-only");
    std::vector<std::string> segs;
    if (!split_path(path == "/" ? "/index.html" : path, segs) || segs.empty())
      return problem(404, "not-found", "Not found", "no such file");
    std::filesystem::path file = web_root;
    for (const auto& s : segs) file /= s;
    std::error_code ec;
    // Unknown paths without an extension are the single-page app's own routes.
    if (!std::filesystem::is_regular_file(file, ec) && file.extension().empty()) file = web_root / "index.html";
    std::ifstream in(file, std::ios::binary);
    if (!in) {
      if (file.filename() == "index.html")
        return problem(404, "web-ui-not-built", "Not found", "the web UI is not built here: run 'make demo', or pass --web-root DIR");
      return problem(404, "not-found", "Not found", "no such file");
    }
    HttpResponse r;
    r.content_type = mime_of(file);
    r.body.assign(std::istreambuf_iterator<char>(in), {});
    // Hashed asset names never change; index.html must be fetched fresh.
    r.headers.emplace_back("Cache-Control", file.filename() == "index.html" ? "no-cache" : "public, max-age=31536000, immutable");
    return r;
  }
};

Api::Api(App& app, std::string web_root) : impl_(std::make_unique<Impl>(Impl{app, std::move(web_root), {}, {}, {}})) {
  impl_->routes = route_table([this]() -> const json& { return impl_->openapi; });
  impl_->routes.push_back({"GET", "/api/v1/exports", "Any list the caller may read, as CSV: the list's own query, page by page (audited)", true,
                           {{"list", "string", "the list's path and query, e.g. /api/v1/threats?owning_agency=MPS"}}, "", "", 200,
                           [impl = impl_.get()](Ctx& c) { return impl->export_list(c); }});
  for (const auto& r : impl_->routes) {
    std::vector<std::string> segs;
    split_path(r.pattern, segs);
    impl_->patterns.push_back(std::move(segs));
  }
  impl_->openapi = build_openapi(impl_->routes);
}

Api::~Api() = default;

const nlohmann::json& Api::openapi() const { return impl_->openapi; }

HttpResponse Api::handle(const HttpRequest& request) {
  HttpResponse r;
  try {
    r = impl_->dispatch(request);
  } catch (const std::exception& e) {
    r = problem(Status(Code::kInternal, e.what()));
  }
  r.headers.emplace_back("X-Content-Type-Options", "nosniff");
  r.headers.emplace_back("X-Frame-Options", "DENY");
  r.headers.emplace_back("Referrer-Policy", "no-referrer");
  r.headers.emplace_back("Content-Security-Policy", "default-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'");
  if (request.target.starts_with("/api/")) r.headers.emplace_back("Cache-Control", "no-store");
  return r;
}

}  // namespace rocta::api
