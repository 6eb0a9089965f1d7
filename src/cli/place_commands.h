// `rocta places load` (areas from GeoJSON, shapefiles or anything GDAL reads) and
// `rocta incidents import` (a CSV with coordinates), run by the operator.
#pragma once

#include <CLI/CLI.hpp>
#include <string>

#include "cli/command.h"

namespace rocta::cli {

class PlaceCommands final : public Command {
 public:
  explicit PlaceCommands(CLI::App& cli);
  bool parsed() const override;
  int run(OpenedApp& opened) override;

 private:
  int load(OpenedApp& opened);
  int import(OpenedApp& opened);

  CLI::App* load_ = nullptr;
  CLI::App* import_ = nullptr;
  std::string file_, kind_, name_field_ = "name", code_field_ = "code";
  int epsg_ = 0;
  std::string owner_, classification_ = "OFFICIAL", scope_ = "region";
};

}  // namespace rocta::cli
