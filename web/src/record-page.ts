// What the nominal and intelligence pages share with the threat page: opening a record
// that may need a purpose (428 → ask, retry with X-Rocta-Purpose), the not-found page that
// does not confirm a record exists, and the links table with each far end linked.

import { ApiError, request } from './api';
import { clear, field, h } from './dom';
import { date, orDash } from './format';
import { problemText } from './forms';
import { href } from './router';
import type { Link, RecordRef } from './types';
import { removeLinkCell } from './trust';

export const NOT_FOUND_TEXT = 'Not found, or you do not have access';

/** The page of a record kind, by the name the API gives it. */
export function recordHref(kind: string, id: number | string): string | null {
  if (kind === 'threat') return href(`/threats/${id}`);
  if (kind === 'nominal') return href(`/nominals/${id}`);
  if (kind === 'intelligence') return href(`/intelligence/${id}`);
  return null;
}

/** The page for an id that cannot exist (or that the reader may not know exists). */
export function notFoundPage(main: HTMLElement, backTo: [string, string]): void {
  document.title = 'Not found — Rocta';
  clear(main);
  main.append(h('div', { class: 'not-found', 'data-testid': 'not-found' },
    h('h1', { tabindex: '-1' }, NOT_FOUND_TEXT), h('p', {}, h('a', { href: backTo[0] }, backTo[1]))));
  main.querySelector<HTMLElement>('h1')?.focus();
}

/**
 * Opens `path` into `main`: calls `shown(record, purpose)` once it is read; asks for a
 * purpose on 428; shows a not-found page on 404 and the server's detail otherwise.
 * `backTo` is the link offered when the record cannot be shown.
 */
export function openRecord<T>(o: {
  main: HTMLElement;
  path: string;
  isAlive: () => boolean;
  backTo: [string, string];
  shown: (record: T, purpose: string | undefined) => void;
}): (purpose?: string) => Promise<void> {
  const { main } = o;
  const back = () => h('p', {}, h('a', { href: o.backTo[0] }, o.backTo[1]));
  function show(...nodes: Node[]) {
    clear(main);
    main.append(...nodes);
    main.querySelector<HTMLElement>('h1')?.focus();
  }
  async function load(purpose?: string): Promise<void> {
    main.dataset.state = 'loading';
    try {
      const r = await request<T>(o.path, { headers: purpose ? { 'X-Rocta-Purpose': purpose } : undefined });
      if (!o.isAlive()) return;
      o.shown(r, purpose);
      main.dataset.state = 'ready';
    } catch (e) {
      if (!o.isAlive()) return;
      main.dataset.state = 'error';
      if (e instanceof ApiError && e.status === 401) return; // main.ts has gone to sign-in
      if (e instanceof ApiError && e.status === 404) {
        notFoundPage(main, o.backTo);
      } else if (e instanceof ApiError && (e.status === 428 || (e.status === 400 && purpose))) {
        askPurpose(purpose ? `That purpose was not accepted. ${e.problem.detail ?? ''}` : '');
      } else {
        show(h('h1', { tabindex: '-1' }, 'Could not open this record'),
          h('div', { class: 'alert error', role: 'alert', 'data-testid': 'record-error' }, problemText(e, 'Unexpected error.')),
          back());
      }
    }
  }
  function askPurpose(message: string) {
    document.title = 'Purpose required — Rocta';
    const text = h('textarea', { name: 'purpose', rows: '3', maxlength: '500', required: true, 'data-testid': 'purpose-input' });
    const error = h('div', { class: 'alert error', role: 'alert', hidden: !message, 'data-testid': 'purpose-error' }, message);
    const form = h('form', { class: 'purpose-form', novalidate: true, 'data-testid': 'purpose-form' },
      h('h1', { tabindex: '-1' }, 'Why are you opening this record?'),
      h('p', {}, 'This record is classified SECRET or above. Your reason is recorded in the audit log with your name.'),
      field('Purpose', text, 'For example: the operation or tasking this supports.'),
      error,
      h('div', { class: 'actions' },
        h('button', { type: 'submit', class: 'primary', 'data-testid': 'purpose-submit' }, 'Open record'),
        h('a', { href: o.backTo[0], class: 'button' }, 'Cancel')));
    form.addEventListener('submit', (ev) => {
      ev.preventDefault();
      const p = text.value.replace(/\s+/g, ' ').trim();
      const problem = !p ? 'Enter a purpose.' : /[^\x20-\x7e\u00a0-\u00ff]/.test(p) ? 'Use plain letters, numbers and punctuation.' : '';
      if (problem) {
        error.textContent = problem;
        error.hidden = false;
        text.focus();
        return;
      }
      void load(p);
    });
    show(form);
    text.focus();
  }
  return load;
}

/** The links of a record, each far end linked to its page. */
export function linksSection(self: RecordRef, links: Link[], caption: string): HTMLElement {
  if (!links.length) return h('p', { class: 'muted', 'data-testid': 'links-empty' }, 'No linked records you can see.');
  return h('div', { class: 'table-wrap' },
    h('table', { class: 'links', 'data-testid': 'links-table' },
      h('caption', { class: 'visually-hidden' }, caption),
      h('thead', {}, h('tr', {}, ...['Relation', 'Direction', 'Linked record', 'Source', 'Date', 'Actions'].map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', {}, ...links.map((l) => {
        const outgoing = l.from?.kind === self.kind && l.from?.id === self.id;
        const other = outgoing ? l.to : l.from;
        const to = other ? recordHref(other.kind, other.id) : null;
        const text = other ? `${other.kind} ${other.id}` : '—';
        const tr: HTMLTableRowElement = h('tr', { 'data-testid': 'link-row', 'data-link-id': l.id ?? '' },
          h('th', { scope: 'row' }, orDash(l.relation)),
          h('td', {}, outgoing ? '→ to' : '← from'),
          h('td', {}, to ? h('a', { href: to }, text) : text),
          h('td', {}, orDash(l.source)),
          h('td', {}, date(l.date)));
        tr.append(removeLinkCell(l, () => tr, 6));
        return tr;
      }))));
}

/** A section of a record page that loads on its own once the record is drawn. */
export interface RecordPanel {
  node: HTMLElement;
  start(): void;
  dispose(): void;
}

/**
 * A record page's section that asks the server once `start()` is called: "Checking…" under
 * its heading, then what `draw` makes of the answer (`draw` may also mark the section, as
 * `node`), or the server's problem in `errorTestid`. Nothing is drawn after `dispose()`.
 */
export function recordPanel<T>(o: {
  heading: string;
  headingId: string;
  className: string;
  testid: string;
  errorTestid: string;
  errorText: string;
  fetch: () => Promise<T>;
  draw: (answer: T, isAlive: () => boolean, node: HTMLElement) => Node[];
}): RecordPanel {
  let alive = true;
  const isAlive = () => alive;
  const body = h('div', {}, h('p', { class: 'muted' }, 'Checking…'));
  const node = h('section', { class: o.className, 'aria-labelledby': o.headingId, 'data-testid': o.testid, 'data-state': 'loading' },
    h('h2', { id: o.headingId }, o.heading),
    body);

  async function load() {
    try {
      const answer = await o.fetch();
      if (!alive) return;
      clear(body);
      body.append(...o.draw(answer, isAlive, node));
      node.dataset.state = 'ready';
    } catch (e) {
      if (!alive) return;
      clear(body);
      body.append(h('div', { class: 'alert error', role: 'alert', 'data-testid': o.errorTestid }, problemText(e, o.errorText)));
      node.dataset.state = 'error';
    }
  }

  return {
    node,
    start: () => void load(),
    dispose: () => {
      alive = false;
    },
  };
}
