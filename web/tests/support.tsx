// Helpers for component tests: a fake API behind fetch, JSON answers, and a page rendered with
// the app's providers (Vietnamese, a session, a router).
import { render } from '@testing-library/react';
import type { ReactNode } from 'react';
import { MemoryRouter } from 'react-router';
import { SessionProvider } from '../src/account/session';
import { I18nProvider } from '../src/i18n/I18nProvider';

export type Handler = (url: string, init: RequestInit) => Response | undefined;
export function mockApi(handler: Handler) {
  return vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
    const url = String(input);
    const r = handler(url, init ?? {});
    if (r) return r;
    if (url.startsWith('/api/v1/session')) return json(401, { error: { code: 'unauthenticated', message: 'x', fields: [] } });
    if (url.startsWith('/api/v1/admin-units'))
      return json(200, { items: [{ code: '01', name: 'Hà Nội', name_en: 'Hanoi' }, { code: '15', name: 'Lào Cai', name_en: 'Lao Cai' }] });
    return json(404, { error: { code: 'not_found', message: `Không có địa chỉ ${url}.`, fields: [] } });
  });
}
export function json(status: number, body: unknown, headers: Record<string, string> = {}) {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } });
}
export function wrap(ui: ReactNode, path = '/') {
  return render(
    <I18nProvider initial="vi">
      <SessionProvider>
        <MemoryRouter initialEntries={[path]}>{ui}</MemoryRouter>
      </SessionProvider>
    </I18nProvider>,
  );
}

// For tests: a screen of the given width, answering min-width and max-width queries (jsdom has
// no layout, so window.matchMedia is mocked). Returns a function that restores the previous mock.
export function screenWidth(width: number): () => void {
  const before = window.matchMedia;
  const answer = (query: string) => {
    let ok = true;
    for (const [, kind, px] of query.matchAll(/\((min|max)-width:\s*(\d+(?:\.\d+)?)px\)/g)) {
      ok &&= kind === 'min' ? width >= Number(px) : width <= Number(px);
    }
    return ok && /width/.test(query);
  };
  window.matchMedia = ((query: string) => ({
    matches: answer(query),
    media: query,
    onchange: null,
    addListener: () => undefined,
    removeListener: () => undefined,
    addEventListener: () => undefined,
    removeEventListener: () => undefined,
    dispatchEvent: () => false,
  })) as typeof window.matchMedia;
  return () => {
    window.matchMedia = before;
  };
}
