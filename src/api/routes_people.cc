// Routes of people: names for the ids in other answers, and the person picker's search
// (app/people.h; core/people.h decides whose name a reader sees).
#include <charconv>

#include "api/handler.h"
#include "api/openapi.h"
#include "app/people.h"

namespace rocta::api {
namespace {

json to_json(const std::vector<PersonName>& list) {
  json out = json::array();
  for (const auto& p : list) out.push_back({{"id", p.id}, {"name", p.name}, {"agency", p.agency}, {"named", p.named}});
  return out;
}

// "1,2,3" → ids; anything else is a clear error.
Result<std::vector<int64_t>> parse_ids(const std::string& s) {
  std::vector<int64_t> ids;
  size_t start = 0;
  while (start <= s.size()) {
    const size_t end = std::min(s.find(',', start), s.size());
    int64_t v = 0;
    auto [p, ec] = std::from_chars(s.data() + start, s.data() + end, v);
    if (ec != std::errc() || p != s.data() + end || v <= 0) return invalid("parameter 'ids' is a comma-separated list of user ids", "ids");
    ids.push_back(v);
    start = end + 1;
  }
  return ids;
}

Result<HttpResponse> get_people(Ctx& c) {
  const std::string ids = c.str("ids");
  if (!ids.empty()) {
    ROCTA_ASSIGN_OR_RETURN(auto list, parse_ids(ids));
    ROCTA_ASSIGN_OR_RETURN(auto names, name_people(c.app, c.caller, list));
    return json_response(200, to_json(names));
  }
  std::optional<Role> role;
  if (const std::string r = c.str("role"); !r.empty()) {
    role = parse_role(r);
    if (!role) return invalid("unknown role '" + r + "'", "role");
  }
  ROCTA_ASSIGN_OR_RETURN(auto limit, c.integer("limit", 1, 50));
  ROCTA_ASSIGN_OR_RETURN(auto found, find_people(c.app, c.caller, c.str("q"), role, static_cast<int>(limit.value_or(20))));
  return json_response(200, to_json(found));
}

}  // namespace

void add_people_routes(std::vector<RouteSpec>& r) {
  r.push_back({"GET", "/api/v1/people",
               "Names for user ids (ids=1,2,3; a person of another agency may be answered by agency only), or people of the "
               "caller's agency by name (q, role) for the person picker",
               true,
               {{"ids", "string", "comma-separated user ids, at most 100"},
                {"q", "string", "part of a name or username"},
                {"role", "string", "only people with this role"},
                {"limit", "integer", "1 to 50, default 20"}},
               "", "PersonList", 200, get_people});
}

void add_people_schemas(nlohmann::json& s) {
  const json str{{"type", "string"}}, integer{{"type", "integer"}}, boolean{{"type", "boolean"}};
  s["Person"] = {{"type", "object"},
                 {"properties", {{"id", integer}, {"name", str}, {"agency", str}, {"named", boolean}}},
                 {"additionalProperties", false}};
  s["PersonList"] = {{"type", "array"}, {"items", {{"$ref", "#/components/schemas/Person"}}}};
}

}  // namespace rocta::api
