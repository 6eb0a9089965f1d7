// Proposals to give a user an SIU compartment, and their decisions (core/compartment_grant.h).
// Not marked material: who was proposed for what, by whom, and who decided. app/ decides
// who reads and writes them.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/compartment_grant.h"
#include "core/status.h"

namespace rocta {

class CompartmentGrantRepository {
 public:
  virtual ~CompartmentGrantRepository() = default;
  virtual Result<int64_t> insert(const CompartmentGrant& g) = 0;
  virtual Result<CompartmentGrant> get(int64_t id) = 0;
  // Saves the decision of a proposal still open; Conflict when it was decided already.
  virtual Status decide(const CompartmentGrant& g) = 0;
  // Proposals for any of `compartments` or made by `proposer` (0: none), newest first.
  virtual Result<std::vector<CompartmentGrant>> list(const std::vector<std::string>& compartments, int64_t proposer) = 0;
  // Whether `user_id` has an open proposal for `compartment`.
  virtual Result<bool> open_for(int64_t user_id, const std::string& compartment) = 0;
};

}  // namespace rocta
