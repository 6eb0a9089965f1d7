#include "cli/match_command.h"

#include <chrono>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <iterator>
#include <map>
#include <optional>

#include "app/linkage.h"
#include "cli/exit_codes.h"
#include "core/csv.h"
#include "core/text.h"
#include "match/linker.h"
#include "match/synthetic_people.h"

namespace rocta::cli {

struct MatchCommand::Options {
  CLI::App* match = nullptr;
  CLI::App* dedupe = nullptr;
  CLI::App* generate = nullptr;
  CLI::App* store_run = nullptr;
  std::string input, id_column, out, exclude_file, pairs_file;
  std::vector<std::string> fields;
  match::LinkageOptions linkage;
  std::size_t records = 0;
  std::uint64_t seed = 1;
  bool show_model = false;
};

namespace {

int fail(const std::string& message, int code = kExitUsage) {
  std::cerr << "rocta: " << message << '\n';
  return code;
}

// Reads a CSV file one record at a time, knowing the line each record starts on.
class CsvFile {
 public:
  explicit CsvFile(const std::string& path)
      : path_(path), in_(path, std::ios::binary), reader_([this](char* buffer, std::size_t capacity) {
          in_.read(buffer, static_cast<std::streamsize>(capacity));
          return static_cast<std::size_t>(in_.gcount());
        }) {}
  bool is_open() const { return in_.is_open(); }
  int line() const { return static_cast<int>(reader_.line()); }
  std::string where() const { return path_ + ":" + std::to_string(reader_.line()); }

  // False at the end of the file; a malformed record is an error naming its line.
  Result<bool> next(CsvRow& row) {
    auto more = reader_.next(row);
    if (!more.is_ok()) return invalid(path_ + ": " + more.status().message());
    if (*more)
      for (auto& f : row) f = trim(f);  // "a, b" as FEBRL writes it
    return more;
  }

 private:
  std::string path_;
  std::ifstream in_;
  CsvReader reader_;
};

struct Mapping {
  std::size_t id_column;
  std::vector<std::pair<match::Role, std::size_t>> fields;  // in the order given
};

Result<Mapping> map_columns(const CsvRow& header, const MatchCommand::Options& o, const std::string& file) {
  auto column = [&](const std::string& name) -> std::optional<std::size_t> {
    for (std::size_t i = 0; i < header.size(); ++i)
      if (header[i] == name) return i;
    return std::nullopt;
  };
  Mapping m{};
  auto id = column(o.id_column);
  if (!id) return invalid(file + ": no column '" + o.id_column + "' for --id");
  m.id_column = *id;
  for (const auto& f : o.fields) {
    const auto eq = f.find('=');
    if (eq == std::string::npos) return invalid("--field " + f + ": expected ROLE=COLUMN");
    const std::string role_name = f.substr(0, eq), column_name = f.substr(eq + 1);
    auto role = match::parse_role(role_name);
    if (!role) return invalid("--field " + f + ": unknown role '" + role_name + "'; roles are " + match::role_names());
    auto c = column(column_name);
    if (!c) return invalid(file + ": no column '" + column_name + "' for --field " + f);
    m.fields.push_back({*role, *c});
  }
  if (m.fields.empty()) return invalid("give at least one --field ROLE=COLUMN");
  return m;
}

constexpr std::size_t kUncleanShown = 10;

// The first column of the row that the match reads (id or a field) and that is not clean
// UTF-8 text, by its header name.
std::optional<std::string> unclean_column(const CsvRow& row, const Mapping& m, const CsvRow& header) {
  if (!is_clean_text(row[m.id_column])) return header[m.id_column];
  for (const auto& [role, column] : m.fields)
    if (!is_clean_text(row[column])) return header[column];
  return std::nullopt;
}

Result<std::vector<match::Exclusion>> read_exclusions(const std::string& path) {
  std::vector<match::Exclusion> out;
  CsvFile file(path);
  if (!file.is_open()) return invalid("cannot read '" + path + "'");
  CsvRow row;
  while (true) {
    auto more = file.next(row);
    if (!more.is_ok()) return more.status();
    if (!*more) break;
    if (row.size() == 2 && row[0] == "role" && row[1] == "value") continue;
    auto role = row.size() == 2 ? match::parse_role(row[0]) : std::nullopt;
    if (!role) return invalid(file.where() + ": expected role,value with a known role (" + match::role_names() + ")");
    if (!is_clean_text(row[1])) return invalid(file.where() + ": the value is not UTF-8 text without control characters");
    out.push_back({*role, row[1]});
  }
  return out;
}

// Writes to FILE.partial and renames it over FILE once complete.
class OutputFile {
 public:
  explicit OutputFile(std::string path) : path_(std::move(path)), out_(path_ + ".partial", std::ios::trunc) {}
  bool is_open() const { return static_cast<bool>(out_); }
  std::ostream& stream() { return out_; }
  Status commit() {
    if (!out_.flush()) return {Code::kUnavailable, "writing '" + path_ + "' failed"};
    out_.close();
    if (std::rename((path_ + ".partial").c_str(), path_.c_str()) != 0) return {Code::kUnavailable, "cannot write '" + path_ + "'"};
    return Status::ok();
  }

 private:
  std::string path_;
  std::ofstream out_;
};

std::string explanation_text(const match::Explanation& e) {
  char buf[64];
  std::string s;
  for (const auto& f : e.fields) {
    std::snprintf(buf, sizeof buf, "%+.1f", f.weight);
    s += (s.empty() ? "" : "; ") + std::string(match::to_string(f.role)) + " " + std::string(f.outcome) + " " + buf;
  }
  return s;
}

void print_model(const match::FellegiSunter& model) {
  std::printf("Model (estimated without labels): prior probability of a match among compared pairs %.4f\n", model.lambda());
  for (const auto& f : model.fields()) {
    const auto& levels = match::field_spec(f.role).levels;
    for (std::size_t l = 1; l < f.m.size(); ++l)
      std::printf("  %-11s %-32s m %.4f  u %.4f  weight %+.2f\n", std::string(match::to_string(f.role)).c_str(),
                  std::string(levels[l]).c_str(), f.m[l], f.u[l], std::log2(f.m[l] / f.u[l]));
  }
}

int dedupe(const MatchCommand::Options& o) {
  const auto started = std::chrono::steady_clock::now();
  CsvFile in(o.input);
  if (!in.is_open()) return fail("cannot read '" + o.input + "'");
  CsvRow header, row;
  auto got = in.next(header);
  if (!got.is_ok()) return fail(got.status().message());
  if (!*got) return fail(o.input + ": empty file, expected a header line");
  auto mapping = map_columns(header, o, o.input);
  if (!mapping.is_ok()) return fail(mapping.status().message());
  match::LinkageOptions options = o.linkage;
  if (options.review_probability > options.link_probability)
    return fail("--review-probability must not be above --link-probability");
  if (!o.exclude_file.empty()) {
    auto ex = read_exclusions(o.exclude_file);
    if (!ex.is_ok()) return fail(ex.status().message());
    options.exclusions = std::move(*ex);
  }

  std::vector<std::string> ids;
  // Prepared in batches as they are read: the raw rows of a million records are never
  // all held at once.
  std::vector<match::PreparedRecord> prepared;
  std::vector<match::PersonRecord> records;
  constexpr std::size_t kBatch = 16384;
  auto prepare_batch = [&] {
    auto batch = match::prepare_records(records, options.threads);
    prepared.insert(prepared.end(), std::make_move_iterator(batch.begin()), std::make_move_iterator(batch.end()));
    records.clear();
  };
  // Text that is not UTF-8 (a name cut in the middle of "á") or holds control characters
  // is refused as the extract importer refuses it: every such row named, nothing written.
  std::vector<std::string> unclean;
  std::size_t unclean_rows = 0;
  while (true) {
    auto more = in.next(row);
    if (!more.is_ok()) return fail(more.status().message());
    if (!*more) break;
    if (row.size() != header.size())
      return fail(in.where() + ": expected " + std::to_string(header.size()) + " fields, found " + std::to_string(row.size()));
    if (auto bad = unclean_column(row, *mapping, header)) {
      if (++unclean_rows <= kUncleanShown) unclean.push_back(in.where() + ": column '" + *bad + "' is not UTF-8 text without control characters");
      continue;
    }
    if (unclean_rows > 0) continue;  // refused anyway: only counting
    ids.push_back(row[mapping->id_column]);
    match::PersonRecord& r = records.emplace_back();
    for (const auto& [role, column] : mapping->fields) {
      if (row[column].empty()) continue;
      auto& v = r[role];
      v += (v.empty() ? "" : " ") + row[column];  // several columns of one role: joined
    }
    if (records.size() == kBatch) prepare_batch();
  }

  if (unclean_rows > 0) {
    std::string message;
    for (const auto& u : unclean) message += u + "\n  ";
    if (unclean_rows > unclean.size()) message += "… and " + std::to_string(unclean_rows - unclean.size()) + " more rows\n  ";
    return fail(message + std::to_string(unclean_rows) + (unclean_rows == 1 ? " row" : " rows") +
                " refused: not valid UTF-8 text; fix or re-encode the file (nothing written)");
  }

  prepare_batch();
  records = {};
  match::Linker linker(std::move(prepared), options);
  const auto linkage = linker.dedupe();

  OutputFile out(o.out);
  if (!out.is_open()) return fail("cannot write '" + o.out + "'");
  out.stream() << "id,cluster\n";
  for (std::size_t i = 0; i < ids.size(); ++i)
    out.stream() << csv_field(ids[i]) << ',' << csv_field(ids[linkage.cluster[i]]) << '\n';
  if (auto s = out.commit(); !s.is_ok()) return fail(s.message(), exit_code_of(s.code()));

  if (!o.pairs_file.empty()) {
    OutputFile pairs(o.pairs_file);
    if (!pairs.is_open()) return fail("cannot write '" + o.pairs_file + "'");
    pairs.stream() << "id_a,id_b,probability,weight,decision,explanation\n";
    for (const auto& l : linkage.links) {
      const bool joined = linkage.cluster[l.a] == linkage.cluster[l.b];
      char num[64];
      std::snprintf(num, sizeof num, "%.6f,%.2f", l.probability, l.weight);
      pairs.stream() << csv_field(ids[l.a]) << ',' << csv_field(ids[l.b]) << ',' << num << ','
                     << (joined ? "linked" : "review") << ',' << csv_field(explanation_text(linker.explain(l.a, l.b))) << '\n';
    }
    if (auto s = pairs.commit(); !s.is_ok()) return fail(s.message(), exit_code_of(s.code()));
  }

  std::size_t entities = 0;
  for (std::size_t i = 0; i < linkage.cluster.size(); ++i) entities += linkage.cluster[i] == i;
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::cout << "Matched " << ids.size() << " records into " << entities << " entities in " << seconds << " s ("
            << linkage.stats.candidate_pairs << " pairs compared in " << linkage.stats.blocks << " blocks, "
            << linkage.stats.capped_blocks << " over-common blocks skipped, EM " << linkage.stats.em_iterations
            << " iterations).\n";
  const std::size_t shown = std::min<std::size_t>(linkage.stats.hot_values.size(), 10);
  for (std::size_t i = 0; i < shown; ++i) {
    const auto& h = linkage.stats.hot_values[i];
    std::cout << "  ignored " << match::to_string(h.role) << " '" << h.value << "' (" << h.records << " records, "
              << (h.excluded ? "exclusion list" : "over-common") << ")\n";
  }
  if (linkage.stats.hot_values.size() > shown)
    std::cout << "  … and " << linkage.stats.hot_values.size() - shown << " more ignored values\n";
  if (o.show_model) print_model(linker.model());
  return kExitOk;
}

int generate(const MatchCommand::Options& o) {
  OutputFile out(o.out);
  if (!out.is_open()) return fail("cannot write '" + o.out + "'");
  const auto people = match::synthetic_people(o.records, o.seed);
  const std::vector<match::Role> roles = {match::Role::kGivenName, match::Role::kSurname, match::Role::kDob,
                                          match::Role::kSex,       match::Role::kAddress, match::Role::kPostcode,
                                          match::Role::kPhone,     match::Role::kEmail};
  out.stream() << "id,person";
  for (auto r : roles) out.stream() << ',' << match::to_string(r);
  out.stream() << '\n';
  for (std::size_t i = 0; i < people.size(); ++i) {
    out.stream() << i << ',' << people[i].person;
    for (auto r : roles) out.stream() << ',' << csv_field(people[i].record[r]);
    out.stream() << '\n';
  }
  if (auto s = out.commit(); !s.is_ok()) return fail(s.message(), exit_code_of(s.code()));
  std::cout << "Wrote " << people.size() << " records of " << (people.empty() ? 0 : people.back().person + 1)
            << " synthetic people to " << o.out << '\n';
  return kExitOk;
}

}  // namespace

MatchCommand::MatchCommand(CLI::App& cli) : o_(std::make_unique<Options>()) {
  Options& o = *o_;
  o.match = cli.add_subcommand("match", "Record linkage: find records of one person")->require_subcommand(1);
  o.dedupe = o.match->add_subcommand("dedupe", "Cluster the rows of a CSV file into people; writes id,cluster for every row");
  o.dedupe->add_option("--input", o.input, "CSV file with a header line")->required();
  o.dedupe->add_option("--id", o.id_column, "Column that identifies a row")->required();
  o.dedupe->add_option("--field", o.fields,
                       "ROLE=COLUMN (repeat; a role given twice joins its columns). Roles: " + match::role_names())
      ->required();
  o.dedupe->add_option("--out", o.out, "Output CSV: id,cluster")->required();
  o.dedupe->add_option("--pairs", o.pairs_file, "Also write the scored pairs with their explanations");
  o.dedupe->add_option("--exclude", o.exclude_file, "CSV of role,value never to use as evidence (a custody suite, a switchboard)");
  o.dedupe->add_flag("--show-model", o.show_model, "Print the fitted m and u of every field and level");
  o.dedupe->add_option("--threads", o.linkage.threads, "Worker threads (0: one per core)")->capture_default_str();
  o.dedupe->add_option("--link-probability", o.linkage.link_probability, "Join pairs at least this likely")
      ->capture_default_str()->check(CLI::Range(0.5, 0.999999));
  o.dedupe->add_option("--review-probability", o.linkage.review_probability, "Write pairs at least this likely with --pairs")
      ->capture_default_str()->check(CLI::Range(0.01, 0.999999));
  o.dedupe->add_option("--max-block", o.linkage.max_block, "Blocks larger than this are over-common values")
      ->capture_default_str()->check(CLI::Range(2, 1000000));
  o.generate = o.match->add_subcommand("generate", "Write synthetic people with known truth (column person)");
  o.generate->add_option("--records", o.records, "How many records")->required()->check(CLI::Range(1, 100000000));
  o.generate->add_option("--seed", o.seed, "Random seed")->capture_default_str();
  o.generate->add_option("--out", o.out, "Output CSV")->required();
  o.store_run = o.match->add_subcommand(
      "run", "Match every nominal in the database across agencies: sure matches joined, uncertain ones queued for review");
}

MatchCommand::~MatchCommand() = default;

bool MatchCommand::parsed() const { return o_->dedupe->parsed() || o_->generate->parsed() || o_->store_run->parsed(); }

std::optional<int> MatchCommand::run_without_database() {
  if (o_->dedupe->parsed()) return dedupe(*o_);
  if (o_->generate->parsed()) return generate(*o_);
  return std::nullopt;
}

int MatchCommand::run(OpenedApp& opened) {
  auto run = run_matching(*opened.app, system_caller());
  if (!run.is_ok()) return fail(run.status());
  std::cout << "Match run " << run->id << ": " << run->nominals << " nominals, " << run->candidate_pairs
            << " pairs compared; " << run->linked << " joined, " << run->review << " for review, " << run->kept_decisions
            << " decided pairs kept as decided, " << run->withdrawn << " earlier proposals withdrawn ("
            << (run->finished_ms - run->started_ms) << " ms).\n";
  return kExitOk;
}

}  // namespace rocta::cli
