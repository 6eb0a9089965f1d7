// Thematic disruptions (store/thematic_disruption_repository.h) in SQL, written once for
// every SQL adapter; see repositories.h for what a Dialect supplies.
#pragma once

#include <string>
#include <vector>

#include "store/sql/query_helpers.h"
#include "store/thematic_disruption_repository.h"

namespace rocta::sql {

template <typename D>
class ThematicDisruptions final : public ThematicDisruptionRepository {
  using Statement = typename D::Statement;

 public:
  explicit ThematicDisruptions(typename D::Connection& db) : db_(db) {}

  Result<int64_t> insert(const ThematicDisruption& d) override {
    return one_integer(db_,
                       "INSERT INTO thematic_disruptions(recording_agency, crime_type, area, record_date, outcome, activity, "
                       "reached, created_by, created_at) VALUES (?,?,?,?,?,?,?,?,?) RETURNING id",
                       {d.recording_agency, d.crime_type, d.area, d.record_date, std::string(to_string(d.outcome)), d.activity,
                        d.reached, d.created_by, d.created_at});
  }
  Result<std::vector<ThematicDisruption>> list(const std::string& region, const std::string& from_day, const std::string& to_day,
                                               int limit) override {
    return all_rows<ThematicDisruption>(
        db_,
        "SELECT t.id, t.recording_agency, t.crime_type, t.area, t.record_date, t.outcome, t.activity, t.reached, t.created_by, "
        "t.created_at FROM thematic_disruptions t JOIN agencies a ON a.code = t.recording_agency "
        "WHERE (? = '' OR a.region = ?) AND t.record_date >= ? AND t.record_date <= ? ORDER BY t.record_date DESC, t.id DESC "
        "LIMIT ?",
        {region, region, from_day, to_day, int64_t{limit}}, [](const Statement& st) {
          ThematicDisruption d;
          d.id = st.int_at(0);
          d.recording_agency = st.text_at(1);
          d.crime_type = st.text_at(2);
          d.area = st.text_at(3);
          d.record_date = st.text_at(4);
          d.outcome = parse_four_p(st.text_at(5)).value_or(FourP::kPrevent);
          d.activity = st.text_at(6);
          d.reached = st.int_at(7);
          d.created_by = st.int_at(8);
          d.created_at = st.text_at(9);
          return d;
        });
  }
  Result<std::vector<ThematicGroup>> groups(const std::string& from_day, const std::string& to_day) override {
    return all_rows<ThematicGroup>(db_,
                                   "SELECT recording_agency, crime_type, area, outcome, count(*), sum(reached) FROM thematic_disruptions "
                                   "WHERE record_date >= ? AND record_date <= ? GROUP BY 1, 2, 3, 4",
                                   {from_day, to_day}, [](const Statement& st) {
                                     ThematicGroup g;
                                     g.agency = st.text_at(0);
                                     g.crime_type = st.text_at(1);
                                     g.area = st.text_at(2);
                                     g.outcome = parse_four_p(st.text_at(3)).value_or(FourP::kPrevent);
                                     g.count = st.int_at(4);
                                     g.reached = st.int_at(5);
                                     return g;
                                   });
  }

 private:
  typename D::Connection& db_;
};

}  // namespace rocta::sql
