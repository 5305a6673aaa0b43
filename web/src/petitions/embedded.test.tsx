// The petitions where other features show them: an entity's tab (officials, and the entity's own
// cooperative account) and the activity page's section with a way to record one raised there.
import { fireEvent, screen, within } from '@testing-library/react';
import { Route, Routes } from 'react-router';
import { json, mockApi, wrap } from '../../tests/support';
import { activity } from '../activities/fixtures';
import ActivityPage from '../activities/ActivityPage';
import EntityPage from '../registry/EntityPage';
import { petition, session, THEMES } from './fixtures';
import { forgetThemes } from './parts';

const SLOW = 90_000;

const ENTITY = {
  id: 5,
  kind: 'cooperative',
  name: 'HTX Nông nghiệp Hữu Lũng',
  status: 'active',
  registration_code: '2000123',
  province_code: '20',
  current_province_code: '20',
  founded_on: '2020-01-01',
};

describe('petitions in other pages', () => {
  afterEach(() => {
    vi.restoreAllMocks();
    forgetThemes();
  });

  it(
    'shows an entity’s petitions to officials and to its own account, to no other cooperative',
    async () => {
      const asked: string[] = [];
      let who = session('province_officer');
      mockApi((url) => {
        if (url.startsWith('/api/v1/session')) return json(200, who);
        if (url === '/api/v1/petition-themes') return json(200, { items: THEMES });
        if (url === '/api/v1/entities/5') return json(200, ENTITY);
        if (url.startsWith('/api/v1/entities/5/')) return json(200, { items: [], total: 0 });
        if (url.startsWith('/api/v1/activities')) return json(200, { items: [], total: 0 });
        if (url.startsWith('/api/v1/petitions')) {
          asked.push(url);
          return json(200, { items: [petition()], total: 1 });
        }
        return undefined;
      });
      const show = () =>
        wrap(
          <Routes>
            <Route path="/registry/:id" element={<EntityPage />} />
          </Routes>,
          '/registry/5',
        );
      let view = show();
      fireEvent.click(await screen.findByRole('tab', { name: 'Kiến nghị' }));
      const list = await screen.findByTestId('entity-petitions');
      const card = await within(list).findByTestId('petition-card-12');
      expect(within(card).getByRole('link', { name: 'KN-2026-0012' }).getAttribute('href')).toBe('/petitions/12');
      expect(within(card).getByText('Quá hạn 5 ngày')).toBeTruthy();
      expect(within(list).getByTestId('entity-petition-add').closest('a')?.getAttribute('href')).toBe('/petitions/new?entity=5');
      expect(asked).toEqual(['/api/v1/petitions?entity=5&limit=200']);
      view.unmount();
      who = session('cooperative', null, 5);
      view = show();
      fireEvent.click(await screen.findByRole('tab', { name: 'Kiến nghị' }));
      await within(await screen.findByTestId('entity-petitions')).findByTestId('petition-card-12');
      expect(screen.queryByTestId('entity-petition-add')).toBeNull();
      view.unmount();
      who = session('cooperative', null, 9);
      show();
      await screen.findByTestId('entity-name');
      expect(screen.queryByRole('tab', { name: 'Kiến nghị' })).toBeNull();
    },
    SLOW,
  );

  it(
    'lists on an activity the petitions raised there, with “Ghi nhận kiến nghị” prefilled with it',
    async () => {
      const asked: string[] = [];
      mockApi((url) => {
        if (url.startsWith('/api/v1/session')) return json(200, session('province_officer'));
        if (url === '/api/v1/petition-themes') return json(200, { items: THEMES });
        if (url === '/api/v1/activities/7') return json(200, activity());
        if (url.startsWith('/api/v1/activities/7/')) return json(200, { items: [] });
        if (url.startsWith('/api/v1/programmes/')) return json(200, { id: 2, code: 'P', title: 'P', contents: [] });
        if (url.startsWith('/api/v1/petitions')) {
          asked.push(url);
          return json(200, { items: [petition({ activity_id: 7 })], total: 1 });
        }
        return undefined;
      });
      wrap(
        <Routes>
          <Route path="/activities/:id" element={<ActivityPage />} />
        </Routes>,
        '/activities/7',
      );
      const section = await screen.findByTestId('activity-petitions');
      expect(within(section).getByRole('heading', { name: 'Kiến nghị tại hoạt động' })).toBeTruthy();
      expect(await within(section).findByRole('link', { name: 'KN-2026-0012' })).toBeTruthy();
      expect(within(section).getByTestId('activity-petition-add').closest('a')?.getAttribute('href')).toBe('/petitions/new?activity=7');
      expect(asked).toEqual(['/api/v1/petitions?activity=7&limit=200']);
    },
    SLOW,
  );
});
