// Places end to end over a real store (SQLite, and PostgreSQL as pg.*): areas loaded all or
// nothing, places read through their record, incidents imported all or nothing, hotspots
// proposed and accepted, and the frontline briefing with what is hidden only signalled.
// Expected answers are computed from the generated records with core's can() and geo/.
#include <gtest/gtest.h>

#include <random>
#include <set>

#include "app/briefings.h"
#include "app/disruptions.h"
#include "app/four_p_plans.h"
#include "app/hotspots.h"
#include "app/intelligence.h"
#include "app/places.h"
#include "app/records.h"
#include "app/search.h"
#include "geo/crs.h"
#include "geo/spatial.h"
#include "store/audit_repository.h"
#include "store/repository_transaction.h"
#include "support/test_app.h"

namespace rocta {
namespace {

using testing::marking;
using testing::TestApp;

geo::Path square(double x, double y, double side) {
  return {{x, y}, {x + side, y}, {x + side, y + side}, {x, y + side}, {x, y}};
}

std::string point_json(geo::Coord c) {
  return "{\"type\":\"Point\",\"coordinates\":[" + std::to_string(c.x) + "," + std::to_string(c.y) + "]}";
}

class PlacesTest : public ::testing::Test {
 protected:
  TestApp t;
  User admin = t.user("mps.admin", "MPS", {Role::kAdministrator});
  User analyst = t.user("mps.analyst", "MPS", {Role::kAnalyst});
  User frontline = t.user("mps.frontline", "MPS", {Role::kFrontlineOfficer}, Classification::kOfficial);
  User btp_analyst = t.user("btp.analyst", "BTP", {Role::kAnalyst});
  User gmp_analyst = t.user("gmp.analyst", "GMP", {Role::kAnalyst});
  User chair = t.user("mps.tasking", "MPS", {Role::kTaskingChair});
  // Central: a 10 km square in central London; it holds the first part of every place.
  const geo::Geometry central = geo::Geometry::area(square(525000, 175000, 10000));

  int64_t load_central() {
    auto n = load_areas(t.app(), t.as(admin), AreaKind::kBcu, {{1, "Central", "C1", central}, {2, "Outer", "O1", geo::Geometry::area(square(540000, 175000, 10000))}});
    EXPECT_TRUE(n.is_ok()) << n.status().message();
    auto areas = list_areas(t.app(), t.as(admin), AreaKind::kBcu, false);
    for (const auto& a : *areas)
      if (a.code == "C1") return a.id;
    return 0;
  }
  IntelligenceReport report(const User& by, Marking m, const std::string& received) {
    IntelligenceReport r;
    r.title = "Report";
    r.body = "Body";
    r.received_date = received;
    r.marking = std::move(m);
    auto tx = t.store().begin(TxMode::kWrite);
    auto saved = create_intelligence_in(**tx, t.app(), system_caller(), r);
    EXPECT_TRUE(saved.is_ok()) << saved.status().message();
    EXPECT_TRUE((*tx)->commit().is_ok());
    return *saved;
  }
  Place place(PlaceRecordKind kind, int64_t id, geo::Coord at) {
    auto tx = t.store().begin(TxMode::kWrite);
    auto p = add_place_in(**tx, t.app(), system_caller(), {kind, id, "Here", point_json(at), geo::kBng});
    EXPECT_TRUE(p.is_ok()) << p.status().message();
    EXPECT_TRUE((*tx)->commit().is_ok());
    return *p;
  }
};

TEST_F(PlacesTest, AreasLoadAllOrNothingAndOnlyByAdministrators) {
  std::vector<geo::Feature> bad{{1, "A", "X1", central}, {2, "B", "X1", central}};
  auto dup = load_areas(t.app(), t.as(admin), AreaKind::kWard, bad);
  ASSERT_FALSE(dup.is_ok());
  EXPECT_NE(dup.status().message().find("feature 2 (B)"), std::string::npos) << dup.status().message();
  EXPECT_TRUE(list_areas(t.app(), t.as(admin), AreaKind::kWard, false)->empty());
  auto denied = load_areas(t.app(), t.as(frontline), AreaKind::kWard, {{1, "A", "X1", central}});
  EXPECT_EQ(denied.status().code(), Code::kPermissionDenied);
  auto line = load_areas(t.app(), t.as(admin), AreaKind::kBcu, {{1, "Track", "T1", geo::Geometry::line({{525000, 175000}, {526000, 176000}})}});
  EXPECT_EQ(line.status().code(), Code::kInvalidArgument);
}

TEST_F(PlacesTest, NoPlaceOfAHiddenRecordIsFoundInAnAreaOrRadius) {
  const int64_t area = load_central();
  std::mt19937 rng(5);
  std::uniform_real_distribution<double> pos(0, 20000);
  const char* owners[] = {"MPS", "BTP", "GMP"};
  struct Made {
    Place place;
    Marking m;
    geo::Coord at;
    RecordKind kind;
  };
  std::vector<Made> made;
  for (int i = 0; i < 60; ++i) {
    Marking m = marking(owners[rng() % 3], static_cast<SharingScope>(rng() % 2 ? 2 : 0),
                        static_cast<Classification>(rng() % 2), rng() % 5 == 0 && i % 2 ? "MPS-SIU" : "");  // SIU material: reports
    geo::Coord at{520000 + pos(rng), 172000 + pos(rng)};
    if (i % 2) {
      auto r = report(analyst, m, "2026-06-01");
      made.push_back({place(PlaceRecordKind::kIntelligence, r.id, at), r.marking, at, RecordKind::kIntelligence});
    } else {
      const User& owner = m.owning_agency == "MPS" ? analyst : m.owning_agency == "BTP" ? btp_analyst : gmp_analyst;
      Threat th = t.threat(owner, m, "OCG " + std::to_string(i));
      made.push_back({place(PlaceRecordKind::kThreat, th.id, at), th.marking, at, RecordKind::kThreat});
    }
  }
  for (const User* u : {&analyst, &frontline, &btp_analyst, &gmp_analyst}) {
    for (bool by_area : {true, false}) {
      PlaceSearch s;
      geo::Coord centre{530000, 180000};
      if (by_area) s.where.area_id = area;
      else s.where = {0, centre, geo::kBng, 4000};
      auto got = find_places(t.app(), t.as(*u), s);
      ASSERT_TRUE(got.is_ok()) << got.status().message();
      std::set<int64_t> expected, listed;
      for (const auto& m : made) {
        bool where = by_area ? geo::contains(central, m.at) : std::hypot(m.at.x - centre.x, m.at.y - centre.y) <= 4000;
        if (where && can(*u, Action::kRead, m.kind, m.m)) expected.insert(m.place.id);
      }
      for (const auto& p : *got) listed.insert(p.id);
      EXPECT_EQ(listed, expected) << u->username << (by_area ? " by area" : " by radius");
    }
  }
}

// A record shared by name is read by the agencies it names: its places and incidents come
// back from the store with the shared_with list, so app/'s second check admits them for a
// named reader, and refuses them for a reader of another agency of the same region.
TEST_F(PlacesTest, APlaceOfARecordSharedWithANamedAgencyIsShownToThatAgencyOnly) {
  const int64_t area = load_central();
  User colp_analyst = t.user("colp.analyst", "COLP", {Role::kAnalyst});
  const Marking named = marking("MPS", SharingScope::kNamed, Classification::kOfficial, "", {"BTP"});
  Threat th = t.threat(analyst, named, "OCG Shared");
  auto r = report(analyst, named, "2026-06-01");
  const Place on_threat = place(PlaceRecordKind::kThreat, th.id, {530000, 180000});
  const Place on_report = place(PlaceRecordKind::kIntelligence, r.id, {531000, 181000});
  ASSERT_TRUE(import_incidents(t.app(), t.as(analyst), "reference,type,occurred_on,x,y\nN1,robbery,2026-06-01,530500,180500\n",
                               named).is_ok());
  for (bool by_area : {true, false}) {
    PlaceSearch s;
    if (by_area) s.where.area_id = area;
    auto btp_sees = find_places(t.app(), t.as(btp_analyst), s);
    ASSERT_TRUE(btp_sees.is_ok()) << btp_sees.status().message();
    std::set<int64_t> ids;
    for (const auto& p : *btp_sees) ids.insert(p.id);
    EXPECT_EQ(ids, (std::set<int64_t>{on_threat.id, on_report.id})) << (by_area ? "by area" : "everywhere");
    for (const auto& p : *btp_sees) EXPECT_EQ(p.record_marking.shared_with, std::vector<std::string>{"BTP"});
    auto colp_sees = find_places(t.app(), t.as(colp_analyst), s);
    ASSERT_TRUE(colp_sees.is_ok()) << colp_sees.status().message();
    EXPECT_TRUE(colp_sees->empty());
  }
  IncidentSearch in_area;
  in_area.where.area_id = area;
  auto btp_incidents = find_incidents(t.app(), t.as(btp_analyst), in_area);
  ASSERT_TRUE(btp_incidents.is_ok()) << btp_incidents.status().message();
  ASSERT_EQ(btp_incidents->size(), 1u);
  EXPECT_EQ((*btp_incidents)[0].marking.shared_with, std::vector<std::string>{"BTP"});
  auto colp_incidents = find_incidents(t.app(), t.as(colp_analyst), in_area);
  ASSERT_TRUE(colp_incidents.is_ok()) << colp_incidents.status().message();
  EXPECT_TRUE(colp_incidents->empty());
}

TEST_F(PlacesTest, AnIncidentSearchWithABadDateNamesTheField) {
  IncidentSearch s;
  s.from = "2026-99-01";
  auto bad_from = find_incidents(t.app(), t.as(analyst), s);
  EXPECT_EQ(bad_from.status().code(), Code::kInvalidArgument);
  EXPECT_EQ(bad_from.status().field(), "from");
  s.from = "2026-06-01";
  s.to = "June";
  EXPECT_EQ(find_incidents(t.app(), t.as(analyst), s).status().field(), "to");
  s.to = "2026-05-01";
  EXPECT_EQ(find_incidents(t.app(), t.as(analyst), s).status().code(), Code::kInvalidArgument);
  s.to = "2026-06-30";
  EXPECT_TRUE(find_incidents(t.app(), t.as(analyst), s).is_ok());
}

// The area filter of the threat list, search and local profile: a threat is in an area by
// its own place or a disruption's, exactly (a place inside the triangle's box but outside
// the triangle is not), and nothing the reader may not see comes back.
TEST_F(PlacesTest, TheThreatListSearchAndLocalProfileFilterByAnArea) {
  // A right triangle: its box is the Central square, its inside the lower left half.
  ASSERT_TRUE(load_areas(t.app(), t.as(admin), AreaKind::kWard,
                         {{1, "Triangle", "T1", geo::Geometry::area({{525000, 175000}, {535000, 175000}, {525000, 185000}, {525000, 175000}})}})
                  .is_ok());
  int64_t triangle = 0;
  for (const auto& a : *list_areas(t.app(), t.as(admin), AreaKind::kWard, false)) triangle = a.id;
  Threat inside = t.threat(analyst, marking("MPS"), "OCG Heron Inside");
  Threat corner = t.threat(analyst, marking("MPS"), "OCG Heron Corner");    // in the box, not the triangle
  Threat by_disruption = t.threat(analyst, marking("MPS"), "OCG Heron Disrupted");
  Threat hidden = t.threat(gmp_analyst, marking("GMP", SharingScope::kOwnerOnly), "OCG Heron Hidden");
  Threat unplaced = t.threat(analyst, marking("MPS"), "OCG Heron Nowhere");
  place(PlaceRecordKind::kThreat, inside.id, {527000, 177000});
  place(PlaceRecordKind::kThreat, corner.id, {534000, 184000});
  place(PlaceRecordKind::kThreat, hidden.id, {527500, 177500});
  Disruption d;
  d.threat_id = by_disruption.id;
  d.record_date = "2026-06-01";
  d.category = ImpactCategory::kModerate;
  d.justification = "Line closed for three weeks";
  d.outcomes = {FourP::kPursue};
  d.description = "Arrest";
  auto recorded = record_disruption(t.app(), t.as(analyst), d);
  ASSERT_TRUE(recorded.is_ok()) << recorded.status().message();
  place(PlaceRecordKind::kDisruption, recorded->id, {526000, 176000});
  auto report_inside = report(analyst, marking("MPS"), "2026-06-01");
  place(PlaceRecordKind::kIntelligence, report_inside.id, {528000, 178000});

  ThreatQuery q;
  auto listed = list_threats_in_area(t.app(), t.as(analyst), q, triangle);
  ASSERT_TRUE(listed.is_ok()) << listed.status().message();
  std::set<int64_t> ids;
  for (const auto& th : listed->items) ids.insert(th.id);
  EXPECT_EQ(ids, (std::set<int64_t>{inside.id, by_disruption.id}));
  EXPECT_EQ(listed->total, 2);
  // GMP, of another region, sees only its own owner-only threat there.
  auto gmp = list_threats_in_area(t.app(), t.as(gmp_analyst), q, triangle);
  ASSERT_TRUE(gmp.is_ok());
  ASSERT_EQ(gmp->items.size(), 1u);
  EXPECT_EQ(gmp->items[0].id, hidden.id);
  EXPECT_EQ(list_threats_in_area(t.app(), t.as(analyst), q, 999999).status().code(), Code::kNotFound);
  EXPECT_EQ(list_threats(t.app(), t.as(analyst), q)->total, 4);  // no area: every threat MPS may read
  (void)unplaced;

  SearchQuery sq;
  sq.text = "Heron";
  sq.page = {50, 0};
  auto found = search(t.app(), t.as(analyst), sq, triangle);
  ASSERT_TRUE(found.is_ok()) << found.status().message();
  ids.clear();
  for (const auto& h : found->items) ids.insert(h.id);
  EXPECT_EQ(ids, (std::set<int64_t>{inside.id, by_disruption.id}));
  EXPECT_EQ(found->total, 2);
  sq.text = "Report";
  auto reports = search(t.app(), t.as(analyst), sq, triangle);
  ASSERT_TRUE(reports.is_ok());
  ASSERT_EQ(reports->items.size(), 1u);
  EXPECT_EQ(reports->items[0].id, report_inside.id);
  EXPECT_EQ(search(t.app(), t.as(analyst), sq, 999999).status().code(), Code::kNotFound);

  const int64_t bcu = t.unit("MPS", "Central BCU", UnitKind::kBcu);
  for (int64_t id : {inside.id, corner.id, unplaced.id}) ASSERT_TRUE(locate_threat(t.app(), t.as(analyst), id, bcu).is_ok());
  auto whole = local_profile(t.app(), t.as(analyst), bcu);
  ASSERT_TRUE(whole.is_ok()) << whole.status().message();
  EXPECT_EQ(whole->threats.size(), 3u);
  auto narrowed = local_profile(t.app(), t.as(analyst), bcu, triangle);
  ASSERT_TRUE(narrowed.is_ok()) << narrowed.status().message();
  ASSERT_EQ(narrowed->threats.size(), 1u);
  EXPECT_EQ(narrowed->threats[0].id, inside.id);
  EXPECT_EQ(local_profile(t.app(), t.as(analyst), bcu, 999999).status().code(), Code::kNotFound);
}

// Property: over generated threats, places and readers, the area filter returns exactly the
// threats the reader may read (core's can()) that have a place in the area (geo/), never a
// hidden one, and counts no other.
TEST_F(PlacesTest, TheAreaFilterNeverReturnsAThreatTheReaderMayNotSee) {
  const int64_t area = load_central();
  std::mt19937 rng(11);
  std::uniform_real_distribution<double> pos(0, 20000);
  const char* owners[] = {"MPS", "BTP", "GMP"};
  const User* owner_of[] = {&analyst, &btp_analyst, &gmp_analyst};
  struct Made {
    Threat threat;
    bool in_area = false;
  };
  std::vector<Made> made;
  for (int i = 0; i < 40; ++i) {
    const int o = static_cast<int>(rng() % 3);
    const int scope = static_cast<int>(rng() % 4);
    std::vector<std::string> named;
    if (scope == 1) named = {owners[(o + 1 + rng() % 2) % 3]};
    Marking m = marking(owners[o], static_cast<SharingScope>(scope), static_cast<Classification>(rng() % 2), "", named);
    Made x{t.threat(*owner_of[o], m, "OCG " + std::to_string(i))};
    for (int k = 0; k < static_cast<int>(rng() % 3); ++k) {
      geo::Coord at{520000 + pos(rng), 170000 + pos(rng)};
      place(PlaceRecordKind::kThreat, x.threat.id, at);
      x.in_area = x.in_area || geo::contains(central, at);
    }
    made.push_back(std::move(x));
  }
  for (const User* u : {&analyst, &frontline, &btp_analyst, &gmp_analyst}) {
    ThreatQuery q;
    q.page = {200, 0};
    auto got = list_threats_in_area(t.app(), t.as(*u), q, area);
    ASSERT_TRUE(got.is_ok()) << got.status().message();
    std::set<int64_t> expected, listed;
    for (const auto& m : made)
      if (m.in_area && can(*u, Action::kRead, RecordKind::kThreat, m.threat.marking)) expected.insert(m.threat.id);
    for (const auto& th : got->items) listed.insert(th.id);
    EXPECT_EQ(listed, expected) << u->username;
    EXPECT_EQ(got->total, static_cast<int64_t>(expected.size())) << u->username;
  }
}

TEST_F(PlacesTest, IncidentImportNamesTheBadRowAndWritesNothing) {
  const std::string header = "reference,type,occurred_on,x,y,epsg,location\n";
  auto outside = import_incidents(t.app(), t.as(analyst),
                                  header + "A1,robbery,2026-06-01,530000,180000,27700,\nA2,robbery,2026-06-01,2.35,48.85,4326,Paris\n",
                                  marking("MPS"));
  ASSERT_FALSE(outside.is_ok());
  EXPECT_NE(outside.status().message().find("row 3"), std::string::npos) << outside.status().message();
  EXPECT_NE(outside.status().message().find("outside the United Kingdom"), std::string::npos);
  auto epsg = import_incidents(t.app(), t.as(analyst), header + "A1,robbery,2026-06-01,530000,180000,99999,\n", marking("MPS"));
  ASSERT_FALSE(epsg.is_ok());
  EXPECT_NE(epsg.status().message().find("row 2: unknown EPSG code 99999"), std::string::npos) << epsg.status().message();
  auto type = import_incidents(t.app(), t.as(analyst), header + "A1,arson,2026-06-01,530000,180000,,\n", marking("MPS"));
  EXPECT_EQ(type.status().code(), Code::kInvalidArgument);
  auto none = find_incidents(t.app(), t.as(analyst), {});
  ASSERT_TRUE(none.is_ok());
  EXPECT_TRUE(none->empty());
  auto ok = import_incidents(t.app(), t.as(analyst), header + "A1,robbery,2026-06-01,-0.1,51.5,4326,\n", marking("MPS"));
  ASSERT_TRUE(ok.is_ok()) << ok.status().message();
  auto one = find_incidents(t.app(), t.as(analyst), {});
  ASSERT_EQ(one->size(), 1u);
  EXPECT_NEAR(geo::to_wgs84(geo::Coord{(*one)[0].x, (*one)[0].y}).x, -0.1, 1e-6);
}

std::string incidents_csv(std::mt19937& rng, const std::string& prefix, int noise, geo::Coord planted, int cluster) {
  std::uniform_real_distribution<double> pos(0, 10000);
  std::normal_distribution<double> spread(0, 60);
  std::string csv = "reference,type,occurred_on,x,y\n";
  int n = 0;
  auto row = [&](double x, double y) {
    csv += prefix + std::to_string(++n) + ",metal_theft,2026-05-" + std::to_string(10 + n % 15) + "," + std::to_string(x) + "," +
           std::to_string(y) + "\n";
  };
  for (int i = 0; i < noise; ++i) row(525000 + pos(rng), 175000 + pos(rng));
  for (int i = 0; i < cluster; ++i) row(planted.x + spread(rng), planted.y + spread(rng));
  return csv;
}

TEST_F(PlacesTest, AHotspotIsProposedWithItsEvidenceAndAcceptedAsAVulnerability) {
  std::mt19937 rng(8);
  const geo::Coord planted{528765, 181234};
  ASSERT_TRUE(import_incidents(t.app(), t.as(analyst), incidents_csv(rng, "MPS-", 4000, planted, 100), marking("MPS")).is_ok());
  HotspotRequest r{IncidentType::kMetalTheft, "2026-05-01", "2026-05-31", 0, 250};
  auto run = detect_hotspots(t.app(), t.as(analyst), r);
  ASSERT_TRUE(run.is_ok()) << run.status().message();
  EXPECT_EQ(run->incidents, 4100);
  ASSERT_EQ(run->proposals.size(), 1u);
  const auto& p = run->proposals[0];
  EXPECT_LT(std::hypot(p.centre_x - planted.x, p.centre_y - planted.y), 400);
  auto evidence = nlohmann::json::parse(p.evidence);
  EXPECT_EQ(evidence["incidents_analysed"], 4100);
  EXPECT_FALSE(evidence["hot_cells"].empty());
  // Running again proposes nothing new for the same place.
  EXPECT_EQ(detect_hotspots(t.app(), t.as(analyst), r)->already_proposed, 1);
  EXPECT_EQ(detect_hotspots(t.app(), t.as(frontline), r).status().code(), Code::kPermissionDenied);
  EXPECT_EQ(decide_proposal(t.app(), t.as(btp_analyst), p.id, true, "").status().code(), Code::kNotFound);
  EXPECT_EQ(decide_proposal(t.app(), t.as(analyst), p.id, false, " ").status().code(), Code::kInvalidArgument);

  auto accepted = decide_proposal(t.app(), t.as(analyst), p.id, true, "Cable theft recurs here");
  ASSERT_TRUE(accepted.is_ok()) << accepted.status().message();
  EXPECT_EQ(accepted->status, ProposalStatus::kAccepted);
  auto threat = open_threat(t.app(), t.as(analyst), accepted->threat_id);
  ASSERT_TRUE(threat.is_ok());
  EXPECT_EQ(threat->record.type, ThreatType::kVulnerability);
  auto places = find_places(t.app(), t.as(frontline), {{0, planted, geo::kBng, 50}});
  ASSERT_EQ(places->size(), 1u);
  EXPECT_EQ((*places)[0].record_id, accepted->threat_id);
  EXPECT_EQ(decide_proposal(t.app(), t.as(analyst), p.id, false, "again").status().code(), Code::kConflict);
}

TEST_F(PlacesTest, AHotspotOfHiddenIncidentsIsNeverProposed) {
  std::mt19937 rng(8);
  const geo::Coord planted{528765, 181234};
  ASSERT_TRUE(import_incidents(t.app(), t.as(analyst), incidents_csv(rng, "MPS-", 4000, planted, 0), marking("MPS")).is_ok());
  // GMP's owner-only incidents make a hotspot that only GMP may see.
  ASSERT_TRUE(import_incidents(t.app(), t.as(gmp_analyst), incidents_csv(rng, "GMP-", 0, planted, 100),
                               marking("GMP", SharingScope::kOwnerOnly)).is_ok());
  HotspotRequest r{IncidentType::kMetalTheft, "2026-05-01", "2026-05-31", 0, 250};
  auto mps = detect_hotspots(t.app(), t.as(analyst), r);
  ASSERT_TRUE(mps.is_ok());
  EXPECT_EQ(mps->incidents, 4000);
  EXPECT_TRUE(mps->proposals.empty());
  auto gmp = detect_hotspots(t.app(), t.as(gmp_analyst), r);
  ASSERT_TRUE(gmp.is_ok());
  EXPECT_EQ(gmp->incidents, 100);
}

TEST_F(PlacesTest, TheBriefingShowsWhatTheOfficerMayReadSignalsTheRestAndRecordsWhoReadIt) {
  const int64_t area = load_central();
  const std::string today = iso_date(t.clock().now);
  Threat ocg = t.threat(analyst, marking("MPS"), "OCG Heron");
  Threat vuln = t.threat(analyst, marking("MPS"), "Kiosk fraud at the station");
  ASSERT_TRUE(update_threat(t.app(), t.as(analyst), vuln.id, vuln.version, [](Threat& th) {
                th.type = ThreatType::kVulnerability;
                return Status::ok();
              }).is_ok());
  Threat secret = t.threat(analyst, marking("MPS", SharingScope::kRegion, Classification::kSecret), "OCG Secret");
  Threat outside = t.threat(analyst, marking("MPS"), "OCG Elsewhere");
  auto open_report = report(analyst, marking("MPS"), today);
  auto old_report = report(analyst, marking("MPS"), "2025-01-01");
  auto siu_report = report(analyst, marking("MPS", SharingScope::kOwnerOnly, Classification::kSecret, "MPS-SIU"), today);
  for (int64_t id : {ocg.id, vuln.id, secret.id}) place(PlaceRecordKind::kThreat, id, {530000, 180000});
  place(PlaceRecordKind::kThreat, outside.id, {545000, 180000});
  for (int64_t id : {open_report.id, old_report.id, siu_report.id}) place(PlaceRecordKind::kIntelligence, id, {531000, 181000});
  ASSERT_TRUE(add_requirement(t.app(), t.as(chair), area, "Collect on drug markets in the City").is_ok());
  EXPECT_EQ(add_requirement(t.app(), t.as(frontline), area, "x").status().code(), Code::kPermissionDenied);

  auto b = open_briefing(t.app(), t.as(frontline), {area, "", ""});
  ASSERT_TRUE(b.is_ok()) << b.status().message();
  ASSERT_EQ(b->threats.size(), 1u);  // not the SECRET one, not the one outside
  EXPECT_EQ(b->threats[0].id, ocg.id);
  ASSERT_EQ(b->vulnerabilities.size(), 1u);
  EXPECT_EQ(b->vulnerabilities[0].id, vuln.id);
  ASSERT_EQ(b->intelligence.size(), 1u);  // recent and readable only
  EXPECT_EQ(b->intelligence[0].id, open_report.id);
  ASSERT_EQ(b->withheld.size(), 1u);  // the SIU's report, signalled
  EXPECT_EQ(b->withheld[0].items, 1);
  EXPECT_EQ(b->withheld[0].holder_agency, "MPS");
  ASSERT_EQ(b->requirements.size(), 1u);
  EXPECT_FALSE(b->acknowledged);

  // The analyst (SECRET) sees the SECRET threat too: one policy, two answers.
  auto ab = open_briefing(t.app(), t.as(analyst), {area, "", ""});
  EXPECT_EQ(ab->threats.size(), 2u);

  EXPECT_EQ(acknowledge_briefing(t.app(), t.as(frontline), {area, "", ""}, "stale").status().code(), Code::kConflict);
  ASSERT_TRUE(acknowledge_briefing(t.app(), t.as(frontline), {area, "", ""}, b->digest).is_ok());
  EXPECT_TRUE(open_briefing(t.app(), t.as(frontline), {area, "", ""})->acknowledged);
  auto reads = briefing_reads(t.app(), t.as(chair), {area, "", ""});
  ASSERT_TRUE(reads.is_ok()) << reads.status().message();
  ASSERT_EQ(reads->size(), 1u);
  EXPECT_EQ((*reads)[0].user_id, frontline.id);
  EXPECT_EQ(briefing_reads(t.app(), t.as(frontline), {area, "", ""}).status().code(), Code::kPermissionDenied);
  // Another shift is another briefing: not yet read.
  EXPECT_FALSE(open_briefing(t.app(), t.as(frontline), {area, "", "night"})->acknowledged);
}

}  // namespace
}  // namespace rocta
