// Administration's routes (see app/feature.ts): users and the audit log in administrators' "Quản
// trị" menu, API tokens in everyone's account menu (each user manages their own).
import { lazy } from 'react';
import { ADMIN_ROLES } from '../api/types';
import type { RouteDescriptor } from '../app/feature';

export const routes: RouteDescriptor[] = [
  { path: '/admin/users', page: lazy(() => import('./UsersPage')), menu: { labelKey: 'nav.users', order: 40, area: 'admin' }, roles: ADMIN_ROLES },
  { path: '/admin/tokens', page: lazy(() => import('./TokensPage')), menu: { labelKey: 'nav.tokens', order: 60, area: 'account' } },
  { path: '/admin/audit', page: lazy(() => import('./AuditPage')), menu: { labelKey: 'nav.audit', order: 50, area: 'admin' }, roles: ADMIN_ROLES },
];
