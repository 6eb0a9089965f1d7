// Routes of network analysis: the network a caller may see around a threat or nominal (or
// across all they may read), paths between two records, an export of what is shown, and
// what changed after a disruption. Hidden links are never drawn; signals say who holds them.
#include "api/handler.h"
#include "api/network_codec.h"
#include "api/openapi.h"
#include "app/commodities.h"
#include "app/network.h"
#include "core/text.h"

namespace rocta::api {
namespace {

// "threat:12" or "nominal:7".
Result<RecordRef> record_param(const Ctx& c, const std::string& name) {
  const std::string v = c.str(name);
  const auto colon = v.find(':');
  const auto kind = parse_record_kind(v.substr(0, colon == std::string::npos ? 0 : colon));
  int64_t id = 0;
  const char* first = v.data() + (colon == std::string::npos ? v.size() : colon + 1);
  auto [p, ec] = std::from_chars(first, v.data() + v.size(), id);
  if (!kind || colon == std::string::npos || ec != std::errc() || p != v.data() + v.size() || id < 1)
    return invalid("parameter '" + name + "' names a record as kind:id, e.g. threat:12", name);
  return RecordRef{*kind, id};
}

// The relations asked for: "member,associate".
std::vector<std::string> relations_param(const Ctx& c) {
  std::vector<std::string> out;
  std::string rest = c.str("relation");
  size_t at = 0;
  while (at <= rest.size() && !rest.empty()) {
    const size_t comma = rest.find(',', at);
    std::string r = trim(rest.substr(at, comma == std::string::npos ? std::string::npos : comma - at));
    if (!r.empty()) out.push_back(r);
    if (comma == std::string::npos) break;
    at = comma + 1;
  }
  return out;
}

Result<NetworkQuery> network_query(const Ctx& c) {
  NetworkQuery q;
  if (!c.str("around").empty()) {
    ROCTA_ASSIGN_OR_RETURN(auto ref, record_param(c, "around"));
    q.around = ref;
  }
  ROCTA_ASSIGN_OR_RETURN(auto hops, c.integer("hops", 1, 4));
  ROCTA_ASSIGN_OR_RETURN(auto max_nodes, c.integer("max_nodes", 1, 100000));
  if (hops) q.hops = static_cast<int>(*hops);
  if (max_nodes) q.max_nodes = *max_nodes;
  q.filter.as_at = c.str("as_at");
  q.filter.relations = relations_param(c);
  return q;
}

Result<HttpResponse> get_network(Ctx& c) {
  ROCTA_ASSIGN_OR_RETURN(auto q, network_query(c));
  ROCTA_ASSIGN_OR_RETURN(auto v, network(c.app, c.caller, q));
  return json_response(200, jc::to_json(v));
}

Result<HttpResponse> get_paths(Ctx& c) {
  PathQuery q;
  ROCTA_ASSIGN_OR_RETURN(q.from, record_param(c, "from"));
  ROCTA_ASSIGN_OR_RETURN(q.to, record_param(c, "to"));
  ROCTA_ASSIGN_OR_RETURN(auto max_length, c.integer("max_length", 1, 8));
  ROCTA_ASSIGN_OR_RETURN(auto limit, c.integer("limit", 1, 20));
  if (max_length) q.max_length = static_cast<int>(*max_length);
  if (limit) q.limit = static_cast<int>(*limit);
  q.filter.as_at = c.str("as_at");
  q.filter.relations = relations_param(c);
  ROCTA_ASSIGN_OR_RETURN(auto found, paths_between(c.app, c.caller, q));
  return json_response(200, jc::to_json(found));
}

Result<HttpResponse> get_export(Ctx& c) {
  ROCTA_ASSIGN_OR_RETURN(auto q, network_query(c));
  const std::string name = c.str("format").empty() ? "graphml" : c.str("format");
  const auto format = parse_network_format(name);
  if (!format) return invalid("parameter 'format' is graphml or csv", "format");
  ROCTA_ASSIGN_OR_RETURN(auto body, export_network(c.app, c.caller, q, *format));
  HttpResponse r;
  r.content_type = *format == NetworkFormat::kCsv ? "text/csv; charset=utf-8" : "application/graphml+xml; charset=utf-8";
  r.body = std::move(body);
  r.headers.emplace_back("Content-Disposition", "attachment; filename=\"network." + name + "\"");
  return r;
}

Result<HttpResponse> get_changes(Ctx& c) {
  ROCTA_ASSIGN_OR_RETURN(int64_t threat, c.path_id(0));
  ROCTA_ASSIGN_OR_RETURN(int64_t disruption, c.path_id(1));
  ROCTA_ASSIGN_OR_RETURN(auto hops, c.integer("hops", 1, 4));
  ROCTA_ASSIGN_OR_RETURN(auto changes, changes_after_disruption(c.app, c.caller, threat, disruption, c.str("after"),
                                                                hops ? static_cast<int>(*hops) : 2));
  return json_response(200, jc::to_json(changes));
}

Result<HttpResponse> post_commodity(Ctx& c) {
  ROCTA_ASSIGN_OR_RETURN(json body, c.body());
  Commodity draft;
  ROCTA_RETURN_IF_ERROR(jc::apply(body, draft, false));
  ROCTA_ASSIGN_OR_RETURN(auto made, record_commodity(c.app, c.caller, std::move(draft)));
  return json_response(201, jc::to_json(made));
}

Result<HttpResponse> get_commodity(Ctx& c) {
  ROCTA_ASSIGN_OR_RETURN(int64_t id, c.path_id());
  ROCTA_ASSIGN_OR_RETURN(auto opened, open_commodity(c.app, c.caller, id));
  return json_response(200, jc::to_json(opened));
}

// PATCH: the fields to change and the version read (409 when someone changed it since).
Result<HttpResponse> patch_commodity(Ctx& c) {
  ROCTA_ASSIGN_OR_RETURN(int64_t id, c.path_id());
  ROCTA_ASSIGN_OR_RETURN(json body, c.body());
  ROCTA_ASSIGN_OR_RETURN(int64_t version, jc::take_version(body));
  ROCTA_ASSIGN_OR_RETURN(auto updated,
                         update_commodity(c.app, c.caller, id, version, [&](Commodity& r) { return jc::apply(body, r, true); }));
  return json_response(200, jc::to_json(updated));
}

// A deal line cut off: {"version", "closed": "YYYY-MM-DD", "closed_by_disruption": id or absent}.
Result<HttpResponse> post_commodity_close(Ctx& c) {
  ROCTA_ASSIGN_OR_RETURN(int64_t id, c.path_id());
  ROCTA_ASSIGN_OR_RETURN(json body, c.body());
  ROCTA_ASSIGN_OR_RETURN(int64_t version, jc::take_version(body));
  Commodity fields;
  ROCTA_RETURN_IF_ERROR(jc::apply(body, fields, true));
  if (body.contains("value") || body.contains("kind") || body.contains("marking") || body.contains("description") ||
      body.contains("opened"))
    return invalid("closing takes closed and closed_by_disruption only: edit the rest with PATCH");
  ROCTA_ASSIGN_OR_RETURN(auto closed,
                         close_commodity(c.app, c.caller, id, version, fields.closed, fields.closed_by_disruption));
  return json_response(200, jc::to_json(closed));
}

std::vector<QueryParam> view_params() {
  return {{"around", "string", "threat:ID, nominal:ID or commodity:ID; absent: every link the caller may see"},
          {"hops", "integer", "1-4 links out from around, default 2"},
          {"as_at", "string", "YYYY-MM-DD: links observed on or before it"},
          {"relation", "string", "comma-separated relations to keep (default all)"},
          {"max_nodes", "integer", "1-100000, default 2000: expansion stops past it (truncated)"}};
}

}  // namespace

void add_network_routes(std::vector<RouteSpec>& r) {
  r.push_back({"GET", "/api/v1/network",
               "The network the caller may see: nodes with degree, betweenness, PageRank, community; links with "
               "bridges; signals for links the caller may not see",
               true, view_params(), "", "Network", 200, get_network});
  r.push_back({"GET", "/api/v1/network/paths", "Shortest paths between two records through what the caller may see", true,
               {{"from", "string", "threat:ID or nominal:ID"},
                {"to", "string", "threat:ID or nominal:ID"},
                {"max_length", "integer", "1-8 links, default 6"},
                {"limit", "integer", "1-20 paths, default 5"},
                {"as_at", "string", "YYYY-MM-DD"},
                {"relation", "string", "comma-separated relations"}},
               "", "NetworkPaths", 200, get_paths});
  auto params = view_params();
  params.push_back({"format", "string", "graphml (default) | csv"});
  r.push_back({"GET", "/api/v1/network/export", "The network shown, as GraphML or CSV (audited)", true, params, "", "", 200,
               get_export});
  r.push_back({"GET", "/api/v1/threats/{id}/disruptions/{disruption_id}/network-changes",
               "The network around a threat the day before a disruption and as at a later date: what appeared, what went",
               true,
               {{"after", "string", "YYYY-MM-DD, default today"}, {"hops", "integer", "1-4, default 2"}},
               "", "NetworkChanges", 200, get_changes});
  r.push_back({"POST", "/api/v1/commodities",
               "Record a phone (deal line), vehicle, address or bank account; link it with POST /api/v1/links (kind commodity)",
               true, {}, "Commodity", "Commodity", 201, post_commodity});
  r.push_back({"GET", "/api/v1/commodities/{id}", "Open a commodity with its links", true, {}, "", "Commodity", 200,
               get_commodity});
  r.push_back({"PATCH", "/api/v1/commodities/{id}",
               "Change a commodity (its kind and owner stay; send the version you read: 409 when stale)", true, {},
               "Commodity", "Commodity", 200, patch_commodity});
  r.push_back({"POST", "/api/v1/commodities/{id}/close",
               "Close a commodity (a deal line cut off): the date it closed and the disruption that closed it; send the "
               "version you read",
               true, {}, "CommodityClose", "Commodity", 200, post_commodity_close});
}

void add_network_schemas(nlohmann::json& s) {
  auto ref = [](const std::string& n) { return json{{"$ref", "#/components/schemas/" + n}}; };
  const json str{{"type", "string"}}, integer{{"type", "integer"}}, number{{"type", "number"}}, boolean{{"type", "boolean"}};
  const json record{{"type", "object"}, {"properties", {{"kind", str}, {"id", integer}}}};
  s["NetworkNode"] = {{"type", "object"},
                      {"properties", {{"kind", str}, {"id", integer}, {"reference", str}, {"label", str}, {"owner", str},
                                      {"degree", integer}, {"betweenness", number}, {"pagerank", number},
                                      {"community", integer}, {"articulation", boolean}}}};
  s["NetworkLink"] = {{"type", "object"},
                      {"properties", {{"id", integer}, {"from", record}, {"to", record}, {"relation", str}, {"source", str},
                                      {"date", str}, {"bridge", boolean}, {"across_agencies", boolean},
                                      {"across_groups", boolean}}}};
  s["Network"] = {{"type", "object"},
                  {"properties", {{"nodes", {{"type", "array"}, {"items", ref("NetworkNode")}}},
                                  {"links", {{"type", "array"}, {"items", ref("NetworkLink")}}},
                                  {"communities", integer}, {"modularity", number},
                                  {"betweenness", {{"type", "string"}, {"description", "exact | within N links (…, approximate: large network)"}}},
                                  {"truncated", boolean},
                                  {"signals", {{"type", "array"}, {"items", ref("Signal")}}},
                                  {"more_signals", boolean}}}};
  s["Commodity"] = {{"type", "object"},
                    {"properties", {{"id", integer}, {"reference", str},
                                    {"kind", {{"type", "string"}, {"enum", {"phone", "vehicle", "address", "account"}}}},
                                    {"value", str}, {"description", str}, {"opened", str}, {"closed", str},
                                    {"closed_by_disruption", integer}, {"marking", ref("Marking")}, {"version", integer}}},
                    {"required", {"kind", "value"}}};
  s["CommodityClose"] = {{"type", "object"},
                         {"properties", {{"version", integer}, {"closed", str}, {"closed_by_disruption", integer}}},
                         {"required", {"version", "closed"}}};
  s["NetworkPaths"] = {{"type", "object"},
                       {"properties", {{"length", integer},
                                       {"paths", {{"type", "array"}, {"items", {{"type", "array"}, {"items", ref("NetworkNode")}}}}}}}};
  s["NetworkChanges"] = {{"type", "object"},
                         {"properties", {{"before", str}, {"after", str},
                                         {"appeared", {{"type", "array"}, {"items", ref("NetworkNode")}}},
                                         {"gone", {{"type", "array"}, {"items", ref("NetworkNode")}}},
                                         {"links_added", {{"type", "array"}, {"items", ref("NetworkLink")}}},
                                         {"links_gone", {{"type", "array"}, {"items", ref("NetworkLink")}}}}}};
}

}  // namespace rocta::api
