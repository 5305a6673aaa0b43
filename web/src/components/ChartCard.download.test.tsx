// The chart's picture downloads: the SVG carries the title, the scope, the date and the source;
// the chart on the screen is given its option unchanged.
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { wrap } from '../../tests/support';

const drawn: Record<string, unknown>[] = [];
vi.mock('./EChart', () => ({
  EChart: ({ label, option }: { label: string; option: Record<string, unknown> }) => {
    drawn.push(option);
    return <div role="img" aria-label={label} />;
  },
  loadEcharts: () => import('../lib/echarts').then((m) => m.echarts),
}));
const saved: { name: string; blob: Blob }[] = [];
vi.mock('../lib/download', () => ({
  saveBlob: (name: string, blob: Blob) => saved.push({ name, blob }),
  saveDataUrl: () => undefined,
  saveCsv: () => undefined,
  saveXlsx: () => undefined,
  fileSlug: (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, '-'),
}));

const { ChartCard } = await import('./ChartCard');

describe('ChartCard downloads', () => {
  beforeEach(() => void vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null));

  it('saves an SVG with the title, scope, date and source written on it', async () => {
    const option = {
      xAxis: { type: 'category', data: ['Hà Nội', 'Đồng Tháp'] },
      yAxis: { type: 'value' },
      series: [{ type: 'bar', data: [12, 7] }],
    };
    wrap(
      <ChartCard
        title="Theo tỉnh/thành — Số tổ chức"
        scope="Đồng Tháp"
        period="Số liệu tính đến ngày 05/12/2026"
        suffix="2026-12-05"
        data={[['Tỉnh/thành', 'Số tổ chức'], ['Hà Nội', 12], ['Đồng Tháp', 7]]}
        option={option}
      />,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Tải biểu đồ: Theo tỉnh/thành — Số tổ chức' }));
    fireEvent.click(await screen.findByRole('menuitem', { name: 'Lưu ảnh SVG' }, { timeout: 8000 }));
    await waitFor(() => expect(saved).toHaveLength(1), { timeout: 5000 });
    expect(saved[0].name).toMatch(/\.svg$/);
    // jsdom's Blob has no text().
    const svg = await new Promise<string>((resolve) => {
      const reader = new FileReader();
      reader.onload = () => resolve(String(reader.result));
      reader.readAsText(saved[0].blob);
    });
    expect(svg).toContain('<title>Theo tỉnh/thành — Số tổ chức</title>');
    expect(svg).toContain('>Đồng Tháp · Số liệu tính đến ngày 05/12/2026</text>');
    expect(svg).toContain('>Nguồn: hoptac, Liên minh Hợp tác xã Việt Nam</text>');
    // The screen's chart: its own option, no title added.
    expect(drawn.at(-1)).toBe(option);
  }, 20_000);
});
