import { Button, Result } from 'antd';
import { Link } from 'react-router';
import { useI18n } from '../i18n/I18nProvider';

/** An address the app has no page for (loaded on demand: its pictures are large). */
export default function NotFoundPage() {
  const { t } = useI18n();
  return (
    <Result
      status="404"
      title="404"
      subTitle={t('app.pageNotFound')}
      extra={
        <Link to="/">
          <Button type="primary">{t('app.goHome')}</Button>
        </Link>
      }
    />
  );
}
