// The API: routes from HTTP to app/ functions, and the static web UI.
#pragma once

#include <memory>
#include <string>

#include "api/http.h"
#include "app/app.h"

namespace rocta::api {

class Api {
 public:
  Api(App& app, std::string web_root);
  ~Api();
  // Never throws; every failure is a problem+json response.
  HttpResponse handle(const HttpRequest& request);
  // The OpenAPI 3.1 description of every route.
  const nlohmann::json& openapi() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace rocta::api
