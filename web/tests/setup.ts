// React 18+/19: tell React this environment runs act().
(globalThis as unknown as { IS_REACT_ACT_ENVIRONMENT: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

// jsdom lacks a few browser APIs the component library uses.
if (!window.matchMedia) {
  Object.defineProperty(window, 'matchMedia', {
    writable: true,
    value: (query: string) => ({
      matches: false,
      media: query,
      onchange: null,
      addListener: () => undefined,
      removeListener: () => undefined,
      addEventListener: () => undefined,
      removeEventListener: () => undefined,
      dispatchEvent: () => false,
    }),
  });
}
if (!('ResizeObserver' in window)) {
  (window as unknown as { ResizeObserver: unknown }).ResizeObserver = class {
    observe() {}
    unobserve() {}
    disconnect() {}
  };
}
const style = window.getComputedStyle;
window.getComputedStyle = (elt: Element, pseudo?: string | null) => style(elt, pseudo ? undefined : pseudo);

// Tests render in either language at once: the English catalogue (a lazily loaded chunk in the app) is loaded first.
import { loadCatalogue } from '../src/i18n/catalogue';
await loadCatalogue('en');

// The CI machine's two cores are shared (make test runs two suites at once): a state update after a
// mocked answer can take more than testing-library's default second to show.
import { configure } from '@testing-library/react';
configure({ asyncUtilTimeout: 5000 });
