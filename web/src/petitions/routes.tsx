// The petitions pages (see app/feature.ts): the list (the header's "Kiến nghị", for officials and
// cooperative accounts), a petition with its workflow, its form, the statistics, the answers made
// public (every signed-in account, partners too: the app has no page shown without signing in, so
// the Q&A is here until it has one) and the themes (national administrators, "Quản trị" menu).
import { lazy } from 'react';
import type { Role } from '../api/types';
import type { RouteDescriptor } from '../app/feature';

export const PETITION_ROLES: readonly Role[] = ['national_admin', 'national_officer', 'province_admin', 'province_officer', 'cooperative'];

const PetitionFormPage = lazy(() => import('./PetitionFormPage'));

export const routes: RouteDescriptor[] = [
  { path: '/petitions', page: lazy(() => import('./PetitionsPage')), menu: { labelKey: 'nav.petitions', order: 29, area: 'work' }, roles: PETITION_ROLES },
  { path: '/petitions/new', page: PetitionFormPage },
  // Reached from the list (before /petitions/:id, which would take them for an id).
  { path: '/petitions/stats', page: lazy(() => import('./PetitionStatsPage')) },
  { path: '/petitions/answers', page: lazy(() => import('./PetitionAnswersPage')) },
  { path: '/petitions/:id', page: lazy(() => import('./PetitionPage')) },
  { path: '/petitions/:id/edit', page: PetitionFormPage },
  {
    path: '/admin/petition-themes',
    page: lazy(() => import('./ThemesPage')),
    menu: { labelKey: 'nav.petitionThemes', order: 55, area: 'admin' },
    roles: ['national_admin'],
  },
];
