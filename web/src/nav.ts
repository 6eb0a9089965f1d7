// The role-aware main menu: what each entry is, who may use it, and how it is drawn.
//
// Each entry names the roles that may USE the screen, read from the server's own checks
// (src/core/policy.cc, master_list.cc, linkage.cc, tasking.cc, scpo.cc and the app/ use
// cases): a role that would only meet 403s, or an empty screen it can do nothing with, does
// not get the link. The server decides either way; the menu only stops showing dead ends.
// `api` is the screen's main GET: tests/e2e/ui.test.mjs signs in as every demo role and
// checks that each link the role sees answers 200 there (it reads data-api from the link).
//
// To add a screen: one NavEntry in main.ts's NAV, in the group it belongs to, with its roles.

import { h } from './dom';
import { href } from './router';

export type Role =
  | 'frontline_officer' | 'analyst' | 'siu_officer' | 'rocta_analyst' | 'assessor' | 'moderator'
  | 'lead_responsible_officer' | 'tasking_chair' | 'partner' | 'scpo_officer' | 'inspector' | 'administrator'
  // Not a role of the server: a partner whose agency's agreement covers capability (capability.ts menuRoles).
  | 'capability_by_agreement';

export const ALL_ROLES: Role[] = ['frontline_officer', 'analyst', 'siu_officer', 'rocta_analyst', 'assessor', 'moderator',
  'lead_responsible_officer', 'tasking_chair', 'partner', 'scpo_officer', 'inspector', 'administrator'];

/** The menu's sections, in the order they are drawn. */
export type NavGroup = 'work' | 'records' | 'picture' | 'tasking' | 'admin';
export const NAV_GROUPS: [NavGroup, string][] = [
  ['work', 'My work'], ['records', 'Records'], ['picture', 'Threat picture'], ['tasking', 'Tasking'], ['admin', 'Administration'],
];

export interface NavEntry {
  section: string;       // the route: #/{section}
  text: string;
  testid: string;        // data-testid of the link (tests click it)
  group: NavGroup;
  roles: readonly Role[] | 'all';
  /** The screen's main GET, checked by the e2e suite; a function when it depends on the roles. */
  api?: string | ((roles: readonly string[]) => string);
}

/** The older form [section, text, testid, roles?] is still accepted (it goes under Records). */
export type LegacyNavEntry = [string, string, string, string[]?];

export function normalise(e: NavEntry | LegacyNavEntry): NavEntry {
  if (!Array.isArray(e)) return e;
  const [section, text, testid, roles] = e;
  return { section, text, testid, group: 'records', roles: roles ? (roles as Role[]) : 'all' };
}

export function mayUse(e: NavEntry, roles: readonly string[]): boolean {
  return e.roles === 'all' || e.roles.some((r) => roles.includes(r));
}

// Roles, as the server's checks name them.
/** role_may_write(threat): who nominates a threat (src/core/policy.cc). */
export const THREAT_WRITERS: Role[] = ['analyst', 'rocta_analyst', 'assessor', 'siu_officer', 'lead_responsible_officer'];
/** role_may_write(nominal, intelligence, commodity) (src/core/policy.cc). */
export const RECORD_WRITERS: Role[] = ['analyst', 'rocta_analyst', 'siu_officer', 'frontline_officer', 'partner', 'scpo_officer'];
/** may_read_soc_figures: any role but frontline officer and partner (src/core/policy.cc). */
export const FIGURES_READERS: Role[] = ALL_ROLES.filter((r) => r !== 'frontline_officer' && r !== 'partner');
/** The briefing is for those who work an area; partners' officers do not patrol one. */
export const BRIEFING_READERS: Role[] = ALL_ROLES.filter((r) => r !== 'partner');
/** The map in the menu: a frontline officer reaches it from the briefing of their area, which keeps their menu short. */
export const MAP_MENU_READERS: Role[] = ALL_ROLES.filter((r) => r !== 'frontline_officer' && r !== 'partner');
/** may_review_matches / may_run_matching (src/core/linkage.cc). */
export const MATCH_REVIEWERS: Role[] = ['analyst', 'rocta_analyst', 'siu_officer'];
export const MATCH_USERS: Role[] = [...MATCH_REVIEWERS, 'administrator'];
/**
 * sees_tasking is law enforcement without the partner role (src/core/tasking.cc); of those,
 * the ones whose work the tasking screens hold: chairs and LROs decide, analysts and
 * inspectors prepare and review, SIU officers bring escalations.
 */
export const TASKING_USERS: Role[] = ['tasking_chair', 'lead_responsible_officer', 'analyst', 'rocta_analyst', 'siu_officer', 'inspector'];
/** 4P plans: LROs write them (app/four_p_plans.cc), chairs review, analysts and inspectors read coverage. */
export const PLAN_USERS: Role[] = ['lead_responsible_officer', 'tasking_chair', 'analyst', 'rocta_analyst', 'inspector'];
/** The master list: who prioritises, assesses, moderates and tasks against it. */
export const MASTER_LIST_USERS: Role[] = ['analyst', 'rocta_analyst', 'siu_officer', 'assessor', 'moderator',
  'lead_responsible_officer', 'tasking_chair', 'inspector'];
/** may_read_scpo_figures (src/core/scpo.cc). */
export const SCPO_FIGURES_READERS: Role[] = ['scpo_officer', 'inspector', 'tasking_chair'];

/** The menu for these roles, grouped; `onNavigate` closes it on narrow screens. */
export function drawNav(entries: NavEntry[], roles: readonly string[]): { nav: HTMLElement; links: HTMLAnchorElement[] } {
  const links: HTMLAnchorElement[] = [];
  const groups: HTMLElement[] = [];
  for (const [group, label] of NAV_GROUPS) {
    const mine = entries.filter((e) => e.group === group && mayUse(e, roles));
    if (!mine.length) continue;
    const groupLinks = mine.map((e) => h('a', { href: href(`/${e.section}`), 'data-testid': e.testid, 'data-section': e.section,
      'data-api': typeof e.api === 'function' ? e.api(roles) : e.api ?? null }, e.text));
    links.push(...groupLinks);
    const labelId = `nav-group-${group}`;
    groups.push(h('li', { class: 'nav-group', 'data-group': group },
      h('span', { class: 'nav-group-label', id: labelId }, label),
      h('ul', { 'aria-labelledby': labelId }, ...groupLinks.map((a) => h('li', {}, a)))));
  }
  const nav = h('nav', { 'aria-label': 'Main', class: 'main-nav', id: 'main-nav', 'data-testid': 'main-nav' }, h('ul', { class: 'nav-groups' }, ...groups));
  return { nav, links };
}
