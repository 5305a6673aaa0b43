// Shapes of the API's answers shared by every feature (docs/api/openapi.yaml): the roles, the
// signed-in user and paged lists. A feature's own shapes live in its folder's types.ts; errors
// (ApiError, FieldError) are in client.ts.

export type Role = 'national_admin' | 'national_officer' | 'province_admin' | 'province_officer' | 'partner' | 'cooperative';
export const ROLES: Role[] = ['national_admin', 'national_officer', 'province_admin', 'province_officer', 'partner', 'cooperative'];

/** Roles that may change the registry (the server still decides per entity). */
export const EDITOR_ROLES: readonly Role[] = ['national_admin', 'national_officer', 'province_admin', 'province_officer'];
/** Roles that manage users and read the audit log. */
export const ADMIN_ROLES: readonly Role[] = ['national_admin', 'province_admin'];

export interface User {
  id: number;
  username: string;
  display_name: string;
  role: Role;
  province_code: string | null;
  entity_id: number | null;
  disabled: boolean;
}

export interface Page<T> {
  total: number;
  items: T[];
  next_offset?: number | null;
}

/** Whether the role may change the registry (one of EDITOR_ROLES). */
export function canEditRegistry(role: Role | undefined): boolean {
  return role !== undefined && EDITOR_ROLES.includes(role);
}
/** Whether the role reads an entity's change history (the editors: officers see their province's). */
export function seesEntityHistory(role: Role | undefined): boolean {
  return canEditRegistry(role);
}
/** Whether the role manages users and reads the audit log (one of ADMIN_ROLES). */
export function isAdmin(role: Role | undefined): boolean {
  return role !== undefined && ADMIN_ROLES.includes(role);
}
