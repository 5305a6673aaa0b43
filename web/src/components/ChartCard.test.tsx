// A chart card draws the compact option on a phone and the option as given elsewhere.
import { render } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { I18nProvider } from '../i18n/I18nProvider';
import { screenWidth } from '../../tests/support';

const drawn: Record<string, any>[] = []; // eslint-disable-line @typescript-eslint/no-explicit-any
vi.mock('./EChart', () => ({
  EChart: ({ option, label }: { option: Record<string, unknown>; label: string }) => {
    drawn.push(option);
    return <div role="img" aria-label={label} />;
  },
}));
const { ChartCard } = await import('./ChartCard');

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
    drawn.length = 0;
  });

  it('draws the compact chart at 360 px', () => {
    restore = screenWidth(360);
    show();
    const o = drawn[drawn.length - 1];
    expect(o).not.toBe(option);
    expect(o.legend).toMatchObject({ bottom: 0 });
    expect(o.yAxis.axisLabel.formatter(3_400_000)).toBe('3,4 Tr');
    expect(o.xAxis.axisLabel.overflow).toBe('truncate');
  });

  it('draws the option as given from 481 px', () => {
    restore = screenWidth(481);
    show();
    expect(drawn[drawn.length - 1]).toBe(option);
  });
});
