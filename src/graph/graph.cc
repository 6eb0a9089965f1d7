#include "graph/graph.h"

#include <igraph.h>

#include <algorithm>
#include <mutex>

namespace rocta::graph {
namespace {

// igraph is not thread-safe as Debian builds it (IGRAPH_THREAD_SAFE 0): one call at a time.
std::mutex& igraph_mutex() {
  static std::mutex mu;
  return mu;
}

// Errors come back as return codes, never as an abort of the whole server.
void quiet_igraph() {
  static std::once_flag once;
  std::call_once(once, [] {
    igraph_set_error_handler(igraph_error_handler_ignore);
    igraph_set_warning_handler(igraph_warning_handler_ignore);
  });
}

// RAII owners of igraph's vectors.
struct IntVector {
  igraph_vector_int_t v;
  explicit IntVector(igraph_integer_t n = 0) { igraph_vector_int_init(&v, n); }
  ~IntVector() { igraph_vector_int_destroy(&v); }
  IntVector(const IntVector&) = delete;
  IntVector& operator=(const IntVector&) = delete;
  std::vector<int64_t> to_std() const {
    std::vector<int64_t> out(igraph_vector_int_size(&v));
    for (size_t i = 0; i < out.size(); ++i) out[i] = VECTOR(v)[i];
    return out;
  }
};
struct RealVector {
  igraph_vector_t v;
  RealVector() { igraph_vector_init(&v, 0); }
  ~RealVector() { igraph_vector_destroy(&v); }
  RealVector(const RealVector&) = delete;
  RealVector& operator=(const RealVector&) = delete;
  std::vector<double> to_std() const {
    std::vector<double> out(igraph_vector_size(&v));
    for (size_t i = 0; i < out.size(); ++i) out[i] = VECTOR(v)[i];
    return out;
  }
};
struct IntVectorList {
  igraph_vector_int_list_t v;
  IntVectorList() { igraph_vector_int_list_init(&v, 0); }
  ~IntVectorList() { igraph_vector_int_list_destroy(&v); }
  IntVectorList(const IntVectorList&) = delete;
  IntVectorList& operator=(const IntVectorList&) = delete;
};

Status failed(const char* what, igraph_error_t e) {
  return Status(Code::kInternal, std::string(what) + " failed in igraph: " + igraph_strerror(e));
}

}  // namespace

struct Graph::Impl {
  igraph_t g;
  bool built = false;
  ~Impl() {
    if (built) igraph_destroy(&g);
  }
};

Graph::Graph(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Graph::Graph(Graph&&) noexcept = default;
Graph& Graph::operator=(Graph&& other) noexcept {
  if (this == &other) return *this;
  std::unique_ptr<Impl> old = std::move(impl_);
  impl_ = std::move(other.impl_);
  if (old) {
    std::lock_guard lock(igraph_mutex());
    old.reset();
  }
  return *this;
}
Graph::~Graph() {
  if (!impl_) return;
  std::lock_guard lock(igraph_mutex());
  impl_.reset();
}

Result<Graph> Graph::make(int64_t vertices, const std::vector<Edge>& edges) {
  if (vertices < 0) return invalid("a graph cannot have a negative number of vertices");
  for (const auto& e : edges)
    if (e.from < 0 || e.to < 0 || e.from >= vertices || e.to >= vertices)
      return invalid("an edge names a vertex outside the graph");
  quiet_igraph();
  std::lock_guard lock(igraph_mutex());
  IntVector ends(static_cast<igraph_integer_t>(2 * edges.size()));
  for (size_t i = 0; i < edges.size(); ++i) {
    VECTOR(ends.v)[2 * i] = edges[i].from;
    VECTOR(ends.v)[2 * i + 1] = edges[i].to;
  }
  auto impl = std::make_unique<Impl>();
  if (auto e = igraph_create(&impl->g, &ends.v, vertices, IGRAPH_UNDIRECTED); e != IGRAPH_SUCCESS)
    return failed("building the graph", e);  // igraph cleans up after itself on failure
  impl->built = true;
  return Graph(std::move(impl));
}

int64_t Graph::vertex_count() const { return igraph_vcount(&impl_->g); }
int64_t Graph::edge_count() const { return igraph_ecount(&impl_->g); }

std::vector<int64_t> Graph::degree() const {
  std::lock_guard lock(igraph_mutex());
  IntVector res;
  igraph_degree(&impl_->g, &res.v, igraph_vss_all(), IGRAPH_ALL, IGRAPH_LOOPS);
  return res.to_std();
}

std::vector<double> Graph::betweenness(int cutoff) const {
  std::lock_guard lock(igraph_mutex());
  RealVector res;
  if (cutoff > 0)
    igraph_betweenness_cutoff(&impl_->g, &res.v, igraph_vss_all(), false, nullptr, cutoff);
  else
    igraph_betweenness(&impl_->g, &res.v, igraph_vss_all(), false, nullptr);
  return res.to_std();
}

std::vector<double> Graph::pagerank(double damping) const {
  std::lock_guard lock(igraph_mutex());
  RealVector res;
  igraph_real_t value = 0;
  igraph_pagerank(&impl_->g, IGRAPH_PAGERANK_ALGO_PRPACK, &res.v, &value, igraph_vss_all(), false, damping, nullptr,
                  nullptr);
  return res.to_std();
}

Graph::Communities Graph::communities(uint64_t seed) const {
  std::lock_guard lock(igraph_mutex());
  Communities out;
  if (vertex_count() == 0) return out;
  igraph_rng_seed(igraph_rng_default(), seed);
  IntVector membership;
  RealVector modularity;
  if (igraph_community_multilevel(&impl_->g, nullptr, 1.0, &membership.v, nullptr, &modularity.v) != IGRAPH_SUCCESS)
    return out;
  out.membership = membership.to_std();
  for (int64_t m : out.membership) out.count = std::max(out.count, m + 1);
  // The last level is the one `membership` holds.
  const auto levels = igraph_vector_size(&modularity.v);
  if (levels > 0) out.modularity = VECTOR(modularity.v)[levels - 1];
  return out;
}

std::vector<int64_t> Graph::bridges() const {
  std::lock_guard lock(igraph_mutex());
  IntVector res;
  igraph_bridges(&impl_->g, &res.v);
  return res.to_std();
}

std::vector<int64_t> Graph::articulation_points() const {
  std::lock_guard lock(igraph_mutex());
  IntVector res;
  igraph_articulation_points(&impl_->g, &res.v);
  return res.to_std();
}

Result<std::vector<int64_t>> Graph::shortest_path(int64_t from, int64_t to) const {
  const int64_t n = vertex_count();
  if (from < 0 || to < 0 || from >= n || to >= n) return invalid("a path must start and end in the graph");
  std::lock_guard lock(igraph_mutex());
  IntVector vertices;
  if (auto e = igraph_get_shortest_path(&impl_->g, &vertices.v, nullptr, from, to, IGRAPH_ALL); e != IGRAPH_SUCCESS)
    return failed("a shortest path", e);
  return vertices.to_std();  // empty when `to` cannot be reached
}

Result<std::vector<std::vector<int64_t>>> Graph::all_shortest_paths(int64_t from, int64_t to, int64_t limit) const {
  const int64_t n = vertex_count();
  if (from < 0 || to < 0 || from >= n || to >= n) return invalid("a path must start and end in the graph");
  std::lock_guard lock(igraph_mutex());
  IntVectorList paths;
  if (auto e = igraph_get_all_shortest_paths(&impl_->g, &paths.v, nullptr, nullptr, from, igraph_vss_1(to), IGRAPH_ALL);
      e != IGRAPH_SUCCESS)
    return failed("the shortest paths", e);
  std::vector<std::vector<int64_t>> out;
  const auto count = igraph_vector_int_list_size(&paths.v);
  for (igraph_integer_t i = 0; i < count && static_cast<int64_t>(out.size()) < limit; ++i) {
    const igraph_vector_int_t* p = igraph_vector_int_list_get_ptr(&paths.v, i);
    std::vector<int64_t> path(igraph_vector_int_size(p));
    for (size_t j = 0; j < path.size(); ++j) path[j] = VECTOR(*p)[j];
    out.push_back(std::move(path));
  }
  return out;
}

}  // namespace rocta::graph
