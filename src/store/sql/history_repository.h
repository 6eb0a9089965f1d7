// The history repository (store/history_repository.h) in SQL, written once for every SQL
// adapter. The threat_history rows are written by the databases' triggers (schema.cc).
#pragma once

#include <cstdio>
#include <string>
#include <vector>

#include "store/history_repository.h"
#include "store/sql/query_helpers.h"

namespace rocta::sql {

namespace history_detail {
// "YYYY-MM-DD" of the day after `day` (a valid date): the recorded_at values (ISO
// timestamps) of `day` and before sort below it, in any collation.
inline std::string day_after(const std::string& day) {
  int y = std::stoi(day.substr(0, 4)), m = std::stoi(day.substr(5, 2)), d = std::stoi(day.substr(8, 2));
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  if (++d > kDays[m - 1] + (m == 2 && leap ? 1 : 0)) {
    d = 1;
    if (++m > 12) m = 1, ++y;
  }
  char out[11];
  std::snprintf(out, sizeof out, "%04d-%02d-%02d", y, m, d);
  return out;
}
}  // namespace history_detail

template <typename D>
class History final : public HistoryRepository {
  using Statement = typename D::Statement;

 public:
  explicit History(typename D::Connection& db) : db_(db) {}

  Result<std::vector<ThreatGroup>> threat_groups_as_of(const std::string& day) override {
    return all_rows<ThreatGroup>(db_, R"sql(
SELECT h.owner, h.threat_type, h.assessment_type, h.moderation, h.soc, coalesce(h.tier, 0),
       CASE WHEN lower(h.phase) LIKE '%closed%' THEN 1 ELSE 0 END, h.primary_crime_type, h.county_lines, count(*)
FROM threat_history h
JOIN (SELECT threat_id, max(seq) AS seq FROM threat_history WHERE recorded_at < ? GROUP BY threat_id) last ON last.seq = h.seq
GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9)sql",
                                 {history_detail::day_after(day)}, [](const Statement& st) {
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

  Result<std::vector<DisruptionGroup>> disruption_counts_as_of(const std::string& from_day, const std::string& to_day,
                                                               const std::string& as_of) override {
    return groups(from_day, to_day, as_of, false);
  }
  Result<std::vector<DisruptionGroup>> beyond_standard_counts(const std::string& from_day, const std::string& to_day,
                                                              const std::string& as_of) override {
    return groups(from_day, to_day, as_of, true);
  }

 private:
  Result<std::vector<DisruptionGroup>> groups(const std::string& from_day, const std::string& to_day, const std::string& as_of,
                                              bool beyond_standard_only) {
    Sql sql;
    sql.add("SELECT recording_agency, record_date, role, category, principal, threat_category, count(*) FROM disruptions "
            "WHERE record_date >= ?", from_day);
    sql.add(" AND record_date <= ?", to_day);
    if (!as_of.empty()) sql.add(" AND created_at < ?", history_detail::day_after(as_of));
    if (beyond_standard_only) sql.add(" AND threat_type IN ('Priority individual', 'Vulnerability')");
    sql.add(" GROUP BY 1, 2, 3, 4, 5, 6");
    return all_rows<DisruptionGroup>(db_, sql.text, sql.params, [](const Statement& st) {
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
  typename D::Connection& db_;
};

}  // namespace rocta::sql
