// Saved filters of a list screen, per user, in this browser's localStorage. Why not the
// server: a saved filter is only the screen's own query string (no record content, nothing
// another user or agency needs), so keeping it needs no table, migration or audit; the cost
// is that it stays in the browser where it was saved. Keyed by user id and screen, so two
// people sharing a browser do not see each other's.

import { getUser } from './api';
import { h, option } from './dom';
import { href, navigate } from './router';

type Saved = Record<string, string>; // name → query string

function key(screen: string): string | null {
  const id = getUser()?.id;
  return id ? `rocta.filters.${id}.${screen}` : null;
}

export function loadSaved(screen: string): Saved {
  const k = key(screen);
  if (!k) return {};
  try {
    const v = JSON.parse(localStorage.getItem(k) ?? '{}');
    return v && typeof v === 'object' ? (v as Saved) : {};
  } catch {
    return {};
  }
}

function store(screen: string, saved: Saved): void {
  const k = key(screen);
  if (k) localStorage.setItem(k, JSON.stringify(saved));
}

/** The screen's query now, without paging (a saved filter starts at the first page). */
function currentQuery(): string {
  const hash = window.location.hash;
  const q = new URLSearchParams(hash.includes('?') ? hash.slice(hash.indexOf('?') + 1) : '');
  q.delete('offset');
  return q.toString();
}

/** "Saved filters": choose one to apply it, save the one shown under a name, delete one. */
export function savedFilters(screen: string): HTMLElement {
  const pick = h('select', { 'data-testid': `${screen}-saved`, 'aria-label': 'Saved filters' });
  const name = h('input', { type: 'text', maxlength: 60, placeholder: 'Name this filter', 'aria-label': 'Name of the filter to save',
    'data-testid': `${screen}-saved-name` });
  const save = h('button', { type: 'button', 'data-testid': `${screen}-saved-save` }, 'Save filter');
  const remove = h('button', { type: 'button', class: 'link-button', 'data-testid': `${screen}-saved-delete` }, 'Delete');
  const status = h('span', { class: 'hint', 'aria-live': 'polite', 'data-testid': `${screen}-saved-status` });

  function fill(selected = '') {
    const saved = loadSaved(screen);
    pick.replaceChildren(option('', 'Saved filters…', !selected),
      ...Object.keys(saved).sort().map((n) => option(n, n, n === selected)));
    remove.hidden = !selected;
  }
  pick.addEventListener('change', () => {
    const q = loadSaved(screen)[pick.value];
    remove.hidden = !pick.value;
    if (q === undefined) return;
    navigate(href(`/${screen}`, new URLSearchParams(q)));
  });
  save.addEventListener('click', () => {
    const n = name.value.trim();
    if (!n) {
      status.textContent = 'Give the filter a name first.';
      name.focus();
      return;
    }
    const saved = loadSaved(screen);
    saved[n] = currentQuery();
    store(screen, saved);
    name.value = '';
    fill(n);
    status.textContent = `Saved “${n}”.`;
  });
  remove.addEventListener('click', () => {
    const saved = loadSaved(screen);
    const n = pick.value;
    delete saved[n];
    store(screen, saved);
    fill();
    status.textContent = `Deleted “${n}”.`;
  });
  fill();
  return h('div', { class: 'saved-filters', 'data-testid': `${screen}-saved-filters` }, pick, name, save, remove, status);
}
