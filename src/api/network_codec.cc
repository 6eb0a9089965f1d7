#include "api/network_codec.h"

namespace rocta::json_codec {
namespace {

// A link the reader may not see, signalled on the visible record it touches.
json signal_near(const NetworkSignal& s) {
  json j = to_json(s.signal);
  j["near"] = {{"kind", to_string(s.near.kind)}, {"id", s.near.id}};
  return j;
}

template <typename T, typename F>
json array_of(const std::vector<T>& items, F each) {
  json out = json::array();
  for (const auto& i : items) out.push_back(each(i));
  return out;
}

}  // namespace

json to_json(const NetworkNode& n) {
  return {{"kind", to_string(n.ref.kind)}, {"id", n.ref.id}, {"reference", n.reference}, {"label", n.label},
          {"owner", n.owner}};
}

json to_json(const NetworkView& v) {
  json nodes = array_of(v.nodes, [](const NetworkMember& m) {
    json n = to_json(m.node);
    n["degree"] = m.degree;
    n["betweenness"] = m.betweenness;
    n["pagerank"] = m.pagerank;
    n["community"] = m.community;
    n["articulation"] = m.articulation;
    return n;
  });
  json links = array_of(v.links, [](const NetworkEdge& e) {
    json l = to_json(e.link);
    l["bridge"] = e.bridge;
    l["across_agencies"] = e.across_agencies;
    l["across_groups"] = e.across_groups;
    return l;
  });
  return {{"nodes", nodes},
          {"links", links},
          {"communities", v.communities},
          {"modularity", v.modularity},
          {"betweenness", v.betweenness},
          {"truncated", v.truncated},
          {"signals", array_of(v.signals, signal_near)},
          {"more_signals", v.more_signals}};
}

json to_json(const NetworkPaths& p) {
  json paths = array_of(p.paths, [](const std::vector<NetworkNode>& path) {
    return array_of(path, [](const NetworkNode& n) { return to_json(n); });
  });
  return {{"length", p.length}, {"paths", paths}, {"signals", array_of(p.signals, signal_near)}};
}

json to_json(const NetworkChanges& c) {
  auto node = [](const NetworkNode& n) { return to_json(n); };
  auto link = [](const Link& l) { return to_json(l); };
  return {{"before", c.before},
          {"after", c.after},
          {"appeared", array_of(c.appeared, node)},
          {"gone", array_of(c.gone, node)},
          {"links_added", array_of(c.links_added, link)},
          {"links_gone", array_of(c.links_gone, link)},
          {"signals", array_of(c.signals, signal_near)}};
}

}  // namespace rocta::json_codec
