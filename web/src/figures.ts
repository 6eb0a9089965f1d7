// The SOC figures: GET /api/v1/reports/soc for a year ending on a date, national or a region,
// with Appendix 2's filters (all on by default, `=false` sent when off). Threats per agency
// and their share of the national total, disruptions against the year before and by 4P, a
// breakdown of one agency, bar charts drawn by ECharts (charts.ts) over tables of the numbers,
// and the CSV and printable page fetched with the bearer token and handed over as blob: URLs.

import { savedFilters } from './saved-filters';
import { saveBlob } from './export';
import { ApiError, getUser, requestBlob, request } from './api';
import { clear, field, h, option, uid } from './dom';
import { barChart, COLOURS, disposeDetachedCharts } from './charts';
import { date } from './format';
import { problemText } from './forms';
import { agencies, regions } from './refdata';
import { href, navigate, type View } from './router';
import type { Agency, AgencyDisruptionFigures, AgencyThreatFigures, SocFigures } from './types';

/** With no year chosen the server picks the last complete year that holds disruptions. */
export const DEFAULT_REGION = 'London';
const FOUR_P = ['Pursue', 'Prevent', 'Protect', 'Prepare'];
const FLAGS = [
  ['tactical_only', 'Tactical assessments only', 'threats'],
  ['moderated_only', 'Moderated only', 'threats'],
  ['soc_only', 'Serious and organised crime only', 'threats'],
  ['exclude_tier_5', 'Exclude tier 5', 'threats'],
  ['exclude_closed', 'Exclude closed threats', 'threats'],
  ['lead_only', 'Lead disruptions only', 'disruptions'],
  ['assessed_only', 'Assessed disruptions only (major, moderate, minor)', 'disruptions'],
] as const;
type Flag = (typeof FLAGS)[number][0];
const COLUMNS = ['Agency', 'Threats', 'Share of national', 'County lines', 'Disruptions', 'Year before', 'Change',
  'Pursue', 'Prevent', 'Protect', 'Prepare'];
/** The charts of all agencies show the busiest ones; the table has them all. */
const CHART_AGENCIES = 12;

interface State {
  year_ending: string; // '' for the server's default (the last complete year)
  region: string;
  agency: string;
  flags: Record<Flag, boolean>;
}

function readState(q: URLSearchParams): State {
  const ye = q.get('year_ending') ?? '';
  const flags = {} as Record<Flag, boolean>;
  for (const [k] of FLAGS) flags[k] = q.get(k) !== 'false';
  return {
    year_ending: /^\d{4}-\d{2}-\d{2}$/.test(ye) ? ye : '',
    // The reader's own region (London for a national agency) unless they chose another, or
    // national ("national" in the URL).
    region: q.get('region') === 'national' ? '' : q.get('region') ?? (getUser()?.region || DEFAULT_REGION),
    agency: q.get('agency') ?? '',
    flags,
  };
}

function stateQuery(s: State): URLSearchParams {
  const qs = new URLSearchParams();
  if (s.year_ending) qs.set('year_ending', s.year_ending);
  qs.set('region', s.region || 'national');
  if (s.agency) qs.set('agency', s.agency);
  for (const [k] of FLAGS) if (!s.flags[k]) qs.set(k, 'false');
  return qs;
}

/** The report's query: the year, the region and the filters switched off. */
function reportQuery(s: State, format?: string): Record<string, string | undefined> {
  const q: Record<string, string | undefined> = { year_ending: s.year_ending || undefined, region: s.region || undefined, format };
  for (const [k] of FLAGS) if (!s.flags[k]) q[k] = 'false';
  return q;
}

const count = (n: number | undefined) => (n === undefined || n === null ? '—' : n.toLocaleString('en-GB'));
const pct = (n: number | undefined) => (n === undefined || n === null ? '—' : `${n.toFixed(1)}%`);

function change(now: number, before: number): string {
  if (!before) return now ? 'new' : '—';
  const p = ((now - before) / before) * 100;
  return `${p >= 0 ? '+' : '−'}${Math.abs(p).toFixed(1)}%`;
}

/** A table of numbers for screen readers and for reading off, folded under its chart. */
function numbersTable(rows: [string, string][], head: string): HTMLElement {
  return h('details', { class: 'chart-numbers' }, h('summary', {}, 'The numbers'),
    h('table', { class: 'bars' },
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, head), h('th', { scope: 'col', class: 'num' }, 'Count'))),
      h('tbody', {}, ...rows.map(([k, v]) => h('tr', { 'data-testid': 'bar-row', 'data-key': k },
        h('th', { scope: 'row' }, k), h('td', { class: 'num' }, v))))));
}

/** A bar chart of one breakdown (ECharts) with its numbers. */
function barTable(caption: string, data: Record<string, number> | undefined, testid: string, kind = 'now'): HTMLElement {
  const entries = Object.entries(data ?? {}).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const shown = entries.filter(([, v]) => v > 0);
  return h('figure', { class: 'chart', 'data-testid': testid },
    h('figcaption', {}, caption),
    ...(shown.length
      ? [barChart({ categories: shown.map(([k]) => k), series: [{ name: caption, values: shown.map(([, v]) => v), colour: COLOURS[kind] }] }),
        numbersTable(shown.map(([k, v]) => [k, count(v)]), 'Category')]
      : [h('p', { class: 'muted' }, 'None.')]));
}

export function figuresView(initial: URLSearchParams): View {
  let state = readState(initial);
  let alive = true;
  let generation = 0;
  let figures: SocFigures | null = null;
  let names = new Map<string, string>();
  const me = getUser();

  // --- controls
  const yearEnding = h('input', { type: 'date', name: 'year_ending', required: true, 'data-testid': 'fig-year-ending' });
  const region = h('select', { name: 'region', 'data-testid': 'fig-region' }, option('', 'National (every agency)', true));
  const flagInputs = FLAGS.map(([k, text, group]) => {
    const id = uid('f');
    const input = h('input', { type: 'checkbox', id, name: k, 'data-testid': `fig-${k.replace(/_/g, '-')}` });
    return { k, group, input, wrap: h('div', { class: 'check' }, input, h('label', { for: id }, text)) };
  });
  const reset = h('button', { type: 'button', class: 'link-button', 'data-testid': 'fig-reset' }, 'Reset to Appendix 2');
  const yearError = h('p', { class: 'field-error', hidden: true, id: uid('err'), 'data-testid': 'field-error-year-ending' });
  const yearField = field('Year ending', yearEnding, 'The twelve months ending on this date, against the twelve before.');
  yearField.querySelector('label')!.after(yearError);
  const form = h('form', { class: 'filters', role: 'search', 'aria-label': 'Figures: year, region and filter', 'data-testid': 'fig-filters', novalidate: true },
    h('div', { class: 'filter-row fig-row' }, yearField, field('Region', region)),
    h('fieldset', { class: 'flag-set' },
      h('legend', {}, 'Appendix 2 filter — threats'),
      h('div', { class: 'flags' }, ...flagInputs.filter((f) => f.group === 'threats').map((f) => f.wrap))),
    h('fieldset', { class: 'flag-set' },
      h('legend', {}, 'Appendix 2 filter — disruptions'),
      h('div', { class: 'flags' }, ...flagInputs.filter((f) => f.group === 'disruptions').map((f) => f.wrap),
        h('div', { class: 'field reset' }, reset))),
  );

  function syncForm() {
    yearEnding.value = state.year_ending || figures?.year_ending || '';
    if (state.region && ![...region.options].some((o) => o.value === state.region)) region.append(option(state.region, state.region, false));
    region.value = state.region;
    for (const f of flagInputs) f.input.checked = state.flags[f.k];
  }

  function formState(): State | null {
    yearError.hidden = true;
    yearEnding.removeAttribute('aria-invalid');
    if (!/^\d{4}-\d{2}-\d{2}$/.test(yearEnding.value) && (state.year_ending || figures)) {
      yearError.textContent = 'Enter the last day of the year, as a date.';
      yearError.hidden = false;
      yearEnding.setAttribute('aria-invalid', 'true');
      yearEnding.setAttribute('aria-describedby', yearError.id);
      return null;
    }
    const flags = {} as Record<Flag, boolean>;
    for (const f of flagInputs) flags[f.k] = f.input.checked;
    // The year the server chose stays the server's choice until the reader picks another.
    const chosen = !state.year_ending && yearEnding.value === figures?.year_ending ? '' : yearEnding.value;
    return { year_ending: chosen, region: region.value, agency: state.agency, flags };
  }

  const apply = (s: State | null) => s && navigate(href('/figures', stateQuery(s)));
  form.addEventListener('change', (ev) => {
    // A date being typed fires change per part; only a whole date moves the screen.
    if (ev.target === yearEnding && !/^\d{4}-\d{2}-\d{2}$/.test(yearEnding.value)) return;
    apply(formState());
  });
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    apply(formState());
  });
  reset.addEventListener('click', () => {
    const s = formState() ?? { ...state };
    for (const [k] of FLAGS) s.flags[k] = true;
    apply(s);
  });

  // --- downloads
  const csvButton = h('button', { type: 'button', 'data-testid': 'fig-csv' }, 'Download CSV');
  const htmlButton = h('button', { type: 'button', 'data-testid': 'fig-html' }, 'Open printable page');
  const htmlSave = h('button', { type: 'button', class: 'link-button', 'data-testid': 'fig-html-save' }, 'Save printable page');
  const downloadStatus = h('p', { class: 'hint', 'aria-live': 'polite', 'data-testid': 'fig-download-status' });
  const downloads = h('div', { class: 'downloads', 'data-testid': 'fig-downloads' }, csvButton, htmlButton, htmlSave, downloadStatus);

  async function download(format: 'csv' | 'html', button: HTMLButtonElement, open: boolean) {
    // Open the tab now, while the click still counts as the user's: after the fetch a
    // pop-up blocker would refuse it.
    const tab = open ? window.open('', '_blank') : null;
    button.disabled = true;
    downloadStatus.textContent = 'Preparing…';
    try {
      const blob = await requestBlob('/api/v1/reports/soc', reportQuery(state, format));
      const name = `soc-figures-${figures?.year_ending ?? state.year_ending}${state.region ? `-${state.region.toLowerCase().replace(/[^a-z0-9]+/g, '-')}` : ''}.${format}`;
      if (tab) {
        const url = URL.createObjectURL(blob);
        tab.location.href = url;
        adoptReportStyles(tab, url);
        window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
        downloadStatus.textContent = 'The printable page opened in a new tab.';
      } else {
        saveBlob(blob, name);
        downloadStatus.textContent = `Saved ${name}.`;
      }
    } catch (e) {
      tab?.close();
      downloadStatus.textContent = `Could not get the ${format === 'csv' ? 'CSV' : 'printable page'}: ${problemText(e)}`;
    } finally {
      button.disabled = false;
    }
  }
  csvButton.addEventListener('click', () => void download('csv', csvButton, false));
  htmlButton.addEventListener('click', () => void download('html', htmlButton, true));
  htmlSave.addEventListener('click', () => void download('html', htmlSave, false));

  // --- results
  const results = h('section', { class: 'results', 'aria-label': 'SOC figures', 'data-testid': 'fig-results', 'data-state': 'loading' });

  function showError(e: unknown) {
    clear(results);
    const forbidden = e instanceof ApiError && e.status === 403;
    results.append(h('div', { class: 'alert error', role: 'alert', 'data-testid': forbidden ? 'fig-forbidden' : 'fig-error' },
      forbidden
        ? [h('strong', {}, 'You are not allowed to see the SOC figures. '), problemText(e)]
        : `Could not load the figures: ${problemText(e)}`));
    form.hidden = forbidden;
    downloads.hidden = forbidden;
  }

  function agencyLabel(code: string): Node[] {
    const n = names.get(code);
    return [h('span', { class: 'agency-code' }, code), n ? h('span', { class: 'muted small' }, n) : null].filter(Boolean) as Node[];
  }

  function draw(f: SocFigures) {
    clear(results);
    const threats = f.threats?.by_agency ?? {};
    const disruptions = f.disruptions?.by_agency ?? {};
    const codes = [...new Set([...Object.keys(threats), ...Object.keys(disruptions)])].sort();
    const from = yearStart(f.year_ending);

    results.append(
      h('p', { class: 'view-title', 'data-testid': 'fig-title' },
        `${state.region ? `Region: ${state.region}` : 'National'} — year ending ${date(f.year_ending)}${state.year_ending ? '' : ' (the latest complete year)'}`),
      h('p', { class: 'summary' }, `Disruptions from ${date(from)} to ${date(f.year_ending)}, against the twelve months before. `,
        filterSummary()),
      h('dl', { class: 'stats fig-stats' },
        h('div', { class: 'stat' }, h('dt', {}, 'Threats nationally'), h('dd', { 'data-testid': 'fig-national-total' }, count(f.threats?.national_total))),
        h('div', { class: 'stat' }, h('dt', {}, 'Agencies shown'), h('dd', { 'data-testid': 'fig-agency-count' }, count(codes.length))),
        h('div', { class: 'stat' }, h('dt', {}, 'Disruptions, this year'),
          h('dd', { 'data-testid': 'fig-disruptions-total' }, count(codes.reduce((a, c) => a + (disruptions[c]?.total ?? 0), 0)))),
      ),
    );
    if (!codes.length) {
      results.append(h('p', { class: 'muted', 'data-testid': 'fig-empty' }, 'No agencies in this view.'));
      return;
    }

    // The table: every agency.
    results.append(h('h2', { id: 'fig-table-h' }, 'By agency'),
      h('div', { class: 'table-wrap' },
        h('table', { class: 'data figures-table', 'data-testid': 'fig-table', 'aria-labelledby': 'fig-table-h' },
          h('thead', {},
            h('tr', {},
              h('th', { scope: 'col', rowspan: '2' }, COLUMNS[0]),
              h('th', { scope: 'colgroup', colspan: '3', class: 'group' }, 'Threats on the master list'),
              h('th', { scope: 'colgroup', colspan: '3', class: 'group' }, 'Disruptions'),
              h('th', { scope: 'colgroup', colspan: '4', class: 'group' }, 'Disruptions by 4P')),
            h('tr', {}, ...COLUMNS.slice(1).map((c) => h('th', { scope: 'col', class: 'num' }, c)))),
          h('tbody', {}, ...codes.map((code) => agencyRow(code, threats[code], disruptions[code]))))));
    results.append(siuConsultationTable(f));

    // The charts of all agencies, busiest first.
    const busiest = codes.slice().sort((a, b) => (disruptions[b]?.total ?? 0) - (disruptions[a]?.total ?? 0) || a.localeCompare(b))
      .slice(0, CHART_AGENCIES);
        disposeDetachedCharts();
    // Empty axes say less than a sentence.
    const anyDisruptions = busiest.some((c) => (disruptions[c]?.total ?? 0) + (disruptions[c]?.previous_year ?? 0) > 0);
    const nothing = () => h('p', { class: 'muted', 'data-testid': 'fig-chart-empty' }, 'No disruptions recorded in these two years.');
    results.append(h('h2', {}, 'Charts'),
      h('div', { class: 'chart-grid' },
        h('figure', { class: 'chart', 'data-testid': 'fig-chart-years' },
          h('figcaption', {}, codes.length > CHART_AGENCIES ? `Disruptions, this year against the year before (the ${CHART_AGENCIES} busiest agencies)` : 'Disruptions, this year against the year before'),
          anyDisruptions ? barChart({ categories: busiest, series: [
            { name: 'This year', values: busiest.map((c) => disruptions[c]?.total ?? 0), colour: COLOURS.now },
            { name: 'Year before', values: busiest.map((c) => disruptions[c]?.previous_year ?? 0), colour: COLOURS.before }] }) : nothing(),
          numbersTable(busiest.map((c) => [c, `${count(disruptions[c]?.total ?? 0)} / ${count(disruptions[c]?.previous_year ?? 0)}`]), 'Agency (this year / year before)')),
        h('figure', { class: 'chart', 'data-testid': 'fig-chart-4p' },
          h('figcaption', {}, 'The 4P split of each agency’s disruptions'),
          anyDisruptions ? barChart({ categories: busiest, stacked: true, series: FOUR_P.map((p) => (
            { name: p, values: busiest.map((c) => disruptions[c]?.by_4p_pct?.[p] ?? 0), colour: COLOURS[p.toLowerCase()] })) }) : nothing(),
          numbersTable(busiest.map((c) => [c, FOUR_P.map((p) => pct(disruptions[c]?.by_4p_pct?.[p] ?? 0)).join(' / ')]), 'Agency (Pursue / Prevent / Protect / Prepare)'))));

    // One agency in detail.
    const chosen = codes.includes(state.agency) ? state.agency : codes.includes(me?.agency ?? '') ? me!.agency : codes[0];
    const pick = h('select', { name: 'agency', 'data-testid': 'fig-agency' },
      ...codes.map((c) => option(c, names.get(c) ? `${c} — ${names.get(c)}` : c, c === chosen)));
    pick.addEventListener('change', () => navigate(href('/figures', stateQuery({ ...state, agency: pick.value })), true));
    const t = threats[chosen];
    const d = disruptions[chosen];
    results.append(
      h('section', { class: 'agency-detail', 'aria-labelledby': 'fig-agency-h', 'data-testid': 'fig-agency-detail', 'data-agency': chosen },
        h('div', { class: 'section-head' },
          h('h2', { id: 'fig-agency-h' }, `Breakdown: ${names.get(chosen) ?? chosen}`),
          h('div', { class: 'inline-field' }, field('Agency', pick))),
        h('dl', { class: 'stats fig-stats' },
          h('div', { class: 'stat' }, h('dt', {}, 'Threats'), h('dd', { 'data-testid': 'fig-detail-threats' }, count(t?.total ?? 0))),
          h('div', { class: 'stat' }, h('dt', {}, 'Share of national'), h('dd', {}, pct(t?.share_of_national_pct ?? 0))),
          h('div', { class: 'stat' }, h('dt', {}, 'County lines'), h('dd', {}, count(t?.county_lines?.total ?? 0))),
          h('div', { class: 'stat' }, h('dt', {}, 'Disruptions'), h('dd', { 'data-testid': 'fig-detail-disruptions' }, count(d?.total ?? 0))),
          h('div', { class: 'stat' }, h('dt', {}, 'Year before'), h('dd', {}, count(d?.previous_year ?? 0)))),
        h('div', { class: 'chart-grid' },
          barTable('Disruptions by threat category', d?.by_threat_category, 'fig-detail-threat-category'),
          barTable('Disruptions by 4P outcome', d?.by_4p, 'fig-detail-4p'),
          barTable('Threats by primary crime type', t?.by_primary_crime_type, 'fig-detail-crime-type', 'threat'),
          barTable('Threats by type', t?.by_threat_type, 'fig-detail-threat-type', 'threat'),
          barTable('County lines threats by primary crime type', t?.county_lines?.by_primary_crime_type, 'fig-detail-county-lines', 'threat'))),
    );
  }

  function agencyRow(code: string, t: AgencyThreatFigures | undefined, d: AgencyDisruptionFigures | undefined): HTMLTableRowElement {
    const cell = (i: number, testid: string, text: string) =>
      h('td', { 'data-label': COLUMNS[i], class: 'num', 'data-testid': testid }, text);
    return h('tr', { 'data-testid': 'fig-row', 'data-agency': code, class: code === me?.agency ? 'mine' : null },
      h('th', { scope: 'row', 'data-label': COLUMNS[0], 'data-testid': 'cell-agency' }, ...agencyLabel(code)),
      cell(1, 'cell-threats', count(t?.total ?? 0)),
      cell(2, 'cell-share', pct(t?.share_of_national_pct ?? 0)),
      cell(3, 'cell-county-lines', count(t?.county_lines?.total ?? 0)),
      cell(4, 'cell-disruptions', count(d?.total ?? 0)),
      cell(5, 'cell-previous-year', count(d?.previous_year ?? 0)),
      cell(6, 'cell-change', change(d?.total ?? 0, d?.previous_year ?? 0)),
      ...FOUR_P.map((p, i) => cell(7 + i, `cell-${p.toLowerCase()}-pct`, pct(d?.by_4p_pct?.[p] ?? 0))),
    );
  }

  function filterSummary(): string {
    const off = FLAGS.filter(([k]) => !state.flags[k]).map(([, text]) => text.toLowerCase());
    return off.length ? `Switched off: ${off.join('; ')}.` : 'Appendix 2’s filters apply.';
  }

  async function load() {
    const mine = ++generation;
    results.dataset.state = 'loading';
    results.setAttribute('aria-busy', 'true');
    try {
      const f = await request<SocFigures>('/api/v1/reports/soc', { query: reportQuery(state) });
      if (mine !== generation || !alive) return;
      figures = f;
      if (!state.year_ending) yearEnding.value = f.year_ending;
      draw(f);
      results.dataset.state = 'ready';
      results.dataset.hash = window.location.hash;
    } catch (e) {
      if (mine !== generation || !alive) return;
      if (e instanceof ApiError && e.status === 400 && e.problem.field === 'year_ending') {
        yearError.textContent = problemText(e);
        yearError.hidden = false;
        yearEnding.setAttribute('aria-invalid', 'true');
      }
      showError(e);
      results.dataset.state = 'error';
      results.dataset.hash = window.location.hash;
    } finally {
      if (mine === generation) results.removeAttribute('aria-busy');
    }
  }

  return {
    title: 'SOC figures',
    render(main) {
      syncForm();
      main.append(
        h('div', { class: 'page-head' }, h('h1', { tabindex: '-1' }, 'SOC figures'), downloads),
        h('p', { class: 'muted lead' },
          'Threats on the master list per agency and their share of the national total; disruptions for the year against the year before, by 4P outcome and by the threat disrupted. Computed from the records, with Appendix 2’s filters unless you switch one off.'),
        savedFilters('figures'),
        form,
        results,
      );
      regions().then((list) => {
        if (!alive) return;
        for (const r of list) if (![...region.options].some((o) => o.value === r)) region.append(option(r, r, false));
        region.value = state.region;
      }).catch(() => {});
      agencies().then((list: Agency[]) => {
        if (!alive) return;
        names = new Map(list.map((a) => [a.code, a.name]));
        if (figures && results.dataset.state === 'ready') draw(figures);
      }).catch(() => {});
      void load();
      return () => {
        alive = false;
      };
    },
    update(query) {
      const before = state;
      state = readState(query);
      syncForm();
      // Choosing another agency only redraws the breakdown; the figures are the same.
      const same = before.year_ending === state.year_ending && before.region === state.region
        && FLAGS.every(([k]) => before.flags[k] === state.flags[k]);
      if (same && figures) {
        const focused = document.activeElement?.getAttribute('data-testid');
        draw(figures);
        results.dataset.hash = window.location.hash;
        if (focused) results.querySelector<HTMLElement>(`[data-testid="${focused}"]`)?.focus();
        return;
      }
      void load();
    },
  };
}

/**
 * A blob: page inherits this app's CSP, which blocks the printable page's own <style>. Its
 * rules are applied instead as a constructed stylesheet (CSSOM, which the CSP allows), once
 * the tab has loaded the page; if that fails the page is still readable, only plainer.
 */
function adoptReportStyles(tab: Window, url: string) {
  const deadline = Date.now() + 10_000;
  const poll = window.setInterval(() => {
    try {
      const doc = tab.document;
      if (tab.closed || Date.now() > deadline) return window.clearInterval(poll);
      if (doc.URL !== url || doc.readyState !== 'complete') return;
      window.clearInterval(poll);
      const css = [...doc.querySelectorAll('style')].map((s) => s.textContent ?? '').join('\n');
      if (!css) return;
      const Sheet = (tab as unknown as { CSSStyleSheet: typeof CSSStyleSheet }).CSSStyleSheet;
      const sheet = new Sheet();
      sheet.replaceSync(css);
      doc.adoptedStyleSheets = [...doc.adoptedStyleSheets, sheet];
    } catch {
      window.clearInterval(poll);
    }
  }, 100);
}

/** The SIU consultation rate: assessments of the year whose SIU check was asked and answered, by agency. */
function siuConsultationTable(f: SocFigures): HTMLElement {
  const rows = Object.entries(f.siu_consultation?.by_agency ?? {}).sort(([a], [b]) => a.localeCompare(b));
  const cols = ['Agency', 'Assessments', 'SIU check asked', 'Answered', 'Approved without the reply', 'Consultation rate'];
  return h('section', { 'aria-labelledby': 'fig-siu-h', 'data-testid': 'fig-siu-consultation' },
    h('h2', { id: 'fig-siu-h' }, 'SIU consultation of MoRiLE assessments'),
    rows.length
      ? h('div', { class: 'table-wrap' }, h('table', { class: 'data', 'aria-labelledby': 'fig-siu-h' },
        h('thead', {}, h('tr', {}, ...cols.map((c, i) => h('th', { scope: 'col', class: i ? 'num' : '' }, c)))),
        h('tbody', {}, ...rows.map(([code, c]) => h('tr', { 'data-testid': 'fig-siu-row', 'data-agency': code },
          h('th', { scope: 'row' }, code), h('td', { class: 'num' }, String(c.assessments)), h('td', { class: 'num' }, String(c.asked)),
          h('td', { class: 'num' }, String(c.answered)), h('td', { class: 'num' }, String(c.waived)),
          h('td', { class: 'num', 'data-testid': 'fig-siu-rate' }, c.asked ? `${c.rate_pct.toFixed(1)}%` : '—'))))))
      : h('p', { class: 'muted' }, 'No MoRiLE assessments in this year.'));
}

/** The first day of the twelve months ending on `ymd`. */
function yearStart(ymd: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(ymd);
  if (!m) return ymd;
  const d = new Date(Date.UTC(Number(m[1]) - 1, Number(m[2]) - 1, Number(m[3]) + 1));
  return d.toISOString().slice(0, 10);
}
