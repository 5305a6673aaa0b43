// The news pages' logic without React: who may write and publish what (the contract's roles; the
// server still decides), the actions an article offers by its status, the editor's values ↔ the
// API's body, the server's field names ↔ the editor's, and publication times in Việt Nam's time.
import type { Query } from '../api/client';
import type { Role, User } from '../api/types';
import { NEWS_ROLES } from './roles';
import type { Article, ArticleLang, ArticleStatus } from './types';

export { NEWS_ROLES };
export const isNational = (role: string | undefined) => role === 'national_admin' || role === 'national_officer';
/** Who writes articles: the alliance's officials (a province's of their province only). */
export const writesNews = (role: string | undefined) => NEWS_ROLES.includes(role as Role);
/** Who publishes: national officials (everything) and a province's administrator (their province). */
export const publishesNews = (role: string | undefined) => isNational(role) || role === 'province_admin';

type Who = Pick<User, 'role' | 'province_code'> | null | undefined;

/** Whether `user` may change an article of `province` (null: national). */
export function mayWrite(user: Who, province: string | null): boolean {
  if (!user || !writesNews(user.role)) return false;
  if (isNational(user.role)) return true;
  return province !== null && province === user.province_code;
}

/** Whether `user` may publish, schedule, unpublish or send back an article of `province`. */
export function mayPublish(user: Who, province: string | null): boolean {
  if (!user) return false;
  if (isNational(user.role)) return true;
  return user.role === 'province_admin' && province !== null && province === user.province_code;
}

export type ArticleAction = 'submit' | 'publish' | 'return' | 'unpublish' | 'delete';

/** The workflow's moves `user` is offered on an article, in the order of the buttons. */
export function articleActions(a: Pick<Article, 'status' | 'province'>, user: Who): ArticleAction[] {
  const write = mayWrite(user, a.province);
  const publish = mayPublish(user, a.province);
  const out: ArticleAction[] = [];
  const moves: Record<ArticleStatus, [ArticleAction, boolean][]> = {
    draft: [
      ['submit', write && !publish],
      ['publish', publish],
      ['delete', write],
    ],
    in_review: [
      ['publish', publish],
      ['return', publish],
    ],
    published: [['unpublish', publish]],
  };
  for (const [action, allowed] of moves[a.status]) if (allowed) out.push(action);
  return out;
}

// ---- The list ----

export interface NewsFilters {
  status: string;
  category: string;
  province: string;
  lang: string;
  q: string;
}

export const noNewsFilters = (): NewsFilters => ({ status: '', category: '', province: '', lang: '', q: '' });

export function newsFiltersFrom(params: URLSearchParams): NewsFilters {
  return {
    status: params.get('status') ?? '',
    category: params.get('category') ?? '',
    province: params.get('province') ?? '',
    lang: params.get('lang') ?? '',
    q: params.get('q') ?? '',
  };
}

export const newsQuery = (f: NewsFilters): Query => ({ status: f.status, category: f.category, province: f.province, lang: f.lang, q: f.q.trim() });

// ---- The editor ----

export interface ArticleForm {
  lang: ArticleLang;
  translation_of: number | null;
  title: string;
  summary: string;
  body: string;
  category: string | undefined;
  keywords: string[];
  province: string;
  cover_image: { id: number; alt: string } | null;
  entity_ids: number[];
}

export function emptyArticle(user: Who): ArticleForm {
  return {
    lang: 'vi',
    translation_of: null,
    title: '',
    summary: '',
    body: '',
    category: undefined,
    keywords: [],
    province: user && !isNational(user.role) ? (user.province_code ?? '') : '',
    cover_image: null,
    entity_ids: [],
  };
}

export function articleForm(a: Article): ArticleForm {
  return {
    lang: a.lang,
    translation_of: a.translation_of,
    title: a.title,
    summary: a.summary,
    body: a.body,
    category: a.category,
    keywords: a.keywords,
    province: a.province ?? '',
    cover_image: a.cover_image,
    entity_ids: a.entity_ids,
  };
}

/** An English version of `a`: what carries over (category, province, keywords, cover, entities). */
export function translationForm(a: Article): ArticleForm {
  return {
    ...articleForm(a),
    lang: 'en',
    translation_of: a.id,
    title: '',
    summary: '',
    body: '',
    cover_image: a.cover_image ? { id: a.cover_image.id, alt: '' } : null,
  };
}

/** The body sent: trimmed texts, the keywords once each, no province for a national article. */
export function articleBody(v: ArticleForm, opts: { editing: boolean }): Record<string, unknown> {
  const seen = new Set<string>();
  const keywords: string[] = [];
  for (const k of v.keywords ?? []) {
    const word = k.trim();
    if (word && !seen.has(word.toLowerCase())) {
      seen.add(word.toLowerCase());
      keywords.push(word);
    }
  }
  const body: Record<string, unknown> = {
    title: v.title.trim(),
    summary: v.summary.trim(),
    body: v.body,
    category: v.category,
    keywords,
    cover_image: v.cover_image ? { id: v.cover_image.id, alt: v.cover_image.alt.trim() } : null,
    entity_ids: v.entity_ids ?? [],
  };
  if (v.province) body.province = v.province;
  else if (opts.editing) body.province = null;
  if (!opts.editing) {
    body.lang = v.lang;
    if (v.translation_of) body.translation_of = v.translation_of;
  } else if (v.lang === 'en') body.translation_of = v.translation_of;
  return body;
}

/** The editor's field for a field the server names ("cover_image.alt" → cover_image, "keywords[2]" → keywords). */
export function editorField(field: string): string {
  return field.replace(/[.[].*$/, '');
}

// ---- Times ----

/** Việt Nam's offset: publication times are typed and shown in Việt Nam's time. */
const VN_OFFSET_MS = 7 * 3600_000;

/** A time typed as "2026-12-24T08:00" (Việt Nam) as the API's "2026-12-24T08:00:00+07:00". */
export function publishAt(local: string): string {
  return `${local.length === 16 ? `${local}:00` : local}+07:00`;
}

/** An instant ("2026-12-24T01:00:00Z") as Việt Nam's "24/12/2026 08:00" (vi) or "24 Dec 2026, 08:00" (en). */
export function vnDateTime(at: string | null | undefined, lang: 'vi' | 'en'): string {
  if (!at) return '';
  const ms = Date.parse(at);
  if (Number.isNaN(ms)) return at;
  const d = new Date(ms + VN_OFFSET_MS);
  const pad = (n: number) => String(n).padStart(2, '0');
  const time = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
  if (lang === 'vi') return `${pad(d.getUTCDate())}/${pad(d.getUTCMonth() + 1)}/${d.getUTCFullYear()} ${time}`;
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  return `${d.getUTCDate()} ${months[d.getUTCMonth()]} ${d.getUTCFullYear()}, ${time}`;
}

/** Now plus `minutes`, in Việt Nam's time, as a datetime-local value ("2026-12-06T09:30"). */
export function vnLocalInput(nowMs: number, minutes = 60): string {
  const d = new Date(nowMs + minutes * 60_000 + VN_OFFSET_MS);
  return d.toISOString().slice(0, 16);
}

/** Whether a time typed in Việt Nam's time lies in the future. */
export const isFuture = (local: string, nowMs: number) => Date.parse(publishAt(local)) > nowMs;
