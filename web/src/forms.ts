// Shared bits of the master-list screens: problem+json messages, field errors next to the
// field, and small badges.

import { ApiError } from './api';
import { h, uid } from './dom';

/** The server's problem detail, or a fallback. */
export function problemText(e: unknown, fallback = 'Something went wrong. Try again.'): string {
  if (e instanceof ApiError) return e.problem.detail || e.problem.title || fallback;
  return fallback;
}

/**
 * Errors for one form: a message next to the control when the server names a `field` we
 * show, the form's alert otherwise.
 */
export class FormErrors {
  private slots = new Map<string, { control: HTMLElement; message: HTMLElement }>();

  constructor(readonly alert: HTMLElement) {
    alert.hidden = true;
  }

  /**
   * Registers the control the server calls `name`; the message goes into its container. The
   * message goes as soon as the field is changed, or, with `isFixed`, as soon as it holds a
   * value `isFixed` accepts.
   */
  add(name: string, control: HTMLElement, container?: HTMLElement, isFixed?: () => boolean): void {
    const wrap = container ?? control.closest<HTMLElement>('.field') ?? control.parentElement!;
    if (!control.id) control.id = uid('f');
    const message = h('p', {
      class: 'field-error', id: `${control.id}-error`, hidden: true,
      'data-testid': `field-error-${name.replace(/[^a-z0-9]+/gi, '-')}`,
    });
    const label = wrap.querySelector(':scope > label, :scope > legend');
    if (label) label.after(message);
    else wrap.prepend(message);
    this.slots.set(name, { control, message });
    // A message about a field goes once the field is changed: it no longer describes it.
    const fixed = () => { if (!isFixed || isFixed()) this.unmark(control, message); };
    control.addEventListener('input', fixed);
    control.addEventListener('change', fixed);
  }

  private unmark(control: HTMLElement, message: HTMLElement): void {
    if (message.hidden) return;
    message.hidden = true;
    message.textContent = '';
    control.removeAttribute('aria-invalid');
    const ids = (control.getAttribute('aria-describedby') ?? '').split(' ').filter((x) => x && x !== message.id);
    if (ids.length) control.setAttribute('aria-describedby', ids.join(' '));
    else control.removeAttribute('aria-describedby');
  }

  clear(): void {
    this.alert.hidden = true;
    this.alert.textContent = '';
    for (const { control, message } of this.slots.values()) {
      message.hidden = false;
      this.unmark(control, message);
    }
  }

  /** Shows a message next to a registered field; false when there is no such field. */
  field(name: string, text: string, focus = true): boolean {
    const slot = this.slots.get(name);
    if (!slot) return false;
    slot.message.textContent = text;
    slot.message.hidden = false;
    slot.control.setAttribute('aria-invalid', 'true');
    const ids = (slot.control.getAttribute('aria-describedby') ?? '').split(' ').filter(Boolean);
    if (!ids.includes(slot.message.id)) slot.control.setAttribute('aria-describedby', [slot.message.id, ...ids].join(' '));
    if (focus) slot.control.focus();
    return true;
  }

  /** The form-level alert. */
  general(text: string): void {
    this.alert.textContent = text;
    this.alert.hidden = false;
  }

  /** A failed request: next to the field the server names, else in the alert. */
  problem(e: unknown, fallback?: string): void {
    const text = problemText(e, fallback);
    const name = e instanceof ApiError ? e.problem.field : undefined;
    if (name && this.field(name, text)) return;
    this.general(text);
  }
}

export function overdueBadge(): HTMLSpanElement {
  return h('span', { class: 'badge badge-overdue', 'data-testid': 'overdue-badge' }, 'Overdue');
}

/** A reassess-by date with the Overdue badge when it is past. */
export function reassessCell(ymd: string | null | undefined, overdue: boolean, format: (s: string) => string): Node[] {
  if (!ymd) return [document.createTextNode('—')];
  const out: Node[] = [h('span', { class: 'date' }, format(ymd))];
  if (overdue) out.push(document.createTextNode(' '), overdueBadge());
  return out;
}
