// A tiny element builder: h('a', { href: '#/x', class: 'link' }, 'text', child).
// Attributes are set with setAttribute (never innerHTML), so record text is always inert.

export type Child = Node | string | number | null | undefined | false;
export type Attrs = Record<string, string | number | boolean | null | undefined>;

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: (Child | Child[])[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    el.setAttribute(name, value === true ? '' : String(value));
  }
  append(el, children);
  return el;
}

export function append(parent: Node, children: (Child | Child[])[]): void {
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

export function clear(el: Element): void {
  while (el.firstChild) el.removeChild(el.firstChild);
}

const SVG_NS = 'http://www.w3.org/2000/svg';
/** An SVG element (bars and swatches: sized by attributes, since the CSP allows no inline style). */
export function svg(tag: string, attrs: Record<string, string | number>): SVGElement {
  const el = document.createElementNS(SVG_NS, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  return el;
}

let idCounter = 0;
/** A unique id for tying a <label> to its input. */
export function uid(prefix: string): string {
  idCounter += 1;
  return `${prefix}-${idCounter}`;
}

/** An <input>/<select> with its <label>, wrapped in a .field div. */
export function field(labelText: string, control: HTMLElement, hint?: string): HTMLDivElement {
  if (!control.id) control.id = uid('f');
  const label = h('label', { for: control.id }, labelText);
  const wrap = h('div', { class: 'field' }, label, control);
  if (hint) {
    const hintEl = h('p', { class: 'hint', id: `${control.id}-hint` }, hint);
    control.setAttribute('aria-describedby', hintEl.id);
    wrap.appendChild(hintEl);
  }
  return wrap;
}

export function option(value: string, text: string, selected: boolean): HTMLOptionElement {
  const o = h('option', { value }, text);
  o.selected = selected;
  return o;
}

/** The frame of a paged results table: summary, error, table, pager, inside one section. */
export function pagedResults(o: {
  prefix: string; // data-testid prefix: "queue" gives queue-summary, queue-error, queue-table, queue-results
  tableClass: string;
  caption: string;
  label: string;
  columns: string[];
  lead: Node; // what comes first in the section (a message or a heading)
}) {
  const summary = h('p', { class: 'summary', 'aria-live': 'polite', 'data-testid': `${o.prefix}-summary` });
  const error = h('div', { class: 'alert error', role: 'alert', hidden: true, 'data-testid': `${o.prefix}-error` });
  const tbody = h('tbody', {});
  const table = h('table', { class: `data ${o.tableClass}`, 'data-testid': `${o.prefix}-table` },
    h('caption', { class: 'visually-hidden' }, o.caption),
    h('thead', {}, h('tr', {}, ...o.columns.map((c) => h('th', { scope: 'col' }, c)))),
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
  }
  return { summary, error, tbody, table, prev, next, pageInfo, results, showCounts };
}
