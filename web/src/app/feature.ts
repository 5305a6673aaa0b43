// What a feature tells the shell: its routes, each with the page to show (loaded on demand) and,
// for some, an entry in a menu. Each feature folder lists its own in routes.tsx; features.ts
// gathers them, and the shell builds its <Routes> and both menus from that one list, so a path
// is written once, in its feature.
import type { ComponentType, LazyExoticComponent, ReactNode } from 'react';
import type { Role } from '../api/types';
import type { MessageKey } from '../i18n/catalogue';

export interface MenuEntry {
  /** The entry's text (a catalogue key). */
  labelKey: MessageKey;
  /** Its place: entries are shown by ascending order, across all features. */
  order: number;
  /** Shown before the text (no entry has one today). */
  icon?: ReactNode;
  /**
   * The header's navigation (the default), its "Công tác" menu (the alliance's work: programmes,
   * activities, petitions, surveys), its "Quản trị" menu (administration) — the two menus keep the
   * header within 1280 px —, or the account menu under the user's name.
   */
  area?: 'nav' | 'work' | 'admin' | 'account';
}

export interface RouteDescriptor {
  /** A react-router path, e.g. '/registry/:id'. */
  path: string;
  /** The page, always `lazy(() => import('./SomePage'))`: pages stay out of the first screen. */
  page: LazyExoticComponent<ComponentType>;
  /** The route's menu entry, if it has one. */
  menu?: MenuEntry;
  /**
   * Who sees the menu entry (everyone without it). The route itself is not guarded here: anyone
   * signed in may open the address, the page says when it is not for them and the server
   * refuses what the role may not do.
   */
  roles?: readonly Role[];
  /**
   * Shown alone, without the header and its menus (a print layout): the page brings its own way
   * back. Still only for a signed-in user.
   */
  bare?: boolean;
}

/** The menu entries of `area` that `role` sees, in their order. */
export function menuEntries(
  routes: readonly RouteDescriptor[],
  role: Role | undefined,
  area: NonNullable<MenuEntry['area']> = 'nav',
): (RouteDescriptor & { menu: MenuEntry })[] {
  return routes
    .filter((r): r is RouteDescriptor & { menu: MenuEntry } => r.menu !== undefined && (r.menu.area ?? 'nav') === area)
    .filter((r) => !r.roles || (role !== undefined && r.roles.includes(role)))
    .sort((a, b) => a.menu.order - b.menu.order);
}
