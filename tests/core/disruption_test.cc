// Disruption rules, the prompts, the extract's columns, the streaming CSV reader and the
// figures' arithmetic: pure, no store.
#include <gtest/gtest.h>

#include <cstring>

#include "core/apmis.h"
#include "core/csv.h"
#include "core/disruption.h"
#include "core/policy.h"
#include "core/text.h"
#include "report/soc_figures.h"

namespace rocta {
namespace {

Disruption valid() {
  Disruption d;
  d.reference = "MPS-D-1";
  d.recording_agency = "MPS";
  d.threat_reference = "MPS-OCG-000001";
  d.record_date = "2022-03-01";
  d.outcomes = {FourP::kPursue};
  return d;
}

TEST(DisruptionRules, ShapeRules) {
  EXPECT_TRUE(validate_disruption(valid(), "2022-06-30").is_ok());
  auto d = valid();
  d.record_date = "2022-07-01";
  EXPECT_FALSE(validate_disruption(d, "2022-06-30").is_ok());  // after today
  d = valid();
  d.record_date = "2022-02-29";
  EXPECT_FALSE(validate_disruption(d, "2022-06-30").is_ok());  // no such day
  d = valid();
  d.outcomes.clear();
  EXPECT_FALSE(validate_disruption(d, "2022-06-30").is_ok());
  d = valid();
  d.outcomes = {FourP::kPursue, FourP::kProtect, FourP::kPursue};
  EXPECT_FALSE(validate_disruption(d, "2022-06-30").is_ok());
  d = valid();
  d.description = std::string("bell\x07");
  EXPECT_FALSE(validate_disruption(d, "2022-06-30").is_ok());
}

TEST(DisruptionRules, RecordingNeedsAnOpenThreatAJustificationAndALeadForASupportingOne) {
  Threat t;
  t.id = 7;
  t.reference = "MPS-OCG-000007";
  auto d = valid();
  d.threat_id = 7;
  d.category = ImpactCategory::kMajor;
  EXPECT_FALSE(validate_recording(d, t, nullptr, "2022-06-30").is_ok());  // no justification
  d.justification = "Principal charged";
  EXPECT_TRUE(validate_recording(d, t, nullptr, "2022-06-30").is_ok());
  t.phase = "Closed - dismantled";
  EXPECT_EQ(validate_recording(d, t, nullptr, "2022-06-30").code(), Code::kFailedPrecondition);
  t.phase = "Active";
  Disruption lead = d;
  lead.id = 3;
  auto s = d;
  s.role = DisruptionRole::kSupporting;
  EXPECT_FALSE(validate_recording(s, t, nullptr, "2022-06-30").is_ok());
  s.supports = 3;
  EXPECT_TRUE(validate_recording(s, t, &lead, "2022-06-30").is_ok());
  lead.threat_id = 8;
  EXPECT_FALSE(validate_recording(s, t, &lead, "2022-06-30").is_ok());  // a different threat
  lead.threat_id = 7;
  lead.role = DisruptionRole::kSupporting;
  EXPECT_FALSE(validate_recording(s, t, &lead, "2022-06-30").is_ok());  // not a lead one
}

TEST(DisruptionPrompts, TextThatPointsToNonPursueWorkProposesItsOutcomeOnce) {
  auto s = suggest_outcomes("Two arrested. The cuckooed tenant was safeguarded; the website was taken down.", {FourP::kPursue});
  ASSERT_EQ(s.size(), 1u);  // protect, once, from the first rule that matched
  EXPECT_EQ(s[0].outcome, FourP::kProtect);
  EXPECT_FALSE(s[0].explanation.empty());
  s = suggest_outcomes("Youth referred to a diversion scheme after the school visit; exercise planned with the council.", {});
  ASSERT_EQ(s.size(), 2u);
  EXPECT_EQ(s[0].outcome, FourP::kPrevent);
  EXPECT_EQ(s[1].outcome, FourP::kPrepare);
  // Already chosen outcomes are not proposed again; words inside other words do not count.
  EXPECT_TRUE(suggest_outcomes("NRM referral made", {FourP::kProtect}).empty());
  EXPECT_TRUE(suggest_outcomes("Snrmx and unsafeguarded are not words here", {}).empty());
}

TEST(CsvReader, StreamsRowsWithLineNumbersAcrossTinyBuffers) {
  const std::string text = "\xEF\xBB\xBF" "a,b\r\n\"x\"\"y\",\"multi\r\nline\"\n\n3,\"\"\n";
  size_t at = 0;
  CsvReader reader(
      [&](char* buf, size_t cap) {
        const size_t n = std::min<size_t>(std::min<size_t>(cap, 3), text.size() - at);
        std::memcpy(buf, text.data() + at, n);
        at += n;
        return n;
      },
      16);
  CsvRow row;
  ASSERT_TRUE(*reader.next(row));
  EXPECT_EQ(row, (CsvRow{"a", "b"}));
  EXPECT_EQ(reader.line(), 1u);
  ASSERT_TRUE(*reader.next(row));
  EXPECT_EQ(row, (CsvRow{"x\"y", "multi\nline"}));
  EXPECT_EQ(reader.line(), 2u);
  ASSERT_TRUE(*reader.next(row));  // the blank line is skipped
  EXPECT_EQ(row, (CsvRow{"3", ""}));
  EXPECT_EQ(reader.line(), 5u);
  EXPECT_FALSE(*reader.next(row));
  auto bad = parse_csv("a\n\"open,b\n");
  ASSERT_FALSE(bad.is_ok());
  EXPECT_NE(bad.status().message().find("line 2"), std::string::npos);
}

TEST(CsvReader, AReusedRowHoldsOnlyTheNextRowsFields) {
  // The reader refills the caller's strings in place; a narrower row after a wider one,
  // text after a closing quote and a last line without its end must still come out whole.
  const std::string text = "a,b,c\nd\n,\n\"q\"r,s\r\nlast";
  size_t at = 0;
  CsvReader reader([&](char* buf, size_t cap) {
    const size_t n = std::min(cap, text.size() - at);
    std::memcpy(buf, text.data() + at, n);
    at += n;
    return n;
  });
  CsvRow row;
  for (const CsvRow& want : {CsvRow{"a", "b", "c"}, CsvRow{"d"}, CsvRow{"", ""}, CsvRow{"qr", "s"}, CsvRow{"last"}}) {
    ASSERT_TRUE(*reader.next(row));
    EXPECT_EQ(row, want);
  }
  EXPECT_FALSE(*reader.next(row));
  EXPECT_TRUE(row.empty());
}

TEST(Disruption, EnumerationsParseInAnyCaseAndSpacing) {
  EXPECT_EQ(parse_four_p(" pURSUE "), FourP::kPursue);
  EXPECT_EQ(parse_disruption_role("LEAD"), DisruptionRole::kLead);
  EXPECT_EQ(parse_disruption_role("Supporting disruption\t"), DisruptionRole::kSupporting);
  EXPECT_EQ(parse_impact_category("not ASSESSED"), ImpactCategory::kNotAssessed);
  EXPECT_EQ(parse_threat_type("Priority Individual"), ThreatType::kPriorityIndividual);
  EXPECT_FALSE(parse_four_p("Pursued").has_value());
  EXPECT_FALSE(parse_impact_category("").has_value());
  EXPECT_TRUE(equals_ci("Drug Supply", "drug supply"));
  EXPECT_FALSE(equals_ci("Drug supply", "Drug supplies"));
  EXPECT_EQ(trimmed(" \t x y \r\n"), "x y");
  EXPECT_EQ(trimmed(" \n"), "");
}

TEST(Extract, HeadersMatchInAnyCaseAndOrderAndKeepUnknownColumns) {
  auto cols = apmis::map_threat_header({"tier", "Owning Agency", "REFERENCE", "Threat type", "Type", "Moderation status", "SOC",
                                        "Phase", "Primary crime type", "County lines", "Local notes"});
  ASSERT_TRUE(cols.is_ok()) << cols.status().message();
  apmis::Extra extra;
  auto t = apmis::threat_from_row(*cols, {"Tier 3", "mps", "MPS-OCG-1", "OCG", "Tactical", "Moderated", "SOC", "Active",
                                          "drug supply", "Yes", "seen at Brixton"},
                                  extra);
  ASSERT_TRUE(t.is_ok()) << t.status().message();
  EXPECT_EQ(t->marking.owning_agency, "MPS");
  EXPECT_EQ(t->tier, 3);
  EXPECT_EQ(t->primary_crime_type, "Drug supply");
  EXPECT_TRUE(t->county_lines);
  ASSERT_EQ(extra.size(), 1u);
  EXPECT_EQ(extra[0].first, "Local notes");
  EXPECT_FALSE(apmis::map_threat_header({"Reference", "Owning agency"}).is_ok());
  EXPECT_FALSE(apmis::map_threat_header({"Reference", "reference"}).is_ok());
  auto wrong = apmis::threat_from_row(*cols, {"Tier 6", "MPS", "R", "OCG", "Tactical", "Moderated", "SOC", "Active", "Fraud", "No", ""}, extra);
  ASSERT_FALSE(wrong.is_ok());
  EXPECT_NE(wrong.status().message().find("column 'Tier'"), std::string::npos);
}

TEST(Extract, ADisruptionRowCarriesEveryOutcomeAndExportsThePrincipalOne) {
  auto cols = apmis::map_disruption_header(apmis::disruption_columns());
  ASSERT_TRUE(cols.is_ok());
  auto d = valid();
  d.outcomes = {FourP::kProtect, FourP::kPursue};
  d.category = ImpactCategory::kMinor;
  d.threat_category = "Drug supply";
  const auto row = apmis::disruption_row(d);
  EXPECT_EQ(row[5], "Protect");  // the national 4P category: the principal outcome
  apmis::Extra extra;
  auto back = apmis::disruption_from_row(*cols, row, extra);
  ASSERT_TRUE(back.is_ok()) << back.status().message();
  EXPECT_EQ(back->outcomes, d.outcomes);
  EXPECT_EQ(back->category, ImpactCategory::kMinor);
}

TEST(SocArithmetic, PercentagesRoundHalfUpToOneDecimalAndYearsAreInclusive) {
  EXPECT_EQ(report::percent_tenths(266, 3800), 70);
  EXPECT_EQ(report::percent_tenths(6256, 8021), 780);
  EXPECT_EQ(report::percent_tenths(1, 8), 125);   // 12.5 exactly
  EXPECT_EQ(report::percent_tenths(1, 16), 63);   // 6.25 -> 6.3
  EXPECT_EQ(report::percent_tenths(5, 0), 0);
  auto w = report::year_window("2022-06-30");
  ASSERT_TRUE(w.is_ok());
  EXPECT_EQ(w->start, "2021-07-01");
  EXPECT_EQ(w->previous_start, "2020-07-01");
  EXPECT_EQ(w->previous_end, "2021-06-30");
  w = report::year_window("2024-02-29");
  ASSERT_TRUE(w.is_ok());
  EXPECT_EQ(w->start, "2023-03-01");
  EXPECT_FALSE(report::year_window("2022-6-30").is_ok());
}

TEST(SocArithmetic, FiguresCountOnlyWhatTheFiltersAndTheWindowAdmit) {
  std::vector<ThreatGroup> threats{{"MPS", ThreatType::kOcg, AssessmentType::kTactical, ModerationStatus::kModerated, true, 2, false, "Fraud", false, 3},
                                   {"MPS", ThreatType::kOcg, AssessmentType::kTactical, ModerationStatus::kModerated, true, 5, false, "Fraud", false, 4},
                                   {"BTP", ThreatType::kOcg, AssessmentType::kStrategic, ModerationStatus::kModerated, true, 1, false, "Fraud", true, 2}};
  std::vector<DisruptionGroup> disruptions{
      {"MPS", "2021-07-01", DisruptionRole::kLead, ImpactCategory::kMajor, FourP::kPursue, "Fraud", 5},
      {"MPS", "2021-06-30", DisruptionRole::kLead, ImpactCategory::kMajor, FourP::kPursue, "Fraud", 7},
      {"MPS", "2022-06-30", DisruptionRole::kSupporting, ImpactCategory::kMajor, FourP::kPursue, "Fraud", 11},
      {"MPS", "2022-06-30", DisruptionRole::kLead, ImpactCategory::kRejected, FourP::kProtect, "Fraud", 13},
      {"MPS", "2022-07-01", DisruptionRole::kLead, ImpactCategory::kMinor, FourP::kProtect, "Fraud", 17}};
  report::SocOptions o;
  o.year_ending = "2022-06-30";
  auto f = report::compute_soc_figures(o, threats, disruptions, {{"MPS", "London"}, {"BTP", "London"}});
  ASSERT_TRUE(f.is_ok());
  EXPECT_EQ(f->national_total, 3);
  EXPECT_EQ(f->threats.at("MPS").total, 3);
  EXPECT_EQ(f->threats.count("BTP"), 0u);
  EXPECT_EQ(f->disruptions.at("MPS").total, 5);
  EXPECT_EQ(f->disruptions.at("MPS").previous_year, 7);
  o.disruptions = {false, false};
  o.threats.tactical_only = false;
  f = report::compute_soc_figures(o, threats, disruptions, {});
  ASSERT_TRUE(f.is_ok());
  EXPECT_EQ(f->disruptions.at("MPS").total, 5 + 11 + 13);
  EXPECT_EQ(f->threats.at("BTP").county_lines_total, 2);
}

}  // namespace
}  // namespace rocta

namespace rocta {
namespace {

TEST(DisruptionPolicy, WhoRecordsDisruptionsAndWhoReadsTheFigures) {
  for (Role r : {Role::kFrontlineOfficer, Role::kAnalyst, Role::kSiuOfficer, Role::kRoctaAnalyst, Role::kAssessor,
                 Role::kModerator, Role::kLeadResponsibleOfficer, Role::kTaskingChair, Role::kPartner, Role::kScpoOfficer,
                 Role::kInspector, Role::kAdministrator}) {
    User u;
    u.active = true;
    u.roles = {r};
    const bool records = r == Role::kAnalyst || r == Role::kSiuOfficer || r == Role::kRoctaAnalyst ||
                         r == Role::kLeadResponsibleOfficer || r == Role::kTaskingChair || r == Role::kPartner ||
                         r == Role::kScpoOfficer;
    EXPECT_EQ(may_record_disruptions(u), records) << static_cast<int>(r);
    EXPECT_EQ(may_read_soc_figures(u), r != Role::kFrontlineOfficer && r != Role::kPartner) << static_cast<int>(r);
    u.active = false;
    EXPECT_FALSE(may_record_disruptions(u));
    EXPECT_FALSE(may_read_soc_figures(u));
  }
}

}  // namespace
}  // namespace rocta
