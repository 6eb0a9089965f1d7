// The paged results table every list screen shares: the frame (summary, error, table,
// pager) and the load / error / page cycle around it, so each screen only says what to
// fetch, how to draw a page and what to call the list when it cannot be loaded.
import { clear, h } from './dom';

export interface PagedResultsOptions {
  prefix: string; // data-testid prefix: "queue" gives queue-summary, queue-error, queue-table, queue-results
  tableClass: string;
  caption: string;
  label: string;
  columns: string[];
  lead: Node; // what comes first in the section (a message or a heading)
  /** When the server sorts the list (sort=…&order=…): the headings ask it to; else they sort the page shown. */
  serverSort?: ServerSortOptions;
}

/** The order a list is asked for: one of its sort columns (as the API names it), up or down. */
export interface ListSortState { sort: string; order: 'asc' | 'desc' }

export interface ServerSortOptions {
  /** The API's sort column of each heading; null: that heading does not sort. */
  keys: (string | null)[];
  /** The order the list is shown in now. */
  state: () => ListSortState;
  /** Asks for the list in another order (from its first page). */
  onSort: (s: ListSortState) => void;
}

/** `sort` and `order` of a screen's query, kept only when the list sorts by that column. */
export function readSort(query: URLSearchParams, keys: (string | null)[]): ListSortState {
  const sort = query.get('sort') ?? '';
  if (!sort || !keys.includes(sort)) return { sort: '', order: 'asc' };
  return { sort, order: query.get('order') === 'desc' ? 'desc' : 'asc' };
}

/** The query parameters of an order: none for the list's own. */
export function sortQuery(s: ListSortState): Record<string, string> {
  return s.sort ? { sort: s.sort, order: s.order } : {};
}

/**
 * Sortable headings for a list the server sorts across pages: a click asks for the whole
 * list in that column's order from its first page; again, the other way. The order holds on
 * every page (ties by the record's id). `show()` marks the heading of the current order.
 */
export function listSorting(columns: string[], prefix: string, o: ServerSortOptions) {
  const heads = columns.map((c, i) => {
    const key = o.keys[i];
    if (!key) return h('th', { scope: 'col' }, c);
    const b = h('button', { type: 'button', class: 'sort-button', 'data-testid': `${prefix}-sort-${i}`,
      title: 'Sort the whole list by this column' }, c, h('span', { class: 'sort-mark', 'aria-hidden': 'true' }, ' ↕'));
    b.addEventListener('click', () => {
      const now = o.state();
      o.onSort({ sort: key, order: now.sort === key && now.order === 'asc' ? 'desc' : 'asc' });
    });
    return h('th', { scope: 'col' }, b);
  });
  function show(): void {
    const now = o.state();
    heads.forEach((th, i) => {
      const mark = th.querySelector('.sort-mark');
      if (!mark) return;
      const on = o.keys[i] === now.sort;
      th.setAttribute('aria-sort', on ? (now.order === 'desc' ? 'descending' : 'ascending') : 'none');
      mark.textContent = on ? (now.order === 'desc' ? ' ▼' : ' ▲') : ' ↕';
    });
  }
  show();
  return { heads, show, sortRows: show };
}

/**
 * Sortable headings for a table of one page of a list: the server pages in its own order, so
 * a click sorts the rows shown by that column's text (numbers as numbers); again, the other
 * way. `sortRows()` re-applies the choice after a new page is drawn.
 */
export function pageSorting(columns: string[], prefix: string, tbody: HTMLTableSectionElement) {
  let sortBy = -1;
  let descending = false;
  const heads = columns.map((c, i) => {
    const b = h('button', { type: 'button', class: 'sort-button', 'data-testid': `${prefix}-sort-${i}`,
      title: 'Sort the rows of this page' }, c, h('span', { class: 'sort-mark', 'aria-hidden': 'true' }, ' ↕'));
    b.addEventListener('click', () => {
      descending = sortBy === i ? !descending : false;
      sortBy = i;
      sortRows();
    });
    return h('th', { scope: 'col' }, b);
  });
  function sortRows(): void {
    heads.forEach((th, i) => {
      th.setAttribute('aria-sort', i === sortBy ? (descending ? 'descending' : 'ascending') : 'none');
      th.querySelector('.sort-mark')!.textContent = i === sortBy ? (descending ? ' ▼' : ' ▲') : ' ↕';
    });
    if (sortBy < 0) return;
    const rows = [...tbody.rows].filter((r) => r.cells.length === columns.length);
    const key = (r: HTMLTableRowElement) => (r.cells[sortBy]?.textContent ?? '').trim();
    rows.sort((a, b) => {
      const c = key(a).localeCompare(key(b), 'en-GB', { numeric: true });
      return descending ? -c : c;
    });
    tbody.append(...rows);
  }
  return { heads, sortRows };
}

/** The frame of a paged results table: summary, error, table, pager, inside one section. */
export function pagedResults(o: PagedResultsOptions) {
  const summary = h('p', { class: 'summary', 'aria-live': 'polite', 'data-testid': `${o.prefix}-summary` });
  const error = h('div', { class: 'alert error', role: 'alert', hidden: true, 'data-testid': `${o.prefix}-error` });
  const tbody = h('tbody', {});
  const { heads, sortRows } = o.serverSort ? listSorting(o.columns, o.prefix, o.serverSort) : pageSorting(o.columns, o.prefix, tbody);
  const table = h('table', { class: `data ${o.tableClass}`, 'data-testid': `${o.prefix}-table` },
    h('caption', { class: 'visually-hidden' }, o.caption),
    h('thead', {}, h('tr', {}, ...heads)),
    tbody);
  const prev = h('button', { type: 'button', 'data-testid': 'page-prev' }, '← Previous');
  const next = h('button', { type: 'button', 'data-testid': 'page-next' }, 'Next →');
  const pageInfo = h('span', { class: 'page-info', 'data-testid': 'page-info' });
  const results = h('section', { class: 'results', 'aria-label': o.label, 'data-testid': `${o.prefix}-results`, 'data-state': 'loading' },
    o.lead, summary, error, h('div', { class: 'table-wrap' }, table),
    h('nav', { class: 'pager', 'aria-label': 'Pages' }, prev, pageInfo, next));
  /** "Showing 1–50 of 120", "Page 1 of 3" and the pager's buttons, for the page drawn. */
  function showCounts(offset: number, shown: number, total: number, pageSize: number): void {
    const to = offset + shown;
    summary.textContent = shown ? `Showing ${offset + 1}–${to} of ${total}` : `Showing 0 of ${total}`;
    summary.dataset.total = String(total);
    pageInfo.textContent = `Page ${Math.floor(offset / pageSize) + 1} of ${Math.max(1, Math.ceil(total / pageSize))}`;
    prev.disabled = offset <= 0;
    next.disabled = to >= total;
    sortRows();
  }
  return { summary, error, tbody, table, prev, next, pageInfo, results, showCounts };
}

/**
 * The frame with its load cycle. `load(fetch, draw, errorText)` marks the results loading
 * (data-state, aria-busy, "Loading…", pager off), fetches, and draws the page unless a later
 * load started meanwhile or the screen has gone (`alive()` false); then data-state is
 * "ready". A failure empties the table and shows `errorText(e)`, data-state "error".
 */
export function pagedTable(o: PagedResultsOptions & { alive: () => boolean }) {
  const frame = pagedResults(o);
  const { summary, error, tbody, table, prev, next, pageInfo, results } = frame;
  let generation = 0;
  async function load<P>(fetch: () => Promise<P>, draw: (page: P) => void, errorText: (e: unknown) => string): Promise<void> {
    const mine = ++generation;
    results.dataset.state = 'loading';
    table.setAttribute('aria-busy', 'true');
    error.hidden = true;
    summary.textContent = 'Loading…';
    prev.disabled = true;
    next.disabled = true;
    try {
      const page = await fetch();
      if (mine !== generation || !o.alive()) return;
      draw(page);
      results.dataset.state = 'ready';
    } catch (e) {
      if (mine !== generation || !o.alive()) return;
      clear(tbody);
      summary.textContent = '';
      pageInfo.textContent = '';
      error.textContent = errorText(e);
      error.hidden = false;
      results.dataset.state = 'error';
    } finally {
      if (mine === generation) table.removeAttribute('aria-busy');
    }
  }
  return { ...frame, load };
}
