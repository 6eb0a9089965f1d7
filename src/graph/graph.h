// An undirected graph and what network analysis asks of it, computed by igraph.
//
// Vertices are 0..vertices-1 and carry no data: the caller keeps what each one stands for
// (app/network.cc maps them to records). The graph holds only what it is given, so a
// reader's network is analysed from exactly the nodes and links the reader may see.
//
// igraph keeps global state (its error handler, its random generator) and Debian builds it
// without thread-local storage, so every call into it here is serialised by one mutex.
// Results are deterministic: communities are found with a fixed seed.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "core/status.h"

namespace rocta::graph {

struct Edge {
  int64_t from = 0, to = 0;
};

class Graph {
 public:
  // InvalidArgument when an edge names a vertex outside 0..vertices-1.
  static Result<Graph> make(int64_t vertices, const std::vector<Edge>& edges);
  Graph(Graph&&) noexcept;
  Graph& operator=(Graph&&) noexcept;
  ~Graph();

  int64_t vertex_count() const;
  int64_t edge_count() const;

  // Links per vertex (a repeated link counts each time).
  std::vector<int64_t> degree() const;
  // Shortest paths through each vertex. `cutoff` > 0 counts only paths of at most that many
  // links (exact betweenness is O(vertices x edges): too slow for a national graph).
  std::vector<double> betweenness(int cutoff = 0) const;
  // PageRank with the given damping (PRPACK), summing to 1.
  std::vector<double> pagerank(double damping = 0.85) const;

  struct Communities {
    std::vector<int64_t> membership;  // community of each vertex, numbered from 0
    int64_t count = 0;
    double modularity = 0;
  };
  // Louvain (igraph's multilevel), seeded so that the same graph gives the same answer.
  Communities communities(uint64_t seed = 1) const;

  // Edges whose removal disconnects their ends (by index into the edges given).
  std::vector<int64_t> bridges() const;
  // Vertices whose removal disconnects the graph.
  std::vector<int64_t> articulation_points() const;

  // One shortest path from `from` to `to` as its vertices (both ends included); empty when
  // there is none. InvalidArgument for a vertex out of range.
  Result<std::vector<int64_t>> shortest_path(int64_t from, int64_t to) const;
  // Every shortest path between the two, at most `limit` of them.
  Result<std::vector<std::vector<int64_t>>> all_shortest_paths(int64_t from, int64_t to, int64_t limit) const;

 private:
  struct Impl;
  explicit Graph(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace rocta::graph
