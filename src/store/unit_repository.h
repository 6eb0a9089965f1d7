// Units of agencies: BCUs, SIUs, ROCTA, partner teams.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/organisation.h"
#include "core/status.h"

namespace rocta {

class UnitRepository {
 public:
  virtual ~UnitRepository() = default;
  virtual Result<std::vector<Unit>> list(const std::string& agency /* empty: all */) = 0;
  virtual Result<Unit> get(int64_t id) = 0;
  virtual Result<int64_t> insert(const Unit& u) = 0;
  // Conflict when the stored version is not `u.version - 1`; NotFound when absent.
  virtual Status update(const Unit& u) = 0;
};

}  // namespace rocta
