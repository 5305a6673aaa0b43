import { fold, foldFilter, foldMatch } from './fold';

describe('fold', () => {
  it('drops diacritics and case and turns đ into d', () => {
    expect(fold('Lạng Sơn')).toBe('lang son');
    expect(fold('Bắc Ninh')).toBe('bac ninh');
    expect(fold('Đắk Lắk')).toBe('dak lak');
    expect(fold('  Thành phố  Hồ Chí Minh ')).toBe('thanh pho ho chi minh');
  });
  it('finds provinces by what people type without accents', () => {
    expect(foldMatch('lang son', 'Lạng Sơn')).toBe(true);
    expect(foldMatch('bac ninh', 'Bắc Ninh')).toBe(true);
    expect(foldMatch('dak lak', 'Đắk Lắk')).toBe(true);
    expect(foldMatch('DAK', 'Đắk Lắk')).toBe(true);
    expect(foldMatch('Lạng', 'Lạng Sơn')).toBe(true);
    expect(foldMatch('lang son', 'Bắc Ninh')).toBe(false);
  });
  it('serves as a Select filterOption', () => {
    expect(foldFilter('ha noi', { label: 'Hà Nội' })).toBe(true);
    expect(foldFilter('ha noi', { label: 'Hải Phòng' })).toBe(false);
    expect(foldFilter('x', undefined)).toBe(false);
  });
});
