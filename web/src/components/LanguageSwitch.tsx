import { Button } from 'antd';
import { useI18n } from '../i18n/I18nProvider';

/** Switches between Vietnamese and English; the choice is remembered in this browser. */
export function LanguageSwitch({ light }: { light?: boolean }) {
  const { t, setLang } = useI18n();
  const other = t('lang.otherCode') as 'vi' | 'en';
  return (
    <Button
      type={light ? 'text' : 'default'}
      style={light ? { color: '#fff' } : undefined}
      lang={other}
      aria-label={`${t('lang.label')}: ${t('lang.other')}`}
      onClick={() => setLang(other)}
      data-testid="lang-switch"
    >
      {t('lang.other')}
    </Button>
  );
}
