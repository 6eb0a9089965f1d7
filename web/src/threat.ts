// One threat: GET /api/v1/threats/{id}, with the marking banner at top and bottom, all
// fields, and its links. SECRET and above need a purpose (428 → ask, retry with header).
// Below them: the MoRiLE assessment form and the assessment history (assessment.ts), then
// the threat's disruptions with the way to record one (disruptions.ts).

import { historyPanel } from './history';
import type { RecordPanel } from './record-page';
import { personName } from './people';
import { ApiError, purposeHeaders, rememberPurpose, request } from './api';
import { assessmentPanel, type AssessmentPanel } from './assessment';
import { disruptionSection } from './disruptions';
import { clear, field, h } from './dom';
import { date, dateTime, isOverdue, number, orDash, tierText, yesNo } from './format';
import { reassessCell } from './forms';
import { markingBanner } from './marking';
import { signalsPanel, type SignalsPanel } from './signals';
import { recordHref } from './record-page';
import { href, type View } from './router';
import type { Assessment, Link, RecordRef, Threat } from './types';
import { removeLinkCell } from './trust';

export const NOT_FOUND_TEXT = 'Not found, or you do not have access';

// Fields shown in the facts list, in order; anything else the server adds goes under
// "Other fields" so that nothing is hidden.
const KNOWN = new Set([
  'id', 'reference', 'name', 'description', 'threat_type', 'assessment_type', 'moderation_status',
  'soc', 'tier', 'phase', 'primary_crime_type', 'county_lines', 'morile_score', 'assessment_date',
  'lro_user_id', 'marking', 'version', 'created_at', 'updated_at', 'links', 'created_by', 'reassess_by',
]);

export function threatView(rawId: string, query: URLSearchParams = new URLSearchParams()): View {
  let alive = true;
  let main: HTMLElement;
  let panel: AssessmentPanel | null = null;
  let disruptions: ReturnType<typeof disruptionSection> | null = null;
  let signals: SignalsPanel | null = null;
  let history: RecordPanel | null = null;

  function show(...nodes: Node[]) {
    clear(main);
    main.append(...nodes);
  }

  function notFound() {
    document.title = 'Not found — Rocta';
    show(
      h('div', { class: 'not-found', 'data-testid': 'not-found' },
        h('h1', { tabindex: '-1' }, NOT_FOUND_TEXT),
        h('p', {}, h('a', { href: href('/threats') }, 'Back to threats'))),
    );
    focusHeading();
  }

  function focusHeading() {
    main.querySelector<HTMLElement>('h1')?.focus();
  }

  async function load(purpose?: string) {
    if (!/^[1-9][0-9]{0,17}$/.test(rawId)) {
      notFound();
      return;
    }
    main.dataset.state = 'loading';
    try {
      const t = await request<Threat>(`/api/v1/threats/${rawId}`, {
        headers: purpose ? { 'X-Rocta-Purpose': purpose } : undefined,
      });
      if (!alive) return;
      if (purpose) rememberPurpose(t.id, purpose);
      showThreat(t);
      main.dataset.state = 'ready';
    } catch (e) {
      if (!alive) return;
      main.dataset.state = 'error';
      if (e instanceof ApiError && e.status === 404) notFound();
      else if (e instanceof ApiError && e.status === 428) askPurpose(purpose ? 'That purpose was not accepted. ' + (e.problem.detail ?? '') : '');
      else if (e instanceof ApiError && e.status === 400 && purpose) askPurpose(e.problem.detail || e.problem.title);
      else if (e instanceof ApiError && e.status === 401) return; // main.ts has gone to sign-in
      else {
        show(
          h('h1', { tabindex: '-1' }, 'Could not open this record'),
          h('div', { class: 'alert error', role: 'alert', 'data-testid': 'threat-error' },
            e instanceof ApiError ? e.problem.detail || e.problem.title : 'Unexpected error.'),
          h('p', {}, h('a', { href: href('/threats') }, 'Back to threats')),
        );
        focusHeading();
      }
    }
  }

  function askPurpose(message: string) {
    document.title = 'Purpose required — Rocta';
    const text = h('textarea', { name: 'purpose', rows: '3', maxlength: '500', required: true, 'data-testid': 'purpose-input' });
    const error = h('div', { class: 'alert error', role: 'alert', hidden: !message, 'data-testid': 'purpose-error' }, message);
    const form = h(
      'form',
      { class: 'purpose-form', novalidate: true, 'data-testid': 'purpose-form' },
      h('h1', { tabindex: '-1' }, 'Why are you opening this record?'),
      h('p', {}, 'This record is classified SECRET or above. Your reason is recorded in the audit log with your name.'),
      field('Purpose', text, 'For example: the operation or tasking this supports.'),
      error,
      h('div', { class: 'actions' },
        h('button', { type: 'submit', class: 'primary', 'data-testid': 'purpose-submit' }, 'Open record'),
        h('a', { href: href('/threats'), class: 'button' }, 'Cancel')),
    );
    form.addEventListener('submit', (ev) => {
      ev.preventDefault();
      // A header value is one line of Latin-1 text.
      const purpose = text.value.replace(/\s+/g, ' ').trim();
      if (!purpose) {
        error.textContent = 'Enter a purpose.';
        error.hidden = false;
        text.focus();
        return;
      }
      if (/[^\x20-\x7e\u00a0-\u00ff]/.test(purpose)) {
        error.textContent = 'Use plain letters, numbers and punctuation.';
        error.hidden = false;
        text.focus();
        return;
      }
      void load(purpose);
    });
    show(form);
    text.focus();
  }

  function showThreat(t: Threat) {
    document.title = `${t.reference} — Rocta`;
    const facts: [string, string | Node[], string][] = [
      ['Reference', t.reference, 'reference'],
      ['Threat type', orDash(t.threat_type), 'threat-type'],
      ['Assessment type', orDash(t.assessment_type), 'assessment-type'],
      ['Moderation status', orDash(t.moderation_status), 'moderation-status'],
      ['Serious and organised crime', yesNo(t.soc), 'soc'],
      ['Tier', tierText(t.tier), 'tier'],
      ['Phase', orDash(t.phase), 'phase'],
      ['Primary crime type', orDash(t.primary_crime_type), 'primary-crime-type'],
      ['County lines', yesNo(t.county_lines), 'county-lines'],
      ['MoRiLE score', number(t.morile_score), 'morile-score'],
      ['Assessment date', date(t.assessment_date), 'assessment-date'],
      ['Reassess by', reassessCell(t.reassess_by, isOverdue(t.reassess_by), date), 'reassess-by'],
      ['Lead responsible officer', t.lro_user_id ? [personName(t.lro_user_id, { withAgency: true })] : 'None assigned', 'lro'],
      ['Owning agency', orDash(t.marking?.owning_agency), 'owning-agency'],
      ['Owning region', orDash(t.marking?.owning_region), 'owning-region'],
      ['Version', orDash(t.version), 'version'],
      ['Created', dateTime(t.created_at), 'created-at'],
      ['Created by', t.created_by ? [personName(t.created_by, { withAgency: true })] : 'System', 'created-by'],
      ['Updated', dateTime(t.updated_at), 'updated-at'],
    ];
    const extra = Object.entries(t).filter(([k]) => !KNOWN.has(k));

    const links = t.links ?? [];
    panel?.dispose();
    panel = assessmentPanel(t, (a) => updateFacts(a));
    disruptions?.dispose();
    disruptions = disruptionSection(t);
    signals?.dispose();
    signals = signalsPanel('threats', t.id, purposeHeaders(t.id));
    history?.dispose();
    history = historyPanel('threats', t.id);
    const nominated = query.get('nominated');
    show(
      markingBanner(t.marking, 'top'),
      h(
        'article',
        { class: 'record', 'data-testid': 'threat-page', 'data-id': t.id },
        h('p', { class: 'crumbs' }, h('a', { href: href('/threats') }, '← Threats')),
        h('p', { class: 'record-ref', 'data-testid': 'threat-reference' }, t.reference),
        h('h1', { tabindex: '-1', 'data-testid': 'threat-name' }, t.name),
        nominated && /^\d+$/.test(nominated)
          ? h('div', { class: 'alert success', role: 'status', 'data-testid': 'nominated-message' },
            `Nominated (nomination ${nominated}). It waits in the `, h('a', { href: href('/queue') }, 'assessment queue'),
            ' until an assessor assesses, merges or rejects it.')
          : null,
        h('section', { 'aria-labelledby': 'desc-h' },
          h('h2', { id: 'desc-h' }, 'Description'),
          h('p', { class: 'description', 'data-testid': 'threat-description' }, t.description || 'No description.')),
        h('section', { 'aria-labelledby': 'facts-h' },
          h('h2', { id: 'facts-h' }, 'Details'),
          h('dl', { class: 'facts' },
            ...facts.map(([term, value, id]) =>
              h('div', { class: 'fact' }, h('dt', {}, term), h('dd', { 'data-testid': `field-${id}` }, value))),
            ...extra.map(([k, v]) =>
              h('div', { class: 'fact' }, h('dt', {}, k.replace(/_/g, ' ')),
                h('dd', {}, typeof v === 'object' ? JSON.stringify(v) : orDash(v)))))),
        h('section', { 'aria-labelledby': 'links-h' },
          h('h2', { id: 'links-h' }, `Links (${links.length})`),
          links.length ? linksTable(t, links) : h('p', { class: 'muted', 'data-testid': 'links-empty' }, 'No linked records you can see.')),
        h('p', {}, h('a', { href: href('/network', { around: `threat:${t.id}` }), 'data-testid': 'threat-network-link' },
          'Network: who is linked to this threat')),
        relatedWork(t.id),
        signals.node,
        ...panel.nodes,
        disruptions.node,
        history.node,
      ),
      markingBanner(t.marking, 'bottom'),
    );
    const wantForm = query.has('assess');
    if (!wantForm) focusHeading();
    panel.start(wantForm);
    disruptions.start();
    signals.start();
    history.start();
  }

  /** After an assessment: the facts that follow from it, without reloading the page. */
  function updateFacts(a: Assessment) {
    const set = (id: string, value: string | Node[]) => {
      const dd = main.querySelector<HTMLElement>(`[data-testid="field-${id}"]`);
      if (!dd) return;
      clear(dd);
      if (typeof value === 'string') dd.textContent = value;
      else dd.append(...value);
    };
    set('tier', tierText(a.tier));
    set('morile-score', number(a.score?.priority));
    set('moderation-status', a.status);
    set('assessment-type', a.assessment_type);
    set('assessment-date', date(a.assessed_at?.slice(0, 10)));
    set('reassess-by', reassessCell(a.reassess_by, isOverdue(a.reassess_by), date));
  }

  return {
    title: 'Threat',
    render(m) {
      main = m;
      main.append(h('p', { class: 'muted', 'data-testid': 'threat-loading' }, 'Loading…'));
      void load();
      return () => {
        alive = false;
        panel?.dispose();
        disruptions?.dispose();
        signals?.dispose();
        history?.dispose();
        delete main.dataset.state;
      };
    },
  };
}

function linksTable(t: Threat, links: Link[]): HTMLElement {
  return h(
    'div',
    { class: 'table-wrap' },
    h(
      'table',
      { class: 'links', 'data-testid': 'links-table' },
      h('caption', { class: 'visually-hidden' }, 'Records linked to this threat'),
      h('thead', {}, h('tr', {}, ...['Relation', 'Direction', 'Linked record', 'Source', 'Date', 'Actions'].map((c) => h('th', { scope: 'col' }, c)))),
      h(
        'tbody',
        {},
        ...links.map((l) => {
          const outgoing = l.from?.kind === 'threat' && l.from?.id === t.id;
          const other: RecordRef | undefined = outgoing ? l.to : l.from;
          const tr: HTMLTableRowElement = h(
            'tr',
            { 'data-testid': 'link-row', 'data-link-id': l.id ?? '' },
            h('th', { scope: 'row' }, orDash(l.relation)),
            h('td', {}, outgoing ? '→ to' : '← from'),
            h('td', {}, other ? recordRef(other, l) : '—'),
            h('td', {}, orDash(l.source)),
            h('td', {}, date(l.date)),
          );
          tr.append(removeLinkCell(l, () => tr, 6));
          return tr;
        }),
      ),
    ),
  );
}

function recordRef(r: RecordRef, l: Link): Node {
  // If the server names the far end (e.g. a reference or label), show it beside the kind.
  const label = ['label', 'other_label', 'other_reference', 'reference'].map((k) => l[k]).find((v) => typeof v === 'string') as
    | string
    | undefined;
  const text = `${r.kind} ${r.id}${label ? ` — ${label}` : ''}`;
  const to = recordHref(r.kind, r.id);
  return to ? h('a', { href: to }, text) : document.createTextNode(text);
}

/**
 * The work on this threat, one click away: its 4P plan (when the reader may see one), its
 * tasks, the escalations and decisions of tasking, and its disruptions.
 */
function relatedWork(id: number): HTMLElement {
  const plan = h('li', { 'data-testid': 'threat-plan-link' }, h('span', { class: 'muted' }, '4P plan: looking…'));
  void request<{ id: number; current: boolean; next_review: string }>(`/api/v1/threats/${id}/plan`, { headers: purposeHeaders(id) })
    .then((p) => plan.replaceChildren(h('a', { href: href(`/plans/${p.id}`) }, '4P plan'),
      ` (${p.current ? 'current' : 'not current'}, review ${date(p.next_review)})`))
    .catch(() => plan.replaceChildren(h('span', { class: 'muted' }, 'No 4P plan you can see.')));
  return h('section', { 'aria-labelledby': 'related-h', class: 'related', 'data-testid': 'threat-related' },
    h('h2', { id: 'related-h' }, 'Work on this threat'),
    h('ul', { class: 'plain' },
      plan,
      h('li', {}, h('a', { href: href('/tasks', { threat: String(id) }), 'data-testid': 'threat-tasks-link' }, 'Tasks on this threat')),
      h('li', {}, h('a', { href: href('/tasking'), 'data-testid': 'threat-tasking-link' }, 'Escalations and tasking decisions')),
      h('li', {}, h('a', { href: href(`/threats/${id}/disruptions`), 'data-testid': 'threat-disruptions-link' }, 'Disruptions recorded against it'))));
}
