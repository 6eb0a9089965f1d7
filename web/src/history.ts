// A record's history (GET /api/v1/{threats|nominals|intelligence}/{id}/history): what was done
// to it, newest first, from the audit trail; for administrators and inspectors the audit
// itself beside it, reads included, with where from and why (the server decides who gets
// which, and audits the look).

import { h } from './dom';
import { dateTime, sentence } from './format';
import { personName } from './people';
import { request } from './api';
import { recordPanel, type RecordPanel } from './record-page';

interface HistoryEvent {
  seq: number;
  at: string;
  actor_id: number;
  actor: string;
  action: string;
  detail: Record<string, unknown> | null;
  purpose?: string;
  origin?: string;
}
interface History { items: HistoryEvent[]; with_reads: boolean }

/** "threat.update" → "Changed"; an action without words here is shown as it is recorded. */
const ACTIONS: Record<string, string> = {
  create: 'Recorded', update: 'Changed', read: 'Opened', locate: 'Placed on the map', route: 'Routed',
  release: 'Released, sanitised', disseminate: 'Disseminated', 'disruption.create': 'Disruption recorded',
  'network.changes': 'Network changes read', 'audit.read': 'Audit read',
};

function actionText(action: string): string {
  if (ACTIONS[action]) return ACTIONS[action];
  const last = action.split('.').pop() ?? action;
  return ACTIONS[last] ?? sentence(action.replace(/[._]/g, ' '));
}

function who(e: HistoryEvent): Node | string {
  return e.actor_id ? personName(e.actor_id) : e.actor;
}

export function historyPanel(kind: 'threats' | 'nominals' | 'intelligence', id: number): RecordPanel {
  return recordPanel<History>({
    heading: 'History',
    headingId: 'record-history-h',
    className: 'record-history',
    testid: 'record-history',
    errorTestid: 'record-history-error',
    errorText: 'The history could not be loaded.',
    fetch: () => request<History>(`/api/v1/${kind}/${id}/history`),
    draw: (hist) => {
      const done = hist.items.filter((e) => !e.action.endsWith('.read') && e.action !== 'audit.read');
      const nodes: Node[] = [
        done.length
          ? h('ol', { class: 'timeline', 'data-testid': 'timeline' }, ...done.map((e) =>
            h('li', { 'data-testid': 'timeline-event', 'data-action': e.action },
              h('time', { datetime: e.at }, dateTime(e.at)), ' ', h('strong', {}, actionText(e.action)), ' by ', who(e))))
          : h('p', { class: 'muted', 'data-testid': 'timeline-empty' }, 'Nothing recorded since it came into Rocta.'),
      ];
      if (hist.with_reads) {
        nodes.push(h('details', { class: 'audit-events', 'data-testid': 'record-audit' },
          h('summary', {}, `Audit trail (${hist.items.length} event${hist.items.length === 1 ? '' : 's'}, reads included; your look is recorded too)`),
          h('div', { class: 'table-wrap' }, h('table', { class: 'data' },
            h('thead', {}, h('tr', {}, ...['When', 'Who', 'Action', 'From', 'Purpose'].map((c) => h('th', { scope: 'col' }, c)))),
            h('tbody', {}, ...hist.items.map((e) => h('tr', { 'data-testid': 'audit-event', 'data-action': e.action },
              h('td', {}, dateTime(e.at)), h('td', {}, e.actor), h('td', {}, e.action), h('td', {}, e.origin || '—'),
              h('td', {}, e.purpose || '—'))))))));
      }
      return nodes;
    },
  });
}
