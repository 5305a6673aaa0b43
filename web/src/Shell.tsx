// The signed-in application: header with navigation, the reports' bell, language switch and
// account menu, and the routes, each page loaded on demand. Routes and menu entries come from the
// features' list (features.ts), nowhere else; a `bare` route (a printout) is shown without the
// header.
import { DownOutlined, MenuOutlined, UserOutlined } from '@ant-design/icons';
import { Button, Grid } from 'antd';
import { Suspense, lazy, useEffect, useRef, useState, type ReactNode } from 'react';
import { Link, NavLink, Route, Routes, useLocation } from 'react-router';
import { Loading } from './components/Loading';
import { useSession } from './account/session';
import { menuEntries } from './app/feature';
import { LanguageSwitch } from './components/LanguageSwitch';
import { MenuButton } from './components/MenuButton';
import { routes } from './features';
import { watchScrollers } from './lib/scrollFocus';
import { useI18n } from './i18n/I18nProvider';
import { REPORTING_ROLES } from './reports/routes';

// The drawer (narrow screens) and the 404 page load when first needed: the signed-in first
// screen (scripts/postbuild.mjs) carries neither.
const Drawer = lazy(() => import('antd/es/drawer'));
const NotFoundPage = lazy(() => import('./app/NotFoundPage'));
// The bell of due reports loads after the first screen, for the roles that report or review.
const DueBell = lazy(() => import('./reports/DueBell'));

// The header's links; the alliance's work (programmes, activities, petitions, surveys) and
// administration follow, flat in the drawer and behind one menu button each in the header (fourteen
// links do not fit 1280 px).
function NavLinks({ onNavigate, grouped }: { onNavigate?: () => void; grouped?: boolean }) {
  const { t } = useI18n();
  const { user } = useSession();
  const { pathname } = useLocation();
  const work = menuEntries(routes, user?.role, 'work');
  const admin = menuEntries(routes, user?.role, 'admin');
  const link = ({ path, menu }: (typeof admin)[number]) => (
    <NavLink key={path} to={path} end={path === '/'} onClick={onNavigate}>
      {menu.icon}
      {t(menu.labelKey)}
    </NavLink>
  );
  const group = (entries: typeof admin, labelKey: 'nav.work' | 'nav.admin', testId: string) =>
    grouped && entries.length > 0 ? (
      <MenuButton items={entries.map(({ path, menu }) => ({ key: path, label: <Link to={path}>{t(menu.labelKey)}</Link> }))}>
        <button type="button" className={`nav-group${entries.some((a) => pathname.startsWith(a.path)) ? ' active' : ''}`} data-testid={testId}>
          {t(labelKey)} <DownOutlined aria-hidden="true" style={{ fontSize: 10 }} />
        </button>
      </MenuButton>
    ) : (
      entries.map(link)
    );
  return (
    <>
      {menuEntries(routes, user?.role).map(link)}
      {group(work, 'nav.work', 'nav-work')}
      {group(admin, 'nav.admin', 'nav-admin')}
    </>
  );
}

function Header() {
  const { t } = useI18n();
  const { user, signOut } = useSession();
  const screens = Grid.useBreakpoint();
  const [open, setOpen] = useState(false);
  const [drawerUsed, setDrawerUsed] = useState(false);
  const wide = screens.xl ?? true;
  return (
    <header className="app-header">
      {!wide && (
        <Button
          type="text"
          aria-label={t('app.menu')}
          aria-expanded={open}
          onClick={() => {
            setDrawerUsed(true);
            setOpen(true);
          }}
          style={{ color: '#fff', fontSize: 20, padding: '0 6px' }}
          icon={<MenuOutlined />}
        />
      )}
      <Link to="/" className="brand">
        <span aria-hidden="true">◎</span> {t('app.name')} <small>{t('app.org')}</small>
      </Link>
      {wide && (
        <nav className="app-nav" aria-label={t('nav.dashboard')}>
          <NavLinks grouped />
        </nav>
      )}
      <span className="spacer" />
      {user && REPORTING_ROLES.includes(user.role) && (
        <Suspense fallback={null}>
          <DueBell />
        </Suspense>
      )}
      <LanguageSwitch light />
      {user && (
        <MenuButton
          items={[
            ...menuEntries(routes, user.role, 'account').map(({ path, menu }) => ({
              key: path,
              ...(menu.icon ? { icon: menu.icon } : {}),
              label: <Link to={path}>{t(menu.labelKey)}</Link>,
            })),
            { key: 'signout', label: t('account.signOut'), onClick: () => void signOut() },
          ]}
        >
          <Button type="text" style={{ color: '#fff' }} aria-label={
              // The visible name first: an accessible name must contain the text shown (WCAG 2.5.3).
              wide ? `${user.display_name || user.username} — ${t('account.signedInAs', { name: user.username })}` : t('account.signedInAs', { name: user.username })
            }
            data-testid="user-menu">
            <UserOutlined aria-hidden="true" />
            {wide && <span className="user-name">{user.display_name || user.username}</span>}
            <DownOutlined aria-hidden="true" style={{ fontSize: 10 }} />
          </Button>
        </MenuButton>
      )}
      {drawerUsed && (
        <Suspense fallback={null}>
          <Drawer open={open} onClose={() => setOpen(false)} placement="left" size="default" title={t('app.name')}>
            <nav className="drawer-nav" aria-label={t('nav.dashboard')} style={{ display: 'flex', flexDirection: 'column', gap: 8 }}>
              <NavLinks onNavigate={() => setOpen(false)} />
            </nav>
          </Drawer>
        </Suspense>
      )}
    </header>
  );
}

function Frame({ children }: { children: ReactNode }) {
  const { t } = useI18n();
  const location = useLocation();
  const main = useRef<HTMLElement>(null);
  const first = useRef(true);
  // Wide tables that scroll sideways can be reached and scrolled from the keyboard.
  useEffect(() => (main.current ? watchScrollers(main.current) : undefined), []);
  // After a navigation, keyboard and screen-reader users start at the new page's content.
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    window.scrollTo(0, 0);
    main.current?.focus({ preventScroll: true });
  }, [location.pathname]);
  return (
    <>
      <a className="skip-link" href="#main">
        {t('app.skip')}
      </a>
      <Header />
      <main id="main" ref={main} tabIndex={-1} className="app-content">
        {children}
      </main>
    </>
  );
}

const framed = routes.filter((r) => !r.bare);
const bare = routes.filter((r) => r.bare);

function Framed() {
  return (
    <Frame>
      <Suspense fallback={<Loading />}>
        <Routes>
          {framed.map(({ path, page: Page }) => (
            <Route key={path} path={path} element={<Page />} />
          ))}
          <Route path="*" element={<NotFoundPage />} />
        </Routes>
      </Suspense>
    </Frame>
  );
}

export default function Shell() {
  return (
    <Routes>
      {bare.map(({ path, page: Page }) => (
        <Route
          key={path}
          path={path}
          element={
            <Suspense fallback={<Loading />}>
              <Page />
            </Suspense>
          }
        />
      ))}
      <Route path="*" element={<Framed />} />
    </Routes>
  );
}
