// The surveys pages (see app/feature.ts): questionnaires (XLSForm in and out), campaigns with
// their personal links, and results — the alliance's officials'; a cooperative's "Khảo sát" shows
// its open campaigns with the link to answer.
import { lazy } from 'react';
import type { RouteDescriptor } from '../app/feature';

export const SURVEY_ROLES = ['national_admin', 'national_officer', 'province_admin', 'province_officer', 'cooperative'] as const;

export const routes: RouteDescriptor[] = [
  { path: '/surveys', page: lazy(() => import('./SurveysPage')), menu: { labelKey: 'nav.surveys', order: 30, area: 'work' }, roles: SURVEY_ROLES },
  { path: '/surveys/:id', page: lazy(() => import('./QuestionnairePage')) },
  { path: '/surveys/campaigns', page: lazy(() => import('./CampaignsPage')) },
  { path: '/surveys/campaigns/new', page: lazy(() => import('./CampaignFormPage')) },
  { path: '/surveys/campaigns/:id', page: lazy(() => import('./CampaignPage')) },
  { path: '/surveys/campaigns/:id/results', page: lazy(() => import('./ResultsPage')) },
];
