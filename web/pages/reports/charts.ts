/**
 * Charts rendered on the server as SVG by Apache ECharts (SSR: no browser JavaScript). ECharts puts
 * some styling in `style` attributes, which the strict CSP (`style-src 'self'`) would drop, so they are
 * turned into presentation attributes before the SVG is inlined.
 */
import { BarChart, LineChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TitleComponent } from 'echarts/components';
import { type EChartsCoreOption, init, use } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';

use([BarChart, LineChart, PieChart, GridComponent, LegendComponent, TitleComponent, SVGRenderer]);

const FONT = 'Noto Sans CJK SC, PingFang SC, Microsoft YaHei, sans-serif';

/** `style="a:b;c:d"` → `a="b" c="d"` (SVG presentation attributes are not subject to style-src). */
function styleToAttributes(svg: string): string {
  return svg.replace(/<style[\s\S]*?<\/style>/g, '').replace(/ style="([^"]*)"/g, (_, css: string) =>
    css
      .split(';')
      .map((d) => d.split(':').map((x) => x.trim()))
      .filter(([k, v]) => k && v && /^[a-z-]+$/.test(k))
      .map(([k, v]) => ` ${k}="${(v as string).replace(/"/g, '&quot;')}"`)
      .join(''),
  );
}

export function renderChart(option: EChartsCoreOption, width = 640, height = 320): string {
  const chart = init(null, null, { renderer: 'svg', ssr: true, width, height });
  chart.setOption({ animation: false, textStyle: { fontFamily: FONT }, ...option });
  const svg = chart.renderToSVGString();
  chart.dispose();
  return styleToAttributes(svg);
}

const pctAxis = {
  type: 'value',
  min: 0,
  max: 1,
  axisLabel: { formatter: (v: number) => `${Math.round(v * 100)}%` },
};

export function officeChart(
  rows: readonly { name: string; received: number; closed: number; onTimeRate: number | null }[],
  l: { received: string; closed: string; onTime: string },
) {
  return renderChart({
    legend: { top: 0 },
    grid: { left: 40, right: 50, top: 36, bottom: 60 },
    xAxis: { type: 'category', data: rows.map((r) => r.name), axisLabel: { interval: 0, rotate: 20 } },
    yAxis: [{ type: 'value', minInterval: 1 }, pctAxis],
    series: [
      { name: l.received, type: 'bar', data: rows.map((r) => r.received) },
      { name: l.closed, type: 'bar', data: rows.map((r) => r.closed) },
      { name: l.onTime, type: 'line', yAxisIndex: 1, data: rows.map((r) => r.onTimeRate) },
    ],
  });
}

export function trendChart(
  points: readonly { month: string; received: number; closed: number; onTimeRate: number | null }[],
  l: { received: string; closed: string; onTime: string },
) {
  return renderChart({
    legend: { top: 0 },
    grid: { left: 40, right: 50, top: 36, bottom: 30 },
    xAxis: { type: 'category', data: points.map((p) => p.month) },
    yAxis: [{ type: 'value', minInterval: 1 }, pctAxis],
    series: [
      { name: l.received, type: 'line', data: points.map((p) => p.received) },
      { name: l.closed, type: 'line', data: points.map((p) => p.closed) },
      { name: l.onTime, type: 'line', yAxisIndex: 1, data: points.map((p) => p.onTimeRate) },
    ],
  });
}

export function barChart(items: readonly { name: string; value: number }[]) {
  return renderChart({
    grid: { left: 150, right: 30, top: 10, bottom: 20 },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: items.map((i) => i.name), inverse: true },
    series: [{ type: 'bar', data: items.map((i) => i.value), label: { show: true, position: 'right' } }],
  });
}

export function pieChart(items: readonly { name: string; value: number }[]) {
  return renderChart({
    legend: { bottom: 0 },
    series: [{ type: 'pie', radius: ['35%', '65%'], data: items, label: { formatter: '{b} {c}' } }],
  });
}
