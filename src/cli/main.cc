// rocta: the command line. Every command calls the same app/ functions as the HTTP API.
#include <CLI/CLI.hpp>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <unistd.h>

#include "api/json_codec.h"
#include "api/router.h"
#include "api/server.h"
#include "api/tasking_codec.h"
#include "app/admin.h"
#include "app/audit_log.h"
#include "app/master_list.h"
#include "app/records.h"
#include "app/transfer.h"
#include "cli/exit_codes.h"
#include "cli/extract_commands.h"
#include "cli/match_command.h"
#include "core/csv.h"
#include "demo/demo_region.h"
#include "store/marked_repository.h"
#include "store/repository_transaction.h"
#include "store/user_repository.h"

namespace rocta::cli {

namespace {

std::string default_db() {
  const char* env = std::getenv("ROCTA_DB");
  return env ? env : "";
}

struct OpenedApp {
  std::unique_ptr<Store> store;
  SystemClock clock;
  std::unique_ptr<App> app;
};

Result<std::unique_ptr<OpenedApp>> open_app(const std::string& db) {
  if (db.empty()) return invalid("no database: give --db FILE before the command, or set ROCTA_DB");
  auto o = std::make_unique<OpenedApp>();
  ROCTA_ASSIGN_OR_RETURN(o->store, open_store(db));
  o->app.reset(new App(*o->store, o->clock));
  ROCTA_RETURN_IF_ERROR(ensure_reference_data(*o->app));
  return o;
}

// The operator acting as a named user (for import and export): the user's rules apply.
Result<Caller> act_as(App& app, const std::string& username, const std::string& purpose) {
  ROCTA_ASSIGN_OR_RETURN(auto tx, app.store.begin(TxMode::kRead));
  auto r = tx->users().find_by_username(username);
  if (!r.is_ok()) return r.status().code() == Code::kNotFound ? not_found("no user '" + username + "'") : r.status();
  if (!r->user.active) return denied("user '" + username + "' is deactivated");
  Caller c;
  c.user = r->user;
  c.origin = "cli";
  c.purpose = purpose;
  return c;
}

Result<std::string> read_password_from_stdin() {
  std::string line;
  if (isatty(STDIN_FILENO)) std::cerr << "password: " << std::flush;
  if (!std::getline(std::cin, line)) return invalid("no password on standard input");
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
}

int serve(OpenedApp& o, const api::ServerOptions& options, const std::string& web_root) {
  api::Api api(*o.app, web_root);
  api::Server server(api, options);
  if (auto s = server.start(); !s.is_ok()) return fail(s);
  std::cout << "Rocta serves " << o.store->describe() << " on http://" << options.host << ":" << server.port() << "/\n"
            << "  API: http://" << options.host << ":" << server.port() << "/api/v1/openapi.json   (Ctrl-C stops)\n"
            << std::flush;
  server.wait_for_signal();
  std::cout << "Rocta stopped.\n";
  return kExitOk;
}

}  // namespace
}  // namespace rocta::cli

int main(int argc, char** argv) {
  using namespace rocta;
  using namespace rocta::cli;
  CLI::App cli{"Rocta: one picture of serious and organised crime for a region's forces and partners."};
  cli.footer(
      "Exit codes: 0 ok, 2 bad usage or input, 3 not found, 4 not allowed, 5 conflict or duplicate, "
      "6 precondition (e.g. purpose needed), 7 unavailable, 8 audit chain broken, 70 internal error.");
  cli.require_subcommand(1);
  std::string db = default_db();
  cli.add_option("--db", db, "Database: a SQLite file (created if missing) or a postgresql:// URL. Default: $ROCTA_DB");

  api::ServerOptions server_options;
  std::string web_root = ROCTA_DEFAULT_WEB_ROOT;
  auto add_server_options = [&](CLI::App* c) {
    c->add_option("--host", server_options.host, "Address to listen on")->capture_default_str();
    c->add_option("--port", server_options.port, "Port (0: any free port)")->capture_default_str();
    c->add_option("--threads", server_options.threads, "Worker threads")->capture_default_str()->check(CLI::Range(1, 64));
    c->add_option("--web-root", web_root, "Folder of the built web UI")->capture_default_str();
  };

  auto* serve_cmd = cli.add_subcommand("serve", "Serve the web UI and the HTTP API");
  add_server_options(serve_cmd);

  auto* demo_cmd = cli.add_subcommand("demo", "Load the synthetic London region (if not loaded) and serve it");
  add_server_options(demo_cmd);
  bool load_only = false;
  demo_cmd->add_flag("--load-only", load_only, "Load the demo and exit without serving");

  auto* user_cmd = cli.add_subcommand("user", "Manage users")->require_subcommand(1);
  auto* user_add = user_cmd->add_subcommand("add", "Add a user; the password is read from standard input");
  User new_user;
  std::string unit_name, clearance = "OFFICIAL", agency_code;
  std::vector<std::string> role_names;
  user_add->add_option("username", new_user.username, "Username (a-z, 0-9, . _ -)")->required();
  user_add->add_option("--name", new_user.display_name, "Display name")->required();
  user_add->add_option("--agency", agency_code, "Agency code, e.g. MPS")->required();
  user_add->add_option("--unit", unit_name, "Unit name within the agency")->required();
  user_add->add_option("--role", role_names, "Role (repeat for several)")->required();
  user_add->add_option("--clearance", clearance, "OFFICIAL, SECRET or TOP SECRET")->capture_default_str();
  user_add->add_option("--compartment", new_user.compartments, "Compartment held (repeat for several)");
  auto* user_passwd = user_cmd->add_subcommand("passwd", "Set a user's password, read from standard input");
  std::string passwd_user;
  user_passwd->add_option("username", passwd_user, "Username")->required();

  auto* unit_cmd = cli.add_subcommand("unit", "Manage units")->require_subcommand(1);
  auto* unit_add = unit_cmd->add_subcommand("add", "Add a unit to an agency");
  Unit new_unit;
  std::string unit_kind = "other";
  unit_add->add_option("--agency", new_unit.agency, "Agency code, e.g. MPS")->required();
  unit_add->add_option("--name", new_unit.name, "Unit name")->required();
  unit_add->add_option("--kind", unit_kind, "bcu, scc, siu, rocta, intelligence, economic crime, morile, scpo monitoring, partner team, headquarters, other")
      ->capture_default_str();
  unit_add->add_option("--serves", new_unit.serves, "Other agencies a collaborative unit serves (repeat)");

  auto* import_cmd = cli.add_subcommand("import", "Import records (JSON lines) as a user, all or nothing");
  std::string import_file, as_user, purpose;
  import_cmd->add_option("--file", import_file, "File of JSON lines: {\"kind\": \"threat|nominal|intelligence\", \"record\": {...}}");
  import_cmd->add_option("--as", as_user, "Username whose rules apply");

  auto* export_cmd = cli.add_subcommand("export", "Export what a user may see (JSON lines); audited");
  std::string export_file;
  export_cmd->add_option("--out", export_file, "Output file");
  export_cmd->add_option("--as", as_user, "Username whose rules apply");
  export_cmd->add_option("--purpose", purpose, "Why the export is needed (recorded in the audit trail)");
  ExtractCommands extract;
  extract.add(cli, *import_cmd, *export_cmd);

  auto* audit_cmd = cli.add_subcommand("audit", "The audit trail")->require_subcommand(1);
  auto* audit_verify = audit_cmd->add_subcommand("verify", "Check the hash chain; names the first broken link");

  auto* threats_cmd = cli.add_subcommand("threats", "Threats")->require_subcommand(1);
  auto* threats_list = threats_cmd->add_subcommand("list", "List the threats a user may see (the master list with --master-list)");
  std::string list_agency, list_region, list_format = "csv";
  bool master_list_only = false;
  threats_list->add_option("--as", as_user, "Username whose rules apply")->required();
  threats_list->add_option("--agency", list_agency, "Owned by this agency (with --master-list: its priorities, shared ones included)");
  threats_list->add_option("--region", list_region, "Owned within this region");
  threats_list->add_flag("--master-list", master_list_only, "Appendix 2's filter, in MoRiLE score order");
  threats_list->add_option("--format", list_format, "csv or json")->check(CLI::IsMember({"csv", "json"}))->capture_default_str();

  auto* tasks_cmd = cli.add_subcommand("tasks", "Tasks to units and partner agencies")->require_subcommand(1);
  auto* tasks_list = tasks_cmd->add_subcommand("list", "The tasks a user may see, as JSON (a partner: their agency's only)");
  bool open_tasks_only = false;
  tasks_list->add_option("--as", as_user, "Username whose rules apply")->required();
  tasks_list->add_flag("--open", open_tasks_only, "Open or in progress only");
  auto* plans_cmd = cli.add_subcommand("plans", "4P plans")->require_subcommand(1);
  auto* plans_coverage = plans_cmd->add_subcommand("coverage", "Plan coverage figures a user may see, as JSON");
  plans_coverage->add_option("--as", as_user, "Username whose rules apply")->required();

  auto* morile_cmd = cli.add_subcommand("morile", "MoRiLE models")->require_subcommand(1);
  auto* morile_models = morile_cmd->add_subcommand("models", "List the loaded models");
  auto* morile_load = morile_cmd->add_subcommand("load-model", "Load a new model version from a JSON file");
  std::string model_file;
  morile_load->add_option("file", model_file, "Model JSON (see data/morile-model-v1.json)")->required()->check(CLI::ExistingFile);

  auto* backup_cmd = cli.add_subcommand("backup", "Copy the database while it is in use");
  std::string backup_file;
  backup_cmd->add_option("--out", backup_file, "Backup file to write")->required();

  MatchCommand match_cmd(cli);

  try {
    cli.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int rc = cli.exit(e);
    return rc == 0 ? kExitOk : kExitUsage;
  }

  if (match_cmd.parsed()) return match_cmd.run();  // works on files, not the database

  auto opened = open_app(db);
  if (!opened.is_ok()) return fail(opened.status());
  OpenedApp& o = **opened;
  App& app = *o.app;

  if (serve_cmd->parsed()) return serve(o, server_options, web_root);
  if (match_cmd.store_parsed()) return match_cmd.run_on(app);

  if (demo_cmd->parsed()) {
    std::cout << "Loading the synthetic London region (first run only)…\n" << std::flush;
    auto summary = demo::load_demo_region(app);
    if (!summary.is_ok()) return fail(summary.status());
    if (summary->loaded_now)
      std::cout << "Loaded " << summary->threats << " threats, " << summary->nominals << " nominals, "
                << summary->intelligence << " intelligence reports, " << summary->links << " links, " << summary->disruptions
                << " disruptions; matching joined " << summary->matches_linked << " pairs of nominals and queued "
                << summary->matches_for_review << " for review.\n";
    std::cout << "\nDemo logins (password for all: " << demo::kDemoPassword << "):\n";
    for (const auto& l : summary->logins) std::cout << "  " << l.username << std::string(18 - std::min<size_t>(17, l.username.size()), ' ') << l.who << '\n';
    std::cout << '\n' << std::flush;
    if (load_only) return kExitOk;
    return serve(o, server_options, web_root);
  }

  if (user_add->parsed()) {
    auto c = parse_classification(clearance);
    if (!c) return fail(invalid("clearance must be OFFICIAL, SECRET or TOP SECRET"));
    new_user.clearance = *c;
    for (const auto& r : role_names) {
      auto role = parse_role(r);
      if (!role) return fail(invalid("unknown role '" + r + "'"));
      new_user.roles.push_back(*role);
    }
    auto units = list_units(app, system_caller(), agency_code);
    if (!units.is_ok()) return fail(units.status());
    for (const auto& u : *units)
      if (u.name == unit_name) new_user.unit_id = u.id;
    if (!new_user.unit_id) return fail(not_found("agency " + agency_code + " has no unit named '" + unit_name + "'"));
    auto password = read_password_from_stdin();
    if (!password.is_ok()) return fail(password.status());
    auto created = create_user(app, system_caller(), {new_user, *password});
    if (!created.is_ok()) return fail(created.status());
    std::cout << "Added user " << created->username << " (id " << created->id << ")\n";
    return kExitOk;
  }

  if (unit_add->parsed()) {
    auto kind = parse_unit_kind(unit_kind);
    if (!kind) return fail(invalid("unknown unit kind '" + unit_kind + "'"));
    new_unit.kind = *kind;
    auto created = create_unit(app, system_caller(), new_unit);
    if (!created.is_ok()) return fail(created.status());
    std::cout << "Added unit " << created->name << " (id " << created->id << ") to " << created->agency << '\n';
    return kExitOk;
  }

  if (user_passwd->parsed()) {
    auto caller = act_as(app, passwd_user, "");
    if (!caller.is_ok()) return fail(caller.status());
    auto password = read_password_from_stdin();
    if (!password.is_ok()) return fail(password.status());
    if (auto s = set_password(app, system_caller(), caller->user.id, *password, std::nullopt); !s.is_ok()) return fail(s);
    std::cout << "Password set for " << passwd_user << "; their sessions have ended.\n";
    return kExitOk;
  }

  if (extract.parsed()) return extract.run(app);

  if (import_cmd->parsed()) {
    if (import_file.empty() || as_user.empty()) return fail(invalid("import needs --file FILE and --as USER (or: import apmis …)"));
    auto caller = act_as(app, as_user, "import");
    if (!caller.is_ok()) return fail(caller.status());
    std::ifstream in(import_file);
    if (!in) return fail(invalid("cannot read '" + import_file + "'"));
    std::vector<ImportItem> items;
    std::string line;
    for (int n = 1; std::getline(in, line); ++n) {
      if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
      const std::string where = import_file + ":" + std::to_string(n);
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

  if (export_cmd->parsed()) {
    if (export_file.empty() || as_user.empty() || purpose.empty())
      return fail(invalid("export needs --out FILE, --as USER and --purpose TEXT (or: export apmis --out DIR)"));
    auto caller = act_as(app, as_user, purpose);
    if (!caller.is_ok()) return fail(caller.status());
    auto bundle = export_visible(app, *caller);
    if (!bundle.is_ok()) return fail(bundle.status());
    const std::string tmp = export_file + ".partial";
    {
      std::ofstream out(tmp, std::ios::trunc);
      if (!out) return fail(invalid("cannot write '" + export_file + "'"));
      for (const auto& t : bundle->threats) out << nlohmann::json{{"kind", "threat"}, {"record", json_codec::to_json(t)}}.dump() << '\n';
      for (const auto& n : bundle->nominals) out << nlohmann::json{{"kind", "nominal"}, {"record", json_codec::to_json(n)}}.dump() << '\n';
      for (const auto& r : bundle->intelligence)
        out << nlohmann::json{{"kind", "intelligence"}, {"record", json_codec::to_json(r)}}.dump() << '\n';
      if (!out.flush()) return fail(Status(Code::kUnavailable, "writing '" + export_file + "' failed"));
    }
    std::rename(tmp.c_str(), export_file.c_str());
    std::cout << "Exported " << bundle->threats.size() << " threats, " << bundle->nominals.size() << " nominals, "
              << bundle->intelligence.size() << " intelligence reports to " << export_file << '\n';
    return kExitOk;
  }

  if (audit_verify->parsed()) {
    auto report = verify_audit_chain(app);
    if (!report.is_ok()) return fail(report.status());
    if (report->broken) {
      std::cout << "BROKEN at event " << report->broken->seq << ": " << report->broken->why << '\n'
                << report->events << " events before it are intact.\n";
      return kExitAuditBroken;
    }
    std::cout << "Audit chain intact: " << report->events << " events.\n";
    return kExitOk;
  }

  if (threats_list->parsed()) {
    auto caller = act_as(app, as_user, "");
    if (!caller.is_ok()) return fail(caller.status());
    ThreatQuery q;
    q.page.limit = 200;
    q.owning_region = list_region;
    if (master_list_only) {
      q.master_list = MasterListFilter{};
      q.relevant_to = list_agency;
    } else {
      q.owning_agency = list_agency;
    }
    nlohmann::json all = nlohmann::json::array();
    if (list_format == "csv")
      std::cout << "Reference,Owning agency,Name,Threat type,Type,Moderation status,SOC,Tier,Phase,Primary crime type,"
                   "County lines,MoRiLE score,Assessment date,Reassess by,Marking\n";
    for (q.page.offset = 0;; q.page.offset += q.page.limit) {
      auto page = list_threats(app, *caller, q);
      if (!page.is_ok()) return fail(page.status());
      for (const auto& t : page->items) {
        if (list_format == "json") {
          all.push_back(json_codec::to_json(t));
          continue;
        }
        const std::vector<std::string> row{t.reference, t.marking.owning_agency, t.name, std::string(to_string(t.type)),
                                           std::string(to_string(t.assessment_type)), std::string(to_string(t.moderation)),
                                           t.soc ? "SOC" : "Non-SOC", t.tier ? "Tier " + std::to_string(*t.tier) : "",
                                           t.phase, t.primary_crime_type, t.county_lines ? "Yes" : "No",
                                           t.morile_score ? std::to_string(*t.morile_score) : "", t.assessment_date,
                                           t.reassess_by, t.marking.label()};
        std::string line;
        for (const auto& f : row) line += (line.empty() ? "" : ",") + csv_field(f);
        std::cout << line << '\n';
      }
      if (q.page.offset + q.page.limit >= page->total) break;
    }
    if (list_format == "json") std::cout << all.dump(2) << '\n';
    return kExitOk;
  }

  if (tasks_list->parsed()) {
    auto caller = act_as(app, as_user, "");
    if (!caller.is_ok()) return fail(caller.status());
    TaskQuery q;
    q.open_only = open_tasks_only;
    q.page.limit = 200;
    nlohmann::json all = nlohmann::json::array();
    for (q.page.offset = 0;; q.page.offset += q.page.limit) {
      auto page = list_tasks(app, *caller, q);
      if (!page.is_ok()) return fail(page.status());
      for (const auto& t : page->items) all.push_back(json_codec::to_json(t));
      if (q.page.offset + q.page.limit >= page->total) break;
    }
    std::cout << all.dump(2) << '\n';
    return kExitOk;
  }

  if (plans_coverage->parsed()) {
    auto caller = act_as(app, as_user, "");
    if (!caller.is_ok()) return fail(caller.status());
    auto report = plan_coverage_report(app, *caller);
    if (!report.is_ok()) return fail(report.status());
    std::cout << json_codec::to_json(*report).dump(2) << '\n';
    return kExitOk;
  }

  if (morile_models->parsed()) {
    auto models = list_morile_models(app, system_caller());
    if (!models.is_ok()) return fail(models.status());
    for (const auto& m : *models) std::cout << "version " << m.version << "  " << m.name << "  loaded " << m.loaded_at << '\n';
    return kExitOk;
  }

  if (morile_load->parsed()) {
    std::ifstream in(model_file);
    std::string text((std::istreambuf_iterator<char>(in)), {});
    auto stored = load_morile_model(app, system_caller(), text);
    if (!stored.is_ok()) return fail(stored.status());
    std::cout << "Loaded MoRiLE model version " << stored->version << " (" << stored->name << "); new assessments use it.\n";
    return kExitOk;
  }

  if (backup_cmd->parsed()) {
    if (auto s = o.store->backup_to(backup_file); !s.is_ok()) return fail(s);
    std::cout << "Backed up " << o.store->describe() << " to " << backup_file << '\n';
    return kExitOk;
  }
  return kExitUsage;
}
