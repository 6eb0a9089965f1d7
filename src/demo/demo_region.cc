#include "demo/demo_region.h"
#include "demo/demo_network.h"
#include "demo/demo_capability.h"
#include "demo/demo_places.h"
#include "demo/demo_scpo.h"
#include "demo/demo_tasking.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <string_view>
#include <map>
#include <optional>
#include <sstream>

#include "app/admin.h"
#include "app/audit_log.h"
#include "app/crypto.h"
#include "app/disruptions.h"
#include "app/national_extract.h"
#include "app/intelligence.h"
#include "app/linkage.h"
#include "app/master_list.h"
#include "app/records.h"
#include "demo/national_extract.h"
#include "store/sharing_repository.h"
#include "store/agency_repository.h"
#include "store/unit_repository.h"
#include "store/user_repository.h"
#include "store/marked_repository.h"
#include "store/master_list_repository.h"
#include "store/repository_transaction.h"

namespace rocta::demo {
namespace {

// A small deterministic generator (SplitMix64): the same on every platform, unlike the
// standard distributions.
class Rng {
 public:
  explicit Rng(uint64_t seed) : s_(seed) {}
  uint64_t next() {
    uint64_t z = (s_ += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  int below(int n) { return static_cast<int>(next() % static_cast<uint64_t>(n)); }
  bool chance(int percent) { return below(100) < percent; }
  template <typename C>
  const auto& pick(const C& c) { return c[static_cast<size_t>(below(static_cast<int>(std::size(c))))]; }

 private:
  uint64_t s_;
};

constexpr std::array kGiven{"James", "Oliver", "Mohammed", "Daniel", "Kwame", "Tomasz", "Ryan", "Aaron", "Liam", "Jordan",
                            "Amir", "Connor", "Luca", "Ionut", "Tyrone", "Sophie", "Chloe", "Amira", "Jade", "Olivia",
                            "Grace", "Aisha", "Megan", "Precious", "Elena", "Leah", "Shanice", "Bogdan", "Kieran", "Dwayne"};
// The given names above a person of either sex carries (the rest are men's).
bool is_womans_name(std::string_view given) {
  static constexpr std::array kWomen{"Sophie", "Chloe", "Amira", "Jade", "Olivia", "Grace", "Aisha", "Megan", "Precious",
                                     "Elena", "Leah", "Shanice"};
  return std::find(kWomen.begin(), kWomen.end(), given) != kWomen.end();
}

// A vulnerability is a place, a commodity or a sector that crime keeps finding: the crime
// types that fit one, and what the demo calls it.
bool fits_a_vulnerability(std::string_view crime) {
  for (std::string_view c : {"Child sexual abuse and exploitation", "Fraud", "Cyber crime", "Organised acquisitive crime",
                             "Drug supply", "Modern slavery and human trafficking"})
    if (c == crime) return true;
  return false;
}
std::string vulnerability_of(std::string_view crime) {
  if (crime == "Child sexual abuse and exploitation") return "children exploited around a late-night takeaway";
  if (crime == "Fraud") return "older residents targeted by courier fraud";
  if (crime == "Cyber crime") return "small firms' accounts taken over again and again";
  if (crime == "Drug supply") return "flats cuckooed on one estate";
  if (crime == "Modern slavery and human trafficking") return "nail bars and car washes using forced labour";
  return "repeatedly targeted payment kiosks";
}

constexpr std::array kSurname{"Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies", "Patel",
                              "Robinson", "Wright", "Thompson", "Evans", "Walker", "White", "Roberts", "Green", "Hall",
                              "Khan", "Ahmed", "Okafor", "Mensah", "Kowalski", "Nowak", "Popescu", "O'Brien", "Murphy",
                              "Campbell", "Hughes", "Edwards", "Clarke", "Osei", "Hussain", "Ali", "Begum", "Santos"};
constexpr std::array kCodeword{"Kestrel", "Falcon", "Heron", "Osprey", "Raven", "Magpie", "Curlew", "Merlin", "Harrier",
                               "Plover", "Lapwing", "Wren", "Swift", "Dunlin", "Gannet", "Shrike", "Bunting", "Linnet",
                               "Rowan", "Alder", "Hazel", "Juniper", "Willow", "Aspen", "Cedar", "Larch", "Elder",
                               "Copper", "Cobalt", "Indigo", "Saffron", "Umber", "Ochre", "Slate", "Flint", "Granite"};
constexpr std::array kStreet{"High Street", "Station Road", "Church Lane", "Victoria Road", "Park Avenue", "Mill Lane",
                             "King Street", "Queens Road", "Green Lane", "Manor Way", "Canal Side", "Market Place"};
constexpr std::array kStations{"Stratford", "Clapham Junction", "Lewisham", "Croydon East", "Wembley Central", "Barking",
                               "Euston", "King's Cross", "Waterloo", "Liverpool Street", "Romford", "Ealing Broadway"};

struct Bcu {
  const char* name;
  const char* postcode_area;
};
constexpr std::array<Bcu, 12> kBcus{{{"Central West", "W"}, {"South West", "SW"}, {"South", "CR"}, {"South East", "SE"},
                                     {"East Area", "RM"}, {"West Area", "UB"}, {"Central South", "SE"}, {"North Area", "N"},
                                     {"Central East", "E"}, {"Central North", "N"}, {"North West", "NW"}, {"North East", "E"}}};

const std::vector<DemoLogin> kLogins{
    {"mps.frontline", "MPS frontline officer, Central East BCU (OFFICIAL)"},
    {"mps.bcu.analyst", "MPS intelligence analyst, Central East BCU (SECRET)"},
    {"mps.siu", "London SIU officer from the MPS (SECRET, compartment LON-SIU)"},
    {"mps.assessor", "MPS MoRiLE assessor (SECRET)"},
    {"mps.moderator", "MPS MoRiLE moderator (SECRET)"},
    {"mps.lro", "MPS lead responsible officer, specialist crime command (SECRET)"},
    {"mps.tasking", "MPS tasking chair, specialist crime command (SECRET)"},
    {"mps.scpo", "MPS SCPO monitoring officer (OFFICIAL)"},
    {"mps.inspector", "MPS performance lead / inspector (OFFICIAL)"},
    {"mps.admin", "MPS administrator (SECRET)"},
    {"rocta.analyst", "London ROCTA analyst (SECRET)"},
    {"btp.analyst", "BTP intelligence analyst (SECRET)"},
    {"btp.siu", "London SIU officer from BTP (SECRET, compartment LON-SIU)"},
    {"colp.analyst", "City of London Police analyst (SECRET)"},
    {"hmrc.partner", "HMRC partner agency officer (OFFICIAL)"},
    {"nts.partner", "National Trading Standards officer; reads the MPS's capability by agreement (OFFICIAL)"},
};

std::string two(int n) { return n < 10 ? "0" + std::to_string(n) : std::to_string(n); }

class Builder {
 public:
  Builder(App& app, Transaction& tx, unsigned seed) : app_(app), tx_(tx), rng_(seed), seed_(seed), system_(system_caller("demo")) {}

  Status organisation() {
    for (const auto& b : kBcus) ROCTA_RETURN_IF_ERROR(unit("MPS", std::string(b.name) + " BCU", UnitKind::kBcu));
    for (auto [agency, name, kind] : std::initializer_list<std::tuple<const char*, const char*, UnitKind>>{
             {"MPS", "Specialist Crime Command", UnitKind::kSpecialistCrimeCommand},

             {"MPS", "MoRiLE Team", UnitKind::kMorile},
             {"MPS", "SCPO Monitoring Team", UnitKind::kScpoMonitoring},
             {"MPS", "MPS Headquarters", UnitKind::kHeadquarters},
             {"BTP", "BTP Intelligence", UnitKind::kIntelligence},
             {"BTP", "BTP County Lines Taskforce", UnitKind::kOther},

             {"COLP", "CoLP Intelligence", UnitKind::kIntelligence},
             {"COLP", "CoLP Economic Crime", UnitKind::kEconomicCrime},

             {"HMRC", "HMRC Fraud Investigation Service", UnitKind::kPartnerTeam},
             {"NTS", "National Trading Standards Intelligence", UnitKind::kPartnerTeam}})
      ROCTA_RETURN_IF_ERROR(unit(agency, name, kind));
    // The three SIUs the inspection found; regional_siu() folds them into one.
    for (auto [agency, name, compartment] : std::initializer_list<std::tuple<const char*, const char*, const char*>>{
             {"MPS", "MPS Sensitive Intelligence Unit", "MPS-SIU"},
             {"BTP", "BTP Sensitive Intelligence Unit", "BTP-SIU"},
             {"COLP", "CoLP Sensitive Intelligence Unit", "COLP-SIU"}}) {
      Unit siu{0, agency, name, UnitKind::kSiu, {}, true, compartment};
      ROCTA_ASSIGN_OR_RETURN(units_[name], tx_.units().insert(siu));
    }
    // The London ROCTA: hosted by the MPS, serving all three London forces.
    Unit rocta{0, "MPS", "London ROCTA", UnitKind::kRocta, {"BTP", "COLP"}, true};
    ROCTA_ASSIGN_OR_RETURN(units_["London ROCTA"], tx_.units().insert(rocta));
    return Status::ok();
  }

  Status users() {
    struct Spec {
      const char* username;
      const char* display;
      const char* unit;
      std::vector<Role> roles;
      Classification clearance;
      std::vector<std::string> compartments;
    };
    const std::vector<Spec> specs{
        {"mps.frontline", "PC Dana Frost", "Central East BCU", {Role::kFrontlineOfficer}, Classification::kOfficial, {}},
        {"mps.bcu.analyst", "Ana Lyst", "Central East BCU", {Role::kAnalyst}, Classification::kSecret, {}},
        {"mps.siu", "DS Sam Ives", "MPS Sensitive Intelligence Unit", {Role::kSiuOfficer}, Classification::kSecret, {"MPS-SIU"}},
        {"mps.assessor", "Morgan Reeve", "MoRiLE Team", {Role::kAssessor}, Classification::kSecret, {}},
        {"mps.moderator", "Alex Moderna", "MoRiLE Team", {Role::kModerator}, Classification::kSecret, {}},
        {"mps.lro", "DCI Lee Rowe", "Specialist Crime Command", {Role::kLeadResponsibleOfficer}, Classification::kSecret, {}},
        {"mps.tasking", "Supt Tara King", "Specialist Crime Command", {Role::kTaskingChair}, Classification::kSecret, {}},
        {"mps.scpo", "PC Sol Carter", "SCPO Monitoring Team", {Role::kScpoOfficer}, Classification::kOfficial, {}},
        {"mps.inspector", "Ines Pector", "MPS Headquarters", {Role::kInspector}, Classification::kOfficial, {}},
        {"mps.admin", "Adi Minh", "MPS Headquarters", {Role::kAdministrator}, Classification::kSecret, {}},
        {"rocta.analyst", "Robin Oakes", "London ROCTA", {Role::kRoctaAnalyst}, Classification::kSecret, {}},
        {"btp.analyst", "Bea Tran", "BTP Intelligence", {Role::kAnalyst}, Classification::kSecret, {}},
        {"btp.siu", "DS Ben Price", "BTP Sensitive Intelligence Unit", {Role::kSiuOfficer}, Classification::kSecret, {"BTP-SIU"}},
        {"colp.analyst", "Cole Parry", "CoLP Intelligence", {Role::kAnalyst}, Classification::kSecret, {}},
        {"hmrc.partner", "Harriet Mercer", "HMRC Fraud Investigation Service", {Role::kPartner}, Classification::kOfficial, {}},
        {"nts.partner", "Nita Shah", "National Trading Standards Intelligence", {Role::kPartner}, Classification::kOfficial, {}},
    };
    for (const auto& s : specs) {
      User u;
      u.username = s.username;
      u.display_name = s.display;
      u.unit_id = units_.at(s.unit);
      u.roles = s.roles;
      u.clearance = s.clearance;
      u.compartments = s.compartments;
      ROCTA_ASSIGN_OR_RETURN(Unit unit, tx_.units().get(u.unit_id));
      ROCTA_ASSIGN_OR_RETURN(Agency agency, tx_.agencies().get(unit.agency));
      u.agency = agency.code;
      u.region = agency.region;
      u.agency_kind = agency.kind;
      ROCTA_RETURN_IF_ERROR(validate_user(u, unit.agency));
      ROCTA_ASSIGN_OR_RETURN(std::string hash, hash_password_cached());
      ROCTA_ASSIGN_OR_RETURN(u.id, tx_.users().insert({u, hash, iso_timestamp(app_.clock.now_ms())}));
    }
    return Status::ok();
  }

  // The inspection's first recommendation, applied as an administrator would apply it: one
  // London SIU serving the MPS, BTP and the CoLP, holding what the three held. Agreements
  // give HMRC the forces' region-shared OFFICIAL material for its fraud work, and National
  // Trading Standards the MPS's capability figures (and nothing else).
  Status regional_siu() {
    Unit london{0, "MPS", "London Sensitive Intelligence Unit", UnitKind::kSiu, {}, true, "LON-SIU"};
    ROCTA_ASSIGN_OR_RETURN(int64_t id, tx_.units().insert(london));
    units_[london.name] = id;
    ROCTA_RETURN_IF_ERROR(status_of(consolidate_sius_in(
        tx_, app_, system_, id,
        {units_.at("MPS Sensitive Intelligence Unit"), units_.at("BTP Sensitive Intelligence Unit"),
         units_.at("CoLP Sensitive Intelligence Unit")})));
    for (const char* giver : {"MPS", "BTP"}) {
      SharingAgreement a;
      a.giver = giver;
      a.receiver = "HMRC";
      a.max_classification = Classification::kOfficial;
      a.min_scope = SharingScope::kRegion;
      a.purpose = "Serious fraud and money laundering by London OCGs (joint tasking)";
      a.signals = true;
      a.version = 1;
      a.created_at = a.updated_at = iso_timestamp(app_.clock.now_ms());
      ROCTA_RETURN_IF_ERROR(status_of(tx_.sharing().insert_agreement(a)));
    }
    // Trading Standards works the MPS's financial-investigation and asset recovery demand
    // with it: an agreement covering the MPS's capability, and no record.
    SharingAgreement a;
    a.giver = "MPS";
    a.receiver = "NTS";
    a.subjects = {AgreementSubject::kCapability};
    a.capability_of = {"MPS"};
    a.purpose = "Joint financial investigation and asset recovery against London OCGs' consumer fraud";
    a.signals = false;
    a.version = 1;
    a.created_at = a.updated_at = iso_timestamp(app_.clock.now_ms());
    ROCTA_RETURN_IF_ERROR(validate_agreement_terms(a));
    ROCTA_RETURN_IF_ERROR(status_of(tx_.sharing().insert_agreement(a)));
    return Status::ok();
  }

  // Threats and disruptions: the national extract, written from the inspection's plan and
  // loaded through the importer as a force would load its own; then the markings an
  // extract does not carry, so the region's records have a real one's variety.
  Status national_extract() {
    std::vector<std::string> others;
    ROCTA_ASSIGN_OR_RETURN(auto agencies, tx_.agencies().list());
    for (const auto& a : agencies)
      if (a.region != "London" && a.kind != AgencyKind::kPartnerAgency) others.push_back(a.code);
    std::ostringstream threats_csv, disruptions_csv;
    write_extract(inspection_plan(others, seed_), seed_, threats_csv, disruptions_csv);
    std::istringstream threats_in(threats_csv.str()), disruptions_in(disruptions_csv.str());
    ROCTA_ASSIGN_OR_RETURN(auto imported, import_apmis_in(tx_, app_, system_, {"threats.csv", &threats_in, threats_csv.str().size()},
                                                          {"disruptions.csv", &disruptions_in, disruptions_csv.str().size()}));
    summary.threats += static_cast<int>(imported.threats_created);
    summary.disruptions += static_cast<int>(imported.disruptions_created);
    for (int64_t after = 0;;) {
      ROCTA_ASSIGN_OR_RETURN(auto page, tx_.threats().scan(after, 500));
      if (page.empty()) break;
      for (auto& t : page) {
        after = t.id;
        ROCTA_RETURN_IF_ERROR(remark(t));
      }
    }
    return Status::ok();
  }

  // Nominals, their membership of London threats, and intelligence about them.
  Status people_and_intelligence() {
    for (auto& [agency, ids] : london_threats_) {
      for (int64_t threat_id : ids) {
        const int members = 2 + rng_.below(4);
        for (int m = 0; m < members; ++m) {
          ROCTA_ASSIGN_OR_RETURN(int64_t nominal, nominal(agency, threat_marking_[threat_id]));
          ROCTA_RETURN_IF_ERROR(link({RecordKind::kNominal, nominal}, {RecordKind::kThreat, threat_id}, "member"));
          if (rng_.chance(45)) {
            ROCTA_ASSIGN_OR_RETURN(int64_t report, intelligence(agency, nominal));
            ROCTA_RETURN_IF_ERROR(link({RecordKind::kIntelligence, report}, {RecordKind::kNominal, nominal}, "subject"));
          }
        }
      }
    }
    return Status::ok();
  }

  // A realistic MoRiLE queue: BCU nominations waiting (some for months), assessments
  // awaiting moderation, and moderated threats whose reassessment is overdue.
  Status master_list_queue() {
    const int64_t now = app_.clock.now_ms();
    constexpr int64_t kDay = 24LL * 3600 * 1000;
    ROCTA_ASSIGN_OR_RETURN(auto bcu_analyst, tx_.users().find_by_username("mps.bcu.analyst"));
    ROCTA_ASSIGN_OR_RETURN(auto assessor, tx_.users().find_by_username("mps.assessor"));
    ROCTA_ASSIGN_OR_RETURN(auto btp, tx_.users().find_by_username("btp.analyst"));
    const std::vector<std::pair<int, std::string>> waits{{2, "MPS"}, {5, "MPS"}, {9, "MPS"}, {16, "MPS"}, {23, "MPS"},
                                                         {41, "MPS"}, {67, "MPS"}, {112, "MPS"}, {3, "BTP"}, {30, "BTP"}};
    for (size_t i = 0; i < waits.size(); ++i) {
      const auto& [days, agency] = waits[i];
      const UserRecord& by = agency == "BTP" ? btp : bcu_analyst;
      Threat t;
      t.type = pick_type();
      t.primary_crime_type = other_crime_type(t.type);
      t.name = threat_name(t.type, t.primary_crime_type, agency) + " (nominated)";
      t.description = "Synthetic demo nomination.";
      t.moderation = ModerationStatus::kUnmoderated;
      t.marking = Marking{};
      t.marking.owning_agency = agency;
      t.marking.scope = SharingScope::kRegion;
      ROCTA_ASSIGN_OR_RETURN(auto created, create_threat_in(tx_, app_, system_, t));
      ++summary.threats;
      Nomination n;
      n.threat_id = created.id;
      n.unit_id = agency == "BTP" ? units_.at("BTP Intelligence") : units_.at(std::string(kBcus[i % kBcus.size()].name) + " BCU");
      n.agency = agency;
      n.nominated_by = by.user.id;
      n.nominated_at_ms = now - days * kDay;
      n.provisional_priority = 1 + static_cast<int>(i % 4);
      n.rationale = "Synthetic demo: repeated intelligence of " + t.primary_crime_type + " in the BCU.";
      ROCTA_ASSIGN_OR_RETURN(n.id, tx_.master_list().insert_nomination(n));
      if (i % 3 == 2) {  // some have been assessed and wait for a moderator
        MorileAssessment a;
        a.threat_id = created.id;
        a.model_version = default_morile_model().version;
        a.factors = {{1 + rng_.below(3), rng_.below(4), 1 + rng_.below(3), 1 + rng_.below(3), 0}, "force", "some", "likely", {2, 1, 2}, Confidence::kMedium};
        ROCTA_ASSIGN_OR_RETURN(a.score, score(default_morile_model(), a.factors));
        a.assessor_id = assessor.user.id;
        a.assessed_at_ms = n.nominated_at_ms + kDay;
        a.reassess_by = reassessment_date(a.assessed_at_ms, default_morile_model().reassess_after_days);
        a.rationale = "Synthetic demo: harm scored from the nomination's intelligence of " + t.primary_crime_type +
                      "; force-wide, likely to continue.";
        ROCTA_RETURN_IF_ERROR(status_of(tx_.master_list().insert_assessment(a)));
        ROCTA_RETURN_IF_ERROR(close_nomination(n, NominationStatus::kAssessed, "", 0, assessor.user.id, a.assessed_at_ms));
        ROCTA_RETURN_IF_ERROR(tx_.master_list().update_nomination(n));
        created.moderation = ModerationStatus::kAwaitingModeration;
        created.tier = a.score.tier;
        created.morile_score = a.score.priority;
        created.assessment_date = iso_date(a.assessed_at_ms);
        created.reassess_by = a.reassess_by;
        ++created.version;
        ROCTA_RETURN_IF_ERROR(tx_.threats().update(created));
      }
    }
    // Moderated MPS threats assessed long ago: their reassessment is overdue.
    int overdue = 0;
    for (int64_t id : london_threats_["MPS"]) {
      if (overdue == 8) break;
      ReadScope all;
      all.active = true;
      all.agency = "MPS";
      all.max_classification = Classification::kTopSecret;
      all.compartments = {"MPS-SIU"};
      all.need_to_know = true;
      ROCTA_ASSIGN_OR_RETURN(Threat t, tx_.threats().get(id, all));
      if (t.moderation != ModerationStatus::kModerated || t.assessment_type != AssessmentType::kTactical) continue;
      t.reassess_by = reassessment_date(now - (120 + 10 * overdue) * kDay, default_morile_model().reassess_after_days);
      ++t.version;
      ROCTA_RETURN_IF_ERROR(tx_.threats().update(t));
      ++overdue;
    }
    return Status::ok();
  }

  DemoSummary summary;

 private:
  Status unit(const std::string& agency, const std::string& name, UnitKind kind) {
    Unit u{0, agency, name, kind, {}, true};
    ROCTA_ASSIGN_OR_RETURN(units_[name], tx_.units().insert(u));
    return Status::ok();
  }

  Result<std::string> hash_password_cached() {
    if (password_hash_.empty()) {
      ROCTA_ASSIGN_OR_RETURN(password_hash_, hash_password(kDemoPassword, app_.password_cost));
    }
    return password_hash_;
  }

  ThreatType pick_type() {
    const int r = rng_.below(100);
    return r < 70 ? ThreatType::kOcg : r < 92 ? ThreatType::kPriorityIndividual : ThreatType::kVulnerability;
  }

  // A crime type for a threat of `type`: a vulnerability gets one that fits a place, a
  // commodity or a sector (the draw is the same, so the rest of the demo does not move).
  std::string other_crime_type(ThreatType type) {
    std::string crime = other_crime_type();
    if (type != ThreatType::kVulnerability || fits_a_vulnerability(crime)) return crime;
    if (crime == "Money laundering") return "Fraud";
    if (crime == "Organised immigration crime") return "Modern slavery and human trafficking";
    return "Organised acquisitive crime";
  }

  std::string other_crime_type() {
    static constexpr std::array kWeighted{"Drug supply", "Drug supply", "Drug supply", "Drug supply", "Organised acquisitive crime",
                                          "Organised acquisitive crime", "Fraud", "Money laundering",
                                          "Modern slavery and human trafficking", "Firearms", "Organised immigration crime",
                                          "Cyber crime", "Child sexual abuse and exploitation"};
    return rng_.pick(kWeighted);
  }

  Marking marking_for(const std::string& agency) {
    Marking m;
    m.owning_agency = agency;
    const int r = rng_.below(100);
    const bool london = agency == "MPS" || agency == "BTP" || agency == "COLP";
    if (r < 12) {
      m.scope = SharingScope::kOwnerOnly;
    } else if (london && r < 18) {
      m.scope = SharingScope::kNamed;
      m.shared_with = {agency == "BTP" ? "MPS" : "BTP"};
    } else if (r < 80) {
      m.scope = SharingScope::kRegion;
    } else {
      m.scope = SharingScope::kNational;
    }
    const int c = rng_.below(100);
    if (c < 15) m.classification = Classification::kSecret;
    else if (c < 35) m.sensitive = true;
    return m;
  }

  std::string threat_name(ThreatType type, const std::string& crime, const std::string& agency) {
    const std::string word = rng_.pick(kCodeword);
    switch (type) {
      case ThreatType::kOcg: return "OCG " + word + " (" + crime + ")";
      case ThreatType::kPriorityIndividual:
        return std::string("Priority individual ") + rng_.pick(kSurname) + " / " + word;
      case ThreatType::kVulnerability:
        if (agency == "BTP") {
          const std::string station = rng_.pick(kStations);
          if (crime == "Organised acquisitive crime") return "Cable theft hotspot near " + station;
          return "Vulnerability " + word + ": " + vulnerability_of(crime) + " near " + station;
        }
        return "Vulnerability " + word + ": " + vulnerability_of(crime);
    }
    return word;
  }

  // Gives an imported threat the marking and, in London, the name a real record has.
  Status remark(Threat& t) {
    const std::string agency = t.marking.owning_agency;
    const bool london = agency == "MPS" || agency == "BTP" || agency == "COLP";
    t.marking = marking_for(agency);
    // Economic crime is shared with HMRC by name, as a partner agency sees nothing else.
    const bool economic = t.primary_crime_type == "Fraud" || t.primary_crime_type == "Money laundering";
    if (economic && t.marking.scope != SharingScope::kOwnerOnly && rng_.chance(60)) t.marking.shared_with.push_back("HMRC");
    // A few MPS threats rest on SIU material and sit in the SIU's compartment.
    if (agency == "MPS" && rng_.chance(4)) {
      t.marking = Marking{};
      t.marking.owning_agency = "MPS";
      t.marking.classification = Classification::kSecret;
      t.marking.compartment = "MPS-SIU";
      t.marking.scope = SharingScope::kOwnerOnly;
    }
    ROCTA_ASSIGN_OR_RETURN(auto owner, tx_.agencies().get(agency));
    t.marking.owning_region = owner.region;
    if (london) t.name = threat_name(t.type, t.primary_crime_type, agency);
    ++t.version;
    ROCTA_RETURN_IF_ERROR(tx_.threats().update(t));
    if (london) {
      london_threats_[agency].push_back(t.id);
      threat_marking_[t.id] = t.marking;
    }
    return Status::ok();
  }

  // A person another agency already recorded, as this one writes them down: a familiar
  // name, a typo, day and month swapped, a new address. nullopt when no such person.
  std::optional<Nominal> recorded_elsewhere(const std::string& agency) {
    std::vector<const Nominal*> others;
    for (const auto& [holder, n] : people_)
      if (holder != agency) others.push_back(&n);
    if (others.empty()) return std::nullopt;
    Nominal n = *others[static_cast<size_t>(rng_.below(static_cast<int>(others.size())))];
    static const std::map<std::string, std::string> kFamiliar{{"James", "Jim"}, {"Oliver", "Ollie"}, {"Daniel", "Danny"},
                                                              {"Mohammed", "Mohamed"}, {"Tomasz", "Tom"}};
    if (auto f = kFamiliar.find(n.given_names); f != kFamiliar.end() && rng_.chance(60)) n.given_names = f->second;
    if (rng_.chance(25) && n.surname.size() > 4) std::swap(n.surname[2], n.surname[3]);
    if (rng_.chance(15) && n.date_of_birth.size() == 10 && std::stoi(n.date_of_birth.substr(8)) <= 12)
      n.date_of_birth = n.date_of_birth.substr(0, 5) + n.date_of_birth.substr(8, 2) + "-" + n.date_of_birth.substr(5, 2);
    if (rng_.chance(40)) {
      n.address = std::to_string(1 + rng_.below(200)) + " " + rng_.pick(kStreet) + ", London";
      n.postcode.clear();
    }
    if (rng_.chance(20)) n.sex.clear();
    return n;
  }

  Nominal new_person() {
    Nominal n;
    n.given_names = rng_.pick(kGiven);
    n.surname = rng_.pick(kSurname);
    n.date_of_birth = std::to_string(1965 + rng_.below(40)) + "-" + two(1 + rng_.below(12)) + "-" + two(1 + rng_.below(28));
    (void)rng_.chance(75);  // the draw that once chose the sex, kept so the rest of the demo does not move
    n.sex = is_womans_name(n.given_names) ? "F" : "M";
    const auto& bcu = rng_.pick(kBcus);
    n.address = std::to_string(1 + rng_.below(200)) + " " + rng_.pick(kStreet) + ", London";
    n.postcode = std::string(bcu.postcode_area) + std::to_string(1 + rng_.below(20)) + " " + std::to_string(rng_.below(10)) +
                 static_cast<char>('A' + rng_.below(26)) + static_cast<char>('A' + rng_.below(26));
    if (rng_.chance(20)) n.aliases = std::string(rng_.pick(kCodeword));
    n.notes = "Synthetic demo person.";
    return n;
  }

  Result<int64_t> nominal(const std::string& agency, const Marking& threat_marking) {
    // About one in six is a person some other agency has recorded: the picture linkage joins.
    std::optional<Nominal> known = rng_.chance(16) ? recorded_elsewhere(agency) : std::nullopt;
    Nominal n = known ? std::move(*known) : new_person();
    if (known) n.notes = "Synthetic demo person, also recorded by another agency.";
    // A nominal is shared no wider than the threat it belongs to.
    n.marking = threat_marking;
    ROCTA_ASSIGN_OR_RETURN(auto created, create_nominal_in(tx_, app_, system_, n));
    if (!known) people_.emplace_back(agency, std::move(n));
    ++summary.nominals;
    return created.id;
  }

  Result<int64_t> intelligence(const std::string& agency, int64_t nominal_id) {
    IntelligenceReport r;
    r.source_evaluation = 1 + rng_.below(3);
    r.intelligence_assessment = static_cast<char>('A' + rng_.below(4));
    r.received_date = "2022-" + two(1 + rng_.below(12)) + "-" + two(1 + rng_.below(28));
    r.marking = marking_for(agency);
    const bool sensitive_source = (agency == "MPS" || agency == "BTP") && rng_.chance(15);
    if (sensitive_source) {
      r.marking = Marking{};
      r.marking.owning_agency = agency;
      r.marking.classification = Classification::kSecret;
      r.marking.compartment = agency + "-SIU";
      r.marking.handling = HandlingCode::kC;
      r.marking.handling_conditions = "Do not disseminate outside the SIU without the SIU manager's authority.";
      r.source_type = rng_.chance(60) ? SourceType::kChis : rng_.chance(50) ? SourceType::kSurveillance : SourceType::kTechnical;
      r.title = "Sensitive source reporting on " + std::string(rng_.pick(kCodeword)) + " associates";
      r.body = "Synthetic demo report from a sensitive source. Meetings at " + std::string(rng_.pick(kStations)) + " station.";
    } else {
      r.title = "Sighting: " + std::string(rng_.pick(kStations)) + " / " + rng_.pick(kCodeword);
      r.body = "Synthetic demo report. Subject seen with associates near " + std::string(rng_.pick(kStations)) +
               " carrying multiple phones.";
    }
    ROCTA_ASSIGN_OR_RETURN(auto created, submit_intelligence_in(tx_, app_, system_, std::move(r)));
    ++summary.intelligence;
    return created.id;
  }

  Status link(RecordRef from, RecordRef to, const std::string& relation) {
    Link l;
    l.from = from;
    l.to = to;
    l.relation = relation;
    l.source = "demo";
    l.date = "2022-06-01";
    ROCTA_RETURN_IF_ERROR(status_of(link_records_in(tx_, app_, system_, l)));
    ++summary.links;
    return Status::ok();
  }

  App& app_;
  Transaction& tx_;
  Rng rng_;
  unsigned seed_;
  Caller system_;
  std::map<std::string, int64_t> units_;
  std::map<std::string, std::vector<int64_t>> london_threats_;
  std::vector<std::pair<std::string, Nominal>> people_;  // (recording agency, particulars) of new people
  std::map<int64_t, Marking> threat_marking_;
  std::string password_hash_;
};

}  // namespace

const std::vector<DemoLogin>& demo_logins() { return kLogins; }

Result<DemoSummary> load_demo_region(App& app, unsigned seed) {
  ROCTA_RETURN_IF_ERROR(ensure_reference_data(app));
  {
    ROCTA_ASSIGN_OR_RETURN(auto tx, app.store.begin(TxMode::kRead));
    ROCTA_ASSIGN_OR_RETURN(int64_t users, tx->users().count());
    if (users > 0) {
      DemoSummary s;
      s.logins = kLogins;
      return s;
    }
  }
  // One transaction: the demo is loaded whole or not at all.
  ROCTA_ASSIGN_OR_RETURN(auto tx, app.store.begin(TxMode::kWrite));
  Builder b(app, *tx, seed);
  ROCTA_RETURN_IF_ERROR(b.organisation());
  ROCTA_RETURN_IF_ERROR(b.users());
  ROCTA_RETURN_IF_ERROR(b.national_extract());
  ROCTA_RETURN_IF_ERROR(b.people_and_intelligence());
  ROCTA_RETURN_IF_ERROR(b.master_list_queue());
  ROCTA_RETURN_IF_ERROR(load_demo_tasking(app, *tx));
  ROCTA_RETURN_IF_ERROR(load_demo_scpo(app, *tx, seed));
  ROCTA_RETURN_IF_ERROR(load_demo_capability(app, *tx));
  ROCTA_RETURN_IF_ERROR(b.regional_siu());
  ROCTA_ASSIGN_OR_RETURN(auto network, load_demo_network(app, *tx, seed));
  b.summary.links += network.links;
  const std::string detail = "{\"users\":" + std::to_string(kLogins.size()) + ",\"threats\":" + std::to_string(b.summary.threats) + "}";
  ROCTA_RETURN_IF_ERROR(append_audit(*tx, app, system_caller("demo"), {"demo.load", "", 0, detail}));
  ROCTA_RETURN_IF_ERROR(tx->commit());
  ROCTA_RETURN_IF_ERROR(load_demo_places(app, seed));
  // Link the agencies' nominals as an analyst would after a load: joins and a review queue.
  ROCTA_ASSIGN_OR_RETURN(auto run, run_matching(app, system_caller("demo")));
  b.summary.matches_linked = static_cast<int>(run.linked);
  b.summary.matches_for_review = static_cast<int>(run.review);
  b.summary.loaded_now = true;
  b.summary.logins = kLogins;
  return b.summary;
}

}  // namespace rocta::demo
