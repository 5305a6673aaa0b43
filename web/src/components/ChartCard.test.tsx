// A chart card asks for the compact chart on a phone and the option as given elsewhere; the chart
// draws the compact form when asked.
import { render, waitFor } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { I18nProvider } from '../i18n/I18nProvider';
import { screenWidth } from '../../tests/support';

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const props: Obj[] = [];
vi.mock('./EChart', async (real) => ({
  ...(await real<Obj>()),
  EChart: (p: Obj) => {
    props.push(p);
    return <div role="img" aria-label={p.label} />;
  },
}));
const drawn: Obj[] = [];
vi.mock('../lib/echarts', () => ({
  echarts: {
    registerMap: () => undefined,
    init: () => ({ on: () => undefined, setOption: (o: Obj) => drawn.push(o), resize: () => undefined, dispose: () => undefined }),
  },
}));
const { ChartCard } = await import('./ChartCard');
const { EChart } = await vi.importActual<typeof import('./EChart')>('./EChart');

const option = {
  legend: { top: 0 },
  xAxis: { type: 'category', data: ['Hợp tác xã', 'Liên hiệp hợp tác xã'] },
  yAxis: { type: 'value', axisLabel: { formatter: (v: number) => `${v} nghìn` } },
  series: [{ type: 'bar', data: [12_000, 3_400_000] }],
};

function show() {
  return render(
    <I18nProvider initial="vi">
      <MemoryRouter>
        <ChartCard title="Theo loại hình" data={[['Loại hình', 'Số'], ['Hợp tác xã', 12000]]} option={option} />
      </MemoryRouter>
    </I18nProvider>,
  );
}

describe('chart cards by screen width', () => {
  let restore = () => undefined as void;
  afterEach(() => {
    restore();
    props.length = 0;
    drawn.length = 0;
  });

  it('asks for the compact chart at 360 px, in the page language', () => {
    restore = screenWidth(360);
    show();
    expect(props[props.length - 1]).toMatchObject({ option, compact: 'vi' });
  });

  it('draws the option as given from 481 px', () => {
    restore = screenWidth(481);
    show();
    expect(props[props.length - 1].compact).toBeUndefined();
  });

  it('draws the compact form when asked, the option itself otherwise', async () => {
    const { rerender } = render(<EChart option={option} label="Biểu đồ" compact="vi" />);
    await waitFor(() => expect(drawn.length).toBeGreaterThan(0));
    const o = drawn[drawn.length - 1];
    expect(o.legend).toMatchObject({ bottom: 0 });
    expect(o.yAxis.axisLabel.formatter(3_400_000)).toBe('3,4 Tr');
    expect(o.xAxis.axisLabel.overflow).toBe('truncate');
    expect(o.aria.label.description).toBe('Biểu đồ');
    rerender(<EChart option={option} label="Biểu đồ" />);
    await waitFor(() => expect(drawn[drawn.length - 1].yAxis).toBe(option.yAxis));
  });
});
