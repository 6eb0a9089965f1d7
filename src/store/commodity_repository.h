// The commodity repository: phones, vehicles, addresses and accounts, marked records read
// through the same policy predicate as every other (store.h MarkedRepository). Lists take
// no text (commodities have no full-text index): a value is found by `value`.
#pragma once

#include <optional>
#include <string>

#include "core/commodity.h"
#include "core/list_sort.h"
#include "store/page.h"
#include "store/marked_repository.h"
#include "store/store.h"

namespace rocta {

struct CommodityQuery {
  std::string text;  // must be empty: no full-text search over commodities
  std::optional<CommodityKind> kind;
  std::string value;  // exactly this number, registration, address or account
  std::string owning_agency;
  ListSort sort;  // commodities sort by no column yet: left unset (the kind's own order)
  PageRequest page;
  SearchBounds bounds;
};

}  // namespace rocta
