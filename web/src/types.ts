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
  limit: number;
  offset: number;
}
