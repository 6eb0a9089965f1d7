// Protective marking: the badge in lists and the banner on a record page.

import { h } from './dom';
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
