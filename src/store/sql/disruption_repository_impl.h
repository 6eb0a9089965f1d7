// The members of Disruptions (store/sql/disruption_repository.h). Included only where a dialect
// instantiates them explicitly, so that the SQL of disruptions is compiled once per
// database rather than in every file that opens a transaction.
#pragma once

#include "store/sql/disruption_repository.h"

namespace rocta::sql {

template <typename D>
auto Disruptions<D>::insert_new(const std::vector<Disruption>& rows) -> Result<std::vector<int64_t>> {
  using namespace disruption_detail;
  std::vector<int64_t> ids(rows.size(), 0);
  std::vector<size_t> order;  // the batch's rows by key, to find the row of each RETURNING row
  auto key = [&](size_t i) { return std::pair<std::string_view, std::string_view>(rows[i].recording_agency, rows[i].reference); };
  for (size_t from = 0; from < rows.size(); from += kBatch) {
    const size_t n = std::min<size_t>(kBatch, rows.size() - from);
    ROCTA_ASSIGN_OR_RETURN(auto* st, db_.prepare(insert_sql(n)));
    int at = 0;
    for (size_t i = from; i < from + n; ++i) each_value(rows[i], [&](auto v) { bind_at(*st, ++at, std::move(v)); });
    order.resize(n);
    std::iota(order.begin(), order.end(), from);
    // A reference twice in the batch: the database keeps the first, and so does the match.
    std::sort(order.begin(), order.end(), [&](size_t a, size_t b) { return std::pair{key(a), a} < std::pair{key(b), b}; });
    ROCTA_RETURN_IF_ERROR(st->each([&] {
      const std::pair returned{st->text_view_at(1), st->text_view_at(2)};
      auto it = std::lower_bound(order.begin(), order.end(), returned, [&](size_t i, const auto& k) { return key(i) < k; });
      if (it == order.end() || key(*it) != returned) return;
      ids[*it] = st->int_at(0);
      pending_.add(rows[*it], 1);
    }));
  }
  return ids;
}

template <typename D>
auto Disruptions<D>::get(int64_t id) -> Result<Disruption> {
  return one_row<Disruption>(db_, select() + "WHERE id = ?", {id}, "disruption " + std::to_string(id),
                             [](const Statement& st) { return disruption_detail::read(st); });
}

template <typename D>
auto Disruptions<D>::find(const std::string& agency, const std::string& reference) -> Result<Disruption> {
  return one_row<Disruption>(db_, select() + "WHERE recording_agency = ? AND reference = ?", {agency, reference},
                             "disruption " + reference + " of " + agency, [](const Statement& st) { return disruption_detail::read(st); });
}

template <typename D>
auto Disruptions<D>::update(const Disruption& d) -> Status {
  using namespace disruption_detail;
  ROCTA_ASSIGN_OR_RETURN(Disruption old, get(d.id));
  if (old.version != d.version - 1)
    return {Code::kConflict, "disruption " + old.reference + " was changed by someone else (version " + std::to_string(old.version) + ")"};
  std::vector<Value> params;
  append_values(params, d);
  params.emplace_back(d.id);
  ROCTA_RETURN_IF_ERROR(run(db_, "UPDATE disruptions SET " + each_column("", " = ?") + " WHERE id = ?", params));
  pending_.add(old, -1);
  pending_.add(d, 1);
  return flush_counts();
}

template <typename D>
auto Disruptions<D>::of_threat(int64_t threat_id) -> Result<std::vector<Disruption>> {
  return all_rows<Disruption>(db_, select() + "WHERE threat_id = ? ORDER BY record_date DESC, id DESC", {threat_id},
                              [](const Statement& st) { return disruption_detail::read(st); });
}

template <typename D>
auto Disruptions<D>::scan(int64_t after_id, int limit) -> Result<std::vector<Disruption>> {
  return all_rows<Disruption>(db_, select() + "WHERE id > ? ORDER BY id LIMIT ?", {after_id, int64_t{limit}},
                              [](const Statement& st) { return disruption_detail::read(st); });
}

template <typename D>
auto Disruptions<D>::link_threats() -> Result<int64_t> {
  ROCTA_RETURN_IF_ERROR(run(db_, R"sql(
UPDATE disruptions SET threat_id = (SELECT min(t.id) FROM threats t WHERE t.reference = disruptions.threat_reference)
WHERE threat_id IS NULL
AND (SELECT count(*) FROM threats t WHERE t.reference = disruptions.threat_reference) = 1)sql", {}));
  return int64_t{db_.changes()};
}

template <typename D>
auto Disruptions<D>::threat_keys() -> Result<std::vector<ThreatKey>> {
  return all_rows<ThreatKey>(db_, "SELECT reference, min(id), min(threat_type) FROM threats GROUP BY reference HAVING count(*) = 1", {},
                             [](const Statement& st) {
                               return ThreatKey{st.text_at(0), st.int_at(1), parse_threat_type(st.text_at(2)).value_or(ThreatType::kOcg)};
                             });
}

template <typename D>
auto Disruptions<D>::counts(const std::string& from_day, const std::string& to_day) -> Result<std::vector<DisruptionGroup>> {
  ROCTA_RETURN_IF_ERROR(flush_counts());
  const auto months = disruption_detail::whole_months(from_day, to_day);
  auto read = [](const Statement& st) {
    DisruptionGroup g;
    g.agency = st.text_at(0);
    g.day = st.text_at(1);
    g.role = parse_disruption_role(st.text_at(2)).value_or(DisruptionRole::kLead);
    g.category = parse_impact_category(st.text_at(3)).value_or(ImpactCategory::kNotAssessed);
    g.outcome = parse_four_p(st.text_at(4)).value_or(FourP::kPursue);
    g.threat_category = st.text_at(5);
    g.count = st.int_at(6);
    return g;
  };
  constexpr const char* kDaily =
      "SELECT agency, day, role, category, outcome, threat_category, n FROM disruption_counts WHERE day >= ? AND day <= ?";
  if (!months) return all_rows<DisruptionGroup>(db_, kDaily, {from_day, to_day}, read);
  ROCTA_ASSIGN_OR_RETURN(auto out, all_rows<DisruptionGroup>(
      db_, "SELECT agency, month || '-01', role, category, outcome, threat_category, n FROM disruption_months WHERE month >= ? AND month <= ?",
      {months->first_month, months->last_month}, read));
  for (const auto& [from, to] : {std::pair{from_day, months->before_last_day}, std::pair{months->after_first_day, to_day}}) {
    if (from > to) continue;
    ROCTA_ASSIGN_OR_RETURN(auto days, all_rows<DisruptionGroup>(db_, kDaily, {from, to}, read));
    out.insert(out.end(), days.begin(), days.end());
  }
  return out;
}

template <typename D>
auto Disruptions<D>::before_commit() -> Status {
  if (staging_) return Status(Code::kFailedPrecondition, "disruptions were staged and never inserted");
  return flush_counts();
}

template <typename D>
auto Disruptions<D>::flush_counts() -> Status {
  using namespace disruption_detail;
  if (pending_.empty()) return Status::ok();
  const auto changes = pending_.take();
  ROCTA_RETURN_IF_ERROR(upsert("disruption_counts", "day", changes.daily));
  ROCTA_RETURN_IF_ERROR(upsert("disruption_months", "month", changes.monthly));
  if (!changes.emptied) return Status::ok();
  ROCTA_RETURN_IF_ERROR(run(db_, "DELETE FROM disruption_counts WHERE n = 0", {}));
  return run(db_, "DELETE FROM disruption_months WHERE n = 0", {});
}

template <typename D>
auto Disruptions<D>::threat_groups() -> Result<std::vector<ThreatGroup>> {
  return all_rows<ThreatGroup>(db_, R"sql(
SELECT owner, threat_type, assessment_type, moderation, soc, coalesce(tier, 0),
     CASE WHEN lower(phase) LIKE '%closed%' THEN 1 ELSE 0 END, primary_crime_type, county_lines, count(*)
FROM threats GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9)sql",
                               {}, [](const Statement& st) {
                                 ThreatGroup g;
                                 g.agency = st.text_at(0);
                                 g.type = parse_threat_type(st.text_at(1)).value_or(ThreatType::kOcg);
                                 g.assessment_type = parse_assessment_type(st.text_at(2)).value_or(AssessmentType::kTactical);
                                 g.moderation = parse_moderation_status(st.text_at(3)).value_or(ModerationStatus::kUnmoderated);
                                 g.soc = st.int_at(4) != 0;
                                 g.tier = static_cast<int>(st.int_at(5));
                                 g.closed = st.int_at(6) != 0;
                                 g.primary_crime_type = st.text_at(7);
                                 g.county_lines = st.int_at(8) != 0;
                                 g.count = st.int_at(9);
                                 return g;
                               });
}

template <typename D>
auto Disruptions<D>::insert_import(const ImportRecord& r) -> Result<int64_t> {
  return one_integer(db_, "INSERT INTO imports(kind, files, summary, at, by_user) VALUES (?,?,?,?,?) RETURNING id",
                     {r.kind, r.files, r.summary, r.at, r.by});
}

template <typename D>
auto Disruptions<D>::finish_import(int64_t id, const std::string& summary) -> Status {
  return run(db_, "UPDATE imports SET summary = ? WHERE id = ?", {summary, id});
}

template <typename D>
auto Disruptions<D>::stage(const std::vector<Disruption>& rows, const std::vector<std::size_t>& lines) -> Status {
  using namespace disruption_detail;
  if (!staging_) ROCTA_RETURN_IF_ERROR(begin_staging());
  typename D::BulkInsert out(db_, std::string(in_place_ ? "disruptions(id, " : "disruption_stage(line, ") + kColumns + ")",
                             kColumnCount + 1);
  Status written = Status::ok();
  for (size_t i = 0; i < rows.size() && written.is_ok(); ++i) {
    out.put(static_cast<int64_t>(lines[i]));
    each_value(rows[i], [&](auto v) { out.put(std::move(v)); });
    written = out.end_row();
  }
  if (written.is_ok()) written = out.finish();
  if (written.code() == Code::kAlreadyExists) return repeat_in(rows, lines, written);
  ROCTA_RETURN_IF_ERROR(written);
  for (const auto& d : rows) staged_counts_.add(d, 1);
  staged_ += static_cast<int64_t>(rows.size());
  return Status::ok();
}

template <typename D>
auto Disruptions<D>::staged_held(int64_t after_line, int limit) -> Result<std::vector<HeldRow>> {
  using namespace disruption_detail;
  ROCTA_RETURN_IF_ERROR(find_held());
  std::vector<HeldRow> out;
  if (held_ == 0) return out;
  ROCTA_RETURN_IF_ERROR(each_row(db_, std::string("SELECT h.line, h.stored_id, ") + each_column("h.", "") + ", d.id, " + each_column("d.", "") +
                                          " FROM disruption_held h JOIN disruptions d ON d.id = h.stored_id"
                                          " WHERE h.line > ? ORDER BY h.line LIMIT ?",
                                 {after_line, int64_t{limit}}, [&](const Statement& st) {
                                   out.push_back({st.int_at(0), read(st, 1), read(st, 2 + kColumnCount)});
                                 }));
  return out;
}

template <typename D>
auto Disruptions<D>::insert_staged() -> Result<int64_t> {
  using namespace disruption_detail;
  if (!staging_) return int64_t{0};
  int64_t inserted = staged_;
  if (in_place_) {
    ROCTA_RETURN_IF_ERROR(restore("disruptions"));
  } else {
    ROCTA_ASSIGN_OR_RETURN(inserted, insert_from_stage());
  }
  const auto counts = staged_counts_.take();
  ROCTA_RETURN_IF_ERROR(upsert_many("disruption_counts", "day", counts.daily));
  ROCTA_RETURN_IF_ERROR(upsert_many("disruption_months", "month", counts.monthly));
  ROCTA_RETURN_IF_ERROR(db_.exec("DROP TABLE IF EXISTS disruption_stage"));
  ROCTA_RETURN_IF_ERROR(db_.exec("DROP TABLE IF EXISTS disruption_held"));
  staging_ = false;
  // Fresh statistics, so that the next queries are planned for the rows now there rather
  // than for the table as it was.
  for (const std::string& sql : {D::ids_taken("disruptions"), D::analyze("disruptions, disruption_counts, disruption_months")})
    if (!sql.empty()) ROCTA_RETURN_IF_ERROR(db_.exec(sql));
  return inserted;
}

template <typename D>
auto Disruptions<D>::first_repeat() -> Result<std::optional<Repeat>> {
  if (!staging_ || repeat_) return repeat_;
  // The second of each reference's lines; the first of those. Staged in place, a row's id
  // is its line.
  const std::string line = in_place_ ? "id" : "line";
  ROCTA_ASSIGN_OR_RETURN(auto found, all_rows<Repeat>(db_, "SELECT " + line + ", recording_agency, reference FROM (SELECT " + line +
                                                               ", recording_agency, reference, row_number() OVER (PARTITION BY "
                                                               "recording_agency, reference ORDER BY " + line + ") AS nth FROM " +
                                                               (in_place_ ? "disruptions" : "disruption_stage") +
                                                               ") r WHERE nth = 2 ORDER BY " + line + " LIMIT 1",
                                                           {}, [](const Statement& st) { return Repeat{st.int_at(0), st.text_at(1), st.text_at(2)}; }));
  if (found.empty()) return std::optional<Repeat>{};
  return std::optional<Repeat>{std::move(found.front())};
}

template <typename D>
auto Disruptions<D>::select() -> std::string { return std::string("SELECT id, ") + disruption_detail::kColumns + " FROM disruptions "; }

template <typename D>
auto Disruptions<D>::insert_sql(size_t n) -> std::string {
  using namespace disruption_detail;
  auto make = [](size_t rows) {
    std::string sql = std::string("INSERT INTO disruptions(") + kColumns + ") VALUES ";
    for (size_t i = 0; i < rows; ++i) {
      sql += i ? ",(" : "(";
      for (int c = 0; c < kColumnCount; ++c) sql += c ? ",?" : "?";
      sql += ")";
    }
    return sql + " ON CONFLICT (recording_agency, reference) DO NOTHING RETURNING id, recording_agency, reference";
  };
  static const std::string kFull = make(kBatch);
  return n == kBatch ? kFull : make(n);
}

template <typename D>
auto Disruptions<D>::upsert(const std::string& table, const std::string& when, const std::vector<disruption_detail::CountRow>& rows) -> Status {
  constexpr size_t kRows = 500;
  for (size_t from = 0; from < rows.size(); from += kRows) {
    const size_t n = std::min(kRows, rows.size() - from);
    std::string sql = "INSERT INTO " + table + "(agency, " + when + ", role, category, outcome, threat_category, n) VALUES ";
    for (size_t i = 0; i < n; ++i) sql += i ? ",(?,?,?,?,?,?,?)" : "(?,?,?,?,?,?,?)";
    sql += " ON CONFLICT (agency, " + when + ", role, category, outcome, threat_category) DO UPDATE SET n = " + table + ".n + excluded.n";
    ROCTA_ASSIGN_OR_RETURN(auto* st, db_.prepare(sql));
    int at = 0;
    for (size_t i = from; i < from + n; ++i) {
      const auto& r = rows[i];
      for (std::string_view text : {r.agency, r.when, to_string(r.role), to_string(r.category), to_string(r.outcome), r.threat_category})
        st->bind_text(++at, text);
      st->bind(++at, Value(r.n));
    }
    ROCTA_RETURN_IF_ERROR(st->run());
  }
  return Status::ok();
}

template <typename D>
auto Disruptions<D>::begin_staging() -> Status {
  using namespace disruption_detail;
  staging_ = true;
  staged_ = held_ = 0;
  held_found_ = false;
  repeat_.reset();
  staged_counts_ = {};
  for (const auto& sql : D::bulk_begin()) ROCTA_RETURN_IF_ERROR(db_.exec(sql));
  // A stage left behind by a transaction that never applied it would otherwise hold rows.
  ROCTA_RETURN_IF_ERROR(db_.exec("DROP TABLE IF EXISTS disruption_stage"));
  ROCTA_RETURN_IF_ERROR(db_.exec("DROP TABLE IF EXISTS disruption_held"));
  ROCTA_ASSIGN_OR_RETURN(int64_t any, one_integer(db_, "SELECT count(*) FROM (SELECT 1 FROM disruptions LIMIT 1) x", {}));
  in_place_ = any == 0;
  if (in_place_) {
    for (const auto& sql : D::bulk_rebuild("disruptions").drop) ROCTA_RETURN_IF_ERROR(db_.exec(sql));
    return Status::ok();
  }
  return db_.exec(std::string("CREATE TEMP TABLE disruption_stage(") + D::kLineColumn + ", " + kStageColumns + ")");
}

template <typename D>
auto Disruptions<D>::insert_from_stage() -> Result<int64_t> {
  using namespace disruption_detail;
  ROCTA_RETURN_IF_ERROR(find_held());
  // Held rows are not inserted: their counts come off what staging added.
  if (held_ > 0) {
    ROCTA_RETURN_IF_ERROR(each_row(db_, "SELECT recording_agency, record_date, role, category, principal, threat_category, count(*) "
                                        "FROM disruption_held GROUP BY 1, 2, 3, 4, 5, 6",
                                   {}, [&](const Statement& st) {
                                     staged_counts_.add(st.text_view_at(0), st.text_view_at(1),
                                                        parse_disruption_role(st.text_view_at(2)).value_or(DisruptionRole::kLead),
                                                        parse_impact_category(st.text_view_at(3)).value_or(ImpactCategory::kNotAssessed),
                                                        parse_four_p(st.text_view_at(4)).value_or(FourP::kPursue), st.text_view_at(5),
                                                        -st.int_at(6));
                                   }));
  }
  const int64_t fresh = staged_ - held_;
  // Rebuilding the indexes reads every row, held or new, so it pays when the rows coming
  // outnumber those already there.
  ROCTA_ASSIGN_OR_RETURN(int64_t present, one_integer(db_, "SELECT count(*) FROM (SELECT 1 FROM disruptions LIMIT ?) x", {fresh}));
  const bool rebuild = fresh > 0 && present < fresh;
  if (rebuild)
    for (const auto& sql : D::bulk_rebuild("disruptions").drop) ROCTA_RETURN_IF_ERROR(db_.exec(sql));
  // Each row's id is its line after the highest id held: ids follow the file, and both
  // databases give a row the same one, without sorting the rows to number them.
  ROCTA_ASSIGN_OR_RETURN(int64_t last_id, one_integer(db_, "SELECT coalesce(max(id), 0) FROM disruptions", {}));
  std::string insert = std::string("INSERT INTO disruptions(id, ") + kColumns + ") SELECT ? + s.line, " + each_column("s.", "") +
                       " FROM disruption_stage s";
  if (held_ > 0) insert += " WHERE NOT EXISTS (SELECT 1 FROM disruption_held h WHERE h.line = s.line)";
  ROCTA_RETURN_IF_ERROR(run(db_, insert, {last_id}));
  const int64_t inserted = db_.changes();
  if (rebuild) ROCTA_RETURN_IF_ERROR(restore("disruptions"));
  return inserted;
}

template <typename D>
auto Disruptions<D>::repeat_in(const std::vector<Disruption>& rows, const std::vector<std::size_t>& lines, const Status& failure) -> Status {
  std::unordered_map<std::string, size_t> seen;
  for (size_t i = 0; i < rows.size(); ++i) {
    const Disruption& d = rows[i];
    bool repeated = !seen.emplace(d.recording_agency + '\x1f' + d.reference, i).second;
    if (!repeated) {
      auto stored = find(d.recording_agency, d.reference);
      if (!stored.is_ok() && stored.status().code() != Code::kNotFound) return stored.status();
      repeated = stored.is_ok() && stored->id != static_cast<int64_t>(lines[i]);
    }
    if (repeated) {
      repeat_ = Repeat{static_cast<int64_t>(lines[i]), d.recording_agency, d.reference};
      return failure;
    }
  }
  return failure;
}

template <typename D>
auto Disruptions<D>::find_held() -> Status {
  if (held_found_ || in_place_) return Status::ok();  // in place: nothing was held
  held_found_ = true;
  ROCTA_ASSIGN_OR_RETURN(int64_t any, one_integer(db_, "SELECT count(*) FROM (SELECT 1 FROM disruptions LIMIT 1) x", {}));
  if (any == 0) return Status::ok();
  ROCTA_RETURN_IF_ERROR(db_.exec(std::string("CREATE TEMP TABLE disruption_held AS SELECT s.*, d.id AS stored_id FROM disruption_stage s ") +
                                 "JOIN disruptions d ON d.recording_agency = s.recording_agency AND d.reference = s.reference"));
  ROCTA_ASSIGN_OR_RETURN(held_, one_integer(db_, "SELECT count(*) FROM disruption_held", {}));
  if (held_ == 0) return Status::ok();
  ROCTA_RETURN_IF_ERROR(db_.exec("CREATE INDEX disruption_held_line ON disruption_held(line)"));
  ROCTA_ASSIGN_OR_RETURN(int64_t distinct, one_integer(db_, "SELECT count(DISTINCT stored_id) FROM disruption_held", {}));
  if (distinct != held_) return Status(Code::kAlreadyExists, "a reference already held is staged twice");
  return Status::ok();
}

template <typename D>
auto Disruptions<D>::restore(std::string_view table) -> Status {
  ROCTA_RETURN_IF_ERROR(db_.exec("SAVEPOINT rocta_restore"));
  Status s = Status::ok();
  for (const auto& sql : D::bulk_rebuild(table).restore)
    if (s = db_.exec(sql); !s.is_ok()) break;
  if (s.is_ok()) return db_.exec("RELEASE SAVEPOINT rocta_restore");
  ROCTA_RETURN_IF_ERROR(db_.exec("ROLLBACK TO SAVEPOINT rocta_restore"));
  ROCTA_RETURN_IF_ERROR(db_.exec("RELEASE SAVEPOINT rocta_restore"));
  return s;
}

template <typename D>
auto Disruptions<D>::each_column(const std::string& before, const std::string& after) -> std::string {
  std::string out, columns = disruption_detail::kColumns;
  for (size_t start = 0; start < columns.size();) {
    const size_t comma = std::min(columns.find(',', start), columns.size());
    out += (out.empty() ? "" : ", ") + before + trim(columns.substr(start, comma - start)) + after;
    start = comma + 1;
  }
  return out;
}

template <typename D>
auto Disruptions<D>::upsert_many(const std::string& table, const std::string& when, const std::vector<disruption_detail::CountRow>& rows) -> Status {
  if (rows.empty()) return Status::ok();
  const std::string key = "agency, " + when + ", role, category, outcome, threat_category";
  ROCTA_ASSIGN_OR_RETURN(int64_t any, one_integer(db_, "SELECT count(*) FROM (SELECT 1 FROM " + table + " LIMIT 1) x", {}));
  if (any == 0) {
    for (const auto& sql : D::bulk_rebuild(table).drop) ROCTA_RETURN_IF_ERROR(db_.exec(sql));
    ROCTA_RETURN_IF_ERROR(write_counts(table + "(" + key + ", n)", rows));
    return restore(table);
  }
  ROCTA_RETURN_IF_ERROR(db_.exec("DROP TABLE IF EXISTS disruption_count_stage"));
  ROCTA_RETURN_IF_ERROR(db_.exec("CREATE TEMP TABLE disruption_count_stage(agency TEXT, point TEXT, role TEXT, category TEXT, "
                                 "outcome TEXT, threat_category TEXT, n BIGINT)"));
  ROCTA_RETURN_IF_ERROR(write_counts("disruption_count_stage(agency, point, role, category, outcome, threat_category, n)", rows));
  // WHERE true: SQLite would otherwise read ON CONFLICT as part of the SELECT.
  ROCTA_RETURN_IF_ERROR(run(db_, "INSERT INTO " + table + "(" + key + ", n) SELECT agency, point, role, category, outcome, "
                                 "threat_category, n FROM disruption_count_stage WHERE true ON CONFLICT (" + key +
                                 ") DO UPDATE SET n = " + table + ".n + excluded.n", {}));
  return db_.exec("DROP TABLE disruption_count_stage");
}

template <typename D>
auto Disruptions<D>::write_counts(const std::string& table_columns, const std::vector<disruption_detail::CountRow>& rows) -> Status {
  typename D::BulkInsert out(db_, table_columns, 7);
  for (const auto& r : rows) {
    for (std::string_view text : {r.agency, r.when, to_string(r.role), to_string(r.category), to_string(r.outcome), r.threat_category})
      out.put(text);
    out.put(r.n);
    ROCTA_RETURN_IF_ERROR(out.end_row());
  }
  return out.finish();
}

}  // namespace rocta::sql
