// Routes of thematic disruptions: prevent and protect work by crime type and area, and
// their figures, counted apart from Appendix 2's (app/thematic_disruptions.h).
#include "api/handler.h"
#include "api/openapi.h"
#include "api/tasking_codec.h"
#include "app/thematic_disruptions.h"

namespace rocta::api {
namespace {

json to_json(const ThematicDisruption& d) {
  return {{"id", d.id},           {"recording_agency", d.recording_agency}, {"crime_type", d.crime_type},
          {"area", d.area},       {"record_date", d.record_date},           {"outcome", to_string(d.outcome)},
          {"activity", d.activity}, {"reached", d.reached},                 {"created_at", d.created_at}};
}

json counts(const std::map<std::string, int64_t>& m) {
  json j = json::object();
  for (const auto& [k, v] : m) j[k] = v;
  return j;
}

Result<HttpResponse> post_thematic(Ctx& c) {
  ROCTA_ASSIGN_OR_RETURN(json body, c.body());
  ThematicDisruption d;
  std::string outcome;
  int reached = 0;
  ROCTA_RETURN_IF_ERROR(jc::Fields(body, {"crime_type", "area", "record_date", "outcome", "activity", "reached"})
                            .text("crime_type", d.crime_type, true).text("area", d.area, true)
                            .text("record_date", d.record_date, true).text("outcome", outcome, true)
                            .text("activity", d.activity, true).integer("reached", reached).status());
  auto p = parse_four_p(outcome);
  if (!p) return invalid("outcome is Prevent or Protect", "outcome");
  d.outcome = *p;
  d.reached = reached;
  ROCTA_ASSIGN_OR_RETURN(auto created, record_thematic_disruption(c.app, c.caller, d));
  return json_response(201, to_json(created));
}

Result<HttpResponse> get_thematic(Ctx& c) {
  const std::string from = c.str("from"), to = c.str("to");
  if (from.empty() || to.empty()) return invalid("parameters 'from' and 'to' (YYYY-MM-DD) are required", from.empty() ? "from" : "to");
  ROCTA_ASSIGN_OR_RETURN(auto list, list_thematic_disruptions(c.app, c.caller, from, to));
  json items = json::array();
  for (const auto& d : list) items.push_back(to_json(d));
  return json_response(200, items);
}

Result<HttpResponse> get_thematic_figures(Ctx& c) {
  const std::string year_ending = c.str("year_ending");
  if (year_ending.empty()) return invalid("parameter 'year_ending' (YYYY-MM-DD) is required", "year_ending");
  ROCTA_ASSIGN_OR_RETURN(auto f, thematic_figures(c.app, c.caller, year_ending, c.str("region")));
  json by_agency = json::object();
  for (const auto& [agency, a] : f.by_agency)
    by_agency[agency] = {{"total", a.total}, {"reached", a.reached}, {"by_4p", counts(a.by_4p)},
                         {"by_crime_type", counts(a.by_crime_type)}, {"by_area", counts(a.by_area)}};
  return json_response(200, {{"year_start", f.year_start}, {"year_ending", f.year_ending}, {"by_agency", by_agency}});
}

}  // namespace

void add_thematic_routes(std::vector<RouteSpec>& r) {
  r.push_back({"POST", "/api/v1/thematic-disruptions",
               "Record prevent or protect work by crime type and area, not tied to one threat (those who record disruptions)",
               true, {}, "ThematicDisruptionDraft", "ThematicDisruption", 201, post_thematic});
  r.push_back({"GET", "/api/v1/thematic-disruptions", "The region's thematic disruptions dated from..to, newest first (at most 500)",
               true, {{"from", "string", "YYYY-MM-DD, required"}, {"to", "string", "YYYY-MM-DD, required"}}, "",
               "ThematicDisruptionList", 200, get_thematic});
  r.push_back({"GET", "/api/v1/reports/thematic",
               "Thematic disruptions of the year by agency, 4P, crime type and area: counted apart from Appendix 2", true,
               {{"year_ending", "string", "YYYY-MM-DD, required"}, {"region", "string", "only this region's agencies"}}, "",
               "ThematicFigures", 200, get_thematic_figures});
}

void add_thematic_schemas(nlohmann::json& s) {
  const json str{{"type", "string"}}, integer{{"type", "integer"}};
  auto object = [](json props, std::vector<std::string> required = {}) {
    json o{{"type", "object"}, {"properties", std::move(props)}, {"additionalProperties", false}};
    if (!required.empty()) o["required"] = required;
    return o;
  };
  const json outcome{{"type", "string"}, {"enum", {"Prevent", "Protect"}}};
  s["ThematicDisruptionDraft"] = object({{"crime_type", str}, {"area", str}, {"record_date", str}, {"outcome", outcome},
                                         {"activity", str}, {"reached", integer}},
                                        {"crime_type", "area", "record_date", "outcome", "activity"});
  s["ThematicDisruption"] = object({{"id", integer}, {"recording_agency", str}, {"crime_type", str}, {"area", str},
                                    {"record_date", str}, {"outcome", outcome}, {"activity", str}, {"reached", integer},
                                    {"created_at", str}});
  s["ThematicDisruptionList"] = {{"type", "array"}, {"items", {{"$ref", "#/components/schemas/ThematicDisruption"}}}};
  s["ThematicFigures"] = {{"type", "object"}};
}

}  // namespace rocta::api
