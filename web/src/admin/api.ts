// Calls to the administration API: users, API tokens and the audit log.
import { api, type Query } from '../api/client';
import type { Page, User } from '../api/types';
import type { ApiToken, AuditLogPage } from './types';

export const listUsers = (signal?: AbortSignal) => api.get<Page<User>>('/api/v1/users', undefined, signal);
export const createUser = (body: Record<string, unknown>) => api.post('/api/v1/users', body);
export const updateUser = (id: number, body: Record<string, unknown>) => api.patch(`/api/v1/users/${id}`, body);
/** Sets another user's password (an administrator's reset). */
export const resetPassword = (id: number, password: string) => api.post(`/api/v1/users/${id}/password`, { password });

export const listTokens = (signal?: AbortSignal) => api.get<Page<ApiToken>>('/api/v1/tokens', undefined, signal);
export const createToken = (body: { name: string; expires_in_days?: number | null; read_only?: boolean }) => api.post<ApiToken>('/api/v1/tokens', body);
export const revokeToken = (id: number) => api.del(`/api/v1/tokens/${id}`);

/** One page of the audit log, filtered by `query` (object, user, from, to, limit, before_id). */
export const listAudit = (query: Query, signal?: AbortSignal) => api.get<AuditLogPage>('/api/v1/audit', query, signal);
