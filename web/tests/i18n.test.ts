import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { catalogues, translate } from '../src/i18n/catalogue';
import { en } from '../src/i18n/en';
import { vi } from '../src/i18n/vi';
import { vi as activities } from '../src/activities/strings';
import { vi as fund } from '../src/fund/strings';
import { vi as news } from '../src/news/strings';
import { vi as products } from '../src/products/strings';
import { vi as petitions } from '../src/petitions/strings';
import { vi as programmes } from '../src/programmes/strings';
import { vi as surveys } from '../src/surveys/strings';

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : /\.tsx?$/.test(name) ? [path] : [];
  });
}

describe('catalogues', () => {
  it('have the same keys in Vietnamese and English, none empty', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(vi).sort());
    for (const [lang, catalogue] of Object.entries(catalogues))
      for (const [key, text] of Object.entries(catalogue)) expect(text.trim(), `${lang} ${key}`).not.toBe('');
  });

  it('use the same {arguments} in both languages', () => {
    const args = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const key of Object.keys(vi) as (keyof typeof vi)[]) expect(args(en[key]), key).toEqual(args(vi[key]));
  });

  it('hold every key the code asks for', () => {
    const used = new Set<string>();
    for (const file of sources(join(__dirname, '../src'))) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/\bt\(\s*'([a-zA-Z_.]+)'/g)) used.add(m[1]);
    }
    expect(used.size).toBeGreaterThan(100);
    // The programmes', activities', petitions', surveys', the fund's, the news' and the products' pages' own texts load with
    // them (their folders' strings.ts).
    const missing = [...used].filter(
      (k) =>
        !(k in vi) && !(k in programmes) && !(k in activities) && !(k in petitions) && !(k in surveys) && !(k in fund) && !(k in news) && !(k in products),
    );
    expect(missing).toEqual([]);
  });

  it('leave no text to code that picks it by language', () => {
    // `lang === 'vi' ? 'Năm' : …`: such words belong in the catalogue.
    const offenders: string[] = [];
    for (const file of sources(join(__dirname, '../src'))) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/\b(?:lang|language)\s*===\s*'(?:vi|en)'\s*\?\s*[`'"]([^`'"]*)[`'"]/g))
        if (/\p{L}/u.test(m[1]) && !/^[a-z]{2}(-[A-Z]{2})?$/.test(m[1])) offenders.push(`${file}: ${m[0]}`); // locale ids are fine
    }
    expect(offenders).toEqual([]);
  });

  it('has Vietnamese with diacritics, not stripped text', () => {
    expect(vi['login.title']).toBe('Đăng nhập');
    expect(vi['nav.registry']).toBe('Sổ đăng ký');
  });

  it('fills arguments and formats numbers in the language', () => {
    expect(translate('vi', 'registry.count', { count: 12345 })).toBe('12.345 tổ chức');
    expect(translate('en', 'registry.count', { count: 12345 })).toBe('12,345 organisations');
    expect(translate('vi', 'login.throttled', { seconds: 30 })).toBe('Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau 30 giây.');
    expect(translate('en', 'form.editTitle', { name: 'HTX Tân Lập' })).toBe('Edit: HTX Tân Lập');
  });
});
