// The news pages (see app/feature.ts): the list (the "Công tác" menu's "Tin tức", for the alliance's
// officials, who write the news), the editor (a new article, an English version, an article with its
// workflow) and the articles awaiting review (national officials and province administrators).
import { lazy } from 'react';
import type { RouteDescriptor } from '../app/feature';
import { NEWS_ROLES } from './roles';

const ArticleEditorPage = lazy(() => import('./ArticleEditorPage'));

export const routes: RouteDescriptor[] = [
  { path: '/news', page: lazy(() => import('./NewsPage')), menu: { labelKey: 'nav.news', order: 32, area: 'work' }, roles: NEWS_ROLES },
  { path: '/news/new', page: ArticleEditorPage },
  // Before /news/:id, which would take it for an id.
  { path: '/news/review', page: lazy(() => import('./ReviewQueuePage')) },
  { path: '/news/:id', page: ArticleEditorPage },
];
