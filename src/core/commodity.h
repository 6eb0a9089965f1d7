// A commodity an organised crime group uses: a phone number (a county-lines deal line), a
// vehicle, an address or a bank account. It is marked like every record (the policy reads
// it as it reads a nominal) and is linked to the people and threats that use it.
//
// A deal line has the dates it was in use: opened, and closed (by a disruption when one
// closed it, as Operation Orochi closed 952), so the network as at a date holds it only
// while it was open.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/marking.h"
#include "core/status.h"

namespace rocta {

enum class CommodityKind { kPhone, kVehicle, kAddress, kAccount };
std::string_view to_string(CommodityKind k);  // "phone", "vehicle", "address", "account"
std::optional<CommodityKind> parse_commodity_kind(std::string_view s);

struct Commodity {
  int64_t id = 0;
  std::string reference;  // "MPS-COM-000007"
  CommodityKind kind = CommodityKind::kPhone;
  std::string value;        // the number, registration, address or sort code and account
  std::string description;  // "deal line 'Kash'", "black Audi A3"
  std::string opened;       // YYYY-MM-DD first known in use; may be empty
  std::string closed;       // YYYY-MM-DD no longer in use; empty while in use
  int64_t closed_by_disruption = 0;  // the disruption that closed it; 0: none
  Marking marking;
  int64_t version = 0;
  std::string created_at, updated_at;
  int64_t created_by = 0;
};

// Whether the commodity was in use on `day` (YYYY-MM-DD): opened on or before it (or not
// known) and not closed by then.
bool in_use_on(const Commodity& c, std::string_view day);

// Its own fields; app/ checks the marking (which needs the agencies).
Status validate_commodity(const Commodity& c);

}  // namespace rocta
