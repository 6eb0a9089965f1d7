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
#include "store/disruption_repository.h"
#include "store/sql/dialect.h"
#include "store/sql/query_helpers.h"

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

// The members are defined in disruption_repository_impl.h and compiled once per dialect
// (store/sqlite/sqlite_repositories.cc, store/postgres/postgres_repositories.cc).
template <typename D>
class Disruptions final : public DisruptionRepository {
  using Statement = typename D::Statement;

 public:
  explicit Disruptions(typename D::Connection& db) : db_(db) {}

  Result<std::vector<int64_t>> insert_new(const std::vector<Disruption>& rows) override;

  Result<Disruption> get(int64_t id) override;

  Result<Disruption> find(const std::string& agency, const std::string& reference) override;

  Status update(const Disruption& d) override;

  Result<std::vector<Disruption>> of_threat(int64_t threat_id) override;

  Result<std::vector<Disruption>> scan(int64_t after_id, int limit) override;

  Result<int64_t> link_threats() override;

  Result<std::vector<ThreatKey>> threat_keys() override;

  // Whole months inside the range come from the monthly counts (each dated on its first
  // day inside the range), the days before and after them from the daily counts.
  Result<std::vector<DisruptionGroup>> counts(const std::string& from_day, const std::string& to_day) override;

  // What must hold before the transaction commits: the counts written, and no rows left
  // staged (staged in place, they would be in the table without their counts or indexes).
  Status before_commit();

  Status flush_counts() override;

  Result<std::vector<ThreatGroup>> threat_groups() override;

  Result<int64_t> insert_import(const ImportRecord& r) override;

  Status finish_import(int64_t id, const std::string& summary) override;

  // Two ways to stage, chosen by the first stage() of a transaction:
  // - into an empty table (a store's first load), rows go straight in, each with its line
  //   as its id, without the indexes the dialect rebuilds after (bulk_rebuild): nothing can
  //   be held, and a reference given twice shows when the unique index is checked (on
  //   writing, or when it is built);
  // - otherwise rows wait in a temporary table (disruption_stage) until insert_staged();
  //   those whose reference is held already are copied, with the stored row's id, into
  //   disruption_held when first asked for.
  Status stage(const std::vector<Disruption>& rows, const std::vector<std::size_t>& lines) override;

  Result<std::vector<HeldRow>> staged_held(int64_t after_line, int limit) override;

  Result<int64_t> insert_staged() override;

  Result<std::optional<Repeat>> first_repeat() override;

 private:
  static std::string select();

  // The INSERT of `n` rows that skips references already held and returns the rows it
  // inserted. A full batch's text is made once.
  static std::string insert_sql(size_t n);

  // Adds the changes to a count table, many rows per statement.
  Status upsert(const std::string& table, const std::string& when, const std::vector<disruption_detail::CountRow>& rows);

  Status begin_staging();

  // The staged rows not held, into the table; returns how many.
  Result<int64_t> insert_from_stage();

  // Writing `rows` met the unique index (staged in place, where the index stays): finds the
  // first of them whose reference is held by another row, for first_repeat(), and returns
  // `failure`. The rows before it are in; the statement that failed wrote none of its own.
  Status repeat_in(const std::vector<Disruption>& rows, const std::vector<std::size_t>& lines, const Status& failure);

  // Copies the staged rows whose reference is held into disruption_held, once. AlreadyExists
  // when two staged rows hold the same one.
  Status find_held();

  // Puts back what bulk_rebuild(table).drop took away. A reference staged twice makes the
  // unique index fail; the savepoint keeps the transaction usable to find out where.
  Status restore(std::string_view table);

  // kColumns, each between `before` and `after`, comma-separated.
  static std::string each_column(const std::string& before, const std::string& after);

  // As upsert(), for many rows, written as fast as the database takes them: into an empty
  // table (the first load) straight in, without its indexes, which are built after them (the
  // rows hold one key each); otherwise through a staging table, added in one statement.
  Status upsert_many(const std::string& table, const std::string& when, const std::vector<disruption_detail::CountRow>& rows);

  Status write_counts(const std::string& table_columns, const std::vector<disruption_detail::CountRow>& rows);

  disruption_detail::PendingCounts pending_;  // inserted, not yet in the counts
  disruption_detail::PendingCounts staged_counts_;  // staged, counted when inserted
  bool staging_ = false, in_place_ = false, held_found_ = false;
  int64_t staged_ = 0, held_ = 0;
  std::optional<Repeat> repeat_;  // found on writing in place
  typename D::Connection& db_;
};

}  // namespace rocta::sql
