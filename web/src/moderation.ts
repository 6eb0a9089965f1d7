// Moderation: GET /api/v1/assessments/awaiting-moderation; approve (optionally adjusting the
// tier, with a note) or return (with a note) through POST /api/v1/assessments/{id}/moderation.
// The server refuses the assessor's own assessment; its detail is shown as given. An
// assessment with an SIU check shows the SIU's replies; approving before every reply asks
// for the reason the approval goes ahead without them (kept and audited by the server).

import { exportButton } from './export';
import { personName } from './people';
import { getUser, request } from './api';
import { clear, field, h, option } from './dom';
import { pagedTable } from './paged-table';
import { dateTime, score, sentence } from './format';
import { HARM_LEVELS, ORG_LEVELS, levelText } from './morile-guide';
import { morileModels } from './refdata';
import { FormErrors, problemText } from './forms';
import { href, navigate, type View } from './router';
import type { Assessment, MorileDefinition, Page, Threat } from './types';
import { siuWarning } from './assessment';
import { fetchSiuCheck, siuCheckSummary } from './trust';

const PAGE_SIZE = 50;
const COLUMNS = ['Threat', 'Version', 'Priority', 'Tier', 'Assessor', 'Assessed', 'SIU', 'Actions'];

export function moderationView(initial: URLSearchParams): View {
  let offset = readOffset(initial);
  let alive = true;
  const me = getUser();
  const threats = new Map<number, Threat | null>();

  const message = h('div', { class: 'alert success', role: 'status', tabindex: '-1', hidden: true, 'data-testid': 'moderation-message' });
  const paged = pagedTable({
    prefix: 'moderation', tableClass: 'moderation', caption: 'Assessments awaiting moderation', label: 'Assessments awaiting moderation', columns: COLUMNS, lead: message,
    alive: () => alive });
  const { tbody, prev, next, results, showCounts } = paged;
  const go = (o: number) => navigate(href('/moderation', o ? { offset: String(o) } : undefined));
  prev.addEventListener('click', () => go(Math.max(0, offset - PAGE_SIZE)));
  next.addEventListener('click', () => go(offset + PAGE_SIZE));

  /** The threats' references and names; one we may not open shows as its id. */
  async function loadThreats(ids: number[]) {
    await Promise.all(ids.filter((id) => !threats.has(id)).map(async (id) => {
      try {
        threats.set(id, await request<Threat>(`/api/v1/threats/${id}`));
      } catch {
        threats.set(id, null);
      }
    }));
  }

  async function load() {
    await paged.load(async () => {
      const page = await request<Page<Assessment>>('/api/v1/assessments/awaiting-moderation', { query: { limit: PAGE_SIZE, offset } });
      await loadThreats([...new Set((page.items ?? []).map((a) => a.threat_id))]);
      return page;
    }, (page) => {
      showPage(page);
      // Which screen state this is the answer for (tests wait on it).
      results.dataset.hash = window.location.hash;
    }, (e) => `Could not load the assessments: ${problemText(e)}`);
  }

  function showPage(page: Page<Assessment>) {
    clear(tbody);
    const items = page.items ?? [];
    const total = page.total ?? items.length;
    const from = page.offset ?? offset;
    if (!items.length) {
      tbody.append(h('tr', { 'data-testid': 'moderation-empty' },
        h('td', { colspan: String(COLUMNS.length), class: 'empty' }, 'No assessments are waiting for moderation.')));
    }
    for (const a of items) tbody.append(row(a));
    showCounts(from, items.length, total, PAGE_SIZE);
  }

  function threatLabel(a: Assessment): { ref: string; name: string } {
    const t = threats.get(a.threat_id);
    return t ? { ref: t.reference, name: t.name } : { ref: `Threat ${a.threat_id}`, name: '' };
  }

  function row(a: Assessment): HTMLTableRowElement {
    const { ref, name } = threatLabel(a);
    const mine = me !== null && me.id === a.assessor_id;
    const approve = h('button', { type: 'button', class: 'small primary', 'aria-expanded': 'false', 'data-testid': 'approve-button' }, 'Approve');
    const ret = h('button', { type: 'button', class: 'small', 'aria-expanded': 'false', 'data-testid': 'return-button' }, 'Return');
    const tr = h('tr', { 'data-testid': 'moderation-row', 'data-id': a.id, 'data-threat-id': a.threat_id },
      h('th', { scope: 'row', 'data-label': COLUMNS[0], 'data-testid': 'cell-threat' },
        h('a', { href: href(`/threats/${a.threat_id}`), 'data-testid': 'moderation-threat-link' }, ref),
        name ? h('span', { class: 'threat-name' }, name) : null),
      h('td', { 'data-label': COLUMNS[1], class: 'num' }, String(a.version)),
      h('td', { 'data-label': COLUMNS[2], class: 'num', 'data-testid': 'cell-priority' }, score(a.score?.priority)),
      h('td', { 'data-label': COLUMNS[3], class: 'num', 'data-testid': 'cell-tier' }, String(a.tier ?? a.score?.tier)),
      h('td', { 'data-label': COLUMNS[4], 'data-testid': 'cell-assessor' },
        mine ? null : personName(a.assessor_id), mine ? h('span', { class: 'badge badge-you' }, 'You') : null),
      h('td', { 'data-label': COLUMNS[5] }, dateTime(a.assessed_at)),
      h('td', { 'data-label': COLUMNS[6], 'data-testid': 'cell-siu' },
        a.siu_signal
          ? h('span', { class: 'badge badge-siu', 'data-testid': 'siu-badge', title: `Consult the SIU: ${(a.siu_compartments ?? []).join(', ')}` }, 'SIU check')
          : h('span', { class: 'muted' }, '—')),
      h('td', { 'data-label': COLUMNS[7], class: 'actions-cell' }, h('div', { class: 'row-actions' }, approve, ret)),
    );
    let open: { mode: 'approve' | 'return'; row: HTMLTableRowElement } | null = null;
    const toggle = (mode: 'approve' | 'return') => {
      const was = open?.mode;
      open?.row.remove();
      open = null;
      approve.setAttribute('aria-expanded', 'false');
      ret.setAttribute('aria-expanded', 'false');
      if (was === mode) return;
      const formRow = decisionRow(a, mode, () => {
        open?.row.remove();
        open = null;
        (mode === 'approve' ? approve : ret).setAttribute('aria-expanded', 'false');
        (mode === 'approve' ? approve : ret).focus();
      });
      tr.after(formRow);
      open = { mode, row: formRow };
      (mode === 'approve' ? approve : ret).setAttribute('aria-expanded', 'true');
      formRow.querySelector<HTMLElement>('select, textarea')?.focus();
    };
    approve.addEventListener('click', () => toggle('approve'));
    ret.addEventListener('click', () => toggle('return'));
    return tr;
  }

  function decisionRow(a: Assessment, mode: 'approve' | 'return', close: () => void): HTMLTableRowElement {
    const { ref } = threatLabel(a);
    const scored = a.score?.tier ?? a.tier;
    const tier = h('select', { 'data-testid': 'moderation-tier' },
      option('', `Keep tier ${scored} (as scored)`, true),
      ...[1, 2, 3, 4, 5].map((n) => option(String(n), `Tier ${n}`, false)));
    const note = h('textarea', { rows: '2', maxlength: '20000', 'data-testid': 'moderation-note' });
    const alert = h('div', { class: 'alert error', role: 'alert', tabindex: '-1', 'data-testid': 'moderation-form-error' });
    const submit = h('button', { type: 'submit', class: 'primary', 'data-testid': 'moderation-submit' },
      mode === 'approve' ? 'Approve assessment' : 'Return to assessor');
    const cancel = h('button', { type: 'button', 'data-testid': 'moderation-cancel' }, 'Cancel');
    const noteField = field(mode === 'approve' ? 'Note' : 'Reason for returning', note,
      mode === 'approve' ? 'Required when you adjust the tier: say why.' : 'Required: it goes back to the assessor.');
    const tierField = mode === 'approve' ? field('Adjusted tier (optional)', tier) : null;
    // The SIU check: its replies, and when one is missing the reason for going ahead.
    const siuState = h('div', { 'data-testid': 'moderation-siu', 'data-state': a.siu_signal ? 'loading' : 'none' });
    const withoutReply = h('textarea', { rows: '2', maxlength: '2000', 'data-testid': 'moderation-without-siu' });
    const withoutField = field('Reason for approving without the SIU\'s reply', withoutReply,
      'Required while a compartment has not replied: it is kept with the assessment and audited.');
    withoutField.hidden = true;
    if (a.siu_signal) {
      void fetchSiuCheck(a.id).then((c) => {
        siuState.append(h('p', { class: 'form-subtitle' }, 'SIU check'), siuCheckSummary(c));
        siuState.dataset.state = c.answered ? 'answered' : 'awaiting';
        withoutField.hidden = mode !== 'approve' || c.answered;
      }).catch(() => {
        siuState.append(h('p', { class: 'muted' }, 'The SIU check could not be loaded.'));
        siuState.dataset.state = 'error';
        withoutField.hidden = mode !== 'approve';
      });
    }
    const form = h('form', {
      class: 'inline-form', novalidate: true, 'data-testid': 'moderation-form', 'data-mode': mode,
      'aria-label': `${mode === 'approve' ? 'Approve' : 'Return'} ${ref}, version ${a.version}`,
    },
    h('p', { class: 'form-title' }, `${mode === 'approve' ? 'Approve' : 'Return'} ${ref}, version ${a.version}`),
    factorSummary(a),
    a.siu_signal ? siuWarning(a) : null,
    siuState,
    h('div', { class: 'form-grid top' }, tierField, h('div', { class: tierField ? '' : 'span-2' }, noteField),
      h('div', { class: 'span-2' }, withoutField)),
    alert,
    h('div', { class: 'actions' }, submit, cancel));
    const errors = new FormErrors(alert);
    errors.add('note', note);
    errors.add('without_siu_reply', withoutReply);
    if (tierField) errors.add('tier', tier);
    cancel.addEventListener('click', close);
    tier.addEventListener('change', () => errors.clear());
    form.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      errors.clear();
      const text = note.value.trim();
      const adjusted = mode === 'approve' && tier.value ? Number(tier.value) : null;
      if (mode === 'return' && !text) {
        errors.field('note', 'Say why the assessment goes back to the assessor.');
        return;
      }
      if (adjusted !== null && !text) {
        errors.field('note', 'An adjusted tier needs your rationale.');
        return;
      }
      submit.disabled = true;
      try {
        const body: Record<string, unknown> = { approve: mode === 'approve' };
        if (text) body.note = text;
        if (adjusted !== null) body.tier = adjusted;
        if (mode === 'approve' && !withoutField.hidden && withoutReply.value.trim()) body.without_siu_reply = withoutReply.value.trim();
        const done = await request<Assessment>(`/api/v1/assessments/${a.id}/moderation`, { method: 'POST', body });
        if (!alive) return;
        message.textContent = mode === 'approve'
          ? `Approved ${ref}, version ${a.version}: tier ${done.tier}.`
          : `Returned ${ref}, version ${a.version}, to the assessor.`;
        message.hidden = false;
        await load();
        message.focus();
      } catch (e) {
        if (!alive) return;
        submit.disabled = false;
        errors.problem(e, 'The decision could not be recorded.');
        if (!alert.hidden) alert.focus();
      }
    });
    return h('tr', { class: 'form-row', 'data-testid': 'moderation-form-row' }, h('td', { colspan: String(COLUMNS.length) }, form));
  }

  return {
    title: 'Moderation',
    render(main) {
      main.append(
        h('div', { class: 'page-head' }, h('h1', { tabindex: '-1' }, 'Moderation'),
          exportButton('moderation-export', () => ({ path: '/api/v1/assessments/awaiting-moderation' }))),
        h('p', { class: 'muted lead' },
          'Assessments waiting for a second, independent look. Approve (adjusting the tier with a note if needed) or return with a reason. Nobody moderates their own assessment.'),
        results,
      );
      void load();
      return () => {
        alive = false;
      };
    },
    update(query) {
      offset = readOffset(query);
      message.hidden = true;
      void load();
    },
  };
}

function readOffset(q: URLSearchParams): number {
  const o = Number(q.get('offset') ?? '0');
  return Number.isInteger(o) && o > 0 ? o : 0;
}

/** The assessment's factor scores, named by the model it was scored with. */
function factorSummary(a: Assessment): HTMLElement {
  const box = h('div', { class: 'factor-summary', 'data-testid': 'moderation-factors' });
  const f = a.factors;
  const draw = (def: MorileDefinition | null) => {
    const named = (names: string[] | undefined, values: number[], levels: string[]) =>
      values.map((v, i) => h('li', { 'data-testid': 'moderation-factor' }, `${sentence(names?.[i] ?? `element ${i + 1}`)}: ${levelText(levels, v)}`));
    clear(box);
    box.append(
      h('p', { class: 'form-subtitle' }, `Factors (model version ${a.model_version})`),
      h('div', { class: 'factor-grid' },
        h('div', {}, h('p', { class: 'muted small' }, `Harm: base ${a.score?.base_harm ?? '—'}, total ${score(a.score?.total_harm)}`),
          h('ul', { class: 'plain' }, ...named(def?.harm_elements, f?.harm ?? [], HARM_LEVELS))),
        h('div', {}, h('p', { class: 'muted small' }, `Risk ${score(a.score?.risk)} (likelihood ${a.score?.likelihood_score ?? '—'})`),
          h('ul', { class: 'plain' },
            h('li', {}, `Scope: ${sentence(f?.scope ?? '—')}`),
            h('li', {}, `Vulnerability: ${sentence(f?.vulnerability ?? '—')}`),
            h('li', {}, `Likelihood: ${sentence(f?.likelihood ?? '—')}`),
            h('li', {}, `Confidence: ${sentence(f?.confidence ?? '—')}`))),
        h('div', {}, h('p', { class: 'muted small' }, `Organisational position ${a.score?.organisational_position ?? '—'}`),
          h('ul', { class: 'plain' }, ...named(def?.org_elements, f?.org ?? [], ORG_LEVELS)))),
      h('p', { class: 'form-subtitle' }, 'The assessor\'s rationale'),
      h('p', { class: 'rationale', 'data-testid': 'moderation-rationale' }, a.rationale || 'None recorded (assessed before a rationale was asked for).'));
  };
  draw(null);
  morileModels().then((ms) => draw(ms.find((m) => m.version === a.model_version)?.definition ?? null)).catch(() => {});
  return box;
}
