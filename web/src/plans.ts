// 4P plans: coverage figures (share of threats past assessment with a current plan, by
// agency, BCU or rail area, tier and crime type) and every such threat with its plan state
// (#/plans); one plan with its actions under each P, reviews, and forms (#/plans/{id}).

import { getUser, request } from './api';
import { dataTable } from './data-table';
import { field, h } from './dom';
import { date, dateTime } from './format';
import { href, navigate, type View } from './router';
import {
  form, input, panel, percent, select, table, textarea, ymdPlus,
  type CoverageCell, type Plan, type ThreatBrief,
} from './tasking-common';

interface Coverage {
  overall: CoverageCell; by_agency: CoverageCell[]; by_area: CoverageCell[]; by_tier: CoverageCell[]; by_crime_type: CoverageCell[];
  threats: { threat: ThreatBrief; area: string; plan_id: number | null; current: boolean; next_review: string }[];
}

function cells(testid: string, caption: string, list: CoverageCell[]) {
  return table(testid, caption, [caption, 'Threats', 'With a current plan', 'Share'],
    list.map((c) => ({ attrs: { 'data-key': c.key, 'data-share': String(c.share) },
      cells: [c.key, String(c.threats), String(c.with_plan), percent(c.share)] })), 'None.');
}

export function plansView(): View {
  const body = panel('coverage');
  return {
    title: '4P plans',
    render(main) {
      main.append(h('div', { class: 'page-head' }, h('h1', { tabindex: '-1' }, '4P plans and coverage')), body.el);
      void body.load(async () => {
        const c = await request<Coverage>('/api/v1/plans/coverage');
        return [
          h('p', { class: 'summary', 'data-testid': 'coverage-overall', 'data-share': c.overall.share, 'data-with-plan': c.overall.with_plan },
            `${c.overall.with_plan} of ${c.overall.threats} threats past assessment have a current 4P plan (${percent(c.overall.share)}).`),
          h('div', { class: 'coverage-grid' }, cells('coverage-agency', 'Agency', c.by_agency), cells('coverage-tier', 'Tier', c.by_tier),
            cells('coverage-crime', 'Crime type', c.by_crime_type), cells('coverage-area', 'BCU or rail area', c.by_area)),
          h('h2', {}, 'Threats past assessment'),
          threatList(c.threats),
        ];
      });
    },
  };
}

type Line = Coverage['threats'][number];

/** 0 no plan, 1 a plan not current, 2 current: the ones needing work sort first. */
function planRank(l: Line): number {
  return l.plan_id ? (l.current ? 2 : 1) : 0;
}

/** The threats past assessment: filtered by agency, plan state and words; sortable; paged. */
function threatList(lines: Line[]): HTMLElement {
  const me = getUser()?.agency ?? '';
  const agencies = [...new Set(lines.map((l) => l.threat.owning_agency))].sort();
  const agency = select([['', 'Every agency'], ...agencies.map((a): [string, string] => [a, a])], agencies.includes(me) ? me : '');
  agency.id = 'coverage-agency';
  agency.setAttribute('data-testid', 'coverage-filter-agency');
  const state = select([['', 'Any plan state'], ['none', 'No plan'], ['not-current', 'Plan not current'], ['current', 'Current plan']]);
  state.id = 'coverage-state';
  state.setAttribute('data-testid', 'coverage-filter-state');
  const find = h('input', { type: 'search', id: 'coverage-find', placeholder: 'Reference or name', 'data-testid': 'coverage-find' });
  const list = dataTable<Line>({
    testid: 'coverage-threats', caption: 'Threats and their plans', empty: 'No threat past assessment matches.', pageSize: 25,
    initialSort: { column: 4 },
    rowAttrs: (l) => ({ 'data-threat-id': String(l.threat.id), 'data-current': String(l.current), 'data-agency': l.threat.owning_agency,
      'data-reference': l.threat.reference }),
    columns: [
      { label: 'Threat', sort: (l) => l.threat.reference, cell: (l) => h('a', { href: href(`/threats/${l.threat.id}`) }, `${l.threat.reference} ${l.threat.name}`) },
      { label: 'Agency', sort: (l) => l.threat.owning_agency, cell: (l) => l.threat.owning_agency },
      { label: 'Area', sort: (l) => l.area, cell: (l) => l.area || '—' },
      { label: 'Tier', sort: (l) => l.threat.tier ?? 9, cell: (l) => (l.threat.tier === null ? '—' : String(l.threat.tier)) },
      { label: 'Plan', sort: (l) => `${planRank(l)} ${l.next_review || ''}`, cell: (l) => {
        if (!l.plan_id) {
          const start = h('button', { type: 'button', 'data-testid': `start-plan-${l.threat.id}` }, 'Write plan');
          start.addEventListener('click', () => navigate(href(`/plans/new`, { threat: String(l.threat.id) })));
          return start;
        }
        return h('a', { href: href(`/plans/${l.plan_id}`) }, l.current ? `Current, review ${date(l.next_review)}` : `Not current (review ${date(l.next_review)})`);
      } },
    ],
  });
  function apply() {
    const words = find.value.trim().toLowerCase();
    list.set(lines.filter((l) => (!agency.value || l.threat.owning_agency === agency.value)
      && (!state.value || (state.value === 'none' ? !l.plan_id : state.value === 'current' ? l.current : !!l.plan_id && !l.current))
      && (!words || `${l.threat.reference} ${l.threat.name}`.toLowerCase().includes(words))));
  }
  agency.addEventListener('change', apply);
  state.addEventListener('change', apply);
  find.addEventListener('input', apply);
  apply();
  return h('div', {},
    h('div', { class: 'filter-row inline-filters' }, field('Agency', agency), field('Plan', state), field('Find', find)),
    list.el);
}

export function planView(id: string, query: URLSearchParams): View {
  const body = panel('plan');

  async function load() {
    if (id === 'new') {
      const threat = query.get('threat') ?? '';
      await body.load(async () => form('plan-form', 'Write the 4P plan', [
        ['aim', 'Aim', textarea()], ['next_review', 'First review', input('date', ymdPlus(28))]], 'Create plan', async (v) => {
        const p = await request<Plan>(`/api/v1/threats/${encodeURIComponent(threat)}/plan`, { method: 'POST',
          body: { aim: v.aim, next_review: v.next_review } });
        navigate(href(`/plans/${p.id}`), true);
      }));
      return;
    }
    await body.load(async () => {
      const p = await request<Plan>(`/api/v1/plans/${encodeURIComponent(id)}`);
      const byP = ['pursue', 'prevent', 'protect', 'prepare'].map((four) => h('section', { class: 'four-p', 'data-testid': `p-${four}` },
        h('h3', {}, four[0].toUpperCase() + four.slice(1)),
        h('ul', {}, ...p.actions.filter((a) => a.p === four).map((a) => h('li', { 'data-testid': 'plan-action', 'data-partner': String(a.partner) },
          a.description, ` — ${a.owner_agency}${a.owner ? `, ${a.owner}` : ''}`, a.partner ? ' (partner)' : '',
          a.due ? `, due ${date(a.due)}` : '', a.done ? ' ✓ done' : '')))));
      return [
        h('p', { class: 'lead' }, h('a', { href: href(`/threats/${p.threat.id}`) }, `${p.threat.reference} ${p.threat.name}`),
          ` · LRO ${p.lro_name} · next review ${date(p.next_review)} · `,
          h('strong', { 'data-testid': 'plan-current' }, p.current ? 'current' : 'not current')),
        h('p', {}, p.aim),
        h('div', { class: 'forms-grid' }, ...byP),
        h('h2', {}, 'Reviews'),
        h('ul', { 'data-testid': 'plan-reviews' }, ...p.reviews.map((r) => h('li', {}, `${dateTime(r.reviewed_at)}: ${r.note} (next ${date(r.next_review)})`))),
        h('div', { class: 'forms-grid' },
          form('action-form', 'Add an action', [
            ['p', 'P', select([['pursue', 'Pursue'], ['prevent', 'Prevent'], ['protect', 'Protect'], ['prepare', 'Prepare']])],
            ['description', 'Action', textarea()], ['owner_agency', 'Agency (a partner may own it)', input('text', p.threat.owning_agency)],
            ['owner', 'Owner', input()], ['due', 'Due', input('date')]], 'Add action', async (v) => {
            await request(`/api/v1/plans/${p.id}/actions`, { method: 'POST', body: v });
            void load();
          }),
          form('review-form', 'Record a review', [['note', 'What the review found', textarea()],
            ['next_review', 'Next review', input('date', ymdPlus(28))]], 'Record review', async (v) => {
            await request(`/api/v1/plans/${p.id}/reviews`, { method: 'POST', body: v });
            void load();
          })),
      ];
    });
  }

  return {
    title: '4P plan',
    render(main) {
      main.append(h('div', { class: 'page-head' }, h('h1', { tabindex: '-1' }, '4P plan'), h('a', { href: href('/plans') }, 'Coverage')), body.el);
      void load();
    },
  };
}
