// The account's route (see app/feature.ts), in the account menu under the user's name. The
// sign-in page is no route: App.tsx shows it at any address to someone not signed in.
import { lazy } from 'react';
import type { RouteDescriptor } from '../app/feature';

export const routes: RouteDescriptor[] = [
  { path: '/account', page: lazy(() => import('./AccountPage')), menu: { labelKey: 'nav.account', order: 10, area: 'account' } },
];
