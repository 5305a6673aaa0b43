// Administration's shapes (docs/api/openapi.yaml): API tokens and the audit log. Users are
// shared (api/types.ts): the session holds one too.

export interface ApiToken {
  id: number;
  user_id: number;
  username: string;
  name: string;
  prefix: string;
  created_at_ms: number;
  last_used_at_ms: number | null;
  expires_at_ms: number | null;
  /** GET and HEAD only: any other method answers 403 (error.token_read_only). */
  read_only: boolean;
  revoked: boolean;
  token?: string;
}

export interface AuditRow {
  /** null for an entry derived from another record (`derived`), e.g. an entity's creation by an import. */
  id: number | null;
  derived?: boolean;
  at_ms: number;
  actor_user_id: number | null;
  actor_name: string;
  address: string;
  action: string;
  object_type: string;
  object_id: string;
  /** The object's name for people (entity, report, user), null when unknown. */
  object_name?: string | null;
  province_code: string | null;
  before: unknown;
  after: unknown;
}

/** One page of the audit log, newest first; the next page starts before `next_before_id`. */
export interface AuditLogPage {
  items: AuditRow[];
  next_before_id: number | null;
}
