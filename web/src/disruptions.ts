// Disruptions of a threat: the history (GET /api/v1/threats/{id}/disruptions), shown on the
// threat page and on its own screen, and the "Record disruption" form (POST
// /api/v1/disruptions) with the non-pursue prompts (POST /api/v1/disruptions/prompts): the
// server refuses a disruption whose text raises a prompt nobody answered, so the form shows
// each prompt with why it was raised and asks the recorder to accept or decline it.

import { ApiError, purposeHeaders, request } from './api';
import { clear, field, h, option, uid } from './dom';
import { date, dateTime, todayYmd } from './format';
import { FormErrors, problemText } from './forms';
import { markingBanner } from './marking';
import { CRIME_TYPES } from './nominate';
import { href, navigate, type View } from './router';
import type { Disruption, FourP, PromptDecision, PromptSuggestion, Threat } from './types';

export const FOUR_P: FourP[] = ['Pursue', 'Prevent', 'Protect', 'Prepare'];
export const CATEGORIES = ['Major', 'Moderate', 'Minor', 'Not assessed', 'Rejected'];
const ASSESSED = new Set(['Major', 'Moderate', 'Minor']);
const NOT_FOUND_TEXT = 'Not found, or you do not have access';
const HISTORY_COLUMNS = ['Reference', 'Date', 'Role', 'Category', 'Outcomes', 'National category', 'Threat category', 'Recorded by', 'Source', 'Prompts answered', 'Description'];
/** How many disruptions the threat page shows before pointing to the full history. */
const ON_THREAT_PAGE = 10;
/** Wait this long after the last keystroke before asking the server for prompts. */
const PROMPT_DEBOUNCE_MS = 350;

function threatPath(id: number | string, rest = ''): string {
  return `/threats/${id}${rest}`;
}

function roleText(role: string): string {
  return /support/i.test(role) ? 'Supporting' : 'Lead';
}

function outcomeBadges(d: Disruption): HTMLElement {
  return h('ul', { class: 'outcomes', 'aria-label': 'Outcomes, principal first' },
    ...d.outcomes.map((o, i) => h('li', {},
      h('span', { class: `fourp fourp-${o.toLowerCase()}`, 'data-testid': 'outcome-badge' }, o),
      i === 0 && d.outcomes.length > 1 ? h('span', { class: 'muted small-inline' }, ' (principal)') : null)));
}

function promptsText(d: Disruption): string {
  if (!d.prompts?.length) return '—';
  return d.prompts.map((p) => `${p.outcome} ${p.accepted ? 'accepted' : 'declined'} (${p.rule})`).join('; ');
}

/** The history as a table; `highlight` marks a just-recorded reference. */
export function historyTable(list: Disruption[], highlight = ''): HTMLElement {
  return h('div', { class: 'table-wrap' },
    h('table', { class: 'data disruptions', 'data-testid': 'disruption-table' },
      h('caption', { class: 'visually-hidden' }, 'Disruptions of this threat, newest first'),
      h('thead', {}, h('tr', {}, ...HISTORY_COLUMNS.map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', {}, ...list.map((d) => h('tr', {
        'data-testid': 'disruption-row', 'data-reference': d.reference, 'data-id': d.id,
        class: d.reference === highlight ? 'just-recorded' : null,
      },
      h('th', { scope: 'row', 'data-label': HISTORY_COLUMNS[0], 'data-testid': 'cell-reference' }, d.reference,
        d.beyond_national_standard ? h('span', { class: 'muted small', title: 'A priority individual or a vulnerability: beyond the national standard' }, 'Beyond the national standard') : null),
      h('td', { 'data-label': HISTORY_COLUMNS[1], 'data-testid': 'cell-date' }, h('span', { class: 'date' }, date(d.record_date))),
      h('td', { 'data-label': HISTORY_COLUMNS[2], 'data-testid': 'cell-role' }, roleText(d.role),
        d.supports ? h('span', { class: 'muted small' }, `supports ${d.supports}`) : null),
      h('td', { 'data-label': HISTORY_COLUMNS[3], 'data-testid': 'cell-category' }, d.category),
      h('td', { 'data-label': HISTORY_COLUMNS[4], 'data-testid': 'cell-outcomes' }, outcomeBadges(d)),
      h('td', { 'data-label': HISTORY_COLUMNS[5], 'data-testid': 'cell-national-category' }, d.national_category),
      h('td', { 'data-label': HISTORY_COLUMNS[6], 'data-testid': 'cell-threat-category' }, d.threat_category || '—'),
      h('td', { 'data-label': HISTORY_COLUMNS[7], 'data-testid': 'cell-recording-agency', class: 'agency-code' }, d.recording_agency),
      h('td', { 'data-label': HISTORY_COLUMNS[8], 'data-testid': 'cell-source', title: `${d.imported ? 'Loaded' : 'Recorded'} ${dateTime(d.created_at)}` },
        d.imported ? 'Imported' : 'Recorded in Rocta'),
      h('td', { 'data-label': HISTORY_COLUMNS[9], 'data-testid': 'cell-prompts' }, promptsText(d)),
      h('td', { 'data-label': HISTORY_COLUMNS[10], 'data-testid': 'cell-description', class: 'rationale' }, d.description || '—'),
      )))));
}

async function loadHistory(threatId: number | string): Promise<Disruption[]> {
  const r = await request<{ items: Disruption[]; total: number }>(`/api/v1/threats/${threatId}/disruptions`, {
    headers: purposeHeaders(threatId),
  });
  return r.items ?? [];
}

/** The disruptions section of the threat page: the newest few, a link to all, and the button. */
export function disruptionSection(t: Threat): { node: HTMLElement; start(): void; dispose(): void } {
  let alive = true;
  const heading = h('h2', { id: 'disruptions-h' }, 'Disruptions');
  const body = h('div', { 'data-testid': 'disruption-history', 'data-state': 'loading' }, h('p', { class: 'muted' }, 'Loading…'));
  const node = h('section', { 'aria-labelledby': 'disruptions-h', class: 'disruption-section', 'data-testid': 'disruption-section' },
    h('div', { class: 'section-head' }, heading,
      h('a', { href: href(threatPath(t.id, '/disruptions/new')), class: 'button primary-outline', 'data-testid': 'record-disruption' }, 'Record disruption')),
    body);

  async function start() {
    try {
      const list = await loadHistory(t.id);
      if (!alive) return;
      clear(body);
      heading.textContent = `Disruptions (${list.length})`;
      if (!list.length) body.append(h('p', { class: 'muted', 'data-testid': 'disruptions-empty' }, 'No disruptions recorded against this threat.'));
      else {
        body.append(historyTable(list.slice(0, ON_THREAT_PAGE)));
        body.append(h('p', {}, h('a', { href: href(threatPath(t.id, '/disruptions')), 'data-testid': 'disruption-history-link' },
          list.length > ON_THREAT_PAGE ? `All ${list.length} disruptions` : 'Disruption history')));
      }
      body.dataset.state = 'ready';
    } catch (e) {
      if (!alive) return;
      clear(body);
      body.append(h('div', { class: 'alert error', role: 'alert' }, `Could not load the disruptions: ${problemText(e)}`));
      body.dataset.state = 'error';
    }
  }

  return { node, start: () => void start(), dispose: () => { alive = false; } };
}

/** Loads the threat a disruption screen is about; draws the not-found and purpose cases. */
async function loadThreat(rawId: string, main: HTMLElement): Promise<Threat | null> {
  const fail = (title: string, text: string, testid: string) => {
    clear(main);
    main.append(h('div', { class: 'not-found', 'data-testid': testid },
      h('h1', { tabindex: '-1' }, title),
      text ? h('p', {}, text) : null,
      h('p', {}, h('a', { href: href(/^\d+$/.test(rawId) ? threatPath(rawId) : '/threats') }, 'Back to the threat'))));
    main.querySelector<HTMLElement>('h1')?.focus();
    return null;
  };
  if (!/^[1-9][0-9]{0,17}$/.test(rawId)) return fail(NOT_FOUND_TEXT, '', 'not-found');
  try {
    return await request<Threat>(`/api/v1/threats/${rawId}`, { headers: purposeHeaders(rawId) });
  } catch (e) {
    if (e instanceof ApiError && e.status === 404) return fail(NOT_FOUND_TEXT, '', 'not-found');
    if (e instanceof ApiError && e.status === 401) return null;
    if (e instanceof ApiError && e.status === 428)
      return fail('Open the threat first', 'This threat is classified SECRET or above: open it from its page and give your purpose, then come back.', 'purpose-needed');
    return fail('Could not open this threat', problemText(e), 'threat-error');
  }
}

function threatHeading(t: Threat, title: string): HTMLElement[] {
  return [
    h('p', { class: 'crumbs' }, h('a', { href: href(threatPath(t.id)) }, `← ${t.reference}`)),
    h('p', { class: 'record-ref', 'data-testid': 'threat-reference' }, `${t.reference} — ${t.name}`),
    h('h1', { tabindex: '-1' }, title),
  ];
}

// ------------------------------------------------------------------------- the history screen

export function disruptionHistoryView(rawId: string, query: URLSearchParams): View {
  let alive = true;
  return {
    title: 'Disruption history',
    render(main) {
      main.append(h('p', { class: 'muted' }, 'Loading…'));
      void (async () => {
        const t = await loadThreat(rawId, main);
        if (!t || !alive) return;
        document.title = `Disruptions of ${t.reference} — Rocta`;
        const recorded = query.get('recorded') ?? '';
        const body = h('div', { 'data-testid': 'disruption-history', 'data-state': 'loading' }, h('p', { class: 'muted' }, 'Loading…'));
        const count = h('p', { class: 'summary', 'data-testid': 'disruption-count', 'aria-live': 'polite' });
        clear(main);
        main.append(
          markingBanner(t.marking, 'top'),
          h('article', { class: 'record', 'data-testid': 'disruption-history-page' },
            ...threatHeading(t, 'Disruption history'),
            recorded ? h('div', { class: 'alert success', role: 'status', 'data-testid': 'disruption-recorded' },
              `Disruption ${recorded} recorded.`) : null,
            h('div', { class: 'actions' },
              h('a', { href: href(threatPath(t.id, '/disruptions/new')), class: 'button primary-outline', 'data-testid': 'record-disruption' }, 'Record disruption')),
            count,
            body),
          markingBanner(t.marking, 'bottom'),
        );
        main.querySelector<HTMLElement>('h1')?.focus();
        try {
          const list = await loadHistory(t.id);
          if (!alive) return;
          clear(body);
          count.textContent = `${list.length} disruption${list.length === 1 ? '' : 's'}, newest first`;
          body.append(list.length ? historyTable(list, recorded)
            : h('p', { class: 'muted', 'data-testid': 'disruptions-empty' }, 'No disruptions recorded against this threat.'));
          body.dataset.state = 'ready';
        } catch (e) {
          if (!alive) return;
          clear(body);
          body.append(h('div', { class: 'alert error', role: 'alert' }, `Could not load the disruptions: ${problemText(e)}`));
          body.dataset.state = 'error';
        }
      })();
      return () => { alive = false; };
    },
  };
}

// ------------------------------------------------------------------------- the record form

export function recordDisruptionView(rawId: string): View {
  let alive = true;
  let form: { node: HTMLElement; dispose(): void } | null = null;
  return {
    title: 'Record disruption',
    render(main) {
      main.append(h('p', { class: 'muted', 'data-testid': 'disruption-loading' }, 'Loading…'));
      void (async () => {
        const t = await loadThreat(rawId, main);
        if (!t || !alive) return;
        let leads: Disruption[] = [];
        try {
          leads = (await loadHistory(t.id)).filter((d) => !/support/i.test(d.role));
        } catch {
          /* the form still works without the list; the server checks the lead anyway */
        }
        if (!alive) return;
        document.title = `Record disruption — ${t.reference} — Rocta`;
        form = disruptionForm(t, leads);
        clear(main);
        main.append(markingBanner(t.marking, 'top'), form.node, markingBanner(t.marking, 'bottom'));
        main.querySelector<HTMLElement>('h1')?.focus();
      })();
      return () => {
        alive = false;
        form?.dispose();
      };
    },
  };
}

/** A prompt on screen: what the server raised and the recorder's answer, if any. */
interface PromptState {
  suggestion: PromptSuggestion;
  accepted: boolean | null;
}

function disruptionForm(t: Threat, leads: Disruption[]): { node: HTMLElement; dispose(): void } {
  let disposed = false;
  let timer: number | undefined;
  const alive = () => !disposed;
  // --- the event
  const today = todayYmd();
  const recordDate = h('input', { type: 'date', name: 'record_date', value: today, max: today, required: true, 'data-testid': 'disruption-date' });
  const roleGroup = uid('role');
  const roles = (['lead', 'supporting'] as const).map((value) => {
    const id = uid('f');
    const input = h('input', { type: 'radio', name: roleGroup, id, value, 'data-testid': `disruption-role-${value}` });
    input.checked = value === 'lead';
    return { value, input, wrap: h('div', { class: 'check' }, input, h('label', { for: id }, value === 'lead' ? 'Lead disruption' : 'Supporting a lead disruption')) };
  });
  const roleSet = h('fieldset', { class: 'radio-row', 'data-testid': 'disruption-role' }, h('legend', {}, 'Role'), ...roles.map((r) => r.wrap));
  const supports = h('select', { name: 'supports', 'data-testid': 'disruption-supports' },
    option('', leads.length ? 'Choose the lead disruption' : 'No lead disruption recorded against this threat', true),
    ...leads.map((d) => option(String(d.id), `${d.reference} — ${d.recording_agency}, ${date(d.record_date)}`, false)));
  const supportsField = field('Lead disruption it supports', supports, 'A supporting disruption counts towards the lead one.');
  const category = h('select', { name: 'category', 'data-testid': 'disruption-category' },
    option('', 'Choose a category', true), ...CATEGORIES.map((c) => option(c, c, false)));
  const justification = h('textarea', { name: 'justification', rows: '3', maxlength: '5000', 'data-testid': 'disruption-justification' });
  const description = h('textarea', { name: 'description', rows: '4', maxlength: '20000', 'data-testid': 'disruption-description' });
  const threatCategory = h('select', { name: 'threat_category', 'data-testid': 'disruption-threat-category' },
    option('', `The threat’s crime type${t.primary_crime_type ? ` (${t.primary_crime_type})` : ''}`, true),
    ...CRIME_TYPES.map((c) => option(c, c, false)));

  // --- outcomes: ticked by the recorder, or added by accepting a prompt
  const userTicked = new Set<FourP>();
  const outcomeBoxes = new Map<FourP, HTMLInputElement>();
  const outcomeSet = h('fieldset', { class: 'subfield', tabindex: '-1', 'data-testid': 'disruption-outcomes' },
    h('legend', {}, '4P outcomes'),
    h('p', { class: 'hint' }, 'Every outcome the event had. The national standard takes one: the principal outcome.'),
    h('div', { class: 'radio-row' }, ...FOUR_P.map((p) => {
      const id = uid('f');
      const box = h('input', { type: 'checkbox', id, value: p, name: 'outcomes', 'data-testid': `outcome-${p.toLowerCase()}` });
      outcomeBoxes.set(p, box);
      return h('div', { class: 'check' }, box, h('label', { for: id }, p));
    })));
  const principal = h('select', { name: 'principal', 'data-testid': 'disruption-principal' });
  const principalField = field('Principal outcome', principal, 'Exported to the national standard.');

  // --- prompts
  const promptList = h('ul', { class: 'prompts', 'data-testid': 'prompt-list' });
  const promptStatus = h('p', { class: 'hint', 'aria-live': 'polite', 'data-testid': 'prompt-status' },
    'As you describe the event, Rocta suggests outcomes other than pursue that it points to.');
  const promptSet = h('fieldset', { class: 'panel-section prompts-set', tabindex: '-1', 'data-testid': 'disruption-prompts' },
    h('legend', {}, 'Suggested outcomes'), promptStatus, promptList);
  const prompts = new Map<string, PromptState>();

  const submit = h('button', { type: 'submit', class: 'primary', 'data-testid': 'disruption-submit' }, 'Record disruption');
  const alert = h('div', { class: 'alert error', role: 'alert', tabindex: '-1', 'data-testid': 'disruption-error' });
  const errors = new FormErrors(alert);

  const form = h('form', { class: 'panel form-panel', novalidate: true, 'data-testid': 'disruption-form', 'aria-labelledby': 'disruption-h' },
    h('fieldset', { class: 'panel-section' },
      h('legend', {}, 'The event'),
      h('div', { class: 'form-grid top' },
        field('Date of the disruption', recordDate),
        field('Threat category', threatCategory, 'Leave as the threat’s crime type unless the event was against another.'),
        h('div', { class: 'span-2' }, roleSet),
        h('div', { class: 'span-2' }, supportsField),
        h('div', { class: 'span-2' }, field('Description', description, 'What happened: arrests, seizures, safeguarding, takedowns, advice given…')))),
    h('fieldset', { class: 'panel-section' },
      h('legend', {}, 'Assessment'),
      h('div', { class: 'form-grid top' },
        field('Category', category),
        h('div', { class: 'span-2' }, field('Justification of the category', justification, 'Required for a major, moderate or minor disruption.')))),
    h('fieldset', { class: 'panel-section' },
      h('legend', {}, 'Outcomes'),
      h('div', { class: 'form-grid top' }, h('div', { class: 'span-2' }, outcomeSet), principalField)),
    promptSet,
    alert,
    h('div', { class: 'actions' }, submit, h('a', { href: href(threatPath(t.id)), class: 'button' }, 'Cancel')),
  );

  errors.add('record_date', recordDate);
  errors.add('role', roles[0].input, roleSet);
  errors.add('supports', supports);
  errors.add('category', category);
  errors.add('justification', justification);
  errors.add('description', description);
  errors.add('threat_category', threatCategory);
  errors.add('outcomes', outcomeSet, outcomeSet);
  errors.add('prompts', promptSet, promptSet);

  // --- outcome state
  function acceptedOutcomes(): Set<FourP> {
    const s = new Set<FourP>();
    for (const p of prompts.values()) if (p.accepted === true) s.add(p.suggestion.outcome);
    return s;
  }

  function chosen(): FourP[] {
    const acc = acceptedOutcomes();
    return FOUR_P.filter((p) => userTicked.has(p) || acc.has(p));
  }

  function syncOutcomes() {
    const acc = acceptedOutcomes();
    for (const [p, box] of outcomeBoxes) box.checked = userTicked.has(p) || acc.has(p);
    const list = chosen();
    const keep = principal.value as FourP;
    clear(principal);
    if (!list.length) principal.append(option('', 'Tick an outcome first', true));
    for (const p of list) principal.append(option(p, p, false));
    principal.value = list.includes(keep) ? keep : (list[0] ?? '');
    principal.disabled = list.length < 2;
  }

  for (const [p, box] of outcomeBoxes) {
    box.addEventListener('change', () => {
      if (box.checked) userTicked.add(p);
      else {
        userTicked.delete(p);
        // Unticking an outcome a prompt added declines that prompt.
        for (const s of prompts.values()) if (s.suggestion.outcome === p && s.accepted) s.accepted = false;
      }
      syncOutcomes();
      drawPrompts();
      schedulePrompts();
    });
  }

  // --- prompts
  function drawPrompts() {
    clear(promptList);
    for (const s of prompts.values()) {
      const { suggestion: sg } = s;
      const accept = h('button', { type: 'button', class: 'small', 'aria-pressed': String(s.accepted === true), 'data-testid': 'prompt-accept' },
        `Accept ${sg.outcome}`);
      const decline = h('button', { type: 'button', class: 'small', 'aria-pressed': String(s.accepted === false), 'data-testid': 'prompt-decline' },
        'Decline');
      accept.addEventListener('click', () => answer(sg.rule, true));
      decline.addEventListener('click', () => answer(sg.rule, false));
      const state = s.accepted === null ? 'Not answered yet' : s.accepted ? `Accepted: ${sg.outcome} added` : 'Declined';
      const headingId = uid('prompt');
      promptList.append(h('li', {
        class: `prompt ${s.accepted === null ? 'prompt-open' : s.accepted ? 'prompt-accepted' : 'prompt-declined'}`,
        'data-testid': 'prompt', 'data-rule': sg.rule, 'data-outcome': sg.outcome, 'aria-labelledby': headingId,
      },
      h('p', { class: 'prompt-title', id: headingId },
        h('span', { class: `fourp fourp-${sg.outcome.toLowerCase()}` }, sg.outcome), ` — the text mentions “${sg.matched}”`),
      h('p', { class: 'prompt-why', 'data-testid': 'prompt-explanation' }, sg.explanation),
      h('div', { class: 'row-actions' }, accept, decline,
        h('span', { class: 'prompt-state', 'data-testid': 'prompt-state' }, state))));
    }
    promptList.hidden = prompts.size === 0;
  }

  function answer(rule: string, accepted: boolean) {
    const s = prompts.get(rule);
    if (!s) return;
    s.accepted = accepted;
    syncOutcomes();
    drawPrompts();
    promptList.querySelector<HTMLElement>(`[data-rule="${CSS.escape(rule)}"] [data-testid="${accepted ? 'prompt-accept' : 'prompt-decline'}"]`)?.focus();
    promptStatus.textContent = accepted ? `${s.suggestion.outcome} added to the outcomes.` : `${s.suggestion.outcome} declined.`;
  }

  let promptGeneration = 0;
  async function refreshPrompts(): Promise<boolean> {
    const mine = ++promptGeneration;
    window.clearTimeout(timer);
    timer = undefined;
    const text = `${description.value}\n${justification.value}`;
    try {
      const r = await request<{ prompts: PromptSuggestion[] }>('/api/v1/disruptions/prompts', {
        method: 'POST', body: { text, outcomes: FOUR_P.filter((p) => userTicked.has(p)) },
      });
      if (mine !== promptGeneration || !alive()) return false;
      // Keep the answers to prompts still raised; a prompt no longer raised has no answer to send.
      const next = new Map<string, PromptState>();
      for (const sg of r.prompts ?? []) next.set(sg.rule, { suggestion: sg, accepted: prompts.get(sg.rule)?.accepted ?? null });
      const before = [...prompts.keys()].join(' ');
      prompts.clear();
      for (const [k, v] of next) prompts.set(k, v);
      syncOutcomes();
      if ([...prompts.keys()].join(' ') !== before) {
        drawPrompts();
        promptStatus.textContent = prompts.size
          ? `${prompts.size} suggested outcome${prompts.size === 1 ? '' : 's'}: accept or decline each.`
          : 'No other outcomes suggested by the text.';
      }
      form.dataset.prompts = 'ready';
      return true;
    } catch (e) {
      if (mine !== promptGeneration || !alive()) return false;
      promptStatus.textContent = `Could not check the text for suggested outcomes: ${problemText(e)}`;
      form.dataset.prompts = 'error';
      return false;
    }
  }

  function schedulePrompts() {
    form.dataset.prompts = 'pending';
    promptGeneration++;
    window.clearTimeout(timer);
    timer = window.setTimeout(() => void refreshPrompts(), PROMPT_DEBOUNCE_MS);
  }
  description.addEventListener('input', schedulePrompts);
  justification.addEventListener('input', schedulePrompts);

  // --- role
  function syncRole() {
    const supporting = roles[1].input.checked;
    supportsField.hidden = !supporting;
  }
  roleSet.addEventListener('change', syncRole);
  syncRole();
  syncOutcomes();
  drawPrompts();
  form.dataset.prompts = 'ready';

  // --- submit
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    errors.clear();
    if (!/^\d{4}-\d{2}-\d{2}$/.test(recordDate.value)) return void errors.field('record_date', 'Enter the date of the disruption.');
    if (recordDate.value > today) return void errors.field('record_date', 'The date of a disruption cannot be in the future.');
    const supporting = roles[1].input.checked;
    if (supporting && !supports.value) return void errors.field('supports', 'Choose the lead disruption this one supports.');
    if (!category.value) return void errors.field('category', 'Choose the category of the disruption.');
    if (ASSESSED.has(category.value) && !justification.value.trim())
      return void errors.field('justification', `Say why the disruption is ${category.value.toLowerCase()}.`);
    submit.disabled = true;
    submit.textContent = 'Recording…';
    try {
      // The prompts must answer the text as it is now, not as it was a keystroke ago.
      if (!(await refreshPrompts())) {
        if (alive()) errors.field('prompts', 'Could not check the text for suggested outcomes. Try again.');
        return;
      }
      const open = [...prompts.values()].find((p) => p.accepted === null);
      if (open) {
        errors.field('prompts', `Accept or decline the suggested ${open.suggestion.outcome} outcome before recording.`, false);
        promptList.querySelector<HTMLElement>(`[data-rule="${CSS.escape(open.suggestion.rule)}"] [data-testid="prompt-accept"]`)?.focus();
        return;
      }
      const list = chosen();
      if (!list.length) return void errors.field('outcomes', 'Tick at least one 4P outcome.');
      const main = (principal.value as FourP) || list[0];
      const outcomes = [main, ...list.filter((p) => p !== main)];
      const answers: PromptDecision[] = [...prompts.values()].map((p) => ({
        rule: p.suggestion.rule, outcome: p.suggestion.outcome, accepted: p.accepted === true,
      }));
      const body: Record<string, unknown> = {
        threat_id: t.id,
        record_date: recordDate.value,
        role: supporting ? 'supporting' : 'lead',
        category: category.value,
        justification: justification.value.trim(),
        outcomes,
        description: description.value.trim(),
        prompts: answers,
      };
      if (supporting) body.supports = Number(supports.value);
      if (threatCategory.value) body.threat_category = threatCategory.value;
      const d = await request<Disruption>('/api/v1/disruptions', { method: 'POST', body, headers: purposeHeaders(t.id) });
      if (!alive()) return;
      navigate(href(threatPath(t.id, '/disruptions'), { recorded: d.reference }));
    } catch (e) {
      if (!alive()) return;
      if (e instanceof ApiError && e.problem.field === 'prompts') void refreshPrompts();
      errors.problem(e, 'The disruption could not be recorded.');
      if (!alert.hidden) alert.focus();
    } finally {
      if (alive()) {
        submit.disabled = false;
        submit.textContent = 'Record disruption';
      }
    }
  });

  const node = h('div', { class: 'record-disruption' },
    ...threatHeading(t, 'Record disruption'),
    h('p', { class: 'muted lead' },
      'A disruption is an event against this threat by your agency. Record every 4P outcome it had: Rocta keeps them all and exports the principal one to the national standard.'),
    form);
  return {
    node,
    dispose() {
      disposed = true;
      window.clearTimeout(timer);
    },
  };
}
