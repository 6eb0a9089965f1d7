// What an SQL adapter supplies to the repositories written once for every SQL adapter
// (store/sql/*_repository.h).
//
// An adapter instantiates them with its Dialect, a struct that supplies:
//
//   using Connection = …;  // Result<Statement*> prepare(const std::string& sql): a cached
//                          //   statement, reset and unbound; int changes() const: the rows
//                          //   the last statement run on it changed
//   using Statement = …;   // bind_all(params); bind(i, value); bind_text(i, view): text
//                          //   that outlives the run, not copied where the database can
//                          //   avoid it; Result<bool> step(); Status run();
//                          //   Status each(on_row); reset(); int_at, real_at, text_at,
//                          //   text_view_at (valid until the next step), is_null(col)
//   static void append_scope_predicate(Sql&, const ReadScope&, const std::string& alias,
//                                      const std::string& kind);
//       // "(…)", true exactly for rows of the table aliased `alias` that core's admits()
//       // lets the reader see; `kind` is the record_shares kind
//   static std::string append_text_search(Sql& from, const std::string& table,
//                                         const TextMatch& m);
//       // joins `from` (the record table aliased r) to the rows matching every word of
//       // `m` (a prefix unless whole), from id m.newest_from on; returns their score
//       // (higher is better), the list's rank. Appends nothing and returns "" when m is empty.
//   static std::string append_ranked_search(Sql& from, const std::string& table,
//                                           const std::string& heading, const TextMatch& m);
//       // as append_text_search, but the search's score, under which a match in `heading`
//       // (an expression over r: reference and title) outranks one only in the rest
//   static constexpr bool kRanksFromIndex;
//       // true when the text index alone gives a match's score (no record read), so that a
//       // search reads each kind's best matches first (ranked_page.h); then also:
//   static Sql best_matches(const std::string& table, const std::string& heading,
//                           const TextMatch& m, int64_t limit);
//       // "SELECT fid, fscore": the ids and scores of the `limit` best matches, best first,
//       // from the text index alone; fscore is exactly append_ranked_search's score with
//       // `heading`, append_text_search's with "". Only called when something searchable
//       // was typed.
//   static Sql snippets(const std::string& table, const std::string& heading,
//                       const std::string& body, const TextMatch& m,
//                       const std::vector<int64_t>& ids);
//       // "SELECT id, snippet" for those ids of `table`: the best fragment of the record's
//       // text, each matched word between kHitOpen and kHitClose (store/search_repository.h)
//   static void append_id_in(Sql&, const std::string& column, const std::vector<int64_t>&);
//       // "column IN (the ids)"
//   static constexpr bool kRanksNewestOfCommonText;
//       // true: a very common text ranks its newest matches (text_match.h); then also:
//   static Sql count_matches(const std::string& table, const TextMatch& m, int64_t limit);
//       // "SELECT count(*)" of the records matching `m`, counted up to `limit`
//   static Sql nth_newest_match(const std::string& table, const TextMatch& m, int64_t n);
//       // "SELECT id" of the nth newest record matching `m`, no row when fewer match
//
// and, for loading many rows at once (store/sql/disruption_repository.h):
//
//   using BulkInsert = …;  // BulkInsert(Connection&, "table(columns)", column_count);
//                          //   put(text view, string, int64_t or nullptr) column by
//                          //   column; Status end_row(); Status finish() writes the rest
//   static constexpr const char* kLineColumn;  // "line …": numbers a staging table's rows
//   static const std::vector<std::string>& bulk_begin();   // settings for the load
//   static const Rebuild& bulk_rebuild(std::string_view table);
//       // what to drop before loading many rows into `table` and restore after
//   static std::string ids_taken(const std::string& table);
//       // after rows were written with ids of their own: what makes the next id follow
//       // them ("" when the database does so by itself)
//   static std::string analyze(const std::string& tables);  // fresh statistics ("": none needed)
//
// The SQL here keeps to what SQLite and PostgreSQL read alike (`?` parameters, RETURNING,
// ON CONFLICT); only the access predicate and the text search differ, and those the
// dialect writes.
#pragma once

#include <string>
#include <vector>

namespace rocta::sql {

// What loading many rows into a table drops first and restores after, rather than maintain
// row by row (a dialect's bulk_rebuild()).
struct Rebuild {
  std::vector<std::string> drop, restore;
};


}  // namespace rocta::sql
