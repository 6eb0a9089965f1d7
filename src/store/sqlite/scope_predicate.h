// The access policy as SQL: core's ReadScope turned into a WHERE fragment. Keep in step
// with core/policy.cc admits(); the property tests hold the two against each other.
#pragma once

#include <string>

#include "core/policy.h"
#include "store/sqlite/sqlite_db.h"

namespace rocta::sqlite {

// Appends "(…)" that is true exactly for rows of `table` (aliased `alias`, joined to its
// owning agency as `oa`) that `scope` admits. `kind` is the record_shares kind.
void append_scope_predicate(Sql& sql, const ReadScope& scope, const std::string& alias, const std::string& kind);

// FTS5 query text for a text match: each word quoted, matched as a prefix unless it is
// whole, all required. Empty when nothing searchable remains.
std::string fts_query(const sql::TextMatch& m);

}  // namespace rocta::sqlite
