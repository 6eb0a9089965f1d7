// Serious crime prevention order monitoring: the team's queue (GET /api/v1/scpo/queue:
// overdue checks, checks due soon, the horizon of orders starting later, orders in force),
// an order's page (GET /api/v1/scpo/orders/{id}: conditions, history, checks, breaches)
// with the forms to record a check and a breach, the figures for a period, and the panel
// the nominal page shows to those allowed to read orders. The server decides who may see
// and do what; the menu only hides what a role cannot use.

import { picker, threatSearch } from './people';
import { ApiError, getUser, request } from './api';
import { clear, field, h, option } from './dom';
import { date, lastCompleteYear, orDash, todayYmd } from './format';
import { FormErrors, overdueBadge, problemText } from './forms';
import { units } from './refdata';
import { href, navigate, type View } from './router';

/** Roles that read orders (the server's may_read_scpo) and run the monitoring. */
export const SCPO_READERS = ['scpo_officer', 'analyst', 'rocta_analyst', 'siu_officer', 'lead_responsible_officer', 'tasking_chair',
  'frontline_officer'];
export const SCPO_MONITORS = ['scpo_officer'];
export const SCPO_FIGURE_READERS = ['scpo_officer', 'inspector', 'tasking_chair'];

interface Condition { kind: string; detail: string }
interface Order {
  id: number; reference: string; agency: string; nominal_id: number; subject_reference: string; subject_name: string;
  subject_marking: string; threat_id: number; bcu_unit_id: number; court: string; made_on: string; starts_on: string;
  ends_on: string; interim: boolean; conditions: Condition[]; version: number;
}
interface Check {
  id: number; order_id: number; kind: string; due_on: string; officer_name: string; done_on: string; outcome: string;
  note: string; overdue: boolean;
}
interface Breach {
  id: number; occurred_on: string; condition: string; evidence: string; arrested: boolean; charged: boolean; disruption_id: number;
}
interface QueueItem { check: Check; order: Order }
interface Queue { today: string; overdue: QueueItem[]; due_soon: QueueItem[]; in_force: Order[]; horizon: Order[] }
interface OrderView {
  order: Order; in_force: boolean; on_horizon: boolean; bcu: string;
  history: { kind: string; on: string; note: string; ref_id: number }[]; checks: Check[]; breaches: Breach[];
}
interface FigureRow { bcu: string; orders_monitored: number; checks_done: number; checks_overdue: number; breaches: number; arrests: number }
interface Figures { from: string; to: string; rows: FigureRow[]; total: FigureRow }

const CHECK_KINDS = ['visit', 'financial report', 'device inspection'];
const OUTCOMES = ['compliant', 'concern', 'breach', 'no access'];

function hasRole(roles: string[]): boolean {
  return (getUser()?.roles ?? []).some((r) => roles.includes(r));
}

/** A plain data table with a hidden caption (also the capability screen's). */
export function table(caption: string, testid: string, columns: string[], rows: HTMLTableRowElement[]): HTMLElement {
  return h('div', { class: 'table-wrap' }, h('table', { class: 'data', 'data-testid': testid },
    h('caption', { class: 'visually-hidden' }, caption),
    h('thead', {}, h('tr', {}, ...columns.map((c) => h('th', { scope: 'col' }, c)))),
    h('tbody', {}, ...rows)));
}

function orderLink(o: Order): HTMLAnchorElement {
  return h('a', { href: href(`/scpo/${o.id}`), 'data-testid': 'scpo-order-link' }, o.reference);
}

function conditionsText(o: Order): string {
  return o.conditions.map((c) => c.kind).filter((k, i, all) => all.indexOf(k) === i).join(', ');
}

/** Why a screen could not load: the server's own words for 403 and 404. */
export function failure(e: unknown, what: string, testid: string): HTMLElement {
  return h('div', { class: 'alert error', role: 'alert', 'data-testid': testid },
    e instanceof ApiError && (e.status === 403 || e.status === 404) ? problemText(e) : `Could not load ${what}: ${problemText(e)}`);
}

// ---- the queue ------------------------------------------------------------------------

export function scpoQueueView(): View {
  let alive = true;
  const body = h('div', { 'data-testid': 'scpo-queue', 'data-state': 'loading' }, h('p', { class: 'muted' }, 'Loading…'));

  const checkRows = (items: QueueItem[]) => items.map(({ check: c, order: o }) =>
    h('tr', { 'data-testid': 'scpo-check-row', 'data-order': o.id, 'data-check': c.id },
      h('th', { scope: 'row' }, orderLink(o)),
      h('td', {}, o.subject_name, h('br'), h('span', { class: 'muted' }, o.subject_reference)),
      h('td', {}, c.kind),
      h('td', {}, date(c.due_on), c.overdue ? ' ' : null, c.overdue ? overdueBadge() : null),
      h('td', {}, orDash(c.officer_name))));
  const orderRows = (orders: Order[], first: 'starts' | 'ends') => orders.map((o) =>
    h('tr', { 'data-testid': first === 'starts' ? 'scpo-horizon-row' : 'scpo-in-force-row', 'data-order': o.id },
      h('th', { scope: 'row' }, orderLink(o)),
      h('td', {}, o.subject_name, h('br'), h('span', { class: 'muted' }, o.subject_reference)),
      h('td', {}, date(first === 'starts' ? o.starts_on : o.ends_on)),
      h('td', {}, conditionsText(o))));

  async function load() {
    try {
      const q = await request<Queue>('/api/v1/scpo/queue');
      if (!alive) return;
      clear(body);
      body.append(
        h('p', { class: 'summary', 'data-testid': 'scpo-queue-summary' },
          `${q.in_force.length} orders in force, ${q.overdue.length} checks overdue, ${q.due_soon.length} due in the next fortnight, ` +
          `${q.horizon.length} orders starting later.`),
        h('section', { 'aria-labelledby': 'scpo-overdue-h' },
          h('h2', { id: 'scpo-overdue-h' }, `Overdue checks (${q.overdue.length})`),
          q.overdue.length
            ? table('Checks past their due day', 'scpo-overdue', ['Order', 'Subject', 'Check', 'Due', 'Officer'], checkRows(q.overdue))
            : h('p', { class: 'muted' }, 'No check is overdue.')),
        h('section', { 'aria-labelledby': 'scpo-soon-h' },
          h('h2', { id: 'scpo-soon-h' }, `Due in the next fortnight (${q.due_soon.length})`),
          q.due_soon.length
            ? table('Checks due soon', 'scpo-due-soon', ['Order', 'Subject', 'Check', 'Due', 'Officer'], checkRows(q.due_soon))
            : h('p', { class: 'muted' }, 'Nothing due in the next fortnight.')),
        h('section', { 'aria-labelledby': 'scpo-horizon-h' },
          h('h2', { id: 'scpo-horizon-h' }, `Horizon: orders starting later (${q.horizon.length})`),
          h('p', { class: 'muted' }, 'Orders made at sentence come into force on release from prison: plan the first visit before then.'),
          q.horizon.length
            ? table('Orders not yet in force', 'scpo-horizon', ['Order', 'Subject', 'Starts', 'Conditions'], orderRows(q.horizon, 'starts'))
            : h('p', { class: 'muted' }, 'No order starts later.')),
        h('section', { 'aria-labelledby': 'scpo-in-force-h' },
          h('h2', { id: 'scpo-in-force-h' }, `Orders in force (${q.in_force.length})`),
          table('Orders in force', 'scpo-in-force', ['Order', 'Subject', 'Ends', 'Conditions'], orderRows(q.in_force, 'ends'))));
      body.dataset.state = 'ready';
    } catch (e) {
      if (!alive) return;
      clear(body);
      body.append(failure(e, 'the SCPO queue', 'scpo-queue-error'));
      body.dataset.state = 'error';
    }
  }

  return {
    title: 'SCPO monitoring',
    render(main) {
      main.append(
        h('div', { class: 'page-head' }, h('h1', { tabindex: '-1' }, 'SCPO monitoring'),
          hasRole(SCPO_FIGURE_READERS) ? h('a', { class: 'button', href: href('/scpo-figures'), 'data-testid': 'scpo-figures-link' }, 'Figures') : null),
        h('p', { class: 'muted lead' }, 'Serious crime prevention orders your team monitors: what is overdue, what is due, and who is about to be released.'),
        body);
      void load();
      return () => { alive = false; };
    },
  };
}

// ---- forms ---------------------------------------------------------------------------------

/** Sends the form once at a time: errors next to their fields, the button back on failure. */
function onSubmit(form: HTMLFormElement, submit: HTMLButtonElement, errors: FormErrors, send: () => Promise<unknown>,
  done: () => void): void {
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    errors.clear();
    submit.disabled = true;
    try {
      await send();
      done();
    } catch (e) {
      errors.problem(e);
      submit.disabled = false;
    }
  });
}

const CONDITION_KINDS = ['association', 'communication devices', 'financial reporting', 'travel', 'premises', 'other'];

/** Rows of typed conditions, one added at a time; the server refuses an empty detail. */
function conditionsEditor(initial: Condition[]): { element: HTMLElement; value: () => Condition[] } {
  const rows = h('div', { class: 'condition-rows', 'data-testid': 'scpo-conditions-editor' });
  const addRow = (c: Condition) => {
    const kind = h('select', { 'aria-label': 'Condition', 'data-testid': 'scpo-condition-kind' },
      ...CONDITION_KINDS.map((k) => option(k, k, k === c.kind)));
    const detail = h('input', { type: 'text', 'aria-label': 'What the condition says', value: c.detail, size: 48,
      'data-testid': 'scpo-condition-detail' });
    const remove = h('button', { type: 'button', class: 'link' }, 'Remove');
    const row = h('div', { class: 'condition-row', 'data-testid': 'scpo-condition-row' }, kind, ' ', detail, ' ', remove);
    remove.addEventListener('click', () => row.remove());
    rows.append(row);
  };
  initial.forEach(addRow);
  const add = h('button', { type: 'button', 'data-testid': 'scpo-condition-add' }, 'Add a condition');
  add.addEventListener('click', () => addRow({ kind: 'association', detail: '' }));
  return {
    element: h('fieldset', { class: 'field' }, h('legend', {}, 'Conditions'), rows, add),
    value: () => [...rows.querySelectorAll('.condition-row')].map((r) => ({
      kind: (r.querySelector('select') as HTMLSelectElement).value,
      detail: (r.querySelector('input') as HTMLInputElement).value.trim(),
    })),
  };
}

function formShell(testid: string, label: string): { alert: HTMLElement; errors: FormErrors; submit: HTMLButtonElement } {
  const alert = h('div', { class: 'alert error', role: 'alert', 'data-testid': `${testid}-error` });
  return { alert, errors: new FormErrors(alert), submit: h('button', { type: 'submit', class: 'primary', 'data-testid': `${testid}-submit` }, label) };
}

/** A new order on a subject; the BCU is the one that monitors, the threat optional. */
function orderForm(nominalId: number, done: (o: Order) => void): HTMLElement {
  const court = h('input', { type: 'text', name: 'court', required: true, 'data-testid': 'scpo-order-court' });
  const made = h('input', { type: 'date', name: 'made_on', value: todayYmd(), required: true, 'data-testid': 'scpo-order-made-on' });
  const starts = h('input', { type: 'date', name: 'starts_on', 'data-testid': 'scpo-order-starts-on' });
  const ends = h('input', { type: 'date', name: 'ends_on', required: true, 'data-testid': 'scpo-order-ends-on' });
  const interim = h('input', { type: 'checkbox', name: 'interim', 'data-testid': 'scpo-order-interim' });
  const threatPick = picker({ name: 'threat_id', testid: 'scpo-order-threat', placeholder: 'Type a reference or name (optional)', search: threatSearch });
  const threat = threatPick.box;
  const bcu = h('select', { name: 'bcu_unit_id', 'data-testid': 'scpo-order-bcu' }, option('', 'Not set', true));
  void units().then((all) => bcu.append(...all.filter((u) => u.kind === 'bcu' && u.agency === getUser()?.agency)
    .map((u) => option(String(u.id), u.name, false)))).catch(() => undefined);
  const conditions = conditionsEditor([{ kind: 'association', detail: '' }]);
  const { alert, errors, submit } = formShell('scpo-order', 'Record the order');
  const form = h('form', { class: 'form', 'data-testid': 'scpo-order-form', novalidate: true },
    alert, field('Court', court), field('Made on', made),
    field('Comes into force', starts, 'Leave empty when in force from the day it was made; a later day (release from prison) puts it on the horizon.'),
    field('Ends on', ends, 'At most five years after it comes into force.'),
    h('div', { class: 'field' }, h('label', {}, interim, ' Interim order')),
    h('div', { class: 'field' }, h('label', { for: threat.id || (threat.id = `scpo-threat-${nominalId}`) }, 'Threat (optional)'), threatPick.el), field('BCU', bcu), conditions.element, submit);
  errors.add('court', court);
  errors.add('made_on', made);
  errors.add('starts_on', starts);
  errors.add('ends_on', ends);
  errors.add('threat_id', threat);
  errors.add('conditions', conditions.element);
  onSubmit(form, submit, errors, async () => {
    const body: Record<string, unknown> = { nominal_id: nominalId, court: court.value, made_on: made.value, ends_on: ends.value,
      interim: interim.checked, conditions: conditions.value() };
    if (starts.value) body.starts_on = starts.value;
    if (threatPick.id()) body.threat_id = Number(threatPick.id());
    if (bcu.value) body.bcu_unit_id = Number(bcu.value);
    done(await request<Order>('/api/v1/scpo/orders', { method: 'POST', body }));
  }, () => undefined);
  return form;
}

/** A variation (or an interim order made full): what changes, the day, why; the old terms stay in the history. */
function variationForm(v: OrderView, done: () => void): HTMLElement {
  const o = v.order;
  const on = h('input', { type: 'date', name: 'on', value: todayYmd(), required: true, 'data-testid': 'scpo-vary-on' });
  const court = h('input', { type: 'text', name: 'court', value: o.court, 'data-testid': 'scpo-vary-court' });
  const ends = h('input', { type: 'date', name: 'ends_on', value: o.ends_on, 'data-testid': 'scpo-vary-ends-on' });
  const full = h('input', { type: 'checkbox', name: 'full_order', 'data-testid': 'scpo-vary-full' });
  const note = h('textarea', { name: 'note', rows: 2, 'data-testid': 'scpo-vary-note' });
  const conditions = conditionsEditor(o.conditions);
  const { alert, errors, submit } = formShell('scpo-vary', 'Record the variation');
  const form = h('form', { class: 'form', 'data-testid': 'scpo-vary-form', novalidate: true },
    alert, field('Varied on', on), field('Court', court), field('Ends on', ends),
    o.interim ? h('div', { class: 'field' }, h('label', {}, full, ' The interim order is now a full order')) : null,
    conditions.element, field('Why', note), submit);
  errors.add('on', on);
  errors.add('ends_on', ends);
  errors.add('conditions', conditions.element);
  onSubmit(form, submit, errors, () => request(`/api/v1/scpo/orders/${o.id}/variations`, {
    method: 'POST',
    body: { version: o.version, on: on.value, court: court.value, ends_on: ends.value, full_order: full.checked, note: note.value,
      conditions: conditions.value() },
  }), done);
  return form;
}

/** A check on the monitoring plan: what, when, by whom (the officer, or nobody named yet). */
function planCheckForm(v: OrderView, done: () => void): HTMLElement {
  const kind = h('select', { name: 'kind', 'data-testid': 'scpo-plan-kind' }, ...CHECK_KINDS.map((k, i) => option(k, k, i === 0)));
  const due = h('input', { type: 'date', name: 'due_on', required: true, 'data-testid': 'scpo-plan-due-on' });
  const mine = h('input', { type: 'checkbox', name: 'mine', checked: true, 'data-testid': 'scpo-plan-mine' });
  const { alert, errors, submit } = formShell('scpo-plan', 'Put on the plan');
  const form = h('form', { class: 'form', 'data-testid': 'scpo-plan-form', novalidate: true },
    alert, field('Check', kind), field('Due on', due), h('div', { class: 'field' }, h('label', {}, mine, ' I will do it')), submit);
  errors.add('due_on', due);
  errors.add('kind', kind);
  onSubmit(form, submit, errors, () => request(`/api/v1/scpo/orders/${v.order.id}/checks`, {
    method: 'POST',
    body: mine.checked ? { kind: kind.value, due_on: due.value, officer_id: getUser()?.id } : { kind: kind.value, due_on: due.value },
  }), done);
  return form;
}

/** Surveillance support to prove a breach goes through tasking, as an escalation to another unit. */
function supportForm(v: OrderView, done: () => void): HTMLElement {
  const to = h('select', { name: 'to_unit_id', required: true, 'data-testid': 'scpo-support-to' });
  void units().then((all) => {
    const mine = all.filter((u) => u.agency === v.order.agency && u.kind !== 'scpo monitoring' && u.kind !== 'bcu');
    to.append(...mine.map((u) => option(String(u.id), u.name, u.kind === 'scc')));
  }).catch(() => undefined);
  const what = h('textarea', { name: 'request', rows: 3, required: true, 'data-testid': 'scpo-support-request' });
  const by = h('input', { type: 'date', name: 'decide_by', required: true, 'data-testid': 'scpo-support-decide-by' });
  const { alert, errors, submit } = formShell('scpo-support', 'Ask for support');
  const form = h('form', { class: 'form', 'data-testid': 'scpo-support-form', novalidate: true },
    alert, field('To', to), field('What is needed', what, 'The condition you suspect is breached and what surveillance would show.'),
    field('Decision needed by', by), submit);
  errors.add('to_unit_id', to);
  errors.add('request', what);
  errors.add('decide_by', by);
  onSubmit(form, submit, errors, () => request(`/api/v1/scpo/orders/${v.order.id}/support`, {
    method: 'POST', body: { to_unit_id: Number(to.value), request: what.value, decide_by: by.value },
  }), done);
  return form;
}

// ---- an order ---------------------------------------------------------------------------

function checkForm(v: OrderView, done: () => void): HTMLElement {
  const open = v.checks.filter((c) => !c.done_on);
  const planned = h('select', { name: 'check_id', 'data-testid': 'scpo-check-planned' },
    option('', 'Not on the plan', true), ...open.map((c) => option(String(c.id), `${c.kind}, due ${date(c.due_on)}`, false)));
  const kind = h('select', { name: 'kind', 'data-testid': 'scpo-check-kind' }, ...CHECK_KINDS.map((k, i) => option(k, k, i === 0)));
  const doneOn = h('input', { type: 'date', name: 'done_on', value: todayYmd(), required: true, 'data-testid': 'scpo-check-done-on' });
  const outcome = h('select', { name: 'outcome', 'data-testid': 'scpo-check-outcome' }, ...OUTCOMES.map((k, i) => option(k, k, i === 0)));
  const note = h('textarea', { name: 'note', rows: 2, 'data-testid': 'scpo-check-note' });
  const alert = h('div', { class: 'alert error', role: 'alert', 'data-testid': 'scpo-check-error' });
  const errors = new FormErrors(alert);
  const submit = h('button', { type: 'submit', class: 'primary', 'data-testid': 'scpo-check-submit' }, 'Record check');
  const form = h('form', { class: 'form', 'data-testid': 'scpo-check-form', novalidate: true },
    alert, field('Planned check', planned), field('Kind (when not planned)', kind), field('Done on', doneOn),
    field('Outcome', outcome), field('Note', note), submit);
  errors.add('done_on', doneOn);
  errors.add('outcome', outcome);
  onSubmit(form, submit, errors, async () => {
    const body: Record<string, unknown> = { done_on: doneOn.value, outcome: outcome.value, note: note.value };
    if (planned.value) body.check_id = Number(planned.value);
    else body.kind = kind.value;
    await request(`/api/v1/scpo/orders/${v.order.id}/checks/done`, { method: 'POST', body });
  }, done);
  return form;
}

function breachForm(v: OrderView, done: () => void): HTMLElement {
  const kinds = v.order.conditions.map((c) => c.kind).filter((k, i, all) => all.indexOf(k) === i);
  const condition = h('select', { name: 'condition', 'data-testid': 'scpo-breach-condition' }, ...kinds.map((k, i) => option(k, k, i === 0)));
  const occurred = h('input', { type: 'date', name: 'occurred_on', value: todayYmd(), required: true, 'data-testid': 'scpo-breach-occurred-on' });
  const evidence = h('textarea', { name: 'evidence', rows: 3, required: true, 'data-testid': 'scpo-breach-evidence' });
  const arrested = h('input', { type: 'checkbox', name: 'arrested', 'data-testid': 'scpo-breach-arrested' });
  const charged = h('input', { type: 'checkbox', name: 'charged', 'data-testid': 'scpo-breach-charged' });
  const alert = h('div', { class: 'alert error', role: 'alert', 'data-testid': 'scpo-breach-error' });
  const errors = new FormErrors(alert);
  const submit = h('button', { type: 'submit', class: 'primary', 'data-testid': 'scpo-breach-submit' }, 'Record breach');
  const form = h('form', { class: 'form', 'data-testid': 'scpo-breach-form', novalidate: true },
    alert, field('Condition breached', condition), field('Day of the breach', occurred),
    field('Evidence', evidence, 'What shows the breach: who saw what, records, seizures.'),
    h('div', { class: 'field' }, h('label', {}, arrested, ' Arrested'), h('label', {}, charged, ' Charged')),
    v.order.threat_id ? h('p', { class: 'hint' }, 'An arrest is recorded as a pursue disruption against the order\'s threat.') : null,
    submit);
  errors.add('occurred_on', occurred);
  errors.add('evidence', evidence);
  errors.add('condition', condition);
  onSubmit(form, submit, errors, () => request(`/api/v1/scpo/orders/${v.order.id}/breaches`, {
    method: 'POST',
    body: { condition: condition.value, occurred_on: occurred.value, evidence: evidence.value, arrested: arrested.checked, charged: charged.checked },
  }), done);
  return form;
}

export function scpoOrderView(rawId: string): View {
  let alive = true;
  let main: HTMLElement;

  function show(v: OrderView) {
    const o = v.order;
    document.title = `${o.reference} — Rocta`;
    const status = v.in_force ? 'In force' : v.on_horizon ? `Starts ${date(o.starts_on)}` : 'Ended';
    const monitor = hasRole(SCPO_MONITORS);
    const reload = () => void load();
    clear(main);
    main.append(
      h('p', { class: 'marking-banner', 'data-testid': 'scpo-subject-marking' }, `Subject marked ${o.subject_marking}`),
      h('article', { class: 'record', 'data-testid': 'scpo-order-page', 'data-id': o.id },
        h('p', { class: 'record-ref' }, o.reference),
        h('h1', { tabindex: '-1' }, `SCPO on ${o.subject_name}`),
        h('dl', { class: 'facts' }, ...([
          ['Subject', h('a', { href: href(`/nominals/${o.nominal_id}`) }, o.subject_reference)],
          ['Status', h('span', { 'data-testid': 'scpo-status' }, status, o.interim ? ' (interim order)' : '')],
          ['Court', o.court], ['Made', date(o.made_on)], ['In force', `${date(o.starts_on)} to ${date(o.ends_on)}`],
          ['BCU', orDash(v.bcu)],
          ['Threat', o.threat_id ? h('a', { href: href(`/threats/${o.threat_id}`) }, `Threat ${o.threat_id}`) : '—'],
        ] as [string, string | Node][]).map(([t, d]) => h('div', { class: 'fact' }, h('dt', {}, t), h('dd', {}, d)))),
        h('section', { 'aria-labelledby': 'scpo-conditions-h' },
          h('h2', { id: 'scpo-conditions-h' }, 'Conditions'),
          h('ul', { 'data-testid': 'scpo-conditions' }, ...o.conditions.map((c) => h('li', {}, h('strong', {}, c.kind), `: ${c.detail}`)))),
        h('section', { 'aria-labelledby': 'scpo-checks-h' },
          h('h2', { id: 'scpo-checks-h' }, `Checks (${v.checks.length})`),
          table('Monitoring plan', 'scpo-checks', ['Check', 'Due', 'Done', 'Outcome', 'Officer'],
            [...v.checks].reverse().slice(0, 40).map((c) => h('tr', { 'data-testid': 'scpo-check', 'data-id': c.id, 'data-outcome': c.outcome },
              h('th', { scope: 'row' }, c.kind),
              h('td', {}, date(c.due_on), c.overdue ? ' ' : null, c.overdue ? overdueBadge() : null),
              h('td', {}, c.done_on ? date(c.done_on) : '—'), h('td', {}, c.outcome), h('td', {}, orDash(c.officer_name))))),
          v.checks.length > 40 ? h('p', { class: 'muted' }, `The latest 40 of ${v.checks.length} checks.`) : null),
        h('section', { 'aria-labelledby': 'scpo-breaches-h' },
          h('h2', { id: 'scpo-breaches-h' }, `Breaches (${v.breaches.length})`),
          v.breaches.length
            ? h('ul', { 'data-testid': 'scpo-breaches' }, ...v.breaches.map((b) => h('li', { 'data-testid': 'scpo-breach', 'data-id': b.id },
              h('strong', {}, `${date(b.occurred_on)}, ${b.condition}`), `: ${b.evidence}`,
              b.arrested ? h('span', { class: 'badge' }, b.charged ? 'Arrested and charged' : 'Arrested') : null,
              b.disruption_id ? h('span', { class: 'muted' }, ` (pursue disruption ${b.disruption_id})`) : null)))
            : h('p', { class: 'muted' }, 'No breach recorded.')),
        h('section', { 'aria-labelledby': 'scpo-history-h' },
          h('h2', { id: 'scpo-history-h' }, 'History'),
          h('ul', {}, ...v.history.map((x) => h('li', {}, `${date(x.on)}: ${x.kind}. `, h('span', { class: 'muted' }, x.note.split('\n')[0]))))),
        monitor ? h('section', { 'aria-labelledby': 'scpo-record-check-h' },
          h('h2', { id: 'scpo-record-check-h' }, 'Record a check'), checkForm(v, reload)) : null,
        monitor && v.in_force ? h('section', { 'aria-labelledby': 'scpo-record-breach-h' },
          h('h2', { id: 'scpo-record-breach-h' }, 'Record a breach'), breachForm(v, reload)) : null,
        monitor ? collapsible('scpo-plan', 'Put a check on the plan', planCheckForm(v, reload)) : null,
        monitor && v.in_force ? collapsible('scpo-support', 'Ask for surveillance support', supportForm(v, reload)) : null,
        monitor ? collapsible('scpo-vary', 'Vary the order', variationForm(v, reload)) : null));
    main.dataset.state = 'ready';
  }

  async function load() {
    try {
      const v = await request<OrderView>(`/api/v1/scpo/orders/${rawId}`);
      if (alive) show(v);
    } catch (e) {
      if (!alive) return;
      clear(main);
      main.append(h('h1', { tabindex: '-1' }, 'Order'), failure(e, 'the order', 'scpo-order-error'),
        h('p', {}, h('a', { href: href('/scpo') }, 'Back to the SCPO queue')));
      main.dataset.state = 'error';
    }
  }

  return {
    title: 'SCPO',
    render(m) {
      main = m;
      main.append(h('p', { class: 'muted' }, 'Loading…'));
      void load();
      return () => { alive = false; delete main.dataset.state; };
    },
  };
}

/** A form that opens on demand: the page stays readable with five actions on it. */
function collapsible(testid: string, title: string, form: HTMLElement): HTMLElement {
  return h('details', { class: 'action', 'data-testid': `${testid}-section` }, h('summary', {}, title), form);
}

// ---- the figures --------------------------------------------------------------------------

export function scpoFiguresView(query: URLSearchParams): View {
  let alive = true;
  // By default the last complete reporting year (to 30 June), as the SOC figures.
  const year = lastCompleteYear(todayYmd());
  const from = h('input', { type: 'date', name: 'from', value: query.get('from') ?? year.from, 'data-testid': 'scpo-figures-from' });
  const to = h('input', { type: 'date', name: 'to', value: query.get('to') ?? year.to, 'data-testid': 'scpo-figures-to' });
  const out = h('div', { 'data-testid': 'scpo-figures', 'data-state': 'loading' });
  const row = (r: FigureRow, total = false) => h('tr', { 'data-testid': total ? 'scpo-figures-total' : 'scpo-figures-row' },
    h('th', { scope: 'row' }, r.bcu), ...[r.orders_monitored, r.checks_done, r.checks_overdue, r.breaches, r.arrests].map((n) => h('td', { class: 'num' }, String(n))));

  async function load() {
    out.dataset.state = 'loading';
    try {
      const f = await request<Figures>('/api/v1/reports/scpo', { query: { from: from.value, to: to.value } });
      if (!alive) return;
      clear(out);
      out.append(table(`SCPO monitoring ${f.from} to ${f.to}`, 'scpo-figures-table',
        ['BCU', 'Orders monitored', 'Checks done', 'Checks overdue', 'Breaches', 'Arrests'], [...f.rows.map((r) => row(r)), row(f.total, true)]),
      h('p', { class: 'muted' }, 'Orders in force on any day of the period; checks done in it; checks due in it and not done by their due day; breaches that occurred in it.'));
      out.dataset.state = 'ready';
    } catch (e) {
      if (!alive) return;
      clear(out);
      out.append(failure(e, 'the figures', 'scpo-figures-error'));
      out.dataset.state = 'error';
    }
  }

  return {
    title: 'SCPO figures',
    render(main) {
      const form = h('form', { class: 'filters' }, field('From', from), field('To', to),
        h('button', { type: 'submit', 'data-testid': 'scpo-figures-submit' }, 'Show'));
      form.addEventListener('submit', (ev) => { ev.preventDefault(); void load(); });
      main.append(h('div', { class: 'page-head' }, h('h1', { tabindex: '-1' }, 'SCPO figures')),
        h('p', { class: 'muted lead' }, 'As the MPS reported them to the inspection, for any period, by BCU, computed from the records.'),
        form, out);
      void load();
      return () => { alive = false; };
    },
  };
}

// ---- the nominal page's panel -------------------------------------------------------------

/** Orders on a subject, for those whose roles read orders; nothing at all for others. */
export function scpoSubjectPanel(nominalId: number): HTMLElement | null {
  if (!hasRole(SCPO_READERS)) return null;
  const panel = h('section', { 'aria-labelledby': 'nominal-scpo-h', 'data-testid': 'nominal-scpo', 'data-state': 'loading' },
    h('h2', { id: 'nominal-scpo-h' }, 'Serious crime prevention orders'));
  void (async () => {
    try {
      const { items } = await request<{ items: Order[] }>(`/api/v1/nominals/${nominalId}/scpo`);
      panel.append(items.length
        ? h('ul', {}, ...items.map((o) => h('li', { 'data-testid': 'nominal-scpo-order' }, orderLink(o),
          ` ${date(o.starts_on)} to ${date(o.ends_on)}: `, o.conditions.map((c) => `${c.kind} (${c.detail})`).join('; '))))
        : h('p', { class: 'muted' }, 'No order you may see.'));
      if (hasRole(SCPO_MONITORS))
        panel.append(collapsible('scpo-order', 'Record an order on this subject',
          orderForm(nominalId, (o) => navigate(href(`/scpo/${o.id}`)))));
      panel.dataset.state = 'ready';
    } catch (e) {
      panel.append(h('p', { class: 'muted' }, problemText(e)));
      panel.dataset.state = 'error';
    }
  })();
  return panel;
}
