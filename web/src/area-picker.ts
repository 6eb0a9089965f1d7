// The loaded areas (BCUs, rail areas, routes, stations, wards: GET /api/v1/areas) as a
// select grouped by kind. The briefing and map pick one; the threat list, search and local
// profiles filter by one (?area=<id>: records with a place in or meeting it).

import { request } from './api';
import { h, option } from './dom';

export interface Area { id: number; kind: string; code: string; name: string; parent_code: string; geometry?: GeoJSON.Geometry }

export const AREA_KIND_NAMES: Record<string, string> = {
  bcu: 'BCUs', rail_area: 'BTP rail areas', route: 'Rail routes', station: 'Stations', ward: 'Wards',
};

let areaCache: Promise<Area[]> | null = null;
/** The loaded areas, fetched once (again after a failure). */
export function loadedAreas(): Promise<Area[]> {
  areaCache ??= request<{ items: Area[] }>('/api/v1/areas').then((r) => r.items).catch((e) => {
    areaCache = null;
    throw e;
  });
  return areaCache;
}

/** Fills `select` with the areas grouped by kind, `blank` first when given; keeps an id not loaded. */
export function fillAreaSelect(select: HTMLSelectElement, all: Area[], selected: string, blank?: string): void {
  select.replaceChildren();
  if (blank !== undefined) select.append(option('', blank, selected === ''));
  for (const kind of Object.keys(AREA_KIND_NAMES)) {
    const of = all.filter((a) => a.kind === kind);
    if (of.length === 0) continue;
    select.append(h('optgroup', { label: AREA_KIND_NAMES[kind] }, ...of.map((a) => option(String(a.id), a.name, String(a.id) === selected))));
  }
  if (selected && !all.some((a) => String(a.id) === selected)) select.append(option(selected, `Area ${selected}`, true));
}

export function areaSelect(all: Area[], selected: string, testid: string, blank?: string): HTMLSelectElement {
  const select = h('select', { 'data-testid': testid });
  fillAreaSelect(select, all, selected, blank);
  return select;
}

/**
 * The filter control of a list: "Anywhere" at once, the areas when they arrive (a failure
 * leaves "Anywhere"; the list still works). Its value is the area's id or ''.
 */
export function areaFilter(selected: string, testid: string): HTMLSelectElement {
  const select = h('select', { name: 'area', 'data-testid': testid });
  fillAreaSelect(select, [], selected, 'Anywhere');
  loadedAreas()
    .then((all) => {
      const current = select.value;
      fillAreaSelect(select, all, current, 'Anywhere');
      select.dataset.loaded = 'true';
    })
    .catch(() => {
      select.dataset.loaded = 'false';
    });
  return select;
}
