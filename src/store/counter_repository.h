// Per-agency counters for human-readable references.
#pragma once

#include <cstdint>
#include <string>

#include "core/status.h"

namespace rocta {

class CounterRepository {
 public:
  virtual ~CounterRepository() = default;
  virtual Result<int64_t> next(const std::string& agency, const std::string& series) = 0;
};

}  // namespace rocta
