// Who manages products (the officials and cooperative accounts) and who reviews them (the
// officials). Its own module: the shell's menu (routes.tsx) needs it without the pages' logic.
import type { Role } from '../api/types';

export const REVIEWER_ROLES: readonly Role[] = ['national_admin', 'national_officer', 'province_admin', 'province_officer'];
export const PRODUCT_ROLES: readonly Role[] = [...REVIEWER_ROLES, 'cooperative'];
