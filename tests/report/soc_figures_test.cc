// The SOC figures (report/soc_figures.h) against records generated here: each figure is
// tallied again, record by record, the plain way, and must agree with what the report
// computes from the grouped counts the store hands it.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <random>
#include <sstream>
#include <tuple>

#include "report/soc_figures.h"

namespace rocta::report {
namespace {

// One threat or disruption record as the store holds it; the report sees them grouped.
struct ThreatRecord {
  std::string agency;
  ThreatType type;
  AssessmentType assessment;
  ModerationStatus moderation;
  bool soc;
  int tier;
  bool closed;
  std::string crime;
  bool county_lines;
};
struct DisruptionRecord {
  std::string agency, day;
  DisruptionRole role;
  ImpactCategory category;
  FourP outcome;
  std::string threat_category;
};

const std::vector<std::string> kAgencies{"MPS", "BTP", "GMP", "NCA"};
const std::map<std::string, std::string> kRegionOf{{"MPS", "London"}, {"BTP", "London"}, {"GMP", "North West"}, {"NCA", "National"}};

template <typename T>
const T& pick(std::mt19937& rng, const std::vector<T>& v) {
  return v[std::uniform_int_distribution<size_t>(0, v.size() - 1)(rng)];
}

std::vector<ThreatRecord> generate_threats(std::mt19937& rng, int n) {
  std::vector<std::string> crimes(crime_types().begin(), crime_types().begin() + 4);
  crimes.push_back("");  // not recorded
  std::vector<ThreatRecord> out;
  for (int i = 0; i < n; ++i)
    out.push_back({pick(rng, kAgencies), pick(rng, std::vector{ThreatType::kOcg, ThreatType::kPriorityIndividual, ThreatType::kVulnerability}),
                   rng() % 5 ? AssessmentType::kTactical : AssessmentType::kStrategic,
                   rng() % 4 ? ModerationStatus::kModerated : ModerationStatus::kAwaitingModeration, rng() % 6 != 0,
                   static_cast<int>(rng() % 6), rng() % 7 == 0, pick(rng, crimes), rng() % 3 == 0});
  return out;
}

std::string day(int year, int month, int d) {
  char s[16];
  std::snprintf(s, sizeof s, "%04d-%02d-%02d", year, month, d);
  return s;
}

std::vector<DisruptionRecord> generate_disruptions(std::mt19937& rng, int n) {
  std::vector<std::string> categories(crime_types().begin(), crime_types().begin() + 3);
  categories.push_back("");
  std::vector<DisruptionRecord> out;
  for (int i = 0; i < n; ++i)
    out.push_back({pick(rng, kAgencies), day(2022 + static_cast<int>(rng() % 4), 1 + static_cast<int>(rng() % 12), 1 + static_cast<int>(rng() % 28)),
                   rng() % 5 ? DisruptionRole::kLead : DisruptionRole::kSupporting, static_cast<ImpactCategory>(rng() % 5),
                   pick(rng, all_four_p()), pick(rng, categories)});
  return out;
}

// What the store's GROUP BY hands in: equal records counted together.
std::vector<ThreatGroup> grouped(const std::vector<ThreatRecord>& records) {
  std::map<std::tuple<std::string, int, int, int, bool, int, bool, std::string, bool>, int64_t> n;
  for (const auto& r : records)
    ++n[{r.agency, static_cast<int>(r.type), static_cast<int>(r.assessment), static_cast<int>(r.moderation), r.soc, r.tier, r.closed, r.crime,
         r.county_lines}];
  std::vector<ThreatGroup> out;
  for (const auto& [k, count] : n) {
    const auto& [agency, type, assessment, moderation, soc, tier, closed, crime, county_lines] = k;
    out.push_back({agency, static_cast<ThreatType>(type), static_cast<AssessmentType>(assessment), static_cast<ModerationStatus>(moderation),
                   soc, tier, closed, crime, county_lines, count});
  }
  return out;
}

std::vector<DisruptionGroup> grouped(const std::vector<DisruptionRecord>& records) {
  std::map<std::tuple<std::string, std::string, int, int, int, std::string>, int64_t> n;
  for (const auto& r : records)
    ++n[{r.agency, r.day, static_cast<int>(r.role), static_cast<int>(r.category), static_cast<int>(r.outcome), r.threat_category}];
  std::vector<DisruptionGroup> out;
  for (const auto& [k, count] : n) {
    const auto& [agency, d, role, category, outcome, threat_category] = k;
    out.push_back({agency, d, static_cast<DisruptionRole>(role), static_cast<ImpactCategory>(category), static_cast<FourP>(outcome),
                   threat_category, count});
  }
  return out;
}

bool on_list(const ThreatRecord& r) {
  return r.assessment == AssessmentType::kTactical && r.moderation == ModerationStatus::kModerated && r.soc && r.tier != 5 && !r.closed;
}

bool counted(const DisruptionRecord& r) {
  return r.role == DisruptionRole::kLead &&
         (r.category == ImpactCategory::kMajor || r.category == ImpactCategory::kModerate || r.category == ImpactCategory::kMinor);
}

class SocFiguresOfGeneratedRecords : public ::testing::TestWithParam<unsigned> {
 protected:
  void SetUp() override {
    std::mt19937 rng(GetParam());
    threats = generate_threats(rng, 600);
    disruptions = generate_disruptions(rng, 1500);
  }
  std::vector<ThreatRecord> threats;
  std::vector<DisruptionRecord> disruptions;
};

TEST_P(SocFiguresOfGeneratedRecords, ThreatFiguresAreTheRecordsOnTheMasterListCountedOneByOne) {
  SocOptions o;
  o.year_ending = "2025-03-31";
  auto f = compute_soc_figures(o, grouped(threats), grouped(disruptions), kRegionOf);
  ASSERT_TRUE(f.is_ok()) << f.status().message();

  int64_t national = 0;
  std::map<std::string, int64_t> total, county_lines;
  std::map<std::string, std::map<std::string, int64_t>> by_type, by_crime;
  for (const auto& r : threats) {
    if (!on_list(r)) continue;
    ++national;
    ++total[r.agency];
    ++by_type[r.agency][std::string(to_string(r.type))];
    ++by_crime[r.agency][r.crime.empty() ? "Not recorded" : r.crime];
    if (r.county_lines) ++county_lines[r.agency];
  }
  ASSERT_GT(national, 50);  // the generator gives the filter something to do
  EXPECT_EQ(f->national_total, national);
  ASSERT_EQ(f->threats.size(), total.size());
  int64_t shares = 0;
  for (const auto& [agency, n] : total) {
    const AgencyThreats& a = f->threats.at(agency);
    EXPECT_EQ(a.total, n) << agency;
    EXPECT_EQ(a.county_lines_total, county_lines[agency]) << agency;
    for (const auto& [type, m] : by_type[agency]) EXPECT_EQ(a.by_threat_type.at(type), m) << agency << " " << type;
    for (const auto& [crime, m] : by_crime[agency]) EXPECT_EQ(a.by_primary_crime_type.at(crime), m) << agency << " " << crime;
    int64_t by_type_sum = 0;
    for (const auto& [_, m] : a.by_threat_type) by_type_sum += m;
    EXPECT_EQ(by_type_sum, n);
    EXPECT_EQ(a.share_of_national_tenths, static_cast<int>(std::lround(1000.0 * static_cast<double>(n) / static_cast<double>(national))))
        << agency;
    shares += a.share_of_national_tenths;
  }
  EXPECT_NEAR(shares, 1000, 2);  // rounding each share may miss 100 % by a tenth or two
}

TEST_P(SocFiguresOfGeneratedRecords, DisruptionFiguresAreTheLeadAssessedOnesOfEachYear) {
  SocOptions o;
  o.year_ending = "2024-06-30";  // 2023-07-01 .. 2024-06-30, and 2022-07-01 .. 2023-06-30 before
  auto f = compute_soc_figures(o, grouped(threats), grouped(disruptions), kRegionOf);
  ASSERT_TRUE(f.is_ok()) << f.status().message();
  EXPECT_EQ(f->year_start, "2023-07-01");
  EXPECT_EQ(f->previous_start, "2022-07-01");
  EXPECT_EQ(f->previous_end, "2023-06-30");

  std::map<std::string, int64_t> current, previous;
  std::map<std::string, std::map<std::string, int64_t>> by_4p, by_category;
  for (const auto& r : disruptions) {
    if (!counted(r)) continue;
    if (r.day >= "2023-07-01" && r.day <= "2024-06-30") {
      ++current[r.agency];
      ++by_4p[r.agency][std::string(to_string(r.outcome))];
      ++by_category[r.agency][r.threat_category.empty() ? "Not recorded" : r.threat_category];
    } else if (r.day >= "2022-07-01" && r.day <= "2023-06-30") {
      ++previous[r.agency];
    }
  }
  ASSERT_FALSE(current.empty());
  for (const auto& agency : kAgencies) {
    if (!current.count(agency) && !previous.count(agency)) {
      EXPECT_FALSE(f->disruptions.count(agency)) << agency;
      continue;
    }
    const AgencyDisruptions& a = f->disruptions.at(agency);
    EXPECT_EQ(a.total, current[agency]) << agency;
    EXPECT_EQ(a.previous_year, previous[agency]) << agency;
    for (FourP p : all_four_p()) {
      const std::string key(to_string(p));
      EXPECT_EQ(a.by_4p.at(key), by_4p[agency][key]) << agency << " " << key;
      EXPECT_EQ(a.by_4p_tenths.at(key), percent_tenths(by_4p[agency][key], current[agency])) << agency << " " << key;
    }
    for (const auto& [c, n] : by_category[agency]) EXPECT_EQ(a.by_threat_category.at(c), n) << agency << " " << c;
  }
}

TEST_P(SocFiguresOfGeneratedRecords, ARegionListsOnlyItsAgenciesButTheNationalTotalStaysNational) {
  SocOptions all, london;
  all.year_ending = london.year_ending = "2025-12-31";
  london.region = "london";  // any case
  auto a = compute_soc_figures(all, grouped(threats), grouped(disruptions), kRegionOf);
  auto l = compute_soc_figures(london, grouped(threats), grouped(disruptions), kRegionOf);
  ASSERT_TRUE(a.is_ok() && l.is_ok());
  EXPECT_EQ(l->national_total, a->national_total);
  for (const auto& [agency, t] : l->threats) {
    EXPECT_EQ(kRegionOf.at(agency), "London");
    EXPECT_EQ(t.total, a->threats.at(agency).total);
    EXPECT_EQ(t.share_of_national_tenths, a->threats.at(agency).share_of_national_tenths);
  }
  for (const auto& [agency, d] : l->disruptions) {
    EXPECT_EQ(kRegionOf.at(agency), "London");
    EXPECT_EQ(d.total, a->disruptions.at(agency).total);
  }
  EXPECT_TRUE(l->threats.count("MPS") && !l->threats.count("GMP"));
}

TEST_P(SocFiguresOfGeneratedRecords, FiltersSwitchedOffCountEveryRecord) {
  SocOptions o;
  o.year_ending = "2025-12-31";
  o.threats = {false, false, false, false, false};
  o.disruptions = {false, false};
  auto f = compute_soc_figures(o, grouped(threats), grouped(disruptions), kRegionOf);
  ASSERT_TRUE(f.is_ok());
  EXPECT_EQ(f->national_total, static_cast<int64_t>(threats.size()));
  int64_t in_2025 = 0, in_2024 = 0, reported = 0, reported_before = 0;
  for (const auto& r : disruptions) {
    if (r.day >= "2025-01-01") ++in_2025;
    else if (r.day >= "2024-01-01") ++in_2024;
  }
  for (const auto& [_, a] : f->disruptions) {
    reported += a.total;
    reported_before += a.previous_year;
  }
  EXPECT_EQ(reported, in_2025);
  EXPECT_EQ(reported_before, in_2024);
}

TEST_P(SocFiguresOfGeneratedRecords, JsonAndCsvSayWhatWasComputed) {
  SocOptions o;
  o.year_ending = "2025-03-31";
  auto f = compute_soc_figures(o, grouped(threats), grouped(disruptions), kRegionOf);
  ASSERT_TRUE(f.is_ok());
  auto j = nlohmann::json::parse(to_json(*f));
  EXPECT_EQ(j["year_ending"], "2025-03-31");
  EXPECT_EQ(j["threats"]["national_total"], f->national_total);
  for (const auto& [agency, a] : f->threats) {
    EXPECT_EQ(j["threats"]["by_agency"][agency]["total"], a.total);
    EXPECT_DOUBLE_EQ(j["threats"]["by_agency"][agency]["share_of_national_pct"].get<double>(), a.share_of_national_tenths / 10.0);
    EXPECT_EQ(j["threats"]["by_agency"][agency]["county_lines"]["total"], a.county_lines_total);
  }
  for (const auto& [agency, a] : f->disruptions) {
    EXPECT_EQ(j["disruptions"]["by_agency"][agency]["total"], a.total);
    EXPECT_EQ(j["disruptions"]["by_agency"][agency]["previous_year"], a.previous_year);
    EXPECT_EQ(j["disruptions"]["by_agency"][agency]["by_4p"]["Pursue"], a.by_4p.at("Pursue"));
  }
  // The CSV: every total appears as its row.
  std::istringstream csv(to_csv(*f));
  std::string line;
  std::getline(csv, line);
  EXPECT_EQ(line, "section,agency,measure,key,value");
  std::map<std::string, std::string> totals;  // "section,agency" -> value of its total row
  while (std::getline(csv, line)) {
    std::vector<std::string> fields;
    std::istringstream in(line);
    for (std::string field; std::getline(in, field, ',');) fields.push_back(field);
    if (fields.size() == 5 && (fields[2] == "total" || fields[2] == "national_total")) totals[fields[0] + "," + fields[1]] = fields[4];
  }
  EXPECT_EQ(totals["threats,"], std::to_string(f->national_total));
  for (const auto& [agency, a] : f->threats) EXPECT_EQ(totals["threats," + agency], std::to_string(a.total)) << agency;
  for (const auto& [agency, a] : f->disruptions) EXPECT_EQ(totals["disruptions," + agency], std::to_string(a.total)) << agency;
}

INSTANTIATE_TEST_SUITE_P(Seeds, SocFiguresOfGeneratedRecords, ::testing::Values(1u, 7u, 2026u));

TEST(SocFigures, GroupsOutsideBothYearsAndOfOtherAgenciesCountNowhere) {
  SocOptions o;
  o.year_ending = "2024-12-31";
  std::vector<DisruptionGroup> groups{{"MPS", "2022-12-31", DisruptionRole::kLead, ImpactCategory::kMajor, FourP::kPursue, "", 5},
                                      {"MPS", "2023-01-01", DisruptionRole::kLead, ImpactCategory::kMajor, FourP::kPursue, "", 2},
                                      {"MPS", "2024-12-31", DisruptionRole::kLead, ImpactCategory::kMinor, FourP::kProtect, "", 3},
                                      {"MPS", "2025-01-01", DisruptionRole::kLead, ImpactCategory::kMajor, FourP::kPursue, "", 11}};
  auto f = compute_soc_figures(o, {}, groups, kRegionOf);
  ASSERT_TRUE(f.is_ok());
  EXPECT_EQ(f->national_total, 0);
  EXPECT_TRUE(f->threats.empty());
  const AgencyDisruptions& mps = f->disruptions.at("MPS");
  EXPECT_EQ(mps.total, 3);
  EXPECT_EQ(mps.previous_year, 2);
  EXPECT_EQ(mps.by_4p.at("Protect"), 3);
  EXPECT_EQ(mps.by_4p_tenths.at("Protect"), 1000);
  EXPECT_EQ(mps.by_4p_tenths.at("Pursue"), 0);
}

TEST(SocFigures, YearWindowsEndOnTheDayGivenAndLeapDaysFallBackToThe28th) {
  struct Case {
    std::string ending, start, previous_start, previous_end;
  };
  for (const Case& c : std::vector<Case>{{"2024-03-31", "2023-04-01", "2022-04-01", "2023-03-31"},
                                         {"2024-12-31", "2024-01-01", "2023-01-01", "2023-12-31"},
                                         {"2024-02-29", "2023-03-01", "2022-03-01", "2023-02-28"},
                                         {"2025-01-01", "2024-01-02", "2023-01-02", "2024-01-01"}}) {
    auto w = year_window(c.ending);
    ASSERT_TRUE(w.is_ok()) << c.ending;
    EXPECT_EQ(w->end, c.ending);
    EXPECT_EQ(w->start, c.start) << c.ending;
    EXPECT_EQ(w->previous_start, c.previous_start) << c.ending;
    EXPECT_EQ(w->previous_end, c.previous_end) << c.ending;
  }
  for (const std::string bad : {"", "2024-02-30", "31/03/2024", "2024-3-31"})
    EXPECT_EQ(year_window(bad).status().code(), Code::kInvalidArgument) << bad;
}

TEST(SocFigures, TheLastCompleteYearEndsOnTheLatestThirtiethOfJuneBeforeToday) {
  // Every day of two calendar years, against a walk back from the day itself.
  for (int year : {2023, 2024}) {
    for (unsigned month = 1; month <= 12; ++month) {
      for (unsigned day = 1; day <= 31; ++day) {
        char today[16];
        std::snprintf(today, sizeof today, "%04d-%02u-%02u", year, month, day);
        if (!year_window(today).is_ok()) continue;  // 31 April and the like
        auto got = last_complete_year_ending(today);
        ASSERT_TRUE(got.is_ok()) << today;
        const bool after_june = month > kYearEndMonth || (month == kYearEndMonth && day > kYearEndDay);
        char want[16];
        std::snprintf(want, sizeof want, "%04d-%02u-%02u", after_june ? year : year - 1, kYearEndMonth, kYearEndDay);
        EXPECT_EQ(*got, want) << today;
        EXPECT_LT(*got, std::string(today)) << "the year is over";
        EXPECT_EQ(year_ending_before(*got), std::to_string((after_june ? year : year - 1) - 1) + got->substr(4));
      }
    }
  }
  EXPECT_EQ(last_complete_year_ending("30/06/2024").status().code(), Code::kInvalidArgument);
}

TEST(SocFigures, PercentagesAreTenthsRoundedHalfUp) {
  struct Case {
    int64_t part, whole;
    int tenths;
  };
  for (const Case& c : std::vector<Case>{{0, 0, 0}, {5, 0, 0}, {0, 7, 0}, {7, 7, 1000}, {1, 3, 333}, {2, 3, 667},
                                         {1, 8, 125}, {1, 16, 63}, {1, 2000, 1}, {1, 2001, 0}, {999, 1000, 999}})
    EXPECT_EQ(percent_tenths(c.part, c.whole), c.tenths) << c.part << "/" << c.whole;
}

}  // namespace
}  // namespace rocta::report
