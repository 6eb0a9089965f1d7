// The search route: ranked full text across threats, nominals and intelligence reports.
// Snippets travel as segments ({text, hit}) that the browser renders as text, never as
// markup.
#include "api/search_codec.h"
#include "api/handler.h"
#include "api/openapi.h"
#include "app/search.h"

namespace rocta::api {
namespace {

using jc::to_json;


Result<std::vector<RecordKind>> read_kinds(const std::string& text) {
  std::vector<RecordKind> kinds;
  size_t start = 0;
  while (start <= text.size() && !text.empty()) {
    size_t end = text.find(',', start);
    if (end == std::string::npos) end = text.size();
    auto k = parse_record_kind(text.substr(start, end - start));
    if (!k) return invalid("parameter 'kind' is a comma-separated list of threat, nominal, intelligence", "kind");
    kinds.push_back(*k);
    start = end + 1;
  }
  return kinds;
}

Result<HttpResponse> get_search(Ctx& c) {
  SearchQuery q;
  ROCTA_ASSIGN_OR_RETURN(q.page, c.page());
  q.text = c.str("q");
  ROCTA_ASSIGN_OR_RETURN(q.kinds, read_kinds(c.str("kind")));
  q.owning_agency = c.str("owning_agency");
  if (auto cl = c.str("classification"); !cl.empty()) {
    q.classification = parse_classification(cl);
    if (!q.classification) return invalid("parameter 'classification' must be OFFICIAL, SECRET or TOP SECRET", "classification");
  }
  q.from_date = c.str("from");
  q.to_date = c.str("to");
  ROCTA_ASSIGN_OR_RETURN(auto area, c.integer("area", 1, INT64_MAX));
  ROCTA_ASSIGN_OR_RETURN(auto page, search(c.app, c.caller, q, area.value_or(0)));
  json items = json::array();
  for (const auto& h : page.items) items.push_back(to_json(h));
  return json_response(200, {{"items", items},
                             {"total", page.total},
                             {"total_exact", page.total_exact},
                             {"ranked_newest", page.ranked_newest},
                             {"limit", q.page.limit},
                             {"offset", q.page.offset}});
}

}  // namespace

void add_search_routes(std::vector<RouteSpec>& r) {
  r.push_back({"GET", "/api/v1/search", "Search threats, nominals and intelligence the caller may read, best match first", true,
               {{"q", "string", "the words to find (1-500 characters); every word must match, as a prefix unless it is itself a common word (see ranked_newest)"},
                {"kind", "string", "comma-separated: threat, nominal, intelligence (default all)"},
                {"owning_agency", "string", "agency code"},
                {"classification", "string", "OFFICIAL | SECRET | TOP SECRET"},
                {"from", "string", "YYYY-MM-DD: received (reports) or created (threats, nominals) on or after"},
                {"to", "string", "YYYY-MM-DD: on or before"},
                {"area", "integer", "a loaded area's id (GET /api/v1/areas): threats and reports with a place in or meeting it"},
                {"limit", "integer", "1-200, default 50"},
                {"offset", "integer", "0-1000000, default 0"}},
               "", "SearchPage", 200, get_search});
}

void add_search_schemas(nlohmann::json& s) {
  auto ref = [](const std::string& n) { return json{{"$ref", "#/components/schemas/" + n}}; };
  const json str{{"type", "string"}}, integer{{"type", "integer"}}, number{{"type", "number"}}, boolean{{"type", "boolean"}};
  auto object = [](json props) { return json{{"type", "object"}, {"properties", std::move(props)}, {"additionalProperties", false}}; };
  s["SnippetSegment"] = object({{"text", str}, {"hit", boolean}});
  s["SearchHit"] = object({{"kind", {{"type", "string"}, {"enum", {"threat", "nominal", "intelligence"}}}},
                           {"id", integer},
                           {"reference", str},
                           {"title", str},
                           {"snippet", {{"type", "array"}, {"items", ref("SnippetSegment")}}},
                           {"score", number},
                           {"marking", ref("Marking")}});
  // total_exact false: counting stopped at `total`, and more hits than that match.
  // ranked_newest > 0: only the newest this many matches of a kind were ranked and counted.
  s["SearchPage"] = object({{"items", {{"type", "array"}, {"items", ref("SearchHit")}}},
                            {"total", integer},
                            {"total_exact", boolean},
                            {"ranked_newest", integer},
                            {"limit", integer},
                            {"offset", integer}});
}

}  // namespace rocta::api
