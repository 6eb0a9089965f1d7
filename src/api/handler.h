// What every route handler works with: the request, its parsed query and path, the caller,
// and the small helpers that parse and render. Handlers: parse, call one app/ function,
// render.
#pragma once

#include <algorithm>
#include <charconv>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "api/http.h"
#include "api/json_codec.h"
#include "app/app.h"
#include "core/list_sort.h"
#include "store/page.h"

namespace rocta::api {

using nlohmann::json;
namespace jc = json_codec;

// What a handler gets: the request, its parsed query and path ids, and who is calling.
struct Ctx {
  App& app;
  const HttpRequest& req;
  std::map<std::string, std::string> query;
  std::vector<std::string> path_args;
  Caller caller;

  Result<int64_t> path_id(size_t i = 0) const {
    int64_t v = 0;
    const auto& s = path_args.at(i);
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || p != s.data() + s.size() || v < 1) return invalid("the id in the path must be a positive whole number");
    return v;
  }
  std::string str(const std::string& k) const {
    auto it = query.find(k);
    return it == query.end() ? std::string() : it->second;
  }
  Result<std::optional<int64_t>> integer(const std::string& k, int64_t lo, int64_t hi) const {
    auto it = query.find(k);
    if (it == query.end()) return std::optional<int64_t>{};
    int64_t v = 0;
    const auto& s = it->second;
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || p != s.data() + s.size() || v < lo || v > hi)
      return invalid("parameter '" + k + "' must be a whole number from " + std::to_string(lo) + " to " + std::to_string(hi), k);
    return std::optional<int64_t>{v};
  }
  Result<std::optional<bool>> boolean(const std::string& k) const {
    auto it = query.find(k);
    if (it == query.end()) return std::optional<bool>{};
    if (it->second == "true") return std::optional<bool>{true};
    if (it->second == "false") return std::optional<bool>{false};
    return invalid("parameter '" + k + "' must be true or false", k);
  }
  Result<PageRequest> page() const {
    PageRequest p;
    ROCTA_ASSIGN_OR_RETURN(auto limit, integer("limit", 1, 200));
    ROCTA_ASSIGN_OR_RETURN(auto offset, integer("offset", 0, 1000000));
    if (limit) p.limit = static_cast<int>(*limit);
    if (offset) p.offset = static_cast<int>(*offset);
    return p;
  }
  // `sort` and `order` against the list's sort columns (core/list_sort.h): 400 naming the one at fault.
  Result<ListSort> sort(const std::vector<std::string>& columns) const {
    return parse_list_sort(str("sort"), str("order"), columns);
  }
  Result<json> body() const {
    if (req.body.empty()) return invalid("a JSON body is required");
    json j = json::parse(req.body, nullptr, false);
    if (j.is_discarded()) return invalid("the body is not valid JSON");
    if (!j.is_object()) return invalid("the body must be a JSON object");
    return j;
  }
};


template <typename T>
inline json page_json(const Page<T>& page, const PageRequest& req) {
  json items = json::array();
  for (const auto& r : page.items) items.push_back(jc::to_json(r));
  return {{"items", items},         {"total", page.total},   {"total_exact", page.total_exact}, {"ranked_newest", page.ranked_newest},
          {"limit", req.limit}, {"offset", req.offset}};
}

using json_codec::only_fields;
using json_codec::string_field;

template <typename T>
inline HttpResponse ok(const T& value, int status = 200) {
  return json_response(status, jc::to_json(value));
}


// The master list's routes (routes_master_list.cc).
struct RouteSpec;
void add_master_list_routes(std::vector<RouteSpec>& routes);
// Disruptions and the SOC figures (routes_disruptions.cc).
void add_disruption_routes(std::vector<RouteSpec>& routes);
// Tasking, 4P plans and local profiles (routes_tasking.cc).
void add_tasking_routes(std::vector<RouteSpec>& routes);
// Intelligence routing, SIUs, sharing agreements, signals, access requests (routes_sharing.cc).
void add_sharing_routes(std::vector<RouteSpec>& routes);
// Search across threats, nominals and intelligence (routes_search.cc).
void add_search_routes(std::vector<RouteSpec>& routes);
// Record linkage: match runs, the review queue, known elsewhere, lookups (routes_linkage.cc).
void add_linkage_routes(std::vector<RouteSpec>& routes);
// Network analysis: networks, paths, exports, changes after a disruption (routes_network.cc).
void add_network_routes(std::vector<RouteSpec>& routes);
// SCPO monitoring: queue, orders, checks, breaches, support, figures (routes_scpo.cc).
void add_scpo_routes(std::vector<RouteSpec>& routes);
// People: names for ids, the person picker (routes_people.cc).
void add_people_routes(std::vector<RouteSpec>& routes);
// Compartment grants: proposed, approved by the SIU (routes_compartments.cc).
void add_compartment_routes(std::vector<RouteSpec>& routes);
// Thematic disruptions and their figures (routes_thematic.cc).
void add_thematic_routes(std::vector<RouteSpec>& routes);
// The SIU check of an assessment: replies, its state, the consultation rate (routes_siu_checks.cc).
void add_siu_check_routes(std::vector<RouteSpec>& routes);
// Capability: the report, FI demand items, posts, asset cases, covert records (routes_capability.cc).
void add_capability_routes(std::vector<RouteSpec>& routes);
// Areas, places, incidents, hotspots and briefings (routes_places.cc).
void add_place_routes(std::vector<RouteSpec>& routes);
// POST /api/v1/nominals: records a nominal and answers with who else knows the person.
Result<HttpResponse> post_nominal(struct Ctx& c);

}  // namespace rocta::api
