// Nominate a threat: POST /api/v1/nominations with the new threat, the rationale, a
// provisional priority and optional evidence; on success, on to the new threat's page.

import { request } from './api';
import { clear, field, h, option, uid } from './dom';
import { FormErrors } from './forms';
import { agencies } from './refdata';
import { href, navigate, type View } from './router';
import type { Agency, Nomination } from './types';

export const THREAT_TYPES = ['OCG', 'Priority individual', 'Vulnerability'];
export const CRIME_TYPES = [
  'Child sexual abuse and exploitation',
  'Modern slavery and human trafficking',
  'Organised immigration crime',
  'Drug supply',
  'Firearms',
  'Organised acquisitive crime',
  'Money laundering',
  'Fraud',
  'Bribery, corruption and sanctions evasion',
  'Cyber crime',
];
const PRIORITIES: [string, string][] = [
  ['1', '1 — urgent'],
  ['2', '2 — high'],
  ['3', '3 — medium'],
  ['4', '4 — routine'],
];
const SCOPES: [string, string][] = [
  ['owner', 'Owning agency only'],
  ['named', 'Owner and named agencies'],
  ['region', 'Owner and law enforcement in the region'],
  ['national', 'All law enforcement agencies'],
];
const EVIDENCE_KINDS: [string, string][] = [
  ['nominal', 'Nominal'],
  ['intelligence', 'Intelligence report'],
];

export function nominateView(): View {
  let alive = true;

  // --- the threat
  const name = h('input', { type: 'text', name: 'name', maxlength: '200', required: true, autocomplete: 'off', 'data-testid': 'nominate-name' });
  const threatType = h('select', { name: 'threat_type', 'data-testid': 'nominate-threat-type' },
    ...THREAT_TYPES.map((t, i) => option(t, t, i === 0)));
  const crimeType = h('select', { name: 'primary_crime_type', 'data-testid': 'nominate-crime-type' },
    option('', 'Choose a crime type', true), ...CRIME_TYPES.map((t) => option(t, t, false)));
  const countyLinesId = uid('f');
  const countyLines = h('input', { type: 'checkbox', id: countyLinesId, name: 'county_lines', 'data-testid': 'nominate-county-lines' });
  const description = h('textarea', { name: 'description', rows: '4', maxlength: '20000', 'data-testid': 'nominate-description' });

  // --- the marking
  const classification = h('select', { name: 'classification', 'data-testid': 'nominate-classification' },
    option('OFFICIAL', 'OFFICIAL', true), option('SECRET', 'SECRET', false));
  const sensitiveId = uid('f');
  const sensitive = h('input', { type: 'checkbox', id: sensitiveId, name: 'sensitive', 'data-testid': 'nominate-sensitive' });
  const sensitiveField = h('div', { class: 'field checkbox' }, sensitive, h('label', { for: sensitiveId }, 'OFFICIAL-SENSITIVE'));
  const scope = h('select', { name: 'scope', 'data-testid': 'nominate-scope' },
    ...SCOPES.map(([v, t]) => option(v, t, v === 'region')));
  const sharedBox = h('div', { class: 'check-grid', 'data-testid': 'nominate-shared-with' },
    h('p', { class: 'muted' }, 'Loading agencies…'));
  const sharedLegend = h('legend', {}, 'Shared with (named agencies)');
  const shared = h('fieldset', { class: 'subfield', hidden: true, tabindex: '-1' }, sharedLegend,
    h('p', { class: 'hint' }, 'The agencies, besides the owner, that may see this threat.'), sharedBox);

  // --- the nomination
  const rationale = h('textarea', { name: 'rationale', rows: '4', maxlength: '20000', required: true, 'data-testid': 'nominate-rationale' });
  const priority = h('select', { name: 'provisional_priority', 'data-testid': 'nominate-priority' },
    ...PRIORITIES.map(([v, t]) => option(v, t, v === '3')));

  // --- evidence
  const evidenceRows = h('ul', { class: 'evidence-rows', 'data-testid': 'evidence-rows' });
  const addEvidence = h('button', { type: 'button', 'data-testid': 'evidence-add' }, '+ Add evidence');
  const evidence = h('fieldset', { class: 'panel-section', tabindex: '-1' },
    h('legend', {}, 'Evidence (optional)'),
    h('p', { class: 'hint' }, 'Nominals or intelligence reports that support the nomination, by their id. Each is linked to the new threat.'),
    evidenceRows, addEvidence);

  const submit = h('button', { type: 'submit', class: 'primary', 'data-testid': 'nominate-submit' }, 'Nominate threat');
  const alert = h('div', { class: 'alert error', role: 'alert', 'data-testid': 'nominate-error' });
  const errors = new FormErrors(alert);

  const nameField = field('Threat name', name, 'A working name for the group, person or place.');
  const form = h(
    'form',
    { class: 'panel form-panel', novalidate: true, 'data-testid': 'nominate-form', 'aria-labelledby': 'nominate-h' },
    h('fieldset', { class: 'panel-section' },
      h('legend', {}, 'The threat'),
      h('div', { class: 'form-grid' },
        h('div', { class: 'span-2' }, nameField),
        field('Threat type', threatType),
        field('Primary crime type', crimeType),
        h('div', { class: 'field checkbox span-2' }, countyLines, h('label', { for: countyLinesId }, 'County lines')),
        h('div', { class: 'span-2' }, field('Description', description)))),
    h('fieldset', { class: 'panel-section' },
      h('legend', {}, 'Protective marking'),
      h('div', { class: 'form-grid' },
        field('Classification', classification),
        sensitiveField,
        h('div', { class: 'span-2' }, field('Sharing', scope)),
        h('div', { class: 'span-2' }, shared))),
    h('fieldset', { class: 'panel-section' },
      h('legend', {}, 'Nomination'),
      h('div', { class: 'form-grid' },
        h('div', { class: 'span-2' }, field('Rationale', rationale, 'Why this threat should be assessed for the master list. Required.')),
        field('Provisional priority', priority, '1 is urgent, 4 is routine.'))),
    evidence,
    alert,
    h('div', { class: 'actions' }, submit, h('a', { href: href('/queue'), class: 'button' }, 'Cancel')),
  );

  errors.add('name', name);
  errors.add('threat_type', threatType);
  errors.add('primary_crime_type', crimeType);
  errors.add('county_lines', countyLines, countyLines.parentElement!);
  errors.add('description', description);
  errors.add('marking.classification', classification);
  errors.add('marking.sensitive', sensitive, sensitiveField);
  errors.add('marking.scope', scope);
  errors.add('marking.shared_with', shared, shared);
  errors.add('marking', classification);
  errors.add('rationale', rationale);
  errors.add('provisional_priority', priority);
  errors.add('evidence', evidence, evidence);

  function syncMarking() {
    const secret = classification.value !== 'OFFICIAL';
    sensitive.disabled = secret;
    if (secret) sensitive.checked = false;
    shared.hidden = scope.value !== 'named';
  }
  classification.addEventListener('change', syncMarking);
  scope.addEventListener('change', syncMarking);
  syncMarking();

  function fillAgencies(list: Agency[]) {
    clear(sharedBox);
    for (const a of list.slice().sort((x, y) => x.code.localeCompare(y.code))) {
      const id = uid('share');
      sharedBox.append(
        h('div', { class: 'check' },
          h('input', { type: 'checkbox', id, value: a.code, name: 'shared_with', 'data-testid': `share-${a.code}` }),
          h('label', { for: id, title: a.name }, a.code, h('span', { class: 'muted' }, a.name ? ` — ${a.name}` : ''))),
      );
    }
  }

  function addEvidenceRow(kind = 'nominal', id = '') {
    const kindSel = h('select', { 'data-testid': 'evidence-kind' }, ...EVIDENCE_KINDS.map(([v, t]) => option(v, t, v === kind)));
    const idInput = h('input', { type: 'number', min: '1', step: '1', inputmode: 'numeric', value: id, 'data-testid': 'evidence-id' });
    const remove = h('button', { type: 'button', class: 'link-button', 'data-testid': 'evidence-remove' }, 'Remove');
    const n = evidenceRows.children.length + 1;
    const li = h('li', { class: 'evidence-row', 'data-testid': 'evidence-row' },
      field(`Kind (evidence ${n})`, kindSel), field(`Id (evidence ${n})`, idInput), h('div', { class: 'field reset' }, remove));
    remove.addEventListener('click', () => {
      li.remove();
      addEvidence.focus();
    });
    evidenceRows.append(li);
    return idInput;
  }
  addEvidence.addEventListener('click', () => addEvidenceRow().focus());

  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    errors.clear();
    // Checks the browser can make; the server makes them all again.
    if (!name.value.trim()) {
      errors.field('name', 'Enter a name for the threat.');
      return;
    }
    if (!rationale.value.trim()) {
      errors.field('rationale', 'Say why the threat is nominated.');
      return;
    }
    const sharedWith = scope.value === 'named'
      ? [...sharedBox.querySelectorAll<HTMLInputElement>('input[type=checkbox]:checked')].map((c) => c.value)
      : [];
    if (scope.value === 'named' && sharedWith.length === 0) {
      errors.field('marking.shared_with', 'Choose at least one agency to share with, or another sharing scope.');
      return;
    }
    const items: { kind: string; id: number }[] = [];
    for (const row of evidenceRows.querySelectorAll('li')) {
      const kind = row.querySelector<HTMLSelectElement>('select')!.value;
      const input = row.querySelector<HTMLInputElement>('input')!;
      const raw = input.value.trim();
      if (!raw) continue;
      if (!/^[1-9][0-9]{0,17}$/.test(raw)) {
        errors.field('evidence', 'An evidence id is a whole number above 0.', false);
        input.focus();
        return;
      }
      items.push({ kind, id: Number(raw) });
    }
    const body = {
      threat: {
        name: name.value.trim(),
        threat_type: threatType.value,
        primary_crime_type: crimeType.value,
        county_lines: countyLines.checked,
        description: description.value.trim(),
        marking: {
          classification: classification.value,
          sensitive: classification.value === 'OFFICIAL' && sensitive.checked,
          scope: scope.value,
          shared_with: sharedWith,
        },
      },
      rationale: rationale.value.trim(),
      provisional_priority: Number(priority.value),
      evidence: items,
    };
    submit.disabled = true;
    submit.textContent = 'Nominating…';
    try {
      const n = await request<Nomination>('/api/v1/nominations', { method: 'POST', body });
      if (!alive) return;
      navigate(href(`/threats/${n.threat_id || n.threat?.id}`, { nominated: String(n.id) }));
      return;
    } catch (e) {
      if (!alive) return;
      errors.problem(e, 'The nomination could not be saved.');
      if (!alert.hidden) alert.focus();
    }
    submit.disabled = false;
    submit.textContent = 'Nominate threat';
  });
  alert.setAttribute('tabindex', '-1');

  return {
    title: 'Nominate a threat',
    render(main) {
      main.append(
        h('div', { class: 'page-head' },
          h('h1', { tabindex: '-1', id: 'nominate-h' }, 'Nominate a threat')),
        h('p', { class: 'muted lead' },
          'Any unit can nominate a threat for MoRiLE assessment. The nomination waits in the assessment queue until an assessor assesses, merges or rejects it — it is never dropped.'),
        form,
      );
      agencies()
        .then((list) => alive && fillAgencies(list))
        .catch(() => {
          if (!alive) return;
          clear(sharedBox);
          sharedBox.append(h('p', { class: 'alert error' }, 'Could not load the agencies.'));
        });
      return () => {
        alive = false;
      };
    },
  };
}
