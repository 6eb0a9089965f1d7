// The disruption repository in SQL, written once for every SQL adapter (see repositories.h
// for what a Dialect supplies). Every write moves the daily counts (disruption_counts) in
// the same transaction, so the SOC figures read a few thousand count rows, not millions of
// disruptions, and still equal the records.
#pragma once

#include <map>
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

}  // namespace disruption_detail

template <typename D>
class Disruptions final : public DisruptionRepository {
  using Statement = typename D::Statement;

 public:
  explicit Disruptions(typename D::Connection& db) : db_(db) {}

  Result<std::vector<int64_t>> insert_new(const std::vector<Disruption>& rows) override {
    using namespace disruption_detail;
    std::vector<int64_t> ids(rows.size(), 0);
    std::map<CountKey, int64_t> deltas;
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
        ++deltas[count_key(rows[it->second])];
      }));
    }
    ROCTA_RETURN_IF_ERROR(apply(deltas));
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
    std::map<CountKey, int64_t> deltas;
    --deltas[count_key(old)];
    ++deltas[count_key(d)];
    return apply(deltas);
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

  Result<std::vector<DisruptionGroup>> counts(const std::string& from_day, const std::string& to_day) override {
    return all_rows<DisruptionGroup>(
        db_, "SELECT agency, day, role, category, outcome, threat_category, n FROM disruption_counts WHERE day >= ? AND day <= ?",
        {from_day, to_day}, [](const Statement& st) {
          DisruptionGroup g;
          g.agency = st.text_at(0);
          g.day = st.text_at(1);
          g.role = parse_disruption_role(st.text_at(2)).value_or(DisruptionRole::kLead);
          g.category = parse_impact_category(st.text_at(3)).value_or(ImpactCategory::kNotAssessed);
          g.outcome = parse_four_p(st.text_at(4)).value_or(FourP::kPursue);
          g.threat_category = st.text_at(5);
          g.count = st.int_at(6);
          return g;
        });
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

  Status apply(const std::map<disruption_detail::CountKey, int64_t>& deltas) {
    bool emptied = false;
    for (const auto& [key, delta] : deltas) {
      if (delta == 0) continue;
      emptied = emptied || delta < 0;
      const auto& [agency, day, role, category, outcome, threat_category] = key;
      ROCTA_RETURN_IF_ERROR(run(db_, R"sql(
INSERT INTO disruption_counts(agency, day, role, category, outcome, threat_category, n) VALUES (?,?,?,?,?,?,?)
ON CONFLICT (agency, day, role, category, outcome, threat_category) DO UPDATE SET n = disruption_counts.n + excluded.n)sql",
                                {agency, day, std::string(to_string(role)), std::string(to_string(category)),
                                 std::string(to_string(outcome)), threat_category, delta}));
    }
    return emptied ? run(db_, "DELETE FROM disruption_counts WHERE n = 0", {}) : Status::ok();
  }

  typename D::Connection& db_;
};

}  // namespace rocta::sql
