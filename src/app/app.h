// The application services: what every use case needs from the outside world, in one place.
//
// app/ is the only layer that opens transactions, asks the policy and writes the audit
// trail. Each user action is one function taking the App and the Caller; the HTTP API and
// the CLI call the same functions.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>

#include "core/clock.h"
#include "core/login_throttle.h"
#include "core/user.h"
#include "store/store.h"

namespace rocta {

class MatchIndex;  // app/linkage.cc: the linkage engine's lookup over every nominal

// Argon2id cost. Production uses libsodium's "interactive" limits; tests may lower them.
struct PasswordCost {
  unsigned long long ops = 2;
  size_t mem_bytes = 64u * 1024 * 1024;
  static PasswordCost interactive() { return {}; }
  static PasswordCost minimal();  // for tests only: fast and weak
};

class SystemClock final : public Clock {
 public:
  int64_t now_ms() const override;
};

struct App {
  App(Store& s, const Clock& c) : store(s), clock(c) {}
  Store& store;
  const Clock& clock;
  PasswordCost password_cost = PasswordCost::interactive();
  int64_t session_ttl_ms = 12LL * 3600 * 1000;  // a shift

  // Failed log-ins, in memory (a restart forgets them). By username AND origin together,
  // with a long back-off: a guesser at one address cannot lock a colleague out from
  // everywhere else. By origin, allowing more: many people may share one address (an
  // office, a proxy), and one of them mistyping must not lock the others out. By username
  // alone only past what one address can reach before its own lock: guessing one
  // password from many addresses.
  std::mutex throttle_mu;
  LoginThrottle pair_throttle{LoginThrottle::kFreeFailures, LoginThrottle::kPairWindowMs, LoginThrottle::kPairBaseLockoutMs,
                              LoginThrottle::kPairMaxLockoutMs};
  LoginThrottle origin_throttle{6 * LoginThrottle::kFreeFailures};
  LoginThrottle user_throttle{20 * LoginThrottle::kFreeFailures, LoginThrottle::kPairWindowMs};

  // The matching engine fitted to every nominal: built on first use, replaced by each run.
  std::mutex match_index_mu;
  std::shared_ptr<MatchIndex> match_index;
};

// Who is acting, from where, and why. Built by authenticate() or for the CLI.
struct Caller {
  User user;
  std::string origin;   // remote address, or "cli"
  std::string purpose;  // the reason given for this request; may be empty
  bool system = false;  // Rocta itself or the operator at the command line
};

// A caller for work done by Rocta itself (start-up, demo loading, CLI administration).
Caller system_caller(std::string origin = "cli");

}  // namespace rocta
