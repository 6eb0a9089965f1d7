// Nominals: the list the reader may see (GET /api/v1/nominals?q=…), and recording one
// (POST /api/v1/nominals). Before a person is recorded the form checks who else knows
// them (POST /api/v1/nominals/lookup) and shows what it finds; the answer to recording
// says again who else knows the person (known_elsewhere), so a duplicate is seen, not made.

import { savedFilters } from './saved-filters';
import { exportButton } from './export';
import { getUser, request } from './api';
import { append, clear, field, h, option } from './dom';
import { pagedTable, readSort, sortQuery, type ListSortState } from './paged-table';
import { date, orDash } from './format';
import { FormErrors, problemText } from './forms';
import { INTELLIGENCE_WRITERS } from './intelligence';
import { knownList, MATCH_REVIEWERS } from './known';
import { markingBadge, markingEditor } from './marking';
import { recordHref } from './record-page';
import { href, navigate, type View } from './router';
import type { CreatedNominal, KnownElsewhere, Nominal, Page } from './types';

/** Nominals are written by the roles that write intelligence (role_may_write in src/core/policy.cc). */
const NOMINAL_WRITERS = INTELLIGENCE_WRITERS;
const PAGE_SIZE = 50;
const COLUMNS = ['Reference', 'Name', 'Date of birth', 'Postcode', 'Owner', 'Marking'];
/** The API's sort column of each heading (GET /api/v1/nominals sort=…). */
const SORT_KEYS = ['reference', 'surname', 'date_of_birth', 'postcode', 'owning_agency', null];

function mayRecord(): boolean {
  return (getUser()?.roles ?? []).some((r) => NOMINAL_WRITERS.includes(r));
}

function isReviewer(): boolean {
  return (getUser()?.roles ?? []).some((r) => MATCH_REVIEWERS.includes(r));
}

// ------------------------------------------------------------------ the list

export function nominalsView(initial: URLSearchParams): View {
  let alive = true;
  let q = initial.get('q') ?? '';
  let offset = Math.max(0, Number(initial.get('offset') ?? '0') | 0);
  let order: ListSortState = readSort(initial, SORT_KEYS);

  const box = h('input', { type: 'search', name: 'q', maxlength: 500, value: q, 'data-testid': 'nominals-q' });
  const form = h('form', { class: 'filters', role: 'search', 'aria-label': 'Find nominals' },
    h('div', { class: 'search-row' }, field('Name, reference or words in the record', box),
      h('button', { type: 'submit', class: 'primary' }, 'Find')));
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const v = box.value.trim();
    navigate(href('/nominals', { ...(v ? { q: v } : {}), ...sortQuery(order) }));
  });
  const paged = pagedTable({
    prefix: 'nominals', tableClass: 'nominals', caption: 'Nominals', label: 'Nominals', columns: COLUMNS,
    lead: h('h2', { class: 'visually-hidden' }, 'Nominals'), alive: () => alive,
    serverSort: { keys: SORT_KEYS, state: () => order, onSort: (s) => navigate(href('/nominals', { ...(q ? { q } : {}), ...sortQuery(s) })) },
  });
  const { tbody, prev, next, results, showCounts } = paged;
  const pageQuery = (o: number) => {
    const p: Record<string, string> = { ...sortQuery(order) };
    if (q) p.q = q;
    if (o > 0) p.offset = String(o);
    return p;
  };
  prev.addEventListener('click', () => navigate(href('/nominals', pageQuery(Math.max(0, offset - PAGE_SIZE)))));
  next.addEventListener('click', () => navigate(href('/nominals', pageQuery(offset + PAGE_SIZE))));

  async function load() {
    await paged.load(() => request<Page<Nominal>>('/api/v1/nominals', { query: { q: q || undefined, ...sortQuery(order), limit: PAGE_SIZE, offset } }), showPage,
      (e) => `Could not load the nominals: ${problemText(e)}`);
  }

  function showPage(page: Page<Nominal>) {
    clear(tbody);
    if (!page.items.length) {
      tbody.append(h('tr', { 'data-testid': 'nominals-empty' },
        h('td', { colspan: String(COLUMNS.length), class: 'empty' }, q ? 'No nominal you may see matches.' : 'No nominals you may see.')));
    }
    for (const n of page.items) {
      tbody.append(h('tr', { 'data-testid': 'nominal-row', 'data-id': n.id },
        h('th', { scope: 'row', 'data-label': COLUMNS[0] }, h('a', { href: recordHref('nominal', n.id)!, 'data-testid': 'nominal-open' }, n.reference)),
        h('td', { 'data-label': COLUMNS[1] }, n.display_name || `${n.given_names} ${n.surname}`),
        h('td', { 'data-label': COLUMNS[2] }, date(n.date_of_birth)),
        h('td', { 'data-label': COLUMNS[3] }, orDash(n.postcode)),
        h('td', { 'data-label': COLUMNS[4] }, h('span', { class: 'agency-code' }, n.marking.owning_agency)),
        h('td', { 'data-label': COLUMNS[5] }, markingBadge(n.marking))));
    }
    showCounts(page.offset, page.items.length, page.total, PAGE_SIZE);
  }

  return {
    title: 'Nominals',
    render(main) {
      main.append(
        h('div', { class: 'page-head' }, h('h1', { tabindex: '-1' }, 'Nominals'),
          exportButton('nominals-export', () => ({ path: '/api/v1/nominals', query: { q, ...sortQuery(order) } })),
          mayRecord() ? h('a', { class: 'button primary-outline', href: href('/nominals/new'), 'data-testid': 'nominals-new' }, 'Record a nominal') : null),
        savedFilters('nominals'),
        h('p', { class: 'muted lead' }, 'People recorded by your agency and those shared with it. Each record keeps its own holder and marking; linkage shows where other agencies know the same person.'),
        form, results);
      void load();
      return () => {
        alive = false;
      };
    },
    update(query) {
      q = query.get('q') ?? '';
      offset = Math.max(0, Number(query.get('offset') ?? '0') | 0);
      order = readSort(query, SORT_KEYS);
      box.value = q;
      void load();
    },
  };
}

// ------------------------------------------------------------------ recording one

export function recordNominalView(): View {
  let alive = true;
  const me = getUser();
  const reviewer = isReviewer();
  const alert = h('div', { class: 'alert error', role: 'alert', tabindex: '-1', 'data-testid': 'nominal-error' });
  const errors = new FormErrors(alert);

  const text = (name: string, max: number, testid: string) =>
    h('input', { type: 'text', name, maxlength: String(max), autocomplete: 'off', 'data-testid': testid });
  const given = text('given_names', 200, 'nominal-given-names');
  const surname = text('surname', 100, 'nominal-surname');
  const dob = h('input', { type: 'date', name: 'date_of_birth', max: new Date().toISOString().slice(0, 10), 'data-testid': 'nominal-dob' });
  const sex = h('select', { name: 'sex', 'data-testid': 'nominal-sex' },
    option('', 'Not recorded', true), option('M', 'Male', false), option('F', 'Female', false));
  const address = text('address', 500, 'nominal-address');
  const postcode = text('postcode', 10, 'nominal-postcode');
  const aliases = text('aliases', 500, 'nominal-aliases');
  const notes = h('textarea', { name: 'notes', rows: '4', maxlength: '20000', 'data-testid': 'nominal-notes' });
  const marking = markingEditor({ prefix: 'nominal', clearance: me?.clearance ?? 'OFFICIAL', errors });

  const lookup = h('section', { class: 'nominal-lookup', 'aria-labelledby': 'lookup-h', 'data-testid': 'nominal-lookup', hidden: true },
    h('h2', { id: 'lookup-h', tabindex: '-1' }, 'Already known?'));
  const lookupBody = h('div', {});
  lookup.append(lookupBody);
  const check = h('button', { type: 'button', 'data-testid': 'nominal-check' }, 'Check for matches');
  const submit = h('button', { type: 'submit', class: 'primary', 'data-testid': 'nominal-submit' }, 'Record nominal');
  const form = h('form', { class: 'panel form-panel', novalidate: true, 'data-testid': 'nominal-form', 'aria-labelledby': 'nominal-new-h' },
    h('fieldset', { class: 'panel-section' },
      h('legend', {}, 'The person'),
      h('div', { class: 'form-grid' },
        field('Given names', given), field('Surname', surname),
        field('Date of birth', dob), field('Sex', sex),
        h('div', { class: 'span-2' }, field('Address', address)),
        field('Postcode', postcode), field('Aliases', aliases, 'Other names used, as written.'),
        h('div', { class: 'span-2' }, field('Notes', notes)))),
    marking.node,
    alert,
    lookup,
    h('div', { class: 'actions' }, check, submit));
  const result = h('div', { 'data-testid': 'nominal-result' });
  errors.add('given_names', given);
  errors.add('surname', surname);
  errors.add('date_of_birth', dob);
  errors.add('sex', sex);
  errors.add('address', address);
  errors.add('postcode', postcode);
  errors.add('aliases', aliases);
  errors.add('notes', notes);

  // The particulars the lookup compares; a check stands until one of them changes.
  const particulars = (): Record<string, string> => ({
    given_names: given.value.trim(), surname: surname.value.trim(), date_of_birth: dob.value,
    sex: sex.value, address: address.value.trim(), postcode: postcode.value.trim(),
  });
  let checkedFor: string | null = null;

  /** Shows who else knows the person; answers how many records it found (null: it could not check). */
  async function runCheck(): Promise<number | null> {
    const p = particulars();
    if (!p.given_names && !p.surname && !p.date_of_birth) {
      errors.field('surname', 'Enter a name or a date of birth to check for matches.');
      return null;
    }
    const body: Record<string, string> = {};
    for (const [k, v] of Object.entries(p)) if (v) body[k] = v;
    lookup.hidden = false;
    lookup.dataset.state = 'loading';
    clear(lookupBody);
    lookupBody.append(h('p', { class: 'muted' }, 'Checking…'));
    try {
      const k = await request<KnownElsewhere>('/api/v1/nominals/lookup', { method: 'POST', body: { ...body, limit: 10 } });
      if (!alive) return null;
      checkedFor = JSON.stringify(p);
      const found = k.shown.length + k.signalled.length;
      clear(lookupBody);
      append(lookupBody, [
        found ? h('p', { class: 'alert siu-route', 'data-testid': 'nominal-lookup-found' },
          `${found} record${found === 1 ? '' : 's'} like this person ${found === 1 ? 'is' : 'are'} already held. `,
          'Open them before recording: if this is the same person, add what you know there or ask the holder. ',
          'To record this person anyway (your agency\'s own record), choose Record nominal again.') : null,
        knownList(k, { isAlive: () => alive, reviewer, empty: 'No record like this person is known: nobody else seems to hold them.' })]);
      lookup.dataset.state = 'ready';
      lookup.dataset.count = String(found);
      return found;
    } catch (e) {
      if (!alive) return null;
      clear(lookupBody);
      lookupBody.append(h('div', { class: 'alert error', role: 'alert', 'data-testid': 'nominal-lookup-error' }, problemText(e, 'Could not check for matches.')));
      lookup.dataset.state = 'error';
      return null;
    }
  }

  check.addEventListener('click', async () => {
    errors.clear();
    check.disabled = true;
    const found = await runCheck();
    check.disabled = false;
    if (found !== null) lookup.querySelector<HTMLElement>('h2')?.focus();
  });

  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    errors.clear();
    if (!surname.value.trim()) return void errors.field('surname', 'Enter the surname (or the only name known).');
    const m = marking.value(errors);
    if (!m) return;
    submit.disabled = check.disabled = true;
    try {
      // The check is a step of recording: particulars not checked yet are checked first, and
      // when someone like them is known the reviewer sees it before anything is recorded.
      if (checkedFor !== JSON.stringify(particulars())) {
        const found = await runCheck();
        if (!alive) return;
        if (found) {
          lookup.querySelector<HTMLElement>('h2')?.focus();
          return;
        }
      }
      const body = {
        ...particulars(), aliases: aliases.value.trim(), notes: notes.value.trim(), marking: m,
      };
      const created = await request<CreatedNominal>('/api/v1/nominals', { method: 'POST', body });
      if (!alive) return;
      showCreated(created);
    } catch (e) {
      if (!alive) return;
      errors.problem(e, 'The nominal could not be recorded.');
      if (!alert.hidden) alert.focus();
    } finally {
      submit.disabled = check.disabled = false;
    }
  });

  // Recorded: say so, with who else knows the person as the server found on recording.
  function showCreated(n: CreatedNominal) {
    form.remove();
    clear(result);
    const to = recordHref('nominal', n.id)!;
    const heading = h('h2', { tabindex: '-1' }, `Recorded ${n.reference}`);
    result.append(h('section', { class: 'panel form-panel', 'data-testid': 'nominal-created', 'data-id': n.id },
      heading,
      h('p', {}, h('a', { class: 'button primary', href: to, 'data-testid': 'nominal-created-open' }, `Open ${n.reference}`), ' ',
        h('a', { class: 'button', href: href('/nominals/new'), 'data-testid': 'nominal-another' }, 'Record another')),
      h('h3', {}, 'Known elsewhere'),
      n.known_elsewhere
        ? knownList(n.known_elsewhere, { isAlive: () => alive, reviewer })
        : h('div', { class: 'alert error', role: 'alert', 'data-testid': 'known-error' },
          `Recorded, but who else knows this person could not be checked: ${n.known_elsewhere_error ?? 'unknown error'}. The nominal's page checks again.`)));
    heading.focus();
  }

  return {
    title: 'Record a nominal',
    render(main) {
      if (!mayRecord()) {
        main.append(h('h1', { tabindex: '-1' }, 'Record a nominal'),
          h('div', { class: 'alert error', role: 'alert', 'data-testid': 'nominal-denied' }, 'Your roles do not record nominals.'),
          h('p', {}, h('a', { href: href('/nominals') }, 'Back to nominals')));
        return;
      }
      main.append(
        h('p', { class: 'crumbs' }, h('a', { href: href('/nominals') }, '← Nominals')),
        h('div', { class: 'page-head' }, h('h1', { tabindex: '-1', id: 'nominal-new-h' }, 'Record a nominal')),
        h('p', { class: 'muted lead' },
          'Check for matches first: the person may already be known to your agency or another. Recording checks again, and says who else knows them.'),
        result,
        form);
      marking.offerAgencies(me?.agency ?? '', () => alive);
      return () => {
        alive = false;
      };
    },
  };
}
