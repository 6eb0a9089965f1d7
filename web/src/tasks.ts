// Tasks (#/tasks): the tasks the caller may see, with their updates and a form to update
// each. A partner agency's user sees their agency's tasks and nothing else.

import { request } from './api';
import { h } from './dom';
import { date, dateTime } from './format';
import { href, type View } from './router';
import { form, panel, select, statusBadge, textarea, type Task } from './tasking-common';

const STATUSES: [string, string][] = [['in progress', 'In progress'], ['done', 'Done'], ['open', 'Open'], ['cancelled', 'Cancelled']];

export function tasksView(query: URLSearchParams): View {
  const list = panel('tasks');
  const openOnly = query.get('open') === 'true';

  async function load() {
    await list.load(async () => {
      const page = await request<{ items: Task[]; total: number }>('/api/v1/tasks', { query: { open: openOnly || undefined, limit: 200 } });
      const cards = page.items.map((t) => h('article', { class: 'task card', 'data-testid': 'task-card', 'data-id': t.id,
        'data-assigned': t.assigned_agency, 'data-status': t.status },
        h('h2', {}, t.title, ' ', statusBadge(t.status, t.overdue)),
        h('p', { class: 'muted' }, `To ${t.assigned_agency}${t.owner ? ` (${t.owner})` : ''} · set by ${t.agency} · due ${date(t.deadline)}`
          + (t.decision_id ? ` · decision ${t.decision_id}` : '')),
        t.detail ? h('p', {}, t.detail) : null,
        h('ol', { class: 'updates', 'data-testid': 'task-updates' },
          ...t.updates.map((u) => h('li', {}, `${dateTime(u.at)} ${u.by_name} (${u.by_agency}): ${u.status} — ${u.note}`))),
        t.status === 'done' || t.status === 'cancelled' ? null
          : form(`task-update-${t.id}`, 'Update', [['status', 'Status', select(STATUSES)], ['note', 'What was done', textarea()]],
            'Save update', async (v) => {
              await request(`/api/v1/tasks/${t.id}/updates`, { method: 'POST', body: { status: v.status, note: v.note } });
              void load();
            })));
      return [h('p', { class: 'summary', 'data-testid': 'tasks-summary', 'data-total': page.total },
        page.total === 1 ? '1 task' : `${page.total} tasks`), ...cards];
    });
  }

  return {
    title: 'Tasks',
    render(main) {
      main.append(
        h('div', { class: 'page-head' }, h('h1', { tabindex: '-1' }, 'Tasks'),
          h('a', { href: href('/tasks', openOnly ? {} : { open: 'true' }), 'data-testid': 'tasks-open-toggle' },
            openOnly ? 'Show all' : 'Open only')),
        list.el);
      void load();
    },
  };
}
