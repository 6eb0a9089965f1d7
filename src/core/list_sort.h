// The order a reader asks a list for: one of the list's columns, ascending or descending.
//
// Each list names the columns it sorts by (a whitelist: the names the API takes, never
// SQL); the stores map each name to an expression and break ties by the record's id in the
// same direction, so that a sorted list pages without gaps or repeats. Sorting never
// changes what the list holds: the reader's policy and filters apply as before.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace rocta {

struct ListSort {
  std::string column;  // one of the list's sort columns; empty: the list's own order
  bool descending = false;

  bool is_set() const { return !column.empty(); }
};

// The columns each list sorts by, as the API names them.
const std::vector<std::string>& threat_sort_columns();
const std::vector<std::string>& nominal_sort_columns();
const std::vector<std::string>& intelligence_sort_columns();
const std::vector<std::string>& task_sort_columns();

// `sort` and `order` as a reader sends them: InvalidArgument naming "sort" for a column the
// list does not sort by, naming "order" for anything but asc or desc (or an order without a
// column). Both empty: the list's own order.
Result<ListSort> parse_list_sort(std::string_view column, std::string_view order, const std::vector<std::string>& columns);

}  // namespace rocta
