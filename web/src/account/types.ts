// The session's shapes (docs/api/openapi.yaml). The user itself is shared (api/types.ts).
import type { User } from '../api/types';

export interface SessionInfo {
  user: User;
  csrf_token?: string;
  credential?: 'session' | 'api_token';
  expires_at_ms?: number;
}
