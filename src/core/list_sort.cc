#include "core/list_sort.h"

#include <algorithm>

namespace rocta {

const std::vector<std::string>& threat_sort_columns() {
  static const std::vector<std::string> k{"reference", "name",         "threat_type", "owning_agency",   "tier",
                                          "phase",     "primary_crime_type", "county_lines", "morile_score", "reassess_by"};
  return k;
}

const std::vector<std::string>& nominal_sort_columns() {
  static const std::vector<std::string> k{"reference", "surname", "given_names", "date_of_birth", "postcode", "owning_agency"};
  return k;
}

const std::vector<std::string>& intelligence_sort_columns() {
  static const std::vector<std::string> k{"reference", "title", "received_date", "classification", "owning_agency"};
  return k;
}

// Not by title, owner or threat: a task about a threat the reader may only be signalled
// shows none of them, and an order by what is withheld would tell it.
const std::vector<std::string>& task_sort_columns() {
  static const std::vector<std::string> k{"assigned_agency", "agency", "deadline", "status"};
  return k;
}

Result<ListSort> parse_list_sort(std::string_view column, std::string_view order, const std::vector<std::string>& columns) {
  ListSort s;
  if (column.empty()) {
    if (!order.empty()) return invalid("order needs a column to sort by: give sort as well", "order");
    return s;
  }
  if (std::find(columns.begin(), columns.end(), column) == columns.end()) {
    std::string names;
    for (const auto& c : columns) names += (names.empty() ? "" : ", ") + c;
    return invalid("this list sorts by " + names + "; not by '" + std::string(column) + "'", "sort");
  }
  if (order == "desc") s.descending = true;
  else if (!order.empty() && order != "asc") return invalid("order is asc or desc", "order");
  s.column = std::string(column);
  return s;
}

}  // namespace rocta
