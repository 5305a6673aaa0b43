// The features of the signed-in app. Each lists its routes in its folder's routes.tsx (path, page,
// menu entry, roles: app/feature.ts); the shell builds its <Routes> and its menus from this list
// alone. A new feature adds its import and one line below.
import { routes as account } from './account/routes';
import { routes as activities } from './activities/routes';
import { routes as admin } from './admin/routes';
import type { RouteDescriptor } from './app/feature';
import { routes as dashboard } from './dashboard/routes';
import { routes as fund } from './fund/routes';
import { routes as imports } from './imports/routes';
import { routes as news } from './news/routes';
import { routes as petitions } from './petitions/routes';
import { routes as pivot } from './pivot/routes';
import { routes as products } from './products/routes';
import { routes as programmes } from './programmes/routes';
import { routes as registry } from './registry/routes';
import { routes as reports } from './reports/routes';
import { routes as surveys } from './surveys/routes';
import { routes as views } from './views/routes';

export const features = {
  dashboard,
  pivot,
  registry,
  reports,
  programmes,
  activities,
  petitions,
  surveys,
  fund,
  news,
  products,
  imports,
  admin,
  views,
  account,
} satisfies Record<string, readonly RouteDescriptor[]>;

/** Every feature's routes. */
export const routes: readonly RouteDescriptor[] = Object.values(features).flat();
