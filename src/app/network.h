// Use cases of network analysis: the network a reader may see around a threat or nominal
// (or across everything they may read), its key players, groups and bridges, the shortest
// paths between two records, the network as it stood at a date, what changed after a
// disruption, and an export of what is shown.
//
// A network is drawn only from links whose two ends the reader may read (the store applies
// the policy to both ends inside its queries); the graph engine (graph/) measures exactly
// that, so no hidden record or link is drawn, counted, or shortens a path. A link to a
// record the reader may not read is at most *signalled* ("held by the London SIU: request
// access"), where its holder's rule allows, on the visible record it touches.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "app/app.h"
#include "app/sharing.h"
#include "core/link.h"
#include "store/network_repository.h"

namespace rocta {

struct NetworkQuery {
  std::optional<RecordRef> around;  // a threat, nominal or commodity; none: everything the reader may see
  int hops = 2;                     // 1..4 links out from `around`
  LinkFilter filter;                // as at a date, only some relations
  int64_t max_nodes = 2000;         // around a record: expansion stops past this (truncated)
};

struct NetworkMember {
  NetworkNode node;
  int64_t degree = 0;
  double betweenness = 0;  // see NetworkView::betweenness
  double pagerank = 0;
  int64_t community = 0;
  bool articulation = false;  // removing it splits what the reader sees
};

struct NetworkEdge {
  Link link;
  bool bridge = false;           // the only tie between two parts of what is shown
  bool across_agencies = false;  // its ends are held by different agencies
  bool across_groups = false;    // its ends lie in different communities: it ties two groups
};

// A link to a record the reader may not read, signalled on the visible record it touches.
struct NetworkSignal {
  RecordRef near;
  Signal signal;
};

struct NetworkView {
  std::vector<NetworkMember> nodes;
  std::vector<NetworkEdge> links;
  int64_t communities = 0;
  double modularity = 0;
  // "exact"; "within N links" (larger networks: only paths of at most N links counted;
  // past 50,000 nodes "within 2 links (approximate: large network)").
  std::string betweenness = "exact";
  bool truncated = false;  // max_nodes reached: more lies beyond what is shown
  std::vector<NetworkSignal> signals;
  bool more_signals = false;  // signals were checked for the first records only
};

// NotFound when the caller may not read `around` (as if it did not exist).
Result<NetworkView> network(App& app, const Caller& caller, const NetworkQuery& query);

struct PathQuery {
  RecordRef from, to;
  LinkFilter filter;
  int max_length = 6;  // links; 1..8
  int limit = 5;       // paths of the shortest length, at most; 1..20
};

struct NetworkPaths {
  int64_t length = 0;  // links on each path; 0 with no path
  std::vector<std::vector<NetworkNode>> paths;
  // Links to records the caller may not read, on the two ends and the records of the paths,
  // where the holder allows: a hidden link may join them more closely than any path shown.
  std::vector<NetworkSignal> signals;
};

// The shortest paths between two records through what the caller may see, by a search out
// from both ends at once. No path (empty) when none of at most max_length links exists
// among visible links. NotFound when the caller may not read either end.
Result<NetworkPaths> paths_between(App& app, const Caller& caller, const PathQuery& query);

enum class NetworkFormat { kGraphml, kCsv };
std::optional<NetworkFormat> parse_network_format(std::string_view s);

// The network `query` shows, as a file; audited with every record it holds.
Result<std::string> export_network(App& app, const Caller& caller, const NetworkQuery& query, NetworkFormat format);

// The network around a threat the day before one of its disruptions and as at `after`
// (empty: today), and what differs.
struct NetworkChanges {
  std::string before, after;  // the two dates compared
  std::vector<NetworkNode> appeared, gone;
  std::vector<Link> links_added, links_gone;
  std::vector<NetworkSignal> signals;  // on the records of the network as at `after`
};
Result<NetworkChanges> changes_after_disruption(App& app, const Caller& caller, int64_t threat_id, int64_t disruption_id,
                                                const std::string& after, int hops);

}  // namespace rocta
