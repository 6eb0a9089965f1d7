#include "store/sqlite/schema.h"

#include <string>
#include <vector>

#include "store/sqlite/sqlite_db.h"

namespace rocta::sqlite {
namespace {

// Append only: a released migration is never edited.
const std::vector<std::string>& migrations() {
  static const std::vector<std::string> kMigrations{
      // 1: organisation, people, records, links, audit.
      R"sql(
CREATE TABLE agencies(
  code TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  kind TEXT NOT NULL,
  region TEXT NOT NULL,
  active INTEGER NOT NULL DEFAULT 1);
CREATE TABLE units(
  id INTEGER PRIMARY KEY,
  agency TEXT NOT NULL REFERENCES agencies(code),
  name TEXT NOT NULL,
  kind TEXT NOT NULL,
  active INTEGER NOT NULL DEFAULT 1,
  UNIQUE(agency, name));
CREATE TABLE unit_serves(
  unit_id INTEGER NOT NULL REFERENCES units(id) ON DELETE CASCADE,
  agency TEXT NOT NULL REFERENCES agencies(code),
  PRIMARY KEY(unit_id, agency));
CREATE TABLE users(
  id INTEGER PRIMARY KEY,
  username TEXT NOT NULL UNIQUE,
  display_name TEXT NOT NULL,
  unit_id INTEGER NOT NULL REFERENCES units(id),
  roles TEXT NOT NULL,
  clearance INTEGER NOT NULL,
  compartments TEXT NOT NULL DEFAULT '',
  password_hash TEXT NOT NULL,
  active INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL);
CREATE TABLE sessions(
  token_hash TEXT PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users(id),
  created_ms INTEGER NOT NULL,
  expires_ms INTEGER NOT NULL,
  origin TEXT NOT NULL);
CREATE INDEX sessions_user ON sessions(user_id);
CREATE TABLE counters(
  agency TEXT NOT NULL,
  series TEXT NOT NULL,
  value INTEGER NOT NULL,
  PRIMARY KEY(agency, series));

CREATE TABLE threats(
  id INTEGER PRIMARY KEY,
  reference TEXT NOT NULL,
  name TEXT NOT NULL,
  description TEXT NOT NULL,
  threat_type TEXT NOT NULL,
  assessment_type TEXT NOT NULL,
  moderation TEXT NOT NULL,
  soc INTEGER NOT NULL,
  tier INTEGER,
  phase TEXT NOT NULL,
  primary_crime_type TEXT NOT NULL,
  county_lines INTEGER NOT NULL,
  morile_score REAL,
  assessment_date TEXT NOT NULL,
  lro_user_id INTEGER,
  owner TEXT NOT NULL REFERENCES agencies(code),
  classification INTEGER NOT NULL,
  sensitive INTEGER NOT NULL,
  handling TEXT NOT NULL,
  handling_conditions TEXT NOT NULL,
  compartment TEXT NOT NULL,
  scope INTEGER NOT NULL,
  version INTEGER NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  created_by INTEGER NOT NULL,
  UNIQUE(owner, reference));
CREATE INDEX threats_scope ON threats(scope, owner);

CREATE TABLE nominals(
  id INTEGER PRIMARY KEY,
  reference TEXT NOT NULL,
  given_names TEXT NOT NULL,
  surname TEXT NOT NULL,
  date_of_birth TEXT NOT NULL,
  sex TEXT NOT NULL,
  aliases TEXT NOT NULL,
  address TEXT NOT NULL,
  postcode TEXT NOT NULL,
  notes TEXT NOT NULL,
  owner TEXT NOT NULL REFERENCES agencies(code),
  classification INTEGER NOT NULL,
  sensitive INTEGER NOT NULL,
  handling TEXT NOT NULL,
  handling_conditions TEXT NOT NULL,
  compartment TEXT NOT NULL,
  scope INTEGER NOT NULL,
  version INTEGER NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  created_by INTEGER NOT NULL,
  UNIQUE(owner, reference));
CREATE INDEX nominals_scope ON nominals(scope, owner);
CREATE INDEX nominals_dob ON nominals(date_of_birth);

CREATE TABLE intelligence(
  id INTEGER PRIMARY KEY,
  reference TEXT NOT NULL,
  title TEXT NOT NULL,
  body TEXT NOT NULL,
  source_evaluation INTEGER NOT NULL,
  intelligence_assessment TEXT NOT NULL,
  received_date TEXT NOT NULL,
  owner TEXT NOT NULL REFERENCES agencies(code),
  classification INTEGER NOT NULL,
  sensitive INTEGER NOT NULL,
  handling TEXT NOT NULL,
  handling_conditions TEXT NOT NULL,
  compartment TEXT NOT NULL,
  scope INTEGER NOT NULL,
  version INTEGER NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  created_by INTEGER NOT NULL,
  UNIQUE(owner, reference));
CREATE INDEX intelligence_scope ON intelligence(scope, owner);

CREATE TABLE record_shares(
  kind TEXT NOT NULL,
  record_id INTEGER NOT NULL,
  agency TEXT NOT NULL REFERENCES agencies(code),
  PRIMARY KEY(kind, record_id, agency));
CREATE INDEX record_shares_agency ON record_shares(agency, kind, record_id);

CREATE TABLE links(
  id INTEGER PRIMARY KEY,
  from_kind TEXT NOT NULL,
  from_id INTEGER NOT NULL,
  to_kind TEXT NOT NULL,
  to_id INTEGER NOT NULL,
  relation TEXT NOT NULL,
  source TEXT NOT NULL,
  observed TEXT NOT NULL,
  created_by INTEGER NOT NULL,
  created_at TEXT NOT NULL,
  UNIQUE(from_kind, from_id, to_kind, to_id, relation));
CREATE INDEX links_to ON links(to_kind, to_id);

CREATE TABLE audit_events(
  seq INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  actor_id INTEGER NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  record_kind TEXT NOT NULL,
  record_id INTEGER NOT NULL,
  origin TEXT NOT NULL,
  purpose TEXT NOT NULL,
  detail TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL);
-- Append-only: the database itself refuses edits and deletions of audit events.
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit_events
  BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit_events
  BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END;

-- Full-text search, kept in step with the tables by triggers.
CREATE VIRTUAL TABLE threats_fts USING fts5(reference, name, description, content='threats', content_rowid='id',
  tokenize='unicode61 remove_diacritics 2');
CREATE TRIGGER threats_ai AFTER INSERT ON threats BEGIN
  INSERT INTO threats_fts(rowid, reference, name, description) VALUES (new.id, new.reference, new.name, new.description);
END;
CREATE TRIGGER threats_au AFTER UPDATE ON threats BEGIN
  INSERT INTO threats_fts(threats_fts, rowid, reference, name, description) VALUES ('delete', old.id, old.reference, old.name, old.description);
  INSERT INTO threats_fts(rowid, reference, name, description) VALUES (new.id, new.reference, new.name, new.description);
END;
CREATE VIRTUAL TABLE nominals_fts USING fts5(reference, given_names, surname, aliases, address, postcode,
  content='nominals', content_rowid='id', tokenize='unicode61 remove_diacritics 2');
CREATE TRIGGER nominals_ai AFTER INSERT ON nominals BEGIN
  INSERT INTO nominals_fts(rowid, reference, given_names, surname, aliases, address, postcode)
  VALUES (new.id, new.reference, new.given_names, new.surname, new.aliases, new.address, new.postcode);
END;
CREATE TRIGGER nominals_au AFTER UPDATE ON nominals BEGIN
  INSERT INTO nominals_fts(nominals_fts, rowid, reference, given_names, surname, aliases, address, postcode)
  VALUES ('delete', old.id, old.reference, old.given_names, old.surname, old.aliases, old.address, old.postcode);
  INSERT INTO nominals_fts(rowid, reference, given_names, surname, aliases, address, postcode)
  VALUES (new.id, new.reference, new.given_names, new.surname, new.aliases, new.address, new.postcode);
END;
CREATE VIRTUAL TABLE intelligence_fts USING fts5(reference, title, body, content='intelligence', content_rowid='id',
  tokenize='unicode61 remove_diacritics 2');
CREATE TRIGGER intelligence_ai AFTER INSERT ON intelligence BEGIN
  INSERT INTO intelligence_fts(rowid, reference, title, body) VALUES (new.id, new.reference, new.title, new.body);
END;
CREATE TRIGGER intelligence_au AFTER UPDATE ON intelligence BEGIN
  INSERT INTO intelligence_fts(intelligence_fts, rowid, reference, title, body) VALUES ('delete', old.id, old.reference, old.title, old.body);
  INSERT INTO intelligence_fts(rowid, reference, title, body) VALUES (new.id, new.reference, new.title, new.body);
END;
)sql",
      // 2: narrow covering indexes of the access columns and the list orders, so that a
      // list or count scans the policy columns without reading whole records.
      R"sql(
CREATE INDEX threats_access ON threats(scope, owner, classification, compartment, sensitive, tier, reference);
CREATE INDEX nominals_access ON nominals(scope, owner, classification, compartment, sensitive, surname, given_names);
CREATE INDEX intelligence_access ON intelligence(scope, owner, classification, compartment, sensitive, received_date);
)sql",
      // 3: the master list: MoRiLE models, nominations, versioned assessments.
      R"sql(
CREATE TABLE morile_models(
  version INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  definition TEXT NOT NULL,
  loaded_at TEXT NOT NULL,
  loaded_by INTEGER NOT NULL);
CREATE TABLE nominations(
  id INTEGER PRIMARY KEY,
  threat_id INTEGER NOT NULL REFERENCES threats(id),
  unit_id INTEGER NOT NULL REFERENCES units(id),
  agency TEXT NOT NULL REFERENCES agencies(code),
  nominated_by INTEGER NOT NULL,
  nominated_at_ms INTEGER NOT NULL,
  provisional_priority INTEGER NOT NULL,
  rationale TEXT NOT NULL,
  status TEXT NOT NULL,
  outcome_reason TEXT NOT NULL,
  merged_into INTEGER NOT NULL,
  decided_by INTEGER NOT NULL,
  decided_at_ms INTEGER NOT NULL);
CREATE INDEX nominations_status ON nominations(status, nominated_at_ms);
CREATE INDEX nominations_threat ON nominations(threat_id);
CREATE TABLE assessments(
  id INTEGER PRIMARY KEY,
  threat_id INTEGER NOT NULL REFERENCES threats(id),
  version INTEGER NOT NULL,
  model_version INTEGER NOT NULL REFERENCES morile_models(version),
  factors TEXT NOT NULL,
  base_harm INTEGER NOT NULL,
  total_harm REAL NOT NULL,
  likelihood_score INTEGER NOT NULL,
  risk REAL NOT NULL,
  org_position INTEGER NOT NULL,
  priority REAL NOT NULL,
  tier INTEGER NOT NULL,
  assessment_type TEXT NOT NULL,
  assessor_id INTEGER NOT NULL,
  assessed_at_ms INTEGER NOT NULL,
  reassess_by TEXT NOT NULL,
  siu_signal INTEGER NOT NULL,
  status TEXT NOT NULL,
  moderator_id INTEGER NOT NULL,
  moderated_at_ms INTEGER NOT NULL,
  moderation_note TEXT NOT NULL,
  moderated_tier INTEGER,
  UNIQUE(threat_id, version));
CREATE INDEX assessments_status ON assessments(status);
ALTER TABLE threats ADD COLUMN reassess_by TEXT NOT NULL DEFAULT '';
ALTER TABLE assessments ADD COLUMN siu_compartments TEXT NOT NULL DEFAULT '';
CREATE INDEX threats_score ON threats(morile_score);
)sql",
      // 4: disruptions to the national standard (every outcome kept), their daily counts for
      // the SOC figures, the imports of the national extract, and extract columns Rocta
      // does not know, kept on threats.
      R"sql(
ALTER TABLE threats ADD COLUMN extra TEXT NOT NULL DEFAULT '';
CREATE INDEX threats_reference ON threats(reference);
CREATE TABLE imports(
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL,
  files TEXT NOT NULL,
  summary TEXT NOT NULL,
  at TEXT NOT NULL,
  by_user INTEGER NOT NULL);
CREATE TABLE disruptions(
  id INTEGER PRIMARY KEY,
  reference TEXT NOT NULL,
  recording_agency TEXT NOT NULL REFERENCES agencies(code),
  threat_id INTEGER REFERENCES threats(id),
  threat_reference TEXT NOT NULL,
  threat_type TEXT NOT NULL,
  role TEXT NOT NULL,
  supports INTEGER REFERENCES disruptions(id),
  record_date TEXT NOT NULL,
  category TEXT NOT NULL,
  justification TEXT NOT NULL,
  outcomes TEXT NOT NULL,
  principal TEXT NOT NULL,
  threat_category TEXT NOT NULL,
  description TEXT NOT NULL,
  prompts TEXT NOT NULL,
  extra TEXT NOT NULL,
  import_id INTEGER NOT NULL,
  version INTEGER NOT NULL,
  created_at TEXT NOT NULL,
  created_by INTEGER NOT NULL,
  UNIQUE(recording_agency, reference));
CREATE INDEX disruptions_threat ON disruptions(threat_id, record_date);
CREATE TABLE disruption_counts(
  agency TEXT NOT NULL,
  day TEXT NOT NULL,
  role TEXT NOT NULL,
  category TEXT NOT NULL,
  outcome TEXT NOT NULL,
  threat_category TEXT NOT NULL,
  n INTEGER NOT NULL,
  PRIMARY KEY(agency, day, role, category, outcome, threat_category)) WITHOUT ROWID;
CREATE INDEX disruption_counts_day ON disruption_counts(day);
)sql",
      // 5: tasking: control strategy, meetings, decisions, escalations, tasks, 4P plans, threat areas.
      R"sql(
CREATE TABLE control_priorities(
  id INTEGER PRIMARY KEY,
  agency TEXT NOT NULL REFERENCES agencies(code),
  rank INTEGER NOT NULL,
  title TEXT NOT NULL,
  description TEXT NOT NULL,
  crime_type TEXT NOT NULL,
  effective_from TEXT NOT NULL,
  effective_to TEXT NOT NULL,
  set_by INTEGER NOT NULL,
  set_at_ms INTEGER NOT NULL);
CREATE INDEX control_priorities_agency ON control_priorities(agency, rank);
CREATE TABLE tasking_meetings(
  id INTEGER PRIMARY KEY,
  agency TEXT NOT NULL REFERENCES agencies(code),
  unit_id INTEGER NOT NULL REFERENCES units(id),
  level TEXT NOT NULL,
  title TEXT NOT NULL,
  held_on TEXT NOT NULL,
  chair_id INTEGER NOT NULL,
  tactical_assessment TEXT NOT NULL,
  created_by INTEGER NOT NULL,
  created_at_ms INTEGER NOT NULL);
CREATE INDEX tasking_meetings_agency ON tasking_meetings(agency, held_on);
CREATE TABLE tasking_decisions(
  id INTEGER PRIMARY KEY,
  agency TEXT NOT NULL REFERENCES agencies(code),
  meeting_id INTEGER NOT NULL,
  escalation_id INTEGER NOT NULL,
  threat_id INTEGER NOT NULL,
  decision TEXT NOT NULL,
  rationale TEXT NOT NULL,
  decided_by INTEGER NOT NULL,
  decided_by_name TEXT NOT NULL,
  decided_at_ms INTEGER NOT NULL,
  ratified_in INTEGER NOT NULL,
  ratified_by INTEGER NOT NULL,
  ratified_at_ms INTEGER NOT NULL);
CREATE INDEX tasking_decisions_agency ON tasking_decisions(agency, meeting_id, ratified_in);
CREATE TABLE escalations(
  id INTEGER PRIMARY KEY,
  agency TEXT NOT NULL REFERENCES agencies(code),
  direction TEXT NOT NULL,
  from_unit_id INTEGER NOT NULL REFERENCES units(id),
  to_unit_id INTEGER NOT NULL REFERENCES units(id),
  threat_id INTEGER NOT NULL,
  request TEXT NOT NULL,
  support TEXT NOT NULL,
  raised_by INTEGER NOT NULL,
  raised_at_ms INTEGER NOT NULL,
  decide_by TEXT NOT NULL,
  status TEXT NOT NULL,
  decision_id INTEGER NOT NULL,
  decided_at_ms INTEGER NOT NULL);
CREATE INDEX escalations_to ON escalations(to_unit_id, status);
CREATE TABLE tasks(
  id INTEGER PRIMARY KEY,
  agency TEXT NOT NULL REFERENCES agencies(code),
  title TEXT NOT NULL,
  detail TEXT NOT NULL,
  assigned_agency TEXT NOT NULL REFERENCES agencies(code),
  assigned_unit_id INTEGER NOT NULL,
  owner TEXT NOT NULL,
  threat_id INTEGER NOT NULL,
  decision_id INTEGER NOT NULL,
  deadline TEXT NOT NULL,
  status TEXT NOT NULL,
  created_by INTEGER NOT NULL,
  created_at_ms INTEGER NOT NULL,
  updated_at_ms INTEGER NOT NULL,
  version INTEGER NOT NULL);
CREATE INDEX tasks_assigned ON tasks(assigned_agency, status, deadline);
CREATE INDEX tasks_agency ON tasks(agency, status, deadline);
CREATE TABLE task_updates(
  id INTEGER PRIMARY KEY,
  task_id INTEGER NOT NULL REFERENCES tasks(id),
  by_user INTEGER NOT NULL,
  by_name TEXT NOT NULL,
  by_agency TEXT NOT NULL,
  at_ms INTEGER NOT NULL,
  status TEXT NOT NULL,
  note TEXT NOT NULL);
CREATE INDEX task_updates_task ON task_updates(task_id);
CREATE TABLE four_p_plans(
  id INTEGER PRIMARY KEY,
  threat_id INTEGER NOT NULL UNIQUE REFERENCES threats(id),
  agency TEXT NOT NULL REFERENCES agencies(code),
  lro_user_id INTEGER NOT NULL,
  aim TEXT NOT NULL,
  next_review TEXT NOT NULL,
  closed INTEGER NOT NULL,
  created_by INTEGER NOT NULL,
  created_at_ms INTEGER NOT NULL);
CREATE TABLE plan_actions(
  id INTEGER PRIMARY KEY,
  plan_id INTEGER NOT NULL REFERENCES four_p_plans(id),
  p TEXT NOT NULL,
  description TEXT NOT NULL,
  owner_agency TEXT NOT NULL REFERENCES agencies(code),
  owner TEXT NOT NULL,
  partner INTEGER NOT NULL,
  due TEXT NOT NULL,
  done INTEGER NOT NULL);
CREATE INDEX plan_actions_plan ON plan_actions(plan_id);
CREATE TABLE plan_reviews(
  id INTEGER PRIMARY KEY,
  plan_id INTEGER NOT NULL REFERENCES four_p_plans(id),
  reviewed_by INTEGER NOT NULL,
  reviewed_at_ms INTEGER NOT NULL,
  note TEXT NOT NULL,
  next_review TEXT NOT NULL);
CREATE INDEX plan_reviews_plan ON plan_reviews(plan_id);
CREATE TABLE threat_areas(
  threat_id INTEGER PRIMARY KEY REFERENCES threats(id),
  unit_id INTEGER NOT NULL REFERENCES units(id));
CREATE INDEX threat_areas_unit ON threat_areas(unit_id);
)sql",
      // 6: monthly counts of disruptions beside the daily ones: the SOC figures read whole
      // months here and only the days at a year's ragged ends from the daily counts.
      R"sql(
CREATE TABLE disruption_months(
  agency TEXT NOT NULL,
  month TEXT NOT NULL,
  role TEXT NOT NULL,
  category TEXT NOT NULL,
  outcome TEXT NOT NULL,
  threat_category TEXT NOT NULL,
  n INTEGER NOT NULL,
  PRIMARY KEY(agency, month, role, category, outcome, threat_category)) WITHOUT ROWID;
INSERT INTO disruption_months(agency, month, role, category, outcome, threat_category, n)
  SELECT agency, substr(day, 1, 7), role, category, outcome, threat_category, sum(n) FROM disruption_counts
  GROUP BY agency, substr(day, 1, 7), role, category, outcome, threat_category;
)sql",
      // 7: intelligence from sensitive sources, SIUs with compartments of their own,
      // sharing agreements, signalling rules, releases, disseminations, access requests.
      R"sql(
ALTER TABLE intelligence ADD COLUMN source_type TEXT NOT NULL DEFAULT 'police';
ALTER TABLE intelligence ADD COLUMN originating_agency TEXT NOT NULL DEFAULT '';
ALTER TABLE intelligence ADD COLUMN sanitised_from INTEGER NOT NULL DEFAULT 0;
ALTER TABLE intelligence ADD COLUMN mentions TEXT NOT NULL DEFAULT '';
UPDATE intelligence SET originating_agency = owner;
ALTER TABLE units ADD COLUMN compartment TEXT NOT NULL DEFAULT '';
CREATE TABLE sharing_agreements(
  id INTEGER PRIMARY KEY,
  giver TEXT NOT NULL REFERENCES agencies(code),
  receiver TEXT NOT NULL REFERENCES agencies(code),
  max_classification INTEGER NOT NULL,
  min_scope INTEGER NOT NULL,
  purpose TEXT NOT NULL,
  signals INTEGER NOT NULL,
  active INTEGER NOT NULL,
  version INTEGER NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  created_by INTEGER NOT NULL,
  UNIQUE(giver, receiver));
CREATE INDEX sharing_agreements_receiver ON sharing_agreements(receiver);
CREATE TABLE signal_rules(
  holder TEXT PRIMARY KEY REFERENCES agencies(code),
  audience TEXT NOT NULL);
CREATE TABLE intelligence_releases(
  id INTEGER PRIMARY KEY,
  source_id INTEGER NOT NULL REFERENCES intelligence(id),
  released_id INTEGER NOT NULL UNIQUE REFERENCES intelligence(id),
  decided_by INTEGER NOT NULL,
  decided_ms INTEGER NOT NULL,
  rationale TEXT NOT NULL);
CREATE INDEX intelligence_releases_source ON intelligence_releases(source_id);
CREATE TABLE disseminations(
  id INTEGER PRIMARY KEY,
  report_id INTEGER NOT NULL REFERENCES intelligence(id),
  to_agency TEXT NOT NULL REFERENCES agencies(code),
  to_unit_id INTEGER NOT NULL,
  by_user INTEGER NOT NULL,
  at_ms INTEGER NOT NULL,
  note TEXT NOT NULL);
CREATE INDEX disseminations_report ON disseminations(report_id);
CREATE TABLE access_requests(
  id INTEGER PRIMARY KEY,
  requester_id INTEGER NOT NULL REFERENCES users(id),
  requester_agency TEXT NOT NULL,
  record_kind TEXT NOT NULL,
  record_id INTEGER NOT NULL,
  holder_agency TEXT NOT NULL,
  compartment TEXT NOT NULL,
  purpose TEXT NOT NULL,
  status TEXT NOT NULL,
  decided_by INTEGER NOT NULL,
  decision_note TEXT NOT NULL,
  created_ms INTEGER NOT NULL,
  decided_ms INTEGER NOT NULL);
CREATE INDEX access_requests_holder ON access_requests(holder_agency, status);
CREATE INDEX access_requests_requester ON access_requests(requester_id);
)sql",
      // 8 (PostgreSQL 7): record linkage. Runs of the engine over every nominal, the
      // matches it found (or a lookup found) with what people decided about each, and the
      // values administrators ruled out as evidence.
      R"sql(
CREATE TABLE match_runs(
  id INTEGER PRIMARY KEY,
  started_ms INTEGER NOT NULL,
  finished_ms INTEGER NOT NULL,
  by_user INTEGER NOT NULL,
  nominals INTEGER NOT NULL,
  candidate_pairs INTEGER NOT NULL,
  linked INTEGER NOT NULL,
  review INTEGER NOT NULL,
  kept_decisions INTEGER NOT NULL,
  withdrawn INTEGER NOT NULL);
CREATE TABLE nominal_matches(
  id INTEGER PRIMARY KEY,
  nominal_a INTEGER NOT NULL REFERENCES nominals(id),
  nominal_b INTEGER NOT NULL REFERENCES nominals(id),
  probability REAL NOT NULL,
  weight REAL NOT NULL,
  explanation TEXT NOT NULL,
  status TEXT NOT NULL,
  found_by TEXT NOT NULL,
  run_id INTEGER NOT NULL,
  found_ms INTEGER NOT NULL,
  decided_by INTEGER NOT NULL,
  decided_ms INTEGER NOT NULL,
  decision_note TEXT NOT NULL,
  version INTEGER NOT NULL,
  CHECK(nominal_a < nominal_b),
  UNIQUE(nominal_a, nominal_b));
CREATE INDEX nominal_matches_b ON nominal_matches(nominal_b);
CREATE INDEX nominal_matches_status ON nominal_matches(status, probability);
CREATE TABLE match_exclusions(
  id INTEGER PRIMARY KEY,
  field TEXT NOT NULL,
  value TEXT NOT NULL,
  reason TEXT NOT NULL,
  added_by INTEGER NOT NULL,
  added_ms INTEGER NOT NULL,
  UNIQUE(field, value));
)sql",
      // 9 (PostgreSQL 8): proposals to give a user an SIU compartment, decided by the SIU.
      R"sql(
CREATE TABLE compartment_grants(
  id INTEGER PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users(id),
  username TEXT NOT NULL,
  user_agency TEXT NOT NULL,
  compartment TEXT NOT NULL,
  reason TEXT NOT NULL,
  proposed_by INTEGER NOT NULL,
  proposed_by_name TEXT NOT NULL,
  proposed_ms INTEGER NOT NULL,
  status TEXT NOT NULL,
  decided_by INTEGER NOT NULL,
  decided_by_name TEXT NOT NULL,
  decided_ms INTEGER NOT NULL,
  decision_note TEXT NOT NULL);
CREATE INDEX compartment_grants_compartment ON compartment_grants(compartment, status);
CREATE INDEX compartment_grants_user ON compartment_grants(user_id);
)sql",
      // 10 (PostgreSQL 9): each threat's history, for figures as at a past day (report soc
      // --as-of): a version per write that changes what the figures count, written by
      // trigger whatever wrote the threat. Threats recorded before this migration start
      // with their state now, stamped with their creation.
      R"sql(
CREATE TABLE threat_history(
  seq INTEGER PRIMARY KEY,
  threat_id INTEGER NOT NULL,
  recorded_at TEXT NOT NULL,
  owner TEXT NOT NULL,
  threat_type TEXT NOT NULL,
  assessment_type TEXT NOT NULL,
  moderation TEXT NOT NULL,
  soc INTEGER NOT NULL,
  tier INTEGER,
  phase TEXT NOT NULL,
  primary_crime_type TEXT NOT NULL,
  county_lines INTEGER NOT NULL);
CREATE INDEX threat_history_recorded ON threat_history(recorded_at, threat_id);
INSERT INTO threat_history(threat_id, recorded_at, owner, threat_type, assessment_type, moderation, soc, tier, phase, primary_crime_type, county_lines)
  SELECT id, created_at, owner, threat_type, assessment_type, moderation, soc, tier, phase, primary_crime_type, county_lines
  FROM threats ORDER BY id;
CREATE TRIGGER threats_history_insert AFTER INSERT ON threats BEGIN
  INSERT INTO threat_history(threat_id, recorded_at, owner, threat_type, assessment_type, moderation, soc, tier, phase, primary_crime_type, county_lines) VALUES (NEW.id, NEW.updated_at, NEW.owner, NEW.threat_type, NEW.assessment_type, NEW.moderation, NEW.soc, NEW.tier, NEW.phase, NEW.primary_crime_type, NEW.county_lines);
END;
CREATE TRIGGER threats_history_update AFTER UPDATE ON threats WHEN OLD.owner IS NOT NEW.owner OR OLD.threat_type IS NOT NEW.threat_type OR OLD.assessment_type IS NOT NEW.assessment_type OR OLD.moderation IS NOT NEW.moderation OR OLD.soc IS NOT NEW.soc OR OLD.tier IS NOT NEW.tier OR OLD.phase IS NOT NEW.phase OR OLD.primary_crime_type IS NOT NEW.primary_crime_type OR OLD.county_lines IS NOT NEW.county_lines BEGIN
  INSERT INTO threat_history(threat_id, recorded_at, owner, threat_type, assessment_type, moderation, soc, tier, phase, primary_crime_type, county_lines) VALUES (NEW.id, NEW.updated_at, NEW.owner, NEW.threat_type, NEW.assessment_type, NEW.moderation, NEW.soc, NEW.tier, NEW.phase, NEW.primary_crime_type, NEW.county_lines);
END;
)sql",
      // 11 (PostgreSQL 10): thematic disruptions, prevent and protect work recorded by
      // crime type and area rather than against one threat; counted apart from Appendix 2.
      R"sql(
CREATE TABLE thematic_disruptions(
  id INTEGER PRIMARY KEY,
  recording_agency TEXT NOT NULL REFERENCES agencies(code),
  crime_type TEXT NOT NULL,
  area TEXT NOT NULL,
  record_date TEXT NOT NULL,
  outcome TEXT NOT NULL,
  activity TEXT NOT NULL,
  reached INTEGER NOT NULL,
  created_by INTEGER NOT NULL,
  created_at TEXT NOT NULL);
CREATE INDEX thematic_disruptions_date ON thematic_disruptions(record_date);
)sql",
  };
  return kMigrations;
}

}  // namespace

int latest_schema_version() { return static_cast<int>(migrations().size()); }

namespace {

Result<int> user_version(Connection& db) {
  ROCTA_ASSIGN_OR_RETURN(Statement * v, db.prepare("PRAGMA user_version"));
  ROCTA_ASSIGN_OR_RETURN(bool row, v->step());
  const int current = row ? static_cast<int>(v->int_at(0)) : 0;
  v->reset();
  return current;
}

Status refuse_newer(int current) {
  if (current <= latest_schema_version()) return Status::ok();
  return Status(Code::kFailedPrecondition, "the database was written by a newer Rocta (schema " + std::to_string(current) +
                                               "); upgrade Rocta to open it");
}

}  // namespace

Status migrate(Connection& db) {
  ROCTA_ASSIGN_OR_RETURN(int current, user_version(db));
  ROCTA_RETURN_IF_ERROR(refuse_newer(current));
  while (current < latest_schema_version()) {
    ROCTA_RETURN_IF_ERROR(db.exec("BEGIN IMMEDIATE"));
    // Read again under the write lock: another process opening the same new file may
    // have applied this migration since.
    auto again = user_version(db);
    Status s = again.is_ok() ? refuse_newer(*again) : again.status();
    if (s.is_ok() && *again == current) {
      s = db.exec(migrations()[static_cast<size_t>(current)]);
      if (s.is_ok()) s = db.exec("PRAGMA user_version = " + std::to_string(current + 1));
      if (!s.is_ok()) s = Status(Code::kInternal, "migration " + std::to_string(current + 1) + " failed: " + s.message());
    }
    if (!s.is_ok()) {
      (void)db.exec("ROLLBACK");
      return s;
    }
    ROCTA_RETURN_IF_ERROR(db.exec("COMMIT"));
    ROCTA_ASSIGN_OR_RETURN(current, user_version(db));
  }
  return Status::ok();
}

}  // namespace rocta::sqlite
