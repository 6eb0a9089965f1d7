#include "core/commodity.h"

#include "core/text.h"

namespace rocta {

std::string_view to_string(CommodityKind k) {
  switch (k) {
    case CommodityKind::kPhone: return "phone";
    case CommodityKind::kVehicle: return "vehicle";
    case CommodityKind::kAddress: return "address";
    case CommodityKind::kAccount: return "account";
  }
  return "phone";
}

std::optional<CommodityKind> parse_commodity_kind(std::string_view s) {
  for (CommodityKind k : {CommodityKind::kPhone, CommodityKind::kVehicle, CommodityKind::kAddress, CommodityKind::kAccount})
    if (to_string(k) == s) return k;
  return std::nullopt;
}

bool in_use_on(const Commodity& c, std::string_view day) {
  return (c.opened.empty() || c.opened <= day) && (c.closed.empty() || c.closed > day);
}

Status validate_commodity(const Commodity& c) {
  if (trim(c.value).empty() || c.value.size() > 200) return invalid("value is required (at most 200 characters)", "value");
  if (c.description.size() > 500) return invalid("description is at most 500 characters", "description");
  if (!c.opened.empty() && !is_iso_date(c.opened)) return invalid("opened must be written YYYY-MM-DD", "opened");
  if (!c.closed.empty() && !is_iso_date(c.closed)) return invalid("closed must be written YYYY-MM-DD", "closed");
  if (!c.opened.empty() && !c.closed.empty() && c.closed < c.opened)
    return invalid("a commodity cannot close before it opened", "closed");
  if (c.closed_by_disruption < 0) return invalid("closed_by_disruption is a disruption id", "closed_by_disruption");
  if (c.closed_by_disruption > 0 && c.closed.empty())
    return invalid("a commodity closed by a disruption needs the date it closed", "closed");
  return Status::ok();  // the marking is checked where its agencies can be looked up (app/)
}

}  // namespace rocta
