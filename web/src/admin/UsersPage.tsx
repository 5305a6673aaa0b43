import { useI18n } from '../i18n/I18nProvider';

export default function Placeholder() {
  const { t } = useI18n();
  return <p>{t('common.notAvailable')}</p>;
}
