import { Alert, Button, Card, Descriptions, Form, Input, message } from 'antd';
import { useState } from 'react';
import { ApiError } from '../api/client';
import { applyFieldErrors } from '../components/formErrors';
import { useProvinceNames } from '../geo/units';
import { useI18n } from '../i18n/I18nProvider';
import { changePassword } from './api';
import { useSession } from './session';

interface Values {
  current_password: string;
  new_password: string;
  confirm: string;
}

export default function AccountPage() {
  const { t, lang } = useI18n();
  const { user } = useSession();
  const provinceName = useProvinceNames(lang);
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [notice, contextHolder] = message.useMessage();
  if (!user) return null;

  const submit = async (values: Values) => {
    setBusy(true);
    setError(null);
    try {
      await changePassword(values.current_password, values.new_password);
      form.resetFields();
      void notice.success(t('password.changed'));
    } catch (e) {
      if (e instanceof ApiError) {
        const unplaced = applyFieldErrors(form, e);
        if (e.status === 401 || e.status === 403) form.setFields([{ name: 'current_password', errors: [e.message] }]);
        else if (unplaced) setError(e.message);
        if (e.status === 429) setError(t('login.throttled', { seconds: e.retryAfter ?? 60 }));
      } else {
        setError(String(e));
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      {contextHolder}
      <h1 className="page-title">{t('account.title')}</h1>
      <Card style={{ marginBottom: 16 }}>
        <Descriptions column={1} size="small">
          <Descriptions.Item label={t('users.username')}>{user.username}</Descriptions.Item>
          <Descriptions.Item label={t('users.displayName')}>{user.display_name}</Descriptions.Item>
          <Descriptions.Item label={t('account.role')}>{t(`role.${user.role}`)}</Descriptions.Item>
          {user.province_code && (
            <Descriptions.Item label={t('account.province')}>{provinceName(user.province_code)}</Descriptions.Item>
          )}
        </Descriptions>
      </Card>
      <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('password.title')}</h2>} style={{ maxWidth: 480 }}>
        {error && <Alert type="error" title={error} showIcon style={{ marginBottom: 16 }} role="alert" />}
        <Form form={form} layout="vertical" onFinish={submit} requiredMark={false}>
          <input type="text" name="username" autoComplete="username" value={user.username} readOnly hidden />
          <Form.Item label={t('password.current')} name="current_password" rules={[{ required: true, message: t('common.required') }]}>
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          <Form.Item
            label={t('password.new')}
            name="new_password"
            extra={t('password.rule')}
            rules={[
              { required: true, message: t('common.required') },
              { min: 10, message: t('password.tooShort') },
            ]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Form.Item
            label={t('password.confirm')}
            name="confirm"
            dependencies={['new_password']}
            rules={[
              { required: true, message: t('common.required') },
              ({ getFieldValue }) => ({
                validator: (_, value) =>
                  !value || getFieldValue('new_password') === value ? Promise.resolve() : Promise.reject(new Error(t('password.mismatch'))),
              }),
            ]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={busy}>
            {t('password.submit')}
          </Button>
        </Form>
      </Card>
    </>
  );
}
