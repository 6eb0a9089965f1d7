// The network around a threat or nominal: GET /api/v1/network draws what the reader may see
// (Cytoscape.js), with the key players (PageRank, betweenness, degree), groups (Louvain),
// bridges, a filter by link type and by date, recentring on a record ("expand from here")
// and an export of what is shown (GraphML or CSV, audited by the server). Links the reader
// may not see are never drawn: where the holder allows, they are signalled ("Held by …").

// Cytoscape.js is loaded with this screen only (its own chunk), not with every page.
import type cytoscape from 'cytoscape';
import { ApiError, request, requestBlob } from './api';
import { clear, h } from './dom';
import { href, navigate, type View } from './router';
import { changesPanel, commodityDetails, showPaths, type PathNode } from './network_tools';
import { signalItem } from './signals';
import type { Signal } from './types';

interface NetNode {
  kind: string;
  id: number;
  reference: string;
  label: string;
  owner: string;
  degree: number;
  betweenness: number;
  pagerank: number;
  community: number;
  articulation: boolean;
}

interface NetLink {
  id: number;
  from: { kind: string; id: number };
  to: { kind: string; id: number };
  relation: string;
  date: string;
  bridge: boolean;
  across_agencies: boolean;
}

interface NetSignal extends Signal {
  near: { kind: string; id: number };
}

interface Network {
  nodes: NetNode[];
  links: NetLink[];
  communities: number;
  modularity: number;
  betweenness: string;
  truncated: boolean;
  signals: NetSignal[];
  more_signals: boolean;
}

const RELATIONS = ['member', 'associate', 'subject', 'uses phone', 'drives', 'lives at', 'holds account', 'location'];
const PALETTE = ['#1d70b8', '#d4351c', '#00703c', '#f47738', '#4c2c92', '#b58840', '#28a197', '#912b88', '#85994b', '#6f72af'];
const SHAPES: Record<string, cytoscape.Css.NodeShape> = { threat: 'diamond', nominal: 'ellipse', intelligence: 'rectangle', commodity: 'round-triangle' };

const nodeKey = (r: { kind: string; id: number }) => `${r.kind}-${r.id}`;
// Commodities have no page of their own: their network is where they are read.
const pageOf = (r: { kind: string; id: number }) =>
  r.kind === 'threat' ? href(`/threats/${r.id}`) : r.kind === 'nominal' ? href(`/nominals/${r.id}`)
    : r.kind === 'intelligence' ? href(`/intelligence/${r.id}`) : href('/network', { around: `commodity:${r.id}` });

export function networkView(query: URLSearchParams): View {
  let cy: cytoscape.Core | null = null;
  let alive = true;
  const around = query.get('around') ?? '';
  const hops = query.get('hops') ?? '2';
  const asAt = query.get('as_at') ?? '';
  const chosen = (query.get('relation') ?? '').split(',').filter(Boolean);

  function params(): Record<string, string> {
    const p: Record<string, string> = { hops };
    if (around) p.around = around;
    if (asAt) p.as_at = asAt;
    if (chosen.length) p.relation = chosen.join(',');
    return p;
  }

  function controls(): HTMLFormElement {
    const hopsSelect = h('select', { name: 'hops', 'data-testid': 'net-hops' },
      ...['1', '2', '3', '4'].map((n) => h('option', { value: n, selected: n === hops }, `${n} link${n === '1' ? '' : 's'} out`)));
    const date = h('input', { type: 'date', name: 'as_at', value: asAt, 'data-testid': 'net-as-at' });
    const boxes = RELATIONS.map((r) =>
      h('label', { class: 'check' },
        h('input', { type: 'checkbox', name: 'relation', value: r, checked: !chosen.length || chosen.includes(r), 'data-testid': `net-rel-${r.replace(/ /g, '-')}` }),
        ` ${r}`));
    const form = h('form', { class: 'net-controls', 'data-testid': 'net-controls' },
      h('label', {}, 'Reach ', hopsSelect),
      h('label', {}, 'As at ', date),
      h('fieldset', {}, h('legend', {}, 'Link types'), ...boxes),
      h('button', { type: 'submit', class: 'primary', 'data-testid': 'net-apply' }, 'Show'));
    // Through the CSSOM: the page's Content-Security-Policy refuses style attributes.
    Object.assign(form.style, { display: 'flex', flexWrap: 'wrap', gap: '0.5rem 1.5rem', alignItems: 'flex-end' });
    Object.assign(form.querySelector('fieldset')!.style, { display: 'flex', flexWrap: 'wrap', gap: '0 1rem' });
    form.addEventListener('submit', (ev) => {
      ev.preventDefault();
      const q: Record<string, string> = { around, hops: hopsSelect.value };
      if (date.value) q.as_at = date.value;
      const ticked = [...form.querySelectorAll<HTMLInputElement>('input[name=relation]:checked')].map((i) => i.value);
      if (ticked.length && ticked.length < RELATIONS.length) q.relation = ticked.join(',');
      navigate(href('/network', q));
    });
    return form;
  }

  async function draw(box: HTMLElement, net: Network, details: HTMLElement) {
    const { default: makeGraph } = await import('cytoscape');
    if (!alive) return;
    const maxRank = net.nodes.reduce((m, n) => Math.max(m, n.pagerank), 1e-9);
    cy = makeGraph({
      container: box,
      elements: [
        ...net.nodes.map((n) => ({
          data: { id: nodeKey(n), label: n.reference ? `${n.label}\n${n.reference}` : n.label, kind: n.kind,
            size: 20 + 40 * (n.pagerank / maxRank), colour: PALETTE[n.community % PALETTE.length] },
          classes: [n.articulation ? 'cut' : '', nodeKey(n) === around.replace(':', '-') ? 'centre' : ''].join(' '),
        })),
        ...net.links.map((l) => ({
          data: { id: `link-${l.id}`, source: nodeKey(l.from), target: nodeKey(l.to), label: l.relation },
          classes: [l.bridge ? 'bridge' : '', l.across_agencies ? 'across' : ''].join(' '),
        })),
      ],
      style: [
        { selector: 'node', style: { label: 'data(label)', 'text-wrap': 'wrap', 'font-size': 10, width: 'data(size)', height: 'data(size)',
          'background-color': 'data(colour)', 'text-valign': 'bottom', 'text-margin-y': 4 } },
        ...Object.entries(SHAPES).map(([kind, shape]) => ({ selector: `node[kind = "${kind}"]`, style: { shape } })),
        { selector: 'node.centre', style: { 'border-width': 4, 'border-color': '#0b0c0c' } },
        { selector: 'node.cut', style: { 'border-width': 3, 'border-color': '#ffdd00' } },
        { selector: 'edge', style: { width: 2, 'line-color': '#b1b4b6', label: 'data(label)', 'font-size': 8, 'curve-style': 'bezier' } },
        { selector: 'edge.across', style: { 'line-style': 'dashed' } },
        { selector: 'edge.bridge', style: { 'line-color': '#d4351c', width: 3 } },
        { selector: 'node.path', style: { 'border-width': 5, 'border-color': '#ffdd00' } },
        { selector: 'edge.path', style: { 'line-color': '#ffdd00', width: 5 } },
      ],
      layout: { name: 'cose', animate: false, randomize: false },
    });
    const byKey = new Map(net.nodes.map((n) => [nodeKey(n), n]));
    cy.on('tap', 'node', (ev) => {
      const n = byKey.get(ev.target.id());
      if (n) showDetails(details, n);
    });
  }

  function showDetails(details: HTMLElement, n: NetNode) {
    clear(details);
    const expand = n.kind === 'intelligence' ? h('span', {}, '') : h('a', { class: 'button', 'data-testid': 'net-expand',
      href: href('/network', { ...params(), around: `${n.kind}:${n.id}` }) }, 'Expand from here');
    details.append(
      h('h3', {}, n.label || n.reference),
      h('p', {}, `${n.kind}, ${n.reference}, held by ${n.owner}`),
      h('p', {}, `Links ${n.degree} · PageRank ${n.pagerank.toFixed(3)} · betweenness ${n.betweenness.toFixed(1)} · group ${n.community + 1}`),
      h('p', { class: 'hint' }, n.articulation ? 'Holds parts of this network together: without it they fall apart.' : ''),
      h('p', {}, h('a', { href: pageOf(n) }, 'Open the record'), ' ', expand));
    const isAlive = () => alive;
    if (around && nodeKey(n) !== around.replace(':', '-')) {
      const box = h('div', { 'data-testid': 'net-paths-box' });
      const find = h('button', { type: 'button', 'data-testid': 'net-paths-find' }, 'Shortest paths from the centre');
      const filter = params();
      delete filter.around;
      delete filter.hops;
      find.addEventListener('click', () => void showPaths(box, around, n, filter, isAlive, markPath));
      details.append(h('p', {}, find), box);
    }
    if (n.kind === 'commodity') void commodityDetails(details, n.id, isAlive);
  }

  // Highlights one path in the diagram.
  function markPath(path: PathNode[]) {
    if (!cy) return;
    cy.elements().removeClass('path');
    for (let i = 0; i < path.length; ++i) {
      cy.getElementById(nodeKey(path[i])).addClass('path');
      if (i) cy.edges().filter((e) => (e.source().id() === nodeKey(path[i - 1]) && e.target().id() === nodeKey(path[i])) ||
        (e.source().id() === nodeKey(path[i]) && e.target().id() === nodeKey(path[i - 1]))).addClass('path');
    }
  }

  // Each row can select its record as a tap on the diagram does (also for keyboard users).
  function players(net: Network, details: HTMLElement): HTMLElement {
    const top = [...net.nodes].sort((a, b) => b.pagerank - a.pagerank).slice(0, 10);
    return h('table', { class: 'data', 'data-testid': 'net-players' },
      h('caption', {}, 'Key players (by PageRank)'),
      h('thead', {}, h('tr', {}, h('th', {}, 'Record'), h('th', {}, 'Held by'), h('th', {}, 'Links'), h('th', {}, 'PageRank'),
        h('th', {}, 'Betweenness'), h('th', {}, 'Group'))),
      h('tbody', {}, ...top.map((n) => h('tr', { 'data-testid': 'net-player', 'data-key': nodeKey(n) },
        h('td', {}, h('a', { href: pageOf(n) }, n.label || n.reference), n.articulation ? ' (holds the network together)' : '', ' ',
          select(details, n)),
        h('td', {}, n.owner), h('td', {}, String(n.degree)), h('td', {}, n.pagerank.toFixed(3)),
        h('td', {}, n.betweenness.toFixed(1)), h('td', {}, String(n.community + 1))))));
  }

  function select(details: HTMLElement, n: NetNode): HTMLElement {
    const b = h('button', { type: 'button', class: 'link-button', 'data-testid': 'net-select' }, 'Select');
    b.addEventListener('click', () => {
      showDetails(details, n);
      details.scrollIntoView({ block: 'nearest' });
    });
    return b;
  }

  function signalsList(net: Network, labels: Map<string, NetNode>): HTMLElement {
    if (!net.signals.length)
      return h('p', { class: 'muted', 'data-testid': 'net-signals-empty' }, 'No other holder has signalled links to the records shown.');
    // One entry per record held elsewhere, naming the records it is linked to.
    const byRecord = new Map<string, { s: NetSignal; near: string[] }>();
    for (const s of net.signals) {
      const k = `${s.record_kind}-${s.record_id}`;
      const near = labels.get(nodeKey(s.near));
      const entry = byRecord.get(k) ?? { s, near: [] };
      entry.near.push(near ? near.label || near.reference : nodeKey(s.near));
      byRecord.set(k, entry);
    }
    return h('ul', { class: 'signal-list', 'data-testid': 'net-signals' }, ...[...byRecord.values()].map(({ s, near }) =>
      signalItem(s, { isAlive: () => alive, holderText: `A further link to ${near.join(', ')} is held by ${s.holder}` })));
  }

  async function exportAs(format: 'graphml' | 'csv', status: HTMLElement) {
    try {
      const blob = await requestBlob('/api/v1/network/export', { ...params(), format });
      const url = URL.createObjectURL(blob);
      const a = h('a', { href: url, download: `network.${format}`, class: 'visually-hidden' });
      document.body.append(a);
      a.click();
      a.remove();
      window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
      status.textContent = `Saved network.${format} (the export is recorded in the audit trail).`;
    } catch (e) {
      status.textContent = e instanceof ApiError ? e.message : 'The export failed.';
    }
  }

  return {
    title: 'Network',
    render(main) {
      const status = h('p', { class: 'muted', 'data-testid': 'net-status', role: 'status' }, 'Loading…');
      main.append(h('h1', { tabindex: '-1', 'data-testid': 'net-title' }, 'Network'), status);
      void (async () => {
        let net: Network;
        try {
          net = await request<Network>(`/api/v1/network?${new URLSearchParams(params())}`);
        } catch (e) {
          if (!alive) return;
          status.textContent = e instanceof ApiError && e.status === 404 ? 'No such record, or you may not see it.'
            : e instanceof ApiError ? e.message : 'Could not load the network.';
          main.dataset.state = 'error';
          return;
        }
        if (!alive) return;
        const labels = new Map(net.nodes.map((n) => [nodeKey(n), n]));
        const centre = labels.get(around.replace(':', '-'));
        main.querySelector('h1')!.textContent = centre ? `Network around ${centre.label || centre.reference}` : 'Network of everything you may see';
        status.textContent = `${net.nodes.length} records, ${net.links.length} links, ${net.communities} group${net.communities === 1 ? '' : 's'}` +
          (asAt ? `, as at ${asAt}` : '') + (net.truncated ? ' (more lies beyond: narrow the reach)' : '') + '.';
        status.dataset.nodes = String(net.nodes.length);
        status.dataset.links = String(net.links.length);
        const exportStatus = h('span', { class: 'muted', 'data-testid': 'net-export-status', role: 'status' });
        const graphml = h('button', { type: 'button', 'data-testid': 'net-export-graphml' }, 'Export GraphML');
        const csv = h('button', { type: 'button', 'data-testid': 'net-export-csv' }, 'Export CSV');
        graphml.addEventListener('click', () => void exportAs('graphml', exportStatus));
        csv.addEventListener('click', () => void exportAs('csv', exportStatus));
        const box = h('div', { class: 'net-canvas', 'data-testid': 'net-canvas', role: 'img',
          'aria-label': `Network diagram of ${net.nodes.length} records and ${net.links.length} links; the key players table below lists the same records.` });
        box.style.height = '520px';
        box.style.border = '1px solid #b1b4b6';
        const details = h('div', { class: 'net-details', 'data-testid': 'net-details' },
          h('p', { class: 'muted' }, 'Select a record in the diagram to see its measures.'));
        main.append(
          controls(),
          h('p', { class: 'hint' }, 'Size: PageRank. Colour: group (Louvain). Red links are bridges; dashed links cross agencies; ',
            'yellow rings mark records that hold the network together. Only links whose two ends you may read are drawn.'),
          h('div', { class: 'downloads' }, graphml, ' ', csv, ' ', exportStatus),
          box, details, players(net, details),
          around.startsWith('threat:') ? changesPanel(Number(around.slice(7)), hops, () => alive) : '',
          h('section', { 'aria-labelledby': 'net-signals-h' }, h('h2', { id: 'net-signals-h' }, 'Held elsewhere'),
            signalsList(net, labels), net.more_signals ? h('p', { class: 'hint' }, 'Signals were checked for the first records only.') : null));
        try {
          await draw(box, net, details);
        } catch {
          box.append(h('p', { class: 'alert error' }, 'The diagram could not be drawn; the table below lists the same records.'));
        }
        if (alive) main.dataset.state = 'ready';
      })();
      return () => {
        alive = false;
        cy?.destroy();
        delete main.dataset.state;
      };
    },
  };
}
