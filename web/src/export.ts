// "Download CSV" for a list screen: the server's GET /api/v1/exports runs the list's own
// query (so the reader's own policy) page by page and audits the export; the screen says
// which list and filters it shows. The file is fetched with the bearer token and handed over
// as a blob: URL.

import { requestBlob } from './api';
import { h } from './dom';
import { problemText } from './forms';

/** Hands a blob to the browser as a download named `filename`. */
export function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = h('a', { href: url, download: filename, class: 'visually-hidden' });
  document.body.append(a);
  a.click();
  a.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** The list's path and its query as the screen shows it now (paging is the server's). */
export type ListNow = () => { path: string; query?: Record<string, string | number | boolean | undefined | null> };

export function exportButton(testid: string, list: ListNow): HTMLElement {
  const button = h('button', { type: 'button', 'data-testid': testid }, 'Download CSV');
  const status = h('span', { class: 'hint', 'aria-live': 'polite', 'data-testid': `${testid}-status` });
  button.addEventListener('click', async () => {
    const { path, query } = list();
    const qs = new URLSearchParams();
    for (const [k, v] of Object.entries(query ?? {}))
      if (v !== undefined && v !== null && v !== '' && k !== 'limit' && k !== 'offset') qs.set(k, String(v));
    const name = `${path.split('/').filter(Boolean).pop() ?? 'list'}-${new Date().toISOString().slice(0, 10)}.csv`;
    button.disabled = true;
    status.textContent = 'Preparing…';
    try {
      const blob = await requestBlob('/api/v1/exports', { list: qs.toString() ? `${path}?${qs}` : path });
      saveBlob(blob, name);
      status.textContent = `Saved ${name} (the export is recorded in the audit trail).`;
    } catch (e) {
      status.textContent = `Could not export: ${problemText(e)}`;
    } finally {
      button.disabled = false;
    }
  });
  return h('div', { class: 'export' }, button, status);
}
