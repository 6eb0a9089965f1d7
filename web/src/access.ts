// Access requests: GET /api/v1/access-requests lists those the caller decides (their
// agency's material, or their SIU's compartment), with ?mine=true the caller's own.
// Deciding is POST /api/v1/access-requests/{id}/decision: approve, refuse (a note is
// required) or, for one's own, withdraw.

import { personName } from './people';
import { request } from './api';
import { clear, field, h } from './dom';
import { dateTime, sentence } from './format';
import { FormErrors, problemText } from './forms';
import { recordHref } from './record-page';
import { href, type View } from './router';
import type { AccessRequest } from './types';

export function accessRequestsView(query: URLSearchParams): View {
  let alive = true;
  let mine = query.get('mine') === 'true';
  const status = h('div', { 'data-testid': 'access-requests', 'data-state': 'loading' });
  const tabs = h('nav', { class: 'segmented tabs', 'aria-label': 'Which requests' });

  function drawTabs() {
    clear(tabs);
    const tab = (m: boolean, text: string, testid: string) =>
      h('a', { class: 'button', href: href('/access-requests', m ? { mine: 'true' } : undefined), 'aria-current': m === mine ? 'page' : null, 'data-testid': testid }, text);
    tabs.append(tab(false, 'To decide', 'access-tab-decide'), ' ', tab(true, 'My requests', 'access-tab-mine'));
  }

  async function load() {
    status.dataset.state = 'loading';
    status.dataset.mine = String(mine);
    clear(status);
    status.append(h('p', { class: 'muted' }, 'Loading…'));
    try {
      const items = await request<AccessRequest[]>('/api/v1/access-requests', { query: { mine: mine ? 'true' : undefined } });
      if (!alive) return;
      clear(status);
      status.dataset.count = String(items.length);
      if (!items.length) {
        status.append(h('p', { class: 'muted', 'data-testid': 'access-empty' },
          mine ? 'You have not asked for access to anything.' : 'No requests wait on you.'));
      } else {
        status.append(h('ul', { class: 'request-list' }, ...items.map(requestItem)));
      }
      status.dataset.state = 'ready';
    } catch (e) {
      if (!alive) return;
      clear(status);
      status.append(h('div', { class: 'alert error', role: 'alert', 'data-testid': 'access-error' }, problemText(e, 'Could not load the requests.')));
      status.dataset.state = 'error';
    }
  }

  function requestItem(r: AccessRequest): HTMLElement {
    const to = recordHref(r.record_kind, r.record_id);
    const li = h('li', { class: 'panel access-request', 'data-testid': 'access-request', 'data-id': r.id, 'data-status': r.status },
      h('p', {},
        h('strong', {}, `Request ${r.id}: `),
        to ? h('a', { href: to }, `${r.record_kind} ${r.record_id}`) : `${r.record_kind} ${r.record_id}`,
        ` held by ${r.holder_agency}${r.compartment ? ` (compartment ${r.compartment})` : ''}`),
      h('dl', { class: 'facts' },
        fact('Asked by', mine ? 'You' : personName(r.requester_id, { withAgency: true })),
        fact('Purpose', r.purpose),
        fact('Asked', dateTime(r.created_at)),
        fact('Status', sentence(r.status), 'access-status'),
        r.decided_at ? fact('Decided', dateTime(r.decided_at)) : null,
        r.decision_note ? fact('Note', r.decision_note) : null));
    if (r.status === 'pending') li.append(mine ? withdrawForm(r) : decisionForm(r));
    return li;
  }

  function decisionForm(r: AccessRequest): HTMLElement {
    const alert = h('div', { class: 'alert error', role: 'alert', tabindex: '-1', 'data-testid': 'decision-error' });
    const errors = new FormErrors(alert);
    const note = h('textarea', { rows: '2', maxlength: '2000', 'data-testid': 'decision-note' });
    const approve = h('button', { type: 'button', class: 'primary', 'data-testid': 'decision-approve' }, 'Approve');
    const refuse = h('button', { type: 'button', 'data-testid': 'decision-refuse' }, 'Refuse');
    const form = h('div', { class: 'inline-form', 'data-testid': 'decision-form' },
      field('Note', note, r.compartment
        ? 'Approving records the decision; the SIU then releases a sanitised version. A note is required to refuse.'
        : 'Approving shares the record with the requester\'s agency by name. A note is required to refuse.'),
      alert, h('div', { class: 'actions' }, approve, refuse));
    errors.add('note', note);
    const decide = async (decision: 'approved' | 'refused') => {
      errors.clear();
      if (decision === 'refused' && !note.value.trim()) return void errors.field('note', 'Say why the request is refused.');
      approve.disabled = refuse.disabled = true;
      try {
        await request<AccessRequest>(`/api/v1/access-requests/${r.id}/decision`, { method: 'POST', body: { decision, note: note.value.trim() } });
        if (alive) void load();
      } catch (e) {
        if (!alive) return;
        errors.problem(e, 'The decision could not be recorded.');
        if (!alert.hidden) alert.focus();
        approve.disabled = refuse.disabled = false;
      }
    };
    approve.addEventListener('click', () => void decide('approved'));
    refuse.addEventListener('click', () => void decide('refused'));
    return form;
  }

  function withdrawForm(r: AccessRequest): HTMLElement {
    const button = h('button', { type: 'button', 'data-testid': 'request-withdraw' }, 'Withdraw');
    const error = h('p', { class: 'field-error', role: 'alert', hidden: true, 'data-testid': 'withdraw-error' });
    button.addEventListener('click', async () => {
      button.disabled = true;
      try {
        await request<AccessRequest>(`/api/v1/access-requests/${r.id}/decision`, { method: 'POST', body: { decision: 'withdrawn' } });
        if (alive) void load();
      } catch (e) {
        if (!alive) return;
        error.textContent = problemText(e);
        error.hidden = false;
        button.disabled = false;
      }
    });
    return h('div', { class: 'actions' }, button, error);
  }

  return {
    title: 'Access requests',
    render(main) {
      drawTabs();
      main.append(
        h('div', { class: 'page-head' }, h('h1', { tabindex: '-1' }, 'Access requests')),
        h('p', { class: 'muted lead' }, 'Requests for material that was signalled but not shown. Every request and decision is audited.'),
        tabs, status);
      void load();
      return () => {
        alive = false;
      };
    },
    update(q) {
      mine = q.get('mine') === 'true';
      drawTabs();
      void load();
    },
  };
}

function fact(term: string, value: string | Node, testid?: string): HTMLElement {
  return h('div', { class: 'fact' }, h('dt', {}, term), h('dd', { 'data-testid': testid ?? null }, value));
}
