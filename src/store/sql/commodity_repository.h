// How commodities map to their table, for the shared Marked repository (repositories.h).
#pragma once

#include <string>
#include <vector>

#include "store/commodity_repository.h"
#include "store/sql/sql.h"

namespace rocta::sql {

struct CommodityTraits {
  using Record = Commodity;
  using Query = CommodityQuery;
  static constexpr const char* kTable = "commodities";
  static constexpr const char* kKind = "commodity";
  static constexpr const char* kNoun = "commodity";
  static std::string order(const CommodityQuery&) { return "r.kind, r.value, r.id"; }
  static bool own_first(const CommodityQuery&) { return true; }
  template <typename D>
  static std::string sort_expression(const std::string&) { return ""; }  // no sort columns

  static std::vector<std::string> columns() {
    return {"kind", "value", "description", "opened", "closed", "closed_by_disruption"};
  }
  static std::vector<Value> values(const Commodity& c) {
    return {std::string(to_string(c.kind)), c.value, c.description, c.opened, c.closed, c.closed_by_disruption};
  }
  template <typename Row>
  static void read(const Row& st, int& col, Commodity& c) {
    c.kind = parse_commodity_kind(st.text_at(col++)).value_or(CommodityKind::kPhone);
    c.value = st.text_at(col++);
    c.description = st.text_at(col++);
    c.opened = st.text_at(col++);
    c.closed = st.text_at(col++);
    c.closed_by_disruption = st.int_at(col++);
  }
  static void filters(Sql& sql, const CommodityQuery& q) {
    if (q.kind) sql.add(" AND r.kind = ?", std::string(to_string(*q.kind)));
    if (!q.value.empty()) sql.add(" AND r.value = ?", q.value);
    if (!q.owning_agency.empty()) sql.add(" AND r.owner = ?", q.owning_agency);
  }
};

}  // namespace rocta::sql
