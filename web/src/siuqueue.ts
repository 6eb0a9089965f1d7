// The SIU queue: GET /api/v1/siu/queue, the reports held in the compartments of the SIU
// the officer serves, newest first, each with the sanitised versions released from it.
// Opening a report leads to its page, where the release form is. Anyone else gets the
// server's 403 detail.

import { exportButton } from './export';
import { ApiError, request } from './api';
import { clear, h } from './dom';
import { date, dateTime } from './format';
import { problemText } from './forms';
import { markingBadge } from './marking';
import { href, type View } from './router';
import type { SiuQueueItem } from './types';

const PAGE = 50;
const COLUMNS = ['Reference', 'Title', 'Grading', 'Source', 'Received', 'From', 'Marking', 'Releases'];

export function siuQueueView(query: URLSearchParams): View {
  let alive = true;
  let offset = Math.max(0, Number(query.get('offset') ?? '0') | 0);
  const status = h('div', { 'data-testid': 'siu-queue', 'data-state': 'loading' }, h('p', { class: 'muted' }, 'Loading…'));

  async function load() {
    status.dataset.state = 'loading';
    try {
      const items = await request<SiuQueueItem[]>('/api/v1/siu/queue', { query: { limit: PAGE, offset } });
      if (!alive) return;
      clear(status);
      status.append(
        h('p', { class: 'summary', 'data-testid': 'siu-queue-summary', 'data-count': items.length },
          items.length ? `${items.length} report${items.length === 1 ? '' : 's'} held${offset ? ` (from ${offset + 1})` : ''}` : 'No reports held.'),
        h('div', { class: 'table-wrap' }, h('table', { class: 'data', 'data-testid': 'siu-queue-table' },
          h('caption', { class: 'visually-hidden' }, 'Reports held by the SIU'),
          h('thead', {}, h('tr', {}, ...COLUMNS.map((c) => h('th', { scope: 'col' }, c)))),
          h('tbody', {}, ...items.map(({ report: r, releases }) =>
            h('tr', { 'data-testid': 'siu-queue-row', 'data-id': r.id, 'data-reference': r.reference },
              h('th', { scope: 'row' }, h('a', { href: href(`/intelligence/${r.id}`), 'data-testid': 'siu-queue-open' }, r.reference)),
              h('td', {}, r.title),
              h('td', {}, r.grading),
              h('td', {}, r.source_type),
              h('td', {}, date(r.received_date)),
              h('td', {}, r.originating_agency),
              h('td', {}, markingBadge(r.marking), r.marking.compartment ? h('span', { class: 'badge badge-siu' }, r.marking.compartment) : null),
              h('td', { 'data-testid': 'siu-queue-releases', 'data-count': releases.length },
                releases.length
                  ? h('ul', { class: 'plain' }, ...releases.map((x) => h('li', {},
                    h('a', { href: href(`/intelligence/${x.released_id}`) }, `Release ${x.released_id}`), ` — ${dateTime(x.decided_at)}`)))
                  : 'None yet')))))),
        h('nav', { class: 'pager', 'aria-label': 'Pages' },
          offset > 0 ? h('a', { class: 'button', href: href('/siu-queue', offset - PAGE > 0 ? { offset: String(offset - PAGE) } : undefined) }, '← Previous') : null,
          items.length === PAGE ? h('a', { class: 'button', href: href('/siu-queue', { offset: String(offset + PAGE) }) }, 'Next →') : null));
      status.dataset.state = 'ready';
    } catch (e) {
      if (!alive) return;
      clear(status);
      status.append(h('div', { class: 'alert error', role: 'alert', 'data-testid': 'siu-queue-error' },
        e instanceof ApiError && e.status === 403 ? problemText(e) : `Could not load the SIU queue: ${problemText(e)}`));
      status.dataset.state = 'error';
    }
  }

  return {
    title: 'SIU queue',
    render(main) {
      main.append(
        h('div', { class: 'page-head' }, h('h1', { tabindex: '-1' }, 'SIU queue'),
          exportButton('siu-queue-export', () => ({ path: '/api/v1/siu/queue' }))),
        h('p', { class: 'muted lead' },
          'Sensitive-source reports held in your SIU\'s compartment. Open one to release a sanitised version to the general system; every release is a recorded decision.'),
        status);
      void load();
      return () => {
        alive = false;
      };
    },
    update(q) {
      offset = Math.max(0, Number(q.get('offset') ?? '0') | 0);
      void load();
    },
  };
}
