// SOC local profiles (#/profiles, #/profiles?area=ID): generated now for a BCU or a BTP rail
// area, printable from the browser (the print stylesheet hides the page frame). With
// &within=<loaded area id>: only the threats with a place in that area (API ?area=).

import { request } from './api';
import { areaFilter } from './area-picker';
import { markingBanner } from './marking';
import type { Marking } from './types';
import { h } from './dom';
import { dateTime, date } from './format';
import { href, navigate, type View } from './router';
import { panel, percent, select, table, type CoverageCell, type Task, type ThreatBrief } from './tasking-common';
import type { Unit } from './types';

interface Profile {
  area: { id: number; agency: string; name: string };
  marking: Marking;
  generated_at: string;
  threats: ThreatBrief[];
  vulnerabilities: ThreatBrief[];
  open_tasks: Task[];
  partners: { agency: string; what: string }[];
  four_p: { p: string; actions: number; partner_actions: number; open: number }[];
  plan_coverage: CoverageCell;
  disruptions: { available: boolean; note: string; total?: number; last_twelve_months?: number };
}

function threatRows(list: ThreatBrief[]) {
  return list.map((t) => ({ attrs: { 'data-id': String(t.id) },
    cells: [h('a', { href: href(`/threats/${t.id}`) }, `${t.reference} ${t.name}`), t.threat_type, t.tier === null ? '—' : String(t.tier),
      t.primary_crime_type || '—', t.owning_agency] }));
}

export function profilesView(query: URLSearchParams): View {
  const picker = panel('profile-areas');
  const body = panel('profile');
  const area = query.get('area');
  const within = /^[1-9][0-9]*$/.test(query.get('within') ?? '') ? (query.get('within') as string) : '';

  return {
    title: 'SOC local profiles',
    render(main) {
      main.append(h('div', { class: 'page-head no-print' }, h('h1', { tabindex: '-1' }, 'SOC local profiles')), picker.el, body.el);
      void picker.load(async () => {
        const areas = await request<Unit[]>('/api/v1/local-profiles');
        const s = select([['', 'Choose a BCU or rail area'], ...areas.map((u): [string, string] => [String(u.id), `${u.name} (${u.agency})`])], area ?? '');
        s.id = 'profile-area';
        s.setAttribute('data-testid', 'profile-area');
        const place = areaFilter(within, 'profile-within');
        place.id = 'profile-within';
        const go = () => {
          const q: Record<string, string> = {};
          if (s.value) q.area = s.value;
          if (place.value) q.within = place.value;
          navigate(href('/profiles', q));
        };
        s.addEventListener('change', go);
        place.addEventListener('change', go);
        const print = h('button', { type: 'button', 'data-testid': 'profile-print' }, 'Print');
        print.addEventListener('click', () => window.print());
        return h('div', { class: 'no-print toolbar' }, h('label', { for: 'profile-area' }, 'Area '), s, ' ',
          h('label', { for: 'profile-within' }, 'Only threats placed in '), place, ' ', area ? print : null);
      });
      if (!area) {
        body.el.dataset.state = 'ready';
        body.el.replaceChildren(h('p', { class: 'muted' }, 'Choose an area to generate its profile.'));
        return;
      }
      void body.load(async () => {
        const p = await request<Profile>(`/api/v1/local-profiles/${encodeURIComponent(area)}`, { query: { area: within || undefined } });
        return h('article', { class: 'local-profile', 'data-testid': 'local-profile' },
          markingBanner(p.marking, 'top'),
          h('h2', {}, `SOC local profile: ${p.area.name}`),
          h('p', { class: 'muted' }, `${p.area.agency} · generated ${dateTime(p.generated_at)}`),
          h('h3', {}, 'Threats located here'),
          table('profile-threats', 'Threats', ['Threat', 'Type', 'Tier', 'Crime type', 'Owner'], threatRows(p.threats), 'No threat is located here.'),
          h('h3', {}, 'Vulnerabilities'),
          table('profile-vulnerabilities', 'Vulnerabilities', ['Vulnerability', 'Type', 'Tier', 'Crime type', 'Owner'],
            threatRows(p.vulnerabilities), 'No vulnerability is recorded here.'),
          h('h3', {}, 'The 4P approach'),
          h('p', { 'data-testid': 'profile-coverage' }, `${p.plan_coverage.with_plan} of ${p.plan_coverage.threats} threats past assessment have a current 4P plan (${percent(p.plan_coverage.share)}).`),
          table('profile-four-p', '4P actions', ['P', 'Actions', 'Owned by partners', 'Open'],
            p.four_p.map((f) => ({ cells: [f.p, String(f.actions), String(f.partner_actions), String(f.open)] })), ''),
          h('h3', {}, 'Partner contributions'),
          table('profile-partners', 'Partner contributions', ['Partner', 'Supplied'],
            p.partners.map((c) => ({ cells: [c.agency, c.what] })), 'No partner has contributed yet.'),
          h('h3', {}, 'Open tasks'),
          table('profile-tasks', 'Open tasks', ['Task', 'To', 'Due', 'Status'],
            p.open_tasks.map((t) => ({ cells: [t.title, t.assigned_agency, date(t.deadline), t.status] })), 'No open task.'),
          h('h3', {}, 'Disruptions'),
          h('p', { class: 'muted', 'data-testid': 'profile-disruptions' }, p.disruptions.note),
          markingBanner(p.marking, 'bottom'));
      });
    },
  };
}
