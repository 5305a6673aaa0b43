// The import wizard's route (see app/feature.ts): in the menu of those who may change the registry.
import { lazy } from 'react';
import { EDITOR_ROLES } from '../api/types';
import type { RouteDescriptor } from '../app/feature';

export const routes: RouteDescriptor[] = [
  { path: '/imports', page: lazy(() => import('./ImportPage')), menu: { labelKey: 'nav.imports', order: 30 }, roles: EDITOR_ROLES },
];
