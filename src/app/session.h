// Logging in and out, and turning a bearer token back into a Caller.
#pragma once

#include <string>

#include "app/app.h"

namespace rocta {

struct SessionGrant {
  std::string token;  // shown once; only its SHA-256 is stored
  int64_t expires_ms = 0;
  User user;
};

// Unauthenticated for a wrong username or password alike (no hint which); ResourceExhausted
// with retry_after_s when the username or origin has failed too often.
Result<SessionGrant> log_in(App& app, const std::string& username, const std::string& password, const std::string& origin);
Status log_out(App& app, const Caller& caller, const std::string& token);
// Unauthenticated when the token is unknown, expired, or its user deactivated.
Result<Caller> authenticate(App& app, const std::string& token, const std::string& origin);

// The operator at the command line acting as a named user (import, export, lists): that
// user's rules apply, with origin "cli" and the purpose given. NotFound for an unknown
// username, PermissionDenied for a deactivated user. Not a log-in: the operator holds the
// database itself, so no password is asked and nothing is throttled.
Result<Caller> operator_acting_as(App& app, const std::string& username, const std::string& purpose);

}  // namespace rocta
