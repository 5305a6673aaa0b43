// One ECharts chart: loads ECharts on first use, resizes with its box, hands the instance out
// (for saving as PNG) and reports clicks.
import { useEffect, useRef, useState } from 'react';
import type { EChartsType } from 'echarts/core';

type Echarts = typeof import('echarts/core');
let loading: Promise<Echarts> | null = null;
export function loadEcharts(): Promise<Echarts> {
  loading ??= import('../lib/echarts').then((m) => m.echarts);
  return loading;
}

export interface EChartProps {
  option: Record<string, unknown>;
  /** Accessible description of what the chart shows. */
  label: string;
  className?: string;
  onClick?: (params: { name?: string; data?: unknown; seriesName?: string }) => void;
  onReady?: (chart: EChartsType | null) => void;
  /** Maps to register before drawing (name → GeoJSON). */
  maps?: Record<string, unknown>;
  /** Height in pixels, in place of the class's (a chart as tall as its bars need). */
  height?: number;
}

export function EChart({ option, label, className, onClick, onReady, maps, height }: EChartProps) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<EChartsType | null>(null);
  const [lib, setLib] = useState<Echarts | null>(null);
  const clickRef = useRef(onClick);
  clickRef.current = onClick;

  useEffect(() => {
    let live = true;
    void loadEcharts().then((m) => live && setLib(m));
    return () => {
      live = false;
    };
  }, []);

  useEffect(() => {
    if (!lib || !box.current) return;
    const instance = lib.init(box.current, undefined, { renderer: 'canvas' });
    chart.current = instance;
    instance.on('click', (p) => clickRef.current?.(p as never));
    // Not when the box has no size: a box taken out of the page (a chart unmounted, e.g. the country's map
    // giving way to a province's outline) is reported at 0 × 0 before the cleanup below runs, and a map
    // laid out in no room has no inverse transform (ECharts throws).
    const el = box.current;
    const observer = new ResizeObserver(() => {
      if (el.isConnected && el.clientWidth > 0 && el.clientHeight > 0) instance.resize();
    });
    observer.observe(el);
    onReady?.(instance);
    return () => {
      observer.disconnect();
      onReady?.(null);
      instance.dispose();
      chart.current = null;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [lib]);

  useEffect(() => {
    if (!lib || !chart.current) return;
    if (maps) for (const [name, geo] of Object.entries(maps)) lib.registerMap(name, geo as never);
    // ECharts writes its own description (in English) into the box's aria-label unless given one:
    // ours, in the page's language.
    chart.current.setOption({ aria: { enabled: true, label: { description: label } }, animation: false, ...option }, { notMerge: true });
  }, [lib, option, maps, label]);

  return <div ref={box} className={className ?? 'chart-box'} style={height ? { height } : undefined} role="img" aria-label={label} />;
}
