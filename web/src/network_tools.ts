// Tools of the network screen (network.ts) beside the diagram: every shortest path between
// the centre and a selected record (GET /api/v1/network/paths), what changed in a threat's
// network after one of its disruptions (…/network-changes), and a commodity's own record
// with editing and closing (a deal line cut off by a disruption; PATCH and POST …/close,
// which answer 409 when someone changed it since it was read). Each answer carries the
// signals of links the reader may not see, never the links themselves.

import { ApiError, request } from './api';
import { clear, h } from './dom';
import { signalItem } from './signals';
import type { Signal } from './types';

export interface NetRef { kind: string; id: number }
export interface PathNode extends NetRef { reference: string; label: string; owner: string }
interface NetSignal extends Signal { near: NetRef }

interface Paths { length: number; paths: PathNode[][]; signals: NetSignal[] }
interface Changes {
  before: string; after: string;
  appeared: PathNode[]; gone: PathNode[];
  links_added: { id: number; relation: string; date: string }[];
  links_gone: { id: number; relation: string; date: string }[];
  signals: NetSignal[];
}
interface Commodity {
  id: number; reference: string; kind: string; value: string; description: string;
  opened: string; closed: string; closed_by_disruption: number; version: number;
}
interface DisruptionItem { id: number; reference: string; record_date: string; description: string }

const name = (n: PathNode) => n.label || n.reference;
const message = (e: unknown, fallback: string) =>
  e instanceof ApiError && e.status === 409 ? 'Someone changed this record since you opened it: reload it and try again.'
    : e instanceof ApiError ? e.message : fallback;

function signalLines(signals: NetSignal[], isAlive: () => boolean): HTMLElement | null {
  if (!signals.length) return null;
  return h('ul', { class: 'signal-list', 'data-testid': 'tool-signals' },
    ...signals.map((s) => signalItem(s, { isAlive, holderText: `A further link is held by ${s.holder}` })));
}

/** Every shortest path from `from` to `to` through what the reader sees; `mark` highlights one. */
export async function showPaths(box: HTMLElement, from: string, to: NetRef, filter: Record<string, string>,
  isAlive: () => boolean, mark: (path: PathNode[]) => void): Promise<void> {
  clear(box);
  box.append(h('p', { class: 'muted' }, 'Looking for paths…'));
  try {
    const q = new URLSearchParams({ ...filter, from, to: `${to.kind}:${to.id}`, limit: '10' });
    const found = await request<Paths>(`/api/v1/network/paths?${q}`);
    if (!isAlive()) return;
    clear(box);
    box.dataset.length = String(found.length);
    box.dataset.count = String(found.paths.length);
    if (!found.paths.length) {
      box.append(h('p', { 'data-testid': 'net-paths-none' }, 'No path of at most six links through records you may see.'));
    } else {
      box.append(h('p', {}, `${found.paths.length} shortest path${found.paths.length === 1 ? '' : 's'} of ${found.length} link${found.length === 1 ? '' : 's'}:`),
        h('ol', { 'data-testid': 'net-paths' }, ...found.paths.map((p) => {
          const show = h('button', { type: 'button', class: 'link-button' }, 'Show');
          show.addEventListener('click', () => mark(p));
          return h('li', { 'data-testid': 'net-path' }, p.map(name).join(' → '), ' ', show);
        })));
      mark(found.paths[0]);
    }
    const signals = signalLines(found.signals, isAlive);
    if (signals) box.append(h('p', { class: 'hint' }, 'Links you may not see may join these records more closely:'), signals);
  } catch (e) {
    clear(box);
    box.append(h('p', { class: 'alert error' }, message(e, 'Could not find paths.')));
  }
}

/** A threat's disruptions to compare its network before and after. */
export function changesPanel(threat: number, hops: string, isAlive: () => boolean): HTMLElement {
  const pick = h('select', { 'data-testid': 'net-changes-disruption' }, h('option', { value: '' }, 'Loading…'));
  const after = h('input', { type: 'date', 'data-testid': 'net-changes-after' });
  const go = h('button', { type: 'button', 'data-testid': 'net-changes-go' }, 'Compare');
  const out = h('div', { 'data-testid': 'net-changes', role: 'status' });
  void request<{ items: DisruptionItem[] }>(`/api/v1/threats/${threat}/disruptions`).then((list) => {
    if (!isAlive()) return;
    clear(pick);
    if (!list.items.length) pick.append(h('option', { value: '' }, 'No disruptions recorded'));
    for (const d of list.items)
      pick.append(h('option', { value: String(d.id) }, `${d.record_date} ${d.reference}: ${d.description.slice(0, 60)}`));
  }).catch(() => { clear(pick); pick.append(h('option', { value: '' }, 'Disruptions unavailable')); });
  go.addEventListener('click', () => void (async () => {
    if (!pick.value) return;
    clear(out);
    try {
      const q = new URLSearchParams({ hops });
      if (after.value) q.set('after', after.value);
      const c = await request<Changes>(`/api/v1/threats/${threat}/disruptions/${pick.value}/network-changes?${q}`);
      if (!isAlive()) return;
      const list = (title: string, testid: string, items: string[]) => h('div', { 'data-testid': testid, 'data-count': items.length },
        h('h3', {}, `${title} (${items.length})`), items.length ? h('ul', {}, ...items.map((i) => h('li', {}, i))) : h('p', { class: 'muted' }, 'None.'));
      out.append(h('p', {}, `The network on ${c.before} (the day before the disruption) against ${c.after}.`),
        list('Records that appeared', 'net-changes-appeared', c.appeared.map(name)),
        list('Records no longer linked', 'net-changes-gone', c.gone.map(name)),
        list('Links added', 'net-changes-links-added', c.links_added.map((l) => `${l.relation} (${l.date})`)),
        list('Links gone', 'net-changes-links-gone', c.links_gone.map((l) => `${l.relation} (${l.date})`)));
      const signals = signalLines(c.signals, isAlive);
      if (signals) out.append(signals);
    } catch (e) {
      out.append(h('p', { class: 'alert error' }, message(e, 'Could not compare.')));
    }
  })());
  return h('section', { 'aria-labelledby': 'net-changes-h', 'data-testid': 'net-changes-panel' },
    h('h2', { id: 'net-changes-h' }, 'What changed after a disruption'),
    h('div', { class: 'net-controls' }, h('label', {}, 'Disruption ', pick), ' ', h('label', {}, 'Compare with ', after), ' ', go),
    out);
}

/** A commodity's record, its edit and its closing (a deal line cut off). */
export async function commodityDetails(box: HTMLElement, id: number, isAlive: () => boolean): Promise<void> {
  let c: Commodity;
  try {
    c = await request<Commodity>(`/api/v1/commodities/${id}`);
  } catch (e) {
    if (isAlive()) box.append(h('p', { class: 'alert error' }, message(e, 'Could not open the commodity.')));
    return;
  }
  if (!isAlive()) return;
  const state = h('p', { 'data-testid': 'commodity-state' });
  const status = h('p', { role: 'status', 'data-testid': 'commodity-status' });
  const describe = () => {
    state.textContent = `${c.kind} ${c.value}${c.description ? ` (${c.description})` : ''}; in use from ${c.opened || 'unknown'}` +
      (c.closed ? ` to ${c.closed}${c.closed_by_disruption ? `, closed by disruption ${c.closed_by_disruption}` : ''}` : ', still open');
    state.dataset.version = String(c.version);
    state.dataset.closed = c.closed;
  };
  describe();
  const description = h('input', { type: 'text', value: c.description, maxlength: 500, 'data-testid': 'commodity-description' });
  const save = h('button', { type: 'button', 'data-testid': 'commodity-save' }, 'Save description');
  const closed = h('input', { type: 'date', value: c.closed, 'data-testid': 'commodity-closed' });
  const by = h('input', { type: 'number', min: 1, value: c.closed_by_disruption || '', 'data-testid': 'commodity-closed-by' });
  const close = h('button', { type: 'button', 'data-testid': 'commodity-close' }, 'Close');
  const send = async (path: string, method: string, body: Record<string, unknown>) => {
    try {
      c = await request<Commodity>(path, { method, body: { ...body, version: c.version } });
      describe();
      status.textContent = 'Saved.';
    } catch (e) {
      status.textContent = message(e, 'Could not save.');
    }
  };
  save.addEventListener('click', () => void send(`/api/v1/commodities/${id}`, 'PATCH', { description: description.value }));
  close.addEventListener('click', () => void send(`/api/v1/commodities/${id}/close`, 'POST',
    by.value ? { closed: closed.value, closed_by_disruption: Number(by.value) } : { closed: closed.value }));
  box.append(state,
    h('p', {}, h('label', {}, 'Description ', description), ' ', save),
    h('p', {}, h('label', {}, 'Closed on ', closed), ' ', h('label', {}, 'by disruption (id) ', by), ' ', close),
    status);
}
