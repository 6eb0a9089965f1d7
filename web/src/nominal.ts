// One nominal: GET /api/v1/nominals/{id} with its marking, details and links, the records
// of the same person other agencies hold ("Known elsewhere", from linkage) and what is held
// elsewhere on it ("Held by … — request access").

import { historyPanel } from './history';
import { getUser } from './api';
import { clear, h } from './dom';
import { date, dateTime, orDash } from './format';
import { knownElsewherePanel, MATCH_REVIEWERS } from './known';
import { markingBanner } from './marking';
import { linksSection, notFoundPage, openRecord, type RecordPanel } from './record-page';
import { href, type View } from './router';
import { scpoSubjectPanel } from './scpo';
import { signalsPanel, type SignalsPanel } from './signals';
import type { Nominal } from './types';

export function nominalView(rawId: string): View {
  let alive = true;
  let signals: SignalsPanel | null = null;
  let history: RecordPanel | null = null;
  let known: RecordPanel | null = null;
  const reviewer = (getUser()?.roles ?? []).some((r) => MATCH_REVIEWERS.includes(r));

  function showNominal(main: HTMLElement, n: Nominal, purpose: string | undefined) {
    document.title = `${n.reference || n.display_name} — Rocta`;
    const headers = purpose ? { 'X-Rocta-Purpose': purpose } : undefined;
    signals?.dispose();
    signals = signalsPanel('nominals', n.id, headers);
    history?.dispose();
    history = historyPanel('nominals', n.id);
    known?.dispose();
    known = knownElsewherePanel(n.id, { reviewer, headers });
    const facts: [string, string, string][] = [
      ['Reference', orDash(n.reference), 'reference'],
      ['Given names', orDash(n.given_names), 'given-names'],
      ['Surname', orDash(n.surname), 'surname'],
      ['Date of birth', date(n.date_of_birth), 'date-of-birth'],
      ['Sex', orDash(n.sex), 'sex'],
      ['Aliases', orDash(n.aliases), 'aliases'],
      ['Address', orDash(n.address), 'address'],
      ['Postcode', orDash(n.postcode), 'postcode'],
      ['Owning agency', orDash(n.marking?.owning_agency), 'owning-agency'],
      ['Version', String(n.version), 'version'],
      ['Updated', dateTime(n.updated_at), 'updated-at'],
    ];
    clear(main);
    main.append(
      markingBanner(n.marking, 'top'),
      h('article', { class: 'record', 'data-testid': 'nominal-page', 'data-id': n.id },
        h('p', { class: 'record-ref' }, orDash(n.reference)),
        h('h1', { tabindex: '-1', 'data-testid': 'nominal-name' }, n.display_name || `${n.given_names} ${n.surname}`),
        h('section', { 'aria-labelledby': 'nominal-facts-h' },
          h('h2', { id: 'nominal-facts-h' }, 'Details'),
          h('dl', { class: 'facts' }, ...facts.map(([t, v, id]) =>
            h('div', { class: 'fact' }, h('dt', {}, t), h('dd', { 'data-testid': `field-${id}` }, v))))),
        n.notes ? h('section', { 'aria-labelledby': 'nominal-notes-h' },
          h('h2', { id: 'nominal-notes-h' }, 'Notes'), h('p', { class: 'description' }, n.notes)) : null,
        h('section', { 'aria-labelledby': 'nominal-links-h' },
          h('h2', { id: 'nominal-links-h' }, `Links (${n.links?.length ?? 0})`),
          linksSection({ kind: 'nominal', id: n.id }, n.links ?? [], 'Records linked to this nominal')),
        h('p', {}, h('a', { href: href('/network', { around: `nominal:${n.id}` }), 'data-testid': 'nominal-network-link' },
          'Network: who and what this person is linked to')),
        known.node,
        scpoSubjectPanel(n.id),
        signals.node,
        history.node),
      markingBanner(n.marking, 'bottom'));
    main.querySelector<HTMLElement>('h1')?.focus();
    known.start();
    signals.start();
    history.start();
  }

  return {
    title: 'Nominal',
    render(main) {
      main.append(h('p', { class: 'muted' }, 'Loading…'));
      if (!/^[1-9][0-9]{0,17}$/.test(rawId)) notFoundPage(main, [href('/threats'), 'Back to threats']);
      else void openRecord<Nominal>({
        main, path: `/api/v1/nominals/${rawId}`, isAlive: () => alive, backTo: [href('/threats'), 'Back to threats'],
        shown: (n, purpose) => showNominal(main, n, purpose),
      })();
      return () => {
        alive = false;
        signals?.dispose();
        history?.dispose();
        known?.dispose();
        delete main.dataset.state;
      };
    },
  };
}
