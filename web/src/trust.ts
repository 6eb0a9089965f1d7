// Screens and parts of issue #18 (trust and truth):
// - the SIU check of an assessment: its state (siuCheckPanel), the SIU's reply form
//   (siuReplyForm, on the SIU checks screen) and the moderator's reason for approving
//   without the reply (moderation.ts asks for it through siuCheckPanel);
// - compartment grants: an SIU officer proposes, another of that SIU approves or refuses;
// - link removal on a record page, with the reason (sent as X-Rocta-Purpose);
// - thematic disruptions: prevent and protect work by crime type and area.
// The server decides who may do what; its problem detail is shown as given.

import { ApiError, getUser, request } from './api';
import './trust.css';
import { clear, field, h, option } from './dom';
import { dateTime, date } from './format';
import { FormErrors, problemText } from './forms';
import type { View } from './router';
import type { Assessment, Link } from './types';

export interface SiuReply {
  id: number;
  assessment_id: number;
  compartment: string;
  advice: string;
  replied_at: string;
  note?: string;
  replied_by?: number;
}

export interface SiuCheck {
  assessment_id: number;
  asked: boolean;
  compartments: string[];
  replies: SiuReply[];
  unanswered: string[];
  answered: boolean;
  moderated_without_reply: { reason: string; unanswered: string[]; recorded_by: number; recorded_at: string } | null;
}

const ADVICE: [string, string][] = [
  ['no trace', 'No trace: nothing held bears on this assessment'],
  ['consulted', 'Consulted: what is held was weighed; the score stands'],
  ['advise re-score', 'Advise re-score: what is held would change the score'],
];

export function adviceText(a: string): string {
  return a === 'advise re-score' ? 'Advise re-score' : a === 'consulted' ? 'Consulted' : a === 'no trace' ? 'No trace' : a;
}

export function fetchSiuCheck(assessmentId: number): Promise<SiuCheck> {
  return request<SiuCheck>(`/api/v1/assessments/${assessmentId}/siu-check`);
}

/** The state of an assessment's SIU check: each compartment's outcome, or that it is still awaited. */
export function siuCheckSummary(c: SiuCheck): HTMLElement {
  const items = c.compartments.map((comp) => {
    const r = c.replies.find((x) => x.compartment === comp);
    return h('li', { 'data-testid': 'siu-check-item', 'data-compartment': comp, 'data-advice': r ? r.advice : '' },
      h('strong', {}, comp), ': ',
      r ? h('span', { class: `badge badge-advice${r.advice === 'advise re-score' ? ' badge-warn' : ''}` }, adviceText(r.advice))
        : h('span', { class: 'badge badge-awaiting' }, 'Awaiting reply'),
      r ? h('span', { class: 'muted' }, ` ${dateTime(r.replied_at)}`) : null,
      r?.note ? h('p', { class: 'siu-note', 'data-testid': 'siu-note' }, 'Note (your compartment only): ', r.note) : null);
  });
  return h('div', { class: 'siu-check', 'data-testid': 'siu-check', 'data-answered': String(c.answered) },
    h('ul', { class: 'plain' }, ...items),
    c.moderated_without_reply
      ? h('p', { 'data-testid': 'siu-waiver' }, 'Approved without the reply: ', c.moderated_without_reply.reason)
      : null);
}

/**
 * The SIU's reply to a check, for the compartments of `a` the signed-in officer holds and
 * that have not answered. The note stays with the compartment's officers.
 */
export function siuReplyForm(a: Assessment, check: SiuCheck, done: (r: SiuReply) => void): HTMLElement | null {
  const mine = (getUser()?.compartments ?? []).filter((c) => check.unanswered.includes(c));
  if (!mine.length) return null;
  const compartment = h('select', { 'data-testid': 'siu-reply-compartment' }, ...mine.map((c, i) => option(c, c, i === 0)));
  const advice = h('select', { 'data-testid': 'siu-reply-advice' }, ...ADVICE.map(([v, t], i) => option(v, t, i === 0)));
  const note = h('textarea', { rows: '2', maxlength: '2000', 'data-testid': 'siu-reply-note' });
  const alert = h('div', { class: 'alert error', role: 'alert', tabindex: '-1', 'data-testid': 'siu-reply-error' });
  const submit = h('button', { type: 'submit', class: 'primary small', 'data-testid': 'siu-reply-submit' }, 'Send reply');
  const form = h('form', { class: 'inline-form', novalidate: true, 'data-testid': 'siu-reply-form', 'aria-label': `Reply to the SIU check of assessment ${a.id}` },
    h('div', { class: 'form-grid top' },
      field('Compartment', compartment),
      field('Advice', advice, 'The assessor and the moderator see this outcome and when it came.'),
      h('div', { class: 'span-2' }, field('Note (optional)', note, 'Stays in your compartment: only its SIU officers read it.'))),
    alert,
    h('div', { class: 'actions' }, submit));
  const errors = new FormErrors(alert);
  errors.add('note', note);
  errors.add('compartment', compartment);
  errors.add('advice', advice);
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    errors.clear();
    submit.disabled = true;
    try {
      const body: Record<string, string> = { compartment: compartment.value, advice: advice.value };
      if (note.value.trim()) body.note = note.value.trim();
      done(await request<SiuReply>(`/api/v1/assessments/${a.id}/siu-reply`, { method: 'POST', body }));
    } catch (e) {
      submit.disabled = false;
      errors.problem(e, 'The reply could not be sent.');
    }
  });
  return form;
}

// ---- link removal -------------------------------------------------------------------------

/**
 * A "Remove" button for a link row; it opens a reason field under the row. The server
 * removes the link only for those who may edit one of its ends, and audits the reason.
 */
export function removeLinkCell(l: Link, row: () => HTMLTableRowElement, columns: number): HTMLTableCellElement {
  const cell = h('td', { class: 'actions-cell' });
  if (typeof l.id !== 'number') return cell;
  const button = h('button', { type: 'button', class: 'small', 'aria-expanded': 'false', 'data-testid': 'link-remove-button' }, 'Remove');
  let formRow: HTMLTableRowElement | null = null;
  button.addEventListener('click', () => {
    if (formRow) {
      formRow.remove();
      formRow = null;
      button.setAttribute('aria-expanded', 'false');
      return;
    }
    const reason = h('input', { type: 'text', maxlength: '500', 'data-testid': 'link-remove-reason' });
    const alert = h('div', { class: 'alert error', role: 'alert', tabindex: '-1', 'data-testid': 'link-remove-error' });
    const submit = h('button', { type: 'submit', class: 'primary small', 'data-testid': 'link-remove-submit' }, 'Remove link');
    const form = h('form', { class: 'inline-form', novalidate: true, 'data-testid': 'link-remove-form', 'aria-label': `Remove the ${l.relation} link` },
      field('Why remove this link?', reason, 'Recorded in the audit log with your name.'), alert, h('div', { class: 'actions' }, submit));
    const errors = new FormErrors(alert);
    errors.add('purpose', reason);
    form.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      errors.clear();
      if (reason.value.trim().length < 5) {
        errors.field('purpose', 'Say why the link goes (at least 5 characters).');
        return;
      }
      submit.disabled = true;
      try {
        await request<void>(`/api/v1/links/${l.id}`, { method: 'DELETE', headers: { 'X-Rocta-Purpose': reason.value.trim() } });
        formRow?.remove();
        const tr = row();
        clear(tr);
        tr.append(h('td', { colspan: String(columns), class: 'muted', 'data-testid': 'link-removed' }, `Link removed: ${reason.value.trim()}`));
      } catch (e) {
        submit.disabled = false;
        errors.problem(e, 'The link could not be removed.');
      }
    });
    formRow = h('tr', { class: 'form-row', 'data-testid': 'link-remove-row' }, h('td', { colspan: String(columns) }, form));
    row().after(formRow);
    button.setAttribute('aria-expanded', 'true');
    reason.focus();
  });
  cell.append(button);
  return cell;
}

// ---- compartment grants -------------------------------------------------------------------

interface CompartmentGrant {
  id: number;
  user_id: number;
  username: string;
  user_agency: string;
  compartment: string;
  reason: string;
  proposed_by: number;
  proposed_by_name: string;
  proposed_at: string;
  status: string;
  decided_by: number | null;
  decided_by_name: string;
  decided_at: string | null;
  decision_note: string;
}

const GRANT_COLUMNS = ['User', 'Compartment', 'Reason', 'Proposed by', 'Status', 'Actions'];

export function compartmentGrantsView(): View {
  let alive = true;
  const me = getUser();
  const message = h('div', { class: 'alert success', role: 'status', tabindex: '-1', hidden: true, 'data-testid': 'grants-message' });
  const list = h('div', { 'data-testid': 'grants-results', 'data-state': 'loading' }, h('p', { class: 'muted' }, 'Loading…'));

  async function load() {
    try {
      const grants = await request<CompartmentGrant[]>('/api/v1/compartment-grants');
      if (!alive) return;
      clear(list);
      list.append(h('div', { class: 'table-wrap' }, h('table', { class: 'data', 'data-testid': 'grants-table' },
        h('caption', { class: 'visually-hidden' }, 'Compartment grants'),
        h('thead', {}, h('tr', {}, ...GRANT_COLUMNS.map((c) => h('th', { scope: 'col' }, c)))),
        h('tbody', {},
          grants.length ? null : h('tr', { 'data-testid': 'grants-empty' }, h('td', { colspan: String(GRANT_COLUMNS.length), class: 'empty' }, 'No proposals for your compartments.')),
          ...grants.map(grantRow)))));
      list.dataset.state = 'ready';
    } catch (e) {
      if (!alive) return;
      clear(list);
      list.append(h('div', { class: 'alert error', role: 'alert', 'data-testid': 'grants-error' }, problemText(e)));
      list.dataset.state = 'error';
    }
  }

  function grantRow(g: CompartmentGrant): HTMLTableRowElement {
    const decide = async (approve: boolean, note: string, alert: HTMLElement) => {
      try {
        await request(`/api/v1/compartment-grants/${g.id}/decision`, { method: 'POST', body: { approve, note } });
        message.textContent = `${approve ? 'Approved' : 'Refused'}: ${g.compartment} for ${g.username}.`;
        message.hidden = false;
        await load();
        message.focus();
      } catch (e) {
        alert.textContent = problemText(e);
        alert.hidden = false;
      }
    };
    const actions = h('td', { 'data-label': GRANT_COLUMNS[5], class: 'actions-cell' });
    if (g.status === 'proposed' && me && me.id !== g.proposed_by && me.id !== g.user_id && (me.compartments ?? []).includes(g.compartment)) {
      const note = h('input', { type: 'text', maxlength: '500', placeholder: 'Note', 'aria-label': `Note on ${g.username}'s proposal`, 'data-testid': 'grant-note' });
      const alert = h('p', { class: 'field-error', role: 'alert', hidden: true, 'data-testid': 'grant-error' });
      const approve = h('button', { type: 'button', class: 'small primary', 'data-testid': 'grant-approve' }, 'Approve');
      const refuse = h('button', { type: 'button', class: 'small', 'data-testid': 'grant-refuse' }, 'Refuse');
      approve.addEventListener('click', () => void decide(true, note.value.trim(), alert));
      refuse.addEventListener('click', () => void decide(false, note.value.trim(), alert));
      actions.append(h('div', { class: 'row-actions' }, note, approve, refuse), alert);
    } else if (g.status === 'proposed') {
      actions.append(h('span', { class: 'muted' }, 'Another officer of this SIU decides'));
    }
    return h('tr', { 'data-testid': 'grant-row', 'data-id': g.id, 'data-status': g.status },
      h('th', { scope: 'row', 'data-label': GRANT_COLUMNS[0] }, `${g.username} (${g.user_agency})`),
      h('td', { 'data-label': GRANT_COLUMNS[1] }, h('span', { class: 'badge badge-siu' }, g.compartment)),
      h('td', { 'data-label': GRANT_COLUMNS[2] }, g.reason),
      h('td', { 'data-label': GRANT_COLUMNS[3] }, g.proposed_by_name, h('span', { class: 'muted' }, ` ${dateTime(g.proposed_at)}`)),
      h('td', { 'data-label': GRANT_COLUMNS[4], 'data-testid': 'grant-status' }, g.status,
        g.decided_by_name ? h('span', { class: 'muted' }, ` by ${g.decided_by_name}${g.decision_note ? `: ${g.decision_note}` : ''}`) : null),
      actions);
  }

  function proposeForm(): HTMLElement {
    const user = h('input', { type: 'number', min: '1', inputmode: 'numeric', 'data-testid': 'grant-user' });
    const comps = me?.compartments ?? [];
    const compartment = comps.length
      ? h('select', { 'data-testid': 'grant-compartment' }, ...comps.map((c, i) => option(c, c, i === 0)))
      : h('input', { type: 'text', maxlength: '64', 'data-testid': 'grant-compartment' });
    const reason = h('textarea', { rows: '2', maxlength: '2000', 'data-testid': 'grant-reason' });
    const alert = h('div', { class: 'alert error', role: 'alert', tabindex: '-1', 'data-testid': 'grant-form-error' });
    const submit = h('button', { type: 'submit', class: 'primary', 'data-testid': 'grant-submit' }, 'Propose');
    const form = h('form', { class: 'card', novalidate: true, 'data-testid': 'grant-form', 'aria-labelledby': 'grant-form-h' },
      h('h2', { id: 'grant-form-h' }, 'Propose a compartment for a user'),
      h('div', { class: 'form-grid top' },
        field('User id', user), field('Compartment', compartment),
        h('div', { class: 'span-2' }, field('Why the user needs it', reason, 'Another officer of the SIU holding the compartment approves or refuses.'))),
      alert, h('div', { class: 'actions' }, submit));
    const errors = new FormErrors(alert);
    errors.add('user_id', user);
    errors.add('compartment', compartment);
    errors.add('reason', reason);
    form.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      errors.clear();
      submit.disabled = true;
      try {
        const g = await request<CompartmentGrant>('/api/v1/compartment-grants', {
          method: 'POST', body: { user_id: Number(user.value), compartment: (compartment as HTMLInputElement).value, reason: reason.value.trim() } });
        message.textContent = `Proposed ${g.compartment} for ${g.username}: it waits for another officer of that SIU.`;
        message.hidden = false;
        form.reset();
        await load();
      } catch (e) {
        errors.problem(e, 'The proposal could not be made.');
      } finally {
        submit.disabled = false;
      }
    });
    return form;
  }

  return {
    title: 'Compartment grants',
    render(main) {
      main.append(
        h('div', { class: 'page-head' }, h('h1', { tabindex: '-1' }, 'Compartment grants')),
        h('p', { class: 'muted lead' },
          'A user is given an SIU compartment only when one officer of that SIU (or the user\'s administrator) proposes it and another officer of the SIU approves. Every proposal for your compartments shows here.'),
        message, proposeForm(), list);
      void load();
      return () => {
        alive = false;
      };
    },
  };
}

// ---- thematic disruptions ------------------------------------------------------------------

interface ThematicDisruption {
  id: number;
  recording_agency: string;
  crime_type: string;
  area: string;
  record_date: string;
  outcome: string;
  activity: string;
  reached: number;
}

const THEMATIC_COLUMNS = ['Date', 'Agency', 'Outcome', 'Crime type', 'Area', 'Activity', 'Reached'];

function ymd(d: Date): string {
  return d.toISOString().slice(0, 10);
}

export function thematicView(): View {
  let alive = true;
  const today = new Date();
  const yearAgo = new Date(today.getTime() - 365 * 86400000);
  const from = h('input', { type: 'date', value: ymd(yearAgo), 'data-testid': 'thematic-from' });
  const to = h('input', { type: 'date', value: ymd(today), 'data-testid': 'thematic-to' });
  const message = h('div', { class: 'alert success', role: 'status', tabindex: '-1', hidden: true, 'data-testid': 'thematic-message' });
  const list = h('div', { 'data-testid': 'thematic-results', 'data-state': 'loading' });

  async function load() {
    list.dataset.state = 'loading';
    try {
      const items = await request<ThematicDisruption[]>('/api/v1/thematic-disruptions', { query: { from: from.value, to: to.value } });
      if (!alive) return;
      clear(list);
      list.append(h('p', { class: 'summary', 'data-testid': 'thematic-summary', 'data-total': items.length },
        `${items.length} recorded from ${date(from.value)} to ${date(to.value)}; counted apart from the Appendix 2 figures.`),
      h('div', { class: 'table-wrap' }, h('table', { class: 'data', 'data-testid': 'thematic-table' },
        h('caption', { class: 'visually-hidden' }, 'Thematic disruptions'),
        h('thead', {}, h('tr', {}, ...THEMATIC_COLUMNS.map((c) => h('th', { scope: 'col' }, c)))),
        h('tbody', {},
          items.length ? null : h('tr', {}, h('td', { colspan: String(THEMATIC_COLUMNS.length), class: 'empty' }, 'None recorded in these dates.')),
          ...items.map((d) => h('tr', { 'data-testid': 'thematic-row', 'data-id': d.id },
            h('th', { scope: 'row' }, date(d.record_date)), h('td', {}, d.recording_agency), h('td', {}, d.outcome),
            h('td', {}, d.crime_type), h('td', {}, d.area), h('td', {}, d.activity), h('td', { class: 'num' }, String(d.reached))))))));
      list.dataset.state = 'ready';
    } catch (e) {
      if (!alive) return;
      clear(list);
      list.append(h('div', { class: 'alert error', role: 'alert', 'data-testid': 'thematic-error' }, problemText(e)));
      list.dataset.state = 'error';
    }
  }

  function recordForm(): HTMLElement {
    const outcome = h('select', { 'data-testid': 'thematic-outcome' }, option('Prevent', 'Prevent', true), option('Protect', 'Protect', false));
    const crime = h('input', { type: 'text', maxlength: '100', 'data-testid': 'thematic-crime-type' });
    const area = h('input', { type: 'text', maxlength: '100', 'data-testid': 'thematic-area' });
    const day = h('input', { type: 'date', value: ymd(today), 'data-testid': 'thematic-date' });
    const activity = h('textarea', { rows: '2', maxlength: '2000', 'data-testid': 'thematic-activity' });
    const reached = h('input', { type: 'number', min: '0', value: '0', 'data-testid': 'thematic-reached' });
    const alert = h('div', { class: 'alert error', role: 'alert', tabindex: '-1', 'data-testid': 'thematic-form-error' });
    const submit = h('button', { type: 'submit', class: 'primary', 'data-testid': 'thematic-submit' }, 'Record');
    const form = h('form', { class: 'card', novalidate: true, 'data-testid': 'thematic-form', 'aria-labelledby': 'thematic-form-h' },
      h('h2', { id: 'thematic-form-h' }, 'Record prevent or protect work'),
      h('div', { class: 'form-grid top' },
        field('Outcome', outcome), field('Date', day), field('Crime type', crime, 'e.g. Child sexual exploitation, Fraud'),
        field('Area', area, 'A BCU, borough, line or route'),
        h('div', { class: 'span-2' }, field('Activity', activity, 'What was done: schools visited, a campaign, staff trained…')),
        field('People reached', reached)),
      alert, h('div', { class: 'actions' }, submit));
    const errors = new FormErrors(alert);
    for (const [k, c] of [['crime_type', crime], ['area', area], ['record_date', day], ['activity', activity], ['reached', reached], ['outcome', outcome]] as const)
      errors.add(k, c);
    form.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      errors.clear();
      submit.disabled = true;
      try {
        const d = await request<ThematicDisruption>('/api/v1/thematic-disruptions', { method: 'POST', body: {
          outcome: outcome.value, record_date: day.value, crime_type: crime.value.trim(), area: area.value.trim(),
          activity: activity.value.trim(), reached: Number(reached.value || '0') } });
        message.textContent = `Recorded: ${d.outcome}, ${d.crime_type}, ${d.area}.`;
        message.hidden = false;
        activity.value = '';
        await load();
      } catch (e) {
        errors.problem(e, 'The work could not be recorded.');
      } finally {
        submit.disabled = false;
      }
    });
    return form;
  }

  return {
    title: 'Thematic disruptions',
    render(main) {
      const filter = h('form', { class: 'filters', 'data-testid': 'thematic-filter', 'aria-label': 'Dates' },
        field('From', from), field('To', to), h('button', { type: 'submit' }, 'Show'));
      filter.addEventListener('submit', (ev) => {
        ev.preventDefault();
        void load();
      });
      main.append(
        h('div', { class: 'page-head' }, h('h1', { tabindex: '-1' }, 'Thematic disruptions')),
        h('p', { class: 'muted lead' },
          'Prevent and protect work not tied to one threat (schools visited, campaigns, training of staff), recorded by crime type and area. It is counted separately from the national standard\'s disruption figures.'),
        message, recordForm(), h('h2', {}, 'Recorded in your region'), filter, list);
      void load();
      return () => {
        alive = false;
      };
    },
  };
}

export { ApiError };
