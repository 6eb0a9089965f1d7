// `rocta match …`: record linkage from the command line, without a database.
//   match dedupe   --input FILE.csv --id COLUMN --field ROLE=COLUMN … --out clusters.csv
//   match generate --records N --out people.csv   (synthetic people with known truth)
//   match run      (with the database: every nominal, candidate matches for review)
#pragma once

#include <CLI/CLI.hpp>
#include <memory>

#include "app/app.h"

namespace rocta::cli {

class MatchCommand {
 public:
  explicit MatchCommand(CLI::App& cli);
  ~MatchCommand();
  // A subcommand on files was parsed (no database needed).
  bool parsed() const;
  // Runs whichever subcommand on files was parsed; returns the exit code.
  int run() const;
  // `match run` was parsed: it works on the database's nominals.
  bool store_parsed() const;
  int run_on(App& app) const;

  struct Options;  // defined in the .cc

 private:
  std::unique_ptr<Options> o_;
};

}  // namespace rocta::cli
