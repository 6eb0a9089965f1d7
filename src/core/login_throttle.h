// Throttling of failed log-ins: after `free_failures` failures for one key (a username, or a
// remote address) within kWindow, each further attempt waits, doubling per failure up to
// kMaxLockout. Pure state; the caller holds it, locks it and passes the time in.
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>

namespace rocta {

class LoginThrottle {
 public:
  static constexpr int kFreeFailures = 5;
  // `free_failures`: failures allowed in a window before waits begin.
  explicit LoginThrottle(int free_failures = kFreeFailures) : free_failures_(free_failures) {}
  static constexpr int64_t kWindowMs = 15 * 60 * 1000;
  static constexpr int64_t kBaseLockoutMs = 30 * 1000;
  static constexpr int64_t kMaxLockoutMs = 15 * 60 * 1000;

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
  std::unordered_map<std::string, Entry> entries_;
};

}  // namespace rocta
