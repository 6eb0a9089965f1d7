#include "api/http.h"

namespace rocta::api {

int http_status_of(Code code) {
  switch (code) {
    case Code::kOk: return 200;
    case Code::kInvalidArgument: return 400;
    case Code::kUnauthenticated: return 401;
    case Code::kPermissionDenied: return 403;
    case Code::kNotFound: return 404;
    case Code::kAlreadyExists: return 409;
    case Code::kConflict: return 409;
    case Code::kFailedPrecondition: return 412;
    case Code::kResourceExhausted: return 429;
    case Code::kUnavailable: return 503;
    case Code::kInternal: return 500;
  }
  return 500;
}

namespace {

const char* title_of(int status) {
  switch (status) {
    case 400: return "Bad request";
    case 401: return "Sign in required";
    case 403: return "Not allowed";
    case 404: return "Not found";
    case 405: return "Method not allowed";
    case 409: return "Conflict";
    case 412: return "Precondition failed";
    case 413: return "Body too large";
    case 415: return "Unsupported media type";
    case 428: return "Purpose required";
    case 429: return "Too many requests";
    case 503: return "Unavailable";
    default: return "Internal error";
  }
}

}  // namespace

HttpResponse problem(int http_status, const std::string& type, const std::string& title, const std::string& detail) {
  HttpResponse r;
  r.status = http_status;
  r.content_type = "application/problem+json";
  r.body = nlohmann::json{{"type", "/problems/" + type}, {"title", title}, {"status", http_status}, {"detail", detail}}
               .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return r;
}

HttpResponse problem(const Status& s) {
  int status = http_status_of(s.code());
  // A purpose is a precondition the client can meet: 428 Precondition Required.
  if (s.reason() == "purpose-required") status = 428;
  const std::string type = s.reason().empty() ? code_name(s.code()) : s.reason();
  // Internal details stay in the server log; the client gets a stable message.
  const std::string detail = s.code() == Code::kInternal ? "internal error; the incident is logged" : s.message();
  nlohmann::json body{{"type", "/problems/" + type}, {"title", title_of(status)}, {"status", status}, {"detail", detail}};
  if (!s.field().empty()) body["field"] = s.field();
  HttpResponse r;
  r.status = status;
  r.content_type = "application/problem+json";
  r.body = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  if (s.retry_after_s() > 0) r.headers.emplace_back("Retry-After", std::to_string(s.retry_after_s()));
  if (status == 401) r.headers.emplace_back("WWW-Authenticate", "Bearer");
  return r;
}

HttpResponse json_response(int status, const nlohmann::json& body) {
  HttpResponse r;
  r.status = status;
  r.body = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return r;
}

}  // namespace rocta::api
