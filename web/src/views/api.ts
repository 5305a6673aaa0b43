// Calls to /api/v1/views: the only place its URLs are written.
import { api } from '../api/client';
import type { SavedView, ViewList, ViewPage, Visibility } from './types';

export const listViews = (page?: ViewPage, signal?: AbortSignal) => api.get<ViewList>('/api/v1/views', { page }, signal);
export const createView = (view: { name: string; page: ViewPage; query: string; visibility: Visibility }) =>
  api.post<SavedView>('/api/v1/views', view);
export const updateView = (id: number, change: { name?: string; visibility?: Visibility; query?: string }) =>
  api.patch<SavedView>(`/api/v1/views/${id}`, change);
export const deleteView = (id: number) => api.del(`/api/v1/views/${id}`);
export const setStartView = (id: number | null) => api.put<{ start_view_id: number | null }>('/api/v1/views/start', { view_id: id });

/** Where a view opens: its page's path with its query. */
export function viewHref(view: Pick<SavedView, 'page' | 'query'>): string {
  const path = view.page === 'pivot' ? '/pivot' : '/';
  return view.query ? `${path}?${view.query}` : path;
}
