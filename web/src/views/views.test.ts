// What the saved views' UI offers follows the server's rules (src/views/README.md).
import { viewHref } from './api';
import { visibilitiesFor } from './SavedViews';

describe('saved views', () => {
  it('offer each role the sharing the server accepts', () => {
    expect(visibilitiesFor('province_officer')).toEqual(['private', 'province', 'country']);
    expect(visibilitiesFor('province_admin')).toEqual(['private', 'province', 'country']);
    expect(visibilitiesFor('national_admin')).toEqual(['private', 'country']);
    expect(visibilitiesFor('national_officer')).toEqual(['private', 'country']);
    expect(visibilitiesFor('partner')).toEqual(['private']);
    expect(visibilitiesFor('cooperative')).toEqual(['private']);
  });

  it('open on their page with their query', () => {
    expect(viewHref({ page: 'pivot', query: 'rows=kind&cols=status' })).toBe('/pivot?rows=kind&cols=status');
    expect(viewHref({ page: 'dashboard', query: 'as_of=2025-12-31' })).toBe('/?as_of=2025-12-31');
    expect(viewHref({ page: 'dashboard', query: '' })).toBe('/');
  });
});
