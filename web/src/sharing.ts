// Sharing agreements (administrators): GET/POST /api/v1/sharing/agreements, PATCH one
// with the version read (change, or end it with active = false); and each holder's
// signalling rule, GET /api/v1/sharing/signal-rules and PUT …/{agency}. The server decides
// who may change what (administrators of the giving agency); its 403 is shown as it says.

import { getUser, request } from './api';
import { clear, field, h, option, uid } from './dom';
import { dateTime } from './format';
import { FormErrors, problemText } from './forms';
import { CLASSIFICATIONS, scopeText } from './marking';
import { agencies } from './refdata';
import type { View } from './router';
import type { Agency, SharingAgreement, SignalRules } from './types';

const MIN_SCOPES = ['named', 'region', 'national'];
const AUDIENCES: [string, string][] = [
  ['none', 'Nobody'],
  ['agreements', 'Agencies with a signalling agreement'],
  ['region', 'Law enforcement in the region'],
  ['national', 'All law enforcement'],
];

export function sharingView(): View {
  let alive = true;
  const me = getUser();
  let agencyList: Agency[] = [];
  const list = h('div', { 'data-testid': 'agreements', 'data-state': 'loading' }, h('p', { class: 'muted' }, 'Loading…'));
  const rules = h('div', { 'data-testid': 'signal-rules', 'data-state': 'loading' }, h('p', { class: 'muted' }, 'Loading…'));

  // --- the agreements

  async function loadAgreements() {
    list.dataset.state = 'loading';
    try {
      const items = await request<SharingAgreement[]>('/api/v1/sharing/agreements');
      if (!alive) return;
      clear(list);
      list.dataset.count = String(items.length);
      if (!items.length) list.append(h('p', { class: 'muted', 'data-testid': 'agreements-empty' }, 'No agreements.'));
      else list.append(h('div', { class: 'table-wrap' }, h('table', { class: 'data', 'data-testid': 'agreements-table' },
        h('caption', { class: 'visually-hidden' }, 'Sharing agreements'),
        h('thead', {}, h('tr', {}, ...['Giver', 'Receiver', 'Up to', 'Scope at least', 'Purpose', 'Signals', 'State', 'Updated', ''].map((c) => h('th', { scope: 'col' }, c)))),
        h('tbody', {}, ...items.map(agreementRow)))));
      list.dataset.state = 'ready';
    } catch (e) {
      if (!alive) return;
      clear(list);
      list.append(h('div', { class: 'alert error', role: 'alert', 'data-testid': 'agreements-error' }, problemText(e, 'Could not load the agreements.')));
      list.dataset.state = 'error';
    }
  }

  function agreementRow(a: SharingAgreement): HTMLElement {
    const change = h('button', { type: 'button', class: 'link-button', 'data-testid': 'agreement-change' }, 'Change');
    const end = h('button', { type: 'button', class: 'link-button', 'data-testid': 'agreement-end' }, 'End');
    const rowError = h('p', { class: 'field-error', role: 'alert', hidden: true, 'data-testid': 'agreement-row-error' });
    const tr = h('tr', { 'data-testid': 'agreement-row', 'data-id': a.id, 'data-giver': a.giver, 'data-receiver': a.receiver, 'data-active': String(a.active) },
      h('th', { scope: 'row' }, a.giver),
      h('td', {}, a.receiver),
      h('td', {}, a.max_classification),
      h('td', {}, scopeText(a.min_scope)),
      h('td', {}, a.purpose),
      h('td', {}, a.signals ? 'Yes' : 'No'),
      h('td', { 'data-testid': 'agreement-state' }, a.active ? 'In force' : 'Ended'),
      h('td', {}, dateTime(a.updated_at), h('span', { class: 'muted' }, ` (v${a.version})`)),
      h('td', { class: 'row-actions' }, a.active ? [change, ' ', end] : null, rowError));
    end.addEventListener('click', async () => {
      // Two steps: the first click asks, the second ends it.
      if (end.dataset.confirm !== 'yes') {
        end.dataset.confirm = 'yes';
        end.textContent = `Confirm: ${a.receiver} stops seeing what ${a.giver} gave`;
        return;
      }
      end.disabled = true;
      try {
        await request<SharingAgreement>(`/api/v1/sharing/agreements/${a.id}`, { method: 'PATCH', body: { version: a.version, active: false } });
        if (alive) void loadAgreements();
      } catch (e) {
        if (!alive) return;
        rowError.textContent = problemText(e);
        rowError.hidden = false;
        end.disabled = false;
      }
    });
    change.addEventListener('click', () => {
      change.disabled = true;
      const cells = h('td', { colspan: '9' });
      const editRow = h('tr', { 'data-testid': 'agreement-edit-row' }, cells);
      const form = agreementForm(a, async (body) => {
        await request<SharingAgreement>(`/api/v1/sharing/agreements/${a.id}`, { method: 'PATCH', body: { ...body, version: a.version } });
        if (alive) void loadAgreements();
      }, () => {
        editRow.remove();
        change.disabled = false;
        change.focus();
      });
      cells.append(form);
      tr.after(editRow);
      form.querySelector<HTMLElement>('select, input, textarea')?.focus();
    });
    return tr;
  }

  /** The create form (no agreement) or the change form (giver and receiver fixed). */
  function agreementForm(a: SharingAgreement | null, save: (body: Record<string, unknown>) => Promise<void>, cancel?: () => void): HTMLFormElement {
    const p = a ? 'agreement-edit' : 'agreement-new';
    const alert = h('div', { class: 'alert error', role: 'alert', tabindex: '-1', 'data-testid': `${p}-error` });
    const errors = new FormErrors(alert);
    const giver = h('select', { 'data-testid': `${p}-giver` });
    const receiver = h('select', { 'data-testid': `${p}-receiver` }, option('', 'Choose an agency', true));
    for (const x of agencyList) {
      giver.append(option(x.code, `${x.code} — ${x.name}`, x.code === me?.agency));
      receiver.append(option(x.code, `${x.code} — ${x.name}`, false));
    }
    const cls = h('select', { 'data-testid': `${p}-max-classification` }, ...CLASSIFICATIONS.map((c) => option(c, c, c === (a?.max_classification ?? 'OFFICIAL'))));
    const scope = h('select', { 'data-testid': `${p}-min-scope` }, ...MIN_SCOPES.map((s) => option(s, scopeText(s), s === (a?.min_scope ?? 'region'))));
    const purpose = h('textarea', { rows: '2', maxlength: '500', 'data-testid': `${p}-purpose` });
    purpose.value = a?.purpose ?? '';
    const signalsId = uid('f');
    const signals = h('input', { type: 'checkbox', id: signalsId, 'data-testid': `${p}-signals` });
    signals.checked = a?.signals ?? true;
    const submit = h('button', { type: 'submit', class: 'primary', 'data-testid': `${p}-submit` }, a ? 'Save changes' : 'Make agreement');
    const form = h('form', { class: 'inline-form', novalidate: true, 'data-testid': p },
      a ? h('p', {}, `${a.giver} gives ${a.receiver}`) : h('div', { class: 'form-grid' }, field('Giver', giver), field('Receiver', receiver)),
      h('div', { class: 'form-grid' },
        field('Up to classification', cls, 'The highest classification the receiver may read.'),
        field('Records shared at least as', scope, 'Which records it covers: those the giver shares this widely or wider.')),
      field('Purpose', purpose, 'What the sharing is for. Required.'),
      h('div', { class: 'field checkbox' }, signals, h('label', { for: signalsId }, 'Signal what the receiver cannot read (who holds it, not what)')),
      alert,
      h('div', { class: 'actions' }, submit, cancel ? h('button', { type: 'button', 'data-testid': `${p}-cancel` }, 'Cancel') : null));
    if (!a) {
      errors.add('giver', giver);
      errors.add('receiver', receiver);
    }
    errors.add('max_classification', cls);
    errors.add('min_scope', scope);
    errors.add('purpose', purpose);
    form.querySelector(`[data-testid="${p}-cancel"]`)?.addEventListener('click', () => cancel?.());
    form.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      errors.clear();
      if (!a && !receiver.value) return void errors.field('receiver', 'Choose the receiving agency.');
      if (!a && receiver.value === giver.value) return void errors.field('receiver', 'An agency does not make an agreement with itself.');
      if (!purpose.value.trim()) return void errors.field('purpose', 'Say what the sharing is for.');
      const body: Record<string, unknown> = {
        max_classification: cls.value, min_scope: scope.value, purpose: purpose.value.trim(), signals: signals.checked,
      };
      if (!a) Object.assign(body, { giver: giver.value, receiver: receiver.value });
      submit.disabled = true;
      try {
        await save(body);
        if (!alive) return;
        if (!a) {
          receiver.value = '';
          purpose.value = '';
        }
      } catch (e) {
        if (!alive) return;
        errors.problem(e, 'The agreement could not be saved.');
        if (!alert.hidden) alert.focus();
      }
      submit.disabled = false;
    });
    return form;
  }

  // --- signalling rules

  async function loadRules() {
    rules.dataset.state = 'loading';
    try {
      const r = await request<SignalRules>('/api/v1/sharing/signal-rules');
      if (!alive) return;
      clear(rules);
      // The region's holders and any holder with a rule of its own; the server says whose
      // rule this administrator may set.
      const shown = agencyList.filter((x) => !me?.region || x.region === me.region || x.code in r.rules);
      rules.append(
        h('p', { class: 'hint' }, `Without a rule, a holder's material is signalled to: ${audienceText(r.default)}.`),
        h('div', { class: 'table-wrap' }, h('table', { class: 'data', 'data-testid': 'signal-rules-table' },
          h('caption', { class: 'visually-hidden' }, 'Whom each holder signals to'),
          h('thead', {}, h('tr', {}, ...['Holder', 'Signalled to', ''].map((c) => h('th', { scope: 'col' }, c)))),
          h('tbody', {}, ...shown.map((x) => ruleRow(x, r.rules[x.code] ?? '', r.default))))));
      rules.dataset.state = 'ready';
    } catch (e) {
      if (!alive) return;
      clear(rules);
      rules.append(h('div', { class: 'alert error', role: 'alert', 'data-testid': 'signal-rules-error' }, problemText(e, 'Could not load the signalling rules.')));
      rules.dataset.state = 'error';
    }
  }

  function ruleRow(a: Agency, current: string, dflt: string): HTMLElement {
    const select = h('select', { 'aria-label': `Whom ${a.code}'s material is signalled to`, 'data-testid': `signal-rule-${a.code}` },
      ...AUDIENCES.map(([v, t]) => option(v, t, v === (current || dflt))));
    const save = h('button', { type: 'button', 'data-testid': `signal-rule-save-${a.code}` }, 'Save');
    const note = h('span', { role: 'status', 'data-testid': `signal-rule-status-${a.code}` });
    save.addEventListener('click', async () => {
      save.disabled = true;
      note.textContent = '';
      note.className = '';
      try {
        await request<SignalRules>(`/api/v1/sharing/signal-rules/${encodeURIComponent(a.code)}`, { method: 'PUT', body: { audience: select.value } });
        if (!alive) return;
        note.textContent = 'Saved.';
      } catch (e) {
        if (!alive) return;
        note.textContent = problemText(e);
        note.className = 'field-error';
      }
      save.disabled = false;
    });
    return h('tr', { 'data-testid': 'signal-rule-row', 'data-agency': a.code },
      h('th', { scope: 'row' }, `${a.code} — ${a.name}`, current ? null : h('span', { class: 'muted' }, ' (default)')),
      h('td', {}, select),
      h('td', {}, save, ' ', note));
  }

  return {
    title: 'Sharing agreements',
    render(main) {
      const newSlot = h('div', {}, h('p', { class: 'muted' }, 'Loading agencies…'));
      main.append(
        h('div', { class: 'page-head' }, h('h1', { tabindex: '-1' }, 'Sharing agreements')),
        h('p', { class: 'muted lead' },
          'Which classification and scope each agency shares with whom, and for what purpose. Agreements take effect at once in every list, search and signal.'),
        h('section', { 'aria-labelledby': 'agreements-h' }, h('h2', { id: 'agreements-h' }, 'Agreements'), list),
        h('section', { 'aria-labelledby': 'agreement-new-h', class: 'panel' }, h('h2', { id: 'agreement-new-h' }, 'Make an agreement'), newSlot),
        h('section', { 'aria-labelledby': 'rules-h' }, h('h2', { id: 'rules-h' }, 'Signalling'),
          h('p', { class: 'hint' }, 'Whom each holder\'s material is signalled to when they cannot read it ("held by … — request access").'), rules));
      agencies().then((as) => {
        if (!alive) return;
        agencyList = as.slice().sort((x, y) => x.code.localeCompare(y.code));
        clear(newSlot);
        newSlot.append(agreementForm(null, async (body) => {
          await request<SharingAgreement>('/api/v1/sharing/agreements', { method: 'POST', body });
          if (alive) void loadAgreements();
        }));
        void loadRules();
      }).catch((e) => {
        if (!alive) return;
        clear(newSlot);
        newSlot.append(h('div', { class: 'alert error', role: 'alert' }, problemText(e, 'Could not load the agencies.')));
      });
      void loadAgreements();
      return () => {
        alive = false;
      };
    },
  };
}

function audienceText(v: string): string {
  return (AUDIENCES.find(([k]) => k === v)?.[1] ?? v).toLowerCase();
}
