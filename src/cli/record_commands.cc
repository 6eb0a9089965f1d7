#include "cli/record_commands.h"

#include <cstdio>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>

#include "api/json_codec.h"
#include "app/session.h"
#include "app/transfer.h"
#include "cli/exit_codes.h"

namespace rocta::cli {

RecordCommands::RecordCommands(CLI::App& cli) {
  import_ = cli.add_subcommand("import", "Import records (JSON lines) as a user, all or nothing");
  import_->add_option("--file", import_file_, "File of JSON lines: {\"kind\": \"threat|nominal|intelligence\", \"record\": {...}}");
  import_->add_option("--as", as_user_, "Username whose rules apply");

  export_ = cli.add_subcommand("export", "Export what a user may see (JSON lines); audited");
  export_->add_option("--out", export_file_, "Output file");
  export_->add_option("--as", as_user_, "Username whose rules apply");
  export_->add_option("--purpose", purpose_, "Why the export is needed (recorded in the audit trail)");
  extract_.add(cli, *import_, *export_);
}

bool RecordCommands::parsed() const { return extract_.parsed() || import_->parsed() || export_->parsed(); }

int RecordCommands::run(OpenedApp& o) {
  if (extract_.parsed()) return extract_.run(*o.app);
  if (import_->parsed()) return import_lines(*o.app);
  return export_lines(*o.app);
}

int RecordCommands::import_lines(App& app) {
  if (import_file_.empty() || as_user_.empty()) return fail(invalid("import needs --file FILE and --as USER (or: import apmis …)"));
  auto caller = operator_acting_as(app, as_user_, "import");
  if (!caller.is_ok()) return fail(caller.status());
  std::ifstream in(import_file_);
  if (!in) return fail(invalid("cannot read '" + import_file_ + "'"));
  std::vector<ImportItem> items;
  std::string line;
  for (int n = 1; std::getline(in, line); ++n) {
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    const std::string where = import_file_ + ":" + std::to_string(n);
    auto j = nlohmann::json::parse(line, nullptr, false);
    if (j.is_discarded() || !j.is_object() || !j.contains("kind") || !j.contains("record") || j.size() != 2 || !j["kind"].is_string())
      return fail(invalid(where + ": expected {\"kind\": \"threat|nominal|intelligence\", \"record\": {...}}"));
    const std::string kind = j["kind"];
    Status s = Status::ok();
    ImportItem item{where, Threat{}};
    if (kind == "threat") { Threat t; s = json_codec::apply(j["record"], t, false); item.record = t; }
    else if (kind == "nominal") { Nominal x; s = json_codec::apply(j["record"], x, false); item.record = x; }
    else if (kind == "intelligence") { IntelligenceReport x; s = json_codec::apply(j["record"], x, false); item.record = x; }
    else s = invalid("unknown kind '" + kind + "'");
    if (!s.is_ok()) return fail(invalid(where + ": " + s.message()));
    items.push_back(std::move(item));
  }
  auto report = import_records(app, *caller, items);
  if (!report.is_ok()) return fail(report.status());
  std::cout << "Imported " << report->created << " records; " << report->unchanged << " already present.\n";
  return kExitOk;
}

int RecordCommands::export_lines(App& app) {
  if (export_file_.empty() || as_user_.empty() || purpose_.empty())
    return fail(invalid("export needs --out FILE, --as USER and --purpose TEXT (or: export apmis --out DIR)"));
  auto caller = operator_acting_as(app, as_user_, purpose_);
  if (!caller.is_ok()) return fail(caller.status());
  auto bundle = export_visible(app, *caller);
  if (!bundle.is_ok()) return fail(bundle.status());
  const std::string tmp = export_file_ + ".partial";
  {
    std::ofstream out(tmp, std::ios::trunc);
    if (!out) return fail(invalid("cannot write '" + export_file_ + "'"));
    for (const auto& t : bundle->threats) out << nlohmann::json{{"kind", "threat"}, {"record", json_codec::to_json(t)}}.dump() << '\n';
    for (const auto& n : bundle->nominals) out << nlohmann::json{{"kind", "nominal"}, {"record", json_codec::to_json(n)}}.dump() << '\n';
    for (const auto& r : bundle->intelligence)
      out << nlohmann::json{{"kind", "intelligence"}, {"record", json_codec::to_json(r)}}.dump() << '\n';
    if (!out.flush()) return fail(Status(Code::kUnavailable, "writing '" + export_file_ + "' failed"));
  }
  std::rename(tmp.c_str(), export_file_.c_str());
  std::cout << "Exported " << bundle->threats.size() << " threats, " << bundle->nominals.size() << " nominals, "
            << bundle->intelligence.size() << " intelligence reports to " << export_file_ << '\n';
  return kExitOk;
}

}  // namespace rocta::cli
