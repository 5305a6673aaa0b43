// Calls to the session API: who is signed in, signing in and out, changing one's password.
import { api } from '../api/client';
import type { SessionInfo } from './types';

/** GET /api/v1/session: the signed-in user (401 when nobody is). */
export const getSession = () => api.get<SessionInfo>('/api/v1/session');

/** Signs in; a 401 (wrong credentials) does not count as an expired session. */
export const createSession = (username: string, password: string) =>
  api.post<SessionInfo>('/api/v1/session', { username, password }, { quiet401: true });

export const deleteSession = () => api.del('/api/v1/session');

export const changePassword = (currentPassword: string, newPassword: string) =>
  api.post('/api/v1/session/password', { current_password: currentPassword, new_password: newPassword });
