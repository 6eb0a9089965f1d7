// Protective marking: the badge in lists, the banner on a record page, and the editor the
// intelligence forms share (markingEditor), which refuses the combinations that
// validate_marking (src/core/marking.h) refuses before the server has to.

import { clear, field, h, option, uid } from './dom';
import type { FormErrors } from './forms';
import { agencies } from './refdata';
import type { Marking } from './types';

const SCOPE_TEXT: Record<string, string> = {
  owner: 'Owning agency only',
  named: 'Owner and named agencies',
  region: 'Owner and law enforcement in the region',
  national: 'All law enforcement agencies',
};

export function scopeText(scope: string): string {
  return SCOPE_TEXT[scope] ?? scope;
}

/** The label the server gives, or one built from the classification. */
export function markingLabel(m: Marking): string {
  if (m.label) return m.label;
  if (m.classification === 'OFFICIAL' && m.sensitive) return 'OFFICIAL-SENSITIVE';
  return m.classification || 'UNMARKED';
}

/** A CSS modifier for the marking's colour. */
export function markingClass(m: Marking): string {
  const label = markingLabel(m).toUpperCase();
  if (label.startsWith('TOP SECRET')) return 'mark-top-secret';
  if (label.startsWith('SECRET')) return 'mark-secret';
  if (label.includes('SENSITIVE')) return 'mark-sensitive';
  return 'mark-official';
}

export function markingBadge(m: Marking): HTMLSpanElement {
  return h('span', { class: `badge ${markingClass(m)}`, 'data-testid': 'marking-badge' }, markingLabel(m));
}

/** The banner shown at the top and the bottom of a record, like a protective marking. */
export function markingBanner(m: Marking, where: 'top' | 'bottom'): HTMLElement {
  const handling =
    m.handling_code === 'C' && m.handling_conditions
      ? `C: ${m.handling_conditions}`
      : m.handling_code === 'P'
        ? 'P: lawful sharing permitted'
        : m.handling_code || 'none';
  const shared = m.shared_with && m.shared_with.length ? m.shared_with.join(', ') : 'none';
  return h(
    'section',
    {
      class: `banner ${markingClass(m)}`,
      'data-testid': `marking-banner-${where}`,
      'aria-label': `Protective marking (${where})`,
    },
    h('p', { class: 'banner-label', 'data-testid': 'marking-label' }, markingLabel(m)),
    h(
      'dl',
      { class: 'banner-facts' },
      fact('Handling', handling, 'marking-handling'),
      m.compartment ? fact('Compartment', m.compartment, 'marking-compartment') : null,
      fact('Sharing', scopeText(m.scope), 'marking-scope'),
      fact('Shared with', shared, 'marking-shared-with'),
      fact('Owner', [m.owning_agency, m.owning_region].filter(Boolean).join(', '), 'marking-owner'),
    ),
  );
}

function fact(term: string, value: string, testid: string): HTMLDivElement {
  return h('div', { class: 'fact' }, h('dt', {}, term), h('dd', { 'data-testid': testid }, value));
}

// ------------------------------------------------------------------ the editor

export const CLASSIFICATIONS = ['OFFICIAL', 'SECRET', 'TOP SECRET'];
const SCOPE_CHOICES: [string, string][] = [
  ['owner', 'Owning agency only'],
  ['named', 'Owner and named agencies'],
  ['region', 'Owner and law enforcement in the region'],
  ['national', 'All law enforcement agencies'],
];

/** What a form sends as `marking` (the handling code comes from the grading editor). */
export interface MarkingDraft {
  classification: string;
  sensitive: boolean;
  scope: string;
  shared_with: string[];
}

export interface MarkingEditor {
  node: HTMLElement;
  /**
   * Fetches the agencies and offers those that may be named (never the owner: the server
   * refuses that); says so in the form when it cannot.
   */
  offerAgencies(owner: string, isAlive: () => boolean): void;
  /** The marking, or null after showing why it cannot be sent. */
  value(errors: FormErrors): MarkingDraft | null;
}

/**
 * Classification, OFFICIAL-SENSITIVE, sharing scope and the named agencies. It prevents what
 * the server refuses: OFFICIAL-SENSITIVE is offered only with OFFICIAL, an owner-only record
 * names nobody (the list is hidden and emptied), a named scope needs one agency. Classes above
 * `clearance` are not offered.
 */
export function markingEditor(o: { prefix: string; clearance: string; errors: FormErrors; scope?: string }): MarkingEditor {
  const allowed = CLASSIFICATIONS.slice(0, Math.max(1, CLASSIFICATIONS.indexOf(o.clearance) + 1));
  const classification = h('select', { name: 'classification', 'data-testid': `${o.prefix}-classification` },
    ...allowed.map((c, i) => option(c, c, i === 0)));
  const sensitiveId = uid('f');
  const sensitive = h('input', { type: 'checkbox', id: sensitiveId, name: 'sensitive', 'data-testid': `${o.prefix}-sensitive` });
  const sensitiveHint = h('p', { class: 'hint', id: `${sensitiveId}-hint` }, 'A need-to-know marking within OFFICIAL only.');
  sensitive.setAttribute('aria-describedby', sensitiveHint.id);
  const sensitiveField = h('div', {}, h('div', { class: 'field checkbox' }, sensitive, h('label', { for: sensitiveId }, 'OFFICIAL-SENSITIVE')), sensitiveHint);
  const scope = h('select', { name: 'scope', 'data-testid': `${o.prefix}-scope` },
    ...SCOPE_CHOICES.map(([v, t]) => option(v, t, v === (o.scope ?? 'region'))));
  const sharedBox = h('div', { class: 'check-grid', 'data-testid': `${o.prefix}-shared-with` },
    h('p', { class: 'muted' }, 'Loading agencies…'));
  const shared = h('fieldset', { class: 'subfield', hidden: true, tabindex: '-1' },
    h('legend', {}, 'Shared with (named agencies)'),
    h('p', { class: 'hint' }, 'The agencies, besides the owner, that may read it. Choose at least one.'), sharedBox);

  const node = h('fieldset', { class: 'panel-section', 'data-testid': `${o.prefix}-marking` },
    h('legend', {}, 'Protective marking'),
    h('div', { class: 'form-grid' },
      field('Classification', classification),
      sensitiveField,
      h('div', { class: 'span-2' }, field('Sharing', scope)),
      h('div', { class: 'span-2' }, shared)));

  o.errors.add('marking.classification', classification);
  o.errors.add('marking.sensitive', sensitive, sensitiveField);
  o.errors.add('marking.scope', scope);
  o.errors.add('marking.shared_with', shared, shared);
  o.errors.add('marking', classification);

  function boxes(): HTMLInputElement[] {
    return [...sharedBox.querySelectorAll<HTMLInputElement>('input[type=checkbox]')];
  }

  function sync() {
    const official = classification.value === 'OFFICIAL';
    sensitive.disabled = !official;
    if (!official) sensitive.checked = false;
    const named = scope.value === 'named';
    shared.hidden = !named;
    // Only a named scope names agencies: anything ticked before is dropped, not sent.
    if (!named) for (const b of boxes()) b.checked = false;
  }
  classification.addEventListener('change', sync);
  scope.addEventListener('change', sync);
  sync();

  function setAgencies(list: { code: string; name: string }[], owner: string) {
    clear(sharedBox);
    for (const a of list.filter((x) => x.code !== owner).sort((x, y) => x.code.localeCompare(y.code))) {
      const id = uid('share');
      sharedBox.append(h('div', { class: 'check' },
        h('input', { type: 'checkbox', id, value: a.code, name: 'shared_with', 'data-testid': `${o.prefix}-share-${a.code}` }),
        h('label', { for: id, title: a.name }, a.code, h('span', { class: 'muted' }, a.name ? ` — ${a.name}` : ''))));
    }
  }

  return {
    node,
    offerAgencies(owner, isAlive) {
      agencies()
        .then((list) => isAlive() && setAgencies(list, owner))
        .catch(() => isAlive() && o.errors.general('Could not load the agencies to share with.'));
    },
    value(errors) {
      const named = scope.value === 'named';
      const with_ = named ? boxes().filter((b) => b.checked).map((b) => b.value) : [];
      if (named && with_.length === 0) {
        errors.field('marking.shared_with', 'Choose at least one agency to share with, or another sharing scope.');
        return null;
      }
      return {
        classification: classification.value,
        sensitive: classification.value === 'OFFICIAL' && sensitive.checked,
        scope: scope.value,
        shared_with: with_,
      };
    },
  };
}
