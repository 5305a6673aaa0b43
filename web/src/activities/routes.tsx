// The activities pages (see app/feature.ts): the list and month calendar (the header's "Công tác"
// menu), an activity with its participants, its form, and young workers' placements — the
// alliance's officials' (reached from the activities' list).
import { lazy } from 'react';
import type { RouteDescriptor } from '../app/feature';

const ActivityFormPage = lazy(() => import('./ActivityFormPage'));

export const routes: RouteDescriptor[] = [
  { path: '/activities', page: lazy(() => import('./ActivitiesPage')), menu: { labelKey: 'nav.activities', order: 28, area: 'work' } },
  { path: '/activities/new', page: ActivityFormPage },
  { path: '/activities/:id', page: lazy(() => import('./ActivityPage')) },
  { path: '/activities/:id/edit', page: ActivityFormPage },
  // Reached from the activities' list.
  { path: '/placements', page: lazy(() => import('./PlacementsPage')) },
];
