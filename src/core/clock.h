// Time and randomness come into the domain from outside, through these interfaces, so that
// tests fix them.
#pragma once

#include <cstdint>
#include <string>

namespace rocta {

class Clock {
 public:
  virtual ~Clock() = default;
  virtual int64_t now_ms() const = 0;  // Unix time in milliseconds, UTC
};

// "2026-11-25T09:03:39.123Z" and "2026-11-25".
std::string iso_timestamp(int64_t unix_ms);
std::string iso_date(int64_t unix_ms);

}  // namespace rocta
