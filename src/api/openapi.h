// The route table's shape, and the OpenAPI description generated from it, so that every
// route is described and nothing is described that is not routed.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "api/http.h"

namespace rocta::api {

struct Ctx;

struct QueryParam {
  std::string name;
  std::string type;  // "string", "integer", "boolean"
  std::string description;
};

struct RouteSpec {
  std::string method;
  std::string pattern;  // "/api/v1/threats/{id}"
  std::string summary;
  bool auth = true;
  std::vector<QueryParam> query;
  std::string request_schema;   // a component name, or empty
  std::string response_schema;  // a component name, or empty
  int success = 200;
  std::function<Result<HttpResponse>(Ctx&)> handler;
};

nlohmann::json build_openapi(const std::vector<RouteSpec>& routes);
// The schemas of tasking, 4P plans and local profiles (routes_tasking.cc).
void add_tasking_schemas(nlohmann::json& schemas);
// The schemas of intelligence routing and sharing (routes_sharing.cc).
void add_sharing_schemas(nlohmann::json& schemas);
void add_linkage_schemas(nlohmann::json& schemas);
// The schemas of network analysis (routes_network.cc).
void add_network_schemas(nlohmann::json& schemas);
void add_compartment_schemas(nlohmann::json& schemas);
void add_thematic_schemas(nlohmann::json& schemas);
void add_siu_check_schemas(nlohmann::json& schemas);
// The schemas of search (routes_search.cc).
void add_search_schemas(nlohmann::json& schemas);
// The schemas of SCPO monitoring (routes_scpo.cc).
void add_scpo_schemas(nlohmann::json& schemas);
// The schemas of capability (routes_capability.cc).
void add_capability_schemas(nlohmann::json& schemas);
void add_people_schemas(nlohmann::json& schemas);
// The schemas of places (routes_places.cc).
void add_place_schemas(nlohmann::json& schemas);

}  // namespace rocta::api
