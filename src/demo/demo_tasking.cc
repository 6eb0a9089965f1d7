#include "demo/demo_tasking.h"

#include <map>
#include <string>
#include <vector>

#include "app/records.h"
#include "store/tasking_repository.h"
#include "store/agency_repository.h"
#include "store/unit_repository.h"
#include "store/user_repository.h"
#include "store/marked_repository.h"
#include "store/repository_transaction.h"

namespace rocta::demo {
namespace {

constexpr int64_t kDay = 24LL * 3600 * 1000;
constexpr const char* kInspection = "As listed in the 2023 HMICFRS inspection of SOC in London.";

class TaskingBuilder {
 public:
  TaskingBuilder(App& app, Transaction& tx) : app_(app), tx_(tx), now_(app.clock.now_ms()), system_(system_caller("demo")) {}

  Status run() {
    ROCTA_RETURN_IF_ERROR(organisation());
    ROCTA_RETURN_IF_ERROR(control_strategies());
    ROCTA_RETURN_IF_ERROR(place_threats());
    ROCTA_RETURN_IF_ERROR(partner_intelligence());
    ROCTA_RETURN_IF_ERROR(meetings_escalations_decisions_tasks());
    return plans();
  }

 private:
  std::string day(int offset) const { return iso_date(now_ + offset * kDay); }
  int64_t at(int offset) const { return now_ + offset * kDay; }

  Result<int64_t> user(const char* name) {
    ROCTA_ASSIGN_OR_RETURN(auto u, tx_.users().find_by_username(name));
    return u.user.id;
  }
  Result<int64_t> unit(const std::string& agency, const std::string& name) {
    ROCTA_ASSIGN_OR_RETURN(auto units, tx_.units().list(agency));
    for (const auto& u : units)
      if (u.name == name) return u.id;
    return not_found("demo unit '" + name + "'");
  }

  // BTP's rail areas (its BCU-level units in London) and a council as a partner agency.
  Status organisation() {
    for (const char* name : {"BTP London North rail area", "BTP London South rail area", "BTP London Underground rail area"}) {
      ROCTA_ASSIGN_OR_RETURN(int64_t id, tx_.units().insert(Unit{0, "BTP", name, UnitKind::kBcu, {}, true}));
      rail_areas_.push_back(id);
    }
    ROCTA_RETURN_IF_ERROR(tx_.agencies().insert({"LBTH", "London Borough of Tower Hamlets", AgencyKind::kPartnerAgency, "London", true}));
    ROCTA_ASSIGN_OR_RETURN(auto mps, tx_.units().list("MPS"));
    for (const auto& u : mps)
      if (u.kind == UnitKind::kBcu) bcus_.push_back(u.id);
    return Status::ok();
  }

  Status priority(const std::string& agency, int rank, const std::string& title, const std::string& crime, const std::string& from,
                  const std::string& to, const std::string& description, int64_t by) {
    ControlPriority p{0, agency, rank, title, description, crime, from, to, by, at(-200)};
    ROCTA_RETURN_IF_ERROR(validate_priority(p));
    return status_of(tx_.tasking().insert_priority(p));
  }

  Status control_strategies() {
    // BTP: the strategic assessment's priorities, and metal theft added in January 2023.
    int rank = 1;
    for (auto [title, crime] : std::initializer_list<std::pair<const char*, const char*>>{
             {"Terrorism", ""},
             {"Modern slavery and human trafficking", "Modern slavery and human trafficking"},
             {"Robbery", "Organised acquisitive crime"},
             {"Sexual offences", ""},
             {"Serious violence and weapons", ""},
             {"Death and serious injury on the railway", ""},
             {"Football violence", ""}})
      ROCTA_RETURN_IF_ERROR(priority("BTP", rank++, title, crime, "2022-04-01", "", kInspection, 0));
    ROCTA_RETURN_IF_ERROR(priority("BTP", rank++, "Theft of metal from the rail network", "Organised acquisitive crime", "2023-01-01", "",
                                   "Added to the control strategy in January 2023, as the inspection reports.", 0));
    // The CoLP: priority threats from organised crime, and fraud in a section of its own.
    rank = 1;
    for (auto [title, crime] : std::initializer_list<std::pair<const char*, const char*>>{
             {"Illicit financing and money laundering", "Money laundering"},
             {"Drugs", "Drug supply"},
             {"Modern slavery and human trafficking", "Modern slavery and human trafficking"},
             {"Intellectual property crime", ""},
             {"Fraud (the control strategy's fraud section)", "Fraud"}})
      ROCTA_RETURN_IF_ERROR(priority("COLP", rank++, title, crime, "2022-04-01", "", kInspection, 0));
    // The MPS: synthetic, with one priority ended to show the history.
    ROCTA_ASSIGN_OR_RETURN(int64_t chair, user("mps.tasking"));
    const std::string synthetic = "Synthetic demo priority.";
    ROCTA_RETURN_IF_ERROR(priority("MPS", 1, "Drug supply and county lines", "Drug supply", "2024-04-01", "", synthetic, chair));
    ROCTA_RETURN_IF_ERROR(priority("MPS", 2, "Firearms", "Firearms", "2024-04-01", "", synthetic, chair));
    ROCTA_RETURN_IF_ERROR(priority("MPS", 3, "Organised acquisitive crime", "Organised acquisitive crime", "2024-04-01", "", synthetic, chair));
    ROCTA_RETURN_IF_ERROR(priority("MPS", 4, "Organised immigration crime", "Organised immigration crime", "2022-04-01", "2024-04-01",
                                   synthetic + " Ended when the 2024 strategic assessment reset the priorities.", chair));
    return Status::ok();
  }

  Result<std::vector<Threat>> threats_of(const std::string& agency) {
    ReadScope scope{true, agency, "London", true, Classification::kSecret, {}, true};
    std::vector<Threat> out;
    for (int offset = 0;; offset += 200) {
      ThreatQuery q;
      q.owning_agency = agency;
      q.page = {200, offset};
      ROCTA_ASSIGN_OR_RETURN(auto page, tx_.threats().list(scope, q));
      for (auto& t : page.items) out.push_back(std::move(t));
      if (page.items.size() < 200) break;
    }
    return out;
  }

  // MPS threats across the twelve BCUs, BTP's across its rail areas.
  Status place_threats() {
    ROCTA_ASSIGN_OR_RETURN(auto mps, threats_of("MPS"));
    for (size_t i = 0; i < mps.size(); ++i) {
      const int64_t area = bcus_[i % bcus_.size()];
      ROCTA_RETURN_IF_ERROR(tx_.tasking().set_threat_area(mps[i].id, area));
      if (past_assessment(mps[i])) by_area_[area].push_back(mps[i]);
    }
    ROCTA_ASSIGN_OR_RETURN(auto btp, threats_of("BTP"));
    for (size_t i = 0; i < btp.size(); ++i)
      ROCTA_RETURN_IF_ERROR(tx_.tasking().set_threat_area(btp[i].id, rail_areas_[i % rail_areas_.size()]));
    ROCTA_ASSIGN_OR_RETURN(central_east_, unit("MPS", "Central East BCU"));
    if (by_area_[central_east_].size() < 6) return Status(Code::kInternal, "the demo needs six threats in Central East BCU");
    return Status::ok();
  }

  // Partners' own intelligence about Central East threats: what the local profile credits.
  Status partner_intelligence() {
    const auto& local = by_area_[central_east_];
    const std::vector<std::pair<const char*, const char*>> reports{
        {"HMRC", "Cash deposits through the group's car washes exceed their declared turnover"},
        {"HMRC", "Director of a linked company has unpaid VAT liabilities"},
        {"NTS", "Counterfeit vapes and tobacco sold from the group's shop front"},
        {"LBTH", "Licensing visits found the car wash staff housed on the premises"}};
    for (size_t i = 0; i < reports.size(); ++i) {
      IntelligenceReport r;
      r.title = reports[i].second;
      r.body = std::string("Synthetic demo report supplied by a partner agency. ") + reports[i].second + ".";
      r.source_evaluation = 2;
      r.intelligence_assessment = 'B';
      r.received_date = day(-40 + static_cast<int>(i) * 5);
      r.marking.owning_agency = reports[i].first;
      r.marking.scope = SharingScope::kNamed;
      r.marking.shared_with = {"MPS"};
      ROCTA_ASSIGN_OR_RETURN(auto created, submit_intelligence_in(tx_, app_, system_, r));
      Link l;
      l.from = {RecordKind::kIntelligence, created.id};
      l.to = {RecordKind::kThreat, local[i % 3].id};
      l.relation = "about";
      l.source = "partner data";
      l.date = r.received_date;
      ROCTA_RETURN_IF_ERROR(status_of(link_records_in(tx_, app_, system_, l)));
    }
    return Status::ok();
  }

  Result<int64_t> meeting(int64_t unit, const std::string& agency, MeetingLevel level, const std::string& title, int when,
                          int64_t chair, const std::string& assessment) {
    TaskingMeeting m{0, agency, unit, level, title, day(when), chair, assessment, chair, at(-30)};
    ROCTA_RETURN_IF_ERROR(validate_meeting(m));
    return tx_.tasking().insert_meeting(m);
  }

  Result<int64_t> escalation(int64_t from, int64_t to, int64_t threat, const std::string& support, const std::string& request,
                             int raised, int due, int64_t by) {
    Escalation e;
    e.agency = "MPS";
    e.direction = to == scc_ ? EscalationDirection::kToSpecialist : EscalationDirection::kToBcu;
    e.from_unit_id = from;
    e.to_unit_id = to;
    e.threat_id = threat;
    e.support = support;
    e.request = request;
    e.raised_by = by;
    e.raised_at_ms = at(raised);
    e.decide_by = day(due);
    ROCTA_RETURN_IF_ERROR(validate_escalation(e));
    return tx_.tasking().insert_escalation(e);
  }

  Result<int64_t> decision(int64_t meeting, int64_t escalation_id, bool approve, int64_t threat, int when, const std::string& what,
                           const std::string& why, int64_t ratified_in = 0) {
    TaskingDecision d{0, "MPS", meeting, escalation_id, threat, what, why, chair_, "Supt Tara King", at(when), ratified_in, ratified_in ? chair_ : 0,
                      ratified_in ? at(-14) : 0};  // the demo ratifies in the past SCC meeting
    ROCTA_RETURN_IF_ERROR(validate_decision(d));
    ROCTA_ASSIGN_OR_RETURN(d.id, tx_.tasking().insert_decision(d));
    if (escalation_id) {
      ROCTA_ASSIGN_OR_RETURN(Escalation e, tx_.tasking().escalation(escalation_id));
      ROCTA_RETURN_IF_ERROR(decide_escalation(e, d, approve));
      ROCTA_RETURN_IF_ERROR(tx_.tasking().update_escalation(e));
    }
    return d.id;
  }

  Result<int64_t> task(int64_t decision_id, int64_t threat, const std::string& agency, int64_t unit_id, const std::string& owner,
                       const std::string& title, int created, int deadline) {
    Task t;
    t.agency = "MPS";
    t.title = title;
    t.detail = "Set by the tasking decision it cites. Synthetic demo task.";
    t.assigned_agency = agency;
    t.assigned_unit_id = unit_id;
    t.owner = owner;
    t.threat_id = threat;
    t.decision_id = decision_id;
    t.deadline = day(deadline);
    t.created_by = chair_;
    t.created_at_ms = t.updated_at_ms = at(created);
    ROCTA_RETURN_IF_ERROR(validate_task(t));
    return tx_.tasking().insert_task(t);
  }

  Status progress(int64_t task_id, int64_t by, const std::string& name, const std::string& agency, TaskStatus status, int when,
                  const std::string& note) {
    ROCTA_ASSIGN_OR_RETURN(Task t, tx_.tasking().task(task_id));
    TaskUpdate u{0, task_id, by, name, agency, at(when), status, note};
    ROCTA_RETURN_IF_ERROR(apply_update(t, u));
    ROCTA_RETURN_IF_ERROR(tx_.tasking().update_task(t));
    return status_of(tx_.tasking().insert_task_update(u));
  }

  Status meetings_escalations_decisions_tasks() {
    ROCTA_ASSIGN_OR_RETURN(chair_, user("mps.tasking"));
    ROCTA_ASSIGN_OR_RETURN(int64_t analyst, user("mps.bcu.analyst"));
    ROCTA_ASSIGN_OR_RETURN(int64_t hmrc, user("hmrc.partner"));
    ROCTA_ASSIGN_OR_RETURN(scc_, unit("MPS", "Specialist Crime Command"));
    ROCTA_ASSIGN_OR_RETURN(int64_t hq, unit("MPS", "MPS Headquarters"));
    ROCTA_ASSIGN_OR_RETURN(int64_t north, unit("MPS", "North Area BCU"));
    ROCTA_ASSIGN_OR_RETURN(int64_t btp_intel, unit("BTP", "BTP Intelligence"));
    const int64_t ce = central_east_;
    const auto& local = by_area_[ce];
    const auto& northern = by_area_[north];
    if (northern.size() < 2) return Status(Code::kInternal, "the demo needs two threats in North Area BCU");

    const std::string assessment =
        "Tactical assessment (synthetic): drug supply and county lines remain the highest harm; two Central East groups "
        "launder cash through car washes; firearms discharges in North Area are linked to one group.";
    ROCTA_ASSIGN_OR_RETURN(int64_t scc_past, meeting(scc_, "MPS", MeetingLevel::kSpecialist, "Specialist Crime Command tasking", -14, chair_, assessment));
    ROCTA_RETURN_IF_ERROR(status_of(meeting(scc_, "MPS", MeetingLevel::kSpecialist, "Specialist Crime Command tasking", 7, chair_, assessment)));
    ROCTA_RETURN_IF_ERROR(status_of(meeting(hq, "MPS", MeetingLevel::kForce, "MPS force tactical tasking and co-ordination group", 3, chair_,
                                            "The force-level group the National Intelligence Model requires: applies the control "
                                            "strategy across BCUs and the specialist command. " + assessment)));
    ROCTA_ASSIGN_OR_RETURN(int64_t ce_past, meeting(ce, "MPS", MeetingLevel::kBcu, "Central East BCU tasking", -7, chair_, assessment));
    ROCTA_RETURN_IF_ERROR(status_of(meeting(ce, "MPS", MeetingLevel::kBcu, "Central East BCU tasking", 5, chair_, assessment)));
    ROCTA_RETURN_IF_ERROR(status_of(meeting(btp_intel, "BTP", MeetingLevel::kForce, "BTP tactical tasking", 2, 0,
                                            "Metal theft on the London North lines; county lines runners at termini.")));

    // Escalations both ways: decided, open, overdue.
    ROCTA_ASSIGN_OR_RETURN(int64_t e1, escalation(ce, scc_, local[0].id, "covert",
                                                  "Surveillance on the stash address; the BCU has no covert capability", -20, -13, analyst));
    ROCTA_ASSIGN_OR_RETURN(int64_t e5, escalation(north, scc_, northern[0].id, "specialist",
                                                  "Financial investigator for a cash seizure", -18, -11, analyst));
    ROCTA_RETURN_IF_ERROR(status_of(escalation(ce, scc_, local[1].id, "covert",
                                               "Covert entry to fit a device at the group's lock-up; exploitation of a 15-year-old", -2, 5, analyst)));
    ROCTA_RETURN_IF_ERROR(status_of(escalation(north, scc_, northern[1].id, "firearms",
                                               "Armed support for an arrest phase after two discharges", -12, -3, analyst)));
    ROCTA_RETURN_IF_ERROR(status_of(escalation(scc_, ce, local[2].id, "overt resources",
                                               "Twenty officers for a warrant at three addresses on the estate", -1, 4, chair_)));

    // Decisions in meetings, outside one (ratified, and waiting).
    ROCTA_ASSIGN_OR_RETURN(int64_t d1, decision(scc_past, e1, true, local[0].id, -14,
                                                "Approve covert support; HMRC and Trading Standards to work the group's businesses",
                                                "Tier 2 drug supply run through cash businesses; covert tactics are proportionate and "
                                                "partners hold the financial levers"));
    ROCTA_RETURN_IF_ERROR(status_of(decision(scc_past, e5, false, northern[0].id, -14, "Decline: refer to the BCU's own financial investigator",
                                             "The seizure is under the threshold for specialist support")));
    ROCTA_ASSIGN_OR_RETURN(int64_t d3, decision(ce_past, 0, true, local[0].id, -7, "Overt patrols and a licensing review at the car washes",
                                                "Visible disruption while the covert phase runs"));
    ROCTA_RETURN_IF_ERROR(status_of(decision(0, 0, true, local[1].id, -30, "Immediate safeguarding referral for the exploited child",
                                             "Risk to life could not wait for the meeting", scc_past)));
    ROCTA_RETURN_IF_ERROR(status_of(decision(0, 0, true, northern[1].id, -2, "Deploy the surveillance team to North Area for the weekend",
                                             "Intelligence of a firearm handover on Saturday; no meeting before then")));

    // Tasks to units and partner agencies, with updates.
    ROCTA_ASSIGN_OR_RETURN(int64_t t1, task(d1, local[0].id, "HMRC", 0, "Harriet Mercer",
                                            "Examine the trading accounts of the group's car washes", -14, 10));
    ROCTA_RETURN_IF_ERROR(progress(t1, hmrc, "Harriet Mercer", "HMRC", TaskStatus::kInProgress, -5,
                                   "Production orders served on two banks; returns due next week"));
    ROCTA_ASSIGN_OR_RETURN(int64_t t0, task(d1, local[0].id, "HMRC", 0, "Harriet Mercer", "VAT check on the car wash director", -14, -4));
    ROCTA_RETURN_IF_ERROR(progress(t0, hmrc, "Harriet Mercer", "HMRC", TaskStatus::kDone, -6, "Assessment raised for unpaid VAT"));
    ROCTA_RETURN_IF_ERROR(status_of(task(d1, local[0].id, "NTS", 0, "Intelligence team", "Test purchases at the group's shop front", -14, -5)));
    ROCTA_RETURN_IF_ERROR(status_of(task(d1, local[0].id, "NCA", 0, "Border intelligence", "Check inbound parcels to the lock-up address", -14, 20)));
    ROCTA_ASSIGN_OR_RETURN(int64_t t4, task(d3, local[0].id, "MPS", ce, "Sgt Neighbourhood team", "Overt patrols at the car washes", -7, -1));
    ROCTA_RETURN_IF_ERROR(progress(t4, analyst, "Ana Lyst", "MPS", TaskStatus::kDone, -2, "Twelve patrols; two stop and searches"));
    ROCTA_RETURN_IF_ERROR(status_of(task(d3, local[0].id, "LBTH", 0, "Licensing", "Licensing review of the car wash premises", -7, 14)));
    return Status::ok();
  }

  // 4P plans for the first threats of each BCU, more in Central East; the rest have none,
  // as the inspection found. One plan's review is overdue.
  Status plans() {
    ROCTA_ASSIGN_OR_RETURN(int64_t lro, user("mps.lro"));
    int n = 0;
    for (int64_t area : bcus_) {
      const auto& threats = by_area_[area];
      const size_t count = area == central_east_ ? 6 : 2;
      for (size_t i = 0; i < threats.size() && i < count; ++i, ++n) {
        Threat t = threats[i];
        FourPPlan p{0, t.id, "MPS", lro, "Dismantle " + t.name + " and protect those it exploits", day(n % 7 == 3 ? -3 : 20 + n % 40),
                    false, lro, at(-60), {}};
        ROCTA_ASSIGN_OR_RETURN(p.id, tx_.tasking().insert_plan(p));
        const std::vector<std::tuple<FourP, const char*, const char*, const char*>> actions{
            {FourP::kPursue, "Warrants and arrest phase on the principal members", "MPS", "Specialist Crime Command"},
            {FourP::kPrevent, "Referral of younger members to the St Giles Trust programme", "MPS", "BCU gangs unit"},
            {FourP::kProtect, "Financial checks on the group's businesses", i % 2 ? "NTS" : "HMRC", "Partner investigator"},
            {FourP::kPrepare, "Community impact assessment for the arrest phase", area == central_east_ ? "LBTH" : "MPS", "Community safety"}};
        for (size_t a = 0; a < actions.size() - (i % 2); ++a) {
          const auto& [four, what, agency, owner] = actions[a];
          PlanAction act{0, p.id, four, what, agency, owner, std::string(agency) != "MPS", day(10 + static_cast<int>(a) * 10), a == 0 && i == 0};
          ROCTA_RETURN_IF_ERROR(status_of(tx_.tasking().insert_action(act)));
        }
        PlanReview r{0, p.id, lro, at(-20), "Reviewed with partners; actions on track", p.next_review};
        ROCTA_RETURN_IF_ERROR(status_of(tx_.tasking().insert_review(r)));
        t.lro_user_id = lro;
        ++t.version;
        t.updated_at = iso_timestamp(now_);
        ROCTA_RETURN_IF_ERROR(tx_.threats().update(t));
      }
    }
    return Status::ok();
  }

  App& app_;
  Transaction& tx_;
  int64_t now_;
  Caller system_;
  std::vector<int64_t> rail_areas_, bcus_;
  std::map<int64_t, std::vector<Threat>> by_area_;
  int64_t central_east_ = 0, scc_ = 0, chair_ = 0;
};

}  // namespace

Status load_demo_tasking(App& app, Transaction& tx) { return TaskingBuilder(app, tx).run(); }

}  // namespace rocta::demo
