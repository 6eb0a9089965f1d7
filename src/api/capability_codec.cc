#include "api/capability_codec.h"

namespace rocta::json_codec {
namespace {

using nlohmann::json;

json staffing_row(const StaffingRow& r) {
  return {{"agency", r.agency},
          {"unit_id", r.unit_id},
          {"unit", r.unit},
          {"role", to_string(r.role)},
          {"establishment", r.establishment},
          {"in_post", r.in_post},
          {"vacant", r.vacant},
          {"vacancy_pct", r.vacancy_pct},
          {"cover_from", r.cover_from},
          {"cover_to", r.cover_to},
          {"single_point_of_failure", r.single_point_of_failure}};
}

json demand_row(const FiDemandRow& r) {
  return {{"key", r.key},
          {"id", r.id},
          {"suspects", r.suspects},
          {"investigated", r.investigated},
          {"not_investigated", r.not_investigated},
          {"refused_no_capacity", r.refused_no_capacity},
          {"open", r.open}};
}

json asset_row(const AssetPipelineRow& r) {
  return {{"agency", r.agency},
          {"threat_id", r.threat_id},
          {"threat_reference", r.threat_reference},
          {"identified", r.identified},
          {"restrained", r.restrained},
          {"ordered", r.ordered},
          {"realised", r.realised},
          {"identified_pence", r.identified_pence},
          {"restrained_pence", r.restrained_pence},
          {"ordered_pence", r.ordered_pence},
          {"realised_pence", r.realised_pence},
          {"returned_pence", r.returned_pence}};
}

template <typename T, typename F>
json rows(const std::vector<T>& v, F f) {
  json out = json::array();
  for (const auto& r : v) out.push_back(f(r));
  return out;
}

}  // namespace

json to_json(const FiItem& i) {
  return {{"id", i.id},
          {"agency", i.agency},
          {"threat_id", i.threat_id},
          {"threat_reference", i.threat_reference},
          {"disruption_id", i.disruption_id},
          {"disruption_reference", i.disruption_reference},
          {"nominal_id", i.nominal_id},
          {"suspect", i.suspect},
          {"charged", i.charged},
          {"team_unit_id", i.team_unit_id},
          {"bcu_unit_id", i.bcu_unit_id},
          {"opened_on", i.opened_on},
          {"state", to_string(i.state)},
          {"investigator_id", i.investigator_id},
          {"investigator", i.investigator},
          {"reason", i.state == FiState::kDeclined ? std::string(to_string(i.reason)) : std::string()},
          {"note", i.note},
          {"decided_on", i.decided_on},
          {"version", i.version}};
}

json to_json(const AssetCase& c) {
  return {{"id", c.id},
          {"agency", c.agency},
          {"threat_id", c.threat_id},
          {"threat_reference", c.threat_reference},
          {"description", c.description},
          {"route", to_string(c.route)},
          {"stage", to_string(c.stage)},
          {"identified_pence", c.identified_pence},
          {"restrained_pence", c.restrained_pence},
          {"ordered_pence", c.ordered_pence},
          {"realised_pence", c.realised_pence},
          {"identified_on", c.identified_on},
          {"restrained_on", c.restrained_on},
          {"ordered_on", c.ordered_on},
          {"realised_on", c.realised_on},
          {"disruption_id", c.disruption_id},
          {"version", c.version}};
}

json to_json(const StaffingPost& p) {
  return {{"id", p.id},         {"agency", p.agency},     {"unit_id", p.unit_id},       {"role", to_string(p.role)},
          {"month", p.month},   {"post_ref", p.post_ref}, {"filled", p.filled},         {"holder", p.holder},
          {"cover_from", p.cover_from}, {"cover_to", p.cover_to}};
}

json capability_report_json(const CapabilityReport& r) {
  json history = rows(r.staffing.history, [](const StaffingMonth& m) {
    return json{{"month", m.month}, {"agency", m.agency}, {"role", to_string(m.role)}, {"establishment", m.establishment},
                {"in_post", m.in_post}};
  });
  json unit_totals = rows(r.staffing.unit_totals, [](const UnitStaffing& u) {
    return json{{"agency", u.agency}, {"unit_id", u.unit_id}, {"unit", u.unit}, {"establishment", u.establishment},
                {"in_post", u.in_post}, {"vacant", u.vacant}};
  });
  json capacity = rows(r.fi.capacity, [](const FiCapacityRow& c) {
    return json{{"agency", c.agency}, {"demand", c.demand}, {"investigators", c.investigators},
                {"per_investigator", static_cast<double>(c.per_investigator_tenths) / 10}};
  });
  json covert = rows(r.covert.rows, [](const CovertRow& c) {
    return json{{"agency", c.agency},
                {"tactic", to_string(c.tactic)},
                {"accreditations", c.accreditations},
                {"deployments_year", c.deployments_year},
                {"deployments_two_years", c.deployments_two_years},
                {"cost_year_pence", c.cost_year_pence},
                {"last_deployed_on", c.last_deployed_on},
                {"kept_without_use", c.kept_without_use},
                {"under_used", c.under_used}};
  });
  json covert_years = rows(r.covert.by_year, [](const CovertYear& y) {
    return json{{"agency", y.agency}, {"tactic", to_string(y.tactic)}, {"year", y.year}, {"deployments", y.deployments},
                {"cost_pence", y.cost_pence}};
  });
  json gaps = rows(r.gaps, [](const CapacityGap& g) {
    return json{{"agency", g.agency},       {"role", to_string(g.role)}, {"establishment", g.establishment},
                {"in_post", g.in_post},     {"vacancy_pct", g.vacancy_pct}, {"single_point_of_failure", g.single_point_of_failure}};
  });
  return {{"month", r.month},
          {"today", r.today},
          {"staffing", {{"units", rows(r.staffing.units, staffing_row)},
                        {"agencies", rows(r.staffing.agencies, staffing_row)},
                        {"unit_totals", unit_totals},
                        {"history", history}}},
          {"fi", {{"by_threat", rows(r.fi.by_threat, demand_row)},
                  {"by_team", rows(r.fi.by_team, demand_row)},
                  {"by_bcu", rows(r.fi.by_bcu, demand_row)},
                  {"total", demand_row(r.fi.total)},
                  {"capacity", capacity}}},
          {"assets", {{"by_threat", rows(r.assets.by_threat, asset_row)}, {"by_agency", rows(r.assets.by_agency, asset_row)}}},
          {"covert", {{"rows", covert}, {"by_year", covert_years}}},
          {"gaps", gaps}};
}

}  // namespace rocta::json_codec
