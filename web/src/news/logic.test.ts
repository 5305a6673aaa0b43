import { articleActions, articleBody, editorField, emptyArticle, isFuture, mayPublish, mayWrite, publishAt, vnDateTime, vnLocalInput } from './logic';
import { en, vi as viTexts } from './strings';

const user = (role: string, province_code: string | null = '20') => ({ role: role as never, province_code });

describe('news logic', () => {
  it('gives the contract’s roles: national officials everything, a province’s its province, only admins publish there', () => {
    expect(mayWrite(user('national_officer', null), null)).toBe(true);
    expect(mayWrite(user('province_officer'), '20')).toBe(true);
    expect(mayWrite(user('province_officer'), '01')).toBe(false);
    expect(mayWrite(user('province_admin'), null)).toBe(false);
    expect(mayWrite(user('cooperative'), '20')).toBe(false);
    expect(mayPublish(user('province_admin'), '20')).toBe(true);
    expect(mayPublish(user('province_admin'), '01')).toBe(false);
    expect(mayPublish(user('province_officer'), '20')).toBe(false);
    expect(mayPublish(user('national_admin', null), '01')).toBe(true);
  });

  it('offers the moves of each status', () => {
    const draft = { status: 'draft' as const, province: '20' };
    expect(articleActions(draft, user('province_officer'))).toEqual(['submit', 'delete']);
    expect(articleActions(draft, user('province_admin'))).toEqual(['publish', 'delete']);
    expect(articleActions({ status: 'in_review', province: '20' }, user('province_admin'))).toEqual(['publish', 'return']);
    expect(articleActions({ status: 'in_review', province: '20' }, user('province_officer'))).toEqual([]);
    expect(articleActions({ status: 'published', province: '20' }, user('national_officer', null))).toEqual(['unpublish']);
    expect(articleActions({ status: 'published', province: '01' }, user('province_admin'))).toEqual([]);
  });

  it('sends a national article without province on creation and with province null on a change', () => {
    const v = { ...emptyArticle(user('national_officer', null)), title: ' T ', summary: ' S ', body: 'B', category: 'policy', keywords: ['a', ' A ', '', 'b'] };
    expect(articleBody(v, { editing: false })).toEqual({ title: 'T', summary: 'S', body: 'B', category: 'policy', keywords: ['a', 'b'], cover_image: null, entity_ids: [], lang: 'vi' });
    expect(articleBody(v, { editing: true })).toEqual({ title: 'T', summary: 'S', body: 'B', category: 'policy', keywords: ['a', 'b'], cover_image: null, entity_ids: [], province: null });
    expect(emptyArticle(user('province_officer')).province).toBe('20');
  });

  it('names the editor’s fields from the server’s', () => {
    expect(editorField('cover_image.alt')).toBe('cover_image');
    expect(editorField('keywords[2]')).toBe('keywords');
    expect(editorField('entity_ids[0]')).toBe('entity_ids');
    expect(editorField('title')).toBe('title');
  });

  it('reads and writes publication times in Việt Nam’s time, whatever the browser’s zone', () => {
    expect(publishAt('2026-12-24T08:00')).toBe('2026-12-24T08:00:00+07:00');
    expect(vnDateTime('2026-12-24T01:00:00Z', 'vi')).toBe('24/12/2026 08:00');
    expect(vnDateTime('2026-12-23T17:30:00Z', 'en')).toBe('24 Dec 2026, 00:30');
    const now = Date.parse('2026-12-06T01:24:00Z');
    expect(vnLocalInput(now, 60)).toBe('2026-12-06T09:24');
    expect(isFuture('2026-12-06T08:25', now)).toBe(true);
    expect(isFuture('2026-12-06T08:24', now)).toBe(false);
  });

  it('has the same keys and arguments in both languages', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(viTexts).sort());
    const args = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const key of Object.keys(viTexts) as (keyof typeof viTexts)[]) expect(args(en[key]), key).toEqual(args(viTexts[key]));
  });
});
