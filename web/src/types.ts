// Shapes of the JSON the API answers with (docs/api.md, "Shapes").

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  field?: string;
}

export interface User {
  id: number;
  username: string;
  display_name: string;
  agency: string;
  region: string;
  unit_id: number | null;
  roles: string[];
  clearance: string;
  compartments: string[];
  active: boolean;
  /** The signed-in user only: whether the capability figures are theirs to read (a partner: by agreement). */
  reads_capability?: boolean;
}

export interface Session {
  token: string;
  expires_at: string;
  user: User;
}

export interface Agency {
  code: string;
  name: string;
  kind?: string;
  region?: string;
  active?: boolean;
}

export type Scope = 'owner' | 'named' | 'region' | 'national';

export interface Marking {
  owning_agency: string;
  owning_region: string;
  classification: string;
  sensitive: boolean;
  label: string;
  handling_code: string;
  handling_conditions: string;
  compartment: string;
  scope: Scope;
  shared_with: string[];
}

export interface RecordRef {
  kind: string;
  id: number;
}

export interface Link {
  id?: number;
  from: RecordRef;
  to: RecordRef;
  relation: string;
  source?: string;
  date?: string;
  // The server may name the far end for display; used when present.
  [extra: string]: unknown;
}

export interface Threat {
  id: number;
  reference: string;
  name: string;
  description: string;
  threat_type: string;
  assessment_type: string;
  moderation_status: string;
  soc: boolean;
  tier: number | null;
  phase: string;
  primary_crime_type: string;
  county_lines: boolean;
  morile_score: number | null;
  assessment_date: string;
  /** YYYY-MM-DD when the next MoRiLE assessment is due; empty when never assessed in Rocta. */
  reassess_by?: string;
  lro_user_id: number | null;
  marking: Marking;
  version: number;
  created_at: string;
  updated_at: string;
  created_by?: number;
  links?: Link[];
  [extra: string]: unknown;
}

export interface Page<T> {
  items: T[];
  total: number;
  total_exact?: boolean; // false: counting stopped at `total` (a text search), and more match
  limit: number;
  offset: number;
}

// --- The SOC master list (docs/api.md, "The SOC master list")

export interface Unit {
  id: number;
  agency: string;
  name: string;
  kind?: string;
  serves?: string[];
  active?: boolean;
}

export type NominationStatus = 'awaiting assessment' | 'assessed' | 'merged' | 'rejected';

export interface Nomination {
  id: number;
  threat_id: number;
  unit_id: number | null;
  agency: string;
  nominated_by: number;
  nominated_at: string;
  provisional_priority: number;
  rationale: string;
  status: NominationStatus;
  outcome_reason: string;
  merged_into: number | null;
  decided_by: number | null;
  decided_at: string | null;
  threat: Threat;
}

export interface QueueFigures {
  count: number;
  oldest_days: number;
  median_days: number;
  by_unit: { unit_id: number | null; count: number }[];
}

export interface MorileChoice {
  name: string;
  multiplier: number;
}

export interface MorileDefinition {
  version: number;
  name?: string;
  harm_elements: string[];
  harm_max: number;
  scopes: MorileChoice[];
  vulnerabilities: MorileChoice[];
  likelihoods: string[];
  org_elements: string[];
  org_max: number;
  tier_floors?: number[];
  reassess_after_days?: number;
}

export interface MorileModel {
  version: number;
  name: string;
  loaded_at?: string;
  definition: MorileDefinition;
}

export interface AssessmentScore {
  base_harm: number;
  total_harm: number;
  likelihood_score: number;
  risk: number;
  organisational_position: number;
  priority: number;
  tier: number;
}

export interface Assessment {
  id: number;
  threat_id: number;
  version: number;
  model_version: number;
  factors: {
    harm: number[];
    scope: string;
    vulnerability: string;
    likelihood: string;
    org: number[];
    confidence: string;
  };
  score: AssessmentScore;
  assessment_type: string;
  assessor_id: number;
  assessed_at: string;
  reassess_by: string;
  status: string;
  moderator_id: number | null;
  moderated_at: string | null;
  moderation_note: string;
  rationale?: string;
  moderated_tier: number | null;
  tier: number;
  siu_signal: boolean;
  siu_compartments: string[];
  siu_message?: string;
}

// --- Disruptions and the SOC figures (routes_disruptions.cc; openapi Disruption*, Prompt*, SocFigures)

export type FourP = 'Pursue' | 'Prevent' | 'Protect' | 'Prepare';

/** A prompt the recorder answered. */
export interface PromptDecision {
  rule: string;
  outcome: FourP;
  accepted: boolean;
}

/** An outcome the event's text points to, with the words that matched and why. */
export interface PromptSuggestion {
  rule: string;
  outcome: FourP;
  matched: string;
  explanation: string;
}

export interface Disruption {
  id: number;
  reference: string;
  recording_agency: string;
  threat_id: number;
  threat_reference: string;
  threat_type: string | null;
  /** A disruption of a priority individual or a vulnerability: beyond today's national standard. */
  beyond_national_standard: boolean;
  /** As the server writes it, e.g. "Lead Disruption". */
  role: string;
  supports: number;
  record_date: string;
  category: string;
  justification: string;
  /** Every 4P outcome; the first is the principal one. */
  outcomes: FourP[];
  /** The one category the national standard takes. */
  national_category: FourP;
  threat_category: string;
  description: string;
  prompts: PromptDecision[];
  imported: boolean;
  version: number;
  created_at: string;
  [extra: string]: unknown;
}

export interface AgencyThreatFigures {
  total: number;
  share_of_national_pct: number;
  by_threat_type: Record<string, number>;
  by_primary_crime_type: Record<string, number>;
  county_lines: { total: number; by_primary_crime_type: Record<string, number> };
}

export interface AgencyDisruptionFigures {
  total: number;
  previous_year: number;
  by_4p: Record<string, number>;
  by_4p_pct: Record<string, number>;
  by_threat_category: Record<string, number>;
}

export interface SocFigures {
  year_ending: string;
  threats: { national_total: number; by_agency: Record<string, AgencyThreatFigures> };
  disruptions: { by_agency: Record<string, AgencyDisruptionFigures> };
  // MoRiLE assessments of the year by the assessed threat's owner and their SIU checks.
  siu_consultation?: { by_agency: Record<string, { assessments: number; asked: number; answered: number; waived: number; rate_pct: number }> };
}

// --- Intelligence, the SIU, sharing and access (routes_sharing.cc, router.cc)

export type SourceType = 'open' | 'police' | 'partner' | 'public' | 'chis' | 'surveillance' | 'technical';

export interface Mention {
  kind: 'commodity' | 'place';
  value: string;
}

export interface IntelligenceReport {
  id: number;
  reference: string;
  title: string;
  body: string;
  source_evaluation: number;
  intelligence_assessment: string;
  grading: string;
  received_date: string;
  source_type: SourceType;
  originating_agency: string;
  sanitised: boolean;
  sanitised_from: number | null;
  mentions: Mention[];
  marking: Marking;
  version: number;
  created_at: string;
  updated_at: string;
  created_by: number;
  held_by?: string;
  links?: Link[];
}

/** POST /api/v1/intelligence answers 202 with this when the report went to an SIU. */
export interface Routed {
  routed: true;
  reference: string;
  held_by: string;
  message: string;
}

export interface Release {
  released_id: number;
  decided_by: number;
  decided_at: string;
  rationale: string;
}

export interface SiuQueueItem {
  report: IntelligenceReport;
  releases: Release[];
}

export interface Dissemination {
  id: number;
  report_id: number;
  to_agency: string;
  to_unit_id: number | null;
  by: number;
  at: string;
  note: string;
}

export interface SharingAgreement {
  id: number;
  giver: string;
  receiver: string;
  max_classification: string;
  min_scope: string;
  purpose: string;
  signals: boolean;
  active: boolean;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface SignalRules {
  default: string;
  rules: Record<string, string>;
}

export interface Signal {
  record_kind: string;
  record_id: number;
  holder_agency: string;
  holder: string;
  how_to_ask: string;
}

export type AccessRequestStatus = 'pending' | 'approved' | 'refused' | 'withdrawn';

export interface AccessRequest {
  id: number;
  requester_id: number;
  requester_agency: string;
  record_kind: string;
  record_id: number;
  holder_agency: string;
  compartment: string;
  purpose: string;
  status: AccessRequestStatus;
  decided_by: number | null;
  decision_note: string;
  created_at: string;
  decided_at: string | null;
}

export interface Nominal {
  id: number;
  reference: string;
  given_names: string;
  surname: string;
  display_name: string;
  date_of_birth: string;
  sex: string;
  aliases: string;
  address: string;
  postcode: string;
  notes: string;
  marking: Marking;
  version: number;
  created_at: string;
  updated_at: string;
  links?: Link[];
}

// --- Cross-agency linkage of nominals (routes_linkage.cc; openapi Match*, KnownElsewhere)

export type MatchStatus = 'review' | 'linked' | 'confirmed' | 'rejected' | 'separated';
export type MatchDecisionName = 'confirm' | 'reject' | 'separate';

/** A matching nominal the caller may read. */
export interface KnownNominal {
  nominal: Nominal;
  /** Null when only the lookup found it (no stored match yet). */
  match_id: number | null;
  status: MatchStatus;
  probability: number;
  /** Joined to the nominal in question by matches that stand. */
  same_person: boolean;
}

/** Who else knows a person: shown where the caller reads the record, signalled where not. */
export interface KnownElsewhere {
  shown: KnownNominal[];
  signalled: Signal[];
}

/** POST /api/v1/nominals answers the nominal with what the lookup found. */
export interface CreatedNominal extends Nominal {
  known_elsewhere: KnownElsewhere | null;
  known_elsewhere_error?: string;
}

/** One field's evidence; weight is a log2 Bayes factor (positive: the same person). */
export interface MatchEvidence {
  field: string;
  a: string;
  b: string;
  outcome: string;
  weight: number;
}

export interface MatchExplanation {
  prior_weight: number;
  weight: number;
  probability: number;
  fields: MatchEvidence[];
}

export interface Match {
  id: number;
  nominal_a: number;
  nominal_b: number;
  status: MatchStatus;
  probability: number;
  weight: number;
  found_by: 'run' | 'lookup';
  run_id: number | null;
  found_at: string;
  decided_by: number | null;
  decided_at: string | null;
  decision_note: string;
  version: number;
}

export interface MatchView extends Match {
  a: Nominal;
  b: Nominal;
  explanation: MatchExplanation;
}

export interface MatchRun {
  id: number;
  started_at: string;
  finished_at: string;
  by: number | null;
  nominals: number;
  candidate_pairs: number;
  linked: number;
  review: number;
  kept_decisions: number;
  withdrawn: number;
}

export interface MatchExclusion {
  id: number;
  field: string;
  value: string;
  reason: string;
  added_by: number;
  added_at: string;
}
