// Calls to the news API: articles (list, one, create, change, delete a draft), their workflow
// (submit, publish now or at a time, return with a note, unpublish), the Markdown preview (the
// server's renderer, the one that makes the public page) and the categories.
import { api, type Query } from '../api/client';
import type { Article, ArticleList, NewsCategory } from './types';

export const listArticles = (query: Query, signal?: AbortSignal) => api.get<ArticleList>('/api/v1/articles', query, signal);
export const getArticle = (id: number | string, signal?: AbortSignal) => api.get<Article>(`/api/v1/articles/${id}`, undefined, signal);
export const createArticle = (body: Record<string, unknown>) => api.post<Article>('/api/v1/articles', body);
export const updateArticle = (id: number | string, body: Record<string, unknown>) => api.patch<Article>(`/api/v1/articles/${id}`, body);
export const deleteArticle = (id: number) => api.del(`/api/v1/articles/${id}`);

export const submitArticle = (id: number) => api.post<Article>(`/api/v1/articles/${id}/submit`, {});
/** Publishes now (no `at`) or at a time ("2026-12-24T08:00:00+07:00"; a future one schedules). */
export const publishArticle = (id: number, at?: string) => api.post<Article>(`/api/v1/articles/${id}/publish`, at ? { at } : {});
export const returnArticle = (id: number, note: string) => api.post<Article>(`/api/v1/articles/${id}/return`, { note });
export const unpublishArticle = (id: number) => api.post<Article>(`/api/v1/articles/${id}/unpublish`, {});

export const previewMarkdown = (body: string) => api.post<{ body_html: string }>('/api/v1/articles/preview', { body });

export const listNewsCategories = (signal?: AbortSignal) => api.get<{ items: NewsCategory[] }>('/api/v1/news-categories', undefined, signal);
