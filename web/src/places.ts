// Places: the frontline briefing for an area, rail route, station or shift (GET
// /api/v1/areas/{id}/briefing, acknowledged with its digest; supervisors see who has read
// it), the map of loaded boundaries, places and incidents (Leaflet, drawing only what the
// server returns: no tiles are fetched), and the analyst's proposed SOC vulnerabilities
// from hotspots (Getis-Ord Gi*), each accepted or rejected with its evidence.

import L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import './places.css';
import { ApiError, getUser, request } from './api';
import { type Area, areaSelect, loadedAreas } from './area-picker';
import { field, h, option } from './dom';
import { date, todayYmd } from './format';
import { problemText } from './forms';
import type { Role } from './nav';
import { href, navigate, type View } from './router';

export const BRIEFING_SUPERVISORS = ['tasking_chair', 'analyst', 'administrator', 'inspector'];
export const HOTSPOT_ANALYSTS: Role[] = ['analyst', 'rocta_analyst'];

interface BriefThreat { id: number; reference: string; name: string; type: string; tier: number | null; primary_crime_type: string; marking: string }
interface BriefOrder { id: number; reference: string; subject_name: string; subject_reference: string; ends_on: string; conditions: { kind: string; detail: string }[] }
interface BriefWanted { nominal_id: number; reference: string; name: string; reason: string }
interface BriefIntel { id: number; reference: string; title: string; received_date: string; grading: string; marking: string }
interface BriefSignal { holder_agency: string; holder: string; items: number; how_to_ask: string }
interface Requirement { id: number; agency: string; requirement: string }
interface Briefing {
  area: Area; key: string; threats: BriefThreat[]; vulnerabilities: BriefThreat[]; orders: BriefOrder[]; wanted: BriefWanted[];
  intelligence: BriefIntel[]; withheld: BriefSignal[]; requirements: Requirement[]; digest: string; acknowledged: boolean;
}
interface Read { user_id: number; name: string; acknowledged_at: string; current: boolean }
interface Incident { id: number; reference: string; type: string; occurred_on: string; lon: number; lat: number; location: string }
interface Place { id: number; record_kind: string; record_id: number; record_reference: string; record_title: string; label: string; geometry: GeoJSON.Geometry }
interface Proposal {
  id: number; type: string; title: string; incidents: number; peak_z: number; p_value: number; status: string; threat_id: number;
  reason: string; created_at: string; geometry: GeoJSON.Geometry;
  evidence: { method: string; cell_m: number; cells_in_grid: number; mean_per_cell: number; z_threshold: number; incidents_analysed: number;
    from: string; to: string; hot_cells: { count: number; z: number }[] };
}

const INCIDENT_TYPES = ['metal_theft', 'kiosk_fraud', 'robbery', 'drugs', 'other'];
const words = (s: string) => s.replace(/_/g, ' ');

function hasRole(roles: string[]): boolean {
  return (getUser()?.roles ?? []).some((r) => roles.includes(r));
}

function failure(e: unknown, what: string): HTMLElement {
  return h('div', { class: 'alert error', role: 'alert', 'data-testid': 'places-error' },
    e instanceof ApiError && (e.status === 403 || e.status === 404) ? problemText(e) : `Could not load ${what}: ${problemText(e)}`);
}

function section(title: string, testid: string, count: number, ...body: (Node | string)[]): HTMLElement {
  return h('section', { class: 'brief-section', 'data-testid': testid, 'data-count': count },
    h('h2', {}, `${title} (${count})`), ...(count === 0 ? [h('p', { class: 'muted' }, 'None.')] : body));
}

function list(items: Node[]): HTMLUListElement {
  return h('ul', { class: 'brief-list' }, ...items.map((i) => h('li', {}, i)));
}

function threatItem(t: BriefThreat): Node {
  return h('span', {}, h('a', { href: href(`/threats/${t.id}`) }, `${t.reference} ${t.name}`), ' ',
    h('span', { class: 'muted' }, `${t.primary_crime_type || t.type}${t.tier ? `, tier ${t.tier}` : ''} · ${t.marking}`));
}

// ---- the briefing -----------------------------------------------------------------------

export function briefingView(query: URLSearchParams): View {
  const areaId = query.get('area') ?? '';
  const day = query.get('day') ?? todayYmd();
  const shift = query.get('shift') ?? '';
  return {
    title: 'Briefing',
    render(main) {
      const body = h('div', { 'data-testid': 'briefing', 'data-state': 'loading' });
      main.append(h('h1', {}, 'Briefing'), h('p', { class: 'lede' },
        'What you should know for the area, rail route or station you work: threats, SOC vulnerabilities, order subjects, ' +
        'wanted people, recent intelligence you may see, and what to collect. Acknowledge it once read.'), body);
      void (async () => {
        let all: Area[];
        try {
          all = await loadedAreas();
        } catch (e) {
          body.replaceChildren(failure(e, 'the areas'));
          return;
        }
        const pick = areaSelect(all, areaId, 'briefing-area', 'Choose an area…');
        const dayInput = h('input', { type: 'date', value: day, 'data-testid': 'briefing-day' });
        const shiftSelect = h('select', { 'data-testid': 'briefing-shift' }, option('', 'Whole day', shift === ''),
          ...['early', 'late', 'night'].map((s) => option(s, `${s[0].toUpperCase()}${s.slice(1)} shift`, s === shift)));
        const go = () => {
          const q: Record<string, string> = {};
          if (pick.value) q.area = pick.value;
          if (dayInput.value) q.day = dayInput.value;
          if (shiftSelect.value) q.shift = shiftSelect.value;
          navigate(href('/briefing', q));
        };
        for (const c of [pick, dayInput, shiftSelect]) c.addEventListener('change', go);
        const form = h('div', { class: 'filters' }, field('Area', pick), field('Day', dayInput), field('Shift', shiftSelect));
        body.replaceChildren(form);
        if (!areaId) {
          body.dataset.state = 'ready';
          return;
        }
        const q = new URLSearchParams({ day, ...(shift ? { shift } : {}) });
        try {
          const b = await request<Briefing>(`/api/v1/areas/${areaId}/briefing?${q}`);
          body.append(h('p', {}, h('a', { href: href('/map', { area: areaId }), 'data-testid': 'briefing-map-link' }, 'Show the area on the map')),
            drawBriefing(b, day, shift));
          body.dataset.state = 'ready';
        } catch (e) {
          body.append(failure(e, 'the briefing'));
          body.dataset.state = 'error';
        }
      })();
    },
  };
}

function drawBriefing(b: Briefing, day: string, shift: string): HTMLElement {
  const ack = h('button', { type: 'button', class: 'primary', 'data-testid': 'briefing-acknowledge' }, 'I have read this briefing');
  const ackState = h('p', { 'data-testid': 'briefing-ack-state', role: 'status' },
    b.acknowledged ? 'You have acknowledged this briefing.' : 'Not yet acknowledged.');
  ack.disabled = b.acknowledged;
  ack.addEventListener('click', async () => {
    ack.disabled = true;
    try {
      await request(`/api/v1/areas/${b.area.id}/briefing/acknowledgements`, { method: 'POST', body: { digest: b.digest, day, shift } });
      ackState.textContent = 'You have acknowledged this briefing.';
    } catch (e) {
      ackState.textContent = problemText(e);
      ack.disabled = false;
    }
  });
  const out = h('div', { class: 'briefing' },
    h('h2', { 'data-testid': 'briefing-title' }, `${b.area.name} · ${b.key}`),
    section('Threats', 'brief-threats', b.threats.length, list(b.threats.map(threatItem))),
    section('SOC vulnerabilities', 'brief-vulnerabilities', b.vulnerabilities.length, list(b.vulnerabilities.map(threatItem))),
    section('Serious crime prevention order subjects', 'brief-orders', b.orders.length, list(b.orders.map((o) =>
      h('span', {}, h('strong', {}, o.subject_name), ` (${o.subject_reference}), order ${o.reference} until ${date(o.ends_on)}`,
        h('ul', {}, ...o.conditions.map((c) => h('li', {}, `${c.kind}: ${c.detail}`))))))),
    section('Wanted', 'brief-wanted', b.wanted.length, list(b.wanted.map((w) =>
      h('span', {}, h('a', { href: href(`/nominals/${w.nominal_id}`) }, `${w.name} (${w.reference})`), ` — ${w.reason}`)))),
    section('Recent intelligence (last 28 days)', 'brief-intelligence', b.intelligence.length, list(b.intelligence.map((i) =>
      h('span', {}, h('a', { href: href(`/intelligence/${i.id}`) }, `${i.reference} ${i.title}`), ' ',
        h('span', { class: 'muted' }, `${date(i.received_date)} · ${i.grading} · ${i.marking}`))))),
    b.withheld.length === 0 ? null : h('div', { class: 'alert info', 'data-testid': 'brief-withheld' },
      ...b.withheld.map((s) => h('p', {}, `${s.holder} holds ${s.items} further item${s.items === 1 ? '' : 's'} of intelligence for this area. ${s.how_to_ask}`))),
    section('Intelligence requirements: please collect on', 'brief-requirements', b.requirements.length,
      list(b.requirements.map((r) => h('span', {}, r.requirement, ' ', h('span', { class: 'muted' }, `(${r.agency})`))))),
    h('div', { class: 'actions' }, ack, ackState));
  if (hasRole(BRIEFING_SUPERVISORS)) out.append(readsPanel(b, day, shift));
  return out;
}

function readsPanel(b: Briefing, day: string, shift: string): HTMLElement {
  const panel = h('section', { class: 'brief-section', 'data-testid': 'brief-reads' }, h('h2', {}, 'Who has read this briefing'));
  const q = new URLSearchParams({ day, ...(shift ? { shift } : {}) });
  request<{ items: Read[] }>(`/api/v1/areas/${b.area.id}/briefing/reads?${q}`).then((r) => {
    panel.append(r.items.length === 0 ? h('p', { class: 'muted' }, 'No one yet.') : list(r.items.map((x) =>
      h('span', { 'data-testid': 'brief-read' }, `${x.name}, ${new Date(x.acknowledged_at).toLocaleString('en-GB')}`,
        x.current ? '' : ' (an earlier version)'))));
  }).catch((e) => panel.append(failure(e, 'who has read it')));
  return panel;
}

// ---- the map ------------------------------------------------------------------------------

export function mapView(query: URLSearchParams): View {
  const areaId = query.get('area') ?? '';
  const type = query.get('type') ?? '';
  const from = query.get('from') ?? '';
  const to = query.get('to') ?? '';
  let map: L.Map | null = null;
  return {
    title: 'Map',
    render(main) {
      const status = h('p', { class: 'muted', role: 'status', 'data-testid': 'map-status' }, 'Loading…');
      const canvas = h('div', { class: 'map-canvas', 'data-testid': 'map', 'data-state': 'loading' });
      main.append(h('h1', {}, 'Map'), h('p', { class: 'lede' },
        'Loaded boundaries, the places on records you may read, and incidents. No map tiles are fetched: what is drawn is what Rocta holds.'));
      const filters = h('div', { class: 'filters' });
      main.append(filters, status, canvas);
      map = L.map(canvas, { zoomSnap: 0.25, attributionControl: false }).setView([51.5, -0.12], 10);
      void (async () => {
        try {
          const all = await request<{ items: Area[] }>('/api/v1/areas?geometry=true');
          const pick = areaSelect(all.items, areaId, 'map-area', 'All of London');
          const typeSelect = h('select', { 'data-testid': 'map-type' }, option('', 'All incident types', type === ''),
            ...INCIDENT_TYPES.map((t) => option(t, words(t), t === type)));
          const fromInput = h('input', { type: 'date', value: from, 'data-testid': 'map-from' });
          const toInput = h('input', { type: 'date', value: to, 'data-testid': 'map-to' });
          const go = () => {
            const q: Record<string, string> = {};
            if (pick.value) q.area = pick.value;
            if (typeSelect.value) q.type = typeSelect.value;
            if (fromInput.value) q.from = fromInput.value;
            if (toInput.value) q.to = toInput.value;
            navigate(href('/map', q));
          };
          for (const c of [pick, typeSelect, fromInput, toInput]) c.addEventListener('change', go);
          filters.append(field('Area', pick), field('Incident type', typeSelect), field('From', fromInput), field('To', toInput));
          const boundaries = L.geoJSON(undefined, {
            style: (f) => ({ color: f?.properties.kind === 'bcu' ? '#1d4f91' : f?.properties.kind === 'route' ? '#8a2be2' : '#2a7f62',
              weight: f?.properties.id === Number(areaId) ? 4 : 1.5, fillOpacity: f?.properties.id === Number(areaId) ? 0.12 : 0.03 }),
            pointToLayer: (_f, ll) => L.circleMarker(ll, { radius: 4, color: '#2a7f62' }),
            onEachFeature: (f, layer) => layer.bindTooltip(`${f.properties.name}`),
          }).addTo(map!);
          for (const a of all.items) {
            if (a.geometry) boundaries.addData({ type: 'Feature', geometry: a.geometry, properties: { id: a.id, kind: a.kind, name: a.name } } as GeoJSON.Feature);
          }
          const q = new URLSearchParams({ limit: '5000' });
          if (areaId) q.set('area_id', areaId);
          if (type) q.set('type', type);
          if (from) q.set('from', from);
          if (to) q.set('to', to);
          const [incidents, places] = await Promise.all([
            request<{ items: Incident[] }>(`/api/v1/incidents?${q}`),
            request<{ items: Place[] }>(`/api/v1/places${areaId ? `?area_id=${areaId}` : ''}`)]);
          for (const i of incidents.items)
            L.circleMarker([i.lat, i.lon], { radius: 3, color: '#c0392b', weight: 1, fillOpacity: 0.6 })
              .bindTooltip(`${i.reference} · ${words(i.type)} · ${i.occurred_on}${i.location ? ` · ${i.location}` : ''}`).addTo(map!);
          L.geoJSON(undefined, {
            style: () => ({ color: '#e67e22', weight: 3 }),
            pointToLayer: (_f, ll) => L.circleMarker(ll, { radius: 6, color: '#e67e22', weight: 2 }),
            onEachFeature: (f, layer) => layer.bindTooltip(`${f.properties.title}`),
          }).addData({ type: 'FeatureCollection', features: places.items.map((p) => ({ type: 'Feature', geometry: p.geometry,
            properties: { title: `${p.record_reference} ${p.record_title} (${p.label})` } }) as GeoJSON.Feature) } as GeoJSON.FeatureCollection).addTo(map!);
          const focus = all.items.find((a) => String(a.id) === areaId);
          if (focus?.geometry) map!.fitBounds(L.geoJSON(focus.geometry).getBounds(), { padding: [20, 20] });
          status.textContent = `${incidents.items.length} incidents, ${places.items.length} places on records.`;
          canvas.dataset.state = 'ready';
          canvas.dataset.incidents = String(incidents.items.length);
        } catch (e) {
          status.replaceWith(failure(e, 'the map'));
          canvas.dataset.state = 'error';
        }
      })();
      return () => map?.remove();
    },
  };
}

// ---- proposed vulnerabilities -------------------------------------------------------------

export function proposalsView(): View {
  return {
    title: 'Hotspots',
    render(main) {
      const body = h('div', { 'data-testid': 'proposals', 'data-state': 'loading' });
      const typeSelect = h('select', { 'data-testid': 'hotspot-type' }, ...INCIDENT_TYPES.map((t) => option(t, words(t), t === 'metal_theft')));
      const today = todayYmd();
      const fromInput = h('input', { type: 'date', value: `${Number(today.slice(0, 4)) - 1}${today.slice(4)}`, 'data-testid': 'hotspot-from' });
      const toInput = h('input', { type: 'date', value: today, 'data-testid': 'hotspot-to' });
      const run = h('button', { type: 'button', class: 'primary', 'data-testid': 'hotspot-run' }, 'Find hotspots');
      const runState = h('p', { role: 'status', 'data-testid': 'hotspot-state' });
      run.addEventListener('click', async () => {
        run.disabled = true;
        runState.textContent = 'Looking for hotspots…';
        try {
          const r = await request<{ incidents: number; cells: number; proposals: Proposal[]; already_proposed: number }>('/api/v1/hotspots', {
            method: 'POST', body: { type: typeSelect.value, from: fromInput.value, to: toInput.value } });
          runState.textContent = `${r.incidents} incidents over ${r.cells} cells: ${r.proposals.length} new proposal(s), ${r.already_proposed} already proposed.`;
          await load();
        } catch (e) {
          runState.textContent = problemText(e);
        }
        run.disabled = false;
      });
      main.append(h('h1', {}, 'Hotspots and proposed SOC vulnerabilities'), h('p', { class: 'lede' },
        'Hotspots of incidents you may read, found with Getis-Ord Gi* on a 250 m grid and an exact Poisson test (Bonferroni over ' +
        'all cells). Each significant hotspot is proposed as a SOC vulnerability: accept it to record the vulnerability with the ' +
        'hotspot as its place, or reject it saying why.'),
      h('div', { class: 'filters' }, field('Incident type', typeSelect), field('From', fromInput), field('To', toInput), run), runState, body);
      const load = async () => {
        try {
          const r = await request<{ items: Proposal[] }>('/api/v1/proposed-vulnerabilities');
          body.replaceChildren(r.items.length === 0 ? h('p', { class: 'muted' }, 'No proposals yet.') : h('div', {}, ...r.items.map(proposalCard)));
          body.dataset.state = 'ready';
        } catch (e) {
          body.replaceChildren(failure(e, 'the proposals'));
          body.dataset.state = 'error';
        }
      };
      void load();
    },
  };
}

function proposalCard(p: Proposal): HTMLElement {
  const e = p.evidence;
  const state = h('p', { role: 'status', 'data-testid': 'proposal-state' }, p.status === 'proposed' ? '' :
    `${p.status[0].toUpperCase()}${p.status.slice(1)}${p.reason ? `: ${p.reason}` : ''}`);
  const reason = h('input', { type: 'text', 'data-testid': 'proposal-reason', placeholder: 'Reason (required to reject)' });
  const decide = (accept: boolean) => async () => {
    try {
      const d = await request<Proposal>(`/api/v1/proposed-vulnerabilities/${p.id}/decision`, { method: 'POST', body: { accept, reason: reason.value } });
      state.textContent = accept ? 'Accepted: recorded as a SOC vulnerability. ' : `Rejected: ${d.reason}`;
      if (accept) state.append(h('a', { href: href(`/threats/${d.threat_id}`), 'data-testid': 'proposal-threat' }, 'Open the vulnerability'));
      actions.remove();
    } catch (err) {
      state.textContent = problemText(err);
    }
  };
  const accept = h('button', { type: 'button', class: 'primary', 'data-testid': 'proposal-accept' }, 'Accept');
  const reject = h('button', { type: 'button', 'data-testid': 'proposal-reject' }, 'Reject');
  accept.addEventListener('click', decide(true));
  reject.addEventListener('click', decide(false));
  const actions = h('div', { class: 'actions' }, field('Reason', reason), accept, reject);
  return h('article', { class: 'card proposal', 'data-testid': 'proposal', 'data-status': p.status },
    h('h2', {}, p.title),
    h('p', {}, `${p.incidents} ${words(p.type)} incidents in ${e.hot_cells.length} hot cell(s) of ${e.cell_m} m; peak Gi* z = ${p.peak_z.toFixed(2)}, ` +
      `p = ${p.p_value.toExponential(2)} against ${(0.05 / e.cells_in_grid).toExponential(2)} needed.`),
    h('details', { 'data-testid': 'proposal-evidence' }, h('summary', {}, 'Evidence'),
      h('p', {}, e.method),
      h('p', {}, `${e.incidents_analysed} incidents from ${e.from} to ${e.to} over ${e.cells_in_grid} cells; mean ${e.mean_per_cell.toFixed(2)} per cell.`),
      h('ul', {}, ...e.hot_cells.map((c) => h('li', {}, `${c.count} incidents, z = ${c.z.toFixed(2)}`)))),
    state, p.status === 'proposed' ? actions : null);
}
