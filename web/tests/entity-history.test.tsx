import { render, screen, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { json, mockApi } from './support';
import { SessionProvider } from '../src/account/session';
import { I18nProvider } from '../src/i18n/I18nProvider';
import type { Lang } from '../src/i18n/catalogue';
import { EntityHistory } from '../src/registry/EntityHistory';
import { diffObjects, importOf } from '../src/registry/history';

// The entity's history as GET /api/v1/audit?object=entity:7 answers it: an update by import #15
// (only the changed fields, after with import_id), then the derived entry of its creation.
const HISTORY = {
  items: [
    {
      id: 31, derived: false, at_ms: 1767225600000, actor_user_id: 4, actor_name: 'laichau', address: '10.0.0.2',
      action: 'entity.import', object_type: 'entity', object_id: '7', province_code: '12',
      before: { name: 'HTX Tân Phong', phone: '' },
      after: { import_id: 15, name: 'Hợp tác xã Tân Phong', phone: '0912345678' },
    },
    {
      id: null, derived: true, at_ms: 1735689600000, actor_user_id: 4, actor_name: 'laichau', address: '10.0.0.2',
      action: 'entity.import_create', object_type: 'entity', object_id: '7', province_code: '12',
      before: null, after: { import_id: 12, import_row: 4018, file_name: 'lai-chau-2020.xlsx' },
    },
  ],
  next_before_id: null,
};

function show(lang: Lang) {
  const calls: string[] = [];
  mockApi((url) => {
    calls.push(url);
    return url.startsWith('/api/v1/audit') ? json(200, HISTORY) : undefined;
  });
  render(
    <I18nProvider initial={lang}>
      <SessionProvider>
        <MemoryRouter>
          <EntityHistory entity={{ id: 7, updated_at_ms: 1 }} />
        </MemoryRouter>
      </SessionProvider>
    </I18nProvider>,
  );
  return calls;
}

describe('an entity history with imports', () => {
  afterEach(() => vi.restoreAllMocks());

  it('starts with the import that created it, numbers in Vietnamese, and links its file', async () => {
    const calls = show('vi');
    const created = await screen.findByTestId('created-by-import');
    expect(created.textContent).toContain('Tạo từ lần nhập #12, dòng 4.018 của lai-chau-2020.xlsx');
    expect(within(created).getByRole('link').getAttribute('href')).toBe('/api/v1/imports/12/file');
    expect(calls.some((u) => u.includes('object=entity%3A7'))).toBe(true);
  });

  it('shows an update by an import with only its changed fields, in English too', async () => {
    show('en');
    const created = await screen.findByTestId('created-by-import');
    expect(created.textContent).toContain('Created from import #12, row 4,018 of lai-chau-2020.xlsx');
    const changed = screen.getByTestId('changed-by-import');
    expect(changed.textContent).toContain('Changed by import #15');
    expect(within(changed).getByRole('link').getAttribute('href')).toBe('/api/v1/imports/15/file');
    const cell = changed.parentElement!;
    expect(within(cell).getAllByRole('listitem')).toHaveLength(2);  // name and phone, not import_id
    expect(cell.textContent).toContain('0912345678');
  });

  it('reads the import of a row, and leaves import_id out of the changes', () => {
    expect(importOf(HISTORY.items[1])).toEqual({ importId: 12, created: true, row: 4018, fileName: 'lai-chau-2020.xlsx' });
    expect(importOf(HISTORY.items[0])).toEqual({ importId: 15, created: false, row: null, fileName: null });
    expect(importOf({ action: 'entity.update', after: { name: 'x' } })).toBeNull();
    expect(diffObjects(HISTORY.items[0].before, HISTORY.items[0].after).map((c) => c.field)).toEqual(['name', 'phone']);
  });
});
