// The schema's migrations: one description of each, one numbering, for both databases.
//
// Each adapter applies migrations()[version - 1] rendered in its dialect, in order, and
// records the version it reached (SQLite: PRAGMA user_version; PostgreSQL: the
// schema_migrations table). A migration that one database does not need renders as nothing
// there, so the numbers stay the same on both.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace rocta::sql {

enum class Dialect { kSqlite, kPostgres };

struct Migration {
  int version = 0;
  std::string_view what;  // what it adds, for people
  std::string_view ddl;   // in the notation migrations.cc describes; use render()
};

// In version order, numbered from 1 without gaps.
const std::vector<Migration>& migrations();
int latest_schema_version();
// The statements of `m` as `dialect` runs them (may be blank).
std::string render(const Migration& m, Dialect dialect);

}  // namespace rocta::sql
