// Commodities: when a deal line counts as in use, and what a commodity must carry.
#include "core/commodity.h"

#include <gtest/gtest.h>

namespace rocta {
namespace {

TEST(CommodityTest, InUseFromOpeningUntilTheDayItClosed) {
  Commodity c;
  c.opened = "2023-01-10";
  c.closed = "2024-06-01";
  EXPECT_FALSE(in_use_on(c, "2023-01-09"));
  EXPECT_TRUE(in_use_on(c, "2023-01-10"));
  EXPECT_TRUE(in_use_on(c, "2024-05-31"));
  EXPECT_FALSE(in_use_on(c, "2024-06-01"));  // closed that day: gone from the network as at it
  c.opened.clear();
  c.closed.clear();
  EXPECT_TRUE(in_use_on(c, "1999-01-01"));  // dates not known: always there
}

TEST(CommodityTest, KindsReadAndWriteBack) {
  for (CommodityKind k : {CommodityKind::kPhone, CommodityKind::kVehicle, CommodityKind::kAddress, CommodityKind::kAccount})
    EXPECT_EQ(parse_commodity_kind(to_string(k)), k);
  EXPECT_FALSE(parse_commodity_kind("boat").has_value());
}

TEST(CommodityTest, ValidationNamesTheField) {
  Commodity c;
  c.value = "07700 900123";
  EXPECT_TRUE(validate_commodity(c).is_ok());
  Commodity empty = c;
  empty.value = "  ";
  EXPECT_EQ(validate_commodity(empty).field(), "value");
  Commodity backwards = c;
  backwards.opened = "2024-01-02";
  backwards.closed = "2024-01-01";
  EXPECT_EQ(validate_commodity(backwards).field(), "closed");
  Commodity by_disruption_without_date = c;
  by_disruption_without_date.closed_by_disruption = 7;
  EXPECT_EQ(validate_commodity(by_disruption_without_date).field(), "closed");
  Commodity bad_date = c;
  bad_date.opened = "2024-13-01";
  EXPECT_EQ(validate_commodity(bad_date).field(), "opened");
}

}  // namespace
}  // namespace rocta
