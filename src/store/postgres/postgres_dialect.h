// PostgresDialect: what the SQL repositories written once for every adapter (store/sql/*_repository.h)
// need to know about PostgreSQL; the contract is store/sql/dialect.h.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/place.h"
#include "store/postgres/postgres_db.h"
#include "store/postgres/scope_predicate.h"
#include "store/search_repository.h"
#include "store/sql/dialect.h"
#include "store/sql/sql.h"
#include "store/sql/text_match.h"

namespace rocta::postgres {

using sql::Sql;

// What the shared repositories (store/sql/dialect.h) need to know about PostgreSQL.
struct PostgresDialect {
  using Connection = postgres::Connection;
  using Statement = postgres::Statement;
  using BulkInsert = postgres::BulkInsert;
  // Unindexed: the staging table is written once and read whole.
  static constexpr const char* kLineColumn = "line bigint";
  // Index builds sort in memory.
  static const std::vector<std::string>& bulk_begin() {
    static const std::vector<std::string> k{"SET LOCAL maintenance_work_mem = '256MB'"};
    return k;
  }
  // Loading many rows: the indexes are built once after the rows rather than row by row,
  // and the foreign keys, which PostgreSQL checks with a query per row, are validated in one
  // pass each. The names are those PostgreSQL gave them in schema.cc; a test checks that the
  // tables come back exactly as they were.
  static const sql::Rebuild& bulk_rebuild(std::string_view table) {
    static const sql::Rebuild kDisruptions{
        {"ALTER TABLE disruptions DROP CONSTRAINT disruptions_recording_agency_reference_key, "
         "DROP CONSTRAINT disruptions_recording_agency_fkey, DROP CONSTRAINT disruptions_threat_id_fkey, "
         "DROP CONSTRAINT disruptions_supports_fkey",
         "DROP INDEX disruptions_threat"},
        {"ALTER TABLE disruptions ADD CONSTRAINT disruptions_recording_agency_reference_key UNIQUE (recording_agency, reference)",
         "CREATE INDEX disruptions_threat ON disruptions(threat_id, record_date)",
         "ALTER TABLE disruptions ADD CONSTRAINT disruptions_recording_agency_fkey FOREIGN KEY (recording_agency) REFERENCES agencies(code)",
         "ALTER TABLE disruptions ADD CONSTRAINT disruptions_threat_id_fkey FOREIGN KEY (threat_id) REFERENCES threats(id)",
         "ALTER TABLE disruptions ADD CONSTRAINT disruptions_supports_fkey FOREIGN KEY (supports) REFERENCES disruptions(id)"}};
    static const sql::Rebuild kCounts{
        {"ALTER TABLE disruption_counts DROP CONSTRAINT disruption_counts_pkey", "DROP INDEX disruption_counts_day"},
        {"ALTER TABLE disruption_counts ADD CONSTRAINT disruption_counts_pkey PRIMARY KEY (agency, day, role, category, outcome, threat_category)",
         "CREATE INDEX disruption_counts_day ON disruption_counts(day)"}};
    static const sql::Rebuild kMonths{
        {"ALTER TABLE disruption_months DROP CONSTRAINT disruption_months_pkey"},
        {"ALTER TABLE disruption_months ADD CONSTRAINT disruption_months_pkey PRIMARY KEY (agency, month, role, category, outcome, threat_category)"}};
    static const sql::Rebuild kNone;
    return table == "disruptions" ? kDisruptions : table == "disruption_counts" ? kCounts : table == "disruption_months" ? kMonths : kNone;
  }
  // An identity goes on after the highest id written.
  static std::string ids_taken(const std::string& table) {
    return "SELECT setval(pg_get_serial_sequence('" + table + "', 'id'), (SELECT max(id) FROM " + table + "))";
  }
  // In a transaction ANALYZE reads the rows it wrote (autovacuum would gather the statistics
  // only a minute or so after the commit).
  static std::string analyze(const std::string& tables) { return "ANALYZE " + tables; }
  // Text sorted by its bytes, as SQLite sorts it: a sorted list reads the same on both,
  // whatever the database's locale.
  static std::string byte_order(const std::string& text_expression) { return text_expression + " COLLATE \"C\""; }
  // Whether boxes live in TABLE_rtree tables beside their rows, written with them.
  static constexpr bool kRtreeTables = false;
  // "(…)": rows of `table` aliased `alias` whose box (min_x…max_y, or the point x, y where
  // `points`) meets `b`, as the GiST indexes of the places migration are written.
  static void append_box_predicate(Sql& sql, const std::string&, const std::string& a, const GridBox& b, bool points) {
    sql.add(points ? "point(" + a + ".x, " + a + ".y) <@ box(point(?" : "box(point(" + a + ".min_x, " + a + ".min_y), point(" + a +
                         ".max_x, " + a + ".max_y)) && box(point(?",
            b.min_x)
        .add(", ?)", b.min_y).add(", point(?", b.max_x).add(", ?))", b.max_y);
  }
  static void append_scope_predicate(Sql& sql, const ReadScope& scope, const std::string& alias, const std::string& kind) {
    postgres::append_scope_predicate(sql, scope, alias, kind);
  }
  static std::string append_text_search(Sql& from, const std::string& table, const sql::TextMatch& m) {
    return append_ranked_search(from, table, "", m);
  }
  static std::string append_ranked_search(Sql& from, const std::string&, const std::string& heading, const sql::TextMatch& m) {
    if (m.empty()) return "";
    from.add(" JOIN to_tsquery('rocta_search', ?) fq ON r.search @@ fq", tsquery_text(m));
    if (m.newest_from > 0) from.add(" AND r.id >= ?", m.newest_from);
    return score(heading);
  }
  // Every match is ranked, however common the text (text_match.h): to learn cheaply whether
  // a text is that common PostgreSQL would need the count to stop early, and a LIMIT makes
  // its planner walk the table for a rare word (nominal search p99 97 -> 607 ms at national
  // size, docs/performance.md).
  static constexpr bool kRanksNewestOfCommonText = false;
  // ts_rank reads the row's stored tsvector, so ranking the best matches first would visit
  // every match's row anyway, and rank the rows the reader may not see as well: the full
  // query, which tests the predicate on the row it visits, is cheaper (measured in
  // docs/performance.md, "Search").
  static constexpr bool kRanksFromIndex = false;
  // The score of a row r matching fq, higher is better: the lists' ts_rank, or with a
  // heading the search's. The stored vector has no weights: a heading match adds one, more
  // than ts_rank_cd's normalised score (rank / (rank + 1), below one) can give a body mention.
  static std::string score(const std::string& heading) {
    if (heading.empty()) return "ts_rank(r.search, fq)::float8";
    return "(ts_rank_cd(r.search, fq, 32)::float8 + CASE WHEN rocta_search_vector(" + heading + ") @@ fq THEN 1.0 ELSE 0.0 END)";
  }
  static Sql snippets(const std::string& table, const std::string& heading, const std::string& body, const sql::TextMatch& m,
                      const std::vector<int64_t>& ids) {
    static const std::string kOptions = std::string("StartSel=") + kHitOpen + ", StopSel=" + kHitClose +
                                        ", MaxWords=24, MinWords=12, ShortWord=1, MaxFragments=1, FragmentDelimiter=…";
    Sql sql;
    // The body's fragment when the body matches, else the heading's.
    sql.add("SELECT r.id, CASE WHEN rocta_search_vector(" + body + ") @@ fq THEN ts_headline('rocta_search', " + body + ", fq, ?",
            kOptions);
    sql.add(") ELSE ts_headline('rocta_search', " + heading + ", fq, ?", kOptions);
    sql.add(") END FROM " + table + " r CROSS JOIN to_tsquery('rocta_search', ?) fq WHERE ", tsquery_text(m));
    append_id_in(sql, "r.id", ids);
    return sql;
  }
  static void append_id_in(Sql& sql, const std::string& column, const std::vector<int64_t>& ids) {
    std::string list = "{";
    for (size_t i = 0; i < ids.size(); ++i) list += (i ? "," : "") + std::to_string(ids[i]);
    sql.add(column + " = ANY(?::bigint[])", list + "}");
  }
  // One array parameter already: one text for any number of ids.
  static void append_id_set(Sql& sql, const std::string& column, const std::vector<int64_t>& ids) { append_id_in(sql, column, ids); }
};

}  // namespace rocta::postgres
