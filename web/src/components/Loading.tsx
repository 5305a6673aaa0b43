// The "loading" placeholder shown while a lazily loaded page or the shell arrives.
import { Spin } from 'antd';
import { useI18n } from '../i18n/I18nProvider';

export function Loading() {
  const { t } = useI18n();
  return (
    <div style={{ padding: 48, textAlign: 'center' }} role="status" aria-live="polite">
      <Spin />
      <div className="muted" style={{ marginTop: 8 }}>
        {t('app.loading')}
      </div>
    </div>
  );
}
