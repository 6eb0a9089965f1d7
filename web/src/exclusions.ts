// The exclusion list of matching: values that are no evidence that two records are one
// person (a custody suite's or a hostel's address, a placeholder date of birth). Every run
// and the lookup leave them out. GET /api/v1/match-exclusions for reviewers and
// administrators; POST and DELETE for administrators. Changes count from the next run.

import { request } from './api';
import { append, clear, field, h } from './dom';
import { dateTime } from './format';
import { problemText } from './forms';
import type { MatchExclusion } from './types';

const FIELDS: [string, string][] = [
  ['address', 'Address'], ['postcode', 'Postcode'], ['dob', 'Date of birth'],
  ['surname', 'Surname'], ['given_name', 'Given name'], ['sex', 'Sex'],
];

/** The section, and a function that (re)loads it. `admin` may add and remove values. */
export function exclusionsSection(admin: boolean, isAlive: () => boolean): { element: HTMLElement; load: () => Promise<void> } {
  const element = h('section', { class: 'match-exclusions', 'aria-labelledby': 'exclusions-h', 'data-testid': 'match-exclusions' });
  const body = h('div', {}, h('p', { class: 'muted' }, 'Loading…'));
  const error = h('div', { class: 'alert error', role: 'alert', hidden: true, 'data-testid': 'exclusion-error' });

  async function remove(e: MatchExclusion) {
    error.hidden = true;
    try {
      await request(`/api/v1/match-exclusions/${e.id}`, { method: 'DELETE' });
      await load();
    } catch (err) {
      error.textContent = `Could not take it off the list: ${problemText(err)}`;
      error.hidden = false;
    }
  }

  async function load() {
    try {
      const list = await request<MatchExclusion[]>('/api/v1/match-exclusions');
      if (!isAlive()) return;
      clear(body);
      body.append(list.length
        ? h('ul', { class: 'plain', 'data-testid': 'exclusion-list' }, ...list.map((e) => {
          let button: HTMLButtonElement | null = null;
          if (admin) {
            button = h('button', { type: 'button', class: 'link' }, 'Remove');
            button.addEventListener('click', () => void remove(e));
          }
          return h('li', { 'data-testid': 'exclusion-item' },
            h('strong', {}, `${FIELDS.find(([f]) => f === e.field)?.[1] ?? e.field}: `), e.value,
            h('span', { class: 'muted small person-detail' }, ` — ${e.reason} (${dateTime(e.added_at)})`), button);
        }))
        : h('p', { class: 'muted', 'data-testid': 'exclusion-empty' }, 'No value is excluded: the engine still leaves out values that are over-common in the data.'));
    } catch (err) {
      if (!isAlive()) return;
      clear(body);
      body.append(h('div', { class: 'alert error', role: 'alert' }, `Could not load the exclusion list: ${problemText(err)}`));
    }
  }

  const fieldSelect = h('select', { name: 'field' }, ...FIELDS.map(([v, label]) => h('option', { value: v }, label)));
  const value = h('input', { name: 'value', required: true, maxlength: '500' });
  const reason = h('input', { name: 'reason', required: true, minlength: '5', maxlength: '2000' });
  const form = h('form', { class: 'inline-form', 'data-testid': 'exclusion-form', novalidate: true },
    field('Field', fieldSelect), field('Value', value, 'As recorded, e.g. the custody suite\'s address'),
    field('Why it is no evidence', reason), h('button', { type: 'submit' }, 'Exclude'));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    error.hidden = true;
    try {
      await request('/api/v1/match-exclusions', { method: 'POST', body: { field: fieldSelect.value, value: value.value, reason: reason.value } });
      value.value = '';
      reason.value = '';
      await load();
    } catch (err) {
      error.textContent = problemText(err);
      error.hidden = false;
    }
  });

  append(element, [h('h2', { id: 'exclusions-h' }, 'Values that are no evidence'),
    h('p', { class: 'hint' }, 'Shared addresses, placeholder dates and the like never join two records. Changes count from the next run.'),
    error, body, admin ? form : null]);
  return { element, load };
}
