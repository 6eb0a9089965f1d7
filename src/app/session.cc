#include "app/session.h"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "app/audit_log.h"
#include "app/crypto.h"
#include "core/policy.h"
#include "store/user_repository.h"
#include "store/repository_transaction.h"
#include "store/session_repository.h"

namespace rocta {
namespace {

Status bad_credentials() { return {Code::kUnauthenticated, "wrong username or password"}; }

// Verifying against a real hash even for unknown users keeps the time of a failed log-in
// from telling which usernames exist.
const std::string& decoy_hash(const PasswordCost& cost) {
  static const std::string hash = hash_password("decoy-password-never-valid", cost).value();
  return hash;
}

Status throttled(int64_t wait_ms) {
  const int seconds = static_cast<int>((wait_ms + 999) / 1000);
  return Status(Code::kResourceExhausted,
                "too many failed log-ins; try again in " + std::to_string(seconds) + " seconds", "too-many-requests")
      .with_retry_after(seconds);
}

}  // namespace

Result<SessionGrant> log_in(App& app, const std::string& username, const std::string& password, const std::string& origin) {
  const std::string user_key = "user:" + username, origin_key = "origin:" + origin;
  const std::string pair_key = user_key + "\n" + origin_key;
  const int64_t now = app.clock.now_ms();
  {
    std::lock_guard lock(app.throttle_mu);
    const int64_t wait = std::max({app.pair_throttle.wait_ms(pair_key, now), app.origin_throttle.wait_ms(origin_key, now),
                                   app.user_throttle.wait_ms(user_key, now)});
    if (wait > 0) return throttled(wait);
  }
  Caller who = system_caller(origin);
  who.system = false;
  who.user.username = username.size() <= 64 ? username : username.substr(0, 64);
  UserRecord record;
  bool ok = false;
  {
    ROCTA_ASSIGN_OR_RETURN(auto tx, app.store.begin(TxMode::kRead));
    auto found = tx->users().find_by_username(username);
    if (found.is_ok()) {
      record = std::move(found).value();
      ok = verify_password(password, record.password_hash) && record.user.active;
    } else if (found.status().code() == Code::kNotFound) {
      (void)verify_password(password, decoy_hash(app.password_cost));
    } else {
      return found.status();
    }
  }
  if (!ok) {
    {
      std::lock_guard lock(app.throttle_mu);
      app.pair_throttle.record_failure(pair_key, now);
      app.origin_throttle.record_failure(origin_key, now);
      app.user_throttle.record_failure(user_key, now);
    }
    if (record.user.id) who.user.id = record.user.id;
    ROCTA_RETURN_IF_ERROR(append_audit_now(app, who, {"session.denied", "", 0, "{}"}));
    return bad_credentials();
  }
  {
    std::lock_guard lock(app.throttle_mu);
    app.pair_throttle.record_success(pair_key);
  }
  keep_grants_in_force(record.user, iso_date(now));
  SessionGrant grant{random_token(), now + app.session_ttl_ms, record.user};
  ROCTA_ASSIGN_OR_RETURN(auto tx, app.store.begin(TxMode::kWrite));
  ROCTA_RETURN_IF_ERROR(tx->sessions().remove_expired(now));
  ROCTA_RETURN_IF_ERROR(tx->sessions().insert({sha256_hex(grant.token), record.user.id, now, grant.expires_ms, origin}));
  who.user = record.user;
  ROCTA_RETURN_IF_ERROR(append_audit(*tx, app, who, {"session.create", "user", record.user.id, "{}"}));
  ROCTA_RETURN_IF_ERROR(tx->commit());
  return grant;
}

Status log_out(App& app, const Caller& caller, const std::string& token) {
  ROCTA_ASSIGN_OR_RETURN(auto tx, app.store.begin(TxMode::kWrite));
  ROCTA_RETURN_IF_ERROR(tx->sessions().remove(sha256_hex(token)));
  ROCTA_RETURN_IF_ERROR(append_audit(*tx, app, caller, {"session.delete", "user", caller.user.id, "{}"}));
  return tx->commit();
}

Result<Caller> authenticate(App& app, const std::string& token, const std::string& origin) {
  const Status unauthenticated(Code::kUnauthenticated, "sign in first: the session is missing, expired or ended");
  if (token.size() != 64) return unauthenticated;
  ROCTA_ASSIGN_OR_RETURN(auto tx, app.store.begin(TxMode::kRead));
  auto session = tx->sessions().find(sha256_hex(token));
  if (!session.is_ok()) return session.status().code() == Code::kNotFound ? unauthenticated : session.status();
  if (session->expires_ms <= app.clock.now_ms()) return unauthenticated;
  auto user = tx->users().get(session->user_id);
  if (!user.is_ok()) return user.status().code() == Code::kNotFound ? unauthenticated : user.status();
  if (!user->user.active) return unauthenticated;
  Caller c;
  c.user = std::move(user->user);
  keep_grants_in_force(c.user, iso_date(app.clock.now_ms()));
  c.origin = origin;
  return c;
}

Result<Caller> operator_acting_as(App& app, const std::string& username, const std::string& purpose) {
  ROCTA_ASSIGN_OR_RETURN(auto tx, app.store.begin(TxMode::kRead));
  auto r = tx->users().find_by_username(username);
  if (!r.is_ok()) return r.status().code() == Code::kNotFound ? not_found("no user '" + username + "'") : r.status();
  if (!r->user.active) return denied("user '" + username + "' is deactivated");
  Caller c;
  c.user = r->user;
  keep_grants_in_force(c.user, iso_date(app.clock.now_ms()));
  c.origin = "cli";
  c.purpose = purpose;
  return c;
}

}  // namespace rocta
