// The surveys' campaigns, the petitions and the support fund's loans as a target's sources: form ↔
// body both ways, the questionnaires' and themes' choices, and the measure in words.
import { defaultMeasure, emptyTargetForm, FUND_MEASURES, measureText, questionnaireChoices, SOURCES, targetBody, targetForm, themeChoices } from './logic';
import { translateIn } from './strings';
import type { Target } from './types';

const tVi = translateIn('vi', (k) => k);
const tEn = translateIn('en', (k) => k);

const target = (measure: Target['measure']): Target => ({
  id: 40, programme_id: 7, content: 1, title: 'Khảo sát mức độ hài lòng của HTX hằng năm', provinces: [], deadline: '2026-12-31', cadence: 'yearly', target: 1, baseline: 0, measure,
});

describe('surveys and petitions as target sources', () => {
  it('offers both sources, in Vietnamese and English, manual last', () => {
    expect(SOURCES.map((s) => tVi(`target.source.${s}`))).toContain('Khảo sát (đợt khảo sát)');
    expect(tVi('target.source.petitions.petitions')).toBe('Kiến nghị của HTX');
    expect(tEn('target.source.surveys.campaigns')).toBe('Surveys (campaigns)');
    expect(tEn('target.source.petitions.petitions')).toBe('Petitions');
    expect(SOURCES[SOURCES.length - 1]).toBe('manual');
  });

  it('round-trips a survey target: measure held, the questionnaire, yearly target 1', () => {
    const measure = { source: 'surveys.campaigns', measure: 'held', indicator: 'surveys.campaigns', filters: { form_id: 'HL-HTX' } };
    const form = targetForm(target(measure));
    expect(form.measure).toEqual({ source: 'surveys.campaigns', measure: 'held', filters: expect.any(Object), form_id: 'HL-HTX', themes: [], statuses: [] });
    // The registry's filters stay empty: nothing of theirs is sent.
    expect(Object.values(form.measure.filters).every((v) => v === '')).toBe(true);
    expect(targetBody(form, false, 7)).toEqual({
      content: 1, title: 'Khảo sát mức độ hài lòng của HTX hằng năm', deadline: '2026-12-31', cadence: 'yearly', target: 1, baseline: 0,
      measure: { source: 'surveys.campaigns', measure: 'held', filters: { form_id: 'HL-HTX' } },
    });
    // Any questionnaire: no filter; another measure kept; a missing measure is the default.
    expect(targetBody({ ...form, measure: { ...form.measure, form_id: ' ', measure: 'responses' } }, true).measure).toEqual({ source: 'surveys.campaigns', measure: 'responses', filters: {} });
    expect(targetForm(target({ source: 'surveys.campaigns', filters: {} })).measure).toMatchObject({ measure: 'held', form_id: '' });
    const fresh = emptyTargetForm('2026-12-31');
    fresh.measure = { ...fresh.measure, source: 'surveys.campaigns', measure: undefined };
    expect(targetBody(fresh, false, 7).measure).toEqual({ source: 'surveys.campaigns', measure: 'held', filters: {} });
  });

  it('round-trips a petitions target: its measure, themes and statuses (status is not the registry’s)', () => {
    const measure = { source: 'petitions.petitions', measure: 'answered_on_time', filters: { theme: 'land, credit', status: 'answered,closed' } };
    const form = targetForm(target(measure));
    expect(form.measure).toMatchObject({ source: 'petitions.petitions', measure: 'answered_on_time', themes: ['land', 'credit'], statuses: ['answered', 'closed'] });
    expect(form.measure.filters.status).toBe('');
    expect(targetBody(form, false).measure).toEqual({ source: 'petitions.petitions', measure: 'answered_on_time', filters: { theme: 'land,credit', status: 'answered,closed' } });
    const none = targetForm(target({ source: 'petitions.petitions', measure: null, filters: {} }));
    expect(none.measure).toMatchObject({ measure: 'count', themes: [], statuses: [] });
    expect(targetBody(none, true).measure).toEqual({ source: 'petitions.petitions', measure: 'count', filters: {} });
  });

  it('lists questionnaires once per code, newest title, and keeps a code the list lacks', () => {
    const items = [
      { id: 1, form_id: 'HL-HTX', version: '2024', title: { vi: 'Khảo sát hài lòng (cũ)', en: 'Satisfaction (old)' } },
      { id: 3, form_id: 'HL-HTX', version: '2025', title: { vi: 'Khảo sát mức độ hài lòng của HTX', en: 'Cooperatives’ satisfaction' } },
      { id: 2, form_id: 'DT-TV', version: '1', title: { vi: 'Điều tra thành viên', en: '' } },
    ];
    expect(questionnaireChoices(items, 'vi')).toEqual([
      { value: 'DT-TV', label: 'Điều tra thành viên (DT-TV)' },
      { value: 'HL-HTX', label: 'Khảo sát mức độ hài lòng của HTX (HL-HTX)' },
    ]);
    expect(questionnaireChoices(items, 'en').map((c) => c.label)).toEqual(['Cooperatives’ satisfaction (HL-HTX)', 'Điều tra thành viên (DT-TV)']);
    expect(questionnaireChoices(undefined, 'vi', 'CU-2019')).toEqual([{ value: 'CU-2019', label: 'CU-2019' }]);
  });

  it('lists the themes in use and those chosen', () => {
    const items = [
      { code: 'land', name_vi: 'Đất đai', name_en: 'Land', active: true },
      { code: 'water', name_vi: 'Nước tưới', name_en: 'Irrigation', active: false },
      { code: 'credit', name_vi: 'Tín dụng, vốn', name_en: 'Credit and capital', active: true },
    ];
    expect(themeChoices(items, 'vi')).toEqual([{ value: 'land', label: 'Đất đai' }, { value: 'credit', label: 'Tín dụng, vốn' }]);
    expect(themeChoices(items, 'en', ['water', 'gone']).map((c) => c.label)).toEqual(['Land', 'Irrigation', 'Credit and capital', 'gone']);
  });

  it('describes the measures in words, names when known; nothing for the other sources', () => {
    const survey = { source: 'surveys.campaigns', measure: 'held', filters: { form_id: 'HL-HTX' } };
    expect(measureText(survey, tVi)).toBe('Khảo sát (đợt khảo sát) — Số đợt khảo sát đã tổ chức; bộ câu hỏi HL-HTX');
    expect(measureText(survey, tEn, { questionnaire: () => 'Cooperatives’ satisfaction (HL-HTX)' })).toBe('Surveys (campaigns) — Campaigns held; questionnaire Cooperatives’ satisfaction (HL-HTX)');
    const petitions = { source: 'petitions.petitions', measure: 'overdue', filters: { theme: 'land,water', status: 'received,assigned' } };
    expect(measureText(petitions, tVi, { theme: (c) => (c === 'land' ? 'Đất đai' : undefined) })).toBe(
      'Kiến nghị của HTX — Số kiến nghị quá hạn chưa trả lời; lĩnh vực: Đất đai, water; trạng thái: Đã tiếp nhận, Đang xử lý',
    );
    expect(measureText({ source: 'petitions.petitions', measure: 'count' }, tEn)).toBe('Petitions — Petitions received');
    expect(measureText({ source: 'entities', measure: 'count', filters: { youth: true } }, tVi)).toBeUndefined();
    expect(measureText({ source: 'manual' }, tVi)).toBeUndefined();
  });
});

describe('the support fund’s loans as a target source', () => {
  it('is offered before manual, named and measured in Vietnamese and English', () => {
    expect(SOURCES).toContain('fund.loans');
    expect(SOURCES.indexOf('fund.loans')).toBeLessThan(SOURCES.indexOf('manual'));
    expect(tVi('target.source.fund.loans')).toBe('Khoản vay của Quỹ hỗ trợ phát triển HTX');
    expect(tEn('target.source.fund.loans')).toBe('Support fund loans');
    // The server's measures (src/fund/fund_portfolio.cpp kMeasures), each with words in both languages.
    expect([...FUND_MEASURES]).toEqual(['loans_active', 'outstanding_vnd', 'par30_vnd', 'loans_disbursed', 'disbursed_vnd']);
    expect(FUND_MEASURES.map((m) => tVi(`target.fuMeasure.${m}`))).toEqual([
      'Số khoản vay còn dư nợ', 'Dư nợ gốc (đồng)', 'Dư nợ quá hạn trên 30 ngày (đồng)', 'Số khoản vay giải ngân trong kỳ', 'Số tiền giải ngân trong kỳ (đồng)',
    ]);
    expect(FUND_MEASURES.map((m) => tEn(`target.fuMeasure.${m}`))).toEqual([
      'Loans outstanding', 'Principal outstanding (VND)', 'Principal overdue more than 30 days (VND)', 'Loans disbursed in the period', 'Amount disbursed in the period (VND)',
    ]);
    for (const m of FUND_MEASURES) expect(tEn(`target.fuMeasure.${m}`)).not.toBe(tVi(`target.fuMeasure.${m}`));
    expect(defaultMeasure('fund.loans')).toBe('loans_active');
  });

  it('round-trips women_managed=true: the filter its own, not the registry’s', () => {
    const measure = { source: 'fund.loans', measure: 'disbursed_vnd', filters: { women_managed: true } };
    const form = targetForm(target(measure));
    expect(form.measure).toEqual({ source: 'fund.loans', measure: 'disbursed_vnd', filters: expect.any(Object), women_managed: 'true', youth: '', fund: '' });
    expect(Object.values(form.measure.filters).every((v) => v === '')).toBe(true);
    expect(targetBody(form, false, 7)).toEqual({
      content: 1, title: 'Khảo sát mức độ hài lòng của HTX hằng năm', deadline: '2026-12-31', cadence: 'yearly', target: 1, baseline: 0,
      measure: { source: 'fund.loans', measure: 'disbursed_vnd', filters: { women_managed: true } },
    });
    // The server's text values read alike; youth=false and a fund are kept; nothing chosen sends no filter.
    const all = targetForm(target({ source: 'fund.loans', measure: 'par30_vnd', filters: { women_managed: 'true', youth: 'false', fund: '3' } }));
    expect(all.measure).toMatchObject({ women_managed: 'true', youth: 'false', fund: '3' });
    expect(targetBody(all, true).measure).toEqual({ source: 'fund.loans', measure: 'par30_vnd', filters: { women_managed: true, youth: false, fund: '3' } });
    const none = targetForm(target({ source: 'fund.loans', measure: null, filters: {} }));
    expect(none.measure).toMatchObject({ measure: 'loans_active', women_managed: '', youth: '', fund: '' });
    expect(targetBody(none, true).measure).toEqual({ source: 'fund.loans', measure: 'loans_active', filters: {} });
    const fresh = emptyTargetForm('2026-12-31');
    fresh.measure = { ...fresh.measure, source: 'fund.loans', measure: undefined };
    expect(targetBody(fresh, false, 7).measure).toEqual({ source: 'fund.loans', measure: 'loans_active', filters: {} });
  });

  it('describes the measure in words, the fund by name when known', () => {
    const m = { source: 'fund.loans', measure: 'loans_disbursed', filters: { women_managed: true, youth: 'false', fund: '3' } };
    expect(measureText(m, tVi)).toBe('Khoản vay của Quỹ hỗ trợ phát triển HTX — Số khoản vay giải ngân trong kỳ; phụ nữ quản lý: Có; thanh niên: Không; quỹ #3');
    expect(measureText(m, tEn, { fund: (id) => (id === '3' ? 'Bắc Giang fund' : undefined) })).toBe(
      'Support fund loans — Loans disbursed in the period; women-managed: Yes; youth: No; fund Bắc Giang fund',
    );
    expect(measureText({ source: 'fund.loans', measure: 'outstanding_vnd' }, tVi)).toBe('Khoản vay của Quỹ hỗ trợ phát triển HTX — Dư nợ gốc (đồng)');
  });
});
