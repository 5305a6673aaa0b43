// The saved views' page (see app/feature.ts), in the account menu.
import { lazy } from 'react';
import type { RouteDescriptor } from '../app/feature';

export const routes: RouteDescriptor[] = [
  { path: '/views', page: lazy(() => import('./ViewsPage')), menu: { labelKey: 'nav.views', order: 15, area: 'account' } },
];
