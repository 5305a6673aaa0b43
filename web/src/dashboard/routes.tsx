// The dashboard's routes (see app/feature.ts).
import { lazy } from 'react';
import type { RouteDescriptor } from '../app/feature';

export const routes: RouteDescriptor[] = [
  { path: '/', page: lazy(() => import('./DashboardPage')), menu: { labelKey: 'nav.dashboard', order: 10 } },
];
