// The registry's routes (see app/feature.ts): the list, an entity, and the form to add or edit one.
import { lazy } from 'react';
import type { RouteDescriptor } from '../app/feature';

const EntityFormPage = lazy(() => import('./EntityFormPage'));

export const routes: RouteDescriptor[] = [
  { path: '/registry', page: lazy(() => import('./RegistryPage')), menu: { labelKey: 'nav.registry', order: 20 } },
  { path: '/registry/new', page: EntityFormPage },
  { path: '/registry/:id', page: lazy(() => import('./EntityPage')) },
  { path: '/registry/:id/edit', page: EntityFormPage },
];
