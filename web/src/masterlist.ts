// The SOC master list: GET /api/v1/master-list in MoRiLE score order. Views: national, a
// region, or an agency's priorities; Appendix 2's filter as five checkboxes (all on by
// default, `=false` sent when off); everything kept in the URL hash.

import { savedFilters } from './saved-filters';
import { exportButton } from './export';
import { getUser, request } from './api';
import { clear, field, h, option, uid } from './dom';
import { pagedTable } from './paged-table';
import { date, isOverdue, score, tierText, todayYmd } from './format';
import { problemText, reassessCell } from './forms';
import { markingBadge } from './marking';
import { CRIME_TYPES } from './nominate';
import { agencies, regions } from './refdata';
import { href, navigate, type View } from './router';
import type { Agency, Page, Threat } from './types';

const PAGE_SIZE = 50;
const COLUMNS = ['Rank', 'Reference', 'Name', 'Owning agency', 'Tier', 'MoRiLE score', 'Primary crime type', 'Reassess by', 'Marking'];
const FLAGS = [
  ['tactical_only', 'Tactical assessments only'],
  ['moderated_only', 'Moderated only'],
  ['soc_only', 'Serious and organised crime only'],
  ['exclude_tier_5', 'Exclude tier 5'],
  ['exclude_closed', 'Exclude closed threats'],
] as const;
type Flag = (typeof FLAGS)[number][0];
type ViewKind = 'national' | 'regional' | 'agency';
const VIEWS: [ViewKind, string][] = [
  ['national', 'National'],
  ['regional', 'Regional'],
  ['agency', 'Agency priorities'],
];

interface State {
  view: ViewKind;
  region: string;
  agency: string;
  crime_type: string;
  overdue: boolean;
  flags: Record<Flag, boolean>;
  offset: number;
}

function readState(q: URLSearchParams): State {
  const me = getUser();
  const v = q.get('view');
  const view: ViewKind = v === 'regional' || v === 'agency' ? v : 'national';
  const offset = Number(q.get('offset') ?? '0');
  const flags = {} as Record<Flag, boolean>;
  for (const [k] of FLAGS) flags[k] = q.get(k) !== 'false';
  return {
    view,
    region: q.get('region') || me?.region || '',
    agency: q.get('agency') || me?.agency || '',
    crime_type: q.get('crime_type') ?? '',
    overdue: q.get('overdue') === 'true',
    flags,
    offset: Number.isInteger(offset) && offset > 0 ? offset : 0,
  };
}

function stateQuery(s: State): URLSearchParams {
  const qs = new URLSearchParams();
  if (s.view !== 'national') qs.set('view', s.view);
  if (s.view === 'regional' && s.region) qs.set('region', s.region);
  if (s.view === 'agency' && s.agency) qs.set('agency', s.agency);
  if (s.crime_type) qs.set('crime_type', s.crime_type);
  if (s.overdue) qs.set('overdue', 'true');
  for (const [k] of FLAGS) if (!s.flags[k]) qs.set(k, 'false');
  if (s.offset) qs.set('offset', String(s.offset));
  return qs;
}

export function masterListView(initial: URLSearchParams): View {
  let state = readState(initial);
  let alive = true;

  // --- the controls
  const viewGroup = uid('view');
  const viewRadios = VIEWS.map(([value, text]) => {
    const id = uid('f');
    const input = h('input', { type: 'radio', name: viewGroup, id, value, 'data-testid': `ml-view-${value}` });
    return { value, input, wrap: h('div', { class: 'seg' }, input, h('label', { for: id }, text)) };
  });
  const region = h('select', { name: 'region', 'data-testid': 'ml-region' });
  const agency = h('select', { name: 'agency', 'data-testid': 'ml-agency' });
  const crimeType = h('select', { name: 'crime_type', 'data-testid': 'ml-crime-type' },
    option('', 'Any crime type', true), ...CRIME_TYPES.map((c) => option(c, c, false)));
  const regionField = field('Region', region);
  const agencyField = field('Agency', agency);
  const overdueId = uid('f');
  const overdue = h('input', { type: 'checkbox', id: overdueId, name: 'overdue', 'data-testid': 'ml-overdue' });
  const flagInputs = FLAGS.map(([k, text]) => {
    const id = uid('f');
    const input = h('input', { type: 'checkbox', id, name: k, 'data-testid': `ml-${k.replace(/_/g, '-')}` });
    return { k, input, wrap: h('div', { class: 'check' }, input, h('label', { for: id }, text)) };
  });
  const reset = h('button', { type: 'button', class: 'link-button', 'data-testid': 'ml-reset' }, 'Reset to the standard filter');

  const form = h('form', { class: 'filters', role: 'search', 'aria-label': 'Master list view and filter', 'data-testid': 'ml-filters' },
    h('div', { class: 'filter-row ml-row' },
      h('fieldset', { class: 'segmented' }, h('legend', {}, 'View'), ...viewRadios.map((r) => r.wrap)),
      regionField,
      agencyField,
      field('Primary crime type', crimeType),
      h('div', { class: 'field checkbox' }, overdue, h('label', { for: overdueId }, 'Reassessment overdue only'))),
    h('fieldset', { class: 'flag-set' },
      h('legend', {}, 'Appendix 2 filter'),
      h('div', { class: 'flags' }, ...flagInputs.map((f) => f.wrap), h('div', { class: 'field reset' }, reset))),
  );

  function syncForm() {
    for (const r of viewRadios) r.input.checked = r.value === state.view;
    regionField.hidden = state.view !== 'regional';
    agencyField.hidden = state.view !== 'agency';
    ensureOption(region, state.region);
    ensureOption(agency, state.agency);
    region.value = state.region;
    agency.value = state.agency;
    ensureOption(crimeType, state.crime_type);
    crimeType.value = state.crime_type;
    overdue.checked = state.overdue;
    for (const f of flagInputs) f.input.checked = state.flags[f.k];
  }

  function formState(): State {
    const flags = {} as Record<Flag, boolean>;
    for (const f of flagInputs) flags[f.k] = f.input.checked;
    const view = (viewRadios.find((r) => r.input.checked)?.value ?? 'national') as ViewKind;
    return { view, region: region.value, agency: agency.value, crime_type: crimeType.value, overdue: overdue.checked, flags, offset: 0 };
  }

  const apply = (s: State) => navigate(href('/master-list', stateQuery(s)));
  form.addEventListener('change', () => apply(formState()));
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    apply(formState());
  });
  reset.addEventListener('click', () => {
    const s = formState();
    for (const [k] of FLAGS) s.flags[k] = true;
    s.overdue = false;
    s.crime_type = '';
    apply(s);
  });

  // --- results
  const heading = h('p', { class: 'view-title', 'data-testid': 'ml-view-title' });
  const paged = pagedTable({
    prefix: 'ml', tableClass: 'master-list', caption: 'The master list, in MoRiLE score order', label: 'Master list', columns: COLUMNS, lead: heading,
    alive: () => alive });
  const { tbody, prev, next, results, showCounts } = paged;
  prev.addEventListener('click', () => apply({ ...state, offset: Math.max(0, state.offset - PAGE_SIZE) }));
  next.addEventListener('click', () => apply({ ...state, offset: state.offset + PAGE_SIZE }));

  function viewTitle(): string {
    const base = state.view === 'regional' ? `Regional: ${state.region || 'choose a region'}`
      : state.view === 'agency' ? `Agency priorities: ${state.agency || 'choose an agency'}`
        : 'National';
    const extra = [state.crime_type, state.overdue ? 'reassessment overdue' : ''].filter(Boolean);
    return extra.length ? `${base} — ${extra.join(', ')}` : base;
  }

  /** The list's filters as the API takes them (the page and the CSV export). */
  function listQuery() {
    const query: Record<string, string | number | undefined> = {};
    if (state.view === 'regional' && state.region) query.region = state.region;
    if (state.view === 'agency' && state.agency) query.agency = state.agency;
    if (state.crime_type) query.crime_type = state.crime_type;
    if (state.overdue) query.overdue = 'true';
    for (const [k] of FLAGS) if (!state.flags[k]) query[k] = 'false';
    return query;
  }

  async function load() {
    heading.textContent = viewTitle();
    const query = { ...listQuery(), limit: PAGE_SIZE, offset: state.offset };
    await paged.load(() => request<Page<Threat>>('/api/v1/master-list', { query }), (page) => {
      showPage(page);
      // Which screen state this is the answer for (tests wait on it).
      results.dataset.hash = window.location.hash;
    }, (e) => `Could not load the master list: ${problemText(e)}`);
  }

  function showPage(page: Page<Threat>) {
    clear(tbody);
    const items = page.items ?? [];
    const total = page.total ?? items.length;
    const offset = page.offset ?? state.offset;
    const today = todayYmd();
    if (!items.length) {
      tbody.append(h('tr', { 'data-testid': 'ml-empty' },
        h('td', { colspan: String(COLUMNS.length), class: 'empty' },
          total > 0 && offset >= total ? 'No more results on this page.' : 'No threats match this view and filter.')));
    }
    items.forEach((t, i) => tbody.append(row(t, offset + i + 1, today)));
    showCounts(offset, items.length, total, PAGE_SIZE);
  }

  function row(t: Threat, rank: number, today: string): HTMLTableRowElement {
    const reassess = t.reassess_by ?? '';
    const overdueNow = isOverdue(reassess, today);
    return h('tr', { 'data-testid': 'ml-row', 'data-id': t.id, class: overdueNow ? 'overdue' : null },
      h('td', { 'data-label': COLUMNS[0], class: 'num rank', 'data-testid': 'cell-rank' }, String(rank)),
      h('th', { scope: 'row', 'data-label': COLUMNS[1], 'data-testid': 'cell-reference' },
        h('a', { href: href(`/threats/${t.id}`) }, t.reference)),
      h('td', { 'data-label': COLUMNS[2], 'data-testid': 'cell-name', class: 'name' }, t.name),
      h('td', { 'data-label': COLUMNS[3], 'data-testid': 'cell-agency' }, t.marking?.owning_agency ?? '—'),
      h('td', { 'data-label': COLUMNS[4], class: 'num', 'data-testid': 'cell-tier' }, tierText(t.tier)),
      h('td', { 'data-label': COLUMNS[5], class: 'num score', 'data-testid': 'cell-score' }, score(t.morile_score)),
      h('td', { 'data-label': COLUMNS[6], 'data-testid': 'cell-crime-type' }, t.primary_crime_type || '—'),
      h('td', { 'data-label': COLUMNS[7], 'data-testid': 'cell-reassess-by' }, reassessCell(reassess, overdueNow, date)),
      h('td', { 'data-label': COLUMNS[8], 'data-testid': 'cell-marking' }, t.marking ? markingBadge(t.marking) : '—'),
    );
  }

  function ensureOption(sel: HTMLSelectElement, value: string) {
    if (value && ![...sel.options].some((o) => o.value === value)) sel.append(option(value, value, false));
  }

  function fillRegions(list: string[]) {
    clear(region);
    for (const r of list) region.append(option(r, r, r === state.region));
    ensureOption(region, state.region);
    region.value = state.region;
  }

  function fillAgencies(list: Agency[]) {
    clear(agency);
    for (const a of list.slice().sort((x, y) => x.code.localeCompare(y.code)))
      agency.append(option(a.code, a.name ? `${a.code} — ${a.name}` : a.code, a.code === state.agency));
    ensureOption(agency, state.agency);
    agency.value = state.agency;
  }

  return {
    title: 'Master list',
    render(main) {
      syncForm();
      main.append(
        h('div', { class: 'page-head' }, h('h1', { tabindex: '-1' }, 'SOC master list'),
          exportButton('master-list-export', () => ({ path: '/api/v1/master-list', query: listQuery() }))),
        savedFilters('master-list'),
        h('p', { class: 'muted lead' }, 'Threats in MoRiLE priority order. The standard filter follows Appendix 2: tactical, moderated, serious and organised crime, tiers 1–4, not closed.'),
        form,
        results,
      );
      regions().then((l) => alive && fillRegions(l)).catch(() => {});
      agencies().then((l) => alive && fillAgencies(l)).catch(() => {});
      void load();
      return () => {
        alive = false;
      };
    },
    update(query) {
      state = readState(query);
      syncForm();
      void load();
    },
  };
}
