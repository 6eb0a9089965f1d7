// The threat list: GET /api/v1/threats with filters and paging, all kept in the URL hash.

import { listSorting, readSort, sortQuery } from './paged-table';
import { savedFilters } from './saved-filters';
import { exportButton } from './export';
import { ApiError, request } from './api';
import { clear, field, h, option } from './dom';
import { tierText, yesNo } from './format';
import { markingBadge } from './marking';
import { areaFilter } from './area-picker';
import { agencies } from './refdata';
import { href, navigate, type View } from './router';
import type { Agency, Page, Threat } from './types';

export const PAGE_SIZE = 50;
const THREAT_TYPES = ['OCG', 'Priority individual', 'Vulnerability'];
const COLUMNS = ['Reference', 'Name', 'Threat type', 'Owning agency', 'Tier', 'Phase', 'Primary crime type', 'County lines', 'Marking'];
const FILTER_KEYS = ['q', 'type', 'owning_agency', 'tier', 'county_lines', 'include_closed', 'area'] as const;
/** The API's sort column of each heading (GET /api/v1/threats sort=…): the order holds across pages. */
const SORT_KEYS = ['reference', 'name', 'threat_type', 'owning_agency', 'tier', 'phase', 'primary_crime_type', 'county_lines', null];

interface Filters {
  q: string;
  type: string;
  owning_agency: string;
  tier: string;
  county_lines: string;
  include_closed: boolean;
  sort: string;
  order: 'asc' | 'desc';
  area: string;  // a loaded area's id: threats with a place in it
  offset: number;
}

function readFilters(query: URLSearchParams): Filters {
  const offset = Number(query.get('offset') ?? '0');
  return {
    q: query.get('q') ?? '',
    type: query.get('type') ?? '',
    owning_agency: query.get('owning_agency') ?? '',
    tier: query.get('tier') ?? '',
    county_lines: query.get('county_lines') ?? '',
    include_closed: query.get('include_closed') !== 'false',
    ...readSort(query, SORT_KEYS),
    area: /^[1-9][0-9]*$/.test(query.get('area') ?? '') ? (query.get('area') as string) : '',
    offset: Number.isInteger(offset) && offset > 0 ? offset : 0,
  };
}

/** The hash query for a set of filters: only what differs from the defaults. */
function filtersQuery(f: Filters): URLSearchParams {
  const qs = new URLSearchParams();
  if (f.q) qs.set('q', f.q);
  if (f.type) qs.set('type', f.type);
  if (f.owning_agency) qs.set('owning_agency', f.owning_agency);
  if (f.tier) qs.set('tier', f.tier);
  if (f.county_lines) qs.set('county_lines', f.county_lines);
  if (!f.include_closed) qs.set('include_closed', 'false');
  for (const [k, v] of Object.entries(sortQuery(f))) qs.set(k, v);
  if (f.area) qs.set('area', f.area);
  if (f.offset) qs.set('offset', String(f.offset));
  return qs;
}

export function threatsView(initial: URLSearchParams): View {
  let filters = readFilters(initial);
  let generation = 0;

  // --- the filter form
  const q = h('input', {
    type: 'search', name: 'q', autocomplete: 'off', placeholder: 'Name, description, reference…',
    'data-testid': 'filter-q',
  });
  const searchButton = h('button', { type: 'submit', class: 'primary', 'data-testid': 'filter-submit' }, 'Search');
  const type = h('select', { name: 'type', 'data-testid': 'filter-type' });
  const agency = h('select', { name: 'owning_agency', 'data-testid': 'filter-agency' });
  const tier = h('select', { name: 'tier', 'data-testid': 'filter-tier' });
  const countyLines = h('select', { name: 'county_lines', 'data-testid': 'filter-county-lines' });
  const area = areaFilter(filters.area, 'filter-area');
  const includeClosed = h('input', { type: 'checkbox', name: 'include_closed', 'data-testid': 'filter-include-closed' });
  const includeClosedId = 'filter-include-closed';
  includeClosed.id = includeClosedId;
  const reset = h('button', { type: 'button', class: 'link-button', 'data-testid': 'filter-reset' }, 'Clear filters');

  const form = h(
    'form',
    { class: 'filters', role: 'search', 'aria-label': 'Filter threats', 'data-testid': 'threat-filters' },
    h('div', { class: 'search-row' }, field('Search', q), searchButton),
    h(
      'div',
      { class: 'filter-row' },
      field('Threat type', type),
      field('Owning agency', agency),
      field('Tier', tier),
      field('County lines', countyLines),
      field('Area', area),
      h(
        'div',
        { class: 'field checkbox' },
        includeClosed,
        h('label', { for: includeClosedId }, 'Include closed'),
      ),
      h('div', { class: 'field reset' }, reset),
    ),
  );

  // --- results
  const summary = h('p', { class: 'summary', 'aria-live': 'polite', 'data-testid': 'list-summary' });
  const error = h('div', { class: 'alert error', role: 'alert', hidden: true, 'data-testid': 'list-error' });
  const tbody = h('tbody', {});
  const sorting = listSorting([...COLUMNS], 'threats', {
    keys: SORT_KEYS,
    state: () => ({ sort: filters.sort, order: filters.order }),
    onSort: (s) => apply(s),
  });
  const table = h(
    'table',
    { class: 'threats', 'data-testid': 'threat-table' },
    h('caption', { class: 'visually-hidden' }, 'Threats visible to you'),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        ...sorting.heads,
      ),
    ),
    tbody,
  );
  const prev = h('button', { type: 'button', 'data-testid': 'page-prev' }, '← Previous');
  const next = h('button', { type: 'button', 'data-testid': 'page-next' }, 'Next →');
  const pageInfo = h('span', { class: 'page-info', 'data-testid': 'page-info' });
  const pager = h('nav', { class: 'pager', 'aria-label': 'Pages' }, prev, pageInfo, next);
  const results = h(
    'section',
    { class: 'results', 'data-testid': 'threat-results', 'data-state': 'loading', 'aria-label': 'Results' },
    summary,
    error,
    h('div', { class: 'table-wrap' }, table),
    pager,
  );

  function fillSelect(sel: HTMLSelectElement, anyText: string, values: [string, string][], current: string) {
    clear(sel);
    sel.append(option('', anyText, current === ''));
    let found = current === '';
    for (const [value, text] of values) {
      sel.append(option(value, text, value === current));
      if (value === current) found = true;
    }
    if (!found) sel.append(option(current, current, true));
  }

  function fillAgencies(list: Agency[] | null) {
    const values: [string, string][] = (list ?? [])
      .slice()
      .sort((a, b) => a.code.localeCompare(b.code))
      .map((a) => [a.code, a.name ? `${a.code} — ${a.name}` : a.code]);
    fillSelect(agency, 'Any agency', values, filters.owning_agency);
  }

  function syncForm() {
    q.value = filters.q;
    fillSelect(type, 'Any type', THREAT_TYPES.map((t) => [t, t]), filters.type);
    fillSelect(tier, 'Any tier', ['1', '2', '3', '4', '5'].map((t) => [t, `Tier ${t}`]), filters.tier);
    fillSelect(countyLines, 'Any', [['true', 'Yes'], ['false', 'No']], filters.county_lines);
    includeClosed.checked = filters.include_closed;
    if (![...area.options].some((o) => o.value === filters.area)) area.append(option(filters.area, `Area ${filters.area}`, false));
    area.value = filters.area;
    // Keep whatever agency options are loaded, just select the right one.
    if (agency.options.length <= 1) fillAgencies(null);
    else {
      if (![...agency.options].some((o) => o.value === filters.owning_agency))
        agency.append(option(filters.owning_agency, filters.owning_agency, false));
      agency.value = filters.owning_agency;
    }
  }

  function apply(change: Partial<Filters>) {
    const nextFilters = { ...filters, offset: 0, ...change };
    navigate(href('/threats', filtersQuery(nextFilters)));
  }

  function currentFormFilters(): Partial<Filters> {
    return {
      q: q.value.trim(),
      type: type.value,
      owning_agency: agency.value,
      tier: tier.value,
      county_lines: countyLines.value,
      include_closed: includeClosed.checked,
      area: area.value,
    };
  }

  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    apply(currentFormFilters());
  });
  for (const control of [type, agency, tier, countyLines, area, includeClosed]) {
    control.addEventListener('change', () => apply(currentFormFilters()));
  }
  reset.addEventListener('click', () => {
    navigate(href('/threats'));
  });
  prev.addEventListener('click', () => apply({ offset: Math.max(0, filters.offset - PAGE_SIZE) }));
  next.addEventListener('click', () => apply({ offset: filters.offset + PAGE_SIZE }));

  /** The list's filters as the API takes them (the page and the CSV export). */
  function listQuery() {
    return {
      q: filters.q || undefined,
      type: filters.type || undefined,
      owning_agency: filters.owning_agency || undefined,
      tier: filters.tier || undefined,
      county_lines: filters.county_lines || undefined,
      include_closed: filters.include_closed ? undefined : 'false',
      ...sortQuery(filters),
      area: filters.area || undefined,
    };
  }

  async function load() {
    const mine = ++generation;
    results.dataset.state = 'loading';
    table.setAttribute('aria-busy', 'true');
    error.hidden = true;
    summary.textContent = 'Loading…';
    prev.disabled = true;
    next.disabled = true;
    try {
      const page = await request<Page<Threat>>('/api/v1/threats', { query: { ...listQuery(), limit: PAGE_SIZE, offset: filters.offset } });
      if (mine !== generation) return;
      showPage(page);
      results.dataset.state = 'ready';
      // Which screen state this is the answer for (tests wait on it).
      results.dataset.hash = window.location.hash;
    } catch (e) {
      if (mine !== generation) return;
      clear(tbody);
      summary.textContent = '';
      pageInfo.textContent = '';
      error.textContent =
        e instanceof ApiError
          ? `Could not load threats: ${e.problem.detail || e.problem.title}`
          : 'Could not load threats.';
      error.hidden = false;
      results.dataset.state = 'error';
    } finally {
      if (mine === generation) table.removeAttribute('aria-busy');
    }
  }

  function showPage(page: Page<Threat>) {
    clear(tbody);
    const items = page.items ?? [];
    const total = page.total ?? items.length;
    // A text search counts only so far: then more than `total` threats match.
    const exact = page.total_exact !== false;
    const of = exact ? String(total) : `more than ${total}`;
    const offset = page.offset ?? filters.offset;
    if (items.length === 0) {
      tbody.append(
        h('tr', { 'data-testid': 'list-empty' },
          h('td', { colspan: '9', class: 'empty' },
            total > 0 && offset >= total ? 'No more results on this page.' : 'No threats match these filters.')),
      );
    }
    for (const t of items) tbody.append(row(t));
    const from = items.length ? offset + 1 : 0;
    const to = offset + items.length;
    summary.textContent = items.length
      ? `Showing ${from}–${to} of ${of}`
      : `Showing 0 of ${of}`;
    summary.dataset.total = String(total);
    summary.dataset.totalExact = String(exact);
    const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
    const pageNo = Math.floor(offset / PAGE_SIZE) + 1;
    pageInfo.textContent = exact ? `Page ${Math.min(pageNo, Math.max(pages, pageNo))} of ${pages}` : `Page ${pageNo}`;
    prev.disabled = offset <= 0;
    next.disabled = exact ? to >= total : items.length < PAGE_SIZE;
    sorting.sortRows();
  }

  function row(t: Threat): HTMLTableRowElement {
    const link = href(`/threats/${t.id}`);
    const tr = h(
      'tr',
      { 'data-testid': 'threat-row', 'data-id': t.id, class: 'clickable' },
      h('th', { scope: 'row', 'data-testid': 'cell-reference', 'data-label': COLUMNS[0] }, h('a', { href: link }, t.reference)),
      h('td', { 'data-testid': 'cell-name', 'data-label': COLUMNS[1] }, t.name),
      h('td', { 'data-testid': 'cell-type', 'data-label': COLUMNS[2] }, t.threat_type),
      h('td', { 'data-testid': 'cell-agency', 'data-label': COLUMNS[3] }, t.marking?.owning_agency ?? '—'),
      h('td', { 'data-testid': 'cell-tier', 'data-label': COLUMNS[4], class: 'num' }, tierText(t.tier)),
      h('td', { 'data-testid': 'cell-phase', 'data-label': COLUMNS[5] }, t.phase || '—'),
      h('td', { 'data-testid': 'cell-crime-type', 'data-label': COLUMNS[6] }, t.primary_crime_type || '—'),
      h('td', { 'data-testid': 'cell-county-lines', 'data-label': COLUMNS[7] }, yesNo(t.county_lines)),
      h('td', { 'data-testid': 'cell-marking', 'data-label': COLUMNS[8] }, t.marking ? markingBadge(t.marking) : '—'),
    );
    // The whole row opens the record with a mouse; the reference link serves the keyboard.
    tr.addEventListener('click', (ev) => {
      if ((ev.target as HTMLElement).closest('a')) return;
      if (window.getSelection()?.toString()) return;
      navigate(link);
    });
    return tr;
  }

  return {
    title: 'Threats',
    render(main) {
      syncForm();
      main.append(
        h('div', { class: 'page-head' }, h('h1', { tabindex: '-1' }, 'Threats'),
          exportButton('threats-export', () => ({ path: '/api/v1/threats', query: listQuery() }))),
        savedFilters('threats'),
        form,
        results,
      );
      agencies()
        .then((list) => fillAgencies(list))
        .catch(() => {
          /* the select keeps "Any agency"; the list still works */
        });
      void load();
      return () => {
        generation += 1;
      };
    },
    update(query) {
      const nextFilters = readFilters(query);
      const same = FILTER_KEYS.every((k) => nextFilters[k] === filters[k]) && nextFilters.offset === filters.offset
        && nextFilters.sort === filters.sort && nextFilters.order === filters.order;
      filters = nextFilters;
      syncForm();
      if (!same || results.dataset.state !== 'ready') void load();
    },
  };
}
