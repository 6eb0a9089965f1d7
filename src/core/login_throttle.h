// Throttling of failed log-ins: after `free_failures` failures for one key (a username at an
// address, an address, a username) within the window, each further attempt waits, doubling
// per failure up to the maximum. Pure state; the caller holds it, locks it and passes the
// time in.
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>

namespace rocta {

class LoginThrottle {
 public:
  static constexpr int kFreeFailures = 5;
  static constexpr int64_t kWindowMs = 15 * 60 * 1000;
  static constexpr int64_t kBaseLockoutMs = 30 * 1000;
  static constexpr int64_t kMaxLockoutMs = 15 * 60 * 1000;
  // For one username at one address (app/app.h): a guesser there backs off for longer and
  // longer, and is remembered for a day, while the same user elsewhere is not held up.
  static constexpr int64_t kPairWindowMs = 24LL * 3600 * 1000;
  static constexpr int64_t kPairBaseLockoutMs = 60 * 1000;
  static constexpr int64_t kPairMaxLockoutMs = 6LL * 3600 * 1000;

  // `free_failures`: failures allowed in a window before waits begin.
  explicit LoginThrottle(int free_failures = kFreeFailures, int64_t window_ms = kWindowMs,
                         int64_t base_lockout_ms = kBaseLockoutMs, int64_t max_lockout_ms = kMaxLockoutMs)
      : free_failures_(free_failures), window_ms_(window_ms), base_lockout_ms_(base_lockout_ms), max_lockout_ms_(max_lockout_ms) {}

  // Milliseconds the key must still wait before trying again; 0 when it may try now.
  int64_t wait_ms(const std::string& key, int64_t now_ms) const;
  void record_failure(const std::string& key, int64_t now_ms);
  void record_success(const std::string& key);

 private:
  struct Entry {
    int failures = 0;
    int64_t first_ms = 0;
    int64_t locked_until_ms = 0;
  };
  int free_failures_;
  int64_t window_ms_, base_lockout_ms_, max_lockout_ms_;
  std::unordered_map<std::string, Entry> entries_;
};

}  // namespace rocta
