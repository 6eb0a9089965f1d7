#include "cli/network_commands.h"

#include <algorithm>
#include <fstream>
#include <iostream>

#include <nlohmann/json.hpp>

#include "api/network_codec.h"
#include "app/session.h"
#include "cli/exit_codes.h"
#include "core/csv.h"

namespace rocta::cli {
namespace {

// "nominal:12" names a record.
Result<RecordRef> record_arg(const std::string& v, const char* option) {
  const auto colon = v.find(':');
  const auto kind = parse_record_kind(v.substr(0, colon == std::string::npos ? 0 : colon));
  int64_t id = 0;
  try {
    size_t used = 0;
    if (colon != std::string::npos) id = std::stoll(v.substr(colon + 1), &used);
    if (used != v.size() - colon - 1) id = 0;
  } catch (const std::exception&) {
    id = 0;
  }
  if (!kind || id < 1) return invalid(std::string(option) + " names a record as kind:id, e.g. nominal:12");
  return RecordRef{*kind, id};
}

std::vector<std::string> node_row(const NetworkNode& n) {
  return {std::string(to_string(n.ref.kind)), std::to_string(n.ref.id), n.reference, n.label, n.owner};
}

void print_csv(const std::vector<std::string>& fields) { std::cout << csv_line(fields) << '\n'; }

// Signals go to stderr with CSV output: the file holds only what is shown.
void print_signals(const std::vector<NetworkSignal>& signals) {
  for (const auto& s : signals)
    std::cerr << "signal: a further link to " << to_string(s.near.kind) << ' ' << s.near.id << " is held by "
              << s.signal.holder << " (request access)\n";
}

}  // namespace

NetworkCommands::NetworkCommands(CLI::App& cli) {
  auto* net = cli.add_subcommand("network", "Network analysis of what a user may see: key players, groups, paths")
                  ->require_subcommand(1);
  auto view_options = [&](CLI::App* c) {
    c->add_option("--as", as_user_, "Username whose rules apply")->required();
    c->add_option("--purpose", purpose_, "Why (needed for restricted records)");
    auto* around = c->add_option_group("around", "Around what (one of)");
    around->add_option("--threat", threat_, "Around this threat id");
    around->add_option("--nominal", nominal_, "Around this nominal id");
    around->add_option("--commodity", commodity_, "Around this commodity id");
    around->add_flag("--region", region_, "Everything the user may see");
    around->require_option(1);
    c->add_option("--hops", hops_, "1-4 links out")->capture_default_str();
    c->add_option("--max-nodes", max_nodes_, "Expansion stops past this many records")->capture_default_str();
    c->add_option("--as-at", as_at_, "YYYY-MM-DD: the network as it stood on that day");
    c->add_option("--relation", relations_, "Only these relations (repeat)");
  };
  show_ = net->add_subcommand("show", "The network: key players (degree, betweenness, PageRank), groups, bridges, signals");
  view_options(show_);
  show_->add_option("--format", format_, "json (everything) or csv (the records and their measures)")
      ->check(CLI::IsMember({"json", "csv"}))
      ->capture_default_str();
  export_ = net->add_subcommand("export", "Export the network shown as GraphML or CSV (audited)");
  view_options(export_);
  export_->add_option("--format", format_, "graphml or csv")->check(CLI::IsMember({"graphml", "csv"}))->required();
  export_->add_option("--out", out_, "File to write (default: standard output)");
  paths_ = net->add_subcommand("paths", "The shortest paths between two records through what the user may see");
  paths_->add_option("--as", as_user_, "Username whose rules apply")->required();
  paths_->add_option("--purpose", purpose_, "Why (needed for restricted records)");
  paths_->add_option("--from", from_, "kind:id, e.g. nominal:12")->required();
  paths_->add_option("--to", to_, "kind:id")->required();
  paths_->add_option("--max-length", max_length_, "1-8 links")->capture_default_str();
  paths_->add_option("--limit", limit_, "1-20 paths of the shortest length")->capture_default_str();
  paths_->add_option("--as-at", as_at_, "YYYY-MM-DD");
  paths_->add_option("--relation", relations_, "Only these relations (repeat)");
  paths_->add_option("--format", format_, "json or csv")->check(CLI::IsMember({"json", "csv"}))->capture_default_str();
  changes_ = net->add_subcommand("changes", "What changed in a threat's network after one of its disruptions");
  changes_->add_option("--as", as_user_, "Username whose rules apply")->required();
  changes_->add_option("--purpose", purpose_, "Why (needed for restricted records)");
  changes_->add_option("--threat", threat_, "Threat id")->required();
  changes_->add_option("--disruption", disruption_, "Disruption id (of that threat)")->required();
  changes_->add_option("--after", after_, "YYYY-MM-DD (default today)");
  changes_->add_option("--hops", hops_, "1-4 links out")->capture_default_str();
}

bool NetworkCommands::parsed() const {
  return show_->parsed() || paths_->parsed() || export_->parsed() || changes_->parsed();
}

int NetworkCommands::run(OpenedApp& o) {
  auto caller = operator_acting_as(*o.app, as_user_, purpose_);
  if (!caller.is_ok()) return fail(caller.status());
  if (show_->parsed()) return show(*o.app, *caller);
  if (paths_->parsed()) return paths(*o.app, *caller);
  if (export_->parsed()) return do_export(*o.app, *caller);
  return changes(*o.app, *caller);
}

Result<NetworkQuery> NetworkCommands::query() const {
  NetworkQuery q;
  if (threat_) q.around = RecordRef{RecordKind::kThreat, threat_};
  if (nominal_) q.around = RecordRef{RecordKind::kNominal, nominal_};
  if (commodity_) q.around = RecordRef{RecordKind::kCommodity, commodity_};
  q.hops = hops_;
  q.max_nodes = max_nodes_;
  q.filter.as_at = as_at_;
  q.filter.relations = relations_;
  return q;
}

int NetworkCommands::show(App& app, const Caller& caller) {
  auto q = query();
  if (!q.is_ok()) return fail(q.status());
  auto v = network(app, caller, *q);
  if (!v.is_ok()) return fail(v.status());
  if (format_ == "json") {
    std::cout << json_codec::to_json(*v).dump(2) << '\n';
    return kExitOk;
  }
  // The key players first.
  std::vector<const NetworkMember*> order;
  for (const auto& m : v->nodes) order.push_back(&m);
  std::stable_sort(order.begin(), order.end(), [](auto* a, auto* b) { return a->pagerank > b->pagerank; });
  print_csv({"kind", "id", "reference", "label", "owner", "degree", "betweenness", "pagerank", "community", "holds_together"});
  for (const auto* m : order) {
    auto row = node_row(m->node);
    for (auto f : {std::to_string(m->degree), std::to_string(m->betweenness), std::to_string(m->pagerank),
                   std::to_string(m->community), std::string(m->articulation ? "yes" : "no")})
      row.push_back(f);
    print_csv(row);
  }
  std::cerr << v->nodes.size() << " records, " << v->links.size() << " links, " << v->communities
            << " groups; betweenness " << v->betweenness << (v->truncated ? "; truncated: narrow the reach" : "") << '\n';
  print_signals(v->signals);
  return kExitOk;
}

int NetworkCommands::paths(App& app, const Caller& caller) {
  PathQuery q;
  auto from = record_arg(from_, "--from");
  if (!from.is_ok()) return fail(from.status());
  auto to = record_arg(to_, "--to");
  if (!to.is_ok()) return fail(to.status());
  q.from = *from;
  q.to = *to;
  q.max_length = max_length_;
  q.limit = limit_;
  q.filter.as_at = as_at_;
  q.filter.relations = relations_;
  auto found = paths_between(app, caller, q);
  if (!found.is_ok()) return fail(found.status());
  if (format_ == "json") {
    std::cout << json_codec::to_json(*found).dump(2) << '\n';
    return kExitOk;
  }
  print_csv({"path", "step", "kind", "id", "reference", "label", "owner"});
  for (size_t p = 0; p < found->paths.size(); ++p)
    for (size_t i = 0; i < found->paths[p].size(); ++i) {
      std::vector<std::string> row{std::to_string(p + 1), std::to_string(i)};
      for (auto& f : node_row(found->paths[p][i])) row.push_back(std::move(f));
      print_csv(row);
    }
  if (found->paths.empty()) std::cerr << "no path of at most " << max_length_ << " links through what you may see\n";
  print_signals(found->signals);
  return kExitOk;
}

int NetworkCommands::do_export(App& app, const Caller& caller) {
  auto q = query();
  if (!q.is_ok()) return fail(q.status());
  auto body = export_network(app, caller, *q, *parse_network_format(format_));
  if (!body.is_ok()) return fail(body.status());
  if (out_.empty()) {
    std::cout << *body;
    return kExitOk;
  }
  std::ofstream f(out_, std::ios::binary);
  f << *body;
  if (!f) return fail(Status(Code::kUnavailable, "cannot write " + out_));
  return kExitOk;
}

int NetworkCommands::changes(App& app, const Caller& caller) {
  auto c = changes_after_disruption(app, caller, threat_, disruption_, after_, hops_);
  if (!c.is_ok()) return fail(c.status());
  std::cout << json_codec::to_json(*c).dump(2) << '\n';
  return kExitOk;
}

}  // namespace rocta::cli
