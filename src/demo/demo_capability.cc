#include "demo/demo_capability.h"

#include <string>
#include <vector>

#include "app/capability.h"
#include "app/disruptions.h"
#include "core/text.h"
#include "store/agency_repository.h"
#include "store/capability_repository.h"
#include "store/marked_repository.h"
#include "store/repository_transaction.h"
#include "store/unit_repository.h"
#include "store/user_repository.h"

namespace rocta::demo {
namespace {

constexpr int64_t kDayMs = 24LL * 3600 * 1000;

// The month `back` months before the one `today` falls in (YYYY-MM).
std::string month_before(const std::string& today, int back) {
  int y = std::stoi(today.substr(0, 4)), m = std::stoi(today.substr(5, 2)) - back;
  while (m < 1) m += 12, --y;
  return std::to_string(y) + "-" + (m < 10 ? "0" : "") + std::to_string(m);
}

class CapabilityBuilder {
 public:
  CapabilityBuilder(App& app, Transaction& tx) : app_(app), tx_(tx), today_(iso_date(app.clock.now_ms())) {}

  Status run() {
    ROCTA_RETURN_IF_ERROR(setup());
    ROCTA_RETURN_IF_ERROR(mps_posts());
    ROCTA_RETURN_IF_ERROR(colp_and_btp_posts());
    ROCTA_RETURN_IF_ERROR(drug_supply_arrests());
    ROCTA_RETURN_IF_ERROR(assets());
    return covert();
  }

 private:
  Status setup() {
    ROCTA_ASSIGN_OR_RETURN(auto analyst, tx_.users().find_by_username("mps.bcu.analyst"));
    caller_ = system_caller("demo");
    caller_.user = analyst.user;
    caller_.system = true;
    ROCTA_ASSIGN_OR_RETURN(hub_, tx_.units().insert(Unit{0, "MPS", "Organised Crime Hub (North)", UnitKind::kSpecialistCrimeCommand, {}, true, "", 1}));
    ROCTA_ASSIGN_OR_RETURN(ecc_, tx_.units().insert(Unit{0, "MPS", "Economic Crime Command", UnitKind::kEconomicCrime, {}, true, "", 1}));
    ROCTA_ASSIGN_OR_RETURN(auto units, tx_.units().list(""));
    for (const auto& u : units) {
      if (u.name == "Specialist Crime Command") scc_ = u.id;
      if (u.name == "CoLP Sensitive Intelligence Unit") colp_siu_ = u.id;
      if (u.name == "BTP Intelligence") btp_intel_ = u.id;
      if (u.kind == UnitKind::kBcu && u.agency == "MPS") bcus_.push_back(u.id);
    }
    if (!scc_ || !colp_siu_ || !btp_intel_ || bcus_.size() < 2) return not_found("the demo's units for capability");
    // An open MPS drug supply threat the arrests disrupt, and another for the £7.5m never traced.
    for (int64_t after = 0;;) {
      ROCTA_ASSIGN_OR_RETURN(auto batch, tx_.threats().scan(after, 500));
      if (batch.empty()) break;
      for (const auto& t : batch) {
        if (t.marking.owning_agency != "MPS" || t.is_closed() || !can(caller_.user, Action::kRead, RecordKind::kThreat, t.marking)) continue;
        if (!drugs_ && contains_ci(t.primary_crime_type, "drug")) drugs_ = t.id;
        else if (!other_) other_ = t.id;
      }
      after = batch.back().id;
    }
    if (!drugs_ || !other_) return not_found("an open MPS drug supply threat for the capability demo");
    return Status::ok();
  }

  // `n` posts of a unit and role in `month`, `vacant` of them vacant, covering from..to.
  Status posts(const std::string& agency, int64_t unit, SpecialistRole role, const std::string& month, int n, int vacant,
               int from = 8, int to = 18) {
    ROCTA_ASSIGN_OR_RETURN(Agency a, tx_.agencies().get(agency));
    for (int i = 0; i < n; ++i) {
      StaffingPost p;
      p.agency = agency, p.unit_id = unit, p.role = role, p.month = month;
      p.post_ref = agency + "-" + std::to_string(unit) + "-R" + std::to_string(static_cast<int>(role)) + "-" + std::to_string(i + 1);
      p.filled = i >= vacant;
      if (p.filled) p.holder = "Post holder " + std::to_string(i + 1);
      p.cover_from = from, p.cover_to = to;
      p.marking = capability_marking(a.code, a.region);
      ROCTA_RETURN_IF_ERROR(validate_post(p));
      ROCTA_RETURN_IF_ERROR(status_of(tx_.capability().insert_post(p)));
    }
    return Status::ok();
  }

  // The MPS this month: 329 FI posts with 60 vacant (42 of them in the hub, which has 8 of 50
  // in post), 228 analyst posts with 40 vacant, and 300 vacancies in the specialist crime
  // command. Two months before, the hub had more in post: the history shows it falling.
  Status mps_posts() {
    for (int back = 2; back >= 0; --back) {
      const std::string m = month_before(today_, back);
      const int hub_vacant = kDemoHubFiPosts - kDemoHubFiInPost - back * 2;
      const int scc_fi = 150, ecc_fi = kDemoMpsFiPosts - kDemoHubFiPosts - scc_fi;  // 129
      const int scc_fi_vacant = 12, ecc_fi_vacant = kDemoMpsFiVacant - (kDemoHubFiPosts - kDemoHubFiInPost) - scc_fi_vacant;  // 6
      ROCTA_RETURN_IF_ERROR(posts("MPS", hub_, SpecialistRole::kFinancialInvestigator, m, kDemoHubFiPosts, hub_vacant));
      ROCTA_RETURN_IF_ERROR(posts("MPS", scc_, SpecialistRole::kFinancialInvestigator, m, scc_fi, scc_fi_vacant));
      ROCTA_RETURN_IF_ERROR(posts("MPS", ecc_, SpecialistRole::kFinancialInvestigator, m, ecc_fi, ecc_fi_vacant));
      const int scc_an = 140, scc_an_vacant = 30;
      ROCTA_RETURN_IF_ERROR(posts("MPS", scc_, SpecialistRole::kAnalyst, m, scc_an, scc_an_vacant));
      ROCTA_RETURN_IF_ERROR(posts("MPS", ecc_, SpecialistRole::kAnalyst, m, kDemoMpsAnalystPosts - scc_an,
                                  kDemoMpsAnalystVacant - scc_an_vacant));
      // The rest of the command's 300 vacancies: 300 - 12 FI - 30 analysts = 258.
      ROCTA_RETURN_IF_ERROR(posts("MPS", scc_, SpecialistRole::kSurveillance, m, 400, 150, 6, 24));
      ROCTA_RETURN_IF_ERROR(posts("MPS", scc_, SpecialistRole::kTechnical, m, 150, 60));
      ROCTA_RETURN_IF_ERROR(posts("MPS", scc_, SpecialistRole::kFinancialIntelligenceOfficer, m, 80, 30));
      ROCTA_RETURN_IF_ERROR(posts("MPS", scc_, SpecialistRole::kUndercover, m, 40, kDemoSccVacancies - 12 - 30 - 150 - 60 - 30));
    }
    return Status::ok();
  }

  // The CoLP's SIU: one supervisor and one analyst, intelligence cover to 10pm. BTP: a small
  // undercover and technical capability, all in post.
  Status colp_and_btp_posts() {
    for (int back = 2; back >= 0; --back) {
      const std::string m = month_before(today_, back);
      ROCTA_RETURN_IF_ERROR(posts("COLP", colp_siu_, SpecialistRole::kSiu, m, 1, 0, 7, 22));
      ROCTA_RETURN_IF_ERROR(posts("COLP", colp_siu_, SpecialistRole::kAnalyst, m, 1, 0, 8, 22));
      ROCTA_RETURN_IF_ERROR(posts("BTP", btp_intel_, SpecialistRole::kUndercover, m, 4, 0));
      ROCTA_RETURN_IF_ERROR(posts("BTP", btp_intel_, SpecialistRole::kTechnical, m, 3, 0));
      ROCTA_RETURN_IF_ERROR(posts("BTP", btp_intel_, SpecialistRole::kFinancialInvestigator, m, 6, 1));
    }
    return Status::ok();
  }

  // 30 suspects arrested for drug supply in one pursue disruption; the appointed investigator
  // took the top four, the other 26 were refused for lack of capacity.
  Status drug_supply_arrests() {
    Disruption d;
    d.threat_id = drugs_;
    d.record_date = iso_date(app_.clock.now_ms() - 40 * kDayMs);
    d.outcomes = {FourP::kPursue};
    d.description = "Coordinated warrants: 30 arrested for drug supply.";
    for (const auto& s : suggest_outcomes(d.description, d.outcomes)) d.prompts.push_back({s.rule, s.outcome, false});
    for (int i = 0; i < kDemoDrugSuspects; ++i)
      d.suspects.push_back({0, "Drug supply suspect " + std::to_string(i + 1), i < 12, bcus_[static_cast<size_t>(i) % 2]});
    ROCTA_ASSIGN_OR_RETURN(Disruption saved, record_disruption_in(tx_, app_, caller_, std::move(d)));
    CapabilityQuery q;
    q.disruption_id = saved.id;
    q.unscoped = true;
    ROCTA_ASSIGN_OR_RETURN(auto items, tx_.capability().fi_items(ReadScope{}, q));
    const std::string on = iso_date(app_.clock.now_ms() - 35 * kDayMs);
    for (size_t i = 0; i < items.size(); ++i) {
      const bool top = static_cast<int>(i) < kDemoSuspectsInvestigated;
      ROCTA_ASSIGN_OR_RETURN(FiItem decided, decide_fi(items[i], top ? FiAction::kTake : FiAction::kDecline, caller_.user.id,
                                                       caller_.user.display_name, FiDeclineReason::kNoCapacity, "", on));
      ROCTA_RETURN_IF_ERROR(tx_.capability().update_fi_item(decided));
    }
    return Status::ok();
  }

  // £7.5m through an OCG's accounts, identified and never traced further; a confiscation
  // realised and a cash forfeiture (a pursue disruption) realised.
  Status assets() {
    const auto day = [&](int back) { return iso_date(app_.clock.now_ms() - back * kDayMs); };
    AssetCase traced;
    traced.agency = "MPS", traced.threat_id = other_, traced.route = AssetRoute::kConfiscation;
    traced.description = "At least £7.5m through the OCG's bank accounts; origin never investigated";
    traced.identified_pence = 750'000'000, traced.identified_on = day(400);
    ROCTA_RETURN_IF_ERROR(status_of(record_asset_case_in(tx_, app_, caller_, traced)));
    AssetCase house;
    house.agency = "MPS", house.threat_id = drugs_, house.route = AssetRoute::kConfiscation;
    house.description = "House and vehicles of the drug supply line's head";
    house.identified_pence = 60'000'000, house.identified_on = day(300);
    ROCTA_ASSIGN_OR_RETURN(house, record_asset_case_in(tx_, app_, caller_, house));
    ROCTA_RETURN_IF_ERROR(status_of(advance_asset_in(tx_, app_, caller_, house.id, AssetStage::kRestrained, 55'000'000, day(280), 0)));
    ROCTA_RETURN_IF_ERROR(status_of(advance_asset_in(tx_, app_, caller_, house.id, AssetStage::kConfiscated, 40'000'000, day(120), 0)));
    ROCTA_RETURN_IF_ERROR(status_of(advance_asset_in(tx_, app_, caller_, house.id, AssetStage::kRealised, 32'000'000, day(30), 0)));
    AssetCase cash;
    cash.agency = "MPS", cash.threat_id = drugs_, cash.route = AssetRoute::kForfeiture;
    cash.description = "Cash found at the warrants";
    cash.identified_pence = 12'000'000, cash.identified_on = day(40);
    ROCTA_ASSIGN_OR_RETURN(cash, record_asset_case_in(tx_, app_, caller_, cash));
    ROCTA_RETURN_IF_ERROR(status_of(advance_asset_in(tx_, app_, caller_, cash.id, AssetStage::kForfeited, 12'000'000, day(20), 0)));
    return status_of(advance_asset_in(tx_, app_, caller_, cash.id, AssetStage::kRealised, 12'000'000, day(10), 0));
  }

  // BTP keeps four undercover officers accredited, and the infrastructure, with no
  // deployment in two years (the last, 26 months ago); technical surveillance deployed once
  // in the year against three accreditations; the MPS's surveillance in steady use.
  Status covert() {
    ROCTA_ASSIGN_OR_RETURN(Agency btp, tx_.agencies().get("BTP"));
    ROCTA_ASSIGN_OR_RETURN(Agency mps, tx_.agencies().get("MPS"));
    const auto day = [&](int back) { return iso_date(app_.clock.now_ms() - int64_t{back} * kDayMs); };
    auto accredit = [&](const Agency& a, CovertTactic t, int n, int64_t cost) -> Status {
      for (int i = 0; i < n; ++i) {
        CovertAccreditation x;
        x.agency = a.code, x.tactic = t, x.holder = a.code + " " + std::string(to_string(t)) + " officer " + std::to_string(i + 1);
        x.accredited_on = day(1200), x.expires_on = iso_date(app_.clock.now_ms() + 400 * kDayMs), x.annual_cost_pence = cost;
        x.marking = capability_marking(a.code, a.region);
        ROCTA_RETURN_IF_ERROR(validate_accreditation(x));
        ROCTA_RETURN_IF_ERROR(status_of(tx_.capability().insert_accreditation(x)));
      }
      return Status::ok();
    };
    auto deploy = [&](const Agency& a, CovertTactic t, int back, int64_t cost) -> Status {
      CovertDeployment d;
      d.agency = a.code, d.tactic = t, d.deployed_on = day(back), d.cost_pence = cost;
      d.marking = capability_marking(a.code, a.region);
      return status_of(tx_.capability().insert_deployment(d));
    };
    ROCTA_RETURN_IF_ERROR(accredit(btp, CovertTactic::kUndercover, 4, 4'500'000));
    ROCTA_RETURN_IF_ERROR(deploy(btp, CovertTactic::kUndercover, 790, 1'800'000));
    ROCTA_RETURN_IF_ERROR(accredit(btp, CovertTactic::kTechnicalSurveillance, 3, 2'000'000));
    ROCTA_RETURN_IF_ERROR(deploy(btp, CovertTactic::kTechnicalSurveillance, 100, 350'000));
    ROCTA_RETURN_IF_ERROR(accredit(mps, CovertTactic::kSurveillance, 12, 3'000'000));
    for (int i = 0; i < 30; ++i) ROCTA_RETURN_IF_ERROR(deploy(mps, CovertTactic::kSurveillance, 5 + i * 11, 900'000));
    return Status::ok();
  }

  App& app_;
  Transaction& tx_;
  std::string today_;
  Caller caller_;
  int64_t hub_ = 0, ecc_ = 0, scc_ = 0, colp_siu_ = 0, btp_intel_ = 0, drugs_ = 0, other_ = 0;
  std::vector<int64_t> bcus_;
};

}  // namespace

Status load_demo_capability(App& app, Transaction& tx) { return CapabilityBuilder(app, tx).run(); }

}  // namespace rocta::demo
