// Disruptions to the national standard, the imports that bring them, and the counts the SOC figures read.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/disruption.h"
#include "core/figures.h"
#include "core/status.h"
#include "core/threat.h"

namespace rocta {

// A bulk import (the national extract): what came in, from which files, by whom. Its
// audit event names it; the rows it brought carry its id.
struct ImportRecord {
  int64_t id = 0;
  std::string kind;   // "apmis"
  std::string files;  // "threats.csv sha256:…; disruptions.csv sha256:…"
  std::string summary;
  std::string at;
  int64_t by = 0;
};

// Disruptions, and the daily counts the SOC figures read. Every write keeps the counts
// equal to the records in the same transaction. Disruptions are read through their threat
// (app/ checks the reader may read it) or by their recording agency.
class DisruptionRepository {
 public:
  virtual ~DisruptionRepository() = default;
  // Inserts rows whose (recording agency, reference) is new; for each row, its new id, or 0
  // where that reference was already held (the row is then left out).
  virtual Result<std::vector<int64_t>> insert_new(const std::vector<Disruption>& rows) = 0;
  virtual Result<Disruption> get(int64_t id) = 0;
  // NotFound when the agency holds no disruption with that reference.
  virtual Result<Disruption> find(const std::string& agency, const std::string& reference) = 0;
  // Conflict when the stored version is not `d.version - 1`.
  virtual Status update(const Disruption& d) = 0;
  virtual Result<std::vector<Disruption>> of_threat(int64_t threat_id) = 0;  // newest first
  // In id order after `after_id`, at most `limit` (for exports).
  virtual Result<std::vector<Disruption>> scan(int64_t after_id, int limit) = 0;
  // Points rows whose threat was not held at import at the threat that now holds their
  // threat reference (when exactly one does). Returns how many were linked.
  virtual Result<int64_t> link_threats() = 0;
  // Threat references held by exactly one threat, with its id and type (to link rows).
  struct ThreatKey {
    std::string reference;
    int64_t id = 0;
    ThreatType type = ThreatType::kOcg;
  };
  virtual Result<std::vector<ThreatKey>> threat_keys() = 0;

  virtual Result<std::vector<DisruptionGroup>> counts(const std::string& from_day, const std::string& to_day) = 0;
  // Writes the count changes that inserts gathered; done before every read of the counts
  // and by the transaction before it commits.
  virtual Status flush_counts() = 0;
  // Every threat, grouped by what the figures filter and split on.
  virtual Result<std::vector<ThreatGroup>> threat_groups() = 0;

  virtual Result<int64_t> insert_import(const ImportRecord& r) = 0;
  virtual Status finish_import(int64_t id, const std::string& summary) = 0;

  // Many rows at once (an import): rows are staged in this transaction, each with the line
  // it came from (increasing), and applied together by insert_staged(), far faster than
  // insert_new() row by row; the transaction does not commit with rows staged. Each row
  // inserted gets for id its line after the highest id held before. Into an empty table the
  // rows go straight in, and on PostgreSQL readers of the disruptions then wait for the
  // transaction to end (their indexes are rebuilt after the rows). AlreadyExists as for
  // insert_staged().
  virtual Status stage(const std::vector<Disruption>& rows, const std::vector<std::size_t>& lines) = 0;
  // A staged row whose (recording agency, reference) is already held, and the stored row.
  struct HeldRow {
    int64_t line = 0;
    Disruption staged, stored;
  };
  // The held staged rows after `after_line` in line order, at most `limit`. AlreadyExists
  // when a held reference was staged twice.
  virtual Result<std::vector<HeldRow>> staged_held(int64_t after_line, int limit) = 0;
  // Inserts the staged rows that are not held, moves the counts with them and ends the
  // staging; returns how many were inserted. AlreadyExists when a reference was
  // staged twice (first_repeat() says where).
  virtual Result<int64_t> insert_staged() = 0;
  struct Repeat {
    int64_t line = 0;  // the later of the two
    std::string agency, reference;
  };
  // The first staged line whose (recording agency, reference) is on an earlier staged line.
  virtual Result<std::optional<Repeat>> first_repeat() = 0;
};

}  // namespace rocta
