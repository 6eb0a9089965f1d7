// People and records by name, not id: a name for a user id (GET /api/v1/people?ids=…,
// batched and kept for the page load; the server decides whose name the reader sees), and
// the search-as-you-type pickers that replace typing ids into forms.

import { getUser, request } from './api';
import { h, uid } from './dom';
import type { Page } from './types';

export interface Person { id: number; name: string; agency: string; named: boolean }

const known = new Map<number, Promise<Person | null>>();
let pending: { id: number; resolve: (p: Person | null) => void }[] = [];
let timer: ReturnType<typeof setTimeout> | null = null;

function flush() {
  timer = null;
  const batch = pending;
  pending = [];
  for (let i = 0; i < batch.length; i += 100) {
    const part = batch.slice(i, i + 100);
    request<Person[]>('/api/v1/people', { query: { ids: [...new Set(part.map((x) => x.id))].join(',') } })
      .then((list) => {
        const by = new Map(list.map((p) => [p.id, p]));
        for (const x of part) x.resolve(by.get(x.id) ?? null);
      })
      .catch(() => { for (const x of part) x.resolve(null); });
  }
}

/** The person behind a user id (null when unknown); requests within one tick go together. */
export function person(id: number): Promise<Person | null> {
  let p = known.get(id);
  if (!p) {
    p = new Promise((resolve) => {
      pending.push({ id, resolve });
      if (!timer) timer = setTimeout(flush, 0);
    });
    known.set(id, p);
  }
  return p;
}

/** A span showing the person's name (and agency), "you" for the reader; filled in when known. */
export function personName(id: number | null | undefined, opts: { withAgency?: boolean } = {}): HTMLSpanElement {
  const el = h('span', { class: 'person', 'data-testid': 'person-name', 'data-user-id': id ?? '' }, id ? '…' : '—');
  if (!id) return el;
  if (getUser()?.id === id) {
    el.textContent = 'You';
    return el;
  }
  void person(id).then((p) => {
    el.textContent = p ? (opts.withAgency && p.named ? `${p.name} (${p.agency})` : p.name) : `User ${id}`;
  });
  return el;
}

/** Forgets the names (on sign-out: another reader may see fewer). */
export function forgetPeople(): void {
  known.clear();
}

interface Option { id: number; label: string; detail?: string }

/**
 * A search-as-you-type picker: a text box that asks `search` as the reader types and offers
 * the answers in a list; choosing one sets the hidden value (the id a form sends). The
 * returned `input` carries the id in `.value` via the hidden control.
 */
export function picker(o: {
  name: string; testid: string; placeholder: string; search: (q: string) => Promise<Option[]>; initial?: Option | null;
}): { el: HTMLElement; value: HTMLInputElement; box: HTMLInputElement; id: () => string } {
  const listId = uid('pick');
  const value = h('input', { type: 'hidden', name: o.name, 'data-testid': `${o.testid}-value` });
  const box = h('input', { type: 'search', autocomplete: 'off', placeholder: o.placeholder, role: 'combobox', 'aria-expanded': 'false',
    'aria-controls': listId, 'aria-autocomplete': 'list', 'data-testid': o.testid });
  const list = h('ul', { class: 'picker-list', id: listId, role: 'listbox', hidden: true, 'data-testid': `${o.testid}-options` });
  const el = h('div', { class: 'picker' }, box, value, list);
  if (o.initial) {
    value.value = String(o.initial.id);
    box.value = o.initial.label;
  }
  let seq = 0;
  let timer: ReturnType<typeof setTimeout> | null = null;
  function close() {
    list.hidden = true;
    box.setAttribute('aria-expanded', 'false');
  }
  function choose(opt: Option) {
    value.value = String(opt.id);
    box.value = opt.label;
    close();
    value.dispatchEvent(new Event('change', { bubbles: true }));
    box.dispatchEvent(new Event('change', { bubbles: true }));
  }
  box.addEventListener('input', () => {
    value.value = '';
    if (timer) clearTimeout(timer);
    const q = box.value.trim();
    if (q.length < 2) { close(); return; }
    timer = setTimeout(async () => {
      const mine = ++seq;
      let opts: Option[] = [];
      try { opts = await o.search(q); } catch { opts = []; }
      if (mine !== seq) return;
      list.replaceChildren(...(opts.length ? opts.map((opt) => {
        const li = h('li', { role: 'option', tabindex: '-1', 'data-testid': `${o.testid}-option`, 'data-id': opt.id },
          opt.label, opt.detail ? h('span', { class: 'muted small' }, ` ${opt.detail}`) : null);
        li.addEventListener('mousedown', (ev) => { ev.preventDefault(); choose(opt); });
        li.addEventListener('keydown', (ev) => { if (ev.key === 'Enter') { ev.preventDefault(); choose(opt); } });
        return li;
      }) : [h('li', { class: 'muted' }, 'Nothing found')]));
      list.hidden = false;
      box.setAttribute('aria-expanded', 'true');
    }, 200);
  });
  box.addEventListener('keydown', (ev) => {
    if (ev.key === 'ArrowDown' && !list.hidden) {
      ev.preventDefault();
      list.querySelector<HTMLElement>('li[role="option"]')?.focus();
    } else if (ev.key === 'Escape') close();
  });
  list.addEventListener('keydown', (ev) => {
    const cur = document.activeElement as HTMLElement | null;
    if (ev.key === 'ArrowDown') { ev.preventDefault(); (cur?.nextElementSibling as HTMLElement | null)?.focus(); }
    if (ev.key === 'ArrowUp') { ev.preventDefault(); ((cur?.previousElementSibling as HTMLElement | null) ?? box).focus(); }
    if (ev.key === 'Escape') { close(); box.focus(); }
  });
  box.addEventListener('blur', () => setTimeout(() => { if (!el.contains(document.activeElement)) close(); }, 150));
  // The chosen record's id; a bare number typed without choosing is taken as the id itself.
  const id = () => value.value || (/^\d+$/.test(box.value.trim()) ? box.value.trim() : '');
  return { el, value, box, id };
}

/** People of the reader's agency, optionally of one role. */
export function personSearch(role?: string): (q: string) => Promise<Option[]> {
  return async (q) => (await request<Person[]>('/api/v1/people', { query: { q, role, limit: 10 } }))
    .map((p) => ({ id: p.id, label: p.name, detail: p.agency }));
}

/** Threats the reader may read, by reference or name. */
export function threatSearch(q: string): Promise<Option[]> {
  return request<Page<{ id: number; reference: string; name: string; owning_agency?: string }>>('/api/v1/threats', { query: { q, limit: 10 } })
    .then((p) => p.items.map((t) => ({ id: t.id, label: `${t.reference} ${t.name}` })));
}

/** Nominals the reader may read, by reference or name. */
export function nominalSearch(q: string): Promise<Option[]> {
  return request<Page<{ id: number; reference: string; given_names: string; surname: string; date_of_birth?: string }>>('/api/v1/nominals',
    { query: { q, limit: 10 } })
    .then((p) => p.items.map((n) => ({ id: n.id, label: `${n.reference} ${n.given_names} ${n.surname}`.trim(), detail: n.date_of_birth ?? '' })));
}
