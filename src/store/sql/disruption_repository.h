// The disruption repository in SQL, written once for every SQL adapter (see repositories.h
// for what a Dialect supplies). Every write moves the daily and monthly counts
// (disruption_counts, disruption_months) in the same transaction, so the SOC figures read
// count rows, not millions of disruptions, and still equal the records. Inserts gather
// their changes to the counts and write them once (flush_counts), before any read of the
// counts and before the transaction commits.
#pragma once

#include <chrono>
#include <cstdio>
#include <map>
#include <optional>
#include <string>
#include <tuple>
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

inline void append_values(std::vector<Value>& v, const Disruption& d) {
  v.emplace_back(d.reference);
  v.emplace_back(d.recording_agency);
  v.emplace_back(d.threat_id ? Value{d.threat_id} : Value{nullptr});
  v.emplace_back(d.threat_reference);
  v.emplace_back(d.threat_type ? std::string(to_string(*d.threat_type)) : std::string());
  v.emplace_back(std::string(to_string(d.role)));
  v.emplace_back(d.supports ? Value{d.supports} : Value{nullptr});
  v.emplace_back(d.record_date);
  v.emplace_back(std::string(to_string(d.category)));
  v.emplace_back(d.justification);
  v.emplace_back(join_outcomes(d.outcomes));
  v.emplace_back(std::string(to_string(d.principal())));
  v.emplace_back(d.threat_category);
  v.emplace_back(d.description);
  v.emplace_back(join_prompts(d.prompts));
  v.emplace_back(d.extra);
  v.emplace_back(d.import_id);
  v.emplace_back(d.version);
  v.emplace_back(d.created_at);
  v.emplace_back(d.created_by);
}

template <typename Row>
Disruption read(const Row& st) {
  Disruption d;
  int c = 0;
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

// The key of a daily count, and the running changes to apply.
using CountKey = std::tuple<std::string, std::string, DisruptionRole, ImpactCategory, FourP, std::string>;
inline CountKey count_key(const Disruption& d) {
  return {d.recording_agency, d.record_date, d.role, d.category, d.principal(), d.threat_category};
}

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
    for (size_t from = 0; from < rows.size(); from += kBatch) {
      const size_t n = std::min<size_t>(kBatch, rows.size() - from);
      std::string sql = std::string("INSERT INTO disruptions(") + kColumns + ") VALUES ";
      std::vector<Value> params;
      params.reserve(n * kColumnCount);
      std::unordered_map<std::string, size_t> index;  // "agency\x1freference" -> row
      for (size_t i = 0; i < n; ++i) {
        const Disruption& d = rows[from + i];
        sql += i ? ",(" : "(";
        for (int c = 0; c < kColumnCount; ++c) sql += c ? ",?" : "?";
        sql += ")";
        append_values(params, d);
        index.emplace(d.recording_agency + '\x1f' + d.reference, from + i);
      }
      sql += " ON CONFLICT (recording_agency, reference) DO NOTHING RETURNING id, recording_agency, reference";
      ROCTA_ASSIGN_OR_RETURN(auto* st, db_.prepare(sql));
      st->bind_all(params);
      ROCTA_RETURN_IF_ERROR(st->each([&] {
        auto it = index.find(st->text_at(1) + '\x1f' + st->text_at(2));
        if (it == index.end()) return;
        ids[it->second] = st->int_at(0);
        ++pending_[count_key(rows[it->second])];
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
    std::string set;
    std::string columns = kColumns;
    for (size_t start = 0; start < columns.size();) {
      const size_t comma = std::min(columns.find(',', start), columns.size());
      set += (set.empty() ? "" : ", ") + trim(columns.substr(start, comma - start)) + " = ?";
      start = comma + 1;
    }
    ROCTA_RETURN_IF_ERROR(run(db_, "UPDATE disruptions SET " + set + " WHERE id = ?", params));
    --pending_[count_key(old)];
    ++pending_[count_key(d)];
    return flush_counts();
  }

  Result<std::vector<Disruption>> of_threat(int64_t threat_id) override {
    return all_rows<Disruption>(db_, select() + "WHERE threat_id = ? ORDER BY record_date DESC, id DESC", {threat_id},
                                [](const Statement& st) { return disruption_detail::read(st); });
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

  Status flush_counts() override {
    using namespace disruption_detail;
    if (pending_.empty()) return Status::ok();
    std::map<CountKey, int64_t> deltas;
    deltas.swap(pending_);
    std::map<CountKey, int64_t> monthly;
    bool emptied = false;
    for (const auto& [key, delta] : deltas) {
      if (delta == 0) continue;
      emptied = emptied || delta < 0;
      auto month = key;
      std::get<1>(month) = std::get<1>(key).substr(0, 7);
      monthly[month] += delta;
    }
    ROCTA_RETURN_IF_ERROR(upsert("disruption_counts", "day", deltas));
    ROCTA_RETURN_IF_ERROR(upsert("disruption_months", "month", monthly));
    if (!emptied) return Status::ok();
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

 private:
  static std::string select() { return std::string("SELECT id, ") + disruption_detail::kColumns + " FROM disruptions "; }

  // Adds the deltas to a count table, many rows per statement.
  Status upsert(const std::string& table, const std::string& when, const std::map<disruption_detail::CountKey, int64_t>& deltas) {
    constexpr size_t kRows = 500;
    std::vector<Value> params;
    size_t n = 0;
    auto send = [&]() -> Status {
      if (n == 0) return Status::ok();
      std::string sql = "INSERT INTO " + table + "(agency, " + when + ", role, category, outcome, threat_category, n) VALUES ";
      for (size_t i = 0; i < n; ++i) sql += i ? ",(?,?,?,?,?,?,?)" : "(?,?,?,?,?,?,?)";
      sql += " ON CONFLICT (agency, " + when + ", role, category, outcome, threat_category) DO UPDATE SET n = " + table + ".n + excluded.n";
      Status s = run(db_, sql, params);
      params.clear();
      n = 0;
      return s;
    };
    for (const auto& [key, delta] : deltas) {
      if (delta == 0) continue;
      const auto& [agency, day, role, category, outcome, threat_category] = key;
      params.insert(params.end(), {agency, day, std::string(to_string(role)), std::string(to_string(category)),
                                   std::string(to_string(outcome)), threat_category, delta});
      if (++n == kRows) ROCTA_RETURN_IF_ERROR(send());
    }
    return send();
  }

  std::map<disruption_detail::CountKey, int64_t> pending_;  // inserted, not yet in the counts
  typename D::Connection& db_;
};

}  // namespace rocta::sql
