// The news articles' shapes (issue 19's contract, "News"): one language per article (an English
// version is another article whose `translation_of` is the Vietnamese one's id), its workflow
// draft → in_review → published (scheduled until its time), and the categories.

export const ARTICLE_STATUSES = ['draft', 'in_review', 'published'] as const;
export type ArticleStatus = (typeof ARTICLE_STATUSES)[number];
export type ArticleLang = 'vi' | 'en';

export interface Article {
  id: number;
  slug: string;
  /** The public address: "/tin-tuc/<slug>". */
  url: string;
  lang: ArticleLang;
  translation_of: number | null;
  translations: { id: number; lang: ArticleLang; slug: string }[];
  title: string;
  summary: string;
  /** Markdown. */
  body: string;
  body_html: string;
  category: string;
  keywords: string[];
  province: string | null;
  province_name: string | null;
  cover_image: { id: number; alt: string } | null;
  entity_ids: number[];
  programme_ids: number[];
  activity_ids: number[];
  status: ArticleStatus;
  scheduled: boolean;
  published_at: string | null;
  review_note: string | null;
  author: string;
  views: number;
  created_at: string;
  updated_at: string;
}

export interface ArticleList {
  items: Article[];
  total: number;
}

export interface NewsCategory {
  code: string;
  name: string;
  name_en: string;
  slug?: string;
}
