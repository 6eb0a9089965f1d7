// Agencies: forces, ROCUs, the NCA and partner agencies.
#pragma once

#include <string>
#include <vector>

#include "core/organisation.h"
#include "core/status.h"

namespace rocta {

class AgencyRepository {
 public:
  virtual ~AgencyRepository() = default;
  virtual Result<std::vector<Agency>> list() = 0;
  virtual Result<Agency> get(const std::string& code) = 0;
  virtual Status insert(const Agency& a) = 0;  // AlreadyExists on a duplicate code
  // Conflict when the stored version is not `a.version - 1`; NotFound when absent.
  virtual Status update(const Agency& a) = 0;
};

}  // namespace rocta
