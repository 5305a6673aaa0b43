import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { App } from './App';
import { APP_BASE, ROUTER_BASENAME } from './app/base';
import { SessionProvider } from './account/session';
import { loadCatalogue, storedLang } from './i18n/catalogue';
import { I18nProvider } from './i18n/I18nProvider';
import './styles.css';

// The app lives under /app/ (vite.config.ts `base`; the server's web_app.cpp). Opened at another
// address (the server still answers / with the app until the public portal takes it), the address
// becomes /app/… before the router reads it.
if (!/^\/app(\/|$)/.test(window.location.pathname))
  window.history.replaceState(null, '', `${APP_BASE}${window.location.pathname.replace(/^\/+/, '')}${window.location.search}${window.location.hash}`);

// The remembered language's catalogue first (English is a chunk of its own), then the app.
await loadCatalogue(storedLang()).catch(() => undefined);
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <I18nProvider>
      <SessionProvider>
        <BrowserRouter basename={ROUTER_BASENAME}>
          <App />
        </BrowserRouter>
      </SessionProvider>
    </I18nProvider>
  </StrictMode>,
);
