// Matches: the review queue of cross-agency linkage. GET /api/v1/matches?status=… lists
// the pairs of nominals the engine found (only pairs whose both records the reviewer
// reads); ?match={id} opens one (GET /api/v1/matches/{id}) with the two records side by
// side and the engine's field-by-field explanation, and the decisions that apply to it
// (POST …/matches/{id}/decision: confirm, reject, separate), sent with the version read.
// Regional analysts and administrators also start a run of the engine here
// (POST /api/v1/match-runs). The server decides who may do what either way.

import { personName as userName } from './people';
import { ApiError, getUser, request } from './api';
import { append, clear, field, h, svg } from './dom';
import { pagedTable } from './paged-table';
import { date, dateTime, number, orDash, percent, sentence, signed } from './format';
import { FormErrors, problemText } from './forms';
import { exclusionsSection } from './exclusions';
import { MATCH_REVIEWERS, MATCH_RUNNERS } from './known';
import { markingBadge, scopeText } from './marking';
import { recordHref } from './record-page';
import { href, navigate, type View } from './router';
import type { Match, MatchDecisionName, MatchEvidence, MatchRun, MatchStatus, MatchView, Nominal, Page } from './types';

const PAGE_SIZE = 20;
const STATUSES: [MatchStatus, string][] = [
  ['review', 'To review'],
  ['linked', 'Linked by the engine'],
  ['confirmed', 'Confirmed'],
  ['rejected', 'Rejected'],
  ['separated', 'Separated'],
];
const COLUMNS = ['Likelihood', 'Person A', 'Person B', 'Found', 'Status', ''];
const EMPTY_TEXT: Record<MatchStatus, string> = {
  review: 'No possible matches wait for review.',
  linked: 'No pairs joined by the engine that you can read both of.',
  confirmed: 'No confirmed matches you can read both records of.',
  rejected: 'No rejected matches you can read both records of.',
  separated: 'No separated matches you can read both records of.',
};
// What each decision does, in the words the reviewer acts on.
const DECISIONS: Record<MatchDecisionName, { button: string; done: string; from: MatchStatus[]; noteRequired: boolean }> = {
  confirm: { button: 'Confirm: the same person', done: 'confirmed: the two records are one person', from: ['review', 'linked'], noteRequired: false },
  reject: { button: 'Reject: different people', done: 'rejected: the two records are different people', from: ['review'], noteRequired: true },
  separate: { button: 'Separate: not the same person — undo the join', done: 'separated: the join is undone', from: ['linked', 'confirmed'], noteRequired: true },
};
const NOTE_MIN = 5;
// The engine's field names as a reader says them (the others read well as they are).
const FIELD_NAMES: Record<string, string> = { dob: 'Date of birth', given_name: 'Given name', full_name: 'Full name', id_number: 'Identifier' };

interface Filters {
  status: MatchStatus;
  offset: number;
  match: number | null;
}

function readFilters(q: URLSearchParams): Filters {
  const s = q.get('status');
  const status = STATUSES.some(([v]) => v === s) ? (s as MatchStatus) : 'review';
  const offset = Number(q.get('offset') ?? '0');
  const m = q.get('match') ?? '';
  return {
    status,
    offset: Number.isInteger(offset) && offset > 0 ? offset : 0,
    match: /^[1-9][0-9]{0,17}$/.test(m) ? Number(m) : null,
  };
}

function filtersQuery(f: Filters): URLSearchParams {
  const qs = new URLSearchParams();
  if (f.status !== 'review') qs.set('status', f.status);
  if (f.offset) qs.set('offset', String(f.offset));
  if (f.match) qs.set('match', String(f.match));
  return qs;
}

function personName(n: Nominal): string {
  return n.display_name || `${n.given_names} ${n.surname}`.trim() || n.reference;
}

function statusBadge(s: MatchStatus): HTMLElement {
  return h('span', { class: `status status-match-${s}`, 'data-testid': 'match-status' }, sentence(s));
}

/** A bar from the middle: to the right for the same person, to the left against; decorative (the number sits beside it). */
function weightBar(w: number, max: number): SVGElement {
  const s = svg('svg', { class: 'bar weight-bar', viewBox: '0 0 100 12', preserveAspectRatio: 'none', width: '100%', height: 12, 'aria-hidden': 'true', focusable: 'false' });
  const len = Math.min(50, (Math.abs(w) / max) * 50);
  if (len > 0) s.append(svg('rect', { x: (w > 0 ? 50 : 50 - len).toFixed(2), y: 1, width: len.toFixed(2), height: 10, class: w > 0 ? 'bar-for' : 'bar-against' }));
  s.append(svg('line', { x1: 50, x2: 50, y1: 0, y2: 12, class: 'bar-axis', 'vector-effect': 'non-scaling-stroke' }));
  return s;
}

export function matchesView(initial: URLSearchParams): View {
  let filters = readFilters(initial);
  let alive = true;
  let detailGeneration = 0;
  const me = getUser();
  const roles = me?.roles ?? [];
  const reviewer = roles.some((r) => MATCH_REVIEWERS.includes(r));
  const runner = roles.some((r) => MATCH_RUNNERS.includes(r));

  const who = (id: number | null): string | Node => (id === null ? 'the engine' : me && id === me.id ? 'you' : userName(id, { withAgency: true }));

  // --- tabs by status
  const tabs = h('nav', { class: 'segmented tabs', 'aria-label': 'Matches by status', 'data-testid': 'match-tabs' });
  function drawTabs() {
    clear(tabs);
    for (const [s, text] of STATUSES) {
      tabs.append(h('a', {
        class: 'button', href: href('/matches', filtersQuery({ status: s, offset: 0, match: null })),
        'aria-current': s === filters.status ? 'page' : null, 'data-testid': `match-tab-${s}`,
      }, text), ' ');
    }
  }

  // --- the list
  const paged = pagedTable({
    prefix: 'matches', tableClass: 'matches', caption: 'Matches', label: 'Matches', columns: COLUMNS,
    lead: h('h2', { class: 'visually-hidden' }, 'Matches'), alive: () => alive,
  });
  const { tbody, prev, next, results, showCounts } = paged;
  prev.addEventListener('click', () => navigate(href('/matches', filtersQuery({ ...filters, offset: Math.max(0, filters.offset - PAGE_SIZE) }))));
  next.addEventListener('click', () => navigate(href('/matches', filtersQuery({ ...filters, offset: filters.offset + PAGE_SIZE }))));

  async function loadList() {
    await paged.load(() => request<Page<MatchView>>('/api/v1/matches', {
      query: { status: filters.status, limit: PAGE_SIZE, offset: filters.offset },
    }), (page) => {
      showPage(page);
      results.dataset.status = filters.status;
    }, (e) => (e instanceof ApiError && e.status === 403
      ? `You cannot review matches: ${problemText(e)}`
      : `Could not load the matches: ${problemText(e)}`));
  }

  function showPage(page: Page<MatchView>) {
    clear(tbody);
    const items = page.items ?? [];
    const total = page.total ?? items.length;
    const offset = page.offset ?? filters.offset;
    if (!items.length) {
      tbody.append(h('tr', { 'data-testid': 'matches-empty' },
        h('td', { colspan: String(COLUMNS.length), class: 'empty' }, EMPTY_TEXT[filters.status])));
    }
    for (const m of items) tbody.append(row(m));
    showCounts(offset, items.length, total, PAGE_SIZE);
  }

  function personCell(label: string, n: Nominal): HTMLElement {
    return h('td', { 'data-label': label },
      h('span', { class: 'person-name' }, personName(n)),
      h('span', { class: 'muted small person-detail' },
        h('span', { class: 'agency-code' }, n.marking?.owning_agency ?? ''), ` · ${n.reference} · born ${date(n.date_of_birth)}`));
  }

  function row(m: MatchView): HTMLTableRowElement {
    const selected = filters.match === m.id;
    const open = h('a', {
      class: 'button small primary-outline', href: href('/matches', filtersQuery({ ...filters, match: m.id })),
      'data-testid': 'match-open', 'aria-label': `Open match ${m.id}: ${personName(m.a)} and ${personName(m.b)}`,
    }, 'Open');
    return h('tr', { 'data-testid': 'match-row', 'data-id': m.id, 'data-status': m.status, class: selected ? 'selected' : null, 'aria-current': selected ? 'true' : null },
      h('td', { 'data-label': COLUMNS[0], class: 'num', 'data-testid': 'cell-probability' }, percent(m.probability)),
      personCell(COLUMNS[1], m.a),
      personCell(COLUMNS[2], m.b),
      h('td', { 'data-label': COLUMNS[3] }, h('span', { class: 'date' }, date(m.found_at.slice(0, 10))),
        h('span', { class: 'muted small person-detail' }, m.found_by === 'run' ? `run ${m.run_id ?? ''}` : 'on recording')),
      h('td', { 'data-label': COLUMNS[4] }, statusBadge(m.status),
        m.decided_at ? h('span', { class: 'muted small person-detail' }, `${date(m.decided_at.slice(0, 10))} by `, who(m.decided_by)) : null),
      h('td', { 'data-label': COLUMNS[5], class: 'actions-cell' }, open));
  }

  // --- one match
  const message = h('div', { class: 'alert success', role: 'status', tabindex: '-1', hidden: true, 'data-testid': 'match-message' });
  const detail = h('section', { class: 'match-detail', 'aria-label': 'The match', 'data-testid': 'match-detail', hidden: true });

  async function loadDetail(focus: boolean) {
    const mine = ++detailGeneration;
    const id = filters.match;
    if (id === null) {
      detail.hidden = true;
      clear(detail);
      delete detail.dataset.id;
      return;
    }
    detail.hidden = false;
    detail.dataset.state = 'loading';
    detail.dataset.id = String(id);
    clear(detail);
    detail.append(h('p', { class: 'muted' }, 'Loading the match…'));
    try {
      const m = await request<MatchView>(`/api/v1/matches/${id}`);
      if (mine !== detailGeneration || !alive) return;
      showDetail(m);
      detail.dataset.state = 'ready';
      if (focus) detail.querySelector<HTMLElement>('h2')?.focus();
    } catch (e) {
      if (mine !== detailGeneration || !alive) return;
      clear(detail);
      detail.append(h('div', { class: 'alert error', role: 'alert', 'data-testid': 'match-error' },
        e instanceof ApiError && e.status === 404
          ? 'Not found, or you cannot read both records of this match.'
          : problemText(e, 'Could not open the match.')));
      detail.dataset.state = 'error';
    }
  }

  function showDetail(m: MatchView) {
    clear(detail);
    detail.dataset.status = m.status;
    detail.dataset.version = String(m.version);
    const close = h('a', { class: 'button small', href: href('/matches', filtersQuery({ ...filters, match: null })), 'data-testid': 'match-close' }, 'Close');
    append(detail, [
      h('div', { class: 'section-head' },
        h('h2', { tabindex: '-1', 'data-testid': 'match-heading' }, `Match ${m.id}: ${percent(m.probability)} likely the same person`),
        close),
      h('p', { class: 'match-status-line' }, statusBadge(m.status), ' ',
        m.found_by === 'run' ? `Found by matching run ${m.run_id ?? ''} on ${dateTime(m.found_at)}.` : `Found when a record was made, ${dateTime(m.found_at)}.`),
      m.decided_at
        ? h('div', { class: 'alert decided', 'data-testid': 'match-decided' },
          h('p', {}, h('strong', {}, `${sentence(m.status)} by `, who(m.decided_by)), `, ${dateTime(m.decided_at)}.`),
          m.decision_note ? h('p', { class: 'pre', 'data-testid': 'match-decision-note' }, m.decision_note) : null)
        : null,
      compareTable(m.a, m.b),
      explanationTable(m),
      decisionForm(m)]);
  }

  function compareTable(a: Nominal, b: Nominal): HTMLElement {
    // The particulars, marked where they differ; then who holds each record.
    const rows: [string, string, string][] = [
      ['Name', personName(a), personName(b)],
      ['Given names', a.given_names, b.given_names],
      ['Surname', a.surname, b.surname],
      ['Date of birth', date(a.date_of_birth), date(b.date_of_birth)],
      ['Sex', a.sex, b.sex],
      ['Aliases', a.aliases, b.aliases],
      ['Address', a.address, b.address],
      ['Postcode', a.postcode, b.postcode],
    ];
    const same = (x: string, y: string) => x.trim().toLowerCase() === y.trim().toLowerCase();
    const head = (n: Nominal, side: string) => h('th', { scope: 'col', 'data-testid': `compare-head-${side}` },
      `Person ${side.toUpperCase()}: `, h('a', { href: recordHref('nominal', n.id)!, 'data-testid': `compare-open-${side}` }, n.reference));
    return h('section', { 'aria-labelledby': 'compare-h' },
      h('h3', { id: 'compare-h' }, 'The two records'),
      h('div', { class: 'table-wrap' }, h('table', { class: 'compare', 'data-testid': 'match-compare' },
        h('caption', { class: 'visually-hidden' }, 'The two records side by side'),
        h('thead', {}, h('tr', {}, h('td', {}), head(a, 'a'), head(b, 'b'))),
        h('tbody', {},
          ...rows.map(([t, x, y]) => h('tr', { class: x && y && !same(x, y) ? 'differs' : null, 'data-testid': 'compare-row', 'data-field': t },
            h('th', { scope: 'row' }, t),
            h('td', { 'data-testid': 'compare-a' }, orDash(x)),
            h('td', { 'data-testid': 'compare-b' }, orDash(y)))),
          h('tr', { 'data-testid': 'compare-row', 'data-field': 'Owning agency' },
            h('th', { scope: 'row' }, 'Owning agency'),
            h('td', { 'data-testid': 'compare-a' }, orDash(a.marking?.owning_agency)),
            h('td', { 'data-testid': 'compare-b' }, orDash(b.marking?.owning_agency))),
          h('tr', { 'data-testid': 'compare-row', 'data-field': 'Marking' },
            h('th', { scope: 'row' }, 'Marking'),
            h('td', {}, markingBadge(a.marking), ' ', scopeText(a.marking.scope)),
            h('td', {}, markingBadge(b.marking), ' ', scopeText(b.marking.scope)))))));
  }

  function explanationTable(m: MatchView): HTMLElement {
    const e = m.explanation;
    const max = Math.max(1, ...e.fields.map((f) => Math.abs(f.weight)), Math.abs(e.prior_weight));
    const weightCells = (w: number) => [
      h('td', { class: `num weight ${w > 0 ? 'for' : w < 0 ? 'against' : ''}`, 'data-testid': 'explanation-weight' }, signed(w)),
      h('td', { class: 'bar-cell' }, weightBar(w, max)),
    ];
    const fieldRow = (f: MatchEvidence) => h('tr', { 'data-testid': 'explanation-row', 'data-field': f.field, 'data-weight': f.weight },
      h('th', { scope: 'row' }, FIELD_NAMES[f.field] ?? sentence(f.field.replace(/_/g, ' '))),
      h('td', {}, orDash(f.a)),
      h('td', {}, orDash(f.b)),
      h('td', { 'data-testid': 'explanation-outcome' }, f.outcome),
      ...weightCells(f.weight));
    return h('section', { 'aria-labelledby': 'explain-h' },
      h('h3', { id: 'explain-h' }, 'Why the engine scores them so'),
      h('p', { class: 'hint' },
        'Each weight is in bits: how many times more likely the agreement (or disagreement) is for one person than for two strangers, as a power of two. ',
        'Positive counts for the same person, negative against. The prior is where the engine starts before any evidence; the total gives the probability.'),
      h('div', { class: 'table-wrap' }, h('table', { class: 'data explanation', 'data-testid': 'match-explanation' },
        h('caption', { class: 'visually-hidden' }, 'Evidence field by field'),
        h('thead', {}, h('tr', {}, ...['Field', 'Person A', 'Person B', 'Outcome', 'Weight', 'For / against'].map((c) => h('th', { scope: 'col' }, c)))),
        h('tbody', {}, ...e.fields.map(fieldRow)),
        h('tfoot', {},
          h('tr', { 'data-testid': 'explanation-prior' }, h('th', { scope: 'row', colspan: '4' }, 'Prior (before any evidence)'), ...weightCells(e.prior_weight)),
          h('tr', { 'data-testid': 'explanation-total' }, h('th', { scope: 'row', colspan: '4' }, 'Total'), ...weightCells(e.weight)),
          h('tr', { 'data-testid': 'explanation-probability' },
            h('th', { scope: 'row', colspan: '4' }, 'Probability of the same person'),
            h('td', { class: 'num', colspan: '2' }, h('strong', {}, percent(e.probability))))))));
  }

  function decisionForm(m: MatchView): HTMLElement {
    const open = (Object.keys(DECISIONS) as MatchDecisionName[]).filter((d) => DECISIONS[d].from.includes(m.status));
    if (!open.length) {
      return h('section', { 'aria-labelledby': 'decide-h', 'data-testid': 'match-decision' },
        h('h3', { id: 'decide-h' }, 'Decision'),
        h('p', { class: 'muted', 'data-testid': 'match-no-decision' },
          `A person ruled these records are different people (${m.status}). No further decision applies; later runs keep it.`));
    }
    const alert = h('div', { class: 'alert error', role: 'alert', tabindex: '-1', 'data-testid': 'match-decision-error' });
    const errors = new FormErrors(alert);
    const note = h('textarea', { name: 'note', rows: '3', maxlength: '2000', 'data-testid': 'match-note' });
    const buttons = open.map((d) => h('button', {
      type: 'button', class: d === 'confirm' ? 'primary' : d === 'separate' ? 'danger' : '', 'data-testid': `match-${d}`,
    }, DECISIONS[d].button));
    const reload = h('button', { type: 'button', hidden: true, 'data-testid': 'match-reload' }, 'Reload the match');
    const form = h('section', { 'aria-labelledby': 'decide-h', class: 'inline-form', 'data-testid': 'match-decision' },
      h('h3', { id: 'decide-h' }, 'Decision'),
      field('Note', note, open.some((d) => DECISIONS[d].noteRequired)
        ? `Required to reject or separate (at least ${NOTE_MIN} characters): the next reviewer reads why.`
        : 'Optional: why you are sure.'),
      alert,
      h('div', { class: 'actions' }, ...buttons, reload));
    errors.add('note', note);
    reload.addEventListener('click', () => void loadDetail(true));

    const decide = async (d: MatchDecisionName) => {
      errors.clear();
      reload.hidden = true;
      const text = note.value.trim();
      if (DECISIONS[d].noteRequired && text.length < NOTE_MIN) {
        errors.field('note', `Say why (at least ${NOTE_MIN} characters): the next reviewer reads it.`);
        return;
      }
      for (const b of buttons) b.disabled = true;
      try {
        const done = await request<Match>(`/api/v1/matches/${m.id}/decision`, {
          method: 'POST', body: { decision: d, note: text, version: m.version },
        });
        if (!alive) return;
        message.textContent = `Match ${done.id} ${DECISIONS[d].done}.`;
        message.hidden = false;
        await Promise.all([loadList(), loadDetail(false)]);
        message.focus();
      } catch (e) {
        if (!alive) return;
        for (const b of buttons) b.disabled = false;
        if (e instanceof ApiError && e.status === 409) {
          errors.general('This match was changed by someone else since you opened it. Reload it to see what they decided.');
          reload.hidden = false;
        } else if (e instanceof ApiError && e.status === 412) {
          errors.general(`That decision does not apply to this match now: ${problemText(e)}`);
          reload.hidden = false;
        } else {
          errors.problem(e, 'The decision could not be recorded.');
        }
        if (!alert.hidden) alert.focus();
      }
    };
    buttons.forEach((b, i) => b.addEventListener('click', () => void decide(open[i])));
    return form;
  }

  // --- runs of the engine
  const runs = h('section', { class: 'match-runs', 'aria-labelledby': 'runs-h', 'data-testid': 'match-runs', 'data-state': 'loading' });
  const runsBody = h('div', {}, h('p', { class: 'muted' }, 'Loading…'));
  const runResult = h('div', { class: 'alert success', role: 'status', tabindex: '-1', hidden: true, 'data-testid': 'match-run-result' });
  const runError = h('div', { class: 'alert error', role: 'alert', hidden: true, 'data-testid': 'match-run-error' });
  const runNow = h('button', { type: 'button', class: 'primary', 'data-testid': 'match-run-now' }, 'Run matching now');

  function runSummary(r: MatchRun): string {
    return `Run ${r.id}: ${number(r.nominals)} nominals, ${number(r.candidate_pairs)} candidate pairs compared, ${number(r.linked)} linked, `
      + `${number(r.review)} for review, ${number(r.kept_decisions)} decisions kept, ${number(r.withdrawn)} withdrawn.`;
  }

  async function loadRuns() {
    runs.dataset.state = 'loading';
    try {
      const list = (await request<MatchRun[]>('/api/v1/match-runs')).slice().sort((x, y) => y.id - x.id).slice(0, 5);
      if (!alive) return;
      clear(runsBody);
      runsBody.append(list.length
        ? h('div', { class: 'table-wrap' }, h('table', { class: 'data', 'data-testid': 'match-runs-table' },
          h('caption', { class: 'visually-hidden' }, 'The latest runs of the matching engine'),
          h('thead', {}, h('tr', {}, ...['Run', 'Finished', 'Nominals', 'Candidate pairs', 'Linked', 'For review', 'Decisions kept', 'Withdrawn']
            .map((c) => h('th', { scope: 'col' }, c)))),
          h('tbody', {}, ...list.map((r) => h('tr', { 'data-testid': 'match-run-row', 'data-id': r.id },
            h('th', { scope: 'row' }, String(r.id)),
            h('td', {}, dateTime(r.finished_at), r.by ? h('span', { class: 'muted small person-detail' }, `by ${who(r.by)}`) : null),
            ...[r.nominals, r.candidate_pairs, r.linked, r.review, r.kept_decisions, r.withdrawn].map((v) => h('td', { class: 'num' }, number(v))))))))
        : h('p', { class: 'muted', 'data-testid': 'match-runs-empty' }, 'The engine has not been run yet.'));
      runs.dataset.state = 'ready';
    } catch (e) {
      if (!alive) return;
      clear(runsBody);
      runsBody.append(h('div', { class: 'alert error', role: 'alert' }, `Could not load the runs: ${problemText(e)}`));
      runs.dataset.state = 'error';
    }
  }

  runNow.addEventListener('click', async () => {
    runNow.disabled = true;
    runNow.textContent = 'Running…';
    runError.hidden = true;
    runResult.hidden = true;
    try {
      const r = await request<MatchRun>('/api/v1/match-runs', { method: 'POST' });
      if (!alive) return;
      runResult.textContent = `Finished. ${runSummary(r)}`;
      runResult.hidden = false;
      await Promise.all([loadRuns(), reviewer ? loadList() : Promise.resolve()]);
      runResult.focus();
    } catch (e) {
      if (!alive) return;
      runError.textContent = `The run did not complete: ${problemText(e)}`;
      runError.hidden = false;
    } finally {
      runNow.disabled = false;
      runNow.textContent = 'Run matching now';
    }
  });

  function runsSection(): HTMLElement {
    runs.append(
      h('div', { class: 'section-head' }, h('h2', { id: 'runs-h' }, 'Matching runs'), runner ? runNow : null),
      h('p', { class: 'hint' }, runner
        ? 'A run compares every nominal: undecided matches are replaced by what it finds now; decisions people made are kept.'
        : 'Regional analysts and administrators start runs. Decisions people made are kept by every run.'),
      runResult, runError, runsBody);
    return runs;
  }

  return {
    title: 'Matches',
    render(main) {
      main.append(
        h('div', { class: 'page-head' }, h('h1', { tabindex: '-1' }, 'Matches')),
        h('p', { class: 'muted lead' },
          'Records of the same person held by different agencies, as the linkage engine found them. Confirm, reject, or undo a join; every decision is kept by later runs and audited.'));
      if (!reviewer && !runner) {
        main.append(h('div', { class: 'alert error', role: 'alert', 'data-testid': 'matches-denied' },
          'Matches are reviewed by analysts, regional analysts and SIU officers, and runs are started by regional analysts and administrators. Your roles include none of these.'),
        h('p', {}, h('a', { href: href('/threats') }, 'Go to threats')));
        return () => {
          alive = false;
        };
      }
      if (reviewer) {
        drawTabs();
        main.append(tabs, message, detail, results);
        void loadList();
        void loadDetail(filters.match !== null);
      } else {
        main.append(h('p', { class: 'alert siu-route', 'data-testid': 'matches-not-reviewer' },
          'Reviewing matches is for analysts, regional analysts and SIU officers; you may start a run.'));
      }
      main.append(runsSection());
      void loadRuns();
      const exclusions = exclusionsSection(roles.includes('administrator'), () => alive);
      main.append(exclusions.element);
      void exclusions.load();
      return () => {
        alive = false;
      };
    },
    update(q) {
      if (!reviewer) return;
      const was = filters;
      filters = readFilters(q);
      drawTabs();
      if (was.status !== filters.status || was.offset !== filters.offset) {
        message.hidden = true;
        void loadList();
      } else {
        // Same page: only the selection moves.
        for (const tr of tbody.querySelectorAll<HTMLTableRowElement>('tr[data-testid="match-row"]')) {
          const on = Number(tr.dataset.id) === filters.match;
          tr.classList.toggle('selected', on);
          if (on) tr.setAttribute('aria-current', 'true');
          else tr.removeAttribute('aria-current');
        }
      }
      if (was.match !== filters.match) {
        message.hidden = true;
        void loadDetail(true);
      }
    },
  };
}
