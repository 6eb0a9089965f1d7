#include "cli/extract_commands.h"

#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "app/disruptions.h"
#include "app/national_extract.h"
#include "cli/exit_codes.h"

namespace rocta::cli {

namespace {

// "threats.csv: 42% (120,000 rows)" on one line of a terminal; nothing when piped.
ImportProgress terminal_progress() {
  if (!isatty(STDERR_FILENO)) return {};
  return [](const std::string& file, std::uint64_t done, std::uint64_t total, int64_t rows) {
    std::fprintf(stderr, "\r%s: ", file.c_str());
    if (total > 0) std::fprintf(stderr, "%3d%% ", static_cast<int>(100.0 * static_cast<double>(done) / static_cast<double>(total)));
    std::fprintf(stderr, "(%lld rows)   ", static_cast<long long>(rows));
    if (total > 0 && done >= total) std::fprintf(stderr, "\n");
    std::fflush(stderr);
  };
}

// Writes `path` whole or not at all: a partial file is renamed into place only when complete.
class AtomicFile {
 public:
  explicit AtomicFile(std::filesystem::path path) : path_(std::move(path)), partial_(path_.string() + ".partial"), out_(partial_) {}
  ~AtomicFile() {
    if (!committed_) std::filesystem::remove(partial_);
  }
  std::ostream& stream() { return out_; }
  bool ok() const { return static_cast<bool>(out_); }
  Status commit() {
    out_.close();
    std::error_code ec;
    if (!out_) return Status(Code::kUnavailable, "writing " + path_.string() + " failed");
    std::filesystem::rename(partial_, path_, ec);
    if (ec) return Status(Code::kUnavailable, "cannot write " + path_.string() + ": " + ec.message());
    committed_ = true;
    return Status::ok();
  }

 private:
  std::filesystem::path path_, partial_;
  std::ofstream out_;
  bool committed_ = false;
};

}  // namespace

void ExtractCommands::add(CLI::App& cli, CLI::App& import_cmd, CLI::App& export_cmd) {
  import_ = import_cmd.add_subcommand("apmis", "Import the national extract (threats.csv, disruptions.csv), all or nothing");
  import_->add_option("--threats", threats_file_, "threats.csv: the SOC master list")->check(CLI::ExistingFile);
  import_->add_option("--disruptions", disruptions_file_, "disruptions.csv: event-based disruptions")->check(CLI::ExistingFile);

  export_ = export_cmd.add_subcommand("apmis", "Export the national extract: threats.csv and disruptions.csv; audited");
  export_->add_option("--out", out_dir_, "Folder to write the two files to (created if missing)")->required();

  auto* report_cmd = cli.add_subcommand("report", "Reports")->require_subcommand(1);
  report_ = report_cmd->add_subcommand("soc", "The SOC figures: threats per agency, disruptions by 4P, year on year");
  report_->add_option("--year-ending", year_ending_, "Last day of the year reported, YYYY-MM-DD")->required();
  report_->add_option("--as-of", as_of_,
                      "Figures as recorded by the end of this day, YYYY-MM-DD, from each threat's history (default: now)");
  report_->add_option("--region", region_, "List only this region's agencies (the national total stays national)");
  report_->add_option("--format", format_, "json, csv or html")->check(CLI::IsMember({"json", "csv", "html"}))->capture_default_str();
  report_->add_option("--out", out_file_, "Write to this file instead of standard output");
  report_->add_option("--no-filter", no_filter_,
                      "Switch off one of Appendix 2's filters (repeat): tactical, moderated, soc, tier5, closed, lead, assessed")
      ->check(CLI::IsMember({"tactical", "moderated", "soc", "tier5", "closed", "lead", "assessed"}));
}

bool ExtractCommands::parsed() const { return import_->parsed() || export_->parsed() || report_->parsed(); }

int ExtractCommands::run(App& app) {
  if (import_->parsed()) return run_import(app);
  if (export_->parsed()) return run_export(app);
  return run_report(app);
}

int ExtractCommands::run_import(App& app) {
  if (threats_file_.empty() && disruptions_file_.empty()) return fail(invalid("give --threats FILE, --disruptions FILE or both"));
  std::ifstream threats_in, disruptions_in;
  ExtractFile threats, disruptions;
  auto open = [](const std::string& path, std::ifstream& in, ExtractFile& f) -> Status {
    if (path.empty()) return Status::ok();
    in.open(path, std::ios::binary);
    if (!in) return invalid("cannot read '" + path + "'");
    f.name = path;
    f.in = &in;
    std::error_code ec;
    f.size = std::filesystem::file_size(path, ec);
    return Status::ok();
  };
  if (auto s = open(threats_file_, threats_in, threats); !s.is_ok()) return fail(s);
  if (auto s = open(disruptions_file_, disruptions_in, disruptions); !s.is_ok()) return fail(s);
  auto r = import_apmis(app, system_caller(), threats, disruptions, terminal_progress());
  if (!r.is_ok()) return fail(Status(r.status().code(), r.status().message() + "\nNothing was imported."));
  std::cout << "Import " << r->import_id << ": threats " << r->threats_created << " new, " << r->threats_updated << " updated, "
            << r->threats_unchanged << " unchanged; disruptions " << r->disruptions_created << " new, " << r->disruptions_updated
            << " updated, " << r->disruptions_unchanged << " unchanged";
  if (r->disruptions_linked) std::cout << ", " << r->disruptions_linked << " linked to their threats";
  std::cout << ".\n";
  if (r->tier_score_disagreements) {
    std::cout << "Check: " << r->tier_score_disagreements
              << " threats have a tier that is not the tier of their MoRiLE score (imported as written):\n";
    for (const auto& e : r->tier_score_examples) std::cout << "  " << e << '\n';
  }
  return kExitOk;
}

int ExtractCommands::run_export(App& app) {
  std::error_code ec;
  std::filesystem::create_directories(out_dir_, ec);
  if (ec) return fail(invalid("cannot create folder '" + out_dir_ + "': " + ec.message()));
  AtomicFile threats(std::filesystem::path(out_dir_) / "threats.csv");
  AtomicFile disruptions(std::filesystem::path(out_dir_) / "disruptions.csv");
  if (!threats.ok() || !disruptions.ok()) return fail(invalid("cannot write to folder '" + out_dir_ + "'"));
  auto r = export_apmis(app, system_caller(), threats.stream(), disruptions.stream());
  if (!r.is_ok()) return fail(r.status());
  // The extract says what it left out and why, beside the two files and on the terminal.
  AtomicFile notes(std::filesystem::path(out_dir_) / "left-out.txt");
  for (const auto& line : r->notes()) notes.stream() << line << '\n';
  if (auto s = threats.commit(); !s.is_ok()) return fail(s);
  if (auto s = disruptions.commit(); !s.is_ok()) return fail(s);
  if (auto s = notes.commit(); !s.is_ok()) return fail(s);
  std::cout << "Exported " << r->threats << " threats and " << r->disruptions << " disruptions to " << out_dir_ << '\n';
  for (const auto& line : r->notes()) std::cout << line << '\n';
  return kExitOk;
}

int ExtractCommands::run_report(App& app) {
  report::SocOptions options;
  options.year_ending = year_ending_;
  options.region = region_;
  options.as_of = as_of_;
  for (const auto& f : no_filter_) {
    if (f == "tactical") options.threats.tactical_only = false;
    if (f == "moderated") options.threats.moderated_only = false;
    if (f == "soc") options.threats.soc_only = false;
    if (f == "tier5") options.threats.exclude_tier_5 = false;
    if (f == "closed") options.threats.exclude_closed = false;
    if (f == "lead") options.disruptions.lead_only = false;
    if (f == "assessed") options.disruptions.assessed_only = false;
  }
  auto figures = soc_figures(app, system_caller(), options);
  if (!figures.is_ok()) return fail(figures.status());
  std::string text;
  if (format_ == "json") text = report::to_json(*figures);
  else if (format_ == "csv") text = report::to_csv(*figures);
  else {
    auto names = agency_names(app);
    if (!names.is_ok()) return fail(names.status());
    text = report::to_html(*figures, *names);
  }
  if (out_file_.empty()) {
    std::cout << text << std::flush;
    return kExitOk;
  }
  AtomicFile out{std::filesystem::path(out_file_)};
  out.stream() << text;
  if (auto s = out.commit(); !s.is_ok()) return fail(s);
  std::cerr << "Wrote " << out_file_ << '\n';
  return kExitOk;
}

}  // namespace rocta::cli
