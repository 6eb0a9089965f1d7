#include "cli/server_commands.h"

#include <algorithm>
#include <iostream>

#include "api/router.h"
#include "cli/exit_codes.h"
#include "demo/demo_region.h"

namespace rocta::cli {

ServerCommands::ServerCommands(CLI::App& cli) {
  auto add_server_options = [&](CLI::App* c) {
    c->add_option("--host", options_.host, "Address to listen on")->capture_default_str();
    c->add_option("--port", options_.port, "Port (0: any free port)")->capture_default_str();
    c->add_option("--threads", options_.threads, "I/O threads (reading requests, writing answers)")->capture_default_str()->check(CLI::Range(1, 64));
    c->add_option("--workers", options_.workers, "Threads handling requests (store work)")->capture_default_str()->check(CLI::Range(1, 256));
    c->add_option("--web-root", web_root_, "Folder of the built web UI")->capture_default_str();
  };
  serve_ = cli.add_subcommand("serve", "Serve the web UI and the HTTP API");
  add_server_options(serve_);
  demo_ = cli.add_subcommand("demo", "Load the synthetic London region (if not loaded) and serve it");
  add_server_options(demo_);
  demo_->add_flag("--load-only", load_only_, "Load the demo and exit without serving");
}

bool ServerCommands::parsed() const { return serve_->parsed() || demo_->parsed(); }

int ServerCommands::run(OpenedApp& o) { return demo_->parsed() ? demo(o) : serve(o); }

int ServerCommands::serve(OpenedApp& o) {
  api::Api api(*o.app, web_root_);
  api::Server server(api, options_);
  if (auto s = server.start(); !s.is_ok()) return fail(s);
  std::cout << "Rocta serves " << o.store->describe() << " on http://" << options_.host << ":" << server.port() << "/\n"
            << "  API: http://" << options_.host << ":" << server.port() << "/api/v1/openapi.json   (Ctrl-C stops)\n"
            << std::flush;
  server.wait_for_signal();
  std::cout << "Rocta stopped.\n";
  return kExitOk;
}

int ServerCommands::demo(OpenedApp& o) {
  std::cout << "Loading the synthetic London region (first run only)…\n" << std::flush;
  auto summary = demo::load_demo_region(*o.app);
  if (!summary.is_ok()) return fail(summary.status());
  if (summary->loaded_now)
    std::cout << "Loaded " << summary->threats << " threats, " << summary->nominals << " nominals, "
              << summary->intelligence << " intelligence reports, " << summary->links << " links, " << summary->disruptions
              << " disruptions; matching joined " << summary->matches_linked << " pairs of nominals and queued "
              << summary->matches_for_review << " for review.\n";
  std::cout << "\nDemo logins (password for all: " << demo::kDemoPassword << "):\n";
  for (const auto& l : summary->logins) std::cout << "  " << l.username << std::string(18 - std::min<size_t>(17, l.username.size()), ' ') << l.who << '\n';
  std::cout << '\n' << std::flush;
  if (load_only_) return kExitOk;
  return serve(o);
}

BackupCommand::BackupCommand(CLI::App& cli) {
  backup_ = cli.add_subcommand("backup", "Copy the database while it is in use");
  backup_->add_option("--out", out_, "Backup file to write")->required();
}

bool BackupCommand::parsed() const { return backup_->parsed(); }

int BackupCommand::run(OpenedApp& o) {
  if (auto s = o.store->backup_to(out_); !s.is_ok()) return fail(s);
  std::cout << "Backed up " << o.store->describe() << " to " << out_ << '\n';
  return kExitOk;
}

}  // namespace rocta::cli
