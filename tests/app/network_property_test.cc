// Property test of network analysis: generated users, records and links, the policy
// function as the oracle. No hidden node, link, count or path length leaks through any
// graph answer: every network, path, export and signal holds exactly what can() allows.
#include <gtest/gtest.h>

#include <map>
#include <queue>
#include <set>

#include "app/commodities.h"
#include "app/network.h"
#include "store/link_repository.h"
#include "store/repository_transaction.h"
#include "support/generated.h"
#include "support/test_app.h"

namespace rocta {
namespace {

using testing::Gen;
using testing::random_marking;
using testing::TestApp;

const std::vector<std::string> kRelations{"member", "associate", "uses phone"};
const std::vector<std::string> kDays{"2024-03-01", "2024-11-15", "2025-06-30", "2026-02-01"};

using Key = std::pair<int, int64_t>;  // kind, id
Key key(const RecordRef& r) { return {static_cast<int>(r.kind), r.id}; }

struct World {
  std::map<Key, Marking> markings;
  std::map<Key, Commodity> commodities;
  std::vector<RecordRef> threats, nominals, phones;
  std::vector<Link> links;
};

World generate(TestApp& t, Gen& g) {
  World w;
  auto tx = t.store().begin(TxMode::kWrite);
  EXPECT_TRUE(tx.is_ok());
  const Caller sys = system_caller("test");
  for (int i = 0; i < 50; ++i) {
    Threat th;
    th.name = "OCG " + std::to_string(i);
    th.marking = random_marking(g);
    auto r = create_threat_in(**tx, t.app(), sys, th);
    EXPECT_TRUE(r.is_ok()) << r.status().message();
    w.threats.push_back({RecordKind::kThreat, r->id});
    w.markings[key(w.threats.back())] = r->marking;
  }
  for (int i = 0; i < 90; ++i) {
    Nominal n;
    n.given_names = "Person";
    n.surname = "N" + std::to_string(i);
    n.marking = random_marking(g);
    auto r = create_nominal_in(**tx, t.app(), sys, n);
    EXPECT_TRUE(r.is_ok()) << r.status().message();
    w.nominals.push_back({RecordKind::kNominal, r->id});
    w.markings[key(w.nominals.back())] = r->marking;
  }
  for (int i = 0; i < 30; ++i) {
    Commodity c;
    c.kind = static_cast<CommodityKind>(g.below(4));
    c.value = "07700 9" + std::to_string(10000 + i);
    c.marking = random_marking(g);
    if (g.chance(60)) c.opened = g.pick(kDays);
    if (g.chance(40)) c.closed = c.opened.empty() ? "2025-01-01" : c.opened.substr(0, 4) + "-12-31";
    auto r = record_commodity_in(**tx, t.app(), sys, c);
    EXPECT_TRUE(r.is_ok()) << r.status().message();
    w.phones.push_back({RecordKind::kCommodity, r->id});
    w.markings[key(w.phones.back())] = r->marking;
    w.commodities[key(w.phones.back())] = *r;
  }
  std::set<std::tuple<Key, Key, std::string>> made;
  while (w.links.size() < 300) {
    Link l;
    l.from = g.chance(30) ? g.pick(w.threats) : g.pick(w.nominals);
    l.to = g.chance(15) ? g.pick(w.phones) : g.pick(w.nominals);
    l.relation = g.pick(kRelations);
    if (l.from == l.to || !made.insert({key(l.from), key(l.to), l.relation}).second) continue;
    l.source = "generated";
    l.date = g.pick(kDays);
    l.created_at = "2026-06-01T00:00:00Z";
    auto id = (*tx)->links().insert(l);
    EXPECT_TRUE(id.is_ok()) << id.status().message();
    l.id = *id;
    w.links.push_back(l);
  }
  EXPECT_TRUE((*tx)->commit().is_ok());
  return w;
}

// The oracle: what `user` may see, by can() alone.
struct Seen {
  std::set<Key> nodes;                            // records the user reads
  std::map<int64_t, const Link*> links;           // links with both ends read
  std::map<Key, std::set<Key>> adjacent;          // over those links
  std::set<Key> hidden;                           // records the user may not read
};
Seen oracle(const World& w, const User& user, const LinkFilter& f = {}) {
  Seen s;
  for (const auto& [k, m] : w.markings)
    (can(user, Action::kRead, static_cast<RecordKind>(k.first), m) ? s.nodes : s.hidden).insert(k);
  auto in_use = [&](const RecordRef& r) {
    auto c = w.commodities.find(key(r));
    return f.as_at.empty() || c == w.commodities.end() || in_use_on(c->second, f.as_at);
  };
  for (const auto& l : w.links) {
    if (!f.as_at.empty() && l.date > f.as_at) continue;
    if (!in_use(l.from) || !in_use(l.to)) continue;
    if (!f.relations.empty() && std::find(f.relations.begin(), f.relations.end(), l.relation) == f.relations.end()) continue;
    if (s.nodes.count(key(l.from)) && s.nodes.count(key(l.to))) {
      s.links[l.id] = &l;
      s.adjacent[key(l.from)].insert(key(l.to));
      s.adjacent[key(l.to)].insert(key(l.from));
    }
  }
  return s;
}
std::map<Key, int> distances(const Seen& s, Key from, int limit) {
  std::map<Key, int> d{{from, 0}};
  std::queue<Key> q;
  q.push(from);
  while (!q.empty()) {
    Key k = q.front();
    q.pop();
    if (d[k] == limit) continue;
    auto adj = s.adjacent.find(k);
    if (adj == s.adjacent.end()) continue;
    for (const Key& n : adj->second)
      if (d.emplace(n, d[k] + 1).second) q.push(n);
  }
  return d;
}

// What a network answer holds, checked against the oracle for its node set.
void expect_network(const NetworkView& v, const Seen& s, const std::set<Key>& nodes, const std::string& what) {
  std::set<Key> got_nodes;
  for (const auto& m : v.nodes) {
    EXPECT_TRUE(got_nodes.insert(key(m.node.ref)).second) << what << ": a node twice";
    EXPECT_EQ(s.hidden.count(key(m.node.ref)), 0u) << what << ": a hidden record drawn";
  }
  EXPECT_EQ(got_nodes, nodes) << what;
  std::set<int64_t> got_links, want_links;
  std::map<Key, int64_t> degree;
  for (const auto& e : v.links) got_links.insert(e.link.id);
  for (const auto& [id, l] : s.links)
    if (nodes.count(key(l->from)) && nodes.count(key(l->to))) {
      want_links.insert(id);
      ++degree[key(l->from)];
      ++degree[key(l->to)];
    }
  EXPECT_EQ(got_links, want_links) << what;
  for (const auto& m : v.nodes) EXPECT_EQ(m.degree, degree[key(m.node.ref)]) << what << ": degree counts a hidden link";
  EXPECT_LE(v.communities, static_cast<int64_t>(v.nodes.size()));
  // A signal names only a record the reader may not read, next to one drawn.
  for (const auto& sig : v.signals) {
    const Key far{static_cast<int>(parse_record_kind(sig.signal.record_kind).value_or(RecordKind::kThreat)), sig.signal.record_id};
    EXPECT_EQ(s.hidden.count(far), 1u) << what << ": a signal for a record the reader reads";
    EXPECT_EQ(got_nodes.count(key(sig.near)), 1u) << what << ": a signal on a record not drawn";
  }
}

TEST(NetworkProperty, NoHiddenNodeLinkCountOrPathLengthLeaks) {
  TestApp t;
  Gen g(20261204);
  const World w = generate(t, g);
  const std::vector<Role> roles{Role::kFrontlineOfficer, Role::kAnalyst, Role::kSiuOfficer, Role::kRoctaAnalyst,
                                Role::kAssessor, Role::kInspector};
  size_t checked_paths = 0, found_paths = 0, drawn_links = 0, signalled = 0, path_signals = 0;
  for (int u = 0; u < 14; ++u) {
    const std::string agency = g.pick(testing::kGeneratedAgencies);
    std::vector<std::string> compartments;
    for (const auto& c : testing::kGeneratedCompartments)
      if (g.chance(30)) compartments.push_back(c);
    const User user = t.user("net" + std::to_string(u), agency, {agency == "HMRC" ? Role::kPartner : g.pick(roles)},
                             static_cast<Classification>(g.below(3)), compartments);
    const Caller caller = t.as(user, "property test");
    const Seen s = oracle(w, user);

    // Everything the reader may see: the ends of every visible link.
    NetworkQuery all;
    auto v = network(t.app(), caller, all);
    ASSERT_TRUE(v.is_ok()) << v.status().message();
    std::set<Key> ends;
    for (const auto& [id, l] : s.links) ends.insert(key(l->from)), ends.insert(key(l->to));
    expect_network(*v, s, ends, user.username + " all");
    drawn_links += v->links.size();
    signalled += v->signals.size();

    // As at a date and one relation: the filter goes into the query, the policy still holds.
    NetworkQuery dated;
    dated.filter = {"2024-12-31", {"member", "associate"}};
    const Seen sd = oracle(w, user, dated.filter);
    auto vd = network(t.app(), caller, dated);
    ASSERT_TRUE(vd.is_ok());
    std::set<Key> dated_ends;
    for (const auto& [id, l] : sd.links) dated_ends.insert(key(l->from)), dated_ends.insert(key(l->to));
    expect_network(*vd, sd, dated_ends, user.username + " dated");

    // Around a threat, two hops: the ball over visible links, or NotFound when hidden.
    for (int i = 0; i < 4; ++i) {
      const RecordRef centre = g.pick(w.threats);
      NetworkQuery around;
      around.around = centre;
      around.hops = 1 + g.below(2);
      auto va = network(t.app(), caller, around);
      if (s.hidden.count(key(centre))) {
        EXPECT_EQ(va.status().code(), Code::kNotFound);
        continue;
      }
      ASSERT_TRUE(va.is_ok()) << va.status().message();
      std::set<Key> ball;
      for (const auto& [k, d] : distances(s, key(centre), around.hops)) ball.insert(k);
      expect_network(*va, s, ball, user.username + " around");
    }

    // Paths between two nominals: the oracle's distance, through visible records only.
    for (int i = 0; i < 6; ++i) {
      PathQuery q;
      q.from = g.pick(w.nominals);
      q.to = g.pick(w.nominals);
      q.max_length = 5;
      auto p = paths_between(t.app(), caller, q);
      if (s.hidden.count(key(q.from)) || s.hidden.count(key(q.to))) {
        EXPECT_EQ(p.status().code(), Code::kNotFound);
        continue;
      }
      ASSERT_TRUE(p.is_ok()) << p.status().message();
      ++checked_paths;
      // A path's signals name only records the reader may not read, next to its ends or a
      // record on one of its paths.
      std::set<Key> on_path{key(q.from), key(q.to)};
      for (const auto& path : p->paths)
        for (const auto& n : path) on_path.insert(key(n.ref));
      for (const auto& sig : p->signals) {
        const Key far{static_cast<int>(parse_record_kind(sig.signal.record_kind).value_or(RecordKind::kThreat)),
                      sig.signal.record_id};
        EXPECT_EQ(s.hidden.count(far), 1u) << user.username << ": a path signal for a record the reader reads";
        EXPECT_EQ(on_path.count(key(sig.near)), 1u) << user.username << ": a path signal off the path";
        ++path_signals;
      }
      auto d = distances(s, key(q.from), q.max_length);
      auto reach = d.find(key(q.to));
      if (reach == d.end()) {
        EXPECT_TRUE(p->paths.empty()) << user.username << ": a path through hidden records";
        continue;
      }
      ++found_paths;
      EXPECT_EQ(p->length, reach->second) << user.username << ": a path length counts hidden records";
      ASSERT_FALSE(p->paths.empty());
      for (const auto& path : p->paths) {
        ASSERT_EQ(static_cast<int>(path.size()), reach->second + 1);
        for (size_t j = 0; j < path.size(); ++j) {
          EXPECT_EQ(s.hidden.count(key(path[j].ref)), 0u);
          if (j) {
            EXPECT_EQ(s.adjacent.at(key(path[j - 1].ref)).count(key(path[j].ref)), 1u);
          }
        }
      }
    }

    // The export holds what the network shows and no reference of a hidden record.
    auto csv = export_network(t.app(), caller, all, NetworkFormat::kCsv);
    ASSERT_TRUE(csv.is_ok());
    EXPECT_EQ(static_cast<size_t>(std::count(csv->begin(), csv->end(), '\n')), s.links.size() + 1);
  }
  // The generator gives the oracle something to hold against.
  EXPECT_GT(drawn_links, 100u);
  EXPECT_GT(found_paths, 5u);
  EXPECT_GT(checked_paths, found_paths);
  EXPECT_GT(signalled, 0u);
  EXPECT_GT(path_signals, 0u);
}

}  // namespace
}  // namespace rocta
