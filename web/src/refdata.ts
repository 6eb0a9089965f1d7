// Reference data fetched once per sign-in: agencies, units, regions and MoRiLE models.

import { request } from './api';
import type { Agency, MorileModel, Unit } from './types';

const cache = new Map<string, Promise<unknown>>();

function cached<T>(key: string, load: () => Promise<T>): Promise<T> {
  let p = cache.get(key) as Promise<T> | undefined;
  if (!p) {
    p = load().catch((e) => {
      cache.delete(key);
      throw e;
    });
    cache.set(key, p);
  }
  return p;
}

export function agencies(): Promise<Agency[]> {
  return cached('agencies', () => request<Agency[]>('/api/v1/agencies'));
}

export function units(): Promise<Unit[]> {
  return cached('units', async () => {
    const r = await request<Unit[] | { items: Unit[] }>('/api/v1/units');
    return Array.isArray(r) ? r : (r?.items ?? []);
  });
}

export function regions(): Promise<string[]> {
  return cached('regions', () => request<string[]>('/api/v1/regions'));
}

/** The models as loaded, oldest first; the newest scores new assessments. */
export function morileModels(): Promise<MorileModel[]> {
  return cached('models', () => request<MorileModel[]>('/api/v1/morile/models'));
}

export function newestModel(models: MorileModel[]): MorileModel | null {
  return models.reduce<MorileModel | null>((best, m) => (!best || m.version > best.version ? m : best), null);
}

/** Forget everything on sign-out: the next user may see different reference data. */
export function forgetReferenceData(): void {
  cache.clear();
}
