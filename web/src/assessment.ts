// MoRiLE on the threat page: the assessment form, drawn from the newest model's definition
// (GET /api/v1/morile/models), POST /api/v1/threats/{id}/assessments and its result with the
// SIU check, and the assessment history (GET /api/v1/threats/{id}/assessments).

import { getUser, request } from './api';
import { append, clear, field, h, option, uid } from './dom';
import { date, dateTime, score, sentence } from './format';
import { FormErrors, problemText } from './forms';
import { CONFIDENCE_NOTES, FACTOR_NOTES, HARM_LEVELS, LIKELIHOOD_NOTES, ORG_LEVELS, SCOPE_NOTES, VULNERABILITY_NOTES, levelText } from './morile-guide';
import { morileModels, newestModel } from './refdata';
import type { Assessment, AssessmentScore, MorileDefinition, Threat } from './types';

export const SIU_HEADING = 'Sensitive material exists — consult the SIU';
const HISTORY_COLUMNS = ['Version', 'Model', 'Priority', 'Tier', 'Type', 'Status', 'Rationale', 'Moderation note', 'Assessed', 'Moderated', 'SIU'];
/** The longest rationale the server keeps, in characters (core kMaxAssessmentRationale). */
export const MAX_RATIONALE = 4000;
/** Characters as the server counts them: code points, not UTF-16 units. */
const characters = (s: string) => [...s].length;

export interface AssessmentPanel {
  /** The sections to put on the page. */
  nodes: HTMLElement[];
  /** Starts loading the model and the history; `focusForm` scrolls to the form once drawn. */
  start(focusForm: boolean): void;
  dispose(): void;
}

export function assessmentPanel(t: Threat, onAssessed: (a: Assessment) => void): AssessmentPanel {
  let alive = true;
  const user = getUser();
  const isAssessor = (user?.roles ?? []).includes('assessor');

  // --- the form (drawn when the model arrives)
  const formHost = h('div', { 'data-testid': 'assessment-form-host' }, h('p', { class: 'muted' }, 'Loading the MoRiLE model…'));
  const result = h('div', { class: 'assessment-result', hidden: true, tabindex: '-1', 'data-testid': 'assessment-result' });
  const intro = isAssessor
    ? h('p', { class: 'muted' }, 'Score each factor with the current MoRiLE model. The assessment then waits for a moderator.')
    : h('p', { class: 'muted' }, 'Only MoRiLE assessors may assess threats; the server refuses anyone else.');
  const formBlock: HTMLElement = isAssessor
    ? h('div', { class: 'assess-block' }, intro, formHost)
    : h('details', { class: 'assess-block', 'data-testid': 'assessment-details' },
      h('summary', {}, 'Assess this threat'), intro, formHost);
  const assessSection = h('section', { 'aria-labelledby': 'assess-h', id: 'assess', class: 'assess-section', 'data-testid': 'assessment-section' },
    h('h2', { id: 'assess-h', tabindex: '-1' }, 'MoRiLE assessment'),
    formBlock,
    result);

  // --- history
  const historyBody = h('div', { 'data-testid': 'assessment-history', 'data-state': 'loading' }, h('p', { class: 'muted' }, 'Loading…'));
  const historyHeading = h('h2', { id: 'history-h' }, 'Assessment history');
  const historySection = h('section', { 'aria-labelledby': 'history-h' }, historyHeading, historyBody);

  async function loadHistory() {
    historyBody.dataset.state = 'loading';
    try {
      const list = await request<Assessment[]>(`/api/v1/threats/${t.id}/assessments`);
      if (!alive) return;
      clear(historyBody);
      historyHeading.textContent = `Assessment history (${list.length})`;
      if (!list.length) historyBody.append(h('p', { class: 'muted', 'data-testid': 'history-empty' }, 'Not assessed in Rocta yet.'));
      else historyBody.append(historyTable(list));
      historyBody.dataset.state = 'ready';
    } catch (e) {
      if (!alive) return;
      clear(historyBody);
      historyBody.append(h('div', { class: 'alert error', role: 'alert' }, `Could not load the assessment history: ${problemText(e)}`));
      historyBody.dataset.state = 'error';
    }
  }

  async function loadModel(focusForm: boolean) {
    try {
      const model = newestModel(await morileModels());
      if (!alive) return;
      clear(formHost);
      if (!model) {
        formHost.append(h('div', { class: 'alert error', role: 'alert' }, 'No MoRiLE model is loaded, so threats cannot be assessed.'));
        return;
      }
      formHost.append(assessmentForm(model.definition, model.version));
      if (focusForm) {
        if (formBlock instanceof HTMLDetailsElement) formBlock.open = true;
        assessSection.scrollIntoView({ block: 'start' });
        formHost.querySelector<HTMLElement>('select, input')?.focus({ preventScroll: true });
      }
    } catch (e) {
      if (!alive) return;
      clear(formHost);
      formHost.append(h('div', { class: 'alert error', role: 'alert' }, `Could not load the MoRiLE model: ${problemText(e)}`));
    }
  }

  function assessmentForm(def: MorileDefinition, version: number): HTMLFormElement {
    const scoreSelect = (max: number, testid: string, levels: string[]) =>
      h('select', { required: true, 'data-testid': testid },
        option('', '–', true), ...Array.from({ length: max + 1 }, (_, i) => option(String(i), levelText(levels, i), false)));
    const harm = def.harm_elements.map((_name, i) => scoreSelect(def.harm_max, `harm-${i}`, HARM_LEVELS));
    const org = def.org_elements.map((_name, i) => scoreSelect(def.org_max, `org-${i}`, ORG_LEVELS));
    const choice = (list: { name: string; multiplier: number }[], testid: string) =>
      h('select', { required: true, 'data-testid': testid },
        option('', 'Choose…', true), ...list.map((c) => option(c.name, `${sentence(c.name)} (×${c.multiplier})`, false)));
    const scope = choice(def.scopes, 'assess-scope');
    const vulnerability = choice(def.vulnerabilities, 'assess-vulnerability');
    const likelihood = h('select', { required: true, 'data-testid': 'assess-likelihood' },
      option('', 'Choose…', true), ...def.likelihoods.map((l) => option(l, sentence(l), false)));
    const confidence = h('select', { required: true, 'data-testid': 'assess-confidence' },
      option('', 'Choose…', true), ...['low', 'medium', 'high'].map((c) => option(c, sentence(c), false)));
    const type = h('select', { 'data-testid': 'assess-type' },
      ...['Tactical', 'Strategic'].map((x) => option(x, x, x === (t.assessment_type || 'Tactical'))));
    // A choice's meaning under its field, as it is chosen.
    const noted = (sel: HTMLSelectElement, notes: Record<string, string>, first: string) => {
      const note = h('span', { class: 'hint', 'data-testid': `${sel.dataset.testid}-note` }, first);
      sel.addEventListener('change', () => { note.textContent = notes[sel.value] ?? first; });
      return note;
    };
    const choiceField = (label: string, sel: HTMLSelectElement, notes: Record<string, string>, first: string) => {
      const f = field(label, sel);
      f.append(noted(sel, notes, first));
      return f;
    };
    const factorField = (name: string, sel: HTMLSelectElement) => field(sentence(name), sel, FACTOR_NOTES[name]);
    const rationale = h('textarea', { rows: '4', required: true, 'data-testid': 'assess-rationale' }) as HTMLTextAreaElement;
    const rationaleCount = h('span', { class: 'hint', 'aria-live': 'polite', 'data-testid': 'assess-rationale-count' }, `0 of ${MAX_RATIONALE} characters`);
    rationale.addEventListener('input', () => {
      const n = characters(rationale.value);
      rationaleCount.textContent = `${n} of ${MAX_RATIONALE} characters`;
      rationaleCount.classList.toggle('over', n > MAX_RATIONALE);
    });
    const rationaleProblem = (): string | null => {
      if (!rationale.value.trim()) return 'Say why you scored the threat as you did.';
      const n = characters(rationale.value);
      if (n > MAX_RATIONALE) return `The rationale is ${n} characters long; keep it to ${MAX_RATIONALE}.`;
      return null;
    };
    const rationaleField = field('Rationale', rationale, 'Why you scored the factors as you did: the evidence the moderator will weigh.');
    rationaleField.append(rationaleCount);
    const live = h('output', { class: 'live-score', 'aria-live': 'polite', 'data-testid': 'assess-live', 'data-state': 'incomplete' },
      'Score every factor to see the priority and tier.');

    const harmSet = h('fieldset', { class: 'score-set', tabindex: '-1', 'data-testid': 'harm-fieldset' },
      h('legend', {}, `Harm (0–${def.harm_max} each)`),
      h('div', { class: 'score-grid' }, ...def.harm_elements.map((name, i) => factorField(name, harm[i]))));
    const orgSet = h('fieldset', { class: 'score-set', tabindex: '-1', 'data-testid': 'org-fieldset' },
      h('legend', {}, `Organisational position (0–${def.org_max} each)`),
      h('div', { class: 'score-grid' }, ...def.org_elements.map((name, i) => factorField(name, org[i]))));
    const alert = h('div', { class: 'alert error', role: 'alert', tabindex: '-1', 'data-testid': 'assess-error' });
    const submit = h('button', { type: 'submit', class: 'primary', 'data-testid': 'assess-submit' }, 'Record assessment');
    const form = h('form', { class: 'assess-form', novalidate: true, 'data-testid': 'assessment-form', 'aria-labelledby': 'assess-h' },
      h('p', { class: 'muted small', 'data-testid': 'assess-model' }, `Model: ${def.name || 'MoRiLE'}, version ${version}`),
      harmSet,
      h('fieldset', { class: 'score-set' },
        h('legend', {}, 'Scope, vulnerability and likelihood'),
        h('div', { class: 'score-grid wide' },
          choiceField('Scope', scope, SCOPE_NOTES, 'How far the harm reaches: it multiplies the harm.'),
          choiceField('Vulnerability', vulnerability, VULNERABILITY_NOTES, 'How vulnerable the victims are: it multiplies the harm.'),
          choiceField('Likelihood', likelihood, LIKELIHOOD_NOTES, 'How likely the harm is in the coming months, from remote to almost certain.'))),
      orgSet,
      h('fieldset', { class: 'score-set' },
        h('legend', {}, 'Confidence and type'),
        h('div', { class: 'score-grid wide' },
          choiceField('Confidence', confidence, CONFIDENCE_NOTES, 'How sure the assessment is; recorded beside the score, never folded in.'),
          field('Assessment type', type))),
      rationaleField,
      live,
      alert,
      h('div', { class: 'actions' }, submit));

    const errors = new FormErrors(alert);
    errors.add('harm', harm[0] ?? harmSet, harmSet);
    errors.add('org', org[0] ?? orgSet, orgSet);
    errors.add('scope', scope);
    errors.add('vulnerability', vulnerability);
    errors.add('likelihood', likelihood);
    errors.add('confidence', confidence);
    errors.add('assessment_type', type);
    // Its message stays while the rationale is still blank or too long, and goes once it is not.
    errors.add('rationale', rationale, undefined, () => rationaleProblem() === null);

    const factors = () => ({
      harm: harm.map((s) => Number(s.value)),
      scope: scope.value,
      vulnerability: vulnerability.value,
      likelihood: likelihood.value,
      org: org.map((s) => Number(s.value)),
      confidence: confidence.value,
      assessment_type: type.value,
      rationale: rationale.value,
    });
    // The live score: the server's rule (POST /api/v1/morile/score), once every factor has a
    // value; only the newest answer is shown.
    let asked = 0;
    let timer = 0;
    async function preview() {
      const complete = [...harm, ...org, scope, vulnerability, likelihood, confidence].every((x) => x.value !== '');
      if (!complete) {
        live.dataset.state = 'incomplete';
        live.textContent = 'Score every factor to see the priority and tier.';
        return;
      }
      const mine = ++asked;
      live.dataset.state = 'loading';
      try {
        const r = await request<{ score: AssessmentScore; tier: number }>('/api/v1/morile/score', { method: 'POST', body: factors() });
        if (mine !== asked || !alive) return;
        clear(live);
        live.append(h('span', {}, 'As scored now: '),
          h('strong', { 'data-testid': 'assess-live-priority' }, `priority ${score(r.score.priority)}`), ', ',
          h('strong', { 'data-testid': 'assess-live-tier' }, `tier ${r.tier}`),
          h('span', { class: 'muted small' }, ` (harm ${score(r.score.total_harm)} × likelihood ${r.score.likelihood_score} = risk ${score(r.score.risk)}; organisational position ${r.score.organisational_position})`));
        live.dataset.state = 'ready';
        live.dataset.priority = String(r.score.priority);
        live.dataset.tier = String(r.tier);
      } catch (e) {
        if (mine !== asked || !alive) return;
        live.dataset.state = 'error';
        live.textContent = `Could not score: ${problemText(e)}`;
      }
    }
    form.addEventListener('change', () => {
      window.clearTimeout(timer);
      timer = window.setTimeout(() => void preview(), 150);
    });

    form.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      errors.clear();
      const missingHarm = harm.findIndex((s) => s.value === '');
      if (missingHarm >= 0) {
        errors.field('harm', `Score ${def.harm_elements[missingHarm]} harm.`, false);
        harm[missingHarm].focus();
        return;
      }
      for (const [sel, name, text] of [
        [scope, 'scope', 'Choose the scope.'],
        [vulnerability, 'vulnerability', 'Choose the vulnerability.'],
        [likelihood, 'likelihood', 'Choose the likelihood.'],
      ] as const) {
        if (!sel.value) {
          errors.field(name, text);
          return;
        }
      }
      const missingOrg = org.findIndex((s) => s.value === '');
      if (missingOrg >= 0) {
        errors.field('org', `Score ${def.org_elements[missingOrg]}.`, false);
        org[missingOrg].focus();
        return;
      }
      if (!confidence.value) {
        errors.field('confidence', 'Choose the confidence.');
        return;
      }
      const why = rationaleProblem();
      if (why) {
        errors.field('rationale', why);
        return;
      }

      submit.disabled = true;
      submit.textContent = 'Recording…';
      try {
        const a = await request<Assessment>(`/api/v1/threats/${t.id}/assessments`, {
          method: 'POST',
          body: factors(),
        });
        if (!alive) return;
        // Recorded once: the button stays off so a second click cannot record it twice.
        submit.textContent = `Recorded as version ${a.version}`;
        submit.setAttribute('data-recorded', 'true');
        showResult(a);
        onAssessed(a);
        void loadHistory();
        return;
      } catch (e) {
        if (!alive) return;
        errors.problem(e, 'The assessment could not be recorded.');
        if (!alert.hidden) alert.focus();
      }
      submit.disabled = false;
      submit.textContent = 'Record assessment';
    });
    return form;
  }

  function showResult(a: Assessment) {
    clear(result);
    const s = a.score;
    append(result, [
      h('h3', {}, `Assessment recorded: version ${a.version}`),
      a.siu_signal ? siuWarning(a) : null,
      h('dl', { class: 'result-facts' },
        resultFact('Total harm', score(s.total_harm), 'result-total-harm'),
        resultFact('Risk', score(s.risk), 'result-risk'),
        resultFact('Priority', score(s.priority), 'result-priority', true),
        resultFact('Tier', String(a.tier ?? s.tier), 'result-tier', true),
        resultFact('Reassess by', date(a.reassess_by), 'result-reassess-by'),
        resultFact('Status', a.status, 'result-status')),
      h('p', { class: 'muted small' }, 'A moderator, not you, approves or returns it. It reaches the master list once approved.'),
    ]);
    result.hidden = false;
    result.focus();
  }

  return {
    nodes: [assessSection, historySection],
    start(focusForm) {
      void loadModel(focusForm);
      void loadHistory();
    },
    dispose() {
      alive = false;
    },
  };
}

function resultFact(term: string, value: string, testid: string, strong = false): HTMLDivElement {
  return h('div', { class: strong ? 'fact strong' : 'fact' }, h('dt', {}, term), h('dd', { 'data-testid': testid }, value));
}

/** The SIU check's warning: only the compartments the server names. */
export function siuWarning(a: Assessment): HTMLElement {
  const compartments = a.siu_compartments ?? [];
  const id = uid('siu');
  return h('div', { class: 'siu-warning', role: 'alert', 'aria-labelledby': id, 'data-testid': 'siu-warning' },
    h('p', { class: 'siu-heading', id }, h('span', { class: 'siu-icon', 'aria-hidden': 'true' }, '!'), SIU_HEADING),
    a.siu_message ? h('p', { 'data-testid': 'siu-message' }, a.siu_message) : null,
    compartments.length
      ? h('p', { class: 'siu-compartments' }, 'Compartment', compartments.length > 1 ? 's' : '', ': ',
        ...compartments.flatMap((c, i) => [i ? ', ' : '', h('strong', { 'data-testid': 'siu-compartment' }, c)]))
      : null);
}

function historyTable(list: Assessment[]): HTMLElement {
  const newestFirst = list.slice().sort((a, b) => b.version - a.version);
  return h('div', { class: 'table-wrap' },
    h('table', { class: 'data history', 'data-testid': 'history-table' },
      h('caption', { class: 'visually-hidden' }, 'Assessments of this threat, newest first'),
      h('thead', {}, h('tr', {}, ...HISTORY_COLUMNS.map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', {}, ...newestFirst.map((a) =>
        h('tr', { 'data-testid': 'history-row', 'data-id': a.id, 'data-version': a.version },
          h('th', { scope: 'row', 'data-label': HISTORY_COLUMNS[0] }, String(a.version)),
          h('td', { 'data-label': HISTORY_COLUMNS[1], class: 'num' }, String(a.model_version)),
          h('td', { 'data-label': HISTORY_COLUMNS[2], class: 'num', 'data-testid': 'history-priority' }, score(a.score?.priority)),
          h('td', { 'data-label': HISTORY_COLUMNS[3], class: 'num', 'data-testid': 'history-tier' },
            String(a.tier),
            a.moderated_tier !== null && a.moderated_tier !== undefined && a.moderated_tier !== a.score?.tier
              ? h('span', { class: 'muted small' }, ` (scored ${a.score?.tier}, moderated)`) : null),
          h('td', { 'data-label': HISTORY_COLUMNS[4] }, a.assessment_type || '—'),
          h('td', { 'data-label': HISTORY_COLUMNS[5], 'data-testid': 'history-status' },
            h('span', { class: `status status-${a.status.toLowerCase().replace(/\s+/g, '-')}` }, a.status)),
          h('td', { 'data-label': HISTORY_COLUMNS[6], class: 'note', 'data-testid': 'history-rationale' }, a.rationale || '—'),
          h('td', { 'data-label': HISTORY_COLUMNS[7], class: 'note' }, a.moderation_note || '—'),
          h('td', { 'data-label': HISTORY_COLUMNS[8] }, dateTime(a.assessed_at)),
          h('td', { 'data-label': HISTORY_COLUMNS[9] }, a.moderated_at ? dateTime(a.moderated_at) : '—'),
          h('td', { 'data-label': HISTORY_COLUMNS[10] },
            a.siu_signal ? h('span', { class: 'badge badge-siu', title: (a.siu_compartments ?? []).join(', ') }, 'SIU') : '—'))))));
}
