// Display helpers shared by the list and the record page.

export function yesNo(v: boolean | null | undefined): string {
  if (v === null || v === undefined) return '—';
  return v ? 'Yes' : 'No';
}

export function orDash(v: unknown): string {
  if (v === null || v === undefined || v === '') return '—';
  return String(v);
}

export function tierText(tier: number | null | undefined): string {
  return tier === null || tier === undefined ? 'Unassessed' : String(tier);
}

/** "2024-03-01T10:00:00Z" → "1 Mar 2024, 10:00" (local time); anything unparsable as given. */
export function dateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleString('en-GB', {
    day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit',
  });
}

/** "2022-05-01" → "1 May 2022". */
export function date(ymd: string | null | undefined): string {
  if (!ymd) return '—';
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(ymd);
  if (!m) return ymd;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
}

export function number(v: number | null | undefined): string {
  if (v === null || v === undefined) return '—';
  return Number.isInteger(v) ? String(v) : v.toFixed(1);
}

/** A MoRiLE score: always two decimals. */
export function score(v: number | null | undefined): string {
  if (v === null || v === undefined || Number.isNaN(v)) return '—';
  return v.toFixed(2);
}

/** Today as YYYY-MM-DD in UTC, the day the server compares reassessment dates with. */
export function todayYmd(now = new Date()): string {
  return now.toISOString().slice(0, 10);
}

/** A reassessment date is overdue when it is before today. */
export function isOverdue(ymd: string | null | undefined, today = todayYmd()): boolean {
  return !!ymd && /^\d{4}-\d{2}-\d{2}$/.test(ymd) && ymd < today;
}

/** Whole days since an ISO timestamp (never negative). */
export function daysSince(iso: string | null | undefined, now = Date.now()): number | null {
  if (!iso) return null;
  const t = new Date(iso).getTime();
  if (Number.isNaN(t)) return null;
  return Math.max(0, Math.floor((now - t) / 86_400_000));
}

/** "1 day", "12 days". */
export function days(n: number | null | undefined): string {
  if (n === null || n === undefined || Number.isNaN(n)) return '—';
  const whole = Math.floor(n);
  return `${whole} day${whole === 1 ? '' : 's'}`;
}

/** "capacity gap" → "Capacity gap". */
export function sentence(s: string): string {
  return s ? s.charAt(0).toUpperCase() + s.slice(1) : s;
}

/** A probability 0..1 as a percentage with one decimal: 0.973 → "97.3%". */
export function percent(p: number | null | undefined): string {
  if (p === null || p === undefined || Number.isNaN(p)) return '—';
  return `${(p * 100).toFixed(1)}%`;
}

/** A weight with its sign, one decimal, a true minus: 5.25 → "+5.3", -2 → "−2.0". */
export function signed(v: number | null | undefined): string {
  if (v === null || v === undefined || Number.isNaN(v)) return '—';
  const r = Math.round(v * 10) / 10;
  if (r === 0) return '0.0';
  return `${r > 0 ? '+' : '−'}${Math.abs(r).toFixed(1)}`;
}

/**
 * The last reporting year (to 30 June, as the SOC figures' Appendix 2 year) over on `today`:
 * the rule of report/soc_figures.h last_complete_year_ending, for screens that ask the
 * server for a date range rather than a year.
 */
export function lastCompleteYear(today: string): { from: string; to: string } {
  const y = Number(today.slice(0, 4));
  const end = `${y}-06-30` < today ? y : y - 1;
  return { from: `${end - 1}-07-01`, to: `${end}-06-30` };
}
