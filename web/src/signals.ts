// "Held elsewhere": GET /api/v1/{threats|nominals|intelligence}/{id}/signals names who
// holds linked material the reader may not read, never what it says, and offers a request
// for access with a purpose (POST /api/v1/access-requests). The holder decides.

import { request } from './api';
import { field, h } from './dom';
import { FormErrors } from './forms';
import { recordPanel, type RecordPanel } from './record-page';
import { href } from './router';
import type { AccessRequest, Signal } from './types';

export type SignalKind = 'threats' | 'nominals' | 'intelligence';

export type SignalsPanel = RecordPanel;

export function signalsPanel(kind: SignalKind, id: number, purpose?: Record<string, string>): SignalsPanel {
  return recordPanel({
    heading: 'Held elsewhere', headingId: `signals-h-${kind}`, className: 'signals', testid: 'signals',
    errorTestid: 'signals-error', errorText: 'Could not check for material held elsewhere.',
    fetch: () => request<Signal[]>(`/api/v1/${kind}/${id}/signals`, { headers: purpose }),
    draw: (list, isAlive, node) => {
      node.dataset.count = String(list.length);
      if (!list.length) return [h('p', { class: 'muted', 'data-testid': 'signals-empty' }, 'No other holder has signalled material linked to this record.')];
      return [
        h('p', { class: 'hint' }, 'Material linked to this record that you cannot read. You see who holds it, not what it says: ask the holder, giving your purpose.'),
        h('ul', { class: 'signal-list' }, ...list.map((x) => signalItem(x, { isAlive })))];
    },
  });
}

/**
 * One signalled record: who holds it, how to ask, and the Request access action with its
 * purpose form. `holderText` is the line naming the holder ("Held by …", "Known to …").
 */
export function signalItem(s: Signal, o: { isAlive: () => boolean; holderText?: string }): HTMLElement {
  const ask = h('button', { type: 'button', class: 'primary-outline button', 'data-testid': 'signal-request' }, 'Request access');
  const li = h('li', { class: 'signal', 'data-testid': 'signal', 'data-record-kind': s.record_kind, 'data-record-id': s.record_id, 'data-holder-agency': s.holder_agency },
    h('p', {},
      h('strong', { 'data-testid': 'signal-holder' }, o.holderText ?? `Held by ${s.holder}`), ' — ', ask),
    h('p', { class: 'hint' }, s.how_to_ask));
  ask.addEventListener('click', () => {
    ask.disabled = true;
    const form = requestForm(s, o.isAlive, () => {
      ask.disabled = false;
      ask.focus();
    });
    li.append(form);
    form.querySelector('textarea')?.focus();
  });
  return li;
}

function requestForm(s: Signal, isAlive: () => boolean, cancelled: () => void): HTMLFormElement {
  const text = h('textarea', { name: 'purpose', rows: '3', maxlength: '500', required: true, 'data-testid': 'signal-purpose' });
  const alert = h('div', { class: 'alert error', role: 'alert', tabindex: '-1', 'data-testid': 'signal-error' });
  const errors = new FormErrors(alert);
  const submit = h('button', { type: 'submit', class: 'primary', 'data-testid': 'signal-submit' }, 'Send request');
  const cancel = h('button', { type: 'button', 'data-testid': 'signal-cancel' }, 'Cancel');
  const form = h('form', { class: 'inline-form', novalidate: true, 'data-testid': 'signal-form' },
    field('Purpose', text, 'Why you need it: the operation, tasking or assessment it supports. The holder sees this and it is audited.'),
    alert,
    h('div', { class: 'actions' }, submit, cancel));
  errors.add('purpose', text);
  cancel.addEventListener('click', () => {
    form.remove();
    cancelled();
  });
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    errors.clear();
    const purpose = text.value.replace(/\s+/g, ' ').trim();
    if (!purpose) {
      errors.field('purpose', 'Enter the purpose of your request.');
      return;
    }
    submit.disabled = true;
    try {
      const r = await request<AccessRequest>('/api/v1/access-requests', {
        method: 'POST', body: { record_kind: s.record_kind, record_id: s.record_id, purpose },
      });
      if (!isAlive()) return;
      form.replaceWith(h('div', { class: 'alert success', role: 'status', 'data-testid': 'signal-sent', 'data-request-id': r.id },
        `Request ${r.id} sent to ${s.holder}. `, h('a', { href: href('/access-requests', { mine: 'true' }) }, 'Follow it in your requests'), '.'));
    } catch (e) {
      if (!isAlive()) return;
      errors.problem(e, 'The request could not be sent.');
      if (!alert.hidden) alert.focus();
      submit.disabled = false;
    }
  });
  return form;
}
