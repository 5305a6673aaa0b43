// Administration's routes (see app/feature.ts): users and the audit log in administrators' menus,
// API tokens in everyone's (each user manages their own).
import { lazy } from 'react';
import { ADMIN_ROLES } from '../api/types';
import type { RouteDescriptor } from '../app/feature';

export const routes: RouteDescriptor[] = [
  { path: '/admin/users', page: lazy(() => import('./UsersPage')), menu: { labelKey: 'nav.users', order: 40 }, roles: ADMIN_ROLES },
  { path: '/admin/tokens', page: lazy(() => import('./TokensPage')), menu: { labelKey: 'nav.tokens', order: 60 } },
  { path: '/admin/audit', page: lazy(() => import('./AuditPage')), menu: { labelKey: 'nav.audit', order: 50 }, roles: ADMIN_ROLES },
];
