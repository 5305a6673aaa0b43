// The support fund's pages (see app/feature.ts; issue 18): the funds (the header's "Công tác" menu,
// for the alliance's staff and cooperative accounts), the loan applications and one application
// with its workflow, the loans and one loan with its schedule, and the portfolio.
import { lazy } from 'react';
import type { Role } from '../api/types';
import type { RouteDescriptor } from '../app/feature';

export const FUND_ROLES: readonly Role[] = ['national_admin', 'national_officer', 'province_admin', 'province_officer', 'cooperative'];

export const routes: RouteDescriptor[] = [
  { path: '/fund', page: lazy(() => import('./FundsPage')), menu: { labelKey: 'nav.fund', order: 31, area: 'work' }, roles: FUND_ROLES },
  { path: '/fund/applications', page: lazy(() => import('./ApplicationsPage')) },
  { path: '/fund/applications/:id', page: lazy(() => import('./ApplicationPage')) },
  { path: '/fund/loans', page: lazy(() => import('./LoansPage')) },
  { path: '/fund/loans/:id', page: lazy(() => import('./LoanPage')) },
  { path: '/fund/portfolio', page: lazy(() => import('./PortfolioPage')) },
];
