// A chart made ready for a report: the picture alone says what it shows, where, when and from
// where. The chart is drawn again off screen (ECharts' server-side SVG rendering, in the browser)
// from its own option, at least EXPORT_MIN_WIDTH wide, and put between a band above (its title,
// then the scope and the as-of date or period) and a band below (the source). The chart on the
// screen is not touched. The PNG is that SVG drawn on a canvas, so both files carry the same text.
// The SVG renderer is registered here, in the download's own chunk, not in the dashboard's.
import { use } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';

use([SVGRenderer]);

export interface ChartExportMeta {
  title: string;
  /** A province's name, or "Cả nước". */
  scope: string;
  /** e.g. "Số liệu tính đến ngày 05/12/2026", or a period. */
  period?: string;
  /** "Nguồn: hoptac, Liên minh Hợp tác xã Việt Nam". */
  source: string;
}

export interface ExportLine {
  text: string;
  y: number;
  size: number;
  weight: 'bold' | 'normal';
  fill: string;
}

/** Narrower charts (a phone's) are drawn wider for the file: a report page is not a phone. */
export const EXPORT_MIN_WIDTH = 720;
const PAD = 16;
const FONT = "'Segoe UI', Roboto, 'Helvetica Neue', Arial, 'Noto Sans', sans-serif";

/** Splits text into lines of at most about maxWidth pixels (a Latin/Vietnamese average glyph width). */
export function wrapText(text: string, maxWidth: number, fontSize: number): string[] {
  const perLine = Math.max(8, Math.floor(maxWidth / (fontSize * 0.56)));
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > perLine) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

/** The text above and below the chart, with its positions, for a picture `width` wide. */
export function exportBands(meta: ChartExportMeta, width: number, chartHeight: number): { lines: ExportLine[]; top: number; height: number } {
  const lines: ExportLine[] = [];
  let y = PAD;
  for (const text of wrapText(meta.title, width - 2 * PAD, 18)) {
    y += 20;
    lines.push({ text, y, size: 18, weight: 'bold', fill: '#1f1f1f' });
  }
  const second = [meta.scope, meta.period].filter(Boolean).join(' · ');
  for (const text of wrapText(second, width - 2 * PAD, 13)) {
    y += 19;
    lines.push({ text, y, size: 13, weight: 'normal', fill: '#434343' });
  }
  const top = y + 12;
  let bottom = top + chartHeight + 6;
  for (const text of wrapText(meta.source, width - 2 * PAD, 12)) {
    bottom += 16;
    lines.push({ text, y: bottom, size: 12, weight: 'normal', fill: '#595959' });
  }
  return { lines, top, height: bottom + PAD - 4 };
}

/**
 * The option drawn for the file: the chart's own, without what only makes sense on a screen
 * (tooltips, animation), on white. Its titles are in the bands around it, not in the chart.
 */
export function exportOption(option: Record<string, unknown>): Record<string, unknown> {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  const { tooltip, aria, ...rest } = option;
  return { ...rest, animation: false, backgroundColor: '#ffffff' };
}

const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The file: the chart's SVG (as ECharts wrote it) placed inside a taller SVG with the bands' text. */
export function composeSvg(chartSvg: string, meta: ChartExportMeta, width: number, chartHeight: number): string {
  const { lines, top, height } = exportBands(meta, width, chartHeight);
  const inner = chartSvg.replace(/^\s*(<\?xml[^>]*>\s*)?<svg\b/, `<svg x="0" y="${top}"`);
  const text = lines
    .map((l) => `<text x="${PAD}" y="${l.y}" font-size="${l.size}" font-weight="${l.weight}" fill="${l.fill}">${escapeXml(l.text)}</text>`)
    .join('\n');
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${escapeXml(FONT)}">`,
    `<title>${escapeXml(meta.title)}</title>`,
    `<desc>${escapeXml([meta.scope, meta.period, meta.source].filter(Boolean).join('. '))}</desc>`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    text,
    inner,
    '</svg>',
  ].join('\n');
}

type Echarts = typeof import('echarts/core');

/** The source line written on every picture (here, not in the app's catalogue: only downloads need it). */
export const SOURCE = { vi: 'Nguồn: hoptac, Liên minh Hợp tác xã Việt Nam', en: 'Source: hoptac, Vietnam Cooperative Alliance' } as const;

/** Saves the chart's picture for a report as SVG or PNG (called by ChartCard's download menu). */
export async function savePicture(
  type: 'png' | 'svg',
  filename: string,
  option: Record<string, unknown>,
  meta: Omit<ChartExportMeta, 'source'>,
  lang: keyof typeof SOURCE,
  size: { width: number; height: number },
  /** The chart's maps (name → GeoJSON): registered here too, so the picture does not depend on
   * the screen's chart having drawn (it waits while its box has no area). */
  maps?: Record<string, unknown>,
): Promise<void> {
  const [echarts, f] = await Promise.all([import('../lib/echarts').then((m) => m.echarts), import('../lib/download')]);
  for (const [name, geo] of Object.entries(maps ?? {})) echarts.registerMap(name, geo as never);
  const out = renderExportSvg(echarts, option, { ...meta, source: SOURCE[lang] }, size);
  if (type === 'svg') f.saveBlob(`${filename}.svg`, new Blob([out.svg], { type: 'image/svg+xml;charset=utf-8' }));
  else f.saveBlob(`${filename}.png`, await svgToPng(out.svg, out.width, out.height));
}

/** Draws the option off screen and returns the report-ready SVG and its size. */
export function renderExportSvg(
  echarts: Echarts,
  option: Record<string, unknown>,
  meta: ChartExportMeta,
  size: { width: number; height: number },
): { svg: string; width: number; height: number } {
  const width = Math.max(EXPORT_MIN_WIDTH, Math.round(size.width));
  const chartHeight = Math.max(240, Math.round(size.height));
  const chart = echarts.init(null, undefined, { renderer: 'svg', ssr: true, width, height: chartHeight });
  try {
    chart.setOption(exportOption(option));
    const svg = composeSvg(chart.renderToSVGString(), meta, width, chartHeight);
    return { svg, width, height: exportBands(meta, width, chartHeight).height };
  } finally {
    chart.dispose();
  }
}

/** The same picture as a PNG (the SVG drawn on a canvas at twice the size): a Blob, as Chromium does
 * not download a data: address over 2 MB (the map's PNG is about 125 KB). The SVG reaches the image as a data:
 * address, not a blob: one, which the server's Content-Security-Policy (img-src 'self' data:) blocks. */
export async function svgToPng(svg: string, width: number, height: number, pixelRatio = 2): Promise<Blob> {
  const img = new Image();
  img.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
  await img.decode();
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(width * pixelRatio);
  canvas.height = Math.round(height * pixelRatio);
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('no 2d canvas');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
  return new Promise((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('no PNG'))), 'image/png'));
}
