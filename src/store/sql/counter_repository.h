// Reference counters in SQL.
#pragma once

#include <string>

#include "store/counter_repository.h"
#include "store/sql/query_helpers.h"

namespace rocta::sql {

template <typename D>
class Counters final : public CounterRepository {
 public:
  explicit Counters(typename D::Connection& db) : db_(db) {}
  Result<int64_t> next(const std::string& agency, const std::string& series) override {
    return one_integer(db_,
                       "INSERT INTO counters(agency, series, value) VALUES (?, ?, 1) "
                       "ON CONFLICT(agency, series) DO UPDATE SET value = counters.value + 1 RETURNING value",
                       {agency, series});
  }

 private:
  typename D::Connection& db_;
};


}  // namespace rocta::sql
