// "Known elsewhere": the records of the same person that linkage found, as one list for
// the nominal page (GET /api/v1/nominals/{id}/known-elsewhere), the check before recording
// a nominal (POST /api/v1/nominals/lookup) and the answer to recording one. Records the
// reader may read are shown and linked; the others are signalled ("Known to the NCA") with
// the request-access action of the Held elsewhere panel.

import { request } from './api';
import { h } from './dom';
import { date, percent } from './format';
import { recordHref, recordPanel, type RecordPanel } from './record-page';
import { href } from './router';
import { signalItem } from './signals';
import type { KnownElsewhere, KnownNominal } from './types';

/** Roles that review matches and start runs (may_review_matches, may_run_matching in src/core/linkage.cc). */
export const MATCH_REVIEWERS = ['analyst', 'rocta_analyst', 'siu_officer'];
export const MATCH_RUNNERS = ['rocta_analyst', 'administrator'];

export const NONE_KNOWN_TEXT = 'No other agency\'s record of this person is known.';

function verdict(k: KnownNominal): [string, string] {
  if (k.same_person) {
    if (k.status === 'confirmed') return ['Same person', 'Confirmed by a reviewer.'];
    if (k.status === 'linked') return ['Same person', 'Joined by the matching engine; a reviewer may still separate them.'];
    // Joined through other records of the person; this pair itself is not (yet) joined.
    return ['Same person', k.status === 'review'
      ? 'Through other records joined to this one; this pair itself awaits review.'
      : 'Through other records joined to this one.'];
  }
  if (k.match_id === null) return ['Possible match', 'Found by the lookup just now; not yet stored for review.'];
  if (k.status === 'review') return ['Possible match — awaiting review', 'An analyst decides whether these are one person.'];
  return ['Possible match', ''];
}

function knownItem(k: KnownNominal, reviewer: boolean): HTMLElement {
  const n = k.nominal;
  const [said, detail] = verdict(k);
  const to = recordHref('nominal', n.id)!;
  return h('li', {
    class: `known ${k.same_person ? 'known-same' : 'known-possible'}`, 'data-testid': 'known-item',
    'data-nominal-id': n.id, 'data-status': k.status, 'data-same-person': String(k.same_person), 'data-match-id': k.match_id ?? '',
  },
  h('p', {},
    h('strong', { 'data-testid': 'known-verdict' }, said), ' — ',
    h('span', { class: 'agency-code', 'data-testid': 'known-agency' }, n.marking?.owning_agency ?? ''), ' · ',
    h('span', { 'data-testid': 'known-probability' }, `${percent(k.probability)} likely`)),
  h('p', {},
    h('a', { href: to, 'data-testid': 'known-open' }, n.reference || `Nominal ${n.id}`), ': ',
    h('span', { 'data-testid': 'known-name' }, n.display_name || `${n.given_names} ${n.surname}`.trim()),
    `, born ${date(n.date_of_birth)}`,
    n.postcode ? `, ${n.postcode}` : ''),
  detail || (reviewer && k.match_id !== null)
    ? h('p', { class: 'hint' }, detail,
      reviewer && k.match_id !== null
        ? [detail ? ' ' : '', h('a', { href: href('/matches', { status: k.status, match: String(k.match_id) }), 'data-testid': 'known-review' }, 'Open the match')]
        : null)
    : null);
}

/**
 * The shown and signalled records of one answer. `reviewer`: link each stored match to the
 * review queue. `empty`: what to say when nothing is known.
 */
export function knownList(k: KnownElsewhere, o: { isAlive: () => boolean; reviewer: boolean; empty?: string }): HTMLElement {
  const shown = k.shown.slice().sort((x, y) => Number(y.same_person) - Number(x.same_person) || y.probability - x.probability);
  const wrap = h('div', { class: 'known-elsewhere', 'data-testid': 'known-list', 'data-shown': shown.length, 'data-signalled': k.signalled.length });
  if (!shown.length && !k.signalled.length) {
    wrap.append(h('p', { class: 'muted', 'data-testid': 'known-empty' }, o.empty ?? NONE_KNOWN_TEXT));
    return wrap;
  }
  if (shown.length) wrap.append(h('ul', { class: 'known-list', 'data-testid': 'known-shown' }, ...shown.map((x) => knownItem(x, o.reviewer))));
  if (k.signalled.length) {
    wrap.append(
      h('p', { class: 'hint' }, 'Records of this person you cannot read. You see who holds them, not what they say: ask the holder, giving your purpose.'),
      h('ul', { class: 'signal-list', 'data-testid': 'known-signalled' },
        ...k.signalled.map((s) => signalItem(s, { isAlive: o.isAlive, holderText: `Known to ${s.holder}` }))));
  }
  return wrap;
}

/** The nominal page's panel. */
export function knownElsewherePanel(nominalId: number, o: { reviewer: boolean; headers?: Record<string, string> }): RecordPanel {
  return recordPanel({
    heading: 'Known elsewhere', headingId: 'known-h', className: 'known-panel', testid: 'known-elsewhere',
    errorTestid: 'known-error', errorText: 'Could not check who else knows this person.',
    fetch: () => request<KnownElsewhere>(`/api/v1/nominals/${nominalId}/known-elsewhere`, { headers: o.headers }),
    draw: (k, isAlive) => [knownList(k, { isAlive, reviewer: o.reviewer })],
  });
}
