#include "app/national_extract.h"

#include <algorithm>
#include <condition_variable>
#include <deque>
#include <istream>
#include <map>
#include <mutex>
#include <optional>
#include <ostream>
#include <set>
#include <thread>
#include <unordered_map>
#include <unordered_set>

#include <nlohmann/json.hpp>

#include "app/audit_log.h"
#include "app/crypto.h"
#include "app/records.h"
#include "core/apmis.h"
#include "core/text.h"
#include "core/tier_check.h"
#include "store/agency_repository.h"
#include "store/marked_repository.h"
#include "store/disruption_repository.h"
#include "store/repository_transaction.h"

namespace rocta {
namespace {

using nlohmann::json;

Status operator_only(const Caller& c, const std::string& what) {
  if (c.system || c.user.has(Role::kAdministrator)) return Status::ok();
  return denied("only administrators " + what);
}

std::string extra_json(const apmis::Extra& extra) {
  if (extra.empty()) return "";
  json j = json::object();
  for (const auto& [k, v] : extra) j[k] = v;
  return j.dump();
}

// A scope that reads what an agency's own operator would: everything it owns, at any
// classification, outside compartments. For imports matching rows to stored threats.
ReadScope owner_scope(const std::string& agency) {
  ReadScope s;
  s.active = true;
  s.agency = agency;
  s.max_classification = Classification::kTopSecret;
  s.need_to_know = true;
  return s;
}

// ---- streaming a file -------------------------------------------------------------------

class ExtractReader {
 public:
  ExtractReader(const ExtractFile& f, const ImportProgress& progress)
      : file_(f),
        progress_(progress),
        reader_([this](char* buffer, std::size_t capacity) -> std::size_t {
          file_.in->read(buffer, static_cast<std::streamsize>(capacity));
          const auto n = static_cast<std::size_t>(file_.in->gcount());
          sha_.update(std::string_view(buffer, n));
          return n;
        }) {}

  // The next row, or false at the end; errors carry "file:line: ".
  Result<bool> next(CsvRow& row) {
    auto more = reader_.next(row);
    if (file_.in->bad()) return Status(Code::kUnavailable, file_.name + ": reading failed");
    if (!more.is_ok()) return invalid(file_.name + ": " + more.status().message());
    if (*more && ++rows_ % 65536 == 0 && progress_) progress_(file_.name, reader_.bytes_read(), file_.size, rows_);
    return *more;
  }
  Status error(const Status& s) const {
    return Status(s.code() == Code::kNotFound ? Code::kInvalidArgument : s.code(), where() + ": " + s.message());
  }
  std::string where() const { return file_.name + ":" + std::to_string(reader_.line()); }
  std::size_t line() const { return reader_.line(); }
  std::string finish() {
    if (progress_) progress_(file_.name, reader_.bytes_read(), file_.size, rows_);
    return file_.name + " sha256:" + sha_.hex();
  }

 private:
  const ExtractFile& file_;
  const ImportProgress& progress_;
  Sha256 sha_;
  CsvReader reader_;
  int64_t rows_ = 0;
};

// Checked disruption rows and the lines they came from.
struct RowBatch {
  std::vector<Disruption> rows;
  std::vector<std::size_t> lines;
};

// Batches handed from the thread that reads and checks a file to the thread that writes
// them, in file order. At most kDepth wait, so memory stays bounded whatever the file's size.
class BatchQueue {
 public:
  // Reader: false when the writer has stopped, and reading should too.
  bool push(RowBatch batch) {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return queue_.size() < kDepth || cancelled_; });
    if (cancelled_) return false;
    queue_.push_back(std::move(batch));
    changed_.notify_all();
    return true;
  }
  // Reader: there will be no more; `end` is how reading ended (ok, or the refused row).
  void close(Status end) {
    std::lock_guard lock(mutex_);
    end_ = std::move(end);
    closed_ = true;
    changed_.notify_all();
  }
  // Writer: the next batch; none once the reader has closed and every batch was taken.
  std::optional<RowBatch> pop() {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return !queue_.empty() || closed_; });
    if (queue_.empty()) return std::nullopt;
    RowBatch batch = std::move(queue_.front());
    queue_.pop_front();
    changed_.notify_all();
    return batch;
  }
  // Writer: it takes no more batches (it failed); the reader stops at its next push.
  void cancel() {
    std::lock_guard lock(mutex_);
    cancelled_ = true;
    changed_.notify_all();
  }
  // How reading ended. REQUIRES: the reader has closed.
  Status end() {
    std::lock_guard lock(mutex_);
    return end_;
  }

 private:
  static constexpr std::size_t kDepth = 4;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<RowBatch> queue_;
  bool closed_ = false, cancelled_ = false;
  Status end_ = Status::ok();
};

// Whether the extract's fields of two threats agree (what an import may change).
bool same_extract_fields(const Threat& a, const Threat& b) {
  return a.type == b.type && a.assessment_type == b.assessment_type && a.moderation == b.moderation && a.soc == b.soc &&
         a.tier == b.tier && a.phase == b.phase && a.primary_crime_type == b.primary_crime_type &&
         a.county_lines == b.county_lines && a.morile_score == b.morile_score && a.assessment_date == b.assessment_date &&
         a.name == b.name && a.description == b.description && a.extra == b.extra;
}

bool same_extract_fields(const Disruption& a, const Disruption& b) {
  return a.threat_reference == b.threat_reference && a.role == b.role && a.record_date == b.record_date &&
         a.category == b.category && a.outcomes == b.outcomes && a.threat_category == b.threat_category &&
         a.description == b.description && a.justification == b.justification && a.threat_type == b.threat_type &&
         a.extra == b.extra;
}

class Importer {
 public:
  Importer(Transaction& tx, App& app, const Caller& caller, ApmisImport& out, const ImportProgress& progress)
      : tx_(tx), app_(app), caller_(caller), out_(out), progress_(progress), today_(iso_date(app.clock.now_ms())) {}

  Status load_agencies() {
    ROCTA_ASSIGN_OR_RETURN(auto agencies, tx_.agencies().list());
    for (const auto& a : agencies) agencies_.insert(a.code);
    return Status::ok();
  }

  Result<std::string> threats(const ExtractFile& f) {
    ExtractReader in(f, progress_);
    CsvRow row;
    ROCTA_ASSIGN_OR_RETURN(bool any, in.next(row));
    if (!any) return invalid(f.name + ": the file is empty; the first line names the columns");
    auto cols = apmis::map_threat_header(row);
    if (!cols.is_ok()) return in.error(cols.status());
    std::unordered_map<std::string, std::size_t> seen;
    apmis::Extra extra;
    for (;;) {
      ROCTA_ASSIGN_OR_RETURN(bool more, in.next(row));
      if (!more) break;
      auto t = apmis::threat_from_row(*cols, row, extra);
      if (!t.is_ok()) return in.error(t.status());
      if (!agencies_.count(t->marking.owning_agency)) return in.error(invalid("unknown agency '" + t->marking.owning_agency + "'"));
      if (auto [it, fresh] = seen.emplace(t->marking.owning_agency + '\x1f' + t->reference, in.line()); !fresh)
        return in.error(invalid("reference " + t->reference + " of " + t->marking.owning_agency + " is already on line " + std::to_string(it->second)));
      t->extra = extra_json(extra);
      if (auto s = threat(std::move(*t)); !s.is_ok()) return in.error(s);
    }
    return in.finish();
  }

  Result<std::string> disruptions(const ExtractFile& f, int64_t import_id) {
    import_id_ = import_id;
    ROCTA_RETURN_IF_ERROR(load_threat_keys());
    ExtractReader in(f, progress_);
    CsvRow row;
    ROCTA_ASSIGN_OR_RETURN(bool any, in.next(row));
    if (!any) return invalid(f.name + ": the file is empty; the first line names the columns");
    auto cols = apmis::map_disruption_header(row);
    if (!cols.is_ok()) return in.error(cols.status());
    // Reading and checking rows takes as long as staging them, so one thread does each; the
    // writer takes the batches in file order, so the first bad row is still the one reported.
    // The staged rows are applied at the end: the new ones together, those already held
    // compared one by one.
    BatchQueue queue;
    const std::string now = iso_timestamp(app_.clock.now_ms());
    std::thread reader([&] { queue.close(read_disruptions(in, *cols, now, queue)); });
    Status written = Status::ok();
    while (auto batch = queue.pop()) {
      written = tx_.disruptions().stage(batch->rows, batch->lines);
      if (written.is_ok()) continue;
      queue.cancel();
      break;
    }
    reader.join();
    ROCTA_RETURN_IF_ERROR(located_repeat(written, f.name));
    if (Status read = queue.end(); !read.is_ok()) {
      // A reference repeated above the refused row is the first bad row.
      ROCTA_ASSIGN_OR_RETURN(auto repeat, tx_.disruptions().first_repeat());
      return repeat ? repeated(f.name, *repeat) : read;
    }
    ROCTA_RETURN_IF_ERROR(located_repeat(update_held(f.name), f.name));
    auto inserted = tx_.disruptions().insert_staged();
    ROCTA_RETURN_IF_ERROR(located_repeat(status_of(inserted), f.name));
    out_.disruptions_created += *inserted;
    return in.finish();
  }

 private:
  static constexpr std::size_t kBatch = 4000;

  // Reads, checks and completes the rows after the header, a batch at a time, until the end,
  // a bad row or a writer that stopped. Runs on its own thread: it touches nothing of the
  // transaction and only reads the importer's tables.
  Status read_disruptions(ExtractReader& in, const apmis::Columns& cols, const std::string& now, BatchQueue& queue) {
    CsvRow row;
    apmis::Extra extra;
    RowBatch batch;
    for (;;) {
      ROCTA_ASSIGN_OR_RETURN(bool more, in.next(row));
      if (!more) break;
      auto d = apmis::disruption_from_row(cols, row, extra);
      if (!d.is_ok()) return in.error(d.status());
      if (!agencies_.count(d->recording_agency)) return in.error(invalid("unknown agency '" + d->recording_agency + "'"));
      if (auto s = validate_disruption(*d, today_); !s.is_ok()) return in.error(s);
      d->extra = extra_json(extra);
      if (auto key = threat_keys_.find(d->threat_reference); key != threat_keys_.end()) {
        d->threat_id = key->second.first;
        if (!d->threat_type) d->threat_type = key->second.second;
      }
      d->import_id = import_id_;
      d->version = 1;
      d->created_at = now;
      d->created_by = caller_.user.id;
      batch.rows.push_back(std::move(*d));
      batch.lines.push_back(in.line());
      if (batch.rows.size() < kBatch) continue;
      if (!queue.push(std::move(batch))) return Status::ok();  // the writer's error is the one to report
      batch = {};
    }
    if (!batch.rows.empty()) queue.push(std::move(batch));
    return Status::ok();
  }

  Status threat(Threat t) {
    if (auto d = tier_disagreement(t, default_morile_model())) {
      ++out_.tier_score_disagreements;
      if (out_.tier_score_examples.size() < 20) out_.tier_score_examples.push_back(d->describe(default_morile_model()));
    }
    auto id = tx_.threats().id_by_reference(t.marking.owning_agency, t.reference);
    if (!id.is_ok() && id.status().code() != Code::kNotFound) return id.status();
    if (!id.is_ok()) {
      auto created = create_threat_in(tx_, app_, caller_, std::move(t));
      if (!created.is_ok()) return created.status();
      ++out_.threats_created;
      return Status::ok();
    }
    auto stored = tx_.threats().get(*id, owner_scope(t.marking.owning_agency));
    if (!stored.is_ok())
      return Status(Code::kConflict, "reference " + t.reference + " is held in a compartment; the extract cannot change it");
    if (same_extract_fields(*stored, t)) {
      ++out_.threats_unchanged;
      return Status::ok();
    }
    Threat r = *stored;
    r.type = t.type;
    r.assessment_type = t.assessment_type;
    r.moderation = t.moderation;
    r.soc = t.soc;
    r.tier = t.tier;
    r.phase = t.phase;
    r.primary_crime_type = t.primary_crime_type;
    r.county_lines = t.county_lines;
    r.morile_score = t.morile_score;
    r.assessment_date = t.assessment_date;
    r.name = t.name;
    r.description = t.description;
    r.extra = t.extra;
    ++r.version;
    r.updated_at = iso_timestamp(app_.clock.now_ms());
    ROCTA_RETURN_IF_ERROR(tx_.threats().update(r));
    json detail{{"reference", r.reference}, {"version", r.version}, {"from", "national extract"}};
    ROCTA_RETURN_IF_ERROR(append_audit(tx_, app_, caller_, {"threat.update", "threat", r.id, detail.dump()}));
    ++out_.threats_updated;
    return Status::ok();
  }

  Status load_threat_keys() {
    ROCTA_ASSIGN_OR_RETURN(auto keys, tx_.disruptions().threat_keys());
    threat_keys_.clear();
    for (auto& k : keys) threat_keys_.emplace(std::move(k.reference), std::pair{k.id, k.type});
    return Status::ok();
  }

  static Status repeated(const std::string& file, const DisruptionRepository::Repeat& r) {
    return invalid(file + ":" + std::to_string(r.line) + ": reference " + r.reference + " of " + r.agency + " appears earlier in this file");
  }

  // A reference staged twice (AlreadyExists) as the line where it repeats; other outcomes as they are.
  Status located_repeat(Status s, const std::string& file) {
    if (s.code() != Code::kAlreadyExists) return s;
    ROCTA_ASSIGN_OR_RETURN(auto repeat, tx_.disruptions().first_repeat());
    return repeat ? repeated(file, *repeat) : s;
  }

  // Rows whose reference was held already: left alone when the extract says the same,
  // updated when it differs.
  Status update_held(const std::string& file) {
    for (int64_t after = 0;;) {
      ROCTA_ASSIGN_OR_RETURN(auto held, tx_.disruptions().staged_held(after, static_cast<int>(kBatch)));
      if (held.empty()) return Status::ok();
      for (const auto& [line, d, stored] : held) {
        after = line;
        if (same_extract_fields(stored, d)) {
          ++out_.disruptions_unchanged;
          continue;
        }
        Disruption r = d;
        r.id = stored.id;
        r.version = stored.version + 1;
        r.created_at = stored.created_at;
        r.created_by = stored.created_by;
        r.supports = stored.supports;
        r.prompts = stored.prompts;
        if (auto s = tx_.disruptions().update(r); !s.is_ok()) return Status(s.code(), file + ":" + std::to_string(line) + ": " + s.message());
        ++out_.disruptions_updated;
      }
    }
  }

  Transaction& tx_;
  App& app_;
  const Caller& caller_;
  ApmisImport& out_;
  const ImportProgress& progress_;
  const std::string today_;
  std::unordered_set<std::string> agencies_;
  std::unordered_map<std::string, std::pair<int64_t, ThreatType>> threat_keys_;
  int64_t import_id_ = 0;
};

}  // namespace

Result<ApmisImport> import_apmis_in(Transaction& tx, App& app, const Caller& caller, const ExtractFile& threats,
                                    const ExtractFile& disruptions, const ImportProgress& progress) {
  ROCTA_RETURN_IF_ERROR(operator_only(caller, "import the national extract"));
  if (!threats.in && !disruptions.in) return invalid("nothing to import: give a threats file, a disruptions file or both");
  ApmisImport out;
  ROCTA_ASSIGN_OR_RETURN(out.import_id, tx.disruptions().insert_import({0, "apmis", "", "", iso_timestamp(app.clock.now_ms()), caller.user.id}));
  Importer importer(tx, app, caller, out, progress);
  ROCTA_RETURN_IF_ERROR(importer.load_agencies());
  json files = json::array();
  if (threats.in) {
    ROCTA_ASSIGN_OR_RETURN(std::string digest, importer.threats(threats));
    files.push_back(digest);
  }
  if (disruptions.in) {
    ROCTA_ASSIGN_OR_RETURN(std::string digest, importer.disruptions(disruptions, out.import_id));
    files.push_back(digest);
  }
  if (threats.in) {
    ROCTA_ASSIGN_OR_RETURN(out.disruptions_linked, tx.disruptions().link_threats());
  }
  json summary{{"threats", {{"created", out.threats_created}, {"updated", out.threats_updated}, {"unchanged", out.threats_unchanged}}},
               {"disruptions", {{"created", out.disruptions_created}, {"updated", out.disruptions_updated}, {"unchanged", out.disruptions_unchanged},
                                {"linked", out.disruptions_linked}}},
               {"tier_score_disagreements", out.tier_score_disagreements},
               {"tier_score_examples", out.tier_score_examples}};
  ROCTA_RETURN_IF_ERROR(tx.disruptions().finish_import(out.import_id, summary.dump()));
  json detail{{"import", out.import_id}, {"files", files}, {"summary", summary}};
  ROCTA_RETURN_IF_ERROR(append_audit(tx, app, caller, {"apmis.import", "", 0, detail.dump()}));
  return out;
}

Result<ApmisImport> import_apmis(App& app, const Caller& caller, const ExtractFile& threats, const ExtractFile& disruptions,
                                 const ImportProgress& progress) {
  ROCTA_RETURN_IF_ERROR(operator_only(caller, "import the national extract"));
  ROCTA_ASSIGN_OR_RETURN(auto tx, app.store.begin(TxMode::kWrite));
  ROCTA_ASSIGN_OR_RETURN(ApmisImport out, import_apmis_in(*tx, app, caller, threats, disruptions, progress));
  ROCTA_RETURN_IF_ERROR(tx->commit());
  return out;
}

Result<ApmisExport> export_apmis(App& app, const Caller& caller, std::ostream& threats, std::ostream& disruptions) {
  ROCTA_RETURN_IF_ERROR(operator_only(caller, "export the national extract"));
  ApmisExport out;
  std::unordered_set<int64_t> withheld;
  {
    ROCTA_ASSIGN_OR_RETURN(auto tx, app.store.begin(TxMode::kRead));
    threats << csv_line(apmis::threat_columns()) << "\r\n";
    for (int64_t after = 0;;) {
      ROCTA_ASSIGN_OR_RETURN(auto page, tx->threats().scan(after, 1000));
      if (page.empty()) break;
      for (const auto& t : page) {
        after = t.id;
        // Compartmented threats belong to an SIU and never leave in an extract: counted, so
        // the extract says what it left out.
        if (!t.marking.compartment.empty()) {
          ++out.withheld_threats_by_compartment[t.marking.compartment];
          withheld.insert(t.id);
          continue;
        }
        threats << csv_line(apmis::threat_row(t)) << "\r\n";
        ++out.threats;
      }
    }
    disruptions << csv_line(apmis::disruption_columns()) << "\r\n";
    for (int64_t after = 0;;) {
      ROCTA_ASSIGN_OR_RETURN(auto page, tx->disruptions().scan(after, 5000));
      if (page.empty()) break;
      for (const auto& d : page) {
        if (d.threat_id && withheld.count(d.threat_id)) {
          ++out.withheld_disruptions_of_compartmented_threats;
          continue;
        }
        if (d.beyond_standard()) {
          ++out.beyond_standard_disruptions;
          continue;
        }
        disruptions << csv_line(apmis::disruption_row(d)) << "\r\n";
        ++out.disruptions;
      }
      after = page.back().id;
    }
  }
  if (!threats.flush() || !disruptions.flush()) return Status(Code::kUnavailable, "writing the extract failed");
  json detail{{"threats", out.threats},
              {"disruptions", out.disruptions},
              {"withheld_threats_by_compartment", out.withheld_threats_by_compartment},
              {"withheld_disruptions_of_compartmented_threats", out.withheld_disruptions_of_compartmented_threats},
              {"beyond_standard_disruptions", out.beyond_standard_disruptions},
              {"purpose", caller.purpose}};
  ROCTA_RETURN_IF_ERROR(append_audit_now(app, caller, {"apmis.export", "", 0, detail.dump()}));
  return out;
}

int64_t ApmisExport::withheld_threats() const {
  int64_t n = 0;
  for (const auto& [_, k] : withheld_threats_by_compartment) n += k;
  return n;
}

std::vector<std::string> ApmisExport::notes() const {
  std::vector<std::string> out;
  for (const auto& [compartment, n] : withheld_threats_by_compartment)
    out.push_back("Left out: " + std::to_string(n) + (n == 1 ? " threat" : " threats") + " in SIU compartment " + compartment +
                  " (compartmented material never leaves in an extract; ask that SIU).");
  if (withheld_disruptions_of_compartmented_threats)
    out.push_back("Left out: " + std::to_string(withheld_disruptions_of_compartmented_threats) +
                  " disruptions recorded against those threats.");
  if (beyond_standard_disruptions)
    out.push_back("Left out: " + std::to_string(beyond_standard_disruptions) +
                  " disruptions against priority individuals or vulnerabilities (beyond the national standard, which "
                  "counts OCGs; the SOC figures leave them out too).");
  if (out.empty()) out.push_back("Nothing was left out.");
  return out;
}

}  // namespace rocta
