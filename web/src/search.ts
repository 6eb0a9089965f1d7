// Search: GET /api/v1/search across threats, nominals and intelligence the user may read,
// best match first. The query lives in the hash (#/search?q=…&kind=…&offset=…), so a search
// can be bookmarked and Back works. Snippets arrive as segments and are drawn as text nodes,
// the matched words in <mark>: record text never becomes markup.

import { request } from './api';
import { areaFilter } from './area-picker';
import { clear, h } from './dom';
import { pagedResults } from './paged-table';
import { problemText } from './forms';
import { markingBadge } from './marking';
import { href, navigate, type View } from './router';
import type { Marking } from './types';

interface SnippetSegment {
  text: string;
  hit: boolean;
}

interface SearchHit {
  kind: 'threat' | 'nominal' | 'intelligence';
  id: number;
  reference: string;
  title: string;
  snippet: SnippetSegment[];
  score: number;
  marking: Marking;
}

interface SearchPage {
  items: SearchHit[];
  total: number;
  total_exact?: boolean; // false: counting stopped at `total`, and more match
  ranked_newest?: number; // > 0: the words are so common that only the newest this many matches of a kind were ranked
  limit: number;
  offset: number;
}

const KINDS: [SearchHit['kind'], string][] = [
  ['threat', 'Threats'],
  ['nominal', 'Nominals'],
  ['intelligence', 'Intelligence'],
];
const KIND_NAMES: Record<SearchHit['kind'], string> = { threat: 'Threat', nominal: 'Nominal', intelligence: 'Intelligence' };
const COLUMNS = ['Kind', 'Record', 'What matched', 'Marking'];
const LIMIT = 20;

function snippet(segments: SnippetSegment[]): HTMLElement {
  const p = h('p', { class: 'snippet', 'data-testid': 'search-snippet' });
  for (const s of segments) p.append(s.hit ? h('mark', {}, s.text) : document.createTextNode(s.text));
  return p;
}

// Each kind of record has a page of its own; a hit links to it.
const PAGES: Record<SearchHit['kind'], string> = { threat: '/threats', nominal: '/nominals', intelligence: '/intelligence' };

function recordCell(hit: SearchHit): HTMLElement {
  const ref = h('a', { href: href(`${PAGES[hit.kind]}/${hit.id}`), 'data-testid': 'search-link' }, hit.reference);
  return h('th', { scope: 'row', 'data-label': COLUMNS[1] }, ref, h('span', { class: 'threat-name' }, hit.title));
}

export function searchView(initial: URLSearchParams): View {
  let alive = true;
  let query = initial;
  const box = h('input', { type: 'search', name: 'q', maxlength: 500, required: true, 'data-testid': 'search-box',
    'aria-label': 'Search for' });
  const kindBoxes = KINDS.map(([kind, label]) => {
    const input = h('input', { type: 'checkbox', value: kind, 'data-testid': `search-kind-${kind}` });
    return { kind, input, label: h('label', { class: 'check' }, input, ` ${label}`) };
  });
  // Threats and reports with a place in a loaded area (nominals have no places).
  const area = areaFilter(initial.get('area') ?? '', 'search-area');
  area.setAttribute('aria-label', 'In area');
  const form = h('form', { role: 'search', class: 'filters', 'data-testid': 'search-form' },
    box, h('fieldset', {}, h('legend', {}, 'Look in'), ...kindBoxes.map((k) => k.label)),
    h('label', { class: 'field' }, 'In area ', area),
    h('button', { type: 'submit' }, 'Search'));
  const frame = pagedResults({ prefix: 'search', tableClass: 'search', caption: 'Search results', label: 'Search results',
    columns: COLUMNS, lead: h('span', {}) });
  // Said when the server ranked only the newest matches of words this common.
  const newestNote = h('p', { class: 'alert decided', role: 'note', hidden: true, 'data-testid': 'search-ranked-newest' });

  function go(offset: number) {
    const q = new URLSearchParams();
    q.set('q', box.value.trim());
    const kinds = kindBoxes.filter((k) => k.input.checked).map((k) => k.kind);
    if (kinds.length && kinds.length < KINDS.length) q.set('kind', kinds.join(','));
    if (area.value) q.set('area', area.value);
    if (offset) q.set('offset', String(offset));
    navigate(href('/search', q));
  }
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    if (box.value.trim()) go(0);
  });

  async function load() {
    const text = query.get('q') ?? '';
    const kinds = (query.get('kind') ?? '').split(',').filter(Boolean);
    const offset = Math.max(0, Number(query.get('offset') ?? '0') || 0);
    const inArea = /^[1-9][0-9]*$/.test(query.get('area') ?? '') ? (query.get('area') as string) : '';
    box.value = text;
    if (![...area.options].some((o) => o.value === inArea)) area.append(h('option', { value: inArea }, `Area ${inArea}`));
    area.value = inArea;
    for (const k of kindBoxes) k.input.checked = kinds.length === 0 || kinds.includes(k.kind);
    clear(frame.tbody);
    frame.error.hidden = true;
    newestNote.hidden = true;
    if (!text) {
      frame.summary.textContent = 'Type words to find in threats, nominals and intelligence you may read.';
      frame.results.dataset.state = 'ready';
      frame.prev.disabled = frame.next.disabled = true;
      return;
    }
    frame.results.dataset.state = 'loading';
    try {
      const page = await request<SearchPage>('/api/v1/search', {
        query: { q: text, kind: kinds.length ? kinds.join(',') : undefined, area: inArea || undefined, limit: LIMIT, offset },
      });
      if (!alive) return;
      // The server counts a common word's matches only so far: then "more than N".
      const exact = page.total_exact !== false;
      const of = exact ? String(page.total) : `more than ${page.total}`;
      frame.summary.textContent = exact && page.total === 1 ? '1 match' : `${of} matches`;
      frame.summary.dataset.total = String(page.total);
      frame.summary.dataset.totalExact = String(exact);
      if (page.ranked_newest) {
        newestNote.textContent = `These words are very common: the best matches among the newest ${page.ranked_newest} ` +
          'records of each kind that hold them are shown. Add a word or a filter to narrow the search.';
        newestNote.hidden = false;
      }
      if (!page.items.length)
        frame.tbody.append(h('tr', {}, h('td', { colspan: String(COLUMNS.length), class: 'empty' }, 'Nothing found.')));
      for (const hit of page.items)
        frame.tbody.append(h('tr', { 'data-testid': 'search-row', 'data-kind': hit.kind, 'data-id': hit.id },
          h('td', { 'data-label': COLUMNS[0] }, KIND_NAMES[hit.kind]),
          recordCell(hit),
          h('td', { 'data-label': COLUMNS[2] }, snippet(hit.snippet)),
          h('td', { 'data-label': COLUMNS[3] }, markingBadge(hit.marking))));
      frame.pageInfo.textContent = page.items.length ? `${offset + 1}–${offset + page.items.length} of ${of}` : '';
      frame.prev.disabled = offset === 0;
      frame.next.disabled = exact ? offset + LIMIT >= page.total : page.items.length < LIMIT;
      frame.prev.onclick = () => go(Math.max(0, offset - LIMIT));
      frame.next.onclick = () => go(offset + LIMIT);
      frame.results.dataset.state = 'ready';
    } catch (e) {
      if (!alive) return;
      frame.error.textContent = `Could not search: ${problemText(e)}`;
      frame.error.hidden = false;
      frame.results.dataset.state = 'error';
    }
  }

  return {
    title: 'Search',
    render(main) {
      main.append(h('h1', { tabindex: '-1' }, 'Search'), form, newestNote, frame.results);
      void load();
      return () => {
        alive = false;
      };
    },
    update(q) {
      query = q;
      void load();
    },
  };
}
