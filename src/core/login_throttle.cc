#include "core/login_throttle.h"

#include <algorithm>

namespace rocta {

int64_t LoginThrottle::wait_ms(const std::string& key, int64_t now_ms) const {
  auto it = entries_.find(key);
  if (it == entries_.end()) return 0;
  return std::max<int64_t>(0, it->second.locked_until_ms - now_ms);
}

void LoginThrottle::record_failure(const std::string& key, int64_t now_ms) {
  // Bound memory under a flood of distinct keys: forget entries whose window has passed.
  if (entries_.size() > 100000) {
    std::erase_if(entries_, [&](const auto& kv) {
      return now_ms - kv.second.first_ms > window_ms_ && kv.second.locked_until_ms <= now_ms;
    });
  }
  Entry& e = entries_[key];
  if (e.failures == 0 || now_ms - e.first_ms > window_ms_) e = Entry{0, now_ms, 0};
  ++e.failures;
  if (e.failures >= free_failures_) {
    const int over = std::min(e.failures - free_failures_, 20);
    e.locked_until_ms = now_ms + std::min(max_lockout_ms_, base_lockout_ms_ << over);
  }
}

void LoginThrottle::record_success(const std::string& key) { entries_.erase(key); }

}  // namespace rocta
