// The disruption repository in SQL, written once for every SQL adapter (see repositories.h
// for what a Dialect supplies). Every write moves the daily and monthly counts
// (disruption_counts, disruption_months) in the same transaction, so the SOC figures read
// count rows, not millions of disruptions, and still equal the records. Inserts gather
// their changes to the counts and write them once (flush_counts), before any read of the
// counts and before the transaction commits; rows staged for a bulk load move the counts
// when they are inserted (insert_staged).
#pragma once

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <deque>
#include <numeric>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <unordered_map>
#include <vector>

#include "core/text.h"
#include "store/sql/repositories.h"

namespace rocta::sql {

namespace disruption_detail {

constexpr const char* kColumns =
    "reference, recording_agency, threat_id, threat_reference, threat_type, role, supports, record_date, category, "
    "justification, outcomes, principal, threat_category, description, prompts, extra, import_id, version, created_at, "
    "created_by";
constexpr int kColumnCount = 20;
// kColumns with their types, for a staging table; the same words for both databases.
constexpr const char* kStageColumns =
    "reference TEXT, recording_agency TEXT, threat_id BIGINT, threat_reference TEXT, threat_type TEXT, role TEXT, "
    "supports BIGINT, record_date TEXT, category TEXT, justification TEXT, outcomes TEXT, principal TEXT, "
    "threat_category TEXT, description TEXT, prompts TEXT, extra TEXT, import_id BIGINT, version BIGINT, "
    "created_at TEXT, created_by BIGINT";
constexpr int kBatch = 400;  // rows per INSERT: 8,000 parameters, under both databases' limits

inline std::string join_outcomes(const std::vector<FourP>& v) {
  std::string out;
  for (FourP p : v) out += (out.empty() ? "" : "|") + std::string(to_string(p));
  return out;
}

inline std::vector<FourP> split_outcomes(const std::string& s) {
  std::vector<FourP> out;
  size_t start = 0;
  while (start < s.size()) {
    const size_t bar = std::min(s.find('|', start), s.size());
    if (auto p = parse_four_p(s.substr(start, bar - start))) out.push_back(*p);
    start = bar + 1;
  }
  return out;
}

// Prompts as "rule:Outcome:1|rule:Outcome:0"; rule ids hold neither ':' nor '|'.
inline std::string join_prompts(const std::vector<PromptDecision>& v) {
  std::string out;
  for (const auto& p : v) out += (out.empty() ? "" : "|") + p.rule + ":" + std::string(to_string(p.outcome)) + ":" + (p.accepted ? "1" : "0");
  return out;
}

inline std::vector<PromptDecision> split_prompts(const std::string& s) {
  std::vector<PromptDecision> out;
  size_t start = 0;
  while (start < s.size()) {
    const size_t bar = std::min(s.find('|', start), s.size());
    const std::string item = s.substr(start, bar - start);
    start = bar + 1;
    const size_t a = item.find(':'), b = item.rfind(':');
    if (a == std::string::npos || a == b) continue;
    if (auto p = parse_four_p(item.substr(a + 1, b - a - 1))) out.push_back({item.substr(0, a), *p, item.substr(b + 1) == "1"});
  }
  return out;
}

// Every stored column of `d` in kColumns order, each handed to `put` as a std::string_view
// (into `d` or a static name: valid while `d` is), a std::string made here, an int64_t or
// nullptr.
template <typename Put>
void each_value(const Disruption& d, Put&& put) {
  using V = std::string_view;
  put(V(d.reference));
  put(V(d.recording_agency));
  d.threat_id ? put(d.threat_id) : put(nullptr);
  put(V(d.threat_reference));
  put(d.threat_type ? to_string(*d.threat_type) : V());
  put(to_string(d.role));
  d.supports ? put(d.supports) : put(nullptr);
  put(V(d.record_date));
  put(to_string(d.category));
  put(V(d.justification));
  put(join_outcomes(d.outcomes));
  put(to_string(d.principal()));
  put(V(d.threat_category));
  put(V(d.description));
  put(join_prompts(d.prompts));
  put(V(d.extra));
  put(d.import_id);
  put(d.version);
  put(V(d.created_at));
  put(d.created_by);
}

inline void append_values(std::vector<Value>& v, const Disruption& d) {
  each_value(d, [&](auto x) {
    if constexpr (std::is_same_v<decltype(x), std::string_view>) v.emplace_back(std::string(x));
    else v.emplace_back(std::move(x));
  });
}

// Binds one value at `at` without a Value in between where the text outlives the statement.
template <typename Statement>
void bind_at(Statement& st, int at, std::string_view v) { st.bind_text(at, v); }
template <typename Statement, typename T>
void bind_at(Statement& st, int at, T v) { st.bind(at, Value(std::move(v))); }

// The id and kColumns from column `c` on.
template <typename Row>
Disruption read(const Row& st, int c = 0) {
  Disruption d;
  d.id = st.int_at(c++);
  d.reference = st.text_at(c++);
  d.recording_agency = st.text_at(c++);
  d.threat_id = st.int_at(c++);
  d.threat_reference = st.text_at(c++);
  d.threat_type = parse_threat_type(st.text_at(c++));
  d.role = parse_disruption_role(st.text_at(c++)).value_or(DisruptionRole::kLead);
  d.supports = st.int_at(c++);
  d.record_date = st.text_at(c++);
  d.category = parse_impact_category(st.text_at(c++)).value_or(ImpactCategory::kNotAssessed);
  d.justification = st.text_at(c++);
  d.outcomes = split_outcomes(st.text_at(c++));
  ++c;  // principal: the first of the outcomes
  d.threat_category = st.text_at(c++);
  d.description = st.text_at(c++);
  d.prompts = split_prompts(st.text_at(c++));
  d.extra = st.text_at(c++);
  d.import_id = st.int_at(c++);
  d.version = st.int_at(c++);
  d.created_at = st.text_at(c++);
  d.created_by = st.int_at(c++);
  return d;
}

// Strings numbered from 0 in the order first seen. A view looks a known string up without
// a copy.
class Names {
 public:
  uint32_t id(std::string_view s) {
    if (auto it = ids_.find(s); it != ids_.end()) return it->second;
    const auto id = static_cast<uint32_t>(names_.size());
    ids_.emplace(names_.emplace_back(s), id);  // a deque: the key's characters never move
    return id;
  }
  const std::string& operator[](uint32_t id) const { return names_[id]; }
  // Each id's place in the names sorted.
  std::vector<uint32_t> ranks() const {
    std::vector<uint32_t> by_name(names_.size()), rank(names_.size());
    std::iota(by_name.begin(), by_name.end(), 0u);
    std::sort(by_name.begin(), by_name.end(), [&](uint32_t a, uint32_t b) { return names_[a] < names_[b]; });
    for (uint32_t i = 0; i < by_name.size(); ++i) rank[by_name[i]] = i;
    return rank;
  }

 private:
  std::deque<std::string> names_;
  std::unordered_map<std::string_view, uint32_t> ids_;
};

// One row of a count table: a day (YYYY-MM-DD) or a month (YYYY-MM) of one agency's
// disruptions of one kind, or a change to it.
struct CountRow {
  std::string_view agency, when;
  DisruptionRole role;
  ImpactCategory category;
  FourP outcome;
  std::string_view threat_category;
  int64_t n;
};

// Changes to the daily and monthly counts not written yet. A key is six small integers
// (agency, day and threat category numbered by Names), and a change is appended to a list
// that is sorted and summed when it has doubled: counting a row allocates nothing once its
// values have been seen, and memory stays near one entry per distinct key.
class PendingCounts {
 public:
  void add(const Disruption& d, int64_t delta) {
    add(d.recording_agency, d.record_date, d.role, d.category, d.principal(), d.threat_category, delta);
  }
  void add(std::string_view agency, std::string_view day, DisruptionRole role, ImpactCategory category, FourP outcome,
           std::string_view threat_category, int64_t delta) {
    changes_.push_back({{agencies_.id(agency), days_.id(day), categories_.id(threat_category), static_cast<uint8_t>(role),
                         static_cast<uint8_t>(category), static_cast<uint8_t>(outcome)},
                        delta});
    if (changes_.size() < 2 * summed_ + kSlack) return;
    sum(changes_, days_);
    summed_ = changes_.size();
  }
  bool empty() const { return changes_.empty(); }

  struct Rows {
    std::vector<CountRow> daily, monthly;  // nonzero changes, in key order
    bool emptied = false;                  // some count went down, and may now be 0
  };
  // The pending changes, which stop being pending. The rows' text lives in this object.
  Rows take() {
    Rows out;
    sum(changes_, days_);
    std::vector<Change> monthly;
    monthly.reserve(changes_.size());
    for (auto [key, delta] : changes_) {
      out.emptied = out.emptied || delta < 0;
      key.when = months_.id(std::string_view(days_[key.when]).substr(0, 7));
      monthly.push_back({key, delta});
    }
    sum(monthly, months_);
    out.daily = rows(changes_, days_);
    out.monthly = rows(monthly, months_);
    changes_.clear();
    summed_ = 0;
    return out;
  }

 private:
  static constexpr size_t kSlack = 1 << 16;
  struct Key {
    uint32_t agency, when, threat_category;
    uint8_t role, category, outcome;
    bool operator==(const Key&) const = default;
  };
  using Change = std::pair<Key, int64_t>;

  // Sorts `changes` into the count tables' key order and sums those of one key; drops zeros.
  void sum(std::vector<Change>& changes, const Names& when) const {
    const auto agency = agencies_.ranks(), day = when.ranks(), category = categories_.ranks();
    auto order = [&](const Key& k) {
      return std::tuple{agency[k.agency], day[k.when], k.role, k.category, k.outcome, category[k.threat_category]};
    };
    std::sort(changes.begin(), changes.end(), [&](const Change& a, const Change& b) { return order(a.first) < order(b.first); });
    size_t kept = 0;
    for (size_t i = 0; i < changes.size();) {
      Change c = changes[i];
      for (++i; i < changes.size() && changes[i].first == c.first; ++i) c.second += changes[i].second;
      if (c.second != 0) changes[kept++] = c;
    }
    changes.resize(kept);
  }

  std::vector<CountRow> rows(const std::vector<Change>& changes, const Names& when) const {
    std::vector<CountRow> out;
    out.reserve(changes.size());
    for (const auto& [k, n] : changes)
      out.push_back({agencies_[k.agency], when[k.when], static_cast<DisruptionRole>(k.role), static_cast<ImpactCategory>(k.category),
                     static_cast<FourP>(k.outcome), categories_[k.threat_category], n});
    return out;
  }

  Names agencies_, days_, months_, categories_;
  std::vector<Change> changes_;
  size_t summed_ = 0;  // changes_ had this many entries, one per key, when last summed
};

// The whole calendar months inside [from, to] (days YYYY-MM-DD): the first and last month
// (YYYY-MM), the last day before the first month and the first day after the last; none
// when no whole month fits.
struct WholeMonths {
  std::string first_month, last_month, before_last_day, after_first_day;
};
inline std::optional<WholeMonths> whole_months(const std::string& from, const std::string& to) {
  using namespace std::chrono;
  auto parse = [](const std::string& s) {
    return year_month_day{year{std::stoi(s.substr(0, 4))}, month{static_cast<unsigned>(std::stoi(s.substr(5, 2)))},
                          day{static_cast<unsigned>(std::stoi(s.substr(8, 2)))}};
  };
  auto text = [](year_month_day d) {
    char out[16];
    std::snprintf(out, sizeof out, "%04d-%02u-%02u", static_cast<int>(d.year()), static_cast<unsigned>(d.month()),
                  static_cast<unsigned>(d.day()));
    return std::string(out);
  };
  if (from.size() != 10 || to.size() != 10 || from > to) return std::nullopt;
  const year_month_day a = parse(from), b = parse(to);
  year_month first = a.year() / a.month();
  if (a.day() != day{1}) first += months{1};
  year_month last = b.year() / b.month();
  if (year_month_day{last / std::chrono::last} != b) last -= months{1};
  if (first > last) return std::nullopt;
  const std::string first_day = text(first / day{1}), last_day = text(year_month_day{last / std::chrono::last});
  return WholeMonths{first_day.substr(0, 7), last_day.substr(0, 7),
                     text(year_month_day{sys_days{first / day{1}} - days{1}}), text(year_month_day{sys_days{last / std::chrono::last} + days{1}})};
}

}  // namespace disruption_detail

template <typename D>
class Disruptions final : public DisruptionRepository {
  using Statement = typename D::Statement;

 public:
  explicit Disruptions(typename D::Connection& db) : db_(db) {}

  Result<std::vector<int64_t>> insert_new(const std::vector<Disruption>& rows) override {
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

  Result<Disruption> get(int64_t id) override {
    return one_row<Disruption>(db_, select() + "WHERE id = ?", {id}, "disruption " + std::to_string(id),
                               [](const Statement& st) { return disruption_detail::read(st); });
  }

  Result<Disruption> find(const std::string& agency, const std::string& reference) override {
    return one_row<Disruption>(db_, select() + "WHERE recording_agency = ? AND reference = ?", {agency, reference},
                               "disruption " + reference + " of " + agency, [](const Statement& st) { return disruption_detail::read(st); });
  }

  Status update(const Disruption& d) override {
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

  Result<std::vector<Disruption>> of_threat(int64_t threat_id) override {
    return all_rows<Disruption>(db_, select() + "WHERE threat_id = ? ORDER BY record_date DESC, id DESC", {threat_id},
                                [](const Statement& st) { return disruption_detail::read(st); });
  }

  Result<std::vector<Disruption>> of_threats(const std::vector<int64_t>& threat_ids) override {
    if (threat_ids.empty()) return std::vector<Disruption>{};
    Sql sql;
    sql.add(select() + "WHERE ");
    D::append_id_in(sql, "threat_id", threat_ids);
    sql.add(" ORDER BY threat_id, record_date DESC, id DESC");
    return all_rows<Disruption>(db_, sql.text, sql.params, [](const Statement& st) { return disruption_detail::read(st); });
  }

  Result<std::vector<Disruption>> scan(int64_t after_id, int limit) override {
    return all_rows<Disruption>(db_, select() + "WHERE id > ? ORDER BY id LIMIT ?", {after_id, int64_t{limit}},
                                [](const Statement& st) { return disruption_detail::read(st); });
  }

  Result<int64_t> link_threats() override {
    ROCTA_RETURN_IF_ERROR(run(db_, R"sql(
UPDATE disruptions SET threat_id = (SELECT min(t.id) FROM threats t WHERE t.reference = disruptions.threat_reference)
WHERE threat_id IS NULL
  AND (SELECT count(*) FROM threats t WHERE t.reference = disruptions.threat_reference) = 1)sql", {}));
    return int64_t{db_.changes()};
  }

  Result<std::vector<ThreatKey>> threat_keys() override {
    return all_rows<ThreatKey>(db_, "SELECT reference, min(id), min(threat_type) FROM threats GROUP BY reference HAVING count(*) = 1", {},
                               [](const Statement& st) {
                                 return ThreatKey{st.text_at(0), st.int_at(1), parse_threat_type(st.text_at(2)).value_or(ThreatType::kOcg)};
                               });
  }

  // Whole months inside the range come from the monthly counts (each dated on its first
  // day inside the range), the days before and after them from the daily counts.
  Result<std::vector<DisruptionGroup>> counts(const std::string& from_day, const std::string& to_day) override {
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

  // What must hold before the transaction commits: the counts written, and no rows left
  // staged (staged in place, they would be in the table without their counts or indexes).
  Status before_commit() {
    if (staging_) return Status(Code::kFailedPrecondition, "disruptions were staged and never inserted");
    return flush_counts();
  }

  Status flush_counts() override {
    using namespace disruption_detail;
    if (pending_.empty()) return Status::ok();
    const auto changes = pending_.take();
    ROCTA_RETURN_IF_ERROR(upsert("disruption_counts", "day", changes.daily));
    ROCTA_RETURN_IF_ERROR(upsert("disruption_months", "month", changes.monthly));
    if (!changes.emptied) return Status::ok();
    ROCTA_RETURN_IF_ERROR(run(db_, "DELETE FROM disruption_counts WHERE n = 0", {}));
    return run(db_, "DELETE FROM disruption_months WHERE n = 0", {});
  }

  Result<std::vector<ThreatGroup>> threat_groups() override {
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

  Result<int64_t> insert_import(const ImportRecord& r) override {
    return one_integer(db_, "INSERT INTO imports(kind, files, summary, at, by_user) VALUES (?,?,?,?,?) RETURNING id",
                       {r.kind, r.files, r.summary, r.at, r.by});
  }

  Status finish_import(int64_t id, const std::string& summary) override {
    return run(db_, "UPDATE imports SET summary = ? WHERE id = ?", {summary, id});
  }

  // Two ways to stage, chosen by the first stage() of a transaction:
  // - into an empty table (a store's first load), rows go straight in, each with its line
  //   as its id, without the indexes the dialect rebuilds after (bulk_rebuild): nothing can
  //   be held, and a reference given twice shows when the unique index is checked (on
  //   writing, or when it is built);
  // - otherwise rows wait in a temporary table (disruption_stage) until insert_staged();
  //   those whose reference is held already are copied, with the stored row's id, into
  //   disruption_held when first asked for.
  Status stage(const std::vector<Disruption>& rows, const std::vector<std::size_t>& lines) override {
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

  Result<std::vector<HeldRow>> staged_held(int64_t after_line, int limit) override {
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

  Result<int64_t> insert_staged() override {
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

  Result<std::optional<Repeat>> first_repeat() override {
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

 private:
  static std::string select() { return std::string("SELECT id, ") + disruption_detail::kColumns + " FROM disruptions "; }

  // The INSERT of `n` rows that skips references already held and returns the rows it
  // inserted. A full batch's text is made once.
  static std::string insert_sql(size_t n) {
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

  // Adds the changes to a count table, many rows per statement.
  Status upsert(const std::string& table, const std::string& when, const std::vector<disruption_detail::CountRow>& rows) {
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

  Status begin_staging() {
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

  // The staged rows not held, into the table; returns how many.
  Result<int64_t> insert_from_stage() {
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

  // Writing `rows` met the unique index (staged in place, where the index stays): finds the
  // first of them whose reference is held by another row, for first_repeat(), and returns
  // `failure`. The rows before it are in; the statement that failed wrote none of its own.
  Status repeat_in(const std::vector<Disruption>& rows, const std::vector<std::size_t>& lines, const Status& failure) {
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

  // Copies the staged rows whose reference is held into disruption_held, once. AlreadyExists
  // when two staged rows hold the same one.
  Status find_held() {
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

  // Puts back what bulk_rebuild(table).drop took away. A reference staged twice makes the
  // unique index fail; the savepoint keeps the transaction usable to find out where.
  Status restore(std::string_view table) {
    ROCTA_RETURN_IF_ERROR(db_.exec("SAVEPOINT rocta_restore"));
    Status s = Status::ok();
    for (const auto& sql : D::bulk_rebuild(table).restore)
      if (s = db_.exec(sql); !s.is_ok()) break;
    if (s.is_ok()) return db_.exec("RELEASE SAVEPOINT rocta_restore");
    ROCTA_RETURN_IF_ERROR(db_.exec("ROLLBACK TO SAVEPOINT rocta_restore"));
    ROCTA_RETURN_IF_ERROR(db_.exec("RELEASE SAVEPOINT rocta_restore"));
    return s;
  }

  // kColumns, each between `before` and `after`, comma-separated.
  static std::string each_column(const std::string& before, const std::string& after) {
    std::string out, columns = disruption_detail::kColumns;
    for (size_t start = 0; start < columns.size();) {
      const size_t comma = std::min(columns.find(',', start), columns.size());
      out += (out.empty() ? "" : ", ") + before + trim(columns.substr(start, comma - start)) + after;
      start = comma + 1;
    }
    return out;
  }

  // As upsert(), for many rows, written as fast as the database takes them: into an empty
  // table (the first load) straight in, without its indexes, which are built after them (the
  // rows hold one key each); otherwise through a staging table, added in one statement.
  Status upsert_many(const std::string& table, const std::string& when, const std::vector<disruption_detail::CountRow>& rows) {
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

  Status write_counts(const std::string& table_columns, const std::vector<disruption_detail::CountRow>& rows) {
    typename D::BulkInsert out(db_, table_columns, 7);
    for (const auto& r : rows) {
      for (std::string_view text : {r.agency, r.when, to_string(r.role), to_string(r.category), to_string(r.outcome), r.threat_category})
        out.put(text);
      out.put(r.n);
      ROCTA_RETURN_IF_ERROR(out.end_row());
    }
    return out.finish();
  }

  disruption_detail::PendingCounts pending_;  // inserted, not yet in the counts
  disruption_detail::PendingCounts staged_counts_;  // staged, counted when inserted
  bool staging_ = false, in_place_ = false, held_found_ = false;
  int64_t staged_ = 0, held_ = 0;
  std::optional<Repeat> repeat_;  // found on writing in place
  typename D::Connection& db_;
};

}  // namespace rocta::sql
