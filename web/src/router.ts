// Hash routing: #/login, #/threats?q=…, #/threats/{id}.

export interface View {
  title: string;
  /** Draws into main; may return a clean-up function run when the view is replaced. */
  render(main: HTMLElement): void | (() => void);
  /** Same screen, new query (e.g. a filter change): update in place instead of redrawing. */
  update?(query: URLSearchParams): void;
}

export interface Location {
  path: string[];
  query: URLSearchParams;
}

export function currentLocation(): Location {
  const raw = window.location.hash.replace(/^#/, '');
  const q = raw.indexOf('?');
  const pathPart = q >= 0 ? raw.slice(0, q) : raw;
  const query = new URLSearchParams(q >= 0 ? raw.slice(q + 1) : '');
  const path = pathPart
    .split('/')
    .filter(Boolean)
    .map((s) => {
      try {
        return decodeURIComponent(s);
      } catch {
        return s;
      }
    });
  return { path, query };
}

export function href(path: string, query?: URLSearchParams | Record<string, string>): string {
  const qs = query ? new URLSearchParams(query).toString() : '';
  return `#${path}${qs ? `?${qs}` : ''}`;
}

export function navigate(hash: string, replace = false): void {
  if (window.location.hash === hash) {
    window.dispatchEvent(new HashChangeEvent('hashchange'));
    return;
  }
  if (replace) {
    history.replaceState(null, '', hash);
    window.dispatchEvent(new HashChangeEvent('hashchange'));
  } else {
    window.location.hash = hash;
  }
}

/** The current screen as a string to come back to after signing in. */
export function currentHash(): string {
  return window.location.hash || '#/home';
}

/** Only in-app hashes are acceptable as a place to return to. */
export function safeNext(next: string | null): string {
  if (next && /^#\/[A-Za-z0-9/_\-?=&%.+~]*$/.test(next) && !next.startsWith('#/login')) return next;
  return '#/home';
}
