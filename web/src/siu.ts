// SIU checks: GET /api/v1/siu/assessment-checks, the assessments waiting on the SIU's advice
// because material in a compartment the officer holds sits on or near the threat, each with
// its check's state and the officer's reply (no trace / consulted / advise re-score; the
// note stays in the compartment: trust.ts). Anyone else gets the server's 403 detail.

import { personName } from './people';
import { ApiError, request } from './api';
import { clear, h } from './dom';
import { dateTime, score } from './format';
import { problemText } from './forms';
import { href, type View } from './router';
import type { Assessment, Threat } from './types';
import { fetchSiuCheck, siuCheckSummary, siuReplyForm, type SiuCheck } from './trust';

const COLUMNS = ['Threat', 'Version', 'Compartments', 'Priority', 'Tier', 'Assessor', 'Assessed', 'Check and reply'];

export function siuView(): View {
  let alive = true;
  const status = h('div', { 'data-testid': 'siu-results', 'data-state': 'loading' }, h('p', { class: 'muted' }, 'Loading…'));

  async function load() {
    try {
      const list = await request<Assessment[]>('/api/v1/siu/assessment-checks');
      const threats = new Map<number, Threat | null>();
      const checks = new Map<number, SiuCheck | null>();
      await Promise.all(list.map(async (a) => {
        try {
          checks.set(a.id, await fetchSiuCheck(a.id));
        } catch {
          checks.set(a.id, null);
        }
      }));
      await Promise.all([...new Set(list.map((a) => a.threat_id))].map(async (id) => {
        try {
          threats.set(id, await request<Threat>(`/api/v1/threats/${id}`));
        } catch {
          threats.set(id, null);
        }
      }));
      if (!alive) return;
      clear(status);
      status.append(h('p', { class: 'summary', 'data-testid': 'siu-summary', 'data-total': list.length },
        list.length === 1 ? '1 assessment waits on your advice' : `${list.length} assessments wait on your advice`));
      status.append(h('div', { class: 'table-wrap' },
        h('table', { class: 'data siu', 'data-testid': 'siu-table' },
          h('caption', { class: 'visually-hidden' }, 'Assessments waiting on the SIU'),
          h('thead', {}, h('tr', {}, ...COLUMNS.map((c) => h('th', { scope: 'col' }, c)))),
          h('tbody', {},
            list.length ? null : h('tr', { 'data-testid': 'siu-empty' },
              h('td', { colspan: String(COLUMNS.length), class: 'empty' }, 'No assessment is waiting on your advice.')),
            ...list.map((a) => {
              const t = threats.get(a.threat_id);
              return h('tr', { 'data-testid': 'siu-row', 'data-id': a.id, 'data-threat-id': a.threat_id },
                h('th', { scope: 'row', 'data-label': COLUMNS[0] },
                  h('a', { href: href(`/threats/${a.threat_id}`) }, t ? t.reference : `Threat ${a.threat_id}`),
                  t ? h('span', { class: 'threat-name' }, t.name) : null),
                h('td', { 'data-label': COLUMNS[1], class: 'num' }, String(a.version)),
                h('td', { 'data-label': COLUMNS[2], 'data-testid': 'siu-compartments' },
                  ...(a.siu_compartments ?? []).map((c) => h('span', { class: 'badge badge-siu' }, c))),
                h('td', { 'data-label': COLUMNS[3], class: 'num' }, score(a.score?.priority)),
                h('td', { 'data-label': COLUMNS[4], class: 'num' }, String(a.tier ?? a.score?.tier)),
                h('td', { 'data-label': COLUMNS[5] }, personName(a.assessor_id)),
                h('td', { 'data-label': COLUMNS[6] }, dateTime(a.assessed_at)),
                checkCell(a, checks.get(a.id) ?? null));
            })))));
      status.dataset.state = 'ready';
    } catch (e) {
      if (!alive) return;
      clear(status);
      status.append(h('div', { class: 'alert error', role: 'alert', 'data-testid': 'siu-error' },
        e instanceof ApiError && e.status === 403 ? problemText(e) : `Could not load the SIU checks: ${problemText(e)}`));
      status.dataset.state = 'error';
    }
  }

  function checkCell(a: Assessment, check: SiuCheck | null): HTMLTableCellElement {
    const cell = h('td', { 'data-label': COLUMNS[7], 'data-testid': 'siu-check-cell' });
    const draw = (c: SiuCheck) => {
      clear(cell);
      cell.append(siuCheckSummary(c));
      const form = siuReplyForm(a, c, () => {
        void fetchSiuCheck(a.id).then((again) => {
          if (alive) draw(again);
        });
      });
      if (form) cell.append(form);
    };
    if (check) draw(check);
    else cell.append(h('span', { class: 'muted' }, 'Could not load the check'));
    return cell;
  }

  return {
    title: 'SIU checks',
    render(main) {
      main.append(
        h('div', { class: 'page-head' }, h('h1', { tabindex: '-1' }, 'SIU checks')),
        h('p', { class: 'muted lead' },
          'Assessments awaiting moderation where sensitive material in a compartment you hold exists on the threat or its linked records. Advise the assessor and the moderator before the assessment is finalised.'),
        status,
      );
      void load();
      return () => {
        alive = false;
      };
    },
  };
}
