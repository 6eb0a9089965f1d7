#include "app/thematic_disruptions.h"

#include <nlohmann/json.hpp>

#include "app/audit_log.h"
#include "core/policy.h"
#include "core/text.h"
#include "report/soc_figures.h"
#include "store/agency_repository.h"
#include "store/repository_transaction.h"
#include "store/thematic_disruption_repository.h"

namespace rocta {

Result<ThematicDisruption> record_thematic_disruption(App& app, const Caller& caller, ThematicDisruption d) {
  if (!caller.system && !may_record_disruptions(caller.user)) return denied("your roles do not include recording disruptions");
  d.id = 0;
  d.recording_agency = caller.user.agency;
  d.crime_type = trim(d.crime_type);
  d.area = trim(d.area);
  d.created_by = caller.user.id;
  d.created_at = iso_timestamp(app.clock.now_ms());
  ROCTA_RETURN_IF_ERROR(validate_thematic_disruption(d, iso_date(app.clock.now_ms())));
  ROCTA_ASSIGN_OR_RETURN(auto tx, app.store.begin(TxMode::kWrite));
  ROCTA_ASSIGN_OR_RETURN(d.id, tx->thematic_disruptions().insert(d));
  nlohmann::json detail{{"crime_type", d.crime_type}, {"area", d.area}, {"outcome", to_string(d.outcome)},
                        {"record_date", d.record_date}, {"reached", d.reached}};
  ROCTA_RETURN_IF_ERROR(append_audit(*tx, app, caller, {"thematic_disruption.create", "thematic_disruption", d.id, detail.dump()}));
  ROCTA_RETURN_IF_ERROR(tx->commit());
  return d;
}

Result<std::vector<ThematicDisruption>> list_thematic_disruptions(App& app, const Caller& caller, const std::string& from_day,
                                                                  const std::string& to_day) {
  if (!caller.system && !may_read_soc_figures(caller.user) && !may_record_disruptions(caller.user))
    return denied("thematic disruptions are for those who record disruptions or read the figures");
  if (!is_iso_date(from_day)) return invalid("from is a date, YYYY-MM-DD", "from");
  if (!is_iso_date(to_day)) return invalid("to is a date, YYYY-MM-DD", "to");
  if (from_day > to_day) return invalid("from must not be after to", "from");
  ROCTA_ASSIGN_OR_RETURN(auto tx, app.store.begin(TxMode::kRead));
  return tx->thematic_disruptions().list(caller.system ? std::string() : caller.user.region, from_day, to_day, 500);
}

Result<ThematicFigures> thematic_figures(App& app, const Caller& caller, const std::string& year_ending, const std::string& region) {
  if (!caller.system && !may_read_soc_figures(caller.user)) return denied("the figures are for analysts, managers and inspectors");
  ROCTA_ASSIGN_OR_RETURN(report::YearWindow w, report::year_window(year_ending));
  ROCTA_ASSIGN_OR_RETURN(auto tx, app.store.begin(TxMode::kRead));
  std::map<std::string, std::string> region_of;
  ROCTA_ASSIGN_OR_RETURN(auto agencies, tx->agencies().list());
  for (const auto& a : agencies) region_of[a.code] = a.region;
  ROCTA_ASSIGN_OR_RETURN(auto groups, tx->thematic_disruptions().groups(w.start, w.end));
  ThematicFigures f;
  f.year_start = w.start;
  f.year_ending = year_ending;
  for (const auto& g : groups) {
    if (!region.empty() && lower(region_of[g.agency]) != lower(region)) continue;
    AgencyThematic& a = f.by_agency[g.agency];
    if (a.by_4p.empty()) a.by_4p = {{"Prevent", 0}, {"Protect", 0}};
    a.total += g.count;
    a.reached += g.reached;
    a.by_4p[std::string(to_string(g.outcome))] += g.count;
    a.by_crime_type[g.crime_type] += g.count;
    a.by_area[g.area] += g.count;
  }
  return f;
}

}  // namespace rocta
