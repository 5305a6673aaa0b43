// The programmes pages (see app/feature.ts): the programmes (every signed-in role reads some), one
// programme with its targets' progress, its form, and the partners' directory (officials).
import { lazy } from 'react';
import type { RouteDescriptor } from '../app/feature';

export const routes: RouteDescriptor[] = [
  { path: '/programmes', page: lazy(() => import('./ProgrammesPage')), menu: { labelKey: 'nav.programmes', order: 27, area: 'work' } },
  { path: '/programmes/new', page: lazy(() => import('./ProgrammeFormPage')) },
  { path: '/programmes/:id', page: lazy(() => import('./ProgrammePage')) },
  { path: '/programmes/:id/edit', page: lazy(() => import('./ProgrammeFormPage')) },
  // Reached from the programmes' list (the header's navigation has no room for one more entry).
  { path: '/partners', page: lazy(() => import('./PartnersPage')) },
  { path: '/partners/:id', page: lazy(() => import('./PartnerPage')) },
];
