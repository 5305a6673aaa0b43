import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { App } from './App';
import { SessionProvider } from './account/session';
import { loadCatalogue, storedLang } from './i18n/catalogue';
import { I18nProvider } from './i18n/I18nProvider';
import './styles.css';

// The remembered language's catalogue first (English is a chunk of its own), then the app.
await loadCatalogue(storedLang()).catch(() => undefined);
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <I18nProvider>
      <SessionProvider>
        <BrowserRouter>
          <App />
        </BrowserRouter>
      </SessionProvider>
    </I18nProvider>
  </StrictMode>,
);
