import { beforeAll, describe, expect, it, vi } from 'vitest';
import { composeSvg, EXPORT_MIN_WIDTH, exportBands, exportOption, renderExportSvg, savePicture, wrapText } from './chartExport';
import { echarts } from '../lib/echarts';

const saved: { name: string; blob: Blob }[] = [];
vi.mock('../lib/download', () => ({ saveBlob: (name: string, blob: Blob) => saved.push({ name, blob }) }));

const meta = {
  title: 'Theo tỉnh/thành — Số tổ chức',
  scope: 'Đồng Tháp',
  period: 'Số liệu tính đến ngày 05/12/2026',
  source: 'Nguồn: hoptac, Liên minh Hợp tác xã Việt Nam',
};

const option = {
  tooltip: { trigger: 'axis' },
  aria: { enabled: true },
  grid: { left: 8, right: 24, top: 8, bottom: 8 },
  xAxis: { type: 'value' },
  yAxis: { type: 'category', data: ['Hà Nội', 'Đồng Tháp'] },
  series: [{ type: 'bar', name: 'Số tổ chức', data: [12, 7], itemStyle: { color: '#0b5cab' } }],
};

describe('the option drawn for a download', () => {
  // jsdom has no canvas: ECharts measures text by its own estimate then.
  beforeAll(() => void vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null));

  it('is the chart’s own, without the screen’s tooltip and animation, on white', () => {
    const out = exportOption(option);
    expect(out.series).toBe(option.series);
    expect(out.grid).toBe(option.grid);
    expect(out.tooltip).toBeUndefined();
    expect(out.aria).toBeUndefined();
    expect(out.animation).toBe(false);
    expect(out.backgroundColor).toBe('#ffffff');
    // The chart on the screen keeps its option.
    expect(option.tooltip).toEqual({ trigger: 'axis' });
  });

  it('puts the title and the scope with the date above the chart, the source below', () => {
    const { lines, top, height } = exportBands(meta, 800, 400);
    expect(lines.map((l) => l.text)).toEqual([meta.title, 'Đồng Tháp · Số liệu tính đến ngày 05/12/2026', meta.source]);
    expect(lines[0].weight).toBe('bold');
    expect(lines[1].y).toBeLessThan(top);
    expect(lines[2].y).toBeGreaterThan(top + 400);
    expect(height).toBeGreaterThan(lines[2].y);
  });

  it('wraps a long title on a narrow picture instead of cutting it', () => {
    const long = 'Số tổ chức đang hoạt động qua các năm theo loại hình và tình trạng của cả nước';
    const lines = wrapText(long, 300, 18);
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.join(' ')).toBe(long);
  });

  it('writes the text into the SVG, escaped, around the chart’s own SVG', () => {
    const svg = composeSvg('<svg width="800" height="400" xmlns="http://www.w3.org/2000/svg"><rect/></svg>', { ...meta, scope: 'A & B <x>' }, 800, 400);
    expect(svg).toContain('<title>Theo tỉnh/thành — Số tổ chức</title>');
    expect(svg).toContain('>Nguồn: hoptac, Liên minh Hợp tác xã Việt Nam</text>');
    expect(svg).toContain('A &amp; B &lt;x&gt; · Số liệu tính đến ngày 05/12/2026');
    expect(svg).toMatch(/<svg x="0" y="\d+" width="800" height="400"/);
    expect(svg.match(/<svg\b/g)).toHaveLength(2);
  });

  it('draws the chart off screen with ECharts at report width', () => {
    const out = renderExportSvg(echarts, option, meta, { width: 330, height: 300 });
    expect(out.width).toBe(EXPORT_MIN_WIDTH);
    expect(out.svg).toContain('Nguồn: hoptac');
    expect(out.svg).toContain(meta.title);
    // The bars' category labels, drawn by ECharts.
    expect(out.svg).toContain('Đồng Tháp</text>');
    expect(out.height).toBeGreaterThan(300);
  });

  it('draws a map from the outlines it is given, whether or not the screen drew it', async () => {
    // A square province "01", registered by nothing else in this test file.
    const outlines = {
      type: 'FeatureCollection',
      features: [{ type: 'Feature', properties: { code: '01' }, geometry: { type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]] } }],
    };
    const map = { series: [{ type: 'map', map: 'export-test', nameProperty: 'code', roam: true, data: [{ name: '01', value: 3 }] }] };
    await savePicture('svg', 'ban-do', map, { title: 'Bản đồ', scope: 'Cả nước' }, 'vi', { width: 400, height: 300 }, { 'export-test': outlines });
    expect(saved.at(-1)?.name).toBe('ban-do.svg');
    const svg = await new Promise<string>((resolve) => {
      const reader = new FileReader();
      reader.onload = () => resolve(String(reader.result));
      reader.readAsText(saved.at(-1)!.blob);
    });
    expect(svg).toContain('<title>Bản đồ</title>');
    expect(svg).toMatch(/<path d="M/);
  });
});
