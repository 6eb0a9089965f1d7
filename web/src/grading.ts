// The 3x5x2 grading of an intelligence report (College of Policing APP): source
// evaluation 1-3, intelligence assessment A-E, handling code P or C with its conditions.
// The editor prevents what validate_intelligence and validate_marking refuse: C needs its
// conditions, P has none (the box is disabled and emptied), assessment E is handled under
// C only (P is disabled while E is chosen).

import { field, h, option, uid } from './dom';
import type { FormErrors } from './forms';

export const SOURCE_EVALUATIONS: [string, string][] = [
  ['1', '1 — reliable'],
  ['2', '2 — untested'],
  ['3', '3 — not reliable'],
];

export const ASSESSMENTS: [string, string][] = [
  ['A', 'A — known directly'],
  ['B', 'B — known indirectly, corroborated'],
  ['C', 'C — known indirectly'],
  ['D', 'D — not known'],
  ['E', 'E — suspected false or malicious'],
];

export interface Grading {
  source_evaluation: number;
  intelligence_assessment: string;
  handling_code: 'P' | 'C';
  handling_conditions: string;
}

export interface GradingEditor {
  node: HTMLElement;
  /** The grading, or null after showing why it cannot be sent. */
  value(errors: FormErrors): Grading | null;
}

export function gradingEditor(o: { prefix: string; errors: FormErrors; initial?: Partial<Grading> }): GradingEditor {
  const init = o.initial ?? {};
  const evaluation = h('select', { name: 'source_evaluation', 'data-testid': `${o.prefix}-source-evaluation` },
    ...SOURCE_EVALUATIONS.map(([v, t]) => option(v, t, v === String(init.source_evaluation ?? 2))));
  const assessment = h('select', { name: 'intelligence_assessment', 'data-testid': `${o.prefix}-assessment` },
    ...ASSESSMENTS.map(([v, t]) => option(v, t, v === (init.intelligence_assessment ?? 'C'))));

  const group = uid('handling');
  const radio = (code: 'P' | 'C', text: string) => {
    const id = uid('f');
    const input = h('input', { type: 'radio', name: group, id, value: code, 'data-testid': `${o.prefix}-handling-${code}` });
    return { input, wrap: h('div', { class: 'check' }, input, h('label', { for: id }, text)) };
  };
  const p = radio('P', 'P — lawful sharing permitted');
  const c = radio('C', 'C — sharing under conditions');
  (init.handling_code === 'C' ? c : p).input.checked = true;
  const handlingNote = h('p', { class: 'hint', 'data-testid': `${o.prefix}-handling-note`, 'aria-live': 'polite' });
  const handling = h('fieldset', { class: 'subfield radio-row', 'data-testid': `${o.prefix}-handling` },
    h('legend', {}, 'Handling code'), p.wrap, c.wrap, handlingNote);
  const conditions = h('textarea', { name: 'handling_conditions', rows: '2', maxlength: '2000', 'data-testid': `${o.prefix}-conditions` });
  conditions.value = init.handling_conditions ?? '';
  const conditionsField = field('Handling conditions', conditions, 'Required with C: who may receive it and on what terms.');

  const node = h('fieldset', { class: 'panel-section', 'data-testid': `${o.prefix}-grading` },
    h('legend', {}, 'Grading (3x5x2)'),
    h('div', { class: 'form-grid' },
      field('Source evaluation', evaluation),
      field('Intelligence assessment', assessment),
      h('div', { class: 'span-2' }, handling),
      h('div', { class: 'span-2' }, conditionsField)));

  o.errors.add('source_evaluation', evaluation);
  o.errors.add('intelligence_assessment', assessment);
  o.errors.add('marking.handling_code', handling, handling);
  o.errors.add('marking.handling_conditions', conditions);

  function sync() {
    const e = assessment.value === 'E';
    p.input.disabled = e;
    if (e && p.input.checked) {
      p.input.checked = false;
      c.input.checked = true;
    }
    handlingNote.textContent = e ? 'Assessed E: the report can only be handled under C, with its conditions.' : '';
    const isC = c.input.checked;
    conditions.disabled = !isC;
    conditions.required = isC;
    conditionsField.hidden = !isC;
    // P carries no conditions: what was typed for C is not sent.
    if (!isC) conditions.value = '';
  }
  assessment.addEventListener('change', sync);
  p.input.addEventListener('change', sync);
  c.input.addEventListener('change', sync);
  sync();

  return {
    node,
    value(errors) {
      const code = c.input.checked ? 'C' : 'P';
      const text = conditions.value.trim();
      if (assessment.value === 'E' && code !== 'C') {
        errors.field('marking.handling_code', 'Assessment E needs handling code C with conditions.');
        return null;
      }
      if (code === 'C' && !text) {
        errors.field('marking.handling_conditions', 'State the conditions that go with handling code C.');
        return null;
      }
      return {
        source_evaluation: Number(evaluation.value),
        intelligence_assessment: assessment.value,
        handling_code: code,
        handling_conditions: code === 'C' ? text : '',
      };
    },
  };
}
