import { fireEvent, render, screen } from '@testing-library/react';
import { I18nProvider } from '../src/i18n/I18nProvider';
import { LanguageSwitch } from '../src/components/LanguageSwitch';
import { mockApi } from './support';

describe('language switch', () => {
  afterEach(() => vi.restoreAllMocks());
  it('switches to English, remembers it and sets the page language', async () => {
    mockApi(() => undefined);
    localStorage.removeItem('hoptac.lang');
    render(
      <I18nProvider>
        <LanguageSwitch />
      </I18nProvider>,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Ngôn ngữ: English' }));
    await screen.findByRole('button', { name: 'Language: Tiếng Việt' });
    expect(localStorage.getItem('hoptac.lang')).toBe('en');
    expect(document.documentElement.lang).toBe('en');
    expect(document.title).toBe('hoptac — Vietnam Cooperative Alliance');
    fireEvent.click(screen.getByRole('button', { name: 'Language: Tiếng Việt' }));
    await screen.findByRole('button', { name: 'Ngôn ngữ: English' });
    expect(document.title).toBe('hoptac — Liên minh Hợp tác xã Việt Nam');
    expect(document.documentElement.lang).toBe('vi');
  });
});
