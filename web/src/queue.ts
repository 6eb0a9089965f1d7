// The assessment queue: the backlog figures (GET /api/v1/nominations/figures), then the
// nominations (GET /api/v1/nominations?status=…), oldest and most urgent first. Assessors
// assess from the threat page, or reject / merge here (POST …/nominations/{id}/decision).

import { savedFilters } from './saved-filters';
import { exportButton } from './export';
import { picker, threatSearch } from './people';
import { ApiError, request } from './api';
import { clear, field, h, option, uid } from './dom';
import { pagedTable } from './paged-table';
import { date, dateTime, days, daysSince } from './format';
import { FormErrors, problemText } from './forms';
import { units } from './refdata';
import { href, navigate, type View } from './router';
import type { Nomination, Page, QueueFigures, Unit } from './types';

const PAGE_SIZE = 50;
const LONG_WAIT_DAYS = 28;
const STATUSES: [string, string][] = [
  ['awaiting assessment', 'Awaiting assessment'],
  ['assessed', 'Assessed'],
  ['merged', 'Merged'],
  ['rejected', 'Rejected'],
  ['', 'Any status'],
];
const COLUMNS = ['Age', 'Nominated by', 'Provisional priority', 'Threat', 'Rationale', 'Status', 'Actions'];
const PRIORITY_TEXT: Record<number, string> = { 1: 'urgent', 2: 'high', 3: 'medium', 4: 'routine' };

interface Filters {
  status: string;
  offset: number;
}

function readFilters(q: URLSearchParams): Filters {
  const offset = Number(q.get('offset') ?? '0');
  const status = q.has('status') ? q.get('status')! : 'awaiting assessment';
  return { status, offset: Number.isInteger(offset) && offset > 0 ? offset : 0 };
}

function filtersQuery(f: Filters): URLSearchParams {
  const qs = new URLSearchParams();
  if (f.status !== 'awaiting assessment') qs.set('status', f.status);
  if (f.offset) qs.set('offset', String(f.offset));
  return qs;
}

export function queueView(initial: URLSearchParams): View {
  let filters = readFilters(initial);
  let alive = true;
  let unitList: Unit[] = [];

  // --- figures
  const figCount = h('dd', { 'data-testid': 'figure-count' }, '…');
  const figOldest = h('dd', { 'data-testid': 'figure-oldest' }, '…');
  const figMedian = h('dd', { 'data-testid': 'figure-median' }, '…');
  const byUnit = h('ul', { class: 'by-unit', 'data-testid': 'figure-by-unit' });
  const figError = h('div', { class: 'alert error', role: 'alert', hidden: true, 'data-testid': 'figures-error' });
  const figures = h(
    'section',
    { class: 'figures', 'aria-labelledby': 'figures-h', 'data-testid': 'queue-figures', 'data-state': 'loading' },
    h('h2', { id: 'figures-h', class: 'visually-hidden' }, 'Backlog'),
    h('dl', { class: 'stats' },
      h('div', { class: 'stat' }, h('dt', {}, 'Waiting for assessment'), figCount),
      h('div', { class: 'stat' }, h('dt', {}, 'Oldest wait'), figOldest),
      h('div', { class: 'stat' }, h('dt', {}, 'Median wait'), figMedian),
      h('div', { class: 'stat stat-wide' }, h('dt', {}, 'Waiting by unit'), h('dd', {}, byUnit))),
    figError,
  );

  // --- filter
  const status = h('select', { name: 'status', 'data-testid': 'queue-status' },
    ...STATUSES.map(([v, t]) => option(v, t, v === filters.status)));
  const filterForm = h('form', { class: 'filters inline-filters', role: 'search', 'aria-label': 'Filter nominations' },
    h('div', { class: 'filter-row' }, field('Status', status)));
  status.addEventListener('change', () => navigate(href('/queue', filtersQuery({ status: status.value, offset: 0 }))));
  filterForm.addEventListener('submit', (ev) => ev.preventDefault());

  // --- results
  const message = h('div', { class: 'alert success', role: 'status', hidden: true, 'data-testid': 'queue-message' });
  const paged = pagedTable({
    prefix: 'queue', tableClass: 'queue', caption: 'Nominations', label: 'Nominations', columns: COLUMNS, lead: message,
    alive: () => alive });
  const { tbody, prev, next, results, showCounts } = paged;
  prev.addEventListener('click', () => navigate(href('/queue', filtersQuery({ ...filters, offset: Math.max(0, filters.offset - PAGE_SIZE) }))));
  next.addEventListener('click', () => navigate(href('/queue', filtersQuery({ ...filters, offset: filters.offset + PAGE_SIZE }))));

  function unitName(id: number | null | undefined): string {
    if (id === null || id === undefined || id === 0) return 'No unit';
    const u = unitList.find((x) => x.id === id);
    return u ? u.name : `Unit ${id}`;
  }

  async function loadFigures() {
    figures.dataset.state = 'loading';
    try {
      const [f] = await Promise.all([
        request<QueueFigures>('/api/v1/nominations/figures'),
        units().then((u) => { unitList = u; }).catch(() => { unitList = []; }),
      ]);
      if (!alive) return;
      figCount.textContent = String(f.count);
      figOldest.textContent = f.count ? days(f.oldest_days) : '—';
      figMedian.textContent = f.count ? days(f.median_days) : '—';
      figOldest.classList.toggle('long-wait', f.count > 0 && f.oldest_days > LONG_WAIT_DAYS);
      clear(byUnit);
      const rows = (f.by_unit ?? []).slice().sort((a, b) => b.count - a.count || unitName(a.unit_id).localeCompare(unitName(b.unit_id)));
      if (!rows.length) byUnit.append(h('li', { class: 'muted' }, 'None waiting'));
      for (const r of rows) {
        byUnit.append(h('li', { 'data-testid': 'figure-unit', 'data-unit-id': r.unit_id ?? '' },
          h('span', { class: 'unit-name' }, unitName(r.unit_id)), h('span', { class: 'unit-count' }, String(r.count))));
      }
      figures.dataset.state = 'ready';
    } catch (e) {
      if (!alive) return;
      figError.textContent = `Could not load the queue figures: ${problemText(e)}`;
      figError.hidden = false;
      figures.dataset.state = 'error';
    }
  }

  async function load() {
    await paged.load(async () => {
      const [page] = await Promise.all([
        request<Page<Nomination>>('/api/v1/nominations', {
          query: { status: filters.status || undefined, limit: PAGE_SIZE, offset: filters.offset },
        }),
        units().then((u) => { unitList = u; }).catch(() => {}),
      ]);
      return page;
    }, (page) => {
      showPage(page);
      // Which screen state this is the answer for (tests wait on it).
      results.dataset.hash = window.location.hash;
    }, (e) => `Could not load the nominations: ${problemText(e)}`);
  }

  function showPage(page: Page<Nomination>) {
    clear(tbody);
    const items = page.items ?? [];
    const total = page.total ?? items.length;
    const offset = page.offset ?? filters.offset;
    if (!items.length) {
      tbody.append(h('tr', { 'data-testid': 'queue-empty' },
        h('td', { colspan: String(COLUMNS.length), class: 'empty' },
          filters.status === 'awaiting assessment' ? 'Nothing is waiting for assessment.' : 'No nominations with this status.')));
    }
    for (const n of items) tbody.append(row(n));
    showCounts(offset, items.length, total, PAGE_SIZE);
  }

  function row(n: Nomination): HTMLTableRowElement {
    const age = daysSince(n.nominated_at);
    const long = age !== null && age > LONG_WAIT_DAYS && n.status === 'awaiting assessment';
    const t = n.threat;
    const threatLink = href(`/threats/${n.threat_id}`);
    const actions = h('td', { 'data-label': COLUMNS[6], class: 'actions-cell' });
    const tr = h(
      'tr',
      { 'data-testid': 'queue-row', 'data-id': n.id, 'data-threat-id': n.threat_id, 'data-status': n.status },
      h('td', { 'data-label': COLUMNS[0], class: 'num', 'data-testid': 'cell-age', 'data-days': age ?? '' },
        h('span', { class: long ? 'age long-wait' : 'age', title: `Nominated ${dateTime(n.nominated_at)}` },
          age === null ? '—' : days(age)),
        long ? h('span', { class: 'visually-hidden' }, ` (over ${LONG_WAIT_DAYS} days)`) : null),
      h('td', { 'data-label': COLUMNS[1], 'data-testid': 'cell-nominated-by' },
        h('span', { class: 'agency-code' }, n.agency), h('br', {}), h('span', { class: 'muted small' }, unitName(n.unit_id))),
      h('td', { 'data-label': COLUMNS[2], 'data-testid': 'cell-priority' },
        h('span', { class: `prio prio-${n.provisional_priority}` }, String(n.provisional_priority)),
        ` ${PRIORITY_TEXT[n.provisional_priority] ?? ''}`),
      h('th', { scope: 'row', 'data-label': COLUMNS[3], 'data-testid': 'cell-threat' },
        h('a', { href: threatLink, 'data-testid': 'queue-threat-link' }, t?.reference ?? `Threat ${n.threat_id}`),
        h('span', { class: 'threat-name', 'data-testid': 'queue-threat-name' }, t?.name ?? '')),
      h('td', { 'data-label': COLUMNS[4], class: 'rationale', 'data-testid': 'cell-rationale' }, n.rationale || '—'),
      h('td', { 'data-label': COLUMNS[5], 'data-testid': 'cell-status' }, statusCell(n)),
      actions,
    );
    if (n.status === 'awaiting assessment') {
      const assess = h('a', { href: href(`/threats/${n.threat_id}`, { assess: '1' }), class: 'button small primary-outline', 'data-testid': 'assess-link' }, 'Assess');
      const decide = h('button', { type: 'button', class: 'small', 'aria-expanded': 'false', 'data-testid': 'decide-button' }, 'Reject / merge');
      actions.append(h('div', { class: 'row-actions' }, assess, decide));
      let formRow: HTMLTableRowElement | null = null;
      decide.addEventListener('click', () => {
        if (formRow) {
          formRow.remove();
          formRow = null;
          decide.setAttribute('aria-expanded', 'false');
          return;
        }
        formRow = decisionRow(n, () => {
          formRow?.remove();
          formRow = null;
          decide.setAttribute('aria-expanded', 'false');
          decide.focus();
        });
        tr.after(formRow);
        decide.setAttribute('aria-expanded', 'true');
        formRow.querySelector<HTMLElement>('input')?.focus();
      });
    } else {
      actions.append(h('span', { class: 'muted' }, '—'));
    }
    return tr;
  }

  function statusCell(n: Nomination): Node {
    const wrap = h('div', {}, h('span', { class: `status status-${n.status.replace(/\s+/g, '-')}` }, n.status));
    if (n.status === 'merged' && n.merged_into) {
      wrap.append(' into ', h('a', { href: href(`/threats/${n.merged_into}`) }, `threat ${n.merged_into}`));
    }
    if (n.outcome_reason) wrap.append(h('p', { class: 'outcome-reason', 'data-testid': 'outcome-reason' }, n.outcome_reason));
    if (n.decided_at) wrap.append(h('p', { class: 'muted small' }, `Decided ${date(n.decided_at.slice(0, 10))}`));
    return wrap;
  }

  function decisionRow(n: Nomination, close: () => void): HTMLTableRowElement {
    const group = uid('outcome');
    const rejectId = uid('f');
    const mergeId = uid('f');
    const reject = h('input', { type: 'radio', name: group, id: rejectId, value: 'rejected', checked: true, 'data-testid': 'decision-outcome-rejected' });
    const merge = h('input', { type: 'radio', name: group, id: mergeId, value: 'merged', 'data-testid': 'decision-outcome-merged' });
    const outcome = h('fieldset', { class: 'radio-row', tabindex: '-1' },
      h('legend', {}, 'Outcome'),
      h('div', { class: 'check' }, reject, h('label', { for: rejectId }, 'Reject')),
      h('div', { class: 'check' }, merge, h('label', { for: mergeId }, 'Merge into another threat')));
    const reason = h('textarea', { rows: '2', maxlength: '20000', required: true, 'data-testid': 'decision-reason' });
    const mergePick = picker({ name: 'merged_into', testid: 'decision-merged-into', placeholder: 'Type a reference or name', search: threatSearch });
    const mergedInto = mergePick.box;
    const mergedField = field('Threat to merge into', mergedInto);
    mergedField.replaceChild(mergePick.el, mergedInto);
    mergePick.el.prepend(mergedInto);
    mergedField.hidden = true;
    const alert = h('div', { class: 'alert error', role: 'alert', tabindex: '-1', 'data-testid': 'decision-error' });
    const submit = h('button', { type: 'submit', class: 'primary', 'data-testid': 'decision-submit' }, 'Record decision');
    const cancel = h('button', { type: 'button', 'data-testid': 'decision-cancel' }, 'Cancel');
    const form = h('form', { class: 'inline-form', novalidate: true, 'data-testid': 'decision-form', 'aria-label': `Reject or merge the nomination of ${n.threat?.reference ?? `threat ${n.threat_id}`}` },
      outcome,
      field('Reason', reason, 'Required: it is kept with the nomination.'),
      mergedField,
      alert,
      h('div', { class: 'actions' }, submit, cancel));
    const errors = new FormErrors(alert);
    errors.add('outcome', reject, outcome);
    errors.add('reason', reason);
    errors.add('merged_into', mergedInto);

    const sync = () => {
      mergedField.hidden = !merge.checked;
      submit.textContent = merge.checked ? 'Merge nomination' : 'Reject nomination';
    };
    reject.addEventListener('change', sync);
    merge.addEventListener('change', sync);
    sync();
    cancel.addEventListener('click', close);
    form.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      errors.clear();
      const isMerge = merge.checked;
      if (!reason.value.trim()) {
        errors.field('reason', 'Give the reason for the decision.');
        return;
      }
      const target = mergePick.id();
      if (isMerge && !/^[1-9][0-9]{0,17}$/.test(target)) {
        errors.field('merged_into', 'Find the threat to merge into by its reference or name, and choose it.');
        return;
      }
      submit.disabled = true;
      try {
        await request<Nomination>(`/api/v1/nominations/${n.id}/decision`, {
          method: 'POST',
          body: isMerge
            ? { outcome: 'merged', reason: reason.value.trim(), merged_into: Number(target) }
            : { outcome: 'rejected', reason: reason.value.trim() },
        });
        if (!alive) return;
        message.textContent = `The nomination of ${n.threat?.reference ?? `threat ${n.threat_id}`} was ${isMerge ? `merged into ${mergedInto.value.trim() || `threat ${target}`}` : 'rejected'}.`;
        message.hidden = false;
        void loadFigures();
        await load();
        message.focus();
      } catch (e) {
        if (!alive) return;
        submit.disabled = false;
        errors.problem(e);
        if (!alert.hidden) alert.focus();
        if (e instanceof ApiError && e.status === 401) return;
      }
    });
    return h('tr', { class: 'form-row', 'data-testid': 'decision-row' },
      h('td', { colspan: String(COLUMNS.length) }, form));
  }

  message.setAttribute('tabindex', '-1');

  return {
    title: 'Assessment queue',
    render(main) {
      main.append(
        h('div', { class: 'page-head' },
          h('h1', { tabindex: '-1' }, 'Assessment queue'),
          exportButton('queue-export', () => ({ path: '/api/v1/nominations', query: { status: filters.status } })),
          h('a', { href: href('/nominate'), class: 'button', 'data-testid': 'queue-nominate' }, 'Nominate a threat')),
        figures,
        savedFilters('queue'),
        filterForm,
        results,
      );
      void loadFigures();
      void load();
      return () => {
        alive = false;
      };
    },
    update(query) {
      filters = readFilters(query);
      status.value = filters.status;
      message.hidden = true;
      void load();
    },
  };
}
