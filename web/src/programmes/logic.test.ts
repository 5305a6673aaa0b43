// The programmes pages' logic: state words, the per-year ticks, form ↔ body, errors by field,
// the state colours' contrast and the catalogue's two languages.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ApiError } from '../api/client';
import { contrast } from '../lib/contrast';
import {
  barShare, countStates, emptyTargetForm, expectedUnits, fieldPath, programmeBody, programmeForm, showFieldErrors,
  stateCounts, stateKey, targetBody, targetForm, yearsText,
} from './logic';
import { en, translateIn, vi as viText } from './strings';
import { STATES, type Programme, type Target } from './types';

const tVi = translateIn('vi', (k) => k);
const tEn = translateIn('en', (k) => k);

describe('programmes logic', () => {
  it('names every state in Vietnamese and English', () => {
    expect(STATES.map((s) => tVi(stateKey(s)))).toEqual(['Đạt', 'Đúng tiến độ', 'Có nguy cơ chậm', 'Chậm', 'Chưa bắt đầu', 'Không tính được']);
    expect(tEn(stateKey('behind'))).toBe('Behind');
    expect(tVi(stateKey('nonsense'))).toBe('Không tính được');
    expect(tVi(stateKey(undefined))).toBe('Không tính được');
  });

  it('writes the years of a yearly target', () => {
    const years = [
      { year: 2023, actual: 1, target: 1, state: 'achieved' as const },
      { year: 2024, actual: 0, target: 1, state: 'behind' as const },
      { year: 2025, actual: 1234, target: 2000, state: 'at_risk' as const },
    ];
    expect(yearsText(years, tVi, 'vi')).toBe('2023: 1/1 ✓; 2024: 0/1 chậm; 2025: 1.234/2.000 có nguy cơ chậm');
    expect(yearsText(years, tEn, 'en')).toBe('2023: 1/1 ✓; 2024: 0/1 behind; 2025: 1,234/2,000 at risk');
    expect(yearsText(undefined, tVi, 'vi')).toBe('');
  });

  it('counts states, clamps the bar and expects whole units', () => {
    expect(stateCounts({ behind: 2, achieved: 1, on_track: 0 })).toEqual([['achieved', 1], ['behind', 2]]);
    expect(countStates([{ progress: { state: 'behind' } }, { progress: { state: 'behind' } }, {}] as Target[])).toEqual({ behind: 2, unknown: 1 });
    expect(barShare(1.7)).toBe(1);
    expect(barShare(-0.2)).toBe(0);
    expect(barShare(undefined)).toBe(0);
    expect(expectedUnits(1.9)).toBe(1);
    expect(expectedUnits(2)).toBe(2);
    expect(expectedUnits(7.2, true)).toBe(8);
    expect(expectedUnits(undefined)).toBeNull();
  });

  it('maps a programme form to its body and back', () => {
    const form = {
      code: ' CT-TN-2024 ',
      title: ' Chương trình phối hợp hỗ trợ HTX thanh niên ',
      kind: 'coordination_programme',
      province: '20',
      from: '2024-01-01',
      to: '2026-12-31',
      status: 'in_force' as const,
      signed_on: '',
      signatories: '',
      review: ['year'],
      legal_basis: [{ number: '01/QĐ-TTg', date: '2024-01-02', issuer: 'Thủ tướng', title: '' }, { number: '', date: '', issuer: '', title: '' }],
      contents: [{ number: 1, text: 'Tuyên truyền' }, { number: '2', text: ' Hỗ trợ thành lập ' }, { number: null, text: '' }],
      partners: [3],
    };
    const body = programmeBody(form, false);
    expect(body).toEqual({
      code: 'CT-TN-2024',
      title: 'Chương trình phối hợp hỗ trợ HTX thanh niên',
      title_en: '',
      kind: 'coordination_programme',
      from: '2024-01-01',
      to: '2026-12-31',
      status: 'in_force',
      signed_on: null,
      signatories: '',
      review: ['year'],
      legal_basis: [{ number: '01/QĐ-TTg', date: '2024-01-02', issuer: 'Thủ tướng', title: '' }],
      contents: [{ number: 1, text: 'Tuyên truyền' }, { number: 2, text: 'Hỗ trợ thành lập' }],
      partners: [3],
    });
    expect(programmeBody({ ...form, province: '' }, true).province).toBe('');
    const back = programmeForm({ id: 1, ...(body as object), province: '20' } as Programme);
    expect(back.legal_basis).toEqual([{ number: '01/QĐ-TTg', date: '2024-01-02', issuer: 'Thủ tướng', title: '' }]);
    expect(back.signed_on).toBe('');
  });

  it('maps a target form to its body: entities with filters, figures, events, manual', () => {
    const entities = emptyTargetForm('2026-12-31', 2);
    entities.title = ' ≥ 2 HTX thanh niên thành lập 2024–2026 ';
    entities.target = 2;
    entities.measure.filters = { ...entities.measure.filters, kind: 'cooperative', youth: 'true', women_managed: 'false', founded_from: '2024-01-01', founded_to: '2026-12-31' };
    expect(targetBody(entities, false)).toEqual({
      content: 2,
      title: '≥ 2 HTX thanh niên thành lập 2024–2026',
      deadline: '2026-12-31',
      cadence: 'once',
      target: 2,
      baseline: 0,
      measure: { source: 'entities', filters: { kind: 'cooperative', women_managed: false, youth: true, founded_from: '2024-01-01', founded_to: '2026-12-31' } },
    });
    const figures = { ...emptyTargetForm('2026-12-31'), title: 'Lao động nữ', target: 500, provinces: ['01'], measure: { source: 'figures', measure: 'workers_female', filters: {} } };
    expect(targetBody(figures, true)).toMatchObject({ content: null, provinces: ['01'], measure: { source: 'figures', measure: 'workers_female', filters: {} } });
    const events = { ...figures, measure: { source: 'registry.events', measure: 'established', filters: { kind: 'cooperative' } } };
    expect(targetBody(events, false).measure).toEqual({ source: 'registry.events', measure: 'established', filters: { kind: 'cooperative' } });
    expect(targetBody(events, false).provinces).toBeUndefined();
    const manual = { ...figures, cadence: 'yearly' as const, measure: { source: 'manual', measure: 'x', filters: { kind: 'cooperative' } } };
    expect(targetBody(manual, true).measure).toEqual({ source: 'manual' });
  });

  it('reads a target back into its form', () => {
    const target = {
      id: 5, programme_id: 1, content: null, title: 'HTX thanh niên', provinces: [], deadline: '2026-12-31', cadence: 'once', target: 2, baseline: 0,
      measure: { source: 'entities', measure: 'count', indicator: 'registry.entities', filters: { youth: true, founded_from: '2024-01-01' } },
    } as Target;
    const form = targetForm(target);
    expect(form.content).toBe(0);
    expect(form.measure.measure).toBeUndefined();
    expect(form.measure.filters.youth).toBe('true');
    expect(form.measure.filters.kind).toBe('');
    expect(targetBody(form, false).measure).toEqual({ source: 'entities', filters: { youth: true, founded_from: '2024-01-01' } });
  });

  it('puts the API’s field errors next to their fields', () => {
    expect(fieldPath('legal_basis[0].number')).toEqual(['legal_basis', 0, 'number']);
    expect(fieldPath('measure.filters.youth')).toEqual(['measure', 'filters', 'youth']);
    expect(fieldPath('provinces[2]')).toEqual(['provinces', 2]);
    expect(fieldPath('title')).toEqual(['title']);
    const set = vi.fn();
    const error = new ApiError(400, 'invalid', 'Dữ liệu không hợp lệ.', [
      { field: 'contents[1].number', code: 'duplicate', message: 'Số thứ tự 1 bị trùng.' },
      { field: 'contents[1].number', code: 'x', message: 'Thêm.' },
      { field: 'measure.filters.founded_from', code: 'invalid_date', message: 'Ngày không hợp lệ.' },
      { field: 'owner', code: 'x', message: 'Không có ô này.' },
    ]);
    const rest = showFieldErrors({ setFields: set }, error, (p) => ['contents', 'measure'].includes(String(p[0])));
    expect(set).toHaveBeenCalledWith([
      { name: ['contents', 1, 'number'], errors: ['Số thứ tự 1 bị trùng.', 'Thêm.'] },
      { name: ['measure', 'filters', 'founded_from'], errors: ['Ngày không hợp lệ.'] },
    ]);
    expect(rest).toEqual(['Không có ô này.']);
    expect(showFieldErrors({ setFields: set }, new ApiError(403, 'forbidden', 'Không được phép.'), () => true)).toEqual(['Không được phép.']);
  });

  it('has the same keys and {arguments} in both languages', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(viText).sort());
    const args = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const key of Object.keys(viText) as (keyof typeof viText)[]) expect(args(en[key]), key).toEqual(args(viText[key]));
  });

  it('writes the states in colours of at least 4.5:1 on their backgrounds', () => {
    const css = readFileSync(join(__dirname, 'programmes.css'), 'utf8');
    for (const state of STATES) {
      const m = new RegExp(`\\.prog-state-${state} \\{ color: (#[0-9a-f]{6}); background: (#[0-9a-f]{6});`).exec(css);
      expect(m, state).not.toBeNull();
      expect(contrast(m![1], m![2]), state).toBeGreaterThanOrEqual(4.5);
    }
  });
});
