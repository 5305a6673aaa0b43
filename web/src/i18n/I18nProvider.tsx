import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { setApiLanguage } from '../api/client';
import { hasCatalogue, loadCatalogue, rememberLang, storedLang, translate, type Args, type Lang, type MessageKey, type Translate } from './catalogue';

interface I18n {
  lang: Lang;
  setLang: (lang: Lang) => void;
  t: Translate;
}

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ children, initial }: { children: ReactNode; initial?: Lang }) {
  const [lang, setLangState] = useState<Lang>(initial ?? storedLang());
  setApiLanguage(lang);
  useEffect(() => {
    document.documentElement.lang = lang;
    document.title = translate(lang, 'app.title');
  }, [lang]);
  const setLang = useCallback((next: Lang) => {
    rememberLang(next);
    setApiLanguage(next);
    // English comes in a chunk of its own: switch at once when it is here, else once it has come
    // (Vietnamese meanwhile).
    if (hasCatalogue(next)) {
      setLangState(next);
      return;
    }
    void loadCatalogue(next).then(
      () => setLangState(next),
      () => setLangState(next),
    );
  }, []);
  const t = useCallback((key: MessageKey, args?: Args) => translate(lang, key, args), [lang]);
  const value = useMemo(() => ({ lang, setLang, t }), [lang, setLang, t]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n outside I18nProvider');
  return value;
}
