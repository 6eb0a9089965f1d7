// `rocta match …`: record linkage from the command line, without a database.
//   match dedupe   --input FILE.csv --id COLUMN --field ROLE=COLUMN … --out clusters.csv
//   match generate --records N --out people.csv   (synthetic people with known truth)
//   match run      (with the database: every nominal, candidate matches for review)
#pragma once

#include <CLI/CLI.hpp>
#include <memory>

#include "cli/command.h"

namespace rocta::cli {

class MatchCommand final : public Command {
 public:
  explicit MatchCommand(CLI::App& cli);
  ~MatchCommand() override;
  bool parsed() const override;
  // dedupe and generate work on files; `match run` returns nullopt here.
  std::optional<int> run_without_database() override;
  // `match run`: every nominal in the database.
  int run(OpenedApp& opened) override;

  struct Options;  // defined in the .cc

 private:
  std::unique_ptr<Options> o_;
};

}  // namespace rocta::cli
