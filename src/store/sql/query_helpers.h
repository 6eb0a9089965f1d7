// Running statements and reading rows, for the SQL repositories: the small steps every
// repository takes, and how a marking is read and a record's shares are kept.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/link.h"
#include "core/marking.h"
#include "core/status.h"
#include "store/sql/sql.h"

namespace rocta::sql {

inline Status not_found_status(const std::string& what) { return not_found(what + " not found"); }

// Runs a statement that returns one integer (an INSERT … RETURNING id, a count).
template <typename Connection>
Result<int64_t> one_integer(Connection& db, const std::string& sql, const std::vector<Value>& params) {
  ROCTA_ASSIGN_OR_RETURN(auto* st, db.prepare(sql));
  st->bind_all(params);
  ROCTA_ASSIGN_OR_RETURN(bool row, st->step());
  const int64_t v = row ? st->int_at(0) : 0;
  st->reset();
  if (!row) return Status(Code::kInternal, "the statement returned no row");
  return v;
}

// Runs a statement that returns nothing.
template <typename Connection>
Status run(Connection& db, const std::string& sql, const std::vector<Value>& params) {
  ROCTA_ASSIGN_OR_RETURN(auto* st, db.prepare(sql));
  st->bind_all(params);
  return st->run();
}

// Calls `on_row(statement)` for every row of a query.
template <typename Connection, typename OnRow>
Status each_row(Connection& db, const std::string& sql, const std::vector<Value>& params, OnRow on_row) {
  ROCTA_ASSIGN_OR_RETURN(auto* st, db.prepare(sql));
  st->bind_all(params);
  return st->each([&] { on_row(*st); });
}

// Every row of a query, each turned into a T by `read(statement)`.
template <typename T, typename Connection, typename Read>
Result<std::vector<T>> all_rows(Connection& db, const std::string& sql, const std::vector<Value>& params, Read read) {
  std::vector<T> out;
  ROCTA_RETURN_IF_ERROR(each_row(db, sql, params, [&](const auto& st) { out.push_back(read(st)); }));
  return out;
}

// The first row of a query turned into a T, or NotFound naming `what`.
template <typename T, typename Connection, typename Read>
Result<T> one_row(Connection& db, const std::string& sql, const std::vector<Value>& params, const std::string& what, Read read) {
  ROCTA_ASSIGN_OR_RETURN(auto* st, db.prepare(sql));
  st->bind_all(params);
  ROCTA_ASSIGN_OR_RETURN(bool row, st->step());
  if (!row) return not_found_status(what);
  T out = read(*st);
  st->reset();
  return out;
}


inline const char* table_of(RecordKind k) {
  switch (k) {
    case RecordKind::kThreat: return "threats";
    case RecordKind::kNominal: return "nominals";
    case RecordKind::kIntelligence: return "intelligence";
  }
  return "threats";
}

// The columns of a marking after the owner, in the order read_marking() reads them.
constexpr const char* kMarkingColumns = "r.classification, r.sensitive, r.handling, r.handling_conditions, r.compartment, r.scope";

// Reads the marking columns (owner, then kMarkingColumns) from column `c` on.
template <typename Row>
void read_marking(const Row& st, int& c, Marking& m) {
  m.owning_agency = st.text_at(c++);
  m.classification = static_cast<Classification>(st.int_at(c++));
  m.sensitive = st.int_at(c++) != 0;
  m.handling = parse_handling_code(st.text_at(c++)).value_or(HandlingCode::kC);
  m.handling_conditions = st.text_at(c++);
  m.compartment = st.text_at(c++);
  m.scope = static_cast<SharingScope>(st.int_at(c++));
}

template <typename Connection>
Result<std::vector<std::string>> load_shares(Connection& db, const std::string& kind, int64_t id) {
  return all_rows<std::string>(db, "SELECT agency FROM record_shares WHERE kind = ? AND record_id = ? ORDER BY agency", {kind, id},
                               [](const auto& st) { return st.text_at(0); });
}

// Writes a record's shares; `replace` first removes those it had (a new record has none).
template <typename Connection>
Status save_shares(Connection& db, const std::string& kind, int64_t id, const std::vector<std::string>& agencies, bool replace) {
  if (replace) ROCTA_RETURN_IF_ERROR(run(db, "DELETE FROM record_shares WHERE kind = ? AND record_id = ?", {kind, id}));
  for (const auto& a : agencies) {
    if (!run(db, "INSERT INTO record_shares(kind, record_id, agency) VALUES (?,?,?)", {kind, id, a}).is_ok())
      return invalid("shared_with names an unknown agency '" + a + "'", "marking.shared_with");
  }
  return Status::ok();
}

}  // namespace rocta::sql
