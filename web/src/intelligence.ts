// Intelligence reports: submission (POST /api/v1/intelligence) with the 3x5x2 grading and
// the marking, where sensitive-source material is routed to the SIU (202: the page says
// who holds it and its reference, never its content); and the report page
// (GET /api/v1/intelligence/{id}) with what is held elsewhere, its disseminations and, for
// the SIU that holds it, the release of a sanitised version.

import { historyPanel } from './history';
import type { RecordPanel } from './record-page';
import { getUser, request } from './api';
import { clear, field, h, option } from './dom';
import { date, dateTime, orDash, sentence } from './format';
import { FormErrors, problemText } from './forms';
import { gradingEditor, type Grading } from './grading';
import { markingBanner, markingEditor, type MarkingDraft } from './marking';
import { linksSection, notFoundPage, openRecord, recordHref } from './record-page';
import { agencies, units } from './refdata';
import { href, navigate, type View } from './router';
import { signalsPanel, type SignalsPanel } from './signals';
import type { Agency, Dissemination, IntelligenceReport, Mention, Routed, SourceType, Unit } from './types';

export const SOURCE_TYPES: [SourceType, string][] = [
  ['open', 'Open source'],
  ['police', 'Police'],
  ['partner', 'Partner agency'],
  ['public', 'Member of the public'],
  ['chis', 'Covert human intelligence source (CHIS)'],
  ['surveillance', 'Surveillance'],
  ['technical', 'Technical'],
];
const SENSITIVE: SourceType[] = ['chis', 'surveillance', 'technical'];

/** Roles that may write intelligence (role_may_write in src/core/policy.cc). */
export const INTELLIGENCE_WRITERS = ['analyst', 'rocta_analyst', 'siu_officer', 'frontline_officer', 'partner', 'scpo_officer'];

function sourceText(s: string): string {
  return SOURCE_TYPES.find(([v]) => v === s)?.[1] ?? s;
}

function todayIso(): string {
  return new Date().toISOString().slice(0, 10);
}

/** The marking a form sends: the editor's, with the grading's handling code. */
function markingBody(m: MarkingDraft, g: Grading) {
  return { ...m, handling_code: g.handling_code, handling_conditions: g.handling_conditions };
}

// ------------------------------------------------------------------ submission

export function submitIntelligenceView(): View {
  let alive = true;
  const me = getUser();
  const alert = h('div', { class: 'alert error', role: 'alert', tabindex: '-1', 'data-testid': 'intel-error' });
  const errors = new FormErrors(alert);

  const title = h('input', { type: 'text', name: 'title', maxlength: '200', required: true, autocomplete: 'off', 'data-testid': 'intel-title' });
  const body = h('textarea', { name: 'body', rows: '8', maxlength: '100000', required: true, 'data-testid': 'intel-body' });
  const received = h('input', { type: 'date', name: 'received_date', value: todayIso(), max: todayIso(), 'data-testid': 'intel-received' });
  const source = h('select', { name: 'source_type', 'data-testid': 'intel-source-type' },
    ...SOURCE_TYPES.map(([v, t]) => option(v, t, v === 'police')));
  const sensitiveNotice = h('div', { class: 'alert siu-route', role: 'status', hidden: true, 'data-testid': 'intel-siu-notice' },
    h('strong', {}, 'This goes to the SIU only. '),
    'Material from a covert human intelligence source, surveillance or technical source is not stored in the general system: ',
    'it is routed to the sensitive intelligence unit that serves your agency, and you will see only where it went and its reference. ',
    'The SIU decides what is released, sanitised.');

  const grading = gradingEditor({ prefix: 'intel', errors });
  const marking = markingEditor({ prefix: 'intel', clearance: me?.clearance ?? 'OFFICIAL', errors });

  // --- commodities and places
  const mentionRows = h('ul', { class: 'evidence-rows', 'data-testid': 'mention-rows' });
  const addMention = h('button', { type: 'button', 'data-testid': 'mention-add' }, '+ Add a commodity or place');
  const mentions = h('fieldset', { class: 'panel-section', tabindex: '-1' },
    h('legend', {}, 'Commodities and places (optional)'),
    h('p', { class: 'hint' }, 'Phones, vehicles, accounts, addresses or postcodes the report concerns, one per line, as written.'),
    mentionRows, addMention);
  function addMentionRow(): HTMLInputElement {
    const kind = h('select', { 'data-testid': 'mention-kind' }, option('commodity', 'Commodity', true), option('place', 'Place', false));
    const value = h('input', { type: 'text', maxlength: '200', 'data-testid': 'mention-value' });
    const remove = h('button', { type: 'button', class: 'link-button', 'data-testid': 'mention-remove' }, 'Remove');
    const n = mentionRows.children.length + 1;
    const li = h('li', { class: 'evidence-row', 'data-testid': 'mention-row' },
      field(`Kind (${n})`, kind), field(`Value (${n})`, value), h('div', { class: 'field reset' }, remove));
    remove.addEventListener('click', () => {
      li.remove();
      addMention.focus();
    });
    mentionRows.append(li);
    return value;
  }
  addMention.addEventListener('click', () => addMentionRow().focus());

  const submit = h('button', { type: 'submit', class: 'primary', 'data-testid': 'intel-submit' }, 'Submit intelligence');
  const form = h('form', { class: 'panel form-panel', novalidate: true, 'data-testid': 'intel-form', 'aria-labelledby': 'intel-h' },
    h('fieldset', { class: 'panel-section' },
      h('legend', {}, 'The report'),
      h('div', { class: 'form-grid' },
        h('div', { class: 'span-2' }, field('Title', title)),
        field('Source type', source),
        field('Received', received),
        h('div', { class: 'span-2' }, sensitiveNotice),
        h('div', { class: 'span-2' }, field('Report', body, 'What was learned, as reported. Do not name a covert source.')))),
    grading.node,
    marking.node,
    mentions,
    alert,
    h('div', { class: 'actions' }, submit));
  const result = h('div', { 'data-testid': 'intel-result' });

  errors.add('title', title);
  errors.add('body', body);
  errors.add('received_date', received);
  errors.add('source_type', source);
  errors.add('mentions', mentions, mentions);

  function syncSource() {
    const sensitive = SENSITIVE.includes(source.value as SourceType);
    sensitiveNotice.hidden = !sensitive;
    submit.textContent = sensitive ? 'Submit to the SIU' : 'Submit intelligence';
  }
  source.addEventListener('change', syncSource);
  syncSource();

  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    errors.clear();
    if (!title.value.trim()) return void errors.field('title', 'Enter a title.');
    if (!body.value.trim()) return void errors.field('body', 'Enter the report.');
    const g = grading.value(errors);
    if (!g) return;
    const m = marking.value(errors);
    if (!m) return;
    const ms: Mention[] = [];
    for (const row of mentionRows.querySelectorAll('li')) {
      const value = row.querySelector<HTMLInputElement>('input')!.value.trim();
      if (value) ms.push({ kind: row.querySelector<HTMLSelectElement>('select')!.value as Mention['kind'], value });
    }
    const payload = {
      title: title.value.trim(),
      body: body.value.trim(),
      received_date: received.value,
      source_type: source.value,
      source_evaluation: g.source_evaluation,
      intelligence_assessment: g.intelligence_assessment,
      mentions: ms,
      marking: markingBody(m, g),
    };
    submit.disabled = true;
    try {
      const r = await request<IntelligenceReport | Routed>('/api/v1/intelligence', { method: 'POST', body: payload });
      if (!alive) return;
      if ('routed' in r && r.routed) {
        showRouted(r);
        return;
      }
      const made = r as IntelligenceReport;
      navigate(href(`/intelligence/${made.id}`, made.held_by ? { submitted: '1', held_by: made.held_by } : { submitted: '1' }));
      return;
    } catch (e) {
      if (!alive) return;
      errors.problem(e, 'The report could not be submitted.');
      if (!alert.hidden) alert.focus();
    }
    submit.disabled = false;
  });

  // 202: the material is the SIU's now. Say where it went; the form (and so the text) goes.
  function showRouted(r: Routed) {
    form.remove();
    clear(result);
    const heading = h('h2', { tabindex: '-1', 'data-testid': 'intel-held-by' }, `Held by ${r.held_by}`);
    result.append(h('section', { class: 'alert success', role: 'status', 'data-testid': 'intel-routed' },
      heading,
      h('p', {}, 'Reference ', h('strong', { 'data-testid': 'intel-reference' }, r.reference)),
      h('p', {}, r.message),
      h('p', {}, h('a', { href: href('/submit-intelligence'), 'data-testid': 'intel-another' }, 'Submit another report'))));
    heading.focus();
  }

  return {
    title: 'Submit intelligence',
    render(main) {
      main.append(
        h('div', { class: 'page-head' }, h('h1', { tabindex: '-1', id: 'intel-h' }, 'Submit intelligence')),
        h('p', { class: 'muted lead' },
          'Grade the report 3x5x2 and mark it. Sensitive-source material (CHIS, surveillance, technical) goes to your SIU only.'),
        result,
        form);
      marking.offerAgencies(me?.agency ?? '', () => alive);
      return () => {
        alive = false;
      };
    },
  };
}

// ------------------------------------------------------------------ the report page

export function intelligenceView(rawId: string, query: URLSearchParams): View {
  let alive = true;
  let signals: SignalsPanel | null = null;
  let history: RecordPanel | null = null;
  const me = getUser();

  function showReport(main: HTMLElement, r: IntelligenceReport, purpose: string | undefined) {
    document.title = `${r.reference} — Rocta`;
    const purposeHeaders = purpose ? { 'X-Rocta-Purpose': purpose } : undefined;
    signals?.dispose();
    signals = signalsPanel('intelligence', r.id, purposeHeaders);
    history?.dispose();
    history = historyPanel('intelligence', r.id);
    const facts: [string, string | Node, string][] = [
      ['Reference', r.reference, 'reference'],
      ['Grading', r.grading, 'grading'],
      ['Source evaluation', String(r.source_evaluation), 'source-evaluation'],
      ['Intelligence assessment', r.intelligence_assessment, 'assessment'],
      ['Source type', sourceText(r.source_type), 'source-type'],
      ['Received', date(r.received_date), 'received'],
      ['Originating agency', orDash(r.originating_agency), 'originating-agency'],
      ['Sanitised release', r.sanitised
        ? (r.sanitised_from ? h('a', { href: href(`/intelligence/${r.sanitised_from}`), 'data-testid': 'sanitised-from' }, 'Yes — the SIU original (SIU only)') : 'Yes')
        : 'No', 'sanitised'],
      ['Version', String(r.version), 'version'],
      ['Created', dateTime(r.created_at), 'created-at'],
    ];
    const held = r.marking.compartment
      ? h('div', { class: 'alert siu-route', role: 'status', 'data-testid': 'intel-compartment-note' },
        `In the SIU compartment ${r.marking.compartment}: only its SIU officers read this. It is not disseminated; release a sanitised version instead.`)
      : null;
    clear(main);
    main.append(
      markingBanner(r.marking, 'top'),
      h('article', { class: 'record', 'data-testid': 'intel-page', 'data-id': r.id },
        h('p', { class: 'record-ref', 'data-testid': 'intel-page-reference' }, r.reference),
        h('h1', { tabindex: '-1', 'data-testid': 'intel-page-title' }, r.title),
        query.get('submitted') ? h('div', { class: 'alert success', role: 'status', 'data-testid': 'intel-submitted' },
          query.get('held_by') ? `Submitted. Held by ${query.get('held_by')}, in its compartment.` : 'Submitted.') : null,
        held,
        h('section', { 'aria-labelledby': 'intel-body-h' },
          h('h2', { id: 'intel-body-h' }, 'Report'),
          h('p', { class: 'description', 'data-testid': 'intel-page-body' }, r.body)),
        h('section', { 'aria-labelledby': 'intel-facts-h' },
          h('h2', { id: 'intel-facts-h' }, 'Grading and source'),
          h('dl', { class: 'facts' }, ...facts.map(([t, v, id]) =>
            h('div', { class: 'fact' }, h('dt', {}, t), h('dd', { 'data-testid': `field-${id}` }, v))))),
        h('section', { 'aria-labelledby': 'intel-mentions-h' },
          h('h2', { id: 'intel-mentions-h' }, `Commodities and places (${r.mentions.length})`),
          r.mentions.length
            ? h('ul', { 'data-testid': 'intel-mentions' }, ...r.mentions.map((m) => h('li', {}, `${sentence(m.kind)}: `, m.value)))
            : h('p', { class: 'muted' }, 'None.')),
        h('section', { 'aria-labelledby': 'intel-links-h' },
          h('h2', { id: 'intel-links-h' }, `Links (${r.links?.length ?? 0})`),
          linksSection({ kind: 'intelligence', id: r.id }, r.links ?? [], 'Records linked to this report')),
        signals.node,
        history.node,
        r.marking.compartment ? null : disseminationSection(r),
        r.marking.compartment && me?.roles.includes('siu_officer') ? releaseSection(r, purposeHeaders) : null),
      markingBanner(r.marking, 'bottom'));
    main.querySelector<HTMLElement>('h1')?.focus();
    signals.start();
    history.start();
  }

  // --- disseminations

  function disseminationSection(r: IntelligenceReport): HTMLElement {
    const list = h('div', { 'data-testid': 'disseminations', 'data-state': 'loading' }, h('p', { class: 'muted' }, 'Loading…'));
    const section = h('section', { 'aria-labelledby': 'dissem-h', class: 'dissemination-section' },
      h('h2', { id: 'dissem-h' }, 'Disseminations'), list);
    let unitNames = new Map<number, string>();

    async function loadList() {
      try {
        const [items, us] = await Promise.all([
          request<Dissemination[]>(`/api/v1/intelligence/${r.id}/disseminations`),
          units().catch(() => [] as Unit[]),
        ]);
        if (!alive) return;
        unitNames = new Map(us.map((u) => [u.id, u.name]));
        clear(list);
        list.dataset.count = String(items.length);
        list.append(items.length
          ? h('div', { class: 'table-wrap' }, h('table', { class: 'data', 'data-testid': 'disseminations-table' },
            h('caption', { class: 'visually-hidden' }, 'Where this report was sent'),
            h('thead', {}, h('tr', {}, ...['To', 'Unit', 'When', 'By (user)', 'Note'].map((c) => h('th', { scope: 'col' }, c)))),
            h('tbody', {}, ...items.map((d) => h('tr', { 'data-testid': 'dissemination-row', 'data-agency': d.to_agency },
              h('th', { scope: 'row' }, d.to_agency),
              h('td', {}, d.to_unit_id ? unitNames.get(d.to_unit_id) ?? `Unit ${d.to_unit_id}` : '—'),
              h('td', {}, dateTime(d.at)),
              h('td', {}, String(d.by)),
              h('td', { class: 'pre' }, d.note || '—'))))))
          : h('p', { class: 'muted', 'data-testid': 'disseminations-empty' }, 'Not sent anywhere yet.'));
        list.dataset.state = 'ready';
      } catch (e) {
        if (!alive) return;
        clear(list);
        list.append(h('div', { class: 'alert error', role: 'alert', 'data-testid': 'disseminations-error' }, problemText(e)));
        list.dataset.state = 'error';
      }
    }

    // Only writers of the owning agency disseminate; others see the list only.
    const mayWrite = me && me.agency === r.marking.owning_agency && me.roles.some((x) => INTELLIGENCE_WRITERS.includes(x));
    if (mayWrite) section.append(disseminateForm(r, () => void loadList()));
    void loadList();
    return section;
  }

  function disseminateForm(r: IntelligenceReport, sent: () => void): HTMLElement {
    const alert = h('div', { class: 'alert error', role: 'alert', tabindex: '-1', 'data-testid': 'dissem-error' });
    const errors = new FormErrors(alert);
    const agency = h('select', { name: 'to_agency', 'data-testid': 'dissem-agency' }, option('', 'Choose an agency', true));
    const unit = h('select', { name: 'to_unit_id', 'data-testid': 'dissem-unit' }, option('', 'The agency (no unit)', true));
    const note = h('textarea', { name: 'note', rows: '2', maxlength: '2000', 'data-testid': 'dissem-note' });
    const submit = h('button', { type: 'submit', class: 'primary', 'data-testid': 'dissem-submit' }, 'Send');
    const done = h('p', { class: 'alert success', role: 'status', hidden: true, 'data-testid': 'dissem-sent' });
    const form = h('form', { class: 'inline-form', novalidate: true, 'data-testid': 'dissem-form' },
      h('h3', {}, 'Send to an agency or unit'),
      r.marking.handling_code === 'C'
        ? h('p', { class: 'hint', 'data-testid': 'dissem-conditions' }, `Handling code C: these conditions go at the head of the note — ${r.marking.handling_conditions}`)
        : null,
      field('Agency', agency), field('Unit (optional)', unit), field('Note', note), alert, done,
      h('div', { class: 'actions' }, submit));
    errors.add('to_agency', agency);
    errors.add('to_unit_id', unit);
    errors.add('note', note);
    let allUnits: Unit[] = [];
    Promise.all([agencies(), units()]).then(([as, us]) => {
      if (!alive) return;
      allUnits = us;
      for (const a of as.slice().sort((x: Agency, y: Agency) => x.code.localeCompare(y.code)))
        agency.append(option(a.code, `${a.code} — ${a.name}`, false));
    }).catch(() => alive && errors.general('Could not load the agencies.'));
    agency.addEventListener('change', () => {
      clear(unit);
      unit.append(option('', 'The agency (no unit)', true),
        ...allUnits.filter((u) => u.agency === agency.value && u.active !== false).map((u) => option(String(u.id), u.name, false)));
    });
    form.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      errors.clear();
      done.hidden = true;
      if (!agency.value) return void errors.field('to_agency', 'Choose the agency to send it to.');
      if (agency.value === r.marking.owning_agency && !unit.value)
        return void errors.field('to_unit_id', 'The report is already its owner\'s: choose a unit of that agency.');
      submit.disabled = true;
      try {
        const d = await request<Dissemination>(`/api/v1/intelligence/${r.id}/disseminations`, {
          method: 'POST', body: { to_agency: agency.value, to_unit_id: unit.value ? Number(unit.value) : null, note: note.value.trim() },
        });
        if (!alive) return;
        done.textContent = `Sent to ${d.to_agency}.`;
        done.hidden = false;
        note.value = '';
        sent();
      } catch (e) {
        if (!alive) return;
        errors.problem(e, 'It could not be sent.');
        if (!alert.hidden) alert.focus();
      }
      submit.disabled = false;
    });
    return form;
  }

  // --- the SIU's sanitised release

  function releaseSection(r: IntelligenceReport, purpose: Record<string, string> | undefined): HTMLElement {
    const alert = h('div', { class: 'alert error', role: 'alert', tabindex: '-1', 'data-testid': 'release-error' });
    const errors = new FormErrors(alert);
    const title = h('input', { type: 'text', maxlength: '200', required: true, autocomplete: 'off', 'data-testid': 'release-title' });
    const body = h('textarea', { rows: '6', maxlength: '100000', required: true, 'data-testid': 'release-body' });
    const rationale = h('textarea', { rows: '3', maxlength: '500', required: true, 'data-testid': 'release-rationale' });
    const grading = gradingEditor({ prefix: 'release', errors, initial: { source_evaluation: r.source_evaluation, intelligence_assessment: r.intelligence_assessment } });
    const marking = markingEditor({ prefix: 'release', clearance: me?.clearance ?? 'OFFICIAL', errors });
    const submit = h('button', { type: 'submit', class: 'primary', 'data-testid': 'release-submit' }, 'Release sanitised version');
    const result = h('div', {});
    const form = h('form', { class: 'panel form-panel', novalidate: true, 'data-testid': 'release-form', 'aria-labelledby': 'release-h' },
      h('fieldset', { class: 'panel-section' },
        h('legend', {}, 'The sanitised version'),
        h('p', { class: 'hint' }, 'Written for the general system: nothing that identifies the source, the kind of source, or the officer who submitted it. It keeps no compartment and links back to this original, which only the SIU can open.'),
        h('div', { class: 'form-grid' },
          h('div', { class: 'span-2' }, field('Title', title)),
          h('div', { class: 'span-2' }, field('Report', body)))),
      grading.node,
      marking.node,
      h('fieldset', { class: 'panel-section' },
        h('legend', {}, 'Decision'),
        field('Rationale', rationale, 'Why this release is safe and necessary. Recorded with your name.')),
      alert,
      h('div', { class: 'actions' }, submit));
    errors.add('title', title);
    errors.add('body', body);
    errors.add('rationale', rationale);
    marking.offerAgencies(r.marking.owning_agency, () => alive);
    form.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      errors.clear();
      if (!title.value.trim()) return void errors.field('title', 'Enter a title for the release.');
      if (!body.value.trim()) return void errors.field('body', 'Write the sanitised report.');
      const g = grading.value(errors);
      if (!g) return;
      const m = marking.value(errors);
      if (!m) return;
      if (!rationale.value.trim()) return void errors.field('rationale', 'Give the rationale for this release.');
      submit.disabled = true;
      try {
        const released = await request<IntelligenceReport>(`/api/v1/intelligence/${r.id}/release`, {
          method: 'POST',
          headers: purpose,
          body: {
            title: title.value.trim(), body: body.value.trim(), received_date: r.received_date,
            source_evaluation: g.source_evaluation, intelligence_assessment: g.intelligence_assessment,
            marking: markingBody(m, g), rationale: rationale.value.trim(),
          },
        });
        if (!alive) return;
        form.remove();
        clear(result);
        const to = recordHref('intelligence', released.id)!;
        result.append(h('div', { class: 'alert success', role: 'status', tabindex: '-1', 'data-testid': 'release-done', 'data-released-id': released.id },
          'Released as ', h('a', { href: to }, released.reference), ` (${released.marking.label || released.marking.classification}). The decision is recorded.`));
        result.querySelector<HTMLElement>('[data-testid="release-done"]')?.focus();
        return;
      } catch (e) {
        if (!alive) return;
        errors.problem(e, 'The release could not be made.');
        if (!alert.hidden) alert.focus();
      }
      submit.disabled = false;
    });
    return h('section', { 'aria-labelledby': 'release-h', class: 'release-section' },
      h('h2', { id: 'release-h' }, 'Release sanitised version'), result, form);
  }

  return {
    title: 'Intelligence report',
    render(main) {
      main.append(h('p', { class: 'muted' }, 'Loading…'));
      const load = openRecord<IntelligenceReport>({
        main,
        path: `/api/v1/intelligence/${rawId}`,
        isAlive: () => alive,
        backTo: [href('/submit-intelligence'), 'Back to intelligence'],
        shown: (r, purpose) => showReport(main, r, purpose),
      });
      if (/^[1-9][0-9]{0,17}$/.test(rawId)) void load();
      else notFoundPage(main, [href('/threats'), 'Back to threats']);
      return () => {
        alive = false;
        signals?.dispose();
        history?.dispose();
        delete main.dataset.state;
      };
    },
  };
}
