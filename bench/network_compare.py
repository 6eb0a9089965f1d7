#!/usr/bin/python3
# The visible graph network_bench measured through Rocta (PREFIX.edges: the vertex count,
# then one "from to" per line) run through Debian's python3-igraph and python3-networkx:
# build, PageRank, Louvain communities, and the shortest paths between the same pairs
# (PREFIX.pairs). Each networkx step stops after --cap seconds and says so.
#   /usr/bin/python3 bench/network_compare.py /tmp/rocta-network [--cap 600]
import signal
import sys
import time

import igraph
import networkx as nx

prefix = sys.argv[1]
cap = int(sys.argv[sys.argv.index("--cap") + 1]) if "--cap" in sys.argv else 600

with open(prefix + ".edges") as f:
    n = int(f.readline())
    edges = [tuple(map(int, line.split())) for line in f]
with open(prefix + ".pairs") as f:
    pairs = [tuple(map(int, line.split())) for line in f]
print(f"graph: {n} vertices, {len(edges)} edges, {len(pairs)} path pairs")


def timed(label, fn):
    t, c = time.perf_counter(), time.process_time()
    out = fn()
    print(f"{label}: {time.perf_counter() - t:.2f} s (CPU {time.process_time() - c:.2f} s)", flush=True)
    return out


def percentiles(ms):
    ms = sorted(ms)
    return ms[len(ms) // 2], ms[min(len(ms) - 1, int(0.99 * len(ms)))]


g = timed(f"python3-igraph {igraph.__version__} build", lambda: igraph.Graph(n=n, edges=edges))
timed("python3-igraph PageRank", lambda: g.pagerank())
groups = timed("python3-igraph Louvain", lambda: g.community_multilevel())
print(f"  {len(groups)} groups, modularity {groups.modularity:.3f}")
timed("python3-igraph betweenness within 2 links", lambda: g.betweenness(directed=False, cutoff=2))
timed("python3-igraph cut points and bridges", lambda: (g.articulation_points(), g.bridges()))
ms = []
for a, b in pairs:
    t = time.process_time()
    g.get_shortest_paths(a, to=b)
    ms.append((time.process_time() - t) * 1000)
p50, p99 = percentiles(ms)
print(f"python3-igraph shortest path (CPU): p50 {p50:.1f} ms, p99 {p99:.1f} ms")
del g


class TooLong(Exception):
    pass


def on_alarm(signum, frame):
    raise TooLong()


signal.signal(signal.SIGALRM, on_alarm)


def capped(label, fn):
    signal.alarm(cap)
    try:
        return timed(label, fn)
    except TooLong:
        print(f"{label}: stopped after {cap} s without an answer", flush=True)
        return None
    finally:
        signal.alarm(0)


G = capped(f"python3-networkx {nx.__version__} build", lambda: nx.Graph(edges))
if G is not None:
    G.add_nodes_from(range(n))
    capped("python3-networkx PageRank", lambda: nx.pagerank(G))
    found = capped("python3-networkx Louvain", lambda: nx.community.louvain_communities(G, seed=1))
    if found is not None:
        print(f"  {len(found)} groups")
    ms = []
    for a, b in pairs:
        t = time.process_time()
        try:
            nx.shortest_path(G, a, b)
        except nx.NetworkXNoPath:
            pass
        ms.append((time.process_time() - t) * 1000)
    p50, p99 = percentiles(ms)
    print(f"python3-networkx shortest path (CPU): p50 {p50:.1f} ms, p99 {p99:.1f} ms")
