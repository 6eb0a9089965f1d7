// A list already in the browser (one answer of the server) as a table with sortable
// columns and pages: the 4P plans' threats, the tasks. Lists the server pages itself use
// paged-table.ts instead.

import { clear, h, type Child } from './dom';

export interface Column<T> {
  label: string;
  /** What the column sorts by; no sort button without it. */
  sort?: (row: T) => string | number;
  cell: (row: T) => Child | Child[];
  className?: string;
}

export interface DataTable<T> {
  el: HTMLElement;
  /** New rows (a filter changed): back to the first page, the sort kept. */
  set(rows: T[]): void;
}

export function dataTable<T>(o: {
  testid: string; caption: string; columns: Column<T>[]; rowAttrs?: (row: T) => Record<string, string>;
  empty: string; pageSize?: number; initialSort?: { column: number; descending?: boolean };
  /** Told of each new order a heading asks for, after the rows are sorted (a caller may ask the server again). */
  onSort?: (column: number, descending: boolean) => void;
}): DataTable<T> {
  const size = o.pageSize ?? 25;
  let rows: T[] = [];
  let page = 0;
  let sortBy = o.initialSort?.column ?? -1;
  let descending = o.initialSort?.descending ?? false;
  const summary = h('p', { class: 'summary', 'data-testid': `${o.testid}-summary` });
  const wrap = h('div', { class: 'table-wrap' });
  const pager = h('nav', { class: 'pager', 'aria-label': `${o.caption}: pages`, 'data-testid': `${o.testid}-pager` });
  const el = h('div', { class: 'data-table', 'data-testid': o.testid }, summary, wrap, pager);

  function sorted(): T[] {
    const col = o.columns[sortBy];
    if (!col?.sort) return rows;
    const key = col.sort;
    return rows.slice().sort((a, b) => {
      const x = key(a), y = key(b);
      const c = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y), 'en-GB', { numeric: true });
      return descending ? -c : c;
    });
  }

  function draw() {
    const all = sorted();
    const pages = Math.max(1, Math.ceil(all.length / size));
    page = Math.min(page, pages - 1);
    const shown = all.slice(page * size, page * size + size);
    summary.textContent = all.length === 0 ? '' : all.length <= size ? `${all.length} shown`
      : `${page * size + 1}–${page * size + shown.length} of ${all.length}`;
    summary.dataset.total = String(all.length);
    const head = h('tr', {}, ...o.columns.map((c, i) => {
      const aria = i === sortBy ? (descending ? 'descending' : 'ascending') : null;
      if (!c.sort) return h('th', { scope: 'col', class: c.className ?? null }, c.label);
      const b = h('button', { type: 'button', class: 'sort-button', 'data-testid': `${o.testid}-sort-${i}` }, c.label,
        h('span', { class: 'sort-mark', 'aria-hidden': 'true' }, i === sortBy ? (descending ? ' ▼' : ' ▲') : ' ↕'));
      b.addEventListener('click', () => {
        if (sortBy === i) descending = !descending;
        else { sortBy = i; descending = false; }
        page = 0;
        draw();
        o.onSort?.(sortBy, descending);
      });
      return h('th', { scope: 'col', class: c.className ?? null, 'aria-sort': aria }, b);
    }));
    clear(wrap);
    wrap.append(h('table', { class: 'data', 'data-testid': `${o.testid}-table` },
      h('caption', { class: 'visually-hidden' }, o.caption),
      h('thead', {}, head),
      h('tbody', {}, ...(shown.length ? shown.map((r) => h('tr', { ...(o.rowAttrs?.(r) ?? {}), 'data-testid': `${o.testid}-row` },
        ...o.columns.map((c) => h('td', { 'data-label': c.label, class: c.className ?? null }, c.cell(r)))))
        : [h('tr', {}, h('td', { class: 'empty', colspan: o.columns.length }, o.empty))]))));
    clear(pager);
    if (pages > 1) {
      const prev = h('button', { type: 'button', 'data-testid': `${o.testid}-prev`, disabled: page === 0 }, '← Previous');
      const next = h('button', { type: 'button', 'data-testid': `${o.testid}-next`, disabled: page >= pages - 1 }, 'Next →');
      prev.addEventListener('click', () => { page -= 1; draw(); });
      next.addEventListener('click', () => { page += 1; draw(); });
      pager.append(prev, h('span', { class: 'muted' }, ` Page ${page + 1} of ${pages} `), next);
    }
  }

  return {
    el,
    set(next) {
      rows = next;
      page = 0;
      draw();
    },
  };
}
