// `rocta match …`: record linkage from the command line, without a database.
//   match dedupe   --input FILE.csv --id COLUMN --field ROLE=COLUMN … --out clusters.csv
//   match generate --records N --out people.csv   (synthetic people with known truth)
#pragma once

#include <CLI/CLI.hpp>
#include <memory>

namespace rocta::cli {

class MatchCommand {
 public:
  explicit MatchCommand(CLI::App& cli);
  ~MatchCommand();
  bool parsed() const;
  // Runs whichever subcommand was parsed; returns the exit code.
  int run() const;

  struct Options;  // defined in the .cc

 private:
  std::unique_ptr<Options> o_;
};

}  // namespace rocta::cli
