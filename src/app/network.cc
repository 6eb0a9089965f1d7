#include "app/network.h"

#include <algorithm>
#include <array>
#include <map>
#include <set>
#include <unordered_map>

#include <nlohmann/json.hpp>

#include "app/audit_log.h"
#include "core/clock.h"
#include "core/csv.h"
#include "graph/graph.h"
#include "store/link_repository.h"
#include "store/disruption_repository.h"
#include "store/repository_transaction.h"

namespace rocta {
namespace {

constexpr int64_t kExactBetweennessUpTo = 5000;    // nodes: exact betweenness is O(n m)
constexpr int64_t kCutoffBetweennessUpTo = 50000;  // nodes: betweenness of short paths only
constexpr int kBetweennessCutoff = 4;              // links
constexpr int kLargeBetweennessCutoff = 2;         // links, past kCutoffBetweennessUpTo nodes
constexpr size_t kSignalledRecordsAtMost = 200;    // far ends looked up for signals

uint64_t key_of(const RecordRef& r) { return (static_cast<uint64_t>(r.kind) << 56) | static_cast<uint64_t>(r.id); }

std::string name_of(const RecordRef& r) { return std::string(to_string(r.kind)) + " " + std::to_string(r.id); }

bool is_day(const std::string& s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
    if (s[i] < '0' || s[i] > '9') return false;
  return true;
}

Status validate_filter(const LinkFilter& f) {
  if (!f.as_at.empty() && !is_day(f.as_at)) return invalid("as_at is a date, YYYY-MM-DD", "as_at");
  if (f.relations.size() > 20) return invalid("at most 20 relations", "relation");
  for (const auto& r : f.relations)
    if (r.empty() || r.size() > 40) return invalid("a relation is 1 to 40 characters", "relation");
  return Status::ok();
}

Status validate(const NetworkQuery& q) {
  if (q.around && q.around->kind == RecordKind::kIntelligence)
    return invalid("a network is drawn around a threat, a nominal or a commodity", "around");
  if (q.hops < 1 || q.hops > 4) return invalid("hops is 1 to 4", "hops");
  if (q.max_nodes < 1 || q.max_nodes > 100000) return invalid("max_nodes is 1 to 100000", "max_nodes");
  return validate_filter(q.filter);
}

// NotFound unless the reader reads `ref`: a network never confirms what it may not show.
Result<NetworkNode> visible_node(Transaction& tx, const RecordRef& ref, const ReadScope& scope,
                                 const LinkFilter& filter = {}) {
  ROCTA_ASSIGN_OR_RETURN(auto found, tx.network().nodes({ref}, scope, filter));
  if (found.empty()) return not_found(name_of(ref) + " not found");
  return found.front();
}

// The records and links of the network, as the store returns them under the policy.
// The links are held as the answer's edges from the start (measure() only sets their
// flags): a national view has millions, and each copy of them cost a second.
struct Drawn {
  std::vector<NetworkNode> nodes;
  std::vector<NetworkEdge> links;
  std::vector<graph::Edge> edges;  // links[i] joins nodes edges[i].from and edges[i].to
  bool truncated = false;
};

// Numbers the ends of every link by its node. Fails closed if a link names a record the
// store did not admit.
Status index_edges(Drawn& d) {
  std::unordered_map<uint64_t, int64_t> index;
  index.reserve(d.nodes.size());
  for (size_t i = 0; i < d.nodes.size(); ++i) index.emplace(key_of(d.nodes[i].ref), static_cast<int64_t>(i));
  d.edges.clear();
  d.edges.reserve(d.links.size());
  for (const auto& e : d.links) {
    auto f = index.find(key_of(e.link.from)), t = index.find(key_of(e.link.to));
    if (f == index.end() || t == index.end())
      return Status(Code::kInternal, "access check failed on a network link; nothing shown");
    d.edges.push_back({f->second, t->second});
  }
  return Status::ok();
}

// Out from `around`, hop by hop, over links whose far end the reader reads; then the links
// among the outermost ring, so that the network holds every visible link between its nodes.
Result<Drawn> draw_around(Transaction& tx, const NetworkQuery& q, const ReadScope& scope) {
  ROCTA_ASSIGN_OR_RETURN(NetworkNode centre, visible_node(tx, *q.around, scope, q.filter));
  std::set<uint64_t> held{key_of(centre.ref)}, link_ids;
  std::vector<RecordRef> refs{centre.ref}, frontier{centre.ref};
  Drawn d;
  for (int hop = 0; hop <= q.hops && !frontier.empty(); ++hop) {
    const bool last = hop == q.hops;  // only links among nodes already held
    ROCTA_ASSIGN_OR_RETURN(auto links, tx.network().links_touching(frontier, scope, q.filter));
    std::vector<RecordRef> next;
    for (auto& l : links) {
      const bool from_held = held.count(key_of(l.from)) > 0, to_held = held.count(key_of(l.to)) > 0;
      if (last && !(from_held && to_held)) continue;
      if (!from_held || !to_held) {
        if (static_cast<int64_t>(refs.size()) >= q.max_nodes) {
          d.truncated = true;
          continue;
        }
        const RecordRef far = from_held ? l.to : l.from;
        held.insert(key_of(far));
        refs.push_back(far);
        next.push_back(far);
      }
      if (link_ids.insert(l.id).second) d.links.push_back({std::move(l)});
    }
    frontier = std::move(next);
  }
  ROCTA_ASSIGN_OR_RETURN(d.nodes, tx.network().nodes(refs, scope, q.filter));
  return d;
}

// Every visible record, then every link whose two ends the policy admits (both read in
// one transaction, each end's policy evaluated once per record inside the query); a record
// is drawn when a link touches it. A link naming a record not admitted fails closed.
Result<Drawn> draw_all(Transaction& tx, const NetworkQuery& q, const ReadScope& scope) {
  // Where each visible record is in `visible`, by kind and id (+1; 0: not visible): ids are
  // dense, so a vector per kind rather than a hash of a million records.
  std::vector<NetworkNode> visible;
  std::array<std::vector<int64_t>, 4> slot;
  auto slot_of = [&](const RecordRef& r) -> int64_t& {
    auto& s = slot[static_cast<size_t>(r.kind)];
    const auto id = static_cast<size_t>(r.id);
    if (id >= s.size()) s.resize(std::max(id + 1, 2 * s.size()), 0);
    return s[id];
  };
  ROCTA_RETURN_IF_ERROR(tx.network().each_visible_node(scope, q.filter, [&](const NetworkNode& n) {
    if (n.ref.id < 0) return;
    visible.push_back(n);
    slot_of(n.ref) = static_cast<int64_t>(visible.size());
  }));
  Drawn d;
  std::vector<int64_t> drawn_as(visible.size(), -1);
  bool admitted = true;
  auto node_of = [&](const RecordRef& r) -> int64_t {
    const auto& s = slot[static_cast<size_t>(r.kind)];
    const int64_t at = r.id < 0 || static_cast<size_t>(r.id) >= s.size() ? -1 : s[static_cast<size_t>(r.id)] - 1;
    if (at < 0) {
      admitted = false;
      return 0;
    }
    int64_t& i = drawn_as[static_cast<size_t>(at)];
    if (i < 0) {
      i = static_cast<int64_t>(d.nodes.size());
      d.nodes.push_back(std::move(visible[static_cast<size_t>(at)]));
    }
    return i;
  };
  ROCTA_RETURN_IF_ERROR(tx.network().each_visible_link(scope, q.filter, [&](const Link& l) {
    const int64_t f = node_of(l.from), t = node_of(l.to);
    d.edges.push_back({f, t});
    d.links.push_back({l});
  }));
  if (!admitted) return Status(Code::kInternal, "access check failed on a network link; nothing shown");
  return d;
}

// The signals on the drawn records: far ends the reader may not read, where the holder's
// rule allows. Their number is never shown as a count of anything drawn.
Result<std::vector<NetworkSignal>> signals_near(App& app, Transaction& tx, const Caller& caller,
                                                const std::vector<NetworkNode>& nodes, const LinkFilter& filter,
                                                const ReadScope& scope, bool& more) {
  std::vector<RecordRef> refs;
  for (const auto& n : nodes) refs.push_back(n.ref);
  ROCTA_ASSIGN_OR_RETURN(auto hidden, tx.network().hidden_ends(refs, scope, filter));
  std::map<uint64_t, std::vector<RecordRef>> near_of;
  std::vector<std::pair<RecordRef, Marking>> held;
  for (const auto& h : hidden) {
    auto& near = near_of[key_of(h.far)];
    if (near.empty()) {
      if (held.size() >= kSignalledRecordsAtMost) {
        more = true;
        near_of.erase(key_of(h.far));
        continue;
      }
      ROCTA_ASSIGN_OR_RETURN(Marking m, tx.links().marking_of(h.far));
      held.emplace_back(h.far, std::move(m));
    }
    near.push_back(h.near);
  }
  ROCTA_ASSIGN_OR_RETURN(auto signals, signals_for(app, caller, held));
  std::vector<NetworkSignal> out;
  for (auto& s : signals) {
    const RecordRef far{parse_record_kind(s.record_kind).value_or(RecordKind::kThreat), s.record_id};
    for (const auto& near : near_of[key_of(far)]) out.push_back(NetworkSignal{near, s});
  }
  return out;
}

// Measures what was drawn.
Result<NetworkView> measure(Drawn d) {
  NetworkView v;
  v.truncated = d.truncated;
  if (d.edges.size() != d.links.size()) ROCTA_RETURN_IF_ERROR(index_edges(d));
  const auto& edges = d.edges;
  ROCTA_ASSIGN_OR_RETURN(auto g, graph::Graph::make(static_cast<int64_t>(d.nodes.size()), edges));
  const auto degree = g.degree();
  const auto pagerank = g.pagerank();
  const auto groups = g.communities();
  const int64_t n = g.vertex_count();
  std::vector<double> between(n, 0.0);
  if (n <= kExactBetweennessUpTo) {
    between = g.betweenness();
  } else if (n <= kCutoffBetweennessUpTo) {
    between = g.betweenness(kBetweennessCutoff);
    v.betweenness = "within " + std::to_string(kBetweennessCutoff) + " links";
  } else {
    // Exact betweenness of a national graph would take days: only paths of at most
    // kLargeBetweennessCutoff links are counted, and the answer says so.
    between = g.betweenness(kLargeBetweennessCutoff);
    v.betweenness = "within " + std::to_string(kLargeBetweennessCutoff) + " links (approximate: large network)";
  }
  std::vector<bool> cut(n, false);
  for (int64_t a : g.articulation_points()) cut[a] = true;
  v.communities = groups.count;
  v.modularity = groups.modularity;
  v.nodes.reserve(n);
  for (int64_t i = 0; i < n; ++i)
    v.nodes.push_back({std::move(d.nodes[i]), degree[i], between[i], pagerank[i],
                       groups.membership.empty() ? 0 : groups.membership[i], cut[i]});
  for (int64_t b : g.bridges()) d.links[b].bridge = true;
  for (size_t i = 0; i < edges.size(); ++i) {
    const auto& from = v.nodes[edges[i].from];
    const auto& to = v.nodes[edges[i].to];
    d.links[i].across_agencies = from.node.owner != to.node.owner;
    d.links[i].across_groups = from.community != to.community;
  }
  v.links = std::move(d.links);
  return v;
}

Status audit_view(App& app, const Caller& caller, const std::string& action, const NetworkQuery& q, size_t nodes,
                  size_t links) {
  nlohmann::json detail{{"hops", q.hops}, {"nodes", nodes}, {"links", links}};
  if (!q.filter.as_at.empty()) detail["as_at"] = q.filter.as_at;
  if (!q.filter.relations.empty()) detail["relations"] = q.filter.relations;
  return append_audit_now(app, caller,
                          {action, q.around ? std::string(to_string(q.around->kind)) : "", q.around ? q.around->id : 0,
                           detail.dump()});
}

Result<NetworkView> view(App& app, const Caller& caller, const NetworkQuery& query) {
  ROCTA_RETURN_IF_ERROR(validate(query));
  if (!caller.user.active) return denied("inactive account");
  const ReadScope scope = read_scope(caller.user);
  ROCTA_ASSIGN_OR_RETURN(auto tx, app.store.begin(TxMode::kRead));
  ROCTA_ASSIGN_OR_RETURN(Drawn d, query.around ? draw_around(*tx, query, scope) : draw_all(*tx, query, scope));
  ROCTA_ASSIGN_OR_RETURN(NetworkView v, measure(std::move(d)));
  std::vector<NetworkNode> signal_on;
  for (const auto& m : v.nodes)
    if (signal_on.size() < 5000) signal_on.push_back(m.node);
  v.more_signals = signal_on.size() < v.nodes.size();
  ROCTA_ASSIGN_OR_RETURN(v.signals, signals_near(app, *tx, caller, signal_on, query.filter, scope, v.more_signals));
  return v;
}

std::string xml_escaped(const std::string& s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string node_id(const RecordRef& r) { return std::string(to_string(r.kind)) + "-" + std::to_string(r.id); }

std::string graphml(const NetworkView& v) {
  std::string out =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">\n"
      "  <key id=\"kind\" for=\"node\" attr.name=\"kind\" attr.type=\"string\"/>\n"
      "  <key id=\"reference\" for=\"node\" attr.name=\"reference\" attr.type=\"string\"/>\n"
      "  <key id=\"label\" for=\"node\" attr.name=\"label\" attr.type=\"string\"/>\n"
      "  <key id=\"owner\" for=\"node\" attr.name=\"owner\" attr.type=\"string\"/>\n"
      "  <key id=\"degree\" for=\"node\" attr.name=\"degree\" attr.type=\"long\"/>\n"
      "  <key id=\"pagerank\" for=\"node\" attr.name=\"pagerank\" attr.type=\"double\"/>\n"
      "  <key id=\"community\" for=\"node\" attr.name=\"community\" attr.type=\"long\"/>\n"
      "  <key id=\"relation\" for=\"edge\" attr.name=\"relation\" attr.type=\"string\"/>\n"
      "  <key id=\"date\" for=\"edge\" attr.name=\"date\" attr.type=\"string\"/>\n"
      "  <graph id=\"network\" edgedefault=\"undirected\">\n";
  for (const auto& m : v.nodes) {
    out += "    <node id=\"" + node_id(m.node.ref) + "\"><data key=\"kind\">" + std::string(to_string(m.node.ref.kind)) +
           "</data><data key=\"reference\">" + xml_escaped(m.node.reference) + "</data><data key=\"label\">" +
           xml_escaped(m.node.label) + "</data><data key=\"owner\">" + xml_escaped(m.node.owner) +
           "</data><data key=\"degree\">" + std::to_string(m.degree) + "</data><data key=\"pagerank\">" +
           std::to_string(m.pagerank) + "</data><data key=\"community\">" + std::to_string(m.community) + "</data></node>\n";
  }
  for (const auto& e : v.links)
    out += "    <edge id=\"link-" + std::to_string(e.link.id) + "\" source=\"" + node_id(e.link.from) + "\" target=\"" +
           node_id(e.link.to) + "\"><data key=\"relation\">" + xml_escaped(e.link.relation) + "</data><data key=\"date\">" +
           xml_escaped(e.link.date) + "</data></edge>\n";
  return out + "  </graph>\n</graphml>\n";
}

std::string csv(const NetworkView& v) {
  std::unordered_map<uint64_t, const NetworkNode*> by_ref;
  for (const auto& m : v.nodes) by_ref[key_of(m.node.ref)] = &m.node;
  std::string out = csv_line({"from_kind", "from_reference", "from_label", "from_owner", "relation", "date", "to_kind",
                              "to_reference", "to_label", "to_owner"}) + "\n";
  for (const auto& e : v.links) {
    const NetworkNode& f = *by_ref.at(key_of(e.link.from));
    const NetworkNode& t = *by_ref.at(key_of(e.link.to));
    out += csv_line({std::string(to_string(f.ref.kind)), f.reference, f.label, f.owner, e.link.relation, e.link.date,
                     std::string(to_string(t.ref.kind)), t.reference, t.label, t.owner}) + "\n";
  }
  return out;
}

// The day before `day` (YYYY-MM-DD).
std::string day_before(const std::string& day) {
  int y = std::stoi(day.substr(0, 4)), m = std::stoi(day.substr(5, 2)), d = std::stoi(day.substr(8, 2));
  if (--d == 0) {
    if (--m == 0) {
      m = 12;
      --y;
    }
    static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    d = kDays[m - 1] + (m == 2 && leap ? 1 : 0);
  }
  char buf[11];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
  return buf;
}

}  // namespace

Result<NetworkView> network(App& app, const Caller& caller, const NetworkQuery& query) {
  ROCTA_ASSIGN_OR_RETURN(NetworkView v, view(app, caller, query));
  ROCTA_RETURN_IF_ERROR(audit_view(app, caller, "network.read", query, v.nodes.size(), v.links.size()));
  return v;
}

Result<NetworkPaths> paths_between(App& app, const Caller& caller, const PathQuery& q) {
  ROCTA_RETURN_IF_ERROR(validate_filter(q.filter));
  if (q.max_length < 1 || q.max_length > 8) return invalid("max_length is 1 to 8 links", "max_length");
  if (q.limit < 1 || q.limit > 20) return invalid("limit is 1 to 20 paths", "limit");
  if (!caller.user.active) return denied("inactive account");
  const ReadScope scope = read_scope(caller.user);
  ROCTA_ASSIGN_OR_RETURN(auto tx, app.store.begin(TxMode::kRead));
  ROCTA_ASSIGN_OR_RETURN(NetworkNode from, visible_node(*tx, q.from, scope, q.filter));
  ROCTA_ASSIGN_OR_RETURN(NetworkNode to, visible_node(*tx, q.to, scope, q.filter));
  NetworkPaths out;
  if (from.ref == to.ref) {
    out.paths.push_back({from});
    bool more = false;
    ROCTA_ASSIGN_OR_RETURN(out.signals, signals_near(app, *tx, caller, {from}, q.filter, scope, more));
    return out;
  }
  // Two balls grown a whole ring at a time, the smaller frontier first, until they meet:
  // every shortest path then lies in the links fetched (a vertex i links from `from` lies
  // in the first ball while i <= its radius, else in the second), and only visible links
  // were fetched, so no hidden record can shorten one.
  struct Ball {
    std::set<uint64_t> held;
    std::vector<RecordRef> frontier;
    int radius = 0;
  } a{{key_of(from.ref)}, {from.ref}}, b{{key_of(to.ref)}, {to.ref}};
  std::set<uint64_t> link_ids;
  std::vector<Link> links;
  std::vector<RecordRef> refs{from.ref, to.ref};
  std::set<uint64_t> all{key_of(from.ref), key_of(to.ref)};
  bool met = false;
  while (!met && a.radius + b.radius < q.max_length && !a.frontier.empty() && !b.frontier.empty()) {
    Ball& grow = a.frontier.size() <= b.frontier.size() ? a : b;
    const Ball& other = &grow == &a ? b : a;
    ROCTA_ASSIGN_OR_RETURN(auto found, tx->network().links_touching(grow.frontier, scope, q.filter));
    std::vector<RecordRef> next;
    for (auto& l : found) {
      for (const RecordRef& end : {l.from, l.to}) {
        if (!grow.held.insert(key_of(end)).second) continue;
        next.push_back(end);
        if (other.held.count(key_of(end))) met = true;
        if (all.insert(key_of(end)).second) refs.push_back(end);
      }
      if (link_ids.insert(l.id).second) links.push_back(std::move(l));
    }
    grow.frontier = std::move(next);
    ++grow.radius;
  }
  if (met) {
    Drawn d;
    ROCTA_ASSIGN_OR_RETURN(d.nodes, tx->network().nodes(refs, scope, q.filter));
    d.links.reserve(links.size());
    for (auto& l : links) d.links.push_back({std::move(l)});
    ROCTA_RETURN_IF_ERROR(index_edges(d));
    std::unordered_map<uint64_t, int64_t> index;
    for (size_t i = 0; i < d.nodes.size(); ++i) index.emplace(key_of(d.nodes[i].ref), static_cast<int64_t>(i));
    const auto& edges = d.edges;
    ROCTA_ASSIGN_OR_RETURN(auto g, graph::Graph::make(static_cast<int64_t>(d.nodes.size()), edges));
    const int64_t a = index.at(key_of(from.ref)), b = index.at(key_of(to.ref));
    std::vector<std::vector<int64_t>> paths;
    if (q.limit == 1) {  // one path: no need to enumerate every shortest one
      ROCTA_ASSIGN_OR_RETURN(auto one, g.shortest_path(a, b));
      if (!one.empty()) paths.push_back(std::move(one));
    } else {
      ROCTA_ASSIGN_OR_RETURN(paths, g.all_shortest_paths(a, b, q.limit));
    }
    for (const auto& p : paths) {
      if (static_cast<int64_t>(p.size()) - 1 > q.max_length) continue;
      std::vector<NetworkNode> path;
      for (int64_t v : p) path.push_back(d.nodes[v]);
      out.length = static_cast<int64_t>(p.size()) - 1;
      out.paths.push_back(std::move(path));
    }
  }
  {
    std::vector<NetworkNode> on{from, to};
    std::set<uint64_t> seen{key_of(from.ref), key_of(to.ref)};
    for (const auto& p : out.paths)
      for (const auto& n : p)
        if (seen.insert(key_of(n.ref)).second) on.push_back(n);
    bool more = false;
    ROCTA_ASSIGN_OR_RETURN(out.signals, signals_near(app, *tx, caller, on, q.filter, scope, more));
  }
  tx.reset();
  nlohmann::json detail{{"from", name_of(q.from)}, {"to", name_of(q.to)}, {"length", out.length}};
  ROCTA_RETURN_IF_ERROR(append_audit_now(app, caller, {"network.paths", "", 0, detail.dump()}));
  return out;
}

std::optional<NetworkFormat> parse_network_format(std::string_view s) {
  if (s == "graphml") return NetworkFormat::kGraphml;
  if (s == "csv") return NetworkFormat::kCsv;
  return std::nullopt;
}

Result<std::string> export_network(App& app, const Caller& caller, const NetworkQuery& query, NetworkFormat format) {
  ROCTA_ASSIGN_OR_RETURN(NetworkView v, view(app, caller, query));
  // The export names every record it carries: who took what out is on the record.
  nlohmann::json records = nlohmann::json::array();
  for (const auto& m : v.nodes) records.push_back(node_id(m.node.ref));
  nlohmann::json detail{{"format", format == NetworkFormat::kCsv ? "csv" : "graphml"},
                        {"hops", query.hops},
                        {"records", records},
                        {"links", v.links.size()}};
  if (!query.filter.as_at.empty()) detail["as_at"] = query.filter.as_at;
  if (!query.filter.relations.empty()) detail["relations"] = query.filter.relations;
  ROCTA_RETURN_IF_ERROR(append_audit_now(
      app, caller,
      {"network.export", query.around ? std::string(to_string(query.around->kind)) : "", query.around ? query.around->id : 0,
       detail.dump()}));
  return format == NetworkFormat::kCsv ? csv(v) : graphml(v);
}

Result<NetworkChanges> changes_after_disruption(App& app, const Caller& caller, int64_t threat_id, int64_t disruption_id,
                                                const std::string& after, int hops) {
  if (!after.empty() && !is_day(after)) return invalid("after is a date, YYYY-MM-DD", "after");
  Disruption disruption;
  {
    ROCTA_ASSIGN_OR_RETURN(auto tx, app.store.begin(TxMode::kRead));
    ROCTA_RETURN_IF_ERROR(visible_node(*tx, {RecordKind::kThreat, threat_id}, read_scope(caller.user)).is_ok()
                              ? Status::ok()
                              : not_found("threat " + std::to_string(threat_id) + " not found"));
    auto d = tx->disruptions().get(disruption_id);
    // A disruption is read through its threat: one of another threat is not there.
    if (!d.is_ok() || d->threat_id != threat_id || !is_day(d->record_date))
      return not_found("disruption " + std::to_string(disruption_id) + " not found");
    disruption = std::move(d).value();
  }
  NetworkChanges c;
  c.before = day_before(disruption.record_date);
  c.after = after.empty() ? iso_date(app.clock.now_ms()) : after;
  NetworkQuery q;
  q.around = RecordRef{RecordKind::kThreat, threat_id};
  q.hops = hops;
  q.filter.as_at = c.before;
  ROCTA_ASSIGN_OR_RETURN(NetworkView then, view(app, caller, q));
  q.filter.as_at = c.after;
  ROCTA_ASSIGN_OR_RETURN(NetworkView now, view(app, caller, q));
  std::set<uint64_t> nodes_then, nodes_now;
  std::set<int64_t> links_then, links_now;
  for (const auto& m : then.nodes) nodes_then.insert(key_of(m.node.ref));
  for (const auto& m : now.nodes) nodes_now.insert(key_of(m.node.ref));
  for (const auto& e : then.links) links_then.insert(e.link.id);
  for (const auto& e : now.links) links_now.insert(e.link.id);
  for (const auto& m : now.nodes)
    if (!nodes_then.count(key_of(m.node.ref))) c.appeared.push_back(m.node);
  for (const auto& m : then.nodes)
    if (!nodes_now.count(key_of(m.node.ref))) c.gone.push_back(m.node);
  for (const auto& e : now.links)
    if (!links_then.count(e.link.id)) c.links_added.push_back(e.link);
  for (const auto& e : then.links)
    if (!links_now.count(e.link.id)) c.links_gone.push_back(e.link);
  c.signals = std::move(now.signals);
  q.filter.as_at.clear();
  nlohmann::json detail{{"disruption", disruption_id}, {"before", c.before}, {"after", c.after}};
  ROCTA_RETURN_IF_ERROR(append_audit_now(app, caller, {"network.changes", "threat", threat_id, detail.dump()}));
  return c;
}

}  // namespace rocta
