// The national extract (shared/domain/apmis-extract.md) in and out: threats.csv and
// disruptions.csv, streamed, all or nothing on the way in.
#pragma once

#include <cstdint>
#include <functional>
#include <iosfwd>
#include <map>
#include <string>

#include "app/app.h"
#include "store/repository_transaction.h"

namespace rocta {

struct ExtractFile {
  std::string name;              // for messages: "threats.csv"
  std::istream* in = nullptr;    // null: no such file in this import
  std::uint64_t size = 0;        // bytes, when known (for progress)
};

struct ApmisImport {
  int64_t import_id = 0;
  int64_t threats_created = 0, threats_updated = 0, threats_unchanged = 0;
  int64_t disruptions_created = 0, disruptions_updated = 0, disruptions_unchanged = 0;
  int64_t disruptions_linked = 0;  // rows pointed at a threat held here
  // Threats whose tier is not the tier their MoRiLE score falls in under the default model
  // (core/tier_check.h): imported as written, and flagged; the first few described.
  int64_t tier_score_disagreements = 0;
  std::vector<std::string> tier_score_examples;
};

// Called now and then while a file streams in.
using ImportProgress = std::function<void(const std::string& file, std::uint64_t bytes_done, std::uint64_t bytes_total, int64_t rows)>;

// Imports threats.csv and/or disruptions.csv (shared/domain/apmis-extract.md), streaming,
// in one transaction: every row is checked, the first bad one is reported as "file:line:
// message", and then nothing at all is applied. A row whose agency already holds its
// reference is left alone when it says the same, updated when it differs; a reference
// given twice in one file is refused. So importing the same files again changes nothing.
// The operator or an administrator; audited as one event naming the files' SHA-256.
Result<ApmisImport> import_apmis(App& app, const Caller& caller, const ExtractFile& threats, const ExtractFile& disruptions,
                                 const ImportProgress& progress = {});

// The same inside an open write transaction (the demo loads its region in one).
Result<ApmisImport> import_apmis_in(Transaction& tx, App& app, const Caller& caller, const ExtractFile& threats,
                                    const ExtractFile& disruptions, const ImportProgress& progress = {});

struct ApmisExport {
  int64_t threats = 0, disruptions = 0;
  // What the extract leaves out, and why, so that export, re-import and report can be
  // reconciled: threats in an SIU compartment (by compartment; compartmented material
  // never leaves in an extract) with the disruptions recorded against them, and
  // disruptions beyond the national standard (against priority individuals and
  // vulnerabilities: Appendix 2 counts OCGs).
  std::map<std::string, int64_t> withheld_threats_by_compartment;
  int64_t withheld_disruptions_of_compartmented_threats = 0;
  int64_t beyond_standard_disruptions = 0;
  int64_t withheld_threats() const;
  // One line per reason, for a person and for the extract's notes file.
  std::vector<std::string> notes() const;
};

// Writes every threat and every disruption in the extract's format: one row per event,
// the national category being the principal outcome (core national_category()); the
// event's other outcomes go in Rocta's "All 4P outcomes" column, so nothing is lost on a
// round trip. The operator or an administrator; audited.
Result<ApmisExport> export_apmis(App& app, const Caller& caller, std::ostream& threats, std::ostream& disruptions);

}  // namespace rocta
