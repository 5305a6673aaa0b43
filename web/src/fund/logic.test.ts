import { addMonths, mayManageFund, normaliseRate, termsBody } from './logic';
import { en, vi } from './strings';

describe('fund logic', () => {
  it('reads a rate typed with a comma or a point, never through a sum', () => {
    expect(normaliseRate('7,25')).toBe('7.25');
    expect(normaliseRate(' 6.5 ')).toBe('6.5');
    expect(normaliseRate('12')).toBe('12');
    expect(normaliseRate('7,12345')).toBeNull();
    expect(normaliseRate('bảy')).toBeNull();
    expect(normaliseRate('')).toBeNull();
  });

  it('adds months as the schedule does, the day clamped to the month’s end', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2028-01-31', 1)).toBe('2028-02-29');
    expect(addMonths('2026-11-15', 3)).toBe('2027-02-15');
    expect(addMonths('2026-12-05', 1)).toBe('2027-01-05');
  });

  it('turns the terms form into the API’s body', () => {
    expect(
      termsBody({ amount_vnd: 12_000_000, rate_percent_year: '7,5', term_months: 12, grace_months: undefined as unknown as number, method: 'equal_principal', frequency: 'quarterly', first_due_on: '2026-03-31' }),
    ).toEqual({ amount_vnd: 12_000_000, rate_percent_year: '7.5', term_months: 12, grace_months: 0, method: 'equal_principal', frequency: 'quarterly', first_due_on: '2026-03-31' });
  });

  it('lets national administrators manage any fund, a province administrator its own', () => {
    const hn = { province: { code: '01', name: 'Hà Nội' } };
    expect(mayManageFund({ role: 'national_admin', province_code: null }, { province: null })).toBe(true);
    expect(mayManageFund({ role: 'province_admin', province_code: '01' }, hn)).toBe(true);
    expect(mayManageFund({ role: 'province_admin', province_code: '79' }, hn)).toBe(false);
    expect(mayManageFund({ role: 'province_admin', province_code: '01' }, { province: null })).toBe(false);
    expect(mayManageFund({ role: 'province_officer', province_code: '01' }, hn)).toBe(false);
  });

  it('has every text in both languages with the same {arguments}', () => {
    const args = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    expect(Object.keys(en).sort()).toEqual(Object.keys(vi).sort());
    for (const key of Object.keys(vi) as (keyof typeof vi)[]) {
      expect(en[key].trim(), key).not.toBe('');
      expect(args(en[key]), key).toEqual(args(vi[key]));
    }
  });
});
