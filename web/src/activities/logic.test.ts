import { activityBody, activityForm, addMonths, byDay, filterQuery, monthGrid, monthRange, noFilters } from './logic';
import { activity } from './fixtures';
import { en, vi } from './strings';
import { targetBody, targetForm } from '../programmes/logic';
import type { Target } from '../programmes/types';

describe('activities logic', () => {
  it('gives a month’s range and its weeks, Monday first', () => {
    expect(monthRange(2024, 2)).toEqual({ from: '2024-02-01', to: '2024-02-29' });
    expect(monthRange(2026, 12)).toEqual({ from: '2026-12-01', to: '2026-12-31' });
    expect(addMonths({ year: 2026, month: 12 }, 1)).toEqual({ year: 2027, month: 1 });
    expect(addMonths({ year: 2026, month: 1 }, -1)).toEqual({ year: 2025, month: 12 });
    // December 2026 starts on a Tuesday.
    const weeks = monthGrid(2026, 12);
    expect(weeks[0]).toEqual([null, '2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04', '2026-12-05', '2026-12-06']);
    expect(weeks.at(-1)).toEqual(['2026-12-28', '2026-12-29', '2026-12-30', '2026-12-31', null, null, null]);
    expect(weeks.every((w) => w.length === 7)).toBe(true);
  });

  it('groups activities by day within the month, a long one under each of its days', () => {
    const a = activity({ id: 1, from: '2026-11-29', to: '2026-12-02' });
    const b = activity({ id: 2, from: '2026-12-02', to: '2026-12-02' });
    const days = byDay([a, b], '2026-12-01', '2026-12-31');
    expect(days.map((d) => [d.day, d.items.map((x) => x.id)])).toEqual([
      ['2026-12-01', [1]],
      ['2026-12-02', [1, 2]],
    ]);
  });

  it('turns filters into the query and the form into the body', () => {
    expect(filterQuery({ ...noFilters(), type: ['training'], q: ' lớp ' })).toEqual({ type: ['training'], province: '', programme: '', from: '', to: '', q: 'lớp' });
    const form = activityForm(activity());
    form.programmes = [...(form.programmes ?? []), { programme: null, contents: [] }, { programme: 2, contents: [1, 2] }];
    form.commune = '';
    const body = activityBody(form, false);
    expect(body.programmes).toEqual([{ programme: 2, contents: [1, 2] }]);
    expect(body.commune).toBeNull();
    expect(body.participants).toEqual({ total: 1240, female: 12, youth: 5 });
    expect(activityBody(form, true).participants).toBeUndefined();
  });

  it('reads and writes a programme target counting activities', () => {
    const target = {
      id: 5, programme_id: 2, content: 2, title: 'Mỗi năm một lớp', provinces: [], deadline: '2026-12-31', cadence: 'yearly', target: 1, baseline: 0,
      measure: { source: 'activities', measure: 'count', filters: { type: 'training,dialogue', programme: '2', content: '2' } },
    } as Target;
    const form = targetForm(target);
    expect(form.measure).toMatchObject({ source: 'activities', measure: 'count', types: ['training', 'dialogue'], own: true, content: '2' });
    expect(targetBody(form, false, 2).measure).toEqual({ source: 'activities', measure: 'count', filters: { type: 'training,dialogue', programme: '2', content: '2' } });
    form.measure.own = false;
    expect(targetBody(form, false, 2).measure).toEqual({ source: 'activities', measure: 'count', filters: { type: 'training,dialogue' } });
    const placements = { ...form, measure: { ...form.measure, source: 'placements', measure: 'female', sex: '', own: true } };
    expect(targetBody(placements, false, 2).measure).toEqual({ source: 'placements', measure: 'female', filters: { programme: '2' } });
  });

  it('has the same keys and arguments in both languages', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(vi).sort());
    const args = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const key of Object.keys(vi) as (keyof typeof vi)[]) expect(args(en[key]), key).toEqual(args(vi[key]));
  });
});
