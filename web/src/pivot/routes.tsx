// The pivot table's route (see app/feature.ts): for everyone signed in; the statistics API limits
// what each account sees (a province account its province).
import { lazy } from 'react';
import type { RouteDescriptor } from '../app/feature';

export const routes: RouteDescriptor[] = [
  { path: '/pivot', page: lazy(() => import('./PivotPage')), menu: { labelKey: 'nav.pivot', order: 12 } },
];
