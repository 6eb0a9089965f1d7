// `rocta network show|paths|export|changes`: network analysis at the command line, as a
// named user, through the same app/ functions (and so the same policy and audit) as the API.
#pragma once

#include <CLI/CLI.hpp>
#include <cstdint>
#include <string>
#include <vector>

#include "app/network.h"
#include "cli/command.h"

namespace rocta::cli {

class NetworkCommands final : public Command {
 public:
  explicit NetworkCommands(CLI::App& cli);
  bool parsed() const override;
  int run(OpenedApp& opened) override;

 private:
  Result<NetworkQuery> query() const;
  int show(App& app, const Caller& caller);
  int paths(App& app, const Caller& caller);
  int do_export(App& app, const Caller& caller);
  int changes(App& app, const Caller& caller);

  CLI::App* show_ = nullptr;
  CLI::App* paths_ = nullptr;
  CLI::App* export_ = nullptr;
  CLI::App* changes_ = nullptr;
  std::string as_user_, purpose_, format_ = "json", as_at_, from_, to_, out_, after_;
  std::vector<std::string> relations_;
  int64_t threat_ = 0, nominal_ = 0, commodity_ = 0, disruption_ = 0, max_nodes_ = 2000;
  bool region_ = false;
  int hops_ = 2, max_length_ = 6, limit_ = 5;
};

}  // namespace rocta::cli
