// A chart's ECharts option made to fit a phone (≤ 480 px, drawn at 360 px): abbreviated numbers
// and fewer ticks on value axes, category labels rotated and cut short (the tooltip, confined to
// the chart, still names them in full), legends under the plot, pie labels inside the slices
// (the legend names them), so that nothing overlaps or is cut off. Maps and other series are
// left as they are (a map's colour scale gets the short numbers). The option given is not changed: a new one is returned.
import { formatPercent, formatShort } from '../i18n/format';
import type { Lang } from '../i18n/catalogue';

type Obj = Record<string, unknown>;

/** Widest a category label may be on a phone (px) before it is cut with "…". */
export const PHONE_LABEL_WIDTH = { x: 72, y: 96 } as const;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const each = <T>(v: T | T[] | undefined, f: (x: T) => T): T | T[] | undefined => (v === undefined ? v : Array.isArray(v) ? v.map(f) : f(v));

function axis(a: Obj, which: 'x' | 'y', lang: Lang): Obj {
  // ECharts' default: a category x axis, a value y axis.
  const type = (a.type as string | undefined) ?? (which === 'x' ? 'category' : 'value');
  const label = isObj(a.axisLabel) ? a.axisLabel : {};
  if (type === 'value' || type === 'log') {
    return {
      ...a,
      splitNumber: 3,
      axisLabel: {
        ...label,
        fontSize: 10,
        hideOverlap: true,
        // Counts and đồng: "10 N", "1,2 Tr" (a template string formatter is kept).
        formatter: typeof label.formatter === 'string' ? label.formatter : (v: number) => formatShort(v, lang),
      },
    };
  }
  if (type === 'category') {
    const data = Array.isArray(a.data) ? a.data : [];
    const longest = Math.max(0, ...data.map((d) => String(isObj(d) ? d.value : d).length));
    const x = which === 'x';
    return {
      ...a,
      axisLabel: {
        ...label,
        fontSize: 10,
        hideOverlap: true,
        width: PHONE_LABEL_WIDTH[which],
        overflow: 'truncate',
        ellipsis: '…',
        // Under a vertical bar chart: slanted when the names are words or there are many of them.
        ...(x && (longest > 5 || data.length > 6) ? { rotate: 40 } : {}),
        // Every name beside a horizontal bar (the bar is the name's); under the plot as many as fit.
        ...(x ? { interval: 'auto' } : {}),
      },
    };
  }
  return a;
}

function pie(s: Obj, lang: Lang): Obj {
  return {
    ...s,
    center: ['50%', '44%'],
    radius: Array.isArray(s.radius) ? ['32%', '62%'] : '62%',
    minShowLabelAngle: 18,
    avoidLabelOverlap: true,
    label: {
      show: true,
      position: 'inside',
      fontSize: 10,
      color: '#fff',
      formatter: (p: { percent: number }) => formatPercent(p.percent / 100, lang, 0),
    },
    labelLine: { show: false },
  };
}

function series(s: Obj, lang: Lang): Obj {
  if (s.type === 'pie') return pie(s, lang);
  // A bar's own label stays inside the bar, never past the plot's edge.
  if ((s.type === 'bar' || s.type === 'line') && isObj(s.label) && s.label.show) {
    return { ...s, label: { ...s.label, fontSize: 10, position: s.type === 'bar' ? 'inside' : 'top' } };
  }
  return s;
}

export function compactOption(option: Obj, lang: Lang): Obj {
  const out: Obj = { ...option };
  const list = Array.isArray(option.series) ? (option.series as Obj[]) : isObj(option.series) ? [option.series] : [];
  const hasPie = list.some((s) => s.type === 'pie');
  const hasAxes = option.xAxis !== undefined || option.yAxis !== undefined;
  if (option.xAxis !== undefined) out.xAxis = each(option.xAxis as Obj | Obj[], (a) => axis(a, 'x', lang));
  if (option.yAxis !== undefined) out.yAxis = each(option.yAxis as Obj | Obj[], (a) => axis(a, 'y', lang));
  if (option.series !== undefined) out.series = Array.isArray(option.series) ? list.map((s) => series(s, lang)) : series(option.series as Obj, lang);

  // A pie names its slices in the legend, as its labels only give shares.
  const legend = isObj(option.legend) ? option.legend : hasPie && list.length > 0 ? {} : undefined;
  if (legend) {
    const { top: _top, right: _right, orient: _orient, ...rest } = legend;
    out.legend = {
      ...rest,
      type: 'scroll',
      orient: 'horizontal',
      left: 'center',
      bottom: 0,
      itemWidth: 14,
      itemHeight: 10,
      itemGap: 8,
      textStyle: { ...(isObj(legend.textStyle) ? legend.textStyle : {}), fontSize: 11 },
    };
  }
  if (hasAxes) {
    const grid = isObj(option.grid) ? option.grid : {};
    out.grid = {
      ...grid,
      left: 4,
      right: 12,
      top: Math.min(Number(grid.top ?? 16), 16),
      // Room for the legend under the plot (the labels themselves are inside containLabel).
      bottom: legend ? 36 : Math.min(Number(grid.bottom ?? 8), 8),
      containLabel: true,
    };
  }
  // A map's colour scale: shorter numbers, a shorter bar.
  if (isObj(option.visualMap)) {
    const vm = option.visualMap;
    out.visualMap = {
      ...vm,
      itemHeight: Math.min(Number(vm.itemHeight ?? 80), 80),
      itemWidth: 12,
      textStyle: { ...(isObj(vm.textStyle) ? vm.textStyle : {}), fontSize: 10 },
      ...(typeof vm.formatter === 'function' ? { formatter: (v: number) => formatShort(v, lang) } : {}),
    };
  }
  // A tooltip never runs past the chart's box (it would be cut by the phone's edge).
  if (option.tooltip !== undefined || hasAxes || hasPie) out.tooltip = { ...(isObj(option.tooltip) ? option.tooltip : {}), confine: true };
  return out;
}
