// The access policy and the text search as PostgreSQL SQL. Keep in step with core/policy.cc
// admits() and with the SQLite adapter: the conformance and property tests hold all three
// together.
#pragma once

#include <string>

#include "core/policy.h"
#include "store/postgres/postgres_db.h"

namespace rocta::postgres {

// Appends "(…)" that is true exactly for rows of the table aliased `alias` that `scope`
// admits. `kind` is the record_shares kind.
void append_scope_predicate(Sql& sql, const ReadScope& scope, const std::string& alias, const std::string& kind);

// to_tsquery text for a text match: each word quoted and matched as a prefix unless it is
// whole, all required ('kest':* & 'cable'). Empty when nothing searchable remains.
std::string tsquery_text(const sql::TextMatch& m);

}  // namespace rocta::postgres
