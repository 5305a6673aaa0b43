// The application: the component library's locale and theme, then either the sign-in page or
// the signed-in shell. Both are loaded on demand, so the first screen carries neither the
// other's code nor any page's (route-level code splitting; see scripts/postbuild.mjs).
import { Alert, ConfigProvider } from 'antd';
import enGB from 'antd/es/locale/en_GB';
import viVN from 'antd/es/locale/vi_VN';
import dayjs from 'dayjs';
import 'dayjs/locale/vi';
import { Suspense, lazy, useEffect, type ReactNode } from 'react';
import { useSession } from './account/session';
import { Loading } from './components/Loading';
import { useI18n } from './i18n/I18nProvider';

const LoginPage = lazy(() => import('./account/LoginPage'));
const Shell = lazy(() => import('./Shell'));

// Contrast of at least 4.5:1 on white: colorError (danger buttons, error text) #c41d1f 5.9:1 where the
// library's #ff4d4f is 3.3:1; placeholders and empty-table text #6b6b6b 5.3:1 where #bfbfbf is 1.8:1;
// secondary text #595959 7:1.
const theme = {
  token: {
    colorPrimary: '#0b5cab',
    colorError: '#c41d1f',
    colorTextPlaceholder: '#6b6b6b',
    colorTextQuaternary: '#6b6b6b',
    colorTextTertiary: '#595959',
    colorTextDescription: '#595959',
    borderRadius: 6,
    fontFamily: 'inherit',
  },
};

export function App() {
  const { lang, t } = useI18n();
  const { user, checking, expired } = useSession();
  useEffect(() => {
    dayjs.locale(lang);
  }, [lang]);
  let body: ReactNode;
  if (checking) {
    body = <Loading />;
  } else if (!user) {
    body = (
      <Suspense fallback={<Loading />}>
        {expired && <Alert type="warning" title={t('app.sessionExpired')} banner />}
        <LoginPage />
      </Suspense>
    );
  } else {
    body = (
      <Suspense fallback={<Loading />}>
        <Shell />
      </Suspense>
    );
  }
  return (
    <ConfigProvider locale={lang === 'vi' ? viVN : enGB} theme={theme}>
      {body}
    </ConfigProvider>
  );
}
