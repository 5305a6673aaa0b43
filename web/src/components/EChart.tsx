// One ECharts chart: loads ECharts on first use, resizes with its box, hands the instance out
// (for saving as PNG) and reports clicks.
import { useEffect, useRef, useState } from 'react';
import type { EChartsType } from 'echarts/core';
import type { Lang } from '../i18n/catalogue';

type Echarts = typeof import('echarts/core');
let loading: Promise<Echarts> | null = null;
export function loadEcharts(): Promise<Echarts> {
  loading ??= import('../lib/echarts').then((m) => m.echarts);
  return loading;
}

let compacting: Promise<typeof import('./compactChart')> | null = null;
const loadCompact = () => (compacting ??= import('./compactChart'));

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
  /**
   * Draw the phone's compact form of the option (./compactChart), numbers in this language. The
   * rewrite loads with the chart, keeping it out of the first screen.
   */
  compact?: Lang;
}

export function EChart({ option, label, className, onClick, onReady, maps, height, compact }: EChartProps) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<EChartsType | null>(null);
  // The box has no area (hidden, or a window shrunk to nothing): ECharts would lay a map out at
  // scale 0, and its roam view inverts that transform (no inverse: "Cannot read properties of
  // null (reading '0')"). Resizing and drawing wait until the box has an area again.
  const flat = useRef(false);
  const waiting = useRef<(() => void) | null>(null);
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
    const observer = new ResizeObserver((entries) => {
      const box = entries[entries.length - 1]?.contentRect;
      flat.current = !!box && (box.width <= 0 || box.height <= 0);
      if (flat.current) return;
      instance.resize();
      const draw = waiting.current;
      waiting.current = null;
      draw?.();
    });
    observer.observe(box.current);
    onReady?.(instance);
    return () => {
      observer.disconnect();
      onReady?.(null);
      instance.dispose();
      chart.current = null;
      flat.current = false;
      waiting.current = null;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [lib]);

  useEffect(() => {
    if (!lib || !chart.current) return;
    let live = true;
    const draw = (shown: Record<string, unknown>) => {
      if (!live || !chart.current) return;
      if (flat.current) {
        waiting.current = () => draw(shown);
        return;
      }
      if (maps) for (const [name, geo] of Object.entries(maps)) lib.registerMap(name, geo as never);
      // ECharts writes its own description (in English) into the box's aria-label unless given one:
      // ours, in the page's language.
      chart.current.setOption({ aria: { enabled: true, label: { description: label } }, animation: false, ...shown }, { notMerge: true });
    };
    if (compact) void loadCompact().then((m) => draw(m.compactOption(option, compact)));
    else draw(option);
    return () => {
      live = false;
    };
  }, [lib, option, maps, label, compact]);

  return <div ref={box} className={className ?? 'chart-box'} style={height ? { height } : undefined} role="img" aria-label={label} />;
}
