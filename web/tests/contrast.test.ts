// The colours of status tags, the active menu item and the delete (danger) button, read from the
// style sheet and the theme, keep a contrast of at least 4.5:1 (WCAG AA for normal text).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { blend, contrast } from '../src/lib/contrast';

const css = readFileSync(join(__dirname, '../src/styles.css'), 'utf8');
const app = readFileSync(join(__dirname, '../src/App.tsx'), 'utf8');
const rule = (selector: string, property: string) => {
  const block = css.slice(css.indexOf(selector + ' {'));
  const m = new RegExp(`${property}:\\s*(#[0-9a-fA-F]{6})`).exec(block.slice(0, block.indexOf('}')));
  if (!m) throw new Error(`no ${property} in ${selector}`);
  return m[1];
};

describe('contrast', () => {
  it('computes WCAG ratios', () => {
    expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrast('#d48806', '#fffbe6')).toBeCloseTo(2.76, 2); // the library's gold tag
    expect(blend('#ffffff', '#0b5cab', 0.25)).toBe('#4885c0');
  });
  it('status tags are at least 4.5:1 on their backgrounds', () => {
    const backgrounds: Record<string, string> = { green: '#f6ffed', gold: '#fffbe6', orange: '#fff7e6', volcano: '#fff2e8', red: '#fff1f0', cyan: '#e6fffb', lime: '#fcffe6', magenta: '#fff0f6' };
    for (const [name, bg] of Object.entries(backgrounds)) expect(contrast(rule(`.ant-tag.ant-tag-${name}`, 'color'), bg), name).toBeGreaterThanOrEqual(4.5);
  });
  it('the active menu item and the danger button are at least 4.5:1', () => {
    const active = rule(".app-nav a[aria-current='page']", 'background');
    expect(contrast('#ffffff', active)).toBeGreaterThanOrEqual(4.5);
    const error = /colorError: '(#[0-9a-f]{6})'/.exec(app)![1];
    expect(contrast(error, '#ffffff')).toBeGreaterThanOrEqual(4.5); // outlined danger button
    expect(contrast('#ffffff', error)).toBeGreaterThanOrEqual(4.5); // primary danger button
    for (const token of ['colorTextPlaceholder', 'colorTextQuaternary', 'colorTextTertiary', 'colorTextDescription'])
      expect(contrast(new RegExp(`${token}: '(#[0-9a-f]{6})'`).exec(app)![1], '#fafafa'), token).toBeGreaterThanOrEqual(4.5);
  });
});
