import { compactOption, PHONE_LABEL_WIDTH } from './compactChart';

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('charts on a phone', () => {
  const bars = {
    tooltip: { trigger: 'axis' },
    legend: { bottom: 0, type: 'scroll' },
    grid: { left: 8, right: 16, top: 16, bottom: 40, containLabel: true },
    xAxis: { type: 'category', data: ['Hợp tác xã', 'Liên hiệp hợp tác xã', 'Tổ hợp tác'] },
    yAxis: { type: 'value', minInterval: 1, axisLabel: { formatter: (v: number) => String(v) } },
    series: [{ type: 'bar', name: 'Đang hoạt động', data: [1, 2, 3] }],
  };

  it('writes value axes short, with fewer ticks', () => {
    const o: Obj = compactOption(bars, 'vi');
    expect(o.yAxis.splitNumber).toBe(3);
    expect(o.yAxis.minInterval).toBe(1);
    expect(o.yAxis.axisLabel.formatter(10_000)).toBe('10 N');
    expect(o.yAxis.axisLabel.formatter(1_200_000)).toBe('1,2 Tr');
    expect(compactOption(bars, 'en').yAxis).toMatchObject({ axisLabel: { fontSize: 10 } });
    expect((compactOption(bars, 'en') as Obj).yAxis.axisLabel.formatter(1_200_000)).toBe('1.2m');
  });

  it('slants and cuts long category names, the tooltip naming them in full and kept inside the chart', () => {
    const o: Obj = compactOption(bars, 'vi');
    expect(o.xAxis.axisLabel).toMatchObject({ rotate: 40, width: PHONE_LABEL_WIDTH.x, overflow: 'truncate', hideOverlap: true });
    expect(o.xAxis.data).toEqual(bars.xAxis.data);
    expect(o.tooltip).toEqual({ trigger: 'axis', confine: true });
    // Short labels (years) are not slanted when few.
    const years: Obj = compactOption({ ...bars, xAxis: { type: 'category', data: ['2024', '2025', '2026'] } }, 'vi');
    expect(years.xAxis.axisLabel.rotate).toBeUndefined();
    // Names beside horizontal bars are cut, every one shown.
    const side: Obj = compactOption(
      { xAxis: { type: 'value' }, yAxis: { type: 'category', data: ['Thành phố Hồ Chí Minh'], axisLabel: { interval: 0 } }, series: [{ type: 'bar', data: [1] }] },
      'vi',
    );
    expect(side.yAxis.axisLabel).toMatchObject({ interval: 0, width: PHONE_LABEL_WIDTH.y, overflow: 'truncate' });
    expect(side.yAxis.axisLabel.rotate).toBeUndefined();
    expect(side.tooltip).toEqual({ confine: true });
  });

  it('puts the legend under the plot and leaves it room', () => {
    const o: Obj = compactOption({ ...bars, legend: { top: 0, right: 0, orient: 'vertical' } }, 'vi');
    expect(o.legend).toMatchObject({ bottom: 0, left: 'center', orient: 'horizontal', type: 'scroll' });
    expect(o.legend.top).toBeUndefined();
    expect(o.legend.right).toBeUndefined();
    expect(o.grid).toMatchObject({ containLabel: true, bottom: 36 });
    const noLegend: Obj = compactOption({ ...bars, legend: undefined }, 'vi');
    expect(noLegend.legend).toBeUndefined();
    expect(noLegend.grid.bottom).toBe(8);
  });

  it('puts pie labels inside the slices, the legend naming them', () => {
    const pie = {
      tooltip: { trigger: 'item' },
      series: [{ type: 'pie', radius: ['35%', '65%'], label: { formatter: '{b}\n{d}%' }, data: [{ name: 'Hợp tác xã', value: 3 }] }],
    };
    const o: Obj = compactOption(pie, 'vi');
    expect(o.series[0].label).toMatchObject({ show: true, position: 'inside' });
    expect(o.series[0].label.formatter({ percent: 45.3 })).toBe('45 %');
    expect(o.series[0].labelLine).toEqual({ show: false });
    expect(o.legend).toMatchObject({ bottom: 0, type: 'scroll' });
    expect(o.grid).toBeUndefined();
    // The option given is left as it was (desktop draws it).
    expect(pie.series[0].label).toEqual({ formatter: '{b}\n{d}%' });
  });

  it('shortens a map colour scale and leaves the map itself', () => {
    const map = { visualMap: { min: 0, max: 10, itemHeight: 100, formatter: (v: number) => String(v) }, series: [{ type: 'map', map: 'vn34', data: [] }] };
    const o: Obj = compactOption(map, 'vi');
    expect(o.visualMap.itemHeight).toBe(80);
    expect(o.visualMap.formatter(2_500_000_000)).toBe('2,5 Tỷ');
    expect(o.series[0]).toBe(map.series[0]);
    expect(o.legend).toBeUndefined();
  });
});
