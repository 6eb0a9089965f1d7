// Bar charts drawn by Apache ECharts (canvas: the CSP forbids inline styles, and ECharts
// sizes its canvas through the CSSOM, which the CSP allows). A chart is decoration beside
// a table that holds the same numbers, so it is hidden from screen readers; tooltips are
// drawn on the canvas too (an HTML tooltip would carry inline styles).

import type { EChartsCoreOption } from 'echarts/core';
import { h } from './dom';

type ECharts = typeof import('echarts/core');
let loading: Promise<ECharts> | null = null;
let loaded: ECharts | null = null;
function echartsLib(): Promise<ECharts> {
  loading ??= import('./echarts-setup').then((m) => (loaded = m.echarts));
  return loading;
}

export interface BarSeries {
  name: string;
  values: number[];
  colour: string;
}

export interface BarChartSpec {
  categories: string[];
  series: BarSeries[];
  /** Stacked to 100% of each category (a split, such as 4P); values are percentages then. */
  stacked?: boolean;
  testid?: string;
}

const live = new Set<HTMLElement>();

/** Disposes the charts no longer in the page (a screen redrew its results). */
export function disposeDetachedCharts(): void {
  for (const el of live) {
    if (el.isConnected) continue;
    loaded?.getInstanceByDom(el)?.dispose();
    live.delete(el);
  }
}

/**
 * A horizontal bar chart, one row per category (the first at the top). It is drawn once the
 * element is in the page and has a width, and follows the element's size after.
 */
export function barChart(spec: BarChartSpec): HTMLElement {
  const el = h('div', { class: 'echart', 'aria-hidden': 'true', 'data-testid': spec.testid ?? null,
    'data-categories': spec.categories.length, 'data-series': spec.series.length });
  // Through the CSSOM (allowed by the CSP): room for each row.
  el.style.height = `${Math.max(6, spec.categories.length * (spec.series.length > 1 && !spec.stacked ? 2.2 : 1.6) + 3)}rem`;
  const option: EChartsCoreOption = {
    animation: false,
    grid: { left: 8, right: 24, top: spec.series.length > 1 ? 28 : 8, bottom: 8, containLabel: true },
    legend: spec.series.length > 1 ? { top: 0, left: 0, itemWidth: 12, itemHeight: 10, textStyle: { fontSize: 12 } } : undefined,
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, renderMode: 'richText' },
    xAxis: { type: 'value', max: spec.stacked ? 100 : undefined, axisLabel: { formatter: spec.stacked ? '{value}%' : '{value}' } },
    yAxis: { type: 'category', inverse: true, data: spec.categories, axisLabel: { width: 140, overflow: 'truncate' } },
    series: spec.series.map((s) => ({
      type: 'bar', name: s.name, data: s.values, stack: spec.stacked ? 'all' : undefined,
      itemStyle: { color: s.colour }, barMaxWidth: 18,
    })),
  };
  let tries = 0;
  const draw = () => {
    if (!el.isConnected && tries > 5) return;
    if (!el.isConnected || !el.clientWidth) {
      if (++tries < 300) requestAnimationFrame(draw);
      return;
    }
    void echartsLib().then((echarts) => {
      if (!el.isConnected) return;
      const chart = echarts.init(el, undefined, { renderer: 'canvas' });
      chart.setOption(option);
      el.dataset.drawn = 'true';
      live.add(el);
      new ResizeObserver(() => chart.resize()).observe(el);
    });
  };
  requestAnimationFrame(draw);
  return el;
}

/** The colours the figures use, as the stylesheet's bar classes had them. */
export const COLOURS: Record<string, string> = {
  now: '#1f5fa8', before: '#9fb3c8', threat: '#2c4a6e',
  pursue: '#1d3557', prevent: '#b88a00', protect: '#2e8b57', prepare: '#7b4fa8',
};
