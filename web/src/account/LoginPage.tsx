import { Alert, Button, Form, Input } from 'antd';
import { useEffect, useState } from 'react';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { Panel } from '../components/Panel';
import { ApiError } from '../api/client';
import { useI18n } from '../i18n/I18nProvider';
import { useSession } from './session';

interface Values {
  username: string;
  password: string;
}

/** The message for a failed sign-in: wrong credentials, throttling (with the wait) or the API's own. */
export function signInProblem(error: unknown): { kind: 'wrong' | 'throttled' | 'other'; seconds: number; message: string } {
  if (error instanceof ApiError) {
    if (error.status === 429) return { kind: 'throttled', seconds: Math.max(1, error.retryAfter ?? 60), message: error.message };
    if (error.status === 401) return { kind: 'wrong', seconds: 0, message: error.message };
    return { kind: 'other', seconds: 0, message: error.message };
  }
  return { kind: 'other', seconds: 0, message: String((error as Error)?.message ?? error) };
}

export default function LoginPage() {
  const { t } = useI18n();
  const { signIn } = useSession();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<ReturnType<typeof signInProblem> | null>(null);
  const [waitUntil, setWaitUntil] = useState(0);
  const [now, setNow] = useState(Date.now());

  useEffect(() => {
    if (!waitUntil) return;
    const id = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(id);
  }, [waitUntil]);
  const remaining = waitUntil ? Math.max(0, Math.ceil((waitUntil - now) / 1000)) : 0;

  const submit = async (values: Values) => {
    setBusy(true);
    setProblem(null);
    try {
      await signIn(values.username.trim(), values.password);
    } catch (e) {
      const p = signInProblem(e);
      setProblem(p);
      if (p.kind === 'throttled') {
        setNow(Date.now());
        setWaitUntil(Date.now() + p.seconds * 1000);
      }
      form.setFieldValue('password', '');
    } finally {
      setBusy(false);
    }
  };

  let alert: string | null = null;
  if (problem?.kind === 'wrong') alert = t('login.wrong');
  else if (problem?.kind === 'throttled') alert = remaining > 0 ? t('login.throttled', { seconds: remaining }) : t('login.throttledNow');
  else if (problem) alert = problem.message;

  return (
    <main className="login-wrap" id="main">
      <Panel className="login-card">
        <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center' }}>
          <span style={{ fontWeight: 700, fontSize: 22, color: '#0b5cab' }}>◎ {t('app.name')}</span>
          <LanguageSwitch />
        </div>
        <h1 className="page-title" style={{ marginTop: 16 }}>
          {t('login.title')}
        </h1>
        <p className="muted">{t('login.intro')}</p>
        <div aria-live="assertive" role="alert" data-testid="login-error">
          {alert && <Alert type={problem?.kind === 'throttled' && remaining === 0 ? 'info' : 'error'} title={alert} showIcon style={{ marginBottom: 16 }} />}
        </div>
        <Form form={form} layout="vertical" onFinish={submit} requiredMark={false}>
          <Form.Item label={t('login.username')} name="username" rules={[{ required: true, whitespace: true, message: t('login.usernameRequired') }]}>
            <Input autoComplete="username" autoFocus autoCapitalize="none" spellCheck={false} />
          </Form.Item>
          <Form.Item label={t('login.password')} name="password" rules={[{ required: true, message: t('login.passwordRequired') }]}>
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy} disabled={remaining > 0}>
            {t('login.submit')}
          </Button>
        </Form>
      </Panel>
    </main>
  );
}
