// The store: repository interfaces that app/ uses and adapters implement.
//
// Every read of marked records takes a ReadScope and applies it inside the query, so a
// list, search or count never fetches rows the caller may not read; app/ checks again.
// A "not visible" record is reported exactly as an absent one (NotFound).
//
// Work happens in a Transaction from Store::begin(). Nothing is written until commit();
// a Transaction destroyed without commit rolls back. Write transactions are serialised
// against each other; read transactions see one consistent snapshot.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/audit.h"
#include "core/disruption.h"
#include "core/figures.h"
#include "core/intelligence.h"
#include "core/link.h"
#include "core/master_list.h"
#include "core/nominal.h"
#include "core/organisation.h"
#include "core/policy.h"
#include "core/threat.h"
#include "core/user.h"

namespace rocta {

struct PageRequest {
  int limit = 50;  // 1..200
  int offset = 0;  // >= 0
};

template <typename T>
struct Page {
  std::vector<T> items;
  int64_t total = 0;        // rows matching, all pages together
  bool total_exact = true;  // false: counting stopped at `total`, and more rows than that match
  // A text search whose words are common: > 0 when only the newest this many matches of a
  // kind were ranked and counted (SearchBounds::common).
  int64_t ranked_newest = 0;
};

// How much of a large text match a search reads before it answers: a list with `text`, or
// the search across kinds. The candidates and the count cap trade work for the count's
// precision and decide when the full query runs: the page is exact whatever they are.
// `common` decides what a very common text matches. The defaults are production's; tests
// shrink them to reach every path.
struct SearchBounds {
  // The best matches (by rank, from the text index alone) of each kind read first; the
  // page comes from the visible ones among them when that is provably the exact page.
  // At least candidates_per_row times offset + limit; 0 runs the full query at once.
  int64_t first_candidates = 200;
  // More candidates are read (about as many more as the first round's visible share
  // suggests) until this many; past it the full query runs over every match.
  int64_t max_candidates = 20000;
  // Visible matches counted at most (at least offset + limit); past it the total is a
  // lower bound (Page::total_exact false).
  int64_t count_cap = 1000;
  // Ten: a reader who sees a tenth of what matches still fills the page in one round
  // (each round ranks every match again).
  int64_t candidates_per_row = 10;
  // When a kind's records match the text this many times or more, only its newest this
  // many matches are ranked and counted (Page::ranked_newest), and a typed word that is
  // itself in this many records matches as that word, not as the start of longer ones.
  // FTS5 must score every match to find the best, so ranking 700,000 matches of a common
  // word cannot be fast (docs/performance.md, "Search"). 0: every match, every word a prefix.
  int64_t common = 10000;
};

struct ThreatQuery {
  std::string text;  // full-text terms; all must match (prefixes allowed)
  std::optional<ThreatType> type;
  std::string owning_agency;
  std::optional<int> tier;
  std::optional<bool> county_lines;
  std::string crime_type;
  std::optional<ModerationStatus> moderation;
  bool include_closed = true;
  // The master list: Appendix 2's filter, ordered by MoRiLE score (highest first).
  std::optional<MasterListFilter> master_list;
  std::string owning_region;  // owner's agency in this region
  std::string relevant_to;    // owned by this agency, or shared with it by name
  std::string overdue_on;     // YYYY-MM-DD: only threats whose reassessment was due before it
  PageRequest page;
  SearchBounds bounds;  // with text
};

struct NominalQuery {
  std::string text;
  std::string owning_agency;
  std::string date_of_birth;
  PageRequest page;
  SearchBounds bounds;  // with text
};

struct IntelligenceQuery {
  std::string text;
  std::string owning_agency;
  std::optional<Classification> classification;
  std::vector<std::string> compartments;  // only reports in one of these (empty: no filter)
  PageRequest page;
  SearchBounds bounds;  // with text
};

struct UserRecord {
  User user;
  std::string password_hash;
  std::string created_at;
};

struct SessionRecord {
  std::string token_hash;
  int64_t user_id = 0;
  int64_t created_ms = 0;
  int64_t expires_ms = 0;
  std::string origin;
};

class AgencyRepository {
 public:
  virtual ~AgencyRepository() = default;
  virtual Result<std::vector<Agency>> list() = 0;
  virtual Result<Agency> get(const std::string& code) = 0;
  virtual Status insert(const Agency& a) = 0;  // AlreadyExists on a duplicate code
  virtual Status update(const Agency& a) = 0;
};

class UnitRepository {
 public:
  virtual ~UnitRepository() = default;
  virtual Result<std::vector<Unit>> list(const std::string& agency /* empty: all */) = 0;
  virtual Result<Unit> get(int64_t id) = 0;
  virtual Result<int64_t> insert(const Unit& u) = 0;
  virtual Status update(const Unit& u) = 0;
};

class UserRepository {
 public:
  virtual ~UserRepository() = default;
  virtual Result<UserRecord> get(int64_t id) = 0;
  virtual Result<UserRecord> find_by_username(const std::string& username) = 0;
  virtual Result<Page<UserRecord>> list(const std::string& agency /* empty: all */, const PageRequest& page) = 0;
  virtual Result<int64_t> insert(const UserRecord& u) = 0;
  virtual Status update(const User& u) = 0;
  virtual Status set_password_hash(int64_t id, const std::string& hash) = 0;
  virtual Result<int64_t> count() = 0;
};

class SessionRepository {
 public:
  virtual ~SessionRepository() = default;
  virtual Status insert(const SessionRecord& s) = 0;
  virtual Result<SessionRecord> find(const std::string& token_hash) = 0;
  virtual Status remove(const std::string& token_hash) = 0;
  virtual Status remove_for_user(int64_t user_id) = 0;
  virtual Status remove_expired(int64_t now_ms) = 0;
};

// Repositories for marked records share one shape.
template <typename Record, typename Query>
class MarkedRepository {
 public:
  virtual ~MarkedRepository() = default;
  // NotFound when absent or not admitted by `scope`.
  virtual Result<Record> get(int64_t id, const ReadScope& scope) = 0;
  // What `scope` admits and the query selects, one page. With text: best match first, and
  // the total counted up to query.bounds.count_cap (Page::total_exact); without, an exact total.
  virtual Result<Page<Record>> list(const ReadScope& scope, const Query& query) = 0;
  // Fills nothing in: the caller supplies reference, version, timestamps. Returns the id.
  virtual Result<int64_t> insert(const Record& r) = 0;
  // As insert() for each, in a few statements (a bulk load): the ids follow the highest held,
  // in order. AlreadyExists when a reference is taken; then the transaction may be unusable
  // (on PostgreSQL), so nothing of it should be kept.
  virtual Result<std::vector<int64_t>> insert_many(const std::vector<Record>& records) = 0;
  // Conflict when the stored version is not `r.version - 1`.
  virtual Status update(const Record& r) = 0;
  // Looks up by reference within the owning agency, ignoring scope (for imports).
  virtual Result<int64_t> id_by_reference(const std::string& owner, const std::string& reference) = 0;
  // Every record in id order after `after_id`, at most `limit`, ignoring scope: for the
  // operator's imports and exports only (app/ decides what leaves).
  virtual Result<std::vector<Record>> scan(int64_t after_id, int limit) = 0;
};

using ThreatRepository = MarkedRepository<Threat, ThreatQuery>;
using NominalRepository = MarkedRepository<Nominal, NominalQuery>;
using IntelligenceRepository = MarkedRepository<IntelligenceReport, IntelligenceQuery>;

class LinkRepository {
 public:
  virtual ~LinkRepository() = default;
  virtual Result<int64_t> insert(const Link& l) = 0;  // AlreadyExists for the same ends and relation
  // Links touching `ref` whose other end `scope` admits.
  virtual Result<std::vector<Link>> list_for(const RecordRef& ref, const ReadScope& scope) = 0;
  // Links touching `ref` whose other end `scope` does NOT admit: for signals only (app/
  // tells the reader who holds the far end, never what it is).
  virtual Result<std::vector<Link>> hidden_for(const RecordRef& ref, const ReadScope& scope) = 0;
  // The marking of any record, ignoring scope (to decide on links and writes).
  virtual Result<Marking> marking_of(const RecordRef& ref) = 0;
  virtual Result<Link> get(int64_t id) = 0;  // ignoring scope: app/ decides
  virtual Status remove(int64_t id) = 0;     // NotFound when absent
};

class AuditRepository {
 public:
  virtual ~AuditRepository() = default;
  virtual Result<std::optional<AuditEvent>> last() = 0;
  virtual Status append(const AuditEvent& e) = 0;
  // Events with seq >= from_seq in order, at most `limit`.
  virtual Result<std::vector<AuditEvent>> scan(int64_t from_seq, int limit) = 0;
};

// Per-agency counters for human-readable references ("MPS-OCG-000123").
class CounterRepository {
 public:
  virtual ~CounterRepository() = default;
  virtual Result<int64_t> next(const std::string& agency, const std::string& series) = 0;
};

struct StoredModel {
  int version = 0;
  std::string name;
  std::string definition;  // the model as its JSON text, exactly as loaded
  std::string loaded_at;
  int64_t loaded_by = 0;
};

struct NominationQuery {
  std::optional<NominationStatus> status;
  std::string agency;  // nominating agency; empty: all
  PageRequest page;
};

// Nominations, MoRiLE assessments and the models they were scored with. Nominations and
// assessments are seen through their threat: a reader who may not read the threat sees
// neither.
class MasterListRepository {
 public:
  virtual ~MasterListRepository() = default;
  virtual Status insert_model(const StoredModel& m) = 0;  // AlreadyExists for a known version
  virtual Result<std::vector<StoredModel>> models() = 0;  // by version

  virtual Result<int64_t> insert_nomination(const Nomination& n) = 0;
  virtual Result<Nomination> nomination(int64_t id, const ReadScope& scope) = 0;
  virtual Status update_nomination(const Nomination& n) = 0;
  virtual Result<Page<Nomination>> nominations(const ReadScope& scope, const NominationQuery& q) = 0;
  // Every nomination awaiting assessment that `scope` may see (for the queue figures).
  virtual Result<std::vector<Nomination>> waiting(const ReadScope& scope) = 0;

  // Fills nothing: the caller numbers versions. AlreadyExists for a repeated version.
  virtual Result<int64_t> insert_assessment(const MorileAssessment& a) = 0;
  virtual Result<MorileAssessment> assessment(int64_t id, const ReadScope& scope) = 0;
  virtual Status update_assessment(const MorileAssessment& a) = 0;
  virtual Result<std::vector<MorileAssessment>> assessments_of(int64_t threat_id) = 0;  // by version
  virtual Result<Page<MorileAssessment>> awaiting_moderation(const ReadScope& scope, const PageRequest& page) = 0;
  // Compartments holding material on the threat or on any record linked to it (one step
  // out, and reports on those): names only, never content.
  virtual Result<std::vector<std::string>> compartments_near(int64_t threat_id) = 0;
};

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
class TaskingRepository;  // store/tasking_repository.h
class SharingRepository;  // store/sharing_repository.h
class SearchRepository;   // store/search_repository.h
class LinkageRepository;  // store/linkage_repository.h
class CompartmentGrantRepository;  // store/compartment_grant_repository.h
class HistoryRepository;  // store/history_repository.h
class ThematicDisruptionRepository;  // store/thematic_disruption_repository.h

enum class TxMode { kRead, kWrite };

class Transaction {
 public:
  virtual ~Transaction() = default;
  virtual AgencyRepository& agencies() = 0;
  virtual UnitRepository& units() = 0;
  virtual UserRepository& users() = 0;
  virtual SessionRepository& sessions() = 0;
  virtual ThreatRepository& threats() = 0;
  virtual NominalRepository& nominals() = 0;
  virtual IntelligenceRepository& intelligence() = 0;
  virtual LinkRepository& links() = 0;
  virtual AuditRepository& audit() = 0;
  virtual CounterRepository& counters() = 0;
  virtual MasterListRepository& master_list() = 0;
  virtual DisruptionRepository& disruptions() = 0;
  virtual TaskingRepository& tasking() = 0;
  virtual SharingRepository& sharing() = 0;
  virtual SearchRepository& search() = 0;
  virtual LinkageRepository& linkage() = 0;
  virtual CompartmentGrantRepository& compartment_grants() = 0;
  virtual HistoryRepository& history() = 0;
  virtual ThematicDisruptionRepository& thematic_disruptions() = 0;
  virtual Status commit() = 0;
};

class Store {
 public:
  virtual ~Store() = default;
  virtual Result<std::unique_ptr<Transaction>> begin(TxMode mode) = 0;
  // A consistent copy of the whole store to `path` while it stays online. FailedPrecondition
  // where the database has backup tools of its own to use instead (PostgreSQL).
  virtual Status backup_to(const std::string& path) = 0;
  // For logs, never with a password: "sqlite:/path/to.db", "postgresql://user@host:port/db".
  virtual std::string describe() const = 0;
  // Gathers the query planner's statistics afresh, after a bulk load (outside any
  // transaction). Where the database plans Rocta's queries as well without them, nothing.
  virtual Status analyze() = 0;
};

// Opens the store a URL names: "postgresql://…" or "postgres://…" (a libpq URI; the
// database must exist) or a SQLite file path (optionally "sqlite:PATH", created when new).
// Migrates the schema. Unavailable when the database cannot be reached.
Result<std::unique_ptr<Store>> open_store(const std::string& url);

}  // namespace rocta
