#include "store/sql/migrations.h"

#include <utility>

namespace rocta::sql {

namespace {

// Append only: a released migration is never edited (its text may be rearranged only where
// both renderings stay byte for byte what they were: tests/store/migrations_test.cc).
//
// How a migration reads: one text for both databases. A line that starts with "@sqlite " or
// "@pg " belongs to that database alone (full-text search, triggers, indexes that differ);
// the types are written as tokens that each database spells its own way (kTypes below).
// Timestamps stay ISO text as app/ writes them, because the audit chain hashes them as text.
const std::vector<Migration>& all_migrations() {
  static const std::vector<Migration> kMigrations{
      {1,
       "organisation, people, records, links, audit; on PostgreSQL also the full-text search and the access indexes",
       R"sql(
CREATE TABLE agencies(
  code {text} PRIMARY KEY,
  name {text} NOT NULL,
  kind {text} NOT NULL,
  region {text} NOT NULL,
  active {bool} NOT NULL DEFAULT {true});
CREATE TABLE units(
  id {id},
  agency {text} NOT NULL REFERENCES agencies(code),
  name {text} NOT NULL,
  kind {text} NOT NULL,
  active {bool} NOT NULL DEFAULT {true},
  UNIQUE(agency, name));
CREATE TABLE unit_serves(
  unit_id {int} NOT NULL REFERENCES units(id) ON DELETE CASCADE,
  agency {text} NOT NULL REFERENCES agencies(code),
  PRIMARY KEY(unit_id, agency));
CREATE TABLE users(
  id {id},
  username {text} NOT NULL UNIQUE,
  display_name {text} NOT NULL,
  unit_id {int} NOT NULL REFERENCES units(id),
  roles {text} NOT NULL,
  clearance {small} NOT NULL,
  compartments {text} NOT NULL DEFAULT '',
  password_hash {text} NOT NULL,
  active {bool} NOT NULL DEFAULT {true},
  created_at {text} NOT NULL);
@pg CREATE INDEX users_unit ON users(unit_id);
CREATE TABLE sessions(
  token_hash {text} PRIMARY KEY,
  user_id {int} NOT NULL REFERENCES users(id),
  created_ms {int} NOT NULL,
  expires_ms {int} NOT NULL,
  origin {text} NOT NULL);
CREATE INDEX sessions_user ON sessions(user_id);
@pg CREATE INDEX sessions_expiry ON sessions(expires_ms);
CREATE TABLE counters(
  agency {text} NOT NULL,
  series {text} NOT NULL,
  value {int} NOT NULL,
  PRIMARY KEY(agency, series));

@pg -- Full-text search: what SQLite's FTS5 unicode61 tokenizer (remove_diacritics 2) does.
@pg -- Every ASCII character that is not a letter or digit separates words (the query side
@pg -- cuts words the same way, in store/sql/sql.cc search_words), case and accents fold, and
@pg -- no word is dropped as a stop word.
@pg CREATE EXTENSION IF NOT EXISTS unaccent;
@pg CREATE TEXT SEARCH CONFIGURATION rocta_search (COPY = pg_catalog.simple);
@pg ALTER TEXT SEARCH CONFIGURATION rocta_search
@pg   ALTER MAPPING FOR asciiword, word, numword, asciihword, hword, numhword, hword_asciipart, hword_part, hword_numpart
@pg   WITH unaccent, simple;
@pg CREATE FUNCTION rocta_search_vector(document text) RETURNS tsvector
@pg   LANGUAGE sql IMMUTABLE PARALLEL SAFE
@pg   RETURN to_tsvector('rocta_search'::regconfig,
@pg                      regexp_replace(document, '[\x01-\x2F\x3A-\x40\x5B-\x60\x7B-\x7F]+', ' ', 'g'));
@pg 
CREATE TABLE threats(
  id {id},
  reference {text} NOT NULL,
  name {text} NOT NULL,
  description {text} NOT NULL,
  threat_type {text} NOT NULL,
  assessment_type {text} NOT NULL,
  moderation {text} NOT NULL,
  soc {bool} NOT NULL,
  tier {int32},
  phase {text} NOT NULL,
  primary_crime_type {text} NOT NULL,
  county_lines {bool} NOT NULL,
  morile_score {real},
  assessment_date {text} NOT NULL,
  lro_user_id {int},
  owner {text} NOT NULL REFERENCES agencies(code),
  classification {small} NOT NULL,
  sensitive {bool} NOT NULL,
  handling {text} NOT NULL,
  handling_conditions {text} NOT NULL,
  compartment {text} NOT NULL,
  scope {small} NOT NULL,
  version {int} NOT NULL,
  created_at {text} NOT NULL,
  updated_at {text} NOT NULL,
  created_by {int} NOT NULL,
@pg   search tsvector GENERATED ALWAYS AS (rocta_search_vector(reference || ' ' || name || ' ' || description)) STORED,
  UNIQUE(owner, reference));
@sqlite CREATE INDEX threats_scope ON threats(scope, owner);

CREATE TABLE nominals(
  id {id},
  reference {text} NOT NULL,
  given_names {text} NOT NULL,
  surname {text} NOT NULL,
  date_of_birth {text} NOT NULL,
  sex {text} NOT NULL,
  aliases {text} NOT NULL,
  address {text} NOT NULL,
  postcode {text} NOT NULL,
  notes {text} NOT NULL,
  owner {text} NOT NULL REFERENCES agencies(code),
  classification {small} NOT NULL,
  sensitive {bool} NOT NULL,
  handling {text} NOT NULL,
  handling_conditions {text} NOT NULL,
  compartment {text} NOT NULL,
  scope {small} NOT NULL,
  version {int} NOT NULL,
  created_at {text} NOT NULL,
  updated_at {text} NOT NULL,
  created_by {int} NOT NULL,
@pg   search tsvector GENERATED ALWAYS AS (rocta_search_vector(
@pg     reference || ' ' || given_names || ' ' || surname || ' ' || aliases || ' ' || address || ' ' || postcode)) STORED,
  UNIQUE(owner, reference));
@sqlite CREATE INDEX nominals_scope ON nominals(scope, owner);
CREATE INDEX nominals_dob ON nominals(date_of_birth);

CREATE TABLE intelligence(
  id {id},
  reference {text} NOT NULL,
  title {text} NOT NULL,
  body {text} NOT NULL,
  source_evaluation {small} NOT NULL,
  intelligence_assessment {text} NOT NULL,
  received_date {text} NOT NULL,
  owner {text} NOT NULL REFERENCES agencies(code),
  classification {small} NOT NULL,
  sensitive {bool} NOT NULL,
  handling {text} NOT NULL,
  handling_conditions {text} NOT NULL,
  compartment {text} NOT NULL,
  scope {small} NOT NULL,
  version {int} NOT NULL,
  created_at {text} NOT NULL,
  updated_at {text} NOT NULL,
  created_by {int} NOT NULL,
@pg   search tsvector GENERATED ALWAYS AS (rocta_search_vector(reference || ' ' || title || ' ' || body)) STORED,
  UNIQUE(owner, reference));
@sqlite CREATE INDEX intelligence_scope ON intelligence(scope, owner);
@pg 
@pg CREATE INDEX threats_search ON threats USING gin(search);
@pg CREATE INDEX nominals_search ON nominals USING gin(search);
@pg CREATE INDEX intelligence_search ON intelligence USING gin(search);
@pg 
@pg -- Narrow indexes of the access columns and the list orders, so that a list or count reads
@pg -- the policy columns without whole records.
@pg CREATE INDEX threats_access ON threats(scope, owner, classification, compartment, sensitive, tier, reference);
@pg CREATE INDEX nominals_access ON nominals(scope, owner, classification, compartment, sensitive, surname, given_names);
@pg CREATE INDEX intelligence_access ON intelligence(scope, owner, classification, compartment, sensitive, received_date);

CREATE TABLE record_shares(
  kind {text} NOT NULL,
  record_id {int} NOT NULL,
  agency {text} NOT NULL REFERENCES agencies(code),
  PRIMARY KEY(kind, record_id, agency));
CREATE INDEX record_shares_agency ON record_shares(agency, kind, record_id);

CREATE TABLE links(
  id {id},
  from_kind {text} NOT NULL,
  from_id {int} NOT NULL,
  to_kind {text} NOT NULL,
  to_id {int} NOT NULL,
  relation {text} NOT NULL,
  source {text} NOT NULL,
  observed {text} NOT NULL,
  created_by {int} NOT NULL,
  created_at {text} NOT NULL,
  UNIQUE(from_kind, from_id, to_kind, to_id, relation));
CREATE INDEX links_to ON links(to_kind, to_id);

CREATE TABLE audit_events(
@sqlite   seq INTEGER PRIMARY KEY,
@pg   seq bigint PRIMARY KEY,
  at {text} NOT NULL,
  actor_id {int} NOT NULL,
  actor {text} NOT NULL,
  action {text} NOT NULL,
  record_kind {text} NOT NULL,
  record_id {int} NOT NULL,
  origin {text} NOT NULL,
  purpose {text} NOT NULL,
  detail {text} NOT NULL,
  prev_hash {text} NOT NULL,
  hash {text} NOT NULL);
@sqlite -- Append-only: the database itself refuses edits and deletions of audit events.
@sqlite CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit_events
@sqlite   BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END;
@sqlite CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit_events
@sqlite   BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END;
@pg -- Append-only: the database itself refuses edits, deletions and truncation of audit
@pg -- events, with an integrity error (as SQLite's RAISE(ABORT) is a constraint error).
@pg CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
@pg BEGIN
@pg   RAISE EXCEPTION 'audit events are append-only' USING ERRCODE = 'restrict_violation';
@pg END
@pg $$;
@pg CREATE TRIGGER audit_no_update_or_delete BEFORE UPDATE OR DELETE ON audit_events
@pg   FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();
@pg CREATE TRIGGER audit_no_truncate BEFORE TRUNCATE ON audit_events
@pg   FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only();

@sqlite -- Full-text search, kept in step with the tables by triggers.
@sqlite CREATE VIRTUAL TABLE threats_fts USING fts5(reference, name, description, content='threats', content_rowid='id',
@sqlite   tokenize='unicode61 remove_diacritics 2');
@sqlite CREATE TRIGGER threats_ai AFTER INSERT ON threats BEGIN
@sqlite   INSERT INTO threats_fts(rowid, reference, name, description) VALUES (new.id, new.reference, new.name, new.description);
@sqlite END;
@sqlite CREATE TRIGGER threats_au AFTER UPDATE ON threats BEGIN
@sqlite   INSERT INTO threats_fts(threats_fts, rowid, reference, name, description) VALUES ('delete', old.id, old.reference, old.name, old.description);
@sqlite   INSERT INTO threats_fts(rowid, reference, name, description) VALUES (new.id, new.reference, new.name, new.description);
@sqlite END;
@sqlite CREATE VIRTUAL TABLE nominals_fts USING fts5(reference, given_names, surname, aliases, address, postcode,
@sqlite   content='nominals', content_rowid='id', tokenize='unicode61 remove_diacritics 2');
@sqlite CREATE TRIGGER nominals_ai AFTER INSERT ON nominals BEGIN
@sqlite   INSERT INTO nominals_fts(rowid, reference, given_names, surname, aliases, address, postcode)
@sqlite   VALUES (new.id, new.reference, new.given_names, new.surname, new.aliases, new.address, new.postcode);
@sqlite END;
@sqlite CREATE TRIGGER nominals_au AFTER UPDATE ON nominals BEGIN
@sqlite   INSERT INTO nominals_fts(nominals_fts, rowid, reference, given_names, surname, aliases, address, postcode)
@sqlite   VALUES ('delete', old.id, old.reference, old.given_names, old.surname, old.aliases, old.address, old.postcode);
@sqlite   INSERT INTO nominals_fts(rowid, reference, given_names, surname, aliases, address, postcode)
@sqlite   VALUES (new.id, new.reference, new.given_names, new.surname, new.aliases, new.address, new.postcode);
@sqlite END;
@sqlite CREATE VIRTUAL TABLE intelligence_fts USING fts5(reference, title, body, content='intelligence', content_rowid='id',
@sqlite   tokenize='unicode61 remove_diacritics 2');
@sqlite CREATE TRIGGER intelligence_ai AFTER INSERT ON intelligence BEGIN
@sqlite   INSERT INTO intelligence_fts(rowid, reference, title, body) VALUES (new.id, new.reference, new.title, new.body);
@sqlite END;
@sqlite CREATE TRIGGER intelligence_au AFTER UPDATE ON intelligence BEGIN
@sqlite   INSERT INTO intelligence_fts(intelligence_fts, rowid, reference, title, body) VALUES ('delete', old.id, old.reference, old.title, old.body);
@sqlite   INSERT INTO intelligence_fts(rowid, reference, title, body) VALUES (new.id, new.reference, new.title, new.body);
@sqlite END;
@sqlite )sql"},
      {2,
       "narrow covering indexes of the access columns and the list orders, so that a list or count scans the policy columns without reading whole records (on PostgreSQL part of migration 1: nothing to do)",
       R"sql(
@sqlite CREATE INDEX threats_access ON threats(scope, owner, classification, compartment, sensitive, tier, reference);
@sqlite CREATE INDEX nominals_access ON nominals(scope, owner, classification, compartment, sensitive, surname, given_names);
@sqlite CREATE INDEX intelligence_access ON intelligence(scope, owner, classification, compartment, sensitive, received_date);
@sqlite )sql"},
      {3,
       "the master list: MoRiLE models, nominations, versioned assessments",
       R"sql(
CREATE TABLE morile_models(
@sqlite   version INTEGER PRIMARY KEY,
@pg   version integer PRIMARY KEY,
  name {text} NOT NULL,
  definition {text} NOT NULL,
  loaded_at {text} NOT NULL,
  loaded_by {int} NOT NULL);
CREATE TABLE nominations(
  id {id},
  threat_id {int} NOT NULL REFERENCES threats(id),
  unit_id {int} NOT NULL REFERENCES units(id),
  agency {text} NOT NULL REFERENCES agencies(code),
  nominated_by {int} NOT NULL,
  nominated_at_ms {int} NOT NULL,
  provisional_priority {int32} NOT NULL,
  rationale {text} NOT NULL,
  status {text} NOT NULL,
  outcome_reason {text} NOT NULL,
  merged_into {int} NOT NULL,
  decided_by {int} NOT NULL,
  decided_at_ms {int} NOT NULL);
CREATE INDEX nominations_status ON nominations(status, nominated_at_ms);
CREATE INDEX nominations_threat ON nominations(threat_id);
CREATE TABLE assessments(
  id {id},
  threat_id {int} NOT NULL REFERENCES threats(id),
  version {int32} NOT NULL,
  model_version {int32} NOT NULL REFERENCES morile_models(version),
  factors {text} NOT NULL,
  base_harm {int32} NOT NULL,
  total_harm {real} NOT NULL,
  likelihood_score {int32} NOT NULL,
  risk {real} NOT NULL,
  org_position {int32} NOT NULL,
  priority {real} NOT NULL,
  tier {int32} NOT NULL,
  assessment_type {text} NOT NULL,
  assessor_id {int} NOT NULL,
  assessed_at_ms {int} NOT NULL,
  reassess_by {text} NOT NULL,
  siu_signal {int32} NOT NULL,
  status {text} NOT NULL,
  moderator_id {int} NOT NULL,
  moderated_at_ms {int} NOT NULL,
  moderation_note {text} NOT NULL,
  moderated_tier {int32},
@pg   siu_compartments text NOT NULL DEFAULT '',
  UNIQUE(threat_id, version));
CREATE INDEX assessments_status ON assessments(status);
@sqlite ALTER TABLE threats ADD COLUMN reassess_by TEXT NOT NULL DEFAULT '';
@sqlite ALTER TABLE assessments ADD COLUMN siu_compartments TEXT NOT NULL DEFAULT '';
CREATE INDEX threats_score ON threats(morile_score);
@pg ALTER TABLE threats ADD COLUMN reassess_by text NOT NULL DEFAULT '';
)sql"},
      {4,
       "disruptions to the national standard (every outcome kept), their daily counts for the SOC figures, the imports of the national extract, and extract columns Rocta does not know, kept on threats",
       R"sql(
ALTER TABLE threats ADD COLUMN extra {text} NOT NULL DEFAULT '';
CREATE INDEX threats_reference ON threats(reference);
CREATE TABLE imports(
  id {id},
  kind {text} NOT NULL,
  files {text} NOT NULL,
  summary {text} NOT NULL,
  at {text} NOT NULL,
  by_user {int} NOT NULL);
CREATE TABLE disruptions(
  id {id},
  reference {text} NOT NULL,
  recording_agency {text} NOT NULL REFERENCES agencies(code),
  threat_id {int} REFERENCES threats(id),
  threat_reference {text} NOT NULL,
  threat_type {text} NOT NULL,
  role {text} NOT NULL,
  supports {int} REFERENCES disruptions(id),
  record_date {text} NOT NULL,
  category {text} NOT NULL,
  justification {text} NOT NULL,
  outcomes {text} NOT NULL,
  principal {text} NOT NULL,
  threat_category {text} NOT NULL,
  description {text} NOT NULL,
  prompts {text} NOT NULL,
  extra {text} NOT NULL,
  import_id {int} NOT NULL,
  version {int} NOT NULL,
  created_at {text} NOT NULL,
  created_by {int} NOT NULL,
  UNIQUE(recording_agency, reference));
CREATE INDEX disruptions_threat ON disruptions(threat_id, record_date);
CREATE TABLE disruption_counts(
  agency {text} NOT NULL,
  day {text} NOT NULL,
  role {text} NOT NULL,
  category {text} NOT NULL,
  outcome {text} NOT NULL,
  threat_category {text} NOT NULL,
  n {int} NOT NULL,
@sqlite   PRIMARY KEY(agency, day, role, category, outcome, threat_category)) WITHOUT ROWID;
@pg   PRIMARY KEY(agency, day, role, category, outcome, threat_category));
CREATE INDEX disruption_counts_day ON disruption_counts(day);
)sql"},
      {5,
       "tasking: control strategy, meetings, decisions, escalations, tasks, 4P plans, threat areas",
       R"sql(
CREATE TABLE control_priorities(
  id {id},
  agency {text} NOT NULL REFERENCES agencies(code),
  rank {int32} NOT NULL,
  title {text} NOT NULL,
  description {text} NOT NULL,
  crime_type {text} NOT NULL,
  effective_from {text} NOT NULL,
  effective_to {text} NOT NULL,
  set_by {int} NOT NULL,
  set_at_ms {int} NOT NULL);
CREATE INDEX control_priorities_agency ON control_priorities(agency, rank);
CREATE TABLE tasking_meetings(
  id {id},
  agency {text} NOT NULL REFERENCES agencies(code),
  unit_id {int} NOT NULL REFERENCES units(id),
  level {text} NOT NULL,
  title {text} NOT NULL,
  held_on {text} NOT NULL,
  chair_id {int} NOT NULL,
  tactical_assessment {text} NOT NULL,
  created_by {int} NOT NULL,
  created_at_ms {int} NOT NULL);
CREATE INDEX tasking_meetings_agency ON tasking_meetings(agency, held_on);
CREATE TABLE tasking_decisions(
  id {id},
  agency {text} NOT NULL REFERENCES agencies(code),
  meeting_id {int} NOT NULL,
  escalation_id {int} NOT NULL,
  threat_id {int} NOT NULL,
  decision {text} NOT NULL,
  rationale {text} NOT NULL,
  decided_by {int} NOT NULL,
  decided_by_name {text} NOT NULL,
  decided_at_ms {int} NOT NULL,
  ratified_in {int} NOT NULL,
  ratified_by {int} NOT NULL,
  ratified_at_ms {int} NOT NULL);
CREATE INDEX tasking_decisions_agency ON tasking_decisions(agency, meeting_id, ratified_in);
CREATE TABLE escalations(
  id {id},
  agency {text} NOT NULL REFERENCES agencies(code),
  direction {text} NOT NULL,
  from_unit_id {int} NOT NULL REFERENCES units(id),
  to_unit_id {int} NOT NULL REFERENCES units(id),
  threat_id {int} NOT NULL,
  request {text} NOT NULL,
  support {text} NOT NULL,
  raised_by {int} NOT NULL,
  raised_at_ms {int} NOT NULL,
  decide_by {text} NOT NULL,
  status {text} NOT NULL,
  decision_id {int} NOT NULL,
  decided_at_ms {int} NOT NULL);
CREATE INDEX escalations_to ON escalations(to_unit_id, status);
CREATE TABLE tasks(
  id {id},
  agency {text} NOT NULL REFERENCES agencies(code),
  title {text} NOT NULL,
  detail {text} NOT NULL,
  assigned_agency {text} NOT NULL REFERENCES agencies(code),
  assigned_unit_id {int} NOT NULL,
  owner {text} NOT NULL,
  threat_id {int} NOT NULL,
  decision_id {int} NOT NULL,
  deadline {text} NOT NULL,
  status {text} NOT NULL,
  created_by {int} NOT NULL,
  created_at_ms {int} NOT NULL,
  updated_at_ms {int} NOT NULL,
  version {int} NOT NULL);
CREATE INDEX tasks_assigned ON tasks(assigned_agency, status, deadline);
CREATE INDEX tasks_agency ON tasks(agency, status, deadline);
CREATE TABLE task_updates(
  id {id},
  task_id {int} NOT NULL REFERENCES tasks(id),
  by_user {int} NOT NULL,
  by_name {text} NOT NULL,
  by_agency {text} NOT NULL,
  at_ms {int} NOT NULL,
  status {text} NOT NULL,
  note {text} NOT NULL);
CREATE INDEX task_updates_task ON task_updates(task_id);
CREATE TABLE four_p_plans(
  id {id},
  threat_id {int} NOT NULL UNIQUE REFERENCES threats(id),
  agency {text} NOT NULL REFERENCES agencies(code),
  lro_user_id {int} NOT NULL,
  aim {text} NOT NULL,
  next_review {text} NOT NULL,
  closed {int32} NOT NULL,
  created_by {int} NOT NULL,
  created_at_ms {int} NOT NULL);
CREATE TABLE plan_actions(
  id {id},
  plan_id {int} NOT NULL REFERENCES four_p_plans(id),
  p {text} NOT NULL,
  description {text} NOT NULL,
  owner_agency {text} NOT NULL REFERENCES agencies(code),
  owner {text} NOT NULL,
  partner {int32} NOT NULL,
  due {text} NOT NULL,
  done {int32} NOT NULL);
CREATE INDEX plan_actions_plan ON plan_actions(plan_id);
CREATE TABLE plan_reviews(
  id {id},
  plan_id {int} NOT NULL REFERENCES four_p_plans(id),
  reviewed_by {int} NOT NULL,
  reviewed_at_ms {int} NOT NULL,
  note {text} NOT NULL,
  next_review {text} NOT NULL);
CREATE INDEX plan_reviews_plan ON plan_reviews(plan_id);
CREATE TABLE threat_areas(
@sqlite   threat_id INTEGER PRIMARY KEY REFERENCES threats(id),
@pg   threat_id bigint PRIMARY KEY REFERENCES threats(id),
  unit_id {int} NOT NULL REFERENCES units(id));
CREATE INDEX threat_areas_unit ON threat_areas(unit_id);
)sql"},
      {6,
       "monthly counts of disruptions beside the daily ones: the SOC figures read whole months here and only the days at a year's ragged ends from the daily counts",
       R"sql(
CREATE TABLE disruption_months(
  agency {text} NOT NULL,
  month {text} NOT NULL,
  role {text} NOT NULL,
  category {text} NOT NULL,
  outcome {text} NOT NULL,
  threat_category {text} NOT NULL,
  n {int} NOT NULL,
@sqlite   PRIMARY KEY(agency, month, role, category, outcome, threat_category)) WITHOUT ROWID;
@pg   PRIMARY KEY(agency, month, role, category, outcome, threat_category)) ;
INSERT INTO disruption_months(agency, month, role, category, outcome, threat_category, n)
  SELECT agency, substr(day, 1, 7), role, category, outcome, threat_category, sum(n) FROM disruption_counts
  GROUP BY agency, substr(day, 1, 7), role, category, outcome, threat_category;
)sql"},
      {7,
       "intelligence from sensitive sources, SIUs with compartments of their own, sharing agreements, signalling rules, releases, disseminations, access requests",
       R"sql(
ALTER TABLE intelligence ADD COLUMN source_type {text} NOT NULL DEFAULT 'police';
ALTER TABLE intelligence ADD COLUMN originating_agency {text} NOT NULL DEFAULT '';
ALTER TABLE intelligence ADD COLUMN sanitised_from {int} NOT NULL DEFAULT 0;
ALTER TABLE intelligence ADD COLUMN mentions {text} NOT NULL DEFAULT '';
UPDATE intelligence SET originating_agency = owner;
ALTER TABLE units ADD COLUMN compartment {text} NOT NULL DEFAULT '';
CREATE TABLE sharing_agreements(
  id {id},
  giver {text} NOT NULL REFERENCES agencies(code),
  receiver {text} NOT NULL REFERENCES agencies(code),
  max_classification {int} NOT NULL,
  min_scope {int} NOT NULL,
  purpose {text} NOT NULL,
  signals {bool} NOT NULL,
  active {bool} NOT NULL,
  version {int} NOT NULL,
  created_at {text} NOT NULL,
  updated_at {text} NOT NULL,
  created_by {int} NOT NULL,
  UNIQUE(giver, receiver));
CREATE INDEX sharing_agreements_receiver ON sharing_agreements(receiver);
CREATE TABLE signal_rules(
  holder {text} PRIMARY KEY REFERENCES agencies(code),
  audience {text} NOT NULL);
CREATE TABLE intelligence_releases(
  id {id},
  source_id {int} NOT NULL REFERENCES intelligence(id),
  released_id {int} NOT NULL UNIQUE REFERENCES intelligence(id),
  decided_by {int} NOT NULL,
  decided_ms {int} NOT NULL,
  rationale {text} NOT NULL);
CREATE INDEX intelligence_releases_source ON intelligence_releases(source_id);
CREATE TABLE disseminations(
  id {id},
  report_id {int} NOT NULL REFERENCES intelligence(id),
  to_agency {text} NOT NULL REFERENCES agencies(code),
  to_unit_id {int} NOT NULL,
  by_user {int} NOT NULL,
  at_ms {int} NOT NULL,
  note {text} NOT NULL);
CREATE INDEX disseminations_report ON disseminations(report_id);
CREATE TABLE access_requests(
  id {id},
  requester_id {int} NOT NULL REFERENCES users(id),
  requester_agency {text} NOT NULL,
  record_kind {text} NOT NULL,
  record_id {int} NOT NULL,
  holder_agency {text} NOT NULL,
  compartment {text} NOT NULL,
  purpose {text} NOT NULL,
  status {text} NOT NULL,
  decided_by {int} NOT NULL,
  decision_note {text} NOT NULL,
  created_ms {int} NOT NULL,
  decided_ms {int} NOT NULL);
CREATE INDEX access_requests_holder ON access_requests(holder_agency, status);
CREATE INDEX access_requests_requester ON access_requests(requester_id);
)sql"},
      {8,
       "record linkage: runs of the engine over every nominal, the matches it found (or a lookup found) with what people decided about each, and the values administrators ruled out as evidence",
       R"sql(
CREATE TABLE match_runs(
  id {id},
  started_ms {int} NOT NULL,
  finished_ms {int} NOT NULL,
  by_user {int} NOT NULL,
  nominals {int} NOT NULL,
  candidate_pairs {int} NOT NULL,
  linked {int} NOT NULL,
  review {int} NOT NULL,
  kept_decisions {int} NOT NULL,
  withdrawn {int} NOT NULL);
CREATE TABLE nominal_matches(
  id {id},
  nominal_a {int} NOT NULL REFERENCES nominals(id),
  nominal_b {int} NOT NULL REFERENCES nominals(id),
  probability {real} NOT NULL,
  weight {real} NOT NULL,
  explanation {text} NOT NULL,
  status {text} NOT NULL,
  found_by {text} NOT NULL,
  run_id {int} NOT NULL,
  found_ms {int} NOT NULL,
  decided_by {int} NOT NULL,
  decided_ms {int} NOT NULL,
  decision_note {text} NOT NULL,
  version {int} NOT NULL,
  CHECK(nominal_a < nominal_b),
  UNIQUE(nominal_a, nominal_b));
CREATE INDEX nominal_matches_b ON nominal_matches(nominal_b);
CREATE INDEX nominal_matches_status ON nominal_matches(status, probability);
CREATE TABLE match_exclusions(
  id {id},
  field {text} NOT NULL,
  value {text} NOT NULL,
  reason {text} NOT NULL,
  added_by {int} NOT NULL,
  added_ms {int} NOT NULL,
  UNIQUE(field, value));
)sql"},
      {9,
       "versions of agencies and units, so that an edit read from one version cannot overwrite another's change",
       R"sql(
ALTER TABLE agencies ADD COLUMN version {int} NOT NULL DEFAULT 1;
ALTER TABLE units ADD COLUMN version {int} NOT NULL DEFAULT 1;
)sql"},
      {10,
       "commodities an OCG uses (phones, vehicles, addresses, accounts), marked like every record and linked through links (kind 'commodity'); the network reads them",
       R"sql(
CREATE TABLE commodities(
  id {id},
  reference {text} NOT NULL,
  kind {text} NOT NULL,
  value {text} NOT NULL,
  description {text} NOT NULL,
  opened {text} NOT NULL,
  closed {text} NOT NULL,
  closed_by_disruption {int} NOT NULL,
  owner {text} NOT NULL REFERENCES agencies(code),
  classification {small} NOT NULL,
  sensitive {bool} NOT NULL,
  handling {text} NOT NULL,
  handling_conditions {text} NOT NULL,
  compartment {text} NOT NULL,
  scope {small} NOT NULL,
  version {int} NOT NULL,
  created_at {text} NOT NULL,
  updated_at {text} NOT NULL,
  created_by {int} NOT NULL,
  UNIQUE(owner, reference));
CREATE INDEX commodities_value ON commodities(kind, value);
)sql"},
      {11,
       "serious crime prevention orders: orders on a nominal with their conditions and history, the monitoring plan's "
       "checks, and breaches",
       R"sql(
CREATE TABLE scpo_orders(
  id {id},
  reference {text} NOT NULL,
  agency {text} NOT NULL REFERENCES agencies(code),
  nominal_id {int} NOT NULL REFERENCES nominals(id),
  threat_id {int} NOT NULL,
  bcu_unit_id {int} NOT NULL,
  court {text} NOT NULL,
  made_on {text} NOT NULL,
  starts_on {text} NOT NULL,
  ends_on {text} NOT NULL,
  interim {int} NOT NULL,
  officer_id {int} NOT NULL,
  version {int} NOT NULL,
  created_by {int} NOT NULL,
  created_at_ms {int} NOT NULL,
  UNIQUE(agency, reference));
CREATE INDEX scpo_orders_nominal ON scpo_orders(nominal_id);
CREATE INDEX scpo_orders_agency ON scpo_orders(agency, starts_on);
CREATE TABLE scpo_conditions(
  order_id {int} NOT NULL REFERENCES scpo_orders(id),
  seq {int} NOT NULL,
  kind {text} NOT NULL,
  detail {text} NOT NULL,
  PRIMARY KEY(order_id, seq));
CREATE TABLE scpo_changes(
  id {id},
  order_id {int} NOT NULL REFERENCES scpo_orders(id),
  kind {text} NOT NULL,
  on_day {text} NOT NULL,
  note {text} NOT NULL,
  ref_id {int} NOT NULL,
  by_user {int} NOT NULL,
  at_ms {int} NOT NULL);
CREATE INDEX scpo_changes_order ON scpo_changes(order_id);
CREATE TABLE scpo_checks(
  id {id},
  order_id {int} NOT NULL REFERENCES scpo_orders(id),
  kind {text} NOT NULL,
  due_on {text} NOT NULL,
  officer_id {int} NOT NULL,
  officer_name {text} NOT NULL,
  done_on {text} NOT NULL,
  outcome {text} NOT NULL,
  note {text} NOT NULL,
  recorded_by {int} NOT NULL,
  recorded_at_ms {int} NOT NULL);
CREATE INDEX scpo_checks_order ON scpo_checks(order_id, due_on);
CREATE INDEX scpo_checks_due ON scpo_checks(due_on);
CREATE TABLE scpo_breaches(
  id {id},
  order_id {int} NOT NULL REFERENCES scpo_orders(id),
  check_id {int} NOT NULL,
  occurred_on {text} NOT NULL,
  condition_kind {text} NOT NULL,
  evidence {text} NOT NULL,
  arrested {int} NOT NULL,
  charged {int} NOT NULL,
  disruption_id {int} NOT NULL,
  recorded_by {int} NOT NULL,
  recorded_at_ms {int} NOT NULL);
CREATE INDEX scpo_breaches_order ON scpo_breaches(order_id, occurred_on);
)sql"},
      {12,
       "proposals to give a user an SIU compartment, decided by two officers of that SIU",
       R"sql(
CREATE TABLE compartment_grants(
  id {id},
  user_id {int} NOT NULL REFERENCES users(id),
  username {text} NOT NULL,
  user_agency {text} NOT NULL,
  compartment {text} NOT NULL,
  reason {text} NOT NULL,
  proposed_by {int} NOT NULL,
  proposed_by_name {text} NOT NULL,
  proposed_ms {int} NOT NULL,
  status {text} NOT NULL,
  decided_by {int} NOT NULL,
  decided_by_name {text} NOT NULL,
  decided_ms {int} NOT NULL,
  decision_note {text} NOT NULL);
CREATE INDEX compartment_grants_compartment ON compartment_grants(compartment, status);
CREATE INDEX compartment_grants_user ON compartment_grants(user_id);
)sql"},
      {13,
       "each threat's history, for figures as at a past day (report soc --as-of): a version per write that changes what the figures count, written by trigger whatever wrote the threat; threats recorded before start with their state now, stamped with their creation",
       R"sql(
CREATE TABLE threat_history(
  seq {id},
  threat_id {int} NOT NULL,
  recorded_at {text} NOT NULL,
  owner {text} NOT NULL,
  threat_type {text} NOT NULL,
  assessment_type {text} NOT NULL,
  moderation {text} NOT NULL,
  soc {bool} NOT NULL,
  tier {int32},
  phase {text} NOT NULL,
  primary_crime_type {text} NOT NULL,
  county_lines {bool} NOT NULL);
CREATE INDEX threat_history_recorded ON threat_history(recorded_at, threat_id);
INSERT INTO threat_history(threat_id, recorded_at, owner, threat_type, assessment_type, moderation, soc, tier, phase, primary_crime_type, county_lines)
  SELECT id, created_at, owner, threat_type, assessment_type, moderation, soc, tier, phase, primary_crime_type, county_lines
  FROM threats ORDER BY id;
@sqlite CREATE TRIGGER threats_history_insert AFTER INSERT ON threats BEGIN
@sqlite   INSERT INTO threat_history(threat_id, recorded_at, owner, threat_type, assessment_type, moderation, soc, tier, phase, primary_crime_type, county_lines) VALUES (NEW.id, NEW.updated_at, NEW.owner, NEW.threat_type, NEW.assessment_type, NEW.moderation, NEW.soc, NEW.tier, NEW.phase, NEW.primary_crime_type, NEW.county_lines);
@sqlite END;
@sqlite CREATE TRIGGER threats_history_update AFTER UPDATE ON threats WHEN OLD.owner IS NOT NEW.owner OR OLD.threat_type IS NOT NEW.threat_type OR OLD.assessment_type IS NOT NEW.assessment_type OR OLD.moderation IS NOT NEW.moderation OR OLD.soc IS NOT NEW.soc OR OLD.tier IS NOT NEW.tier OR OLD.phase IS NOT NEW.phase OR OLD.primary_crime_type IS NOT NEW.primary_crime_type OR OLD.county_lines IS NOT NEW.county_lines BEGIN
@sqlite   INSERT INTO threat_history(threat_id, recorded_at, owner, threat_type, assessment_type, moderation, soc, tier, phase, primary_crime_type, county_lines) VALUES (NEW.id, NEW.updated_at, NEW.owner, NEW.threat_type, NEW.assessment_type, NEW.moderation, NEW.soc, NEW.tier, NEW.phase, NEW.primary_crime_type, NEW.county_lines);
@sqlite END;
@pg CREATE FUNCTION threats_history() RETURNS trigger LANGUAGE plpgsql AS $$
@pg BEGIN
@pg   IF TG_OP = 'UPDATE' THEN
@pg     IF NOT (OLD.owner IS DISTINCT FROM NEW.owner OR OLD.threat_type IS DISTINCT FROM NEW.threat_type OR OLD.assessment_type IS DISTINCT FROM NEW.assessment_type OR OLD.moderation IS DISTINCT FROM NEW.moderation OR OLD.soc IS DISTINCT FROM NEW.soc OR OLD.tier IS DISTINCT FROM NEW.tier OR OLD.phase IS DISTINCT FROM NEW.phase OR OLD.primary_crime_type IS DISTINCT FROM NEW.primary_crime_type OR OLD.county_lines IS DISTINCT FROM NEW.county_lines) THEN
@pg       RETURN NULL;
@pg     END IF;
@pg   END IF;
@pg   INSERT INTO threat_history(threat_id, recorded_at, owner, threat_type, assessment_type, moderation, soc, tier, phase, primary_crime_type, county_lines) VALUES (NEW.id, NEW.updated_at, NEW.owner, NEW.threat_type, NEW.assessment_type, NEW.moderation, NEW.soc, NEW.tier, NEW.phase, NEW.primary_crime_type, NEW.county_lines);
@pg   RETURN NULL;
@pg END $$;
@pg CREATE TRIGGER threats_history AFTER INSERT OR UPDATE ON threats FOR EACH ROW EXECUTE FUNCTION threats_history();
)sql"},
      {14,
       "thematic disruptions: prevent and protect work recorded by crime type and area rather than against one threat; counted apart from Appendix 2",
       R"sql(
CREATE TABLE thematic_disruptions(
  id {id},
  recording_agency {text} NOT NULL REFERENCES agencies(code),
  crime_type {text} NOT NULL,
  area {text} NOT NULL,
  record_date {text} NOT NULL,
  outcome {text} NOT NULL,
  activity {text} NOT NULL,
  reached {int} NOT NULL,
  created_by {int} NOT NULL,
  created_at {text} NOT NULL);
CREATE INDEX thematic_disruptions_date ON thematic_disruptions(record_date);
)sql"},
      {15,
       "the SIU's replies to the checks of MoRiLE assessments (one per compartment; the note stays with the SIU), and moderators' reasons for approving without one",
       R"sql(
CREATE TABLE siu_check_replies(
  id {id},
  assessment_id {int} NOT NULL REFERENCES assessments(id),
  compartment {text} NOT NULL,
  advice {text} NOT NULL,
  note {text} NOT NULL,
  replied_by {int} NOT NULL,
  replied_ms {int} NOT NULL);
CREATE UNIQUE INDEX siu_check_replies_one ON siu_check_replies(assessment_id, compartment);
CREATE TABLE siu_check_waivers(
  assessment_id {int} PRIMARY KEY REFERENCES assessments(id),
  reason {text} NOT NULL,
  unanswered {text} NOT NULL,
  recorded_by {int} NOT NULL,
  recorded_ms {int} NOT NULL);
CREATE INDEX assessments_assessed_at ON assessments(assessed_at_ms);
)sql"},
      {16,
       "capability: establishment posts by unit and specialist role month by month, the financial-investigation demand ledger, asset recovery cases, covert accreditations and deployments; each record marked",
       R"sql(
CREATE TABLE capability_posts(
  id {id},
  owner {text} NOT NULL REFERENCES agencies(code),
  classification {small} NOT NULL,
  sensitive {bool} NOT NULL,
  compartment {text} NOT NULL,
  scope {small} NOT NULL,
  unit_id {int} NOT NULL REFERENCES units(id),
  role {text} NOT NULL,
  month {text} NOT NULL,
  post_ref {text} NOT NULL,
  filled {int} NOT NULL,
  holder {text} NOT NULL,
  cover_from {int32} NOT NULL,
  cover_to {int32} NOT NULL,
  UNIQUE(owner, month, post_ref));
CREATE INDEX capability_posts_month ON capability_posts(month, owner);
CREATE TABLE fi_items(
  id {id},
  owner {text} NOT NULL REFERENCES agencies(code),
  classification {small} NOT NULL,
  sensitive {bool} NOT NULL,
  compartment {text} NOT NULL,
  scope {small} NOT NULL,
  threat_id {int} NOT NULL,
  threat_reference {text} NOT NULL,
  disruption_id {int} NOT NULL,
  disruption_reference {text} NOT NULL,
  nominal_id {int} NOT NULL,
  suspect {text} NOT NULL,
  charged {int} NOT NULL,
  team_unit_id {int} NOT NULL,
  bcu_unit_id {int} NOT NULL,
  opened_on {text} NOT NULL,
  state {text} NOT NULL,
  investigator_id {int} NOT NULL,
  investigator {text} NOT NULL,
  reason {text} NOT NULL,
  note {text} NOT NULL,
  decided_on {text} NOT NULL,
  version {int} NOT NULL);
CREATE INDEX fi_items_threat ON fi_items(threat_id);
CREATE INDEX fi_items_owner ON fi_items(owner, state);
CREATE TABLE asset_cases(
  id {id},
  owner {text} NOT NULL REFERENCES agencies(code),
  classification {small} NOT NULL,
  sensitive {bool} NOT NULL,
  compartment {text} NOT NULL,
  scope {small} NOT NULL,
  threat_id {int} NOT NULL,
  threat_reference {text} NOT NULL,
  description {text} NOT NULL,
  route {text} NOT NULL,
  stage {text} NOT NULL,
  identified_pence {int} NOT NULL,
  restrained_pence {int} NOT NULL,
  ordered_pence {int} NOT NULL,
  realised_pence {int} NOT NULL,
  identified_on {text} NOT NULL,
  restrained_on {text} NOT NULL,
  ordered_on {text} NOT NULL,
  realised_on {text} NOT NULL,
  disruption_id {int} NOT NULL,
  version {int} NOT NULL);
CREATE INDEX asset_cases_owner ON asset_cases(owner, threat_id);
CREATE TABLE covert_accreditations(
  id {id},
  owner {text} NOT NULL REFERENCES agencies(code),
  classification {small} NOT NULL,
  sensitive {bool} NOT NULL,
  compartment {text} NOT NULL,
  scope {small} NOT NULL,
  tactic {text} NOT NULL,
  holder {text} NOT NULL,
  accredited_on {text} NOT NULL,
  expires_on {text} NOT NULL,
  annual_cost_pence {int} NOT NULL);
CREATE INDEX covert_accreditations_owner ON covert_accreditations(owner, tactic);
CREATE TABLE covert_deployments(
  id {id},
  owner {text} NOT NULL REFERENCES agencies(code),
  classification {small} NOT NULL,
  sensitive {bool} NOT NULL,
  compartment {text} NOT NULL,
  scope {small} NOT NULL,
  tactic {text} NOT NULL,
  threat_id {int} NOT NULL,
  deployed_on {text} NOT NULL,
  cost_pence {int} NOT NULL);
CREATE INDEX covert_deployments_owner ON covert_deployments(owner, tactic, deployed_on);
)sql"},
      {17,
       "places: areas an administrator loads, places on records (read through their record), incidents with a point, proposed SOC vulnerabilities from hotspots, intelligence requirements by area, wanted nominals, briefing acknowledgements; SQLite R*Trees and PostgreSQL GiST box indexes",
       R"sql(
CREATE TABLE areas(
  id {id},
  kind {text} NOT NULL,
  code {text} NOT NULL,
  name {text} NOT NULL,
  parent_code {text} NOT NULL,
  geometry {text} NOT NULL,
  geojson {text} NOT NULL,
  min_x {real} NOT NULL,
  min_y {real} NOT NULL,
  max_x {real} NOT NULL,
  max_y {real} NOT NULL,
  loaded_by {int} NOT NULL,
  loaded_at {text} NOT NULL,
  UNIQUE(kind, code));
CREATE TABLE places(
  id {id},
  record_kind {text} NOT NULL,
  record_id {int} NOT NULL,
  label {text} NOT NULL,
  shape {text} NOT NULL,
  geometry {text} NOT NULL,
  geojson {text} NOT NULL,
  min_x {real} NOT NULL,
  min_y {real} NOT NULL,
  max_x {real} NOT NULL,
  max_y {real} NOT NULL,
  created_by {int} NOT NULL,
  created_at {text} NOT NULL);
CREATE INDEX places_record ON places(record_kind, record_id);
@sqlite CREATE VIRTUAL TABLE places_rtree USING rtree(id, min_x, max_x, min_y, max_y);
@pg CREATE INDEX places_box ON places USING gist (box(point(min_x, min_y), point(max_x, max_y)));
CREATE TABLE incidents(
  id {id},
  reference {text} NOT NULL,
  incident_type {text} NOT NULL,
  occurred_on {text} NOT NULL,
  x {real} NOT NULL,
  y {real} NOT NULL,
  location {text} NOT NULL,
  owner {text} NOT NULL REFERENCES agencies(code),
  classification {small} NOT NULL,
  sensitive {bool} NOT NULL,
  handling {text} NOT NULL,
  handling_conditions {text} NOT NULL,
  compartment {text} NOT NULL,
  scope {small} NOT NULL,
  created_by {int} NOT NULL,
  created_at {text} NOT NULL,
  UNIQUE(owner, reference));
@sqlite CREATE VIRTUAL TABLE incidents_rtree USING rtree(id, min_x, max_x, min_y, max_y);
@pg CREATE INDEX incidents_point ON incidents USING gist (point(x, y));
CREATE INDEX incidents_day ON incidents(occurred_on);
CREATE TABLE proposed_vulnerabilities(
  id {id},
  agency {text} NOT NULL REFERENCES agencies(code),
  incident_type {text} NOT NULL,
  title {text} NOT NULL,
  centre_x {real} NOT NULL,
  centre_y {real} NOT NULL,
  geometry {text} NOT NULL,
  geojson {text} NOT NULL,
  incidents {int} NOT NULL,
  peak_z {real} NOT NULL,
  p_value {real} NOT NULL,
  evidence {text} NOT NULL,
  status {text} NOT NULL,
  threat_id {int} REFERENCES threats(id),
  decided_by {int},
  decided_at {text} NOT NULL,
  reason {text} NOT NULL,
  created_by {int} NOT NULL,
  created_at {text} NOT NULL);
CREATE INDEX proposed_vulnerabilities_status ON proposed_vulnerabilities(agency, status);
CREATE TABLE intelligence_requirements(
  id {id},
  agency {text} NOT NULL REFERENCES agencies(code),
  area_id {int} NOT NULL REFERENCES areas(id),
  requirement {text} NOT NULL,
  open {int} NOT NULL,
  created_by {int} NOT NULL,
  created_at {text} NOT NULL);
CREATE INDEX intelligence_requirements_area ON intelligence_requirements(area_id, open);
CREATE TABLE wanted_nominals(
  nominal_id {int} PRIMARY KEY REFERENCES nominals(id),
  reason {text} NOT NULL,
  since {text} NOT NULL,
  recorded_by {int} NOT NULL);
CREATE TABLE briefing_acks(
  id {id},
  area_id {int} NOT NULL REFERENCES areas(id),
  user_id {int} NOT NULL REFERENCES users(id),
  briefing_day {text} NOT NULL,
  digest {text} NOT NULL,
  acknowledged_ms {int} NOT NULL,
  UNIQUE(area_id, user_id, briefing_day));
)sql"},
      {18,
       "the assessor's rationale on each MoRiLE assessment (empty on those made before it was asked for), and audit events by record for a record's history",
       R"sql(
ALTER TABLE assessments ADD COLUMN rationale {text} NOT NULL DEFAULT '';
CREATE INDEX audit_events_record ON audit_events(record_kind, record_id, seq);
)sql"},
      {19,
       "sharing agreements name the subjects they cover (records, capability), whose capability, and the dates they are in force; existing agreements cover records only",
       R"sql(
ALTER TABLE sharing_agreements ADD COLUMN subjects {text} NOT NULL DEFAULT 'records';
ALTER TABLE sharing_agreements ADD COLUMN capability_of {text} NOT NULL DEFAULT '';
ALTER TABLE sharing_agreements ADD COLUMN starts_on {text} NOT NULL DEFAULT '';
ALTER TABLE sharing_agreements ADD COLUMN ends_on {text} NOT NULL DEFAULT '';
)sql"},
  };
  return kMigrations;
}

struct TypeToken {
  std::string_view token, sqlite, postgres;
};
// SQLite's INTEGER PRIMARY KEY is the rowid; PostgreSQL's identity column plays its part.
constexpr TypeToken kTypes[] = {
    {"{id}", "INTEGER PRIMARY KEY", "bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY"},
    {"{text}", "TEXT", "text"},
    {"{int}", "INTEGER", "bigint"},
    {"{int32}", "INTEGER", "integer"},
    {"{small}", "INTEGER", "smallint"},
    {"{bool}", "INTEGER", "boolean"},
    {"{real}", "REAL", "double precision"},
    {"{true}", "1", "true"},
    {"{false}", "0", "false"},
};

constexpr std::string_view kSqliteLine = "@sqlite ";
constexpr std::string_view kPostgresLine = "@pg ";

}  // namespace

const std::vector<Migration>& migrations() { return all_migrations(); }

int latest_schema_version() { return static_cast<int>(all_migrations().size()); }

std::string render(const Migration& m, Dialect dialect) {
  std::string lines;
  std::string_view rest = m.ddl;
  bool first = true;
  while (true) {
    const size_t end = rest.find('\n');
    std::string_view line = rest.substr(0, end);
    bool keep = true;
    if (line.starts_with(kSqliteLine)) {
      keep = dialect == Dialect::kSqlite;
      line.remove_prefix(kSqliteLine.size());
    } else if (line.starts_with(kPostgresLine)) {
      keep = dialect == Dialect::kPostgres;
      line.remove_prefix(kPostgresLine.size());
    }
    if (keep) {
      if (!first) lines += '\n';
      lines += line;
      first = false;
    }
    if (end == std::string_view::npos) break;
    rest.remove_prefix(end + 1);
  }
  std::string out;
  out.reserve(lines.size() + lines.size() / 4);
  for (size_t i = 0; i < lines.size();) {
    bool replaced = false;
    if (lines[i] == '{') {
      for (const auto& t : kTypes) {
        if (std::string_view(lines).substr(i, t.token.size()) != t.token) continue;
        out += dialect == Dialect::kSqlite ? t.sqlite : t.postgres;
        i += t.token.size();
        replaced = true;
        break;
      }
    }
    if (!replaced) out += lines[i++];
  }
  return out;
}

}  // namespace rocta::sql
