// The shell's routes and menus come from the features' list (features.ts): each path once, and
// the menus each role sees (entries, order) as the app has always shown them.
import { ROLES, type Role } from '../src/api/types';
import { menuEntries } from '../src/app/feature';
import { features, routes } from '../src/features';

const nav = (role: Role | undefined) => menuEntries(routes, role).map((r) => `${r.path} ${r.menu.labelKey}`);

describe('features', () => {
  it('give every path once, each with a page loaded on demand', () => {
    const paths = routes.map((r) => r.path);
    expect(new Set(paths).size).toBe(paths.length);
    expect([...paths].sort()).toEqual([
      '/', '/account', '/activities', '/activities/:id', '/activities/:id/edit', '/activities/new', '/admin/audit', '/admin/petition-themes',
      '/admin/tokens', '/admin/users', '/fund', '/fund/applications', '/fund/applications/:id', '/fund/loans', '/fund/loans/:id',
      '/fund/portfolio', '/imports', '/news', '/news/:id', '/news/new', '/news/review', '/partners', '/partners/:id', '/petitions', '/petitions/:id', '/petitions/:id/edit',
      '/petitions/answers', '/petitions/new', '/petitions/stats', '/pivot', '/placements',
      '/products', '/products/:id', '/products/new', '/products/review', '/programmes', '/programmes/:id', '/programmes/:id/edit', '/programmes/new', '/registry', '/registry/:id',
      '/registry/:id/edit', '/registry/new', '/reports', '/reports/:id', '/reports/:id/print', '/reports/completeness',
      '/reports/grid', '/reports/inbox', '/reports/table', '/surveys', '/surveys/:id', '/surveys/campaigns', '/surveys/campaigns/:id',
      '/surveys/campaigns/:id/results', '/surveys/campaigns/new', '/views',
    ]);
    for (const r of routes) expect(r.page.$$typeof, r.path).toBe(Symbol.for('react.lazy'));
    // Only the printout is shown without the header.
    expect(routes.filter((r) => r.bare).map((r) => r.path)).toEqual(['/reports/:id/print']);
  });

  it('each own the paths under their folder name', () => {
    expect(Object.keys(features)).toEqual([
      'dashboard', 'pivot', 'registry', 'reports', 'programmes', 'activities', 'petitions', 'surveys', 'fund', 'news', 'products', 'imports', 'admin', 'views',
      'account',
    ]);
    expect(features.registry.every((r) => r.path.startsWith('/registry'))).toBe(true);
    expect(features.admin.every((r) => r.path.startsWith('/admin/'))).toBe(true);
    expect(features.surveys.every((r) => r.path.startsWith('/surveys'))).toBe(true);
    expect(features.fund.every((r) => r.path.startsWith('/fund'))).toBe(true);
    expect(features.news.every((r) => r.path.startsWith('/news'))).toBe(true);
    expect(features.products.every((r) => r.path.startsWith('/products'))).toBe(true);
  });

  it('build the navigation each role has always seen, in the same order', () => {
    const everyone = ['/ nav.dashboard', '/pivot nav.pivot', '/registry nav.registry'];
    const reporting = [...everyone, '/reports nav.reports'];
    const editor = [...reporting, '/imports nav.imports'];
    // Province accounts also enter their province's annual figures in the grid.
    const grid = (list: string[]) => [...list.slice(0, 4), '/reports/grid reports.tab.grid', ...list.slice(4)];
    const expected: Record<Role, string[]> = {
      national_admin: editor,
      province_admin: grid(editor),
      national_officer: editor,
      province_officer: grid(editor),
      partner: everyone,
      cooperative: reporting,
    };
    for (const role of ROLES) expect(nav(role), role).toEqual(expected[role]);
    expect(nav(undefined)).toEqual(everyone);
  });

  it("put the alliance's work in the header's 'Công tác' menu: petitions, surveys, the support fund and products for officials and cooperatives, the news for officials", () => {
    const all = ['/programmes', '/activities', '/petitions', '/surveys', '/fund', '/news', '/products'];
    for (const role of ROLES)
      expect(menuEntries(routes, role, 'work').map((r) => r.path), role).toEqual(
        role === 'partner' ? ['/programmes', '/activities'] : role === 'cooperative' ? all.filter((p) => p !== '/news') : all,
      );
  });

  it("put users and the audit log in administrators' 'Quản trị' menu, the petitions' themes in national administrators'", () => {
    for (const role of ROLES)
      expect(menuEntries(routes, role, 'admin').map((r) => r.path), role).toEqual(
        role === 'national_admin'
          ? ['/admin/users', '/admin/audit', '/admin/petition-themes']
          : role === 'province_admin'
            ? ['/admin/users', '/admin/audit']
            : [],
      );
  });

  it('put the account page, the API tokens and the saved views in the account menu', () => {
    for (const role of ROLES)
      expect(menuEntries(routes, role, 'account').map((r) => r.path).sort()).toEqual(['/account', '/admin/tokens', '/views']);
  });
});
