// Tasks (#/tasks): the tasks the caller may see as a table, filtered by agency, owner,
// status and threat, sortable and paged; each opens its record page (#/tasks/{id}) with
// what happened to it and, while open, the form to update it. A partner agency's user sees
// their agency's tasks and nothing else (the server decides).

import { exportButton } from './export';
import { request } from './api';
import { dataTable } from './data-table';
import { clear, field, h } from './dom';
import { date, dateTime } from './format';
import { href, type View } from './router';
import { form, panel, select, statusBadge, textarea, type Task } from './tasking-common';

const STATUSES: [string, string][] = [['in progress', 'In progress'], ['done', 'Done'], ['open', 'Open'], ['cancelled', 'Cancelled']];
const MAX = 200;
/** The API's sort column of each heading (GET /api/v1/tasks sort=…); null: sorted in the browser only. */
const SORT_KEYS = [null, 'assigned_agency', 'agency', 'deadline', 'status', null];

export function tasksView(query: URLSearchParams): View {
  const list = panel('tasks');
  const openOnly = query.get('open') === 'true';
  // The order the server was asked for: what decides which tasks are loaded when there are
  // more than MAX (the table sorts the loaded ones itself).
  let order = { column: 3, descending: false };
  let asked = false;  // until a heading is clicked, the server's own order: open tasks first, by deadline
  let truncated = false;

  function filters(items: Task[]): HTMLElement {
    const uniq = (xs: string[]) => [...new Set(xs.filter(Boolean))].sort();
    const agency = select([['', 'Any agency'], ...uniq(items.map((t) => t.assigned_agency)).map((a): [string, string] => [a, a])],
      query.get('agency') ?? '');
    const owner = h('input', { type: 'search', placeholder: 'Name', value: query.get('owner') ?? '' });
    const status = select([['', 'Any status'], ['overdue', 'Overdue'], ...STATUSES], query.get('status') ?? '');
    const threat = h('input', { type: 'search', placeholder: 'Threat id or task words', value: query.get('threat') ?? '' });
    for (const [c, id] of [[agency, 'tasks-agency'], [owner, 'tasks-owner'], [status, 'tasks-status'], [threat, 'tasks-threat']] as const) {
      c.id = id;
      c.setAttribute('data-testid', id);
    }
    const table = dataTable<Task>({
      testid: 'tasks-list', caption: 'Tasks', empty: 'No task matches.', pageSize: 25, initialSort: order,
      onSort: (column, descending) => {
        const was = order;
        order = { column, descending };
        asked = true;
        // Only some of the tasks are loaded: ask for the first ones in this order, filters kept.
        if (truncated && SORT_KEYS[column] && (was.column !== column || was.descending !== descending)) {
          for (const [k, c] of [['agency', agency], ['owner', owner], ['status', status], ['threat', threat]] as const) query.set(k, c.value);
          void load();
        }
      },
      rowAttrs: (t) => ({ 'data-id': String(t.id), 'data-assigned': t.assigned_agency, 'data-status': t.status }),
      columns: [
        { label: 'Task', sort: (t) => t.title, cell: (t) => h('a', { href: href(`/tasks/${t.id}`), 'data-testid': 'task-open' }, t.title) },
        { label: 'To', sort: (t) => t.assigned_agency, cell: (t) => `${t.assigned_agency}${t.owner ? ` (${t.owner})` : ''}` },
        { label: 'Set by', sort: (t) => t.agency, cell: (t) => t.agency },
        { label: 'Due', sort: (t) => t.deadline, cell: (t) => date(t.deadline) },
        { label: 'Status', sort: (t) => `${t.overdue ? 0 : 1} ${t.status}`, cell: (t) => statusBadge(t.status, t.overdue) },
        { label: 'Threat', sort: (t) => t.threat_id ?? 0, cell: (t) => (t.threat_id ? h('a', { href: href(`/threats/${t.threat_id}`) }, `Threat ${t.threat_id}`) : '—') },
      ],
    });
    function apply() {
      const o = owner.value.trim().toLowerCase();
      const w = threat.value.trim().toLowerCase();
      table.set(items.filter((t) => (!agency.value || t.assigned_agency === agency.value)
        && (!o || (t.owner ?? '').toLowerCase().includes(o))
        && (!status.value || (status.value === 'overdue' ? t.overdue : t.status === status.value))
        && (!w || String(t.threat_id ?? '') === w || `${t.title} ${t.detail}`.toLowerCase().includes(w))));
    }
    for (const c of [agency, status]) c.addEventListener('change', apply);
    for (const c of [owner, threat]) c.addEventListener('input', apply);
    apply();
    return h('div', {},
      h('div', { class: 'filter-row inline-filters', role: 'search', 'aria-label': 'Filter the tasks' },
        field('Assigned to', agency), field('Owner', owner), field('Status', status), field('Threat', threat)),
      table.el);
  }

  async function load() {
    await list.load(async () => {
      const key = asked ? SORT_KEYS[order.column] : null;
      const page = await request<{ items: Task[]; total: number }>('/api/v1/tasks', { query: { open: openOnly || undefined, limit: MAX,
        ...(key ? { sort: key, order: order.descending ? 'desc' : 'asc' } : {}) } });
      truncated = page.total > page.items.length;
      return [h('p', { class: 'summary', 'data-testid': 'tasks-summary', 'data-total': page.total },
        page.total === 1 ? '1 task' : `${page.total} tasks`, page.total > page.items.length ? ` (the first ${page.items.length} are listed)` : ''),
      filters(page.items)];
    });
  }

  return {
    title: 'Tasks',
    render(main) {
      main.append(
        h('div', { class: 'page-head' }, h('h1', { tabindex: '-1' }, 'Tasks'),
          exportButton('tasks-export', () => ({ path: '/api/v1/tasks', query: { open: openOnly || undefined } })),
          h('a', { href: href('/tasks', openOnly ? {} : { open: 'true' }), 'data-testid': 'tasks-open-toggle' },
            openOnly ? 'Show all' : 'Open only')),
        list.el);
      void load();
    },
  };
}

/** One task: what it asks, of whom, what happened to it, and the update form while open. */
export function taskView(id: string): View {
  const body = panel('task');
  let heading: HTMLElement | null = null;

  async function load() {
    await body.load(async () => {
      const t = await request<Task>(`/api/v1/tasks/${encodeURIComponent(id)}`);
      if (heading) {
        clear(heading);
        heading.append(t.title, ' ', statusBadge(t.status, t.overdue));
      }
      return h('article', { class: 'task record', 'data-testid': 'task-card', 'data-id': t.id, 'data-assigned': t.assigned_agency, 'data-status': t.status },
        h('dl', { class: 'facts' },
          h('div', {}, h('dt', {}, 'Assigned to'), h('dd', {}, `${t.assigned_agency}${t.owner ? ` (${t.owner})` : ''}`)),
          h('div', {}, h('dt', {}, 'Set by'), h('dd', {}, t.agency)),
          h('div', {}, h('dt', {}, 'Due'), h('dd', {}, date(t.deadline))),
          h('div', {}, h('dt', {}, 'Threat'), h('dd', {}, t.threat_id ? h('a', { href: href(`/threats/${t.threat_id}`) }, `Threat ${t.threat_id}`) : '—')),
          h('div', {}, h('dt', {}, 'From a tasking decision'), h('dd', {}, t.decision_id ? `Decision ${t.decision_id}` : 'No'))),
        t.detail ? h('p', { class: 'pre' }, t.detail) : null,
        h('h2', {}, 'What happened'),
        t.updates.length
          ? h('ol', { class: 'timeline updates', 'data-testid': 'task-updates' },
            ...t.updates.map((u) => h('li', {}, h('span', { class: 'date' }, dateTime(u.at)), ' ', h('strong', {}, `${u.by_name} (${u.by_agency})`),
              `: ${u.status} — ${u.note}`)))
          : h('p', { class: 'muted', 'data-testid': 'task-updates' }, 'No update yet.'),
        t.status === 'done' || t.status === 'cancelled' ? null
          : form(`task-update-${t.id}`, 'Update', [['status', 'Status', select(STATUSES)], ['note', 'What was done', textarea()]],
            'Save update', async (v) => {
              await request(`/api/v1/tasks/${t.id}/updates`, { method: 'POST', body: { status: v.status, note: v.note } });
              void load();
            }));
    });
  }

  return {
    title: 'Task',
    render(main) {
      heading = h('h1', { tabindex: '-1' }, 'Task');
      main.append(h('p', { class: 'crumbs' }, h('a', { href: href('/tasks') }, '← Tasks')), h('div', { class: 'page-head' }, heading), body.el);
      void load();
    },
  };
}
