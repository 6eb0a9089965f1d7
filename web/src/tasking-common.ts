// Shared by the tasking, tasks, 4P plan and local profile screens: their types, a loading
// panel, a plain table and a small form builder.

import './tasking.css';

import { ApiError } from './api';
import { clear, field, h, type Child } from './dom';
import { FormErrors, problemText } from './forms';
import { picker, threatSearch } from './people';

export interface Priority {
  id: number; agency: string; rank: number; title: string; description: string; crime_type: string;
  effective_from: string; effective_to: string | null; in_force: boolean;
}
export interface Meeting {
  id: number; agency: string; unit_id: number; level: string; title: string; held_on: string; chair_id: number;
  tactical_assessment: string; unit_name?: string; agenda?: AgendaItem[]; decisions?: Decision[];
}
export interface AgendaItem { kind: string; ref_id: number; title: string; detail: string; overdue: boolean }
export interface Decision {
  id: number; agency: string; meeting_id: number | null; outside_meeting: boolean; awaits_ratification: boolean;
  escalation_id: number | null; threat_id: number | null; decision: string; rationale: string; decided_by: number;
  decided_by_name: string; decided_at: string; ratified_in: number | null;
}
export interface Escalation {
  id: number; direction: string; from_unit: string; to_unit: string; to_unit_id: number; threat_id: number | null;
  request: string; support: string; raised_at: string; decide_by: string; status: string; overdue: boolean;
  days_to_decision: number | null; decision_id: number | null;
}
export interface TaskUpdate { id: number; by_name: string; by_agency: string; at: string; status: string; note: string }
export interface Task {
  id: number; agency: string; title: string; detail: string; assigned_agency: string; owner: string; threat_id: number | null;
  decision_id: number | null; deadline: string; status: string; overdue: boolean; updates: TaskUpdate[];
}
export interface ThreatBrief {
  id: number; reference: string; name: string; threat_type: string; tier: number | null; primary_crime_type: string;
  owning_agency: string;
}
export interface PlanAction { id: number; p: string; description: string; owner_agency: string; owner: string; partner: boolean; due: string; done: boolean }
export interface Plan {
  id: number; threat_id: number; lro_name: string; aim: string; next_review: string; current: boolean; threat: ThreatBrief;
  actions: PlanAction[]; reviews: { id: number; reviewed_at: string; note: string; next_review: string }[];
}
export interface CoverageCell { key: string; threats: number; with_plan: number; share: number }

/** A panel that shows "Loading…", then what `draw` returns, or the server's problem. */
export function panel(testid: string): { el: HTMLElement; load: (draw: () => Promise<Child | Child[]>) => Promise<void> } {
  const el = h('div', { 'data-testid': testid, 'data-state': 'loading' }, h('p', { class: 'muted' }, 'Loading…'));
  return {
    el,
    async load(draw) {
      try {
        const content = await draw();
        clear(el);
        el.append(...([content].flat().filter(Boolean) as (Node | string)[]));
        el.dataset.state = 'ready';
      } catch (e) {
        clear(el);
        el.append(h('div', { class: 'alert error', role: 'alert', 'data-testid': `${testid}-error` },
          e instanceof ApiError && e.status === 403 ? problemText(e) : `Could not load this: ${problemText(e)}`));
        el.dataset.state = 'error';
      }
    },
  };
}

/** A data table; each row is its cells, the first a row header. */
export function table(testid: string, caption: string, columns: string[], rows: { cells: Child[]; attrs?: Record<string, string> }[],
  empty: string): HTMLElement {
  return h('div', { class: 'table-wrap' },
    h('table', { class: 'data', 'data-testid': testid },
      h('caption', { class: 'visually-hidden' }, caption),
      h('thead', {}, h('tr', {}, ...columns.map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', {},
        rows.length ? null : h('tr', {}, h('td', { colspan: String(columns.length), class: 'empty' }, empty)),
        ...rows.map((r) => h('tr', { 'data-testid': `${testid}-row`, ...(r.attrs ?? {}) },
          ...r.cells.map((c, i) => (i === 0 ? h('th', { scope: 'row', 'data-label': columns[0] }, c)
            : h('td', { 'data-label': columns[i] }, c))))))));
}

export type Control = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;

/**
 * A form of labelled controls named as the API's fields. `submit` gets the values; its
 * failure is shown next to the field the server names.
 */
export function form(testid: string, legend: string, controls: [string, string, Control][], button: string,
  submit: (values: Record<string, string>) => Promise<void>): HTMLFormElement {
  const alert = h('div', { class: 'alert error', role: 'alert', 'data-testid': `${testid}-error` });
  const errors = new FormErrors(alert);
  const f = h('form', { class: 'stack tasking-form', 'data-testid': testid, novalidate: true },
    h('h2', {}, legend), alert);
  for (const [name, label, control] of controls) {
    control.name = name;
    control.setAttribute('data-testid', `${testid}-${name}`);
    const wrap = field(label, control);
    const pickerEl = (control as PickerBox).pickerEl;
    if (pickerEl) {
      wrap.replaceChild(pickerEl, control);
      pickerEl.prepend(control);
    }
    f.append(wrap);
    errors.add(name, control);
  }
  const go = h('button', { type: 'submit', class: 'primary', 'data-testid': `${testid}-submit` }, button);
  f.append(go);
  f.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    errors.clear();
    go.disabled = true;
    const values: Record<string, string> = {};
    for (const [name, , control] of controls) values[name] = (control as PickerBox).picked?.() ?? control.value.trim();
    try {
      await submit(values);
    } catch (e) {
      errors.problem(e);
    } finally {
      go.disabled = false;
    }
  });
  return f;
}

/** A control that is a search-as-you-type picker: its value is the chosen record's id. */
type PickerBox = HTMLInputElement & { picked?: () => string; pickerEl?: HTMLElement };

/** A threat picker for a form(): type a reference or name, choose; the form sends the id. */
export function threatPicker(): HTMLInputElement {
  const p = picker({ name: '', testid: 'threat-picker', placeholder: 'Type a reference or name (optional)', search: threatSearch });
  const box = p.box as PickerBox;
  box.picked = p.id;
  box.pickerEl = p.el;
  return box;
}

export function input(type = 'text', value = ''): HTMLInputElement {
  const i = h('input', { type });
  i.value = value;
  return i;
}

export function textarea(): HTMLTextAreaElement {
  return h('textarea', { rows: 3 });
}

export function select(options: [string, string][], value = ''): HTMLSelectElement {
  const s = h('select', {}, ...options.map(([v, t]) => h('option', { value: v }, t)));
  s.value = value || (options[0]?.[0] ?? '');
  return s;
}

/** Whole numbers from a form, or undefined when empty. */
export function idOf(v: string): number | undefined {
  return v === '' ? undefined : Number(v);
}

export function percent(share: number): string {
  return `${Math.round(share * 100)}%`;
}

export function statusBadge(status: string, overdue = false): HTMLElement {
  return h('span', { class: `badge badge-${status.replace(/\s+/g, '-')}${overdue ? ' badge-overdue' : ''}`, 'data-testid': 'status-badge' },
    overdue ? `${status}, overdue` : status);
}

export function ymdPlus(days: number): string {
  const d = new Date(Date.now() + days * 86400000);
  return d.toISOString().slice(0, 10);
}
