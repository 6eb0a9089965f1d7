// Routes of disruptions and the SOC figures: record a disruption (with its prompts), a
// threat's history, the figures as JSON, CSV or a printable page.
#include "api/disruption_codec.h"
#include "api/handler.h"
#include "api/tasking_codec.h"
#include "api/openapi.h"
#include "app/disruptions.h"

namespace rocta::api {
namespace {

using jc::to_json;
using jc::read_outcomes;

Result<HttpResponse> post_disruption(Ctx& c) {
  ROCTA_ASSIGN_OR_RETURN(json body, c.body());
  static const std::vector<std::string> kFields{"threat_id", "record_date", "role", "supports", "category", "justification",
                                                "outcomes", "description", "threat_category", "prompts", "suspects"};
  ROCTA_RETURN_IF_ERROR(only_fields(body, kFields));
  Disruption d;
  if (!body.contains("threat_id") || !body["threat_id"].is_number_integer() || body["threat_id"].get<int64_t>() < 1)
    return invalid("field 'threat_id' is the id of the threat disrupted", "threat_id");
  d.threat_id = body["threat_id"];
  ROCTA_ASSIGN_OR_RETURN(d.record_date, string_field(body, "record_date", true));
  ROCTA_ASSIGN_OR_RETURN(std::string role, string_field(body, "role", false));
  if (!role.empty()) {
    auto r = parse_disruption_role(role);
    if (!r) return invalid("field 'role' is 'lead' or 'supporting'", "role");
    d.role = *r;
  }
  if (body.contains("supports")) {
    if (!body["supports"].is_number_integer()) return invalid("field 'supports' is the id of the lead disruption", "supports");
    d.supports = body["supports"];
  }
  ROCTA_ASSIGN_OR_RETURN(std::string category, string_field(body, "category", true));
  auto cat = parse_impact_category(category);
  if (!cat) return invalid("field 'category' is Major, Moderate, Minor, Not assessed or Rejected", "category");
  d.category = *cat;
  ROCTA_ASSIGN_OR_RETURN(d.justification, string_field(body, "justification", false));
  ROCTA_ASSIGN_OR_RETURN(d.description, string_field(body, "description", false));
  ROCTA_ASSIGN_OR_RETURN(d.threat_category, string_field(body, "threat_category", false));
  ROCTA_ASSIGN_OR_RETURN(d.outcomes, read_outcomes(body, "outcomes"));
  if (body.contains("prompts")) {
    if (!body["prompts"].is_array()) return invalid("field 'prompts' is a list of {rule, outcome, accepted}", "prompts");
    for (const auto& p : body["prompts"]) {
      auto outcome = p.is_object() && p.contains("outcome") && p["outcome"].is_string() ? parse_four_p(p["outcome"].get<std::string>()) : std::nullopt;
      if (!outcome || !p.contains("rule") || !p["rule"].is_string() || !p.contains("accepted") || !p["accepted"].is_boolean())
        return invalid("field 'prompts' is a list of {rule, outcome, accepted}", "prompts");
      d.prompts.push_back({p["rule"].get<std::string>(), *outcome, p["accepted"].get<bool>()});
    }
  }
  if (body.contains("suspects")) {
    static const std::string kShape = "field 'suspects' is a list of {name, nominal_id, charged, bcu_unit_id}: those arrested or charged";
    if (!body["suspects"].is_array()) return invalid(kShape, "suspects");
    for (const auto& p : body["suspects"]) {
      if (!p.is_object()) return invalid(kShape, "suspects");
      DisruptionSuspect s;
      ROCTA_RETURN_IF_ERROR(jc::Fields(p, {"name", "nominal_id", "charged", "bcu_unit_id"})
                                .text("name", s.name, true)
                                .id("nominal_id", s.nominal_id)
                                .boolean("charged", s.charged)
                                .id("bcu_unit_id", s.bcu_unit_id)
                                .status());
      d.suspects.push_back(std::move(s));
    }
  }
  ROCTA_ASSIGN_OR_RETURN(Disruption saved, record_disruption(c.app, c.caller, std::move(d)));
  return json_response(201, to_json(saved));
}

Result<HttpResponse> post_prompts(Ctx& c) {
  ROCTA_ASSIGN_OR_RETURN(json body, c.body());
  for (auto it = body.begin(); it != body.end(); ++it)
    if (it.key() != "text" && it.key() != "outcomes") return invalid("unknown field '" + it.key() + "'", it.key());
  ROCTA_ASSIGN_OR_RETURN(std::string text, string_field(body, "text", true));
  if (text.size() > 30000) return invalid("field 'text' is at most 30,000 characters", "text");
  ROCTA_ASSIGN_OR_RETURN(auto outcomes, read_outcomes(body, "outcomes"));
  json out = json::array();
  for (const auto& s : disruption_prompts(text, outcomes))
    out.push_back({{"rule", s.rule}, {"outcome", to_string(s.outcome)}, {"matched", s.matched}, {"explanation", s.explanation}});
  return json_response(200, {{"prompts", out}});
}

Result<HttpResponse> get_threat_disruptions(Ctx& c) {
  ROCTA_ASSIGN_OR_RETURN(int64_t id, c.path_id());
  ROCTA_ASSIGN_OR_RETURN(auto list, threat_disruptions(c.app, c.caller, id));
  json items = json::array();
  for (const auto& d : list) items.push_back(to_json(d));
  return json_response(200, {{"items", items}, {"total", items.size()}});
}

Result<HttpResponse> get_soc_report(Ctx& c) {
  report::SocOptions o;
  o.year_ending = c.str("year_ending");  // empty: app/ picks the last complete year
  o.as_of = c.str("as_of");
  o.region = c.str("region");
  for (auto [name, flag] : std::initializer_list<std::pair<const char*, bool*>>{
           {"tactical_only", &o.threats.tactical_only}, {"moderated_only", &o.threats.moderated_only},
           {"soc_only", &o.threats.soc_only}, {"exclude_tier_5", &o.threats.exclude_tier_5},
           {"exclude_closed", &o.threats.exclude_closed}, {"lead_only", &o.disruptions.lead_only},
           {"assessed_only", &o.disruptions.assessed_only}}) {
    ROCTA_ASSIGN_OR_RETURN(auto v, c.boolean(name));
    if (v) *flag = *v;
  }
  const std::string format = c.str("format").empty() ? "json" : c.str("format");
  if (format != "json" && format != "csv" && format != "html") return invalid("parameter 'format' is json, csv or html", "format");
  ROCTA_ASSIGN_OR_RETURN(auto figures, soc_figures(c.app, c.caller, o));
  HttpResponse r;
  if (format == "json") {
    r.body = report::to_json(figures);
  } else if (format == "csv") {
    r.content_type = "text/csv; charset=utf-8";
    r.body = report::to_csv(figures);
    r.headers.emplace_back("Content-Disposition", "attachment; filename=\"soc-figures-" + figures.options.year_ending + ".csv\"");
  } else {
    ROCTA_ASSIGN_OR_RETURN(auto names, agency_names(c.app));
    r.content_type = "text/html; charset=utf-8";
    r.body = report::to_html(figures, names);
  }
  return r;
}

}  // namespace

void add_disruption_routes(std::vector<RouteSpec>& r) {
  r.push_back({"POST", "/api/v1/disruptions", "Record a disruption against a threat, with every 4P outcome; prompts must be answered", true,
               {}, "DisruptionDraft", "Disruption", 201, post_disruption});
  r.push_back({"POST", "/api/v1/disruptions/prompts", "Outcomes an event's text points to (safeguarding, takedowns, diversion…), with why", true,
               {}, "PromptRequest", "PromptList", 200, post_prompts});
  r.push_back({"GET", "/api/v1/threats/{id}/disruptions", "A threat's disruptions, newest first", true, {}, "", "DisruptionList", 200,
               get_threat_disruptions});
  r.push_back({"GET", "/api/v1/reports/soc", "The SOC figures (Appendix 2's filters by default; each can be switched off)", true,
               {{"year_ending", "string", "YYYY-MM-DD: the year is the twelve months ending on it; default the last year over (ending 30 June) that holds disruptions"},
                {"as_of", "string", "YYYY-MM-DD: the figures as recorded by the end of that day, from each threat's history"},
                {"region", "string", "list only this region's agencies"},
                {"format", "string", "json (default), csv or html (printable, with charts)"},
                {"tactical_only", "boolean", "default true"}, {"moderated_only", "boolean", "default true"},
                {"soc_only", "boolean", "default true"}, {"exclude_tier_5", "boolean", "default true"},
                {"exclude_closed", "boolean", "default true"}, {"lead_only", "boolean", "default true: lead disruptions"},
                {"assessed_only", "boolean", "default true: major, moderate or minor"}},
               "", "SocFigures", 200, get_soc_report});
}

}  // namespace rocta::api
