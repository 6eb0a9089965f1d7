// Places through app/ on a stored region: N incident points (1,000,000 by default) and M
// places (50,000) on threats and intelligence reports of every force, with a realistic mix
// of markings, in SQLite (R*Tree) or PostgreSQL (GiST boxes). Measured as the users meet
// them, each call the app function an HTTP handler makes (store query with the policy,
// can() on every row, the exact test in geo/, the read audit):
//   - area queries as an MPS analyst: the places and the incidents (up to the API's 20,000)
//     in a BCU;
//   - radius queries as the analyst: places and incidents within 500 m and 2 km of a point;
//   - a BCU's briefing as an MPS frontline officer (OFFICIAL clearance).
// Prints p50/p99 (and mean result sizes) per kind of query. The database is reused when it
// already holds the records. See docs/performance.md, "Places".
//
//   build/release/bench/places_app_bench --db /tmp/places.db [--incidents 1000000] [--places 50000]
//                                        [--queries 200]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <functional>
#include <random>
#include <string>
#include <vector>

#include "app/admin.h"
#include "app/briefings.h"
#include "app/places.h"
#include "bench_support.h"
#include "geo/crs.h"
#include "geo/ogr_source.h"
#include "store/marked_repository.h"
#include "store/place_repository.h"
#include "store/repository_transaction.h"
#include "store/user_repository.h"

namespace rocta {
namespace {

constexpr double kMinX = 503000, kMinY = 158000, kMaxX = 559000, kMaxY = 200000;  // London's box, BNG

Marking random_marking(std::mt19937& rng, const std::vector<Agency>& forces) {
  auto pct = [&] { return static_cast<int>(rng() % 100); };
  Marking m;
  // Most incidents and places in London are the London forces'; a share is other forces'.
  const int who = pct();
  m.owning_agency = who < 55 ? "MPS" : who < 75 ? "BTP" : who < 85 ? "COLP" : forces[rng() % forces.size()].code;
  const int scope = pct();
  m.scope = scope < 20 ? SharingScope::kOwnerOnly : scope < 30 ? SharingScope::kNamed : scope < 85 ? SharingScope::kRegion
                                                                                                  : SharingScope::kNational;
  if (m.scope == SharingScope::kNamed) {
    std::string other = forces[rng() % forces.size()].code;
    if (other == m.owning_agency) other = m.owning_agency == "MPS" ? "BTP" : "MPS";
    m.shared_with.push_back(other);
  }
  const int c = pct();
  m.classification = c < 90 ? Classification::kOfficial : c < 99 ? Classification::kSecret : Classification::kTopSecret;
  m.sensitive = m.classification == Classification::kOfficial && pct() < 15;
  if (pct() < 3) m.compartment = m.owning_agency + "-SIU";
  return m;
}

// Twelve BCUs tiling London, 4 by 3, each an irregular hexagon a little inside its tile.
std::vector<geo::Feature> bcus() {
  std::vector<geo::Feature> out;
  const double w = (kMaxX - kMinX) / 4, h = (kMaxY - kMinY) / 3;
  for (int j = 0; j < 3; ++j)
    for (int i = 0; i < 4; ++i) {
      const double x = kMinX + i * w, y = kMinY + j * h;
      geo::Path ring{{x + 0.1 * w, y},         {x + 0.8 * w, y + 0.05 * h}, {x + w, y + 0.5 * h}, {x + 0.85 * w, y + h},
                     {x + 0.15 * w, y + 0.95 * h}, {x, y + 0.45 * h},          {x + 0.1 * w, y}};
      const int n = j * 4 + i + 1;
      out.push_back({n, "Bench BCU " + std::to_string(n), "BENCH-BCU-" + std::to_string(n), geo::Geometry::area(ring)});
    }
  return out;
}

std::string day_of(std::mt19937& rng) {
  const int month = 1 + static_cast<int>(rng() % 12), day = 1 + static_cast<int>(rng() % 28);
  return std::string("2026-") + (month < 10 ? "0" : "") + std::to_string(month) + "-" + (day < 10 ? "0" : "") + std::to_string(day);
}

Status fill(App& app, int64_t incidents, int64_t places, const std::vector<Agency>& forces) {
  {
    ROCTA_ASSIGN_OR_RETURN(auto tx, app.store.begin(TxMode::kRead));
    IncidentQuery all;
    all.unscoped = true;
    ROCTA_ASSIGN_OR_RETURN(int64_t held, tx->places().count_incidents(ReadScope{}, all));
    if (held >= incidents) return Status::ok();
    if (held > 0) return Status(Code::kFailedPrecondition, "the database holds fewer incidents than asked for: use a new one");
  }
  const Caller sys = system_caller("bench");
  ROCTA_RETURN_IF_ERROR(status_of(load_areas(app, sys, AreaKind::kBcu, bcus())));
  std::mt19937 rng(7);
  std::uniform_real_distribution<double> x(kMinX, kMaxX), y(kMinY, kMaxY);
  const auto start = std::chrono::steady_clock::now();
  auto progress = [&](const char* what, int64_t n) {
    const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::fprintf(stderr, "\r%lld %s, %.0f s   ", static_cast<long long>(n), what, s);
  };
  static const IncidentType kTypes[] = {IncidentType::kMetalTheft, IncidentType::kKioskFraud, IncidentType::kRobbery,
                                        IncidentType::kDrugs, IncidentType::kOther};
  constexpr int64_t kBatch = 50000;
  for (int64_t done = 0; done < incidents;) {
    std::vector<Incident> batch;
    for (int64_t i = 0; i < kBatch && done < incidents; ++i, ++done) {
      Incident inc;
      inc.marking = random_marking(rng, forces);
      inc.reference = "CR-" + std::to_string(done + 1);
      inc.type = kTypes[rng() % 5];
      inc.occurred_on = day_of(rng);
      inc.x = x(rng);
      inc.y = y(rng);
      inc.created_at = inc.occurred_on + "T09:00:00Z";
      batch.push_back(std::move(inc));
    }
    ROCTA_ASSIGN_OR_RETURN(auto tx, app.store.begin(TxMode::kWrite));
    ROCTA_RETURN_IF_ERROR(tx->places().insert_incidents(batch));
    ROCTA_RETURN_IF_ERROR(tx->commit());
    progress("incidents", done);
  }
  // A place each on `places` records: a fifth on threats, the rest on reports; most
  // points, some small areas (a car park, an estate).
  for (int64_t done = 0; done < places;) {
    ROCTA_ASSIGN_OR_RETURN(auto tx, app.store.begin(TxMode::kWrite));
    for (int64_t i = 0; i < 10000 && done < places; ++i, ++done) {
      Place p;
      const Marking m = random_marking(rng, forces);
      const std::string ref = m.owning_agency + "-PLB-" + std::to_string(done + 1);
      if (done % 5 == 0) {
        Threat t;
        t.reference = ref;
        t.name = "Bench threat " + std::to_string(done + 1);
        t.primary_crime_type = "Metal theft";
        t.type = done % 10 == 0 ? ThreatType::kVulnerability : ThreatType::kOcg;
        t.marking = m;
        t.version = 1;
        t.created_at = t.updated_at = "2026-01-01T09:00:00Z";
        p.record_kind = PlaceRecordKind::kThreat;
        ROCTA_ASSIGN_OR_RETURN(p.record_id, tx->threats().insert(t));
      } else {
        IntelligenceReport r;
        r.reference = ref;
        r.title = "Bench report " + std::to_string(done + 1);
        r.body = "Seen at the place";
        r.received_date = day_of(rng);
        r.originating_agency = m.owning_agency;
        r.marking = m;
        r.version = 1;
        r.created_at = r.updated_at = r.received_date + "T09:00:00Z";
        p.record_kind = PlaceRecordKind::kIntelligence;
        ROCTA_ASSIGN_OR_RETURN(p.record_id, tx->intelligence().insert(r));
      }
      const double px = x(rng), py = y(rng);
      const geo::Geometry g = done % 8 == 0
                                  ? geo::Geometry::area({{px, py}, {px + 150, py}, {px + 150, py + 120}, {px, py + 120}, {px, py}})
                                  : geo::Geometry::point({px, py});
      p.label = "Bench place";
      p.shape = std::string(geo::to_string(g.kind));
      p.geometry = geo::geojson(g);
      p.geojson = geo::geojson_wgs84(g);
      const geo::Bbox b = g.envelope();
      p.box = {b.min_x, b.min_y, b.max_x, b.max_y};
      p.created_at = "2026-01-01T09:00:00Z";
      ROCTA_RETURN_IF_ERROR(status_of(tx->places().insert_place(p)));
    }
    ROCTA_RETURN_IF_ERROR(tx->commit());
    progress("places", done);
  }
  std::fprintf(stderr, "\n");
  return Status::ok();
}

// The MPS frontline officer of a BCU (OFFICIAL clearance): found or created.
Result<User> frontline_officer(App& app) {
  {
    ROCTA_ASSIGN_OR_RETURN(auto tx, app.store.begin(TxMode::kRead));
    auto found = tx->users().find_by_username("bench.frontline");
    if (found.is_ok()) return found->user;
  }
  const Caller sys = system_caller("bench");
  ROCTA_ASSIGN_OR_RETURN(auto unit, create_unit(app, sys, Unit{0, "MPS", "Bench BCU", UnitKind::kBcu, {}, true, ""}));
  NewUser n;
  n.user.username = "bench.frontline";
  n.user.display_name = "MPS bench frontline officer";
  n.user.unit_id = unit.id;
  n.user.roles = {Role::kFrontlineOfficer};
  n.user.clearance = Classification::kOfficial;
  n.password = "bench-frontline-password";
  return create_user(app, sys, n);
}

struct Timing {
  std::string what;
  std::vector<double> ms;
  double rows = 0;
};

double quantile(std::vector<double> v, double q) {
  std::sort(v.begin(), v.end());
  return v[std::min(v.size() - 1, static_cast<size_t>(q * static_cast<double>(v.size())))];
}

int run(int argc, char** argv) {
  std::string db = "/tmp/rocta-places-app-bench.db";
  int64_t incidents = 1'000'000, places = 50'000;
  int queries = 200;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (!std::strcmp(argv[i], "--db")) db = argv[i + 1];
    else if (!std::strcmp(argv[i], "--incidents")) incidents = std::stoll(argv[i + 1]);
    else if (!std::strcmp(argv[i], "--places")) places = std::stoll(argv[i + 1]);
    else if (!std::strcmp(argv[i], "--queries")) queries = std::stoi(argv[i + 1]);
  }
  auto store = open_store(db);
  if (!store.is_ok()) return std::fprintf(stderr, "%s\n", store.status().message().c_str()), 1;
  SystemClock clock;
  App app(**store, clock);
  app.password_cost = PasswordCost::minimal();
  const Caller sys = system_caller("bench");
  if (Status s = ensure_reference_data(app); !s.is_ok()) return std::fprintf(stderr, "%s\n", s.message().c_str()), 1;
  std::vector<Agency> forces;
  for (const auto& a : list_agencies(app, sys).value())
    if (a.kind == AgencyKind::kTerritorialForce || a.kind == AgencyKind::kSpecialForce) forces.push_back(a);
  if (Status s = fill(app, incidents, places, forces); !s.is_ok()) return std::fprintf(stderr, "%s\n", s.message().c_str()), 1;

  auto analyst = bench::analyst(app, "MPS", "bench.analyst");
  auto officer = frontline_officer(app);
  if (!analyst.is_ok() || !officer.is_ok()) return std::fprintf(stderr, "cannot make the readers\n"), 1;
  Caller as_analyst, as_officer;
  as_analyst.user = *analyst;
  as_officer.user = *officer;
  as_analyst.origin = as_officer.origin = "bench";
  std::vector<int64_t> areas;
  for (const auto& a : list_areas(app, sys, AreaKind::kBcu, false).value())
    if (a.code.rfind("BENCH-BCU-", 0) == 0) areas.push_back(a.id);
  if (areas.empty()) return std::fprintf(stderr, "no bench BCUs loaded\n"), 1;

  std::mt19937 rng(13);
  std::uniform_real_distribution<double> x(kMinX + 2000, kMaxX - 2000), y(kMinY + 2000, kMaxY - 2000);
  std::vector<Timing> timings{{"places in a BCU (analyst)"},          {"incidents in a BCU, up to 20,000 (analyst)"},
                              {"places within 500 m (analyst)"},      {"incidents within 500 m (analyst)"},
                              {"places within 2 km (analyst)"},       {"incidents within 2 km (analyst)"},
                              {"briefing of a BCU (frontline officer)"}};
  auto timed = [&](Timing& t, const std::function<Result<size_t>()>& call) -> bool {
    const auto start = std::chrono::steady_clock::now();
    auto n = call();
    t.ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
    if (!n.is_ok()) {
      std::fprintf(stderr, "%s: %s\n", t.what.c_str(), n.status().message().c_str());
      return false;
    }
    t.rows += static_cast<double>(*n);
    return true;
  };
  for (int q = 0; q < queries; ++q) {
    const int64_t area = areas[rng() % areas.size()];
    const geo::Coord centre{x(rng), y(rng)};
    auto places_where = [&](Where w) -> Result<size_t> {
      PlaceSearch s;
      s.where = w;
      s.limit = 50000;
      ROCTA_ASSIGN_OR_RETURN(auto got, find_places(app, as_analyst, s));
      return got.size();
    };
    auto incidents_where = [&](Where w) -> Result<size_t> {
      IncidentSearch s;
      s.where = w;
      s.limit = 20000;
      ROCTA_ASSIGN_OR_RETURN(auto got, find_incidents(app, as_analyst, s));
      return got.size();
    };
    const Where in_area{area, std::nullopt, geo::kBng, 0};
    const Where near{0, centre, geo::kBng, 500}, wider{0, centre, geo::kBng, 2000};
    bool ok = timed(timings[0], [&] { return places_where(in_area); }) && timed(timings[1], [&] { return incidents_where(in_area); }) &&
              timed(timings[2], [&] { return places_where(near); }) && timed(timings[3], [&] { return incidents_where(near); }) &&
              timed(timings[4], [&] { return places_where(wider); }) && timed(timings[5], [&] { return incidents_where(wider); }) &&
              timed(timings[6], [&]() -> Result<size_t> {
                ROCTA_ASSIGN_OR_RETURN(Briefing b, open_briefing(app, as_officer, {area, "", ""}));
                return b.threats.size() + b.vulnerabilities.size() + b.intelligence.size();
              });
    if (!ok) return 1;
  }
  std::printf("%lld incidents, %lld places, %d queries of each kind (%s)\n", static_cast<long long>(incidents),
              static_cast<long long>(places), queries, db.c_str());
  std::printf("%-45s %10s %10s %12s\n", "query", "p50 ms", "p99 ms", "mean rows");
  for (const auto& t : timings)
    std::printf("%-45s %10.2f %10.2f %12.0f\n", t.what.c_str(), quantile(t.ms, 0.5), quantile(t.ms, 0.99),
                t.rows / static_cast<double>(t.ms.size()));
  return 0;
}

}  // namespace
}  // namespace rocta

int main(int argc, char** argv) { return rocta::run(argc, argv); }
