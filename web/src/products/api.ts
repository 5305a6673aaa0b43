// Calls to the products API: products (list, one, create, change, withdraw), their review
// (approve, reject with a note), and the activities a product was shown at (the fairs' picker).
import { api, type Query } from '../api/client';
import type { Product, ProductList } from './types';

export const listProducts = (query: Query, signal?: AbortSignal) => api.get<ProductList>('/api/v1/products', query, signal);
export const getProduct = (id: number | string, signal?: AbortSignal) => api.get<Product>(`/api/v1/products/${id}`, undefined, signal);
export const createProduct = (body: Record<string, unknown>) => api.post<Product>('/api/v1/products', body);
export const updateProduct = (id: number | string, body: Record<string, unknown>) => api.patch<Product>(`/api/v1/products/${id}`, body);
/** Withdraws the product (kept, no longer shown). */
export const withdrawProduct = (id: number) => api.del(`/api/v1/products/${id}`);
export const approveProduct = (id: number) => api.post<Product>(`/api/v1/products/${id}/approve`, {});
export const rejectProduct = (id: number, note: string) => api.post<Product>(`/api/v1/products/${id}/reject`, { note });

/** Activities by title (fairs where a product was shown). */
export const searchActivities = (q: string, signal?: AbortSignal) =>
  api.get<{ items: { id: number; title: string; from: string }[] }>('/api/v1/activities', { q, limit: 20 }, signal);
export const getActivityTitle = (id: number, signal?: AbortSignal) => api.get<{ id: number; title: string; from: string }>(`/api/v1/activities/${id}`, undefined, signal);
