// `rocta serve`, `rocta demo` and `rocta backup`: the server, the demo region, a live copy.
#pragma once

#include "api/server.h"
#include "cli/command.h"

namespace rocta::cli {

class ServerCommands final : public Command {
 public:
  explicit ServerCommands(CLI::App& cli);
  bool parsed() const override;
  int run(OpenedApp& opened) override;

 private:
  int serve(OpenedApp& opened);
  int demo(OpenedApp& opened);

  CLI::App* serve_ = nullptr;
  CLI::App* demo_ = nullptr;
  api::ServerOptions options_;
  std::string web_root_ = ROCTA_DEFAULT_WEB_ROOT;
  bool load_only_ = false;
};

class BackupCommand final : public Command {
 public:
  explicit BackupCommand(CLI::App& cli);
  bool parsed() const override;
  int run(OpenedApp& opened) override;

 private:
  CLI::App* backup_ = nullptr;
  std::string out_;
};

}  // namespace rocta::cli
