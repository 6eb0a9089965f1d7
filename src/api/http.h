// The HTTP shapes the API works on, independent of the server library, so routes can be
// tested and benchmarked without a socket.
#pragma once

#include <map>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/status.h"

namespace rocta::api {

struct HttpRequest {
  std::string method;  // "GET", "POST", …
  std::string target;  // path and query as received
  std::string body;
  std::string authorization;  // the Authorization header
  std::string purpose;        // the X-Rocta-Purpose header
  std::string content_type;
  std::string remote;         // peer address
};

struct HttpResponse {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
};

// RFC 9457 problem details. The type is "/problems/<reason or code>".
HttpResponse problem(const Status& status);
HttpResponse problem(int http_status, const std::string& type, const std::string& title, const std::string& detail);
HttpResponse json_response(int status, const nlohmann::json& body);
int http_status_of(Code code);

}  // namespace rocta::api
