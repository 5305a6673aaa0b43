// The reporting pages (see app/feature.ts): my reports (the menu's entry), the review inbox,
// completeness, the national table, the province grid of the annual update (a menu entry for
// province accounts), one report and its printout (shown without the header).
// Every signed-in role but partner reports or reviews.
import { lazy } from 'react';
import type { Role } from '../api/types';
import type { RouteDescriptor } from '../app/feature';

export const REPORTING_ROLES: readonly Role[] = ['national_admin', 'national_officer', 'province_admin', 'province_officer', 'cooperative'];

export const routes: RouteDescriptor[] = [
  { path: '/reports', page: lazy(() => import('./MyReportsPage')), menu: { labelKey: 'nav.reports', order: 25 }, roles: REPORTING_ROLES },
  {
    path: '/reports/grid',
    page: lazy(() => import('./GridPage')),
    menu: { labelKey: 'reports.tab.grid', order: 26 },
    roles: ['province_admin', 'province_officer'],
  },
  { path: '/reports/inbox', page: lazy(() => import('./InboxPage')) },
  { path: '/reports/completeness', page: lazy(() => import('./CompletenessPage')) },
  { path: '/reports/table', page: lazy(() => import('./NationalTablePage')) },
  { path: '/reports/:id', page: lazy(() => import('./ReportPage')) },
  { path: '/reports/:id/print', page: lazy(() => import('./PrintPage')), bare: true },
];
