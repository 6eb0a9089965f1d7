#include "demo/national_extract.h"

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <map>
#include <random>

#include "core/apmis.h"
#include "core/csv.h"
#include "report/soc_figures.h"

namespace rocta::demo {

namespace {

using std::chrono::sys_days;
using std::chrono::year_month_day;

sys_days to_days(const std::string& iso) {
  return sys_days{year_month_day{std::chrono::year{std::stoi(iso.substr(0, 4))}, std::chrono::month{static_cast<unsigned>(std::stoi(iso.substr(5, 2)))},
                                 std::chrono::day{static_cast<unsigned>(std::stoi(iso.substr(8, 2)))}}};
}

std::string to_iso(sys_days d) {
  const year_month_day ymd{d};
  char out[16];
  std::snprintf(out, sizeof out, "%04d-%02u-%02u", static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
  return out;
}

constexpr std::array kCodewords{"Kestrel", "Granite", "Harbour", "Lantern", "Meridian", "Nettle", "Orchid", "Pylon",
                                "Quarry", "Rowan",   "Saffron", "Thistle", "Umber",    "Vesper", "Willow", "Yarrow"};

const char* series(ThreatType t) {
  switch (t) {
    case ThreatType::kOcg: return "OCG";
    case ThreatType::kPriorityIndividual: return "PI";
    case ThreatType::kVulnerability: return "VUL";
  }
  return "OCG";
}

std::string description_for(FourP p, std::mt19937& rng) {
  static const std::map<FourP, std::vector<std::string>> kTexts{
      {FourP::kPursue, {"Warrant executed; two arrested for possession with intent to supply, cash seized.",
                        "Line holder charged; deal line closed.", "Vehicle and phones seized at a ports stop.",
                        "Principal remanded after charge."}},
      {FourP::kProtect, {"Exploited child safeguarded and referred to children's services.",
                         "Potential victims referred to the national referral mechanism.",
                         "Fraudulent website taken down; victims given protect advice."}},
      {FourP::kPrevent, {"Young person referred to a diversion programme.", "School visits in the affected estate.",
                         "Serious crime prevention order obtained."}},
      {FourP::kPrepare, {"Partner briefing and contingency plan for the night-time economy.",
                         "Multi-agency exercise with the local authority."}}};
  const auto& v = kTexts.at(p);
  return v[rng() % v.size()];
}

class Writer {
 public:
  Writer(const ExtractPlan& plan, unsigned seed, std::ostream& threats, std::ostream& disruptions)
      : plan_(plan), rng_(seed), threats_(threats), disruptions_(disruptions) {
    auto w = report::year_window(plan.year_ending);
    window_ = *w;
  }

  ExtractCounts run() {
    std::vector<std::string> threat_header = apmis::threat_columns();
    threat_header.push_back("Force system ID");  // a column Rocta does not know: kept as an extra
    threats_ << csv_line(threat_header) << '\n';
    disruptions_ << csv_line(apmis::disruption_columns()) << '\n';
    for (const auto& spec : plan_.threats)
      for (int i = 0; i < spec.count; ++i) threat(spec.agency, spec.type, spec.crime, spec.county_lines, "");
    std::vector<std::string> agencies;
    for (const auto& spec : plan_.threats)
      if (std::find(agencies.begin(), agencies.end(), spec.agency) == agencies.end()) agencies.push_back(spec.agency);
    // Threats each filter removes: strategic, not moderated, awaiting moderation, non-SOC, tier 5, closed.
    for (const auto& agency : agencies)
      for (int n = 0; n < plan_.noise; ++n)
        for (const char* kind : {"strategic", "unmoderated", "awaiting", "non-soc", "tier5", "closed", "closed-lower"})
          threat(agency, ThreatType::kOcg, "Drug supply", false, kind);

    for (const auto& spec : plan_.disruptions) {
      for (int i = 0; i < spec.current; ++i) disruption(spec, window_.start, window_.end, "");
      for (int i = 0; i < spec.previous; ++i) disruption(spec, window_.previous_start, window_.previous_end, "");
    }
    // Disruptions the filters or the window remove.
    std::vector<std::string> recording;
    for (const auto& spec : plan_.disruptions)
      if (std::find(recording.begin(), recording.end(), spec.agency) == recording.end()) recording.push_back(spec.agency);
    for (const auto& agency : recording) {
      const CountedDisruptions spec{agency, FourP::kPursue, "Drug supply", 0, 0};
      for (int n = 0; n < plan_.noise; ++n) {
        disruption(spec, window_.start, window_.end, "supporting");
        disruption(spec, window_.start, window_.end, "not-assessed");
        disruption(spec, window_.start, window_.end, "rejected");
        disruption(spec, window_.previous_start, window_.previous_end, "supporting");
        const std::string before = to_iso(to_days(window_.previous_start) - std::chrono::days{1 + rng_() % 300});
        disruption(spec, before, before, "");
        const std::string after = to_iso(to_days(window_.end) + std::chrono::days{1 + rng_() % 60});
        disruption(spec, after, after, "");
      }
    }
    return counts_;
  }

 private:
  void threat(const std::string& agency, ThreatType type, const std::string& crime, bool county_lines, const std::string& noise) {
    const int n = ++numbers_[agency + series(type)];
    char ref[64];
    std::snprintf(ref, sizeof ref, "%s-%s-%06d", agency.c_str(), series(type), n);
    int tier = 1 + static_cast<int>(rng_() % 4);
    // A score inside its tier's band under MoRiLE model 1 (floors 300, 180, 90, 30), so that
    // the demo's tiers and scores agree as an import checks (core/tier_check.h).
    static constexpr double kFloors[] = {300, 180, 90, 30, 0};
    static constexpr unsigned kBandTenths[] = {900, 1200, 900, 600, 300};
    const double score = kFloors[tier - 1] + static_cast<double>(rng_() % kBandTenths[tier - 1]) / 10.0;
    std::string assessment = "Tactical", moderation = "Moderated", soc = "SOC", phase = rng_() % 100 < 85 ? "Active" : "Dormant";
    if (noise == "strategic") assessment = "Strategic";
    if (noise == "unmoderated") moderation = "Unmoderated";
    if (noise == "awaiting") moderation = "Awaiting moderation";
    if (noise == "non-soc") soc = "Non-SOC";
    if (noise == "tier5") tier = 5;
    if (noise == "closed") phase = "Closed - dismantled";
    if (noise == "closed-lower") phase = "archived (closed)";
    const std::string name = std::string(type == ThreatType::kOcg ? "OCG " : type == ThreatType::kPriorityIndividual ? "Subject " : "Place ") +
                             kCodewords[rng_() % kCodewords.size()] + "-" + std::to_string(n);
    char score_text[32];
    std::snprintf(score_text, sizeof score_text, "%.1f", tier == 5 ? 12.0 : score);
    char date[16];
    std::snprintf(date, sizeof date, "2022-%02u-%02u", static_cast<unsigned>(1 + rng_() % 6), static_cast<unsigned>(1 + rng_() % 28));
    threats_ << csv_line({ref, agency, std::string(to_string(type)), assessment, moderation, soc, "Tier " + std::to_string(tier), phase,
                          crime, county_lines ? "Yes" : "No", score_text, date, name,
                          "Synthetic demo record: " + crime + (county_lines ? ", county lines" : "") + ".",
                          "SYS" + std::to_string(rng_() % 1000000)})
             << '\n';
    ++counts_.threats;
    // Appendix 2 counts disruptions of OCGs: the planned ones go to OCGs (a disruption of a
    // priority individual or a vulnerability is beyond the national standard, not counted).
    if (type != ThreatType::kOcg) return;
    if (noise.empty()) by_crime_[agency + "|" + crime].push_back(ref);
    all_[agency].push_back(ref);
  }

  // The disrupted threat: one of the agency's OCGs of that crime type, or any of its OCGs,
  // or (now and then) one that is not in the file.
  std::string target(const std::string& agency, const std::string& crime) {
    if (rng_() % 50 == 0) return agency + "-OCG-9" + std::to_string(10000 + rng_() % 80000);
    auto it = by_crime_.find(agency + "|" + crime);
    if (it != by_crime_.end() && !it->second.empty()) return it->second[rng_() % it->second.size()];
    auto all = all_.find(agency);
    if (all != all_.end() && !all->second.empty()) return all->second[rng_() % all->second.size()];
    return agency + "-OCG-900000";
  }

  void disruption(const CountedDisruptions& spec, const std::string& from, const std::string& to, const std::string& noise) {
    const auto span = (to_days(to) - to_days(from)).count();
    const std::string date = to_iso(to_days(from) + std::chrono::days{span > 0 ? static_cast<int>(rng_() % static_cast<unsigned>(span + 1)) : 0});
    static constexpr const char* kAssessed[] = {"Major", "Moderate", "Moderate", "Minor", "Minor", "Minor"};
    std::string category = kAssessed[rng_() % 6];
    std::string role = "Lead Disruption";
    if (noise == "supporting") role = "Supporting Disruption";
    if (noise == "not-assessed") category = "Not assessed";
    if (noise == "rejected") category = "Rejected";
    // Now and then the event had more outcomes than the standard keeps.
    std::string all;
    if (spec.outcome == FourP::kPursue && rng_() % 12 == 0) all = "Pursue;Protect";
    const int n = ++numbers_[spec.agency + "DIS"];
    char ref[64];
    std::snprintf(ref, sizeof ref, "%s-D-%07d", spec.agency.c_str(), n);
    disruptions_ << csv_line({ref, target(spec.agency, spec.threat_category), spec.agency, role, date, std::string(to_string(spec.outcome)),
                              category, spec.threat_category, description_for(spec.outcome, rng_), all, "", ""})
                 << '\n';
    ++counts_.disruptions;
  }

  const ExtractPlan& plan_;
  std::mt19937 rng_;
  std::ostream& threats_;
  std::ostream& disruptions_;
  report::YearWindow window_;
  std::map<std::string, int> numbers_;
  std::map<std::string, std::vector<std::string>> by_crime_, all_;
  ExtractCounts counts_;
};

}  // namespace

ExtractPlan inspection_plan(const std::vector<std::string>& other_agencies, unsigned seed) {
  ExtractPlan p;
  p.year_ending = "2022-06-30";
  p.noise = 2;
  auto listed = [&](const char* agency, ThreatType type, const char* crime, bool county_lines, int count) {
    p.threats.push_back({agency, type, crime, county_lines, count});
  };
  // BTP, 4 July 2022: 22 threats; 10 county lines (5 drug supply, 5 modern slavery), 12 OAC.
  listed("BTP", ThreatType::kOcg, "Drug supply", true, 5);
  listed("BTP", ThreatType::kOcg, "Modern slavery and human trafficking", true, 5);
  listed("BTP", ThreatType::kOcg, "Organised acquisitive crime", false, 12);
  // CoLP, July 2022: 43 threats, 33 of them fraud.
  listed("COLP", ThreatType::kOcg, "Fraud", false, 25);
  listed("COLP", ThreatType::kPriorityIndividual, "Fraud", false, 8);
  listed("COLP", ThreatType::kOcg, "Cyber crime", false, 4);
  listed("COLP", ThreatType::kOcg, "Money laundering", false, 4);
  listed("COLP", ThreatType::kVulnerability, "Cyber crime", false, 2);  // businesses hacked again and again
  // MPS, 4 July 2022: 266 threats, 7 percent of the national total.
  listed("MPS", ThreatType::kOcg, "Drug supply", true, 36);
  listed("MPS", ThreatType::kOcg, "Drug supply", false, 40);
  listed("MPS", ThreatType::kPriorityIndividual, "Drug supply", false, 14);
  listed("MPS", ThreatType::kOcg, "Organised acquisitive crime", false, 40);
  listed("MPS", ThreatType::kOcg, "Fraud", false, 20);
  listed("MPS", ThreatType::kOcg, "Money laundering", false, 20);
  listed("MPS", ThreatType::kOcg, "Modern slavery and human trafficking", false, 20);
  listed("MPS", ThreatType::kPriorityIndividual, "Firearms", false, 20);
  listed("MPS", ThreatType::kOcg, "Organised immigration crime", false, 16);
  listed("MPS", ThreatType::kOcg, "Cyber crime", false, 20);
  listed("MPS", ThreatType::kVulnerability, "Child sexual abuse and exploitation", false, 20);
  // The rest of England and Wales: 3,800 in all.
  std::mt19937 rng(seed);
  static constexpr const char* kCrimes[] = {"Drug supply", "Drug supply", "Drug supply", "Organised acquisitive crime", "Fraud",
                                            "Money laundering", "Modern slavery and human trafficking", "Firearms",
                                            "Organised immigration crime", "Cyber crime"};
  const int rest = 3800 - 266 - 22 - 43;
  // Forces differ: a weight of 1 to 12 each (a large metropolitan force holds many times a
  // small rural one's threats), shares rounded down and the remainder to the largest; and a
  // mix of their own: some hold more priority individuals, some lean to one crime type.
  std::vector<int> weight(other_agencies.size());
  int weights = 0;
  for (auto& w : weight) weights += (w = 1 + static_cast<int>(rng() % 12));
  std::vector<int> share(other_agencies.size());
  int given = 0;
  for (size_t i = 0; i < weight.size(); ++i) given += (share[i] = rest * weight[i] / std::max(weights, 1));
  if (!share.empty()) share[static_cast<size_t>(std::max_element(weight.begin(), weight.end()) - weight.begin())] += rest - given;
  for (size_t i = 0; i < other_agencies.size(); ++i) {
    const int pi_in = 3 + static_cast<int>(rng() % 8);  // one in 3 to one in 10 is a priority individual
    const int leaning = static_cast<int>(rng() % 10);   // a crime type this force sees more of
    for (int k = 0; k < share[i]; ++k)
      p.threats.push_back({other_agencies[i], k % pi_in == pi_in - 1 ? ThreatType::kPriorityIndividual : ThreatType::kOcg,
                           kCrimes[rng() % 3 == 0 ? leaning : rng() % 10], false, 1});
  }
  auto counted = [&](const char* agency, FourP outcome, const char* category, int current, int previous) {
    p.disruptions.push_back({agency, outcome, category, current, previous});
  };
  // MPS: 8,021 in the year ending 30 June 2022 against 4,795; 78% pursue, 10% protect, 7% prevent, 5% prepare.
  counted("MPS", FourP::kPursue, "Drug supply", 3500, 4000);
  counted("MPS", FourP::kPursue, "Organised acquisitive crime", 1200, 0);
  counted("MPS", FourP::kPursue, "Firearms", 600, 0);
  counted("MPS", FourP::kPursue, "Modern slavery and human trafficking", 300, 0);
  counted("MPS", FourP::kPursue, "Fraud", 356, 0);
  counted("MPS", FourP::kPursue, "Money laundering", 300, 0);
  counted("MPS", FourP::kProtect, "Modern slavery and human trafficking", 400, 400);
  counted("MPS", FourP::kProtect, "Fraud", 402, 0);
  counted("MPS", FourP::kPrevent, "Drug supply", 561, 250);
  counted("MPS", FourP::kPrepare, "Firearms", 402, 145);
  // BTP: 184 against 34, two thirds involving drugs, virtually all pursue (180).
  counted("BTP", FourP::kPursue, "Drug supply", 121, 34);
  counted("BTP", FourP::kProtect, "Drug supply", 2, 0);
  counted("BTP", FourP::kPursue, "Modern slavery and human trafficking", 25, 0);
  counted("BTP", FourP::kProtect, "Modern slavery and human trafficking", 2, 0);
  counted("BTP", FourP::kPursue, "Organised acquisitive crime", 34, 0);
  // CoLP: 506, of which 441 cyber crime, 52 fraud, 5 drug supply; almost three quarters
  // protect disruptions of cyber threats (370), and only 78 pursue.
  counted("COLP", FourP::kProtect, "Cyber crime", 370, 200);
  counted("COLP", FourP::kPrevent, "Cyber crime", 51, 0);
  counted("COLP", FourP::kPursue, "Cyber crime", 20, 100);
  counted("COLP", FourP::kPursue, "Fraud", 45, 88);
  counted("COLP", FourP::kProtect, "Fraud", 7, 0);
  counted("COLP", FourP::kPursue, "Drug supply", 5, 0);
  counted("COLP", FourP::kPursue, "Money laundering", 8, 0);
  for (const auto& agency : other_agencies)
    p.disruptions.push_back({agency, FourP::kPursue, kCrimes[rng() % 10], 20 + static_cast<int>(rng() % 120), 20 + static_cast<int>(rng() % 100)});
  return p;
}

ExtractCounts write_extract(const ExtractPlan& plan, unsigned seed, std::ostream& threats, std::ostream& disruptions) {
  return Writer(plan, seed, threats, disruptions).run();
}

}  // namespace rocta::demo
