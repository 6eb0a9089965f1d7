// Disruptions, the national extract and the SOC figures over a real store (SQLite, and
// PostgreSQL as the "pg." tests): the inspection's figures from an imported extract, an
// independent extract's figures against its own plan, round trips, refused files, and
// recording with the non-pursue prompts.
#include <gtest/gtest.h>

#include <random>
#include <sstream>

#include "app/audit_log.h"
#include "app/disruptions.h"
#include "demo/national_extract.h"
#include "store/agency_repository.h"
#include "store/audit_repository.h"
#include "store/repository_transaction.h"
#include "support/test_app.h"

namespace rocta {
namespace {

using testing::marking;
using testing::TestApp;

std::vector<std::string> other_agencies(TestApp& t) {
  auto tx = t.store().begin(TxMode::kRead);
  auto agencies = (*tx)->agencies().list();
  std::vector<std::string> out;
  for (const auto& a : *agencies)
    if (a.region != "London" && a.kind != AgencyKind::kPartnerAgency) out.push_back(a.code);
  return out;
}

struct Extract {
  std::string threats, disruptions;
};

Extract extract_of(const demo::ExtractPlan& plan, unsigned seed) {
  std::ostringstream th, di;
  demo::write_extract(plan, seed, th, di);
  return {th.str(), di.str()};
}

Result<ApmisImport> import_text(TestApp& t, const std::string& threats, const std::string& disruptions) {
  std::istringstream ti(threats), di(disruptions);
  ExtractFile tf{"threats.csv", threats.empty() ? nullptr : &ti, threats.size()};
  ExtractFile df{"disruptions.csv", disruptions.empty() ? nullptr : &di, disruptions.size()};
  return import_apmis(t.app(), system_caller(), tf, df);
}

report::SocFigures figures(TestApp& t, report::SocOptions o) {
  auto f = soc_figures(t.app(), system_caller(), o);
  EXPECT_TRUE(f.is_ok()) << f.status().message();
  return f.is_ok() ? *f : report::SocFigures{};
}

report::SocOptions year_ending(const std::string& date) {
  report::SocOptions o;
  o.year_ending = date;
  return o;
}

TEST(DisruptionFigures, TheInspectionsFiguresComeFromTheImportedExtract) {
  TestApp t;
  const Extract e = extract_of(demo::inspection_plan(other_agencies(t), 7), 7);
  auto imported = import_text(t, e.threats, e.disruptions);
  ASSERT_TRUE(imported.is_ok()) << imported.status().message();
  const auto f = figures(t, year_ending("2022-06-30"));

  EXPECT_EQ(f.national_total, 3800);
  const auto& mps = f.threats.at("MPS");
  EXPECT_EQ(mps.total, 266);
  EXPECT_EQ(mps.share_of_national_tenths, 70);
  const auto& btp = f.threats.at("BTP");
  EXPECT_EQ(btp.total, 22);
  EXPECT_EQ(btp.county_lines_total, 10);
  EXPECT_EQ(btp.county_lines_by_crime_type.at("Drug supply"), 5);
  EXPECT_EQ(btp.county_lines_by_crime_type.at("Modern slavery and human trafficking"), 5);
  EXPECT_EQ(btp.by_primary_crime_type.at("Organised acquisitive crime"), 12);
  const auto& colp = f.threats.at("COLP");
  EXPECT_EQ(colp.total, 43);
  EXPECT_EQ(colp.by_primary_crime_type.at("Fraud"), 33);

  const auto& dm = f.disruptions.at("MPS");
  EXPECT_EQ(dm.total, 8021);
  EXPECT_EQ(dm.previous_year, 4795);
  EXPECT_EQ(dm.by_4p_tenths.at("Pursue"), 780);
  EXPECT_EQ(dm.by_4p_tenths.at("Protect"), 100);
  EXPECT_EQ(dm.by_4p_tenths.at("Prevent"), 70);
  EXPECT_EQ(dm.by_4p_tenths.at("Prepare"), 50);
  EXPECT_EQ(f.disruptions.at("BTP").total, 184);
  EXPECT_EQ(f.disruptions.at("BTP").previous_year, 34);
  const auto& dc = f.disruptions.at("COLP");
  EXPECT_EQ(dc.total, 506);
  EXPECT_EQ(dc.by_threat_category.at("Cyber crime"), 441);
  EXPECT_EQ(dc.by_threat_category.at("Fraud"), 52);
  EXPECT_EQ(dc.by_threat_category.at("Drug supply"), 5);

  // The JSON has the agreed shape.
  const auto j = nlohmann::json::parse(report::to_json(f));
  EXPECT_EQ(j["year_ending"], "2022-06-30");
  EXPECT_EQ(j["threats"]["by_agency"]["MPS"]["share_of_national_pct"], 7.0);
  EXPECT_EQ(j["disruptions"]["by_agency"]["MPS"]["by_4p_pct"]["Pursue"], 78.0);
  EXPECT_EQ(j["threats"]["by_agency"]["BTP"]["county_lines"]["by_primary_crime_type"]["Drug supply"], 5);
}

// A plan with figures of its own, from a seed: the report must agree with the plan, which
// is counted here independently of the report code, and each filter must remove its rows.
TEST(DisruptionFigures, AnIndependentExtractComesOutAsPlanned) {
  TestApp t;
  std::mt19937 rng(20240331);
  const auto agencies = other_agencies(t);
  demo::ExtractPlan plan;
  plan.year_ending = "2023-03-31";
  plan.noise = 3;
  std::map<std::string, int64_t> threats, current, previous;
  std::map<std::string, std::map<std::string, int64_t>> by_4p, by_category;
  const std::vector<std::string> crimes{"Drug supply", "Fraud", "Cyber crime", "Firearms", "Money laundering"};
  for (int i = 0; i < 6; ++i) {
    const std::string agency = agencies[rng() % agencies.size()];
    const int n = 1 + static_cast<int>(rng() % 40);
    plan.threats.push_back({agency, ThreatType::kOcg, crimes[rng() % crimes.size()], rng() % 2 == 0, n});
    threats[agency] += n;
    const FourP p = all_four_p()[rng() % 4];
    const std::string category = crimes[rng() % crimes.size()];
    const int cur = static_cast<int>(rng() % 300), prev = static_cast<int>(rng() % 300);
    plan.disruptions.push_back({agency, p, category, cur, prev});
    current[agency] += cur;
    previous[agency] += prev;
    by_4p[agency][std::string(to_string(p))] += cur;
    by_category[agency][category] += cur;
  }
  const Extract e = extract_of(plan, 99);
  auto imported = import_text(t, e.threats, e.disruptions);
  ASSERT_TRUE(imported.is_ok()) << imported.status().message();
  const auto f = figures(t, year_ending("2023-03-31"));
  int64_t national = 0;
  for (const auto& [agency, n] : threats) {
    national += n;
    EXPECT_EQ(f.threats.at(agency).total, n) << agency;
  }
  EXPECT_EQ(f.national_total, national);
  for (const auto& [agency, n] : current) {
    const auto& d = f.disruptions.at(agency);
    EXPECT_EQ(d.total, n) << agency;
    EXPECT_EQ(d.previous_year, previous[agency]) << agency;
    for (const auto& [p, k] : by_4p[agency]) EXPECT_EQ(d.by_4p.at(p), k) << agency << " " << p;
    for (const auto& [c, k] : by_category[agency]) EXPECT_EQ(d.by_threat_category.at(c), k) << agency << " " << c;
  }

  // Each filter removes exactly its own rows: `noise` of each kind per agency.
  const std::string some = threats.begin()->first;
  auto off = [&](auto change) {
    auto o = year_ending("2023-03-31");
    change(o);
    return figures(t, o);
  };
  EXPECT_EQ(off([](auto& o) { o.threats.tactical_only = false; }).threats.at(some).total, threats[some] + 3);
  EXPECT_EQ(off([](auto& o) { o.threats.exclude_tier_5 = false; }).threats.at(some).total, threats[some] + 3);
  EXPECT_EQ(off([](auto& o) { o.threats.soc_only = false; }).threats.at(some).total, threats[some] + 3);
  EXPECT_EQ(off([](auto& o) { o.threats.exclude_closed = false; }).threats.at(some).total, threats[some] + 6);
  EXPECT_EQ(off([](auto& o) { o.threats.moderated_only = false; }).threats.at(some).total, threats[some] + 6);
  const std::string recorder = current.begin()->first;
  EXPECT_EQ(off([](auto& o) { o.disruptions.lead_only = false; }).disruptions.at(recorder).total, current[recorder] + 3);
  EXPECT_EQ(off([](auto& o) { o.disruptions.lead_only = false; }).disruptions.at(recorder).previous_year, previous[recorder] + 3);
  EXPECT_EQ(off([](auto& o) { o.disruptions.assessed_only = false; }).disruptions.at(recorder).total, current[recorder] + 6);

  // A region lists only its agencies; the national total stays national.
  auto london = year_ending("2023-03-31");
  london.region = "London";
  const auto fl = figures(t, london);
  EXPECT_EQ(fl.national_total, national);
  for (const auto& [agency, _] : fl.threats) EXPECT_TRUE(agency == "MPS" || agency == "BTP" || agency == "COLP") << agency;
}

TEST(DisruptionFigures, ImportExportImportGivesTheSameReportAndReimportingChangesNothing) {
  TestApp first;
  const Extract e = extract_of(demo::inspection_plan(other_agencies(first), 3), 3);
  ASSERT_TRUE(import_text(first, e.threats, e.disruptions).is_ok());
  auto again = import_text(first, e.threats, e.disruptions);
  ASSERT_TRUE(again.is_ok()) << again.status().message();
  EXPECT_EQ(again->threats_created + again->threats_updated + again->disruptions_created + again->disruptions_updated, 0);
  EXPECT_GT(again->disruptions_unchanged, 10000);
  const std::string report = report::to_json(figures(first, year_ending("2022-06-30")));

  std::ostringstream threats_out, disruptions_out;
  auto exported = export_apmis(first.app(), system_caller(), threats_out, disruptions_out);
  ASSERT_TRUE(exported.is_ok()) << exported.status().message();
  TestApp second;
  auto imported = import_text(second, threats_out.str(), disruptions_out.str());
  ASSERT_TRUE(imported.is_ok()) << imported.status().message();
  EXPECT_EQ(imported->disruptions_created, exported->disruptions);
  EXPECT_EQ(report::to_json(figures(second, year_ending("2022-06-30"))), report);
  // Rocta's extra outcomes survive the round trip: the export keeps them in its own column.
  EXPECT_NE(disruptions_out.str().find("Pursue;Protect"), std::string::npos);
}

class RefusedFiles : public ::testing::Test {
 protected:
  TestApp t;
  const std::string header = "Reference,Threat reference,Recording agency,Disruption type,Record date,4P category,Assessment Category,Threat category\n";
  std::string row(const std::string& ref, const std::string& date = "2022-03-01", const std::string& agency = "MPS") {
    return ref + ",MPS-OCG-000001," + agency + ",Lead Disruption," + date + ",Pursue,Major,Drug supply\n";
  }
  // `n` rows A<first>…, dated over half a year: more than one batch of the importer (4,000)
  // and of each database's bulk writer.
  std::string many_rows(int n, int first = 1) {
    std::string out;
    for (int i = first; i < first + n; ++i) out += row("A" + std::to_string(i), "2022-0" + std::to_string(1 + i % 6) + "-1" + std::to_string(i % 10));
    return out;
  }
  std::string exported(TestApp& app) {
    std::ostringstream threats, disruptions;
    auto r = export_apmis(app.app(), system_caller(), threats, disruptions);
    EXPECT_TRUE(r.is_ok()) << r.status().message();
    return disruptions.str();
  }
  int64_t last_audit_seq() {
    auto tx = t.store().begin(TxMode::kRead);
    auto last = (*tx)->audit().last();
    return last.is_ok() && last->has_value() ? (*last)->seq : 0;
  }
  // The file is refused with `message` in the error, and nothing is left behind.
  void refused(const std::string& disruptions, const std::string& message) {
    auto r = import_text(t, "", disruptions);
    ASSERT_FALSE(r.is_ok()) << "accepted: " << disruptions;
    EXPECT_NE(r.status().message().find(message), std::string::npos) << r.status().message();
    EXPECT_TRUE(figures(t, year_ending("2022-06-30")).disruptions.empty());
  }
};

TEST_F(RefusedFiles, BadRowsAreRefusedWithTheirLineAndNothingIsApplied) {
  refused("Reference,Threat reference,Recording agency,Disruption type,Record date,4P category,Threat category\n" + row("A1"),
          "missing column 'Assessment Category'");
  refused(header + row("A1") + row("A2", "2022-02-30"), "disruptions.csv:3: column 'Record date'");
  refused(header + row("A1") + row("A2") + row("A3", "2022-01-01", "NOPE"), "disruptions.csv:4: unknown agency 'NOPE'");
  refused(header + row("A1") + row("A2") + row("A1"), "disruptions.csv:4: reference A1 of MPS appears earlier in this file");
  refused(header + row("A1", "2031-01-01"), "disruptions.csv:2: record date 2031-01-01 is in the future");
  refused(header + row("A1") + "A2,MPS-OCG-000001,MPS\n", "disruptions.csv:3: the row has 3 fields");
  refused(header + row("A1") + "A2,\"MPS-OCG-000001,MPS,Lead Disruption\n", "unterminated quoted field starting on line 3");
  // A quoted field with a newline counts its lines: the bad row below is on line 5.
  refused(header + "A1,MPS-OCG-000001,MPS,Lead Disruption,2022-03-01,Pursue,Major,\"Drug\nsupply\"\n" + row("A2") +
              row("A3", "yesterday"),
          "disruptions.csv:5: column 'Record date'");
}

TEST_F(RefusedFiles, ByteOrderMarksCrlfAndQuotedNewlinesImport) {
  const std::string crlf = "\xEF\xBB\xBF" + header.substr(0, header.size() - 1) + "\r\n" +
                           "A1,MPS-OCG-000001,MPS,Lead Disruption,2022-03-01,Pursue,Major,Drug supply\r\n" +
                           "A2,MPS-OCG-000001,MPS,Lead Disruption,2022-03-02,Protect,Minor,\"Modern slavery\r\nand trafficking\"\r\n";
  auto r = import_text(t, "", crlf);
  ASSERT_TRUE(r.is_ok()) << r.status().message();
  EXPECT_EQ(r->disruptions_created, 2);
  const auto f = figures(t, year_ending("2022-06-30"));
  EXPECT_EQ(f.disruptions.at("MPS").total, 2);
  EXPECT_EQ(f.disruptions.at("MPS").by_threat_category.at("Modern slavery\nand trafficking"), 1);
}

TEST_F(RefusedFiles, AThreatsFileIsAppliedWithItsDisruptionsOrNotAtAll) {
  const std::string threats =
      "Reference,Owning agency,Threat type,Type,Moderation status,SOC,Tier,Phase,Primary crime type,County lines\n"
      "MPS-OCG-000001,MPS,OCG,Tactical,Moderated,SOC,Tier 2,Active,Drug supply,Yes\n";
  auto r = import_text(t, threats, header + row("A1") + row("A2", "2022-13-01"));
  ASSERT_FALSE(r.is_ok());
  EXPECT_EQ(figures(t, year_ending("2022-06-30")).national_total, 0);
  auto ok = import_text(t, threats, header + row("A1"));
  ASSERT_TRUE(ok.is_ok()) << ok.status().message();
  EXPECT_EQ(figures(t, year_ending("2022-06-30")).national_total, 1);
  EXPECT_EQ(ok->disruptions_created, 1);
}

TEST_F(RefusedFiles, AYearEndingMidMonthCountsEachDayOnceAndACorrectedRowMovesItsCount) {
  // The year ending 15 June 2022 runs from 16 June 2021; the year before from 16 June 2020.
  auto r = import_text(t, "", header + row("A1", "2020-06-15") + row("A2", "2020-06-16") + row("A3", "2021-06-15") +
                                  row("A4", "2021-06-16") + row("A5", "2021-12-01") + row("A6", "2022-06-15") + row("A7", "2022-06-16"));
  ASSERT_TRUE(r.is_ok()) << r.status().message();
  auto f = figures(t, year_ending("2022-06-15"));
  EXPECT_EQ(f.disruptions.at("MPS").total, 3);          // A4, A5, A6
  EXPECT_EQ(f.disruptions.at("MPS").previous_year, 2);  // A2, A3
  f = figures(t, year_ending("2022-06-30"));
  EXPECT_EQ(f.disruptions.at("MPS").total, 3);          // A5, A6, A7
  EXPECT_EQ(f.disruptions.at("MPS").previous_year, 2);  // A3, A4
  // A corrected extract moves A5 into the year before: updated, and the counts follow.
  auto again = import_text(t, "", header + row("A5", "2021-01-01"));
  ASSERT_TRUE(again.is_ok()) << again.status().message();
  EXPECT_EQ(again->disruptions_updated, 1);
  f = figures(t, year_ending("2022-06-15"));
  EXPECT_EQ(f.disruptions.at("MPS").total, 2);
  EXPECT_EQ(f.disruptions.at("MPS").previous_year, 3);
}

TEST_F(RefusedFiles, ABadRowAfterManyBatchesLeavesNothingBehind) {
  // Into an empty table (rows go straight in), then beside rows already held (staged apart).
  for (bool held : {false, true}) {
    SCOPED_TRACE(held ? "beside held rows" : "into an empty table");
    const std::string report = report::to_json(figures(t, year_ending("2022-06-30")));
    const int64_t seq = last_audit_seq();
    auto r = import_text(t, "", header + many_rows(9000) + row("B1", "2022-13-01") + many_rows(1000, 9001));
    ASSERT_FALSE(r.is_ok());
    EXPECT_NE(r.status().message().find("disruptions.csv:9002: column 'Record date'"), std::string::npos) << r.status().message();
    EXPECT_EQ(report::to_json(figures(t, year_ending("2022-06-30"))), report);
    EXPECT_EQ(last_audit_seq(), seq);
    auto ok = import_text(t, "", header + many_rows(held ? 2 : 5, held ? 20000 : 1));
    ASSERT_TRUE(ok.is_ok()) << ok.status().message();
    EXPECT_EQ(ok->disruptions_created, held ? 2 : 5);
  }
  EXPECT_EQ(figures(t, year_ending("2022-06-30")).disruptions.at("MPS").total, 7);
}

TEST_F(RefusedFiles, AReferenceRepeatedFarBelowIsRefusedWithItsLine) {
  // Row i is on line i + 1, below the header.
  for (bool held : {false, true}) {
    SCOPED_TRACE(held ? "beside held rows" : "into an empty table");
    auto r = import_text(t, "", header + many_rows(9000) + row("A17") + many_rows(10, 9001));
    ASSERT_FALSE(r.is_ok());
    EXPECT_NE(r.status().message().find("disruptions.csv:9002: reference A17 of MPS appears earlier in this file"), std::string::npos)
        << r.status().message();
    // The first bad row is the one reported, whichever kind.
    r = import_text(t, "", header + many_rows(5000) + row("A17") + many_rows(3000, 5001) + row("B1", "2022-13-01"));
    EXPECT_NE(r.status().message().find("disruptions.csv:5002: reference A17 of MPS appears earlier"), std::string::npos)
        << r.status().message();
    r = import_text(t, "", header + many_rows(3000) + row("B1", "2022-13-01") + many_rows(2000, 3001) + row("A17"));
    EXPECT_NE(r.status().message().find("disruptions.csv:3002: column 'Record date'"), std::string::npos) << r.status().message();
    if (!held) {
      EXPECT_TRUE(figures(t, year_ending("2022-06-30")).disruptions.empty());
      ASSERT_TRUE(import_text(t, "", header + many_rows(5, 20000)).is_ok());
    }
  }
  // A reference held already, given twice, is refused too, even where both say the same.
  auto r = import_text(t, "", header + row("A20001") + row("A20002") + row("A20001"));
  ASSERT_FALSE(r.is_ok());
  EXPECT_NE(r.status().message().find("disruptions.csv:4: reference A20001 of MPS appears earlier"), std::string::npos)
      << r.status().message();
  EXPECT_EQ(figures(t, year_ending("2022-06-30")).disruptions.at("MPS").total, 5);
}

TEST_F(RefusedFiles, AnExtractImportedAtOnceOrInPartsGivesTheSameRowsAndFigures) {
  const std::string file = header + many_rows(6000);
  // At once into an empty table; after a few of its rows (staged, indexes rebuilt); after
  // most of them (staged beside them, indexes kept).
  ASSERT_TRUE(import_text(t, "", file).is_ok());
  TestApp mostly_new, mostly_held;
  ASSERT_TRUE(import_text(mostly_new, "", header + many_rows(100)).is_ok());
  ASSERT_TRUE(import_text(mostly_held, "", header + many_rows(5990)).is_ok());
  for (auto* app : {&mostly_new, &mostly_held}) {
    auto r = import_text(*app, "", file);
    ASSERT_TRUE(r.is_ok()) << r.status().message();
    EXPECT_EQ(r->disruptions_created + r->disruptions_unchanged, 6000);
    EXPECT_EQ(r->disruptions_updated, 0);
    EXPECT_EQ(exported(*app), exported(t));
    EXPECT_EQ(report::to_json(figures(*app, year_ending("2022-06-30"))), report::to_json(figures(t, year_ending("2022-06-30"))));
  }
  EXPECT_EQ(figures(t, year_ending("2022-06-30")).disruptions.at("MPS").total, 6000);
}

TEST_F(RefusedFiles, AnImportIsOneEventInTheAuditChain) {
  auto r = import_text(t, "", header + many_rows(5000));
  ASSERT_TRUE(r.is_ok()) << r.status().message();
  auto tx = t.store().begin(TxMode::kRead);
  auto last = (*tx)->audit().last();
  ASSERT_TRUE(last.is_ok() && last->has_value());
  EXPECT_EQ((*last)->action, "apmis.import");
  const auto detail = nlohmann::json::parse((*last)->detail);
  EXPECT_EQ(detail["import"], r->import_id);
  EXPECT_EQ(detail["summary"]["disruptions"]["created"], 5000);
  tx->reset();
  auto chain = verify_audit_chain(t.app());
  ASSERT_TRUE(chain.is_ok()) << chain.status().message();
  EXPECT_FALSE(chain->broken.has_value());
}

class RecordingTest : public ::testing::Test {
 protected:
  TestApp t;
  User analyst = t.user("mps.analyst", "MPS", {Role::kAnalyst});
  User frontline = t.user("mps.frontline", "MPS", {Role::kFrontlineOfficer});
  User btp = t.user("btp.analyst", "BTP", {Role::kAnalyst});
  Threat threat = t.threat(analyst, marking("MPS", SharingScope::kOwnerOnly), "OCG Lapwing");

  Disruption draft(const std::string& description, std::vector<FourP> outcomes = {FourP::kPursue}) {
    Disruption d;
    d.threat_id = threat.id;
    d.record_date = "2026-06-01";
    d.category = ImpactCategory::kModerate;
    d.justification = "Line closed for three weeks";
    d.outcomes = std::move(outcomes);
    d.description = description;
    return d;
  }
};

TEST_F(RecordingTest, AnEventThatSafeguardsSomeoneProposesProtectAndTheAnswerIsKept) {
  const std::string text = "Dealer arrested at the address; a 15-year-old runner was safeguarded and referred to the NRM.";
  auto unanswered = record_disruption(t.app(), t.as(analyst), draft(text));
  ASSERT_FALSE(unanswered.is_ok());
  EXPECT_EQ(unanswered.status().code(), Code::kInvalidArgument);
  EXPECT_NE(unanswered.status().message().find("Protect"), std::string::npos) << unanswered.status().message();

  const auto prompts = disruption_prompts(text, {FourP::kPursue});
  ASSERT_EQ(prompts.size(), 1u);  // one prompt per outcome: the NRM referral, protect
  EXPECT_EQ(prompts[0].outcome, FourP::kProtect);
  auto d = draft(text, {FourP::kPursue, FourP::kProtect});
  d.prompts.push_back({prompts[0].rule, FourP::kProtect, true});
  auto saved = record_disruption(t.app(), t.as(analyst), d);
  ASSERT_TRUE(saved.is_ok()) << saved.status().message();
  EXPECT_EQ(saved->reference.rfind("MPS-DIS-", 0), 0u);
  EXPECT_EQ(saved->threat_reference, threat.reference);

  // Declined, it is recorded as declined and the outcome stays out.
  auto declined = draft(text);
  declined.prompts.push_back({prompts[0].rule, FourP::kProtect, false});
  ASSERT_TRUE(record_disruption(t.app(), t.as(analyst), declined).is_ok());

  auto history = threat_disruptions(t.app(), t.as(analyst), threat.id);
  ASSERT_TRUE(history.is_ok());
  ASSERT_EQ(history->size(), 2u);
  const auto& accepted = (*history)[1].id == saved->id ? (*history)[1] : (*history)[0];
  EXPECT_EQ(accepted.outcomes, (std::vector<FourP>{FourP::kPursue, FourP::kProtect}));
  ASSERT_EQ(accepted.prompts.size(), 1u);
  EXPECT_TRUE(accepted.prompts[0].accepted);

  // Both count once in the figures, under their principal outcome.
  const auto f = figures(t, year_ending("2026-06-30"));
  EXPECT_EQ(f.disruptions.at("MPS").by_4p.at("Pursue"), 2);
  EXPECT_EQ(f.disruptions.at("MPS").by_4p.at("Protect"), 0);
}

TEST_F(RecordingTest, InvalidEventsAreRefusedWithReasons) {
  auto future = draft("Arrest");
  future.record_date = "2026-07-01";  // the clock says 2026-06-21
  EXPECT_EQ(record_disruption(t.app(), t.as(analyst), future).status().code(), Code::kInvalidArgument);

  auto no_justification = draft("Arrest");
  no_justification.justification.clear();
  EXPECT_EQ(record_disruption(t.app(), t.as(analyst), no_justification).status().code(), Code::kInvalidArgument);

  auto orphan = draft("Search of a lock-up");
  orphan.role = DisruptionRole::kSupporting;
  EXPECT_EQ(record_disruption(t.app(), t.as(analyst), orphan).status().code(), Code::kInvalidArgument);
  auto lead = record_disruption(t.app(), t.as(analyst), draft("Arrest"));
  ASSERT_TRUE(lead.is_ok()) << lead.status().message();
  orphan.supports = lead->id;
  EXPECT_TRUE(record_disruption(t.app(), t.as(analyst), orphan).is_ok());

  EXPECT_EQ(record_disruption(t.app(), t.as(frontline), draft("Arrest")).status().code(), Code::kPermissionDenied);
  // BTP may not read the MPS owner-only threat: it is not there for them.
  EXPECT_EQ(record_disruption(t.app(), t.as(btp), draft("Arrest")).status().code(), Code::kNotFound);
  EXPECT_EQ(threat_disruptions(t.app(), t.as(btp), threat.id).status().code(), Code::kNotFound);

  auto closed = update_threat(t.app(), t.as(analyst), threat.id, threat.version, [](Threat& x) {
    x.phase = "Closed - dismantled";
    return Status::ok();
  });
  ASSERT_TRUE(closed.is_ok()) << closed.status().message();
  EXPECT_EQ(record_disruption(t.app(), t.as(analyst), draft("Arrest")).status().code(), Code::kFailedPrecondition);
}

}  // namespace
}  // namespace rocta
