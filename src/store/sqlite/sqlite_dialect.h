// SqliteDialect: what the SQL repositories written once for every adapter (store/sql/*_repository.h)
// need to know about SQLite; the contract is store/sql/dialect.h.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/place.h"
#include "store/sqlite/sqlite_db.h"
#include "store/search_repository.h"
#include "store/sqlite/scope_predicate.h"
#include "store/sql/dialect.h"
#include "store/sql/sql.h"
#include "store/sql/text_match.h"

namespace rocta::sqlite {

using sql::Sql;

// What the shared repositories (store/sql/dialect.h) need to know about SQLite.
struct SqliteDialect {
  using Connection = sqlite::Connection;
  using Statement = sqlite::Statement;
  using BulkInsert = sqlite::BulkInsert;
  // The rowid: rows staged in order are read back in order without a sort.
  static constexpr const char* kLineColumn = "line INTEGER PRIMARY KEY";
  static const std::vector<std::string>& bulk_begin() {
    static const std::vector<std::string> k;
    return k;
  }
  // The unique (recording_agency, reference) index and the count tables' keys are part of
  // their tables and stay; foreign keys are checked by index lookups, cheap enough to keep.
  static const sql::Rebuild& bulk_rebuild(std::string_view table) {
    static const sql::Rebuild kDisruptions{{"DROP INDEX disruptions_threat"},
                                           {"CREATE INDEX disruptions_threat ON disruptions(threat_id, record_date)"}};
    static const sql::Rebuild kCounts{{"DROP INDEX disruption_counts_day"},
                                      {"CREATE INDEX disruption_counts_day ON disruption_counts(day)"}};
    static const sql::Rebuild kNone;
    return table == "disruptions" ? kDisruptions : table == "disruption_counts" ? kCounts : kNone;
  }
  // The rowid goes on after the highest by itself.
  static std::string ids_taken(const std::string&) { return ""; }
  // The figures' queries read count tables by their keys, planned the same with or without
  // statistics.
  static std::string analyze(const std::string&) { return ""; }
  // Text sorted by its bytes (SQLite's BINARY collation already does).
  static std::string byte_order(const std::string& text_expression) { return text_expression; }
  // Whether boxes live in TABLE_rtree tables beside their rows, written with them.
  static constexpr bool kRtreeTables = true;
  // "(…)": rows of `table` aliased `alias` whose box (min_x…max_y, or the point x, y where
  // `points`) meets `b`, by the spatial index (an R*Tree named table_rtree).
  static void append_box_predicate(Sql& sql, const std::string& table, const std::string& alias, const GridBox& b,
                                   bool points) {
    (void)points;
    sql.add(alias + ".id IN (SELECT id FROM " + table + "_rtree WHERE max_x >= ?", b.min_x)
        .add(" AND min_x <= ?", b.max_x).add(" AND max_y >= ?", b.min_y).add(" AND min_y <= ?)", b.max_y);
  }
  static void append_scope_predicate(Sql& sql, const ReadScope& scope, const std::string& alias, const std::string& kind) {
    sqlite::append_scope_predicate(sql, scope, alias, kind);
  }
  static std::string append_text_search(Sql& from, const std::string& table, const sql::TextMatch& m) {
    return append_ranked_search(from, table, "", m);
  }
  static std::string append_ranked_search(Sql& from, const std::string& table, const std::string& heading, const sql::TextMatch& m) {
    if (m.empty()) return "";
    from.add(" JOIN (").add(matches(table, heading, m)).add(") f ON f.fid = r.id");
    return "f.fscore";
  }
  // bm25 reads the index and FTS5's own table of column sizes, never the records: the best
  // matches come without a lookup of each match in its (wide) record table.
  static constexpr bool kRanksFromIndex = true;
  static Sql best_matches(const std::string& table, const std::string& heading, const sql::TextMatch& m, int64_t limit) {
    Sql sql = matches(table, heading, m);
    sql.add(" ORDER BY fscore DESC LIMIT ?", limit);
    return sql;
  }
  static Sql snippets(const std::string& table, const std::string&, const std::string&, const sql::TextMatch& m,
                      const std::vector<int64_t>& ids) {
    Sql sql;
    // Column -1: FTS5 picks the column whose fragment matches best. The unary + keeps the
    // ids from the index: FTS5 would run the match once per id, and a prefix's match on a
    // common word costs tens of milliseconds each time; one pass over the matches is cheaper.
    sql.add("SELECT rowid, snippet(" + table + "_fts, -1, char(2), char(3), '…', 16) FROM " + table + "_fts WHERE " + table +
                "_fts MATCH ?",
            fts_query(m));
    if (m.newest_from > 0) sql.add(" AND rowid >= ?", m.newest_from);
    sql.add(" AND ");
    append_id_in(sql, "+rowid", ids);
    return sql;
  }
  // A very common text ranks its newest matches (text_match.h); then also:
  static constexpr bool kRanksNewestOfCommonText = true;
  // How many records of `table` match `m`, counted up to `limit` (a whole word is a term
  // of the index, read without merging the terms it begins).
  static Sql count_matches(const std::string& table, const sql::TextMatch& m, int64_t limit) {
    Sql sql;
    sql.add("SELECT count(*) FROM (SELECT 1 FROM " + table + "_fts WHERE " + table + "_fts MATCH ?", fts_query(m));
    return sql.add(" LIMIT ?)", limit);
  }
  // The id of the `n`th newest record matching `m` (no row when fewer match).
  static Sql nth_newest_match(const std::string& table, const sql::TextMatch& m, int64_t n) {
    Sql sql;
    sql.add("SELECT rowid FROM " + table + "_fts WHERE " + table + "_fts MATCH ?", fts_query(m));
    return sql.add(" ORDER BY rowid DESC LIMIT 1 OFFSET ?", n - 1);
  }
  // "SELECT fid, fscore" of the rows matching `m`: bm25, higher is better, with the
  // search's column weights when there is a heading to favour. A window of the newest
  // matches is a rowid bound, which FTS5 seeks to.
  static Sql matches(const std::string& table, const std::string& heading, const sql::TextMatch& m) {
    const std::string weights = heading.empty() ? "" : ", " + bm25_weights(table);
    Sql sql;
    sql.add("SELECT rowid AS fid, -bm25(" + table + "_fts" + weights + ") AS fscore FROM " + table + "_fts WHERE " + table +
                "_fts MATCH ?",
            fts_query(m));
    if (m.newest_from > 0) sql.add(" AND rowid >= ?", m.newest_from);
    return sql;
  }
  // bm25's weight per column of each _fts table (schema.cc): the reference and the title
  // or names count for more than the body, so a title match outranks a mention.
  static std::string bm25_weights(const std::string& table) {
    if (table == "nominals") return "4.0, 8.0, 8.0, 6.0, 1.0, 2.0";  // reference, given names, surname, aliases, address, postcode
    return "4.0, 8.0, 1.0";                                          // reference, title or name, body or description
  }
  static void append_id_in(Sql& sql, const std::string& column, const std::vector<int64_t>& ids) {
    sql.add(column + " IN (");
    for (size_t i = 0; i < ids.size(); ++i) sql.add(i ? ",?" : "?", ids[i]);
    sql.add(")");
  }
  // The same for a set of any size in one text: the ids travel as one JSON array, so the
  // statement cache holds one statement however many there are.
  static void append_id_set(Sql& sql, const std::string& column, const std::vector<int64_t>& ids) {
    std::string list = "[";
    for (size_t i = 0; i < ids.size(); ++i) list += (i ? "," : "") + std::to_string(ids[i]);
    sql.add(column + " IN (SELECT value FROM json_each(?))", list + "]");
  }
};

}  // namespace rocta::sqlite
