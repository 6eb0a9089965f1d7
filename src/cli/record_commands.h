// `rocta import` and `rocta export`: records as JSON lines, all or nothing, as a named user
// whose rules apply; with `import apmis`, `export apmis` and `report soc` (extract_commands.h).
#pragma once

#include <string>

#include "cli/command.h"
#include "cli/extract_commands.h"

namespace rocta::cli {

class RecordCommands final : public Command {
 public:
  explicit RecordCommands(CLI::App& cli);
  bool parsed() const override;
  int run(OpenedApp& opened) override;

 private:
  int import_lines(App& app);
  int export_lines(App& app);

  CLI::App* import_ = nullptr;
  CLI::App* export_ = nullptr;
  std::string import_file_, export_file_, as_user_, purpose_;
  ExtractCommands extract_;
};

}  // namespace rocta::cli
