// Capability (GET /api/v1/reports/capability): specialist posts and vacancies by agency, role
// and unit, with single points of failure and cover hours; the financial-investigation demand
// ledger with its open items, which investigators take or decline with a reason
// (POST /api/v1/capability/fi-items/{id}/decision); the asset recovery pipeline with the
// Home Office incentivisation share; covert tactics with capability kept without use flagged.
// Every figure is computed by the server from records; partners see none of it without an
// agreement covering capability (the menu does not offer it to them), and with one only the
// giving agency's.

import { getUser, request } from './api';
import { clear, h, option } from './dom';
import { date, orDash } from './format';
import { problemText } from './forms';
import { type View } from './router';
import { failure, table } from './scpo';

/** may_read_capability (src/core/capability.cc): these roles of law enforcement, and a partner
 * whose agency's sharing agreement covers capability (the server says so: reads_capability). */
export const CAPABILITY_READERS = ['inspector', 'tasking_chair', 'administrator', 'analyst', 'rocta_analyst',
  'capability_by_agreement'] as const;

/** The roles the menu is drawn for: the user's own, and for a partner the server lets read
 * capability by agreement, the pseudo-role that opens the Capability entry. */
export function menuRoles(user: { roles?: string[]; reads_capability?: boolean }): string[] {
  const roles = user.roles ?? [];
  return user.reads_capability && roles.includes('partner') ? [...roles, 'capability_by_agreement'] : roles;
}
/** may_decide_fi: analysts (financial investigators), LROs and tasking chairs of the item's agency. */
const FI_DECIDERS = ['analyst', 'lead_responsible_officer', 'tasking_chair'];
const REASONS = ['no capacity', 'not proportionate', 'another agency', 'other'];

interface StaffingRow {
  agency: string; unit_id: number; unit: string; role: string; establishment: number; in_post: number; vacant: number;
  vacancy_pct: number; cover_from: number; cover_to: number; single_point_of_failure: boolean;
}
interface UnitTotal { agency: string; unit: string; establishment: number; in_post: number; vacant: number }
interface DemandRow { key: string; suspects: number; investigated: number; not_investigated: number; refused_no_capacity: number; open: number }
interface CapacityRow { agency: string; demand: number; investigators: number; per_investigator: number }
interface AssetRow {
  agency: string; threat_reference: string; identified: number; restrained: number; ordered: number; realised: number;
  identified_pence: number; restrained_pence: number; ordered_pence: number; realised_pence: number; returned_pence: number;
}
interface CovertRow {
  agency: string; tactic: string; accreditations: number; deployments_year: number; deployments_two_years: number;
  cost_year_pence: number; last_deployed_on: string; kept_without_use: boolean; under_used: boolean;
}
interface Report {
  month: string; today: string;
  staffing: { units: StaffingRow[]; agencies: StaffingRow[]; unit_totals: UnitTotal[] };
  fi: { by_threat: DemandRow[]; by_team: DemandRow[]; by_bcu: DemandRow[]; total: DemandRow; capacity: CapacityRow[] };
  assets: { by_threat: AssetRow[]; by_agency: AssetRow[] };
  covert: { rows: CovertRow[] };
}
interface FiItem {
  id: number; agency: string; threat_reference: string; disruption_reference: string; suspect: string; charged: boolean;
  opened_on: string; state: string; investigator: string; version: number;
}

const pounds = (pence: number) => `£${Math.floor(pence / 100).toLocaleString('en-GB')}`;
const hour = (n: number) => `${String(n).padStart(2, '0')}:00`;
const cell = (v: string | number, attrs: Record<string, string> = {}) => h('td', attrs, String(v));

function staffingSection(r: Report): HTMLElement {
  const rows = r.staffing.agencies.map((a) => h('tr', { 'data-testid': 'staffing-row', 'data-agency': a.agency, 'data-role': a.role },
    h('th', { scope: 'row' }, a.agency), cell(a.role), cell(a.establishment), cell(a.in_post),
    cell(a.vacant, { 'data-testid': 'staffing-vacant' }), cell(`${a.vacancy_pct}%`),
    cell(a.in_post ? `${hour(a.cover_from)}–${hour(a.cover_to)}` : '—'),
    h('td', {}, a.single_point_of_failure ? h('span', { class: 'badge warn', 'data-testid': 'spof' }, 'Single point of failure') : null,
      a.vacancy_pct >= 15 ? h('span', { class: 'badge warn' }, 'Gap') : null)));
  const units = r.staffing.unit_totals.map((u) => h('tr', { 'data-testid': 'unit-row', 'data-unit': u.unit },
    h('th', { scope: 'row' }, u.unit), cell(u.agency), cell(u.establishment), cell(u.in_post), cell(u.vacant, { 'data-testid': 'unit-vacant' })));
  const spofUnits = r.staffing.units.filter((u) => u.single_point_of_failure).map((u) =>
    h('li', { 'data-testid': 'spof-unit' }, `${u.agency} ${u.unit}: ${u.role} held by one person; cover ${hour(u.cover_from)}–${hour(u.cover_to)}`));
  return h('section', { 'aria-labelledby': 'cap-staff-h', 'data-testid': 'capability-staffing' },
    h('h2', { id: 'cap-staff-h' }, `Specialist staffing, ${orDash(r.month)}`),
    r.staffing.agencies.length
      ? table('Posts by agency and role', 'staffing-table', ['Agency', 'Role', 'Posts', 'In post', 'Vacant', 'Vacancy', 'Cover', ''], rows)
      : h('p', { class: 'muted' }, 'No posts recorded.'),
    spofUnits.length ? h('ul', { class: 'flags' }, ...spofUnits) : null,
    units.length ? h('h3', {}, 'Units') : null,
    units.length ? table('Posts by unit', 'unit-table', ['Unit', 'Agency', 'Posts', 'In post', 'Vacant'], units) : null);
}

function demandTable(caption: string, testid: string, first: string, rows: DemandRow[], total?: DemandRow): HTMLElement {
  const line = (d: DemandRow, tid: string) => h('tr', { 'data-testid': tid, 'data-key': d.key },
    h('th', { scope: 'row' }, d.key), cell(d.suspects), cell(d.investigated), cell(d.not_investigated), cell(d.refused_no_capacity), cell(d.open));
  const all = rows.map((d) => line(d, `${testid}-row`));
  if (total) all.push(line(total, `${testid}-total`));
  return table(caption, testid, [first, 'Suspects', 'Investigated', 'Not investigated', 'Refused: no capacity', 'Awaiting'], all);
}

function assetsSection(r: Report): HTMLElement {
  const rows = r.assets.by_agency.map((a) => h('tr', { 'data-testid': 'asset-row', 'data-agency': a.agency },
    h('th', { scope: 'row' }, a.agency), cell(`${a.identified} (${pounds(a.identified_pence)})`), cell(`${a.restrained} (${pounds(a.restrained_pence)})`),
    cell(`${a.ordered} (${pounds(a.ordered_pence)})`), cell(`${a.realised} (${pounds(a.realised_pence)})`), cell(pounds(a.returned_pence))));
  return h('section', { 'aria-labelledby': 'cap-assets-h', 'data-testid': 'capability-assets' },
    h('h2', { id: 'cap-assets-h' }, 'Asset recovery'),
    h('p', { class: 'muted' }, 'Cases reaching each stage, with their value. Returned: the investigating agency\'s share of what was realised under the Home Office incentivisation scheme (ARIS).'),
    rows.length ? table('Asset recovery pipeline', 'asset-table', ['Agency', 'Identified', 'Restrained', 'Confiscated or forfeited', 'Realised', 'Returned'], rows)
      : h('p', { class: 'muted' }, 'No asset recovery cases.'));
}

function covertSection(r: Report): HTMLElement {
  const rows = r.covert.rows.map((c) => h('tr', { 'data-testid': 'covert-row', 'data-agency': c.agency, 'data-tactic': c.tactic },
    h('th', { scope: 'row' }, c.agency), cell(c.tactic), cell(c.accreditations), cell(c.deployments_year), cell(c.deployments_two_years),
    cell(pounds(c.cost_year_pence)), cell(c.last_deployed_on ? date(c.last_deployed_on) : 'never'),
    h('td', {}, c.kept_without_use ? h('span', { class: 'badge warn', 'data-testid': 'covert-idle' }, 'Kept without use') : null,
      c.under_used ? h('span', { class: 'badge', 'data-testid': 'covert-under-used' }, 'Under-used') : null)));
  return h('section', { 'aria-labelledby': 'cap-covert-h', 'data-testid': 'capability-covert' },
    h('h2', { id: 'cap-covert-h' }, 'Covert tactics: value for money'),
    rows.length ? table('Covert tactics', 'covert-table', ['Agency', 'Tactic', 'Accredited', 'Deployed (year)', 'Deployed (2 years)', 'Cost a year', 'Last deployed', ''], rows)
      : h('p', { class: 'muted' }, 'No covert tactics recorded.'));
}

/** The open items with take / decline for those who decide them. */
function itemsSection(items: FiItem[], onDecided: () => void): HTMLElement {
  const roles = getUser()?.roles ?? [];
  const mayDecide = roles.some((r) => FI_DECIDERS.includes(r));
  const me = getUser()?.agency;
  const rows = items.map((i) => {
    const status = h('span', { class: 'muted', role: 'status' });
    const reason = h('select', { 'aria-label': `Reason to decline ${i.suspect}`, 'data-testid': 'fi-reason' },
      ...REASONS.map((r) => option(r, r, r === 'no capacity')));
    const decide = async (action: 'take' | 'decline') => {
      try {
        await request(`/api/v1/capability/fi-items/${i.id}/decision`, {
          method: 'POST', body: { action, version: i.version, ...(action === 'decline' ? { reason: reason.value } : {}) },
        });
        onDecided();
      } catch (e) {
        status.textContent = problemText(e);
      }
    };
    const take = h('button', { type: 'button', 'data-testid': 'fi-take' }, 'Take');
    const decline = h('button', { type: 'button', class: 'secondary', 'data-testid': 'fi-decline' }, 'Decline');
    take.addEventListener('click', () => void decide('take'));
    decline.addEventListener('click', () => void decide('decline'));
    const actions = mayDecide && i.agency === me ? h('td', {}, take, ' ', reason, ' ', decline, ' ', status) : h('td', {}, '');
    return h('tr', { 'data-testid': 'fi-item-row', 'data-item': i.id },
      h('th', { scope: 'row' }, i.suspect), cell(i.charged ? 'charged' : 'arrested'), cell(i.threat_reference), cell(i.disruption_reference),
      cell(date(i.opened_on)), actions);
  });
  return h('div', { 'data-testid': 'fi-items' },
    h('h3', {}, `Awaiting a decision (${items.length})`),
    rows.length ? table('Financially investigate?', 'fi-items-table', ['Suspect', '', 'Threat', 'Disruption', 'Opened', 'Decision'], rows)
      : h('p', { class: 'muted', 'data-testid': 'fi-items-none' }, 'Every suspect has a decision.'));
}

export function capabilityView(): View {
  let alive = true;
  const body = h('div', { 'data-testid': 'capability-view', 'data-state': 'loading' }, h('p', { class: 'muted' }, 'Loading…'));

  async function load() {
    try {
      const [r, items] = await Promise.all([
        request<Report>('/api/v1/reports/capability'),
        request<{ items: FiItem[] }>('/api/v1/capability/fi-items', { query: { state: 'open' } }),
      ]);
      if (!alive) return;
      clear(body);
      const t = r.fi.total;
      body.append(
        h('p', { class: 'summary', 'data-testid': 'capability-summary' },
          `${t.suspects} suspects arrested or charged in pursue disruptions; ${t.investigated} financially investigated, ` +
          `${t.not_investigated} not, ${t.refused_no_capacity} refused for lack of capacity.`),
        staffingSection(r),
        h('section', { 'aria-labelledby': 'cap-fi-h', 'data-testid': 'capability-fi' },
          h('h2', { id: 'cap-fi-h' }, 'Financial investigation demand'),
          demandTable('Demand by threat', 'fi-threat', 'Threat', r.fi.by_threat, t),
          h('h3', {}, 'By BCU'), demandTable('Demand by BCU', 'fi-bcu', 'BCU', r.fi.by_bcu),
          h('h3', {}, 'By team'), demandTable('Demand by team', 'fi-team', 'Team', r.fi.by_team),
          h('h3', {}, 'Demand against capacity'),
          table('Demand per investigator', 'fi-capacity', ['Agency', 'Waiting or in hand', 'Investigators in post', 'Per investigator'],
            r.fi.capacity.map((c) => h('tr', { 'data-testid': 'fi-capacity-row', 'data-agency': c.agency },
              h('th', { scope: 'row' }, c.agency), cell(c.demand), cell(c.investigators), cell(c.per_investigator.toFixed(1))))),
          itemsSection(items.items, () => void load())),
        assetsSection(r),
        covertSection(r));
      body.dataset.state = 'ready';
    } catch (e) {
      if (!alive) return;
      clear(body);
      body.append(failure(e, 'the capability figures', 'capability-error'));
      body.dataset.state = 'error';
    }
  }

  return {
    title: 'Capability',
    render(main) {
      main.append(h('div', { class: 'page-head' }, h('h1', { tabindex: '-1' }, 'Capability')),
        h('p', { class: 'muted lead' }, 'Specialist posts, financial investigation demand, asset recovery and covert tactics, computed from the records.'),
        body);
      void load();
      return () => { alive = false; };
    },
  };
}
