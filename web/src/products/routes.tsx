// The products pages (see app/feature.ts): the list (the "Công tác" menu's "Sản phẩm": a
// cooperative's own products, the officials' of their scope), the product form with its review,
// and the products awaiting review (the officials).
import { lazy } from 'react';
import type { RouteDescriptor } from '../app/feature';
import { PRODUCT_ROLES } from './roles';

const ProductFormPage = lazy(() => import('./ProductFormPage'));

export const routes: RouteDescriptor[] = [
  { path: '/products', page: lazy(() => import('./ProductsPage')), menu: { labelKey: 'nav.products', order: 33, area: 'work' }, roles: PRODUCT_ROLES },
  { path: '/products/new', page: ProductFormPage },
  // Before /products/:id, which would take it for an id.
  { path: '/products/review', page: lazy(() => import('./ProductReviewPage')) },
  { path: '/products/:id', page: ProductFormPage },
];
