// The HTTP client: bearer token from sessionStorage, problem+json errors as ApiError.

import type { Problem, Session, User } from './types';

const TOKEN_KEY = 'rocta.token';
const USER_KEY = 'rocta.user';

/** A sentence as the reader sees it: the server's messages may start in lower case. */
export function sentence(s: string | undefined): string | undefined {
  if (!s) return s;
  return s.charAt(0).toUpperCase() + s.slice(1);
}

export class ApiError extends Error {
  readonly problem: Problem;

  constructor(
    readonly status: number,
    problem: Problem,
    readonly retryAfter: number | null,
  ) {
    super(sentence(problem.detail) || sentence(problem.title) || `HTTP ${status}`);
    this.problem = { ...problem, detail: sentence(problem.detail), title: sentence(problem.title) ?? problem.title };
    this.name = 'ApiError';
  }

  get type(): string {
    return this.problem.type;
  }
}

export function getToken(): string | null {
  return sessionStorage.getItem(TOKEN_KEY);
}

export function getUser(): User | null {
  const raw = sessionStorage.getItem(USER_KEY);
  if (!raw) return null;
  try {
    return JSON.parse(raw) as User;
  } catch {
    return null;
  }
}

export function setUser(user: User): void {
  sessionStorage.setItem(USER_KEY, JSON.stringify(user));
}

export function clearSession(): void {
  sessionStorage.removeItem(TOKEN_KEY);
  sessionStorage.removeItem(USER_KEY);
  purposes.clear();
}

// Called on any 401 from a signed-in request (set by main.ts: it goes back to the login).
let onUnauthenticated: () => void = () => {};
export function setUnauthenticatedHandler(fn: () => void): void {
  onUnauthenticated = fn;
}

/**
 * A 401 ends the session it was asked under, not a later one: an answer still in flight when
 * a user signed out and another signed in must not sign the newcomer out.
 */
function sessionLost(tokenUsed: string | null): void {
  if (getToken() !== tokenUsed) return;
  clearSession();
  onUnauthenticated();
}

export interface RequestOptions {
  method?: string;
  body?: unknown;
  headers?: Record<string, string>;
  query?: Record<string, string | number | boolean | undefined>;
  /** Sign-in itself answers 401 for a wrong password: do not treat that as a lost session. */
  anonymous?: boolean;
}

export async function request<T>(path: string, opts: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', ...opts.headers };
  const token = getToken();
  if (token && !opts.anonymous) headers.Authorization = `Bearer ${token}`;
  let body: string | undefined;
  if (opts.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(opts.body);
  }
  let url = path;
  if (opts.query) {
    const qs = new URLSearchParams();
    for (const [k, v] of Object.entries(opts.query)) if (v !== undefined && v !== '') qs.set(k, String(v));
    const s = qs.toString();
    if (s) url += `?${s}`;
  }

  let res: Response;
  try {
    res = await fetch(url, { method: opts.method ?? 'GET', headers, body, credentials: 'omit', cache: 'no-store' });
  } catch {
    throw new ApiError(0, { type: '/problems/network', title: 'Network error', status: 0,
      detail: 'The Rocta server could not be reached. Check your connection and try again.' }, null);
  }

  if (res.status === 204) return undefined as T;
  const text = await res.text();
  let data: unknown = undefined;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = undefined;
    }
  }
  if (res.ok) return data as T;

  const problem: Problem =
    data && typeof data === 'object' && 'status' in data
      ? (data as Problem)
      : { type: 'about:blank', title: res.statusText || `HTTP ${res.status}`, status: res.status };
  const ra = res.headers.get('Retry-After');
  const retryAfter = ra !== null && /^\d+$/.test(ra.trim()) ? Number(ra.trim()) : null;
  const err = new ApiError(res.status, problem, retryAfter);
  if (res.status === 401 && !opts.anonymous) sessionLost(token);
  throw err;
}

export async function login(username: string, password: string): Promise<Session> {
  const s = await request<Session>('/api/v1/session', {
    method: 'POST',
    body: { username, password },
    anonymous: true,
  });
  sessionStorage.setItem(TOKEN_KEY, s.token);
  setUser(s.user);
  return s;
}

export async function logout(): Promise<void> {
  try {
    if (getToken()) await request<void>('/api/v1/session', { method: 'DELETE' });
  } catch {
    // The session may already be gone; signing out locally is what matters.
  } finally {
    clearSession();
  }
}

/**
 * A file the API makes (a CSV, a printable page) as a Blob: links cannot carry the bearer
 * token, so the screen fetches it and hands the browser a blob: URL.
 */
export async function requestBlob(path: string, query?: Record<string, string | undefined>): Promise<Blob> {
  const headers: Record<string, string> = {};
  const token = getToken();
  if (token) headers.Authorization = `Bearer ${token}`;
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined && v !== '') qs.set(k, v);
  const url = qs.toString() ? `${path}?${qs}` : path;
  let res: Response;
  try {
    res = await fetch(url, { headers, credentials: 'omit', cache: 'no-store' });
  } catch {
    throw new ApiError(0, { type: '/problems/network', title: 'Network error', status: 0,
      detail: 'The Rocta server could not be reached. Check your connection and try again.' }, null);
  }
  if (res.ok) return res.blob();
  let problem: Problem = { type: 'about:blank', title: res.statusText || `HTTP ${res.status}`, status: res.status };
  try {
    const data: unknown = JSON.parse(await res.text());
    if (data && typeof data === 'object' && 'status' in data) problem = data as Problem;
  } catch {
    /* not problem+json */
  }
  if (res.status === 401) sessionLost(token);
  throw new ApiError(res.status, problem, null);
}

// The purpose given for opening a SECRET threat, kept in memory for this page load only so
// that the screens under that threat (its disruptions) can send it again without asking.
const purposes = new Map<string, string>();

export function rememberPurpose(threatId: string | number, purpose: string): void {
  purposes.set(String(threatId), purpose);
}

export function purposeHeaders(threatId: string | number): Record<string, string> | undefined {
  const p = purposes.get(String(threatId));
  return p ? { 'X-Rocta-Purpose': p } : undefined;
}
