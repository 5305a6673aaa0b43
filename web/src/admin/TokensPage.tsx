import { Alert, Button, Checkbox, Form, Input, InputNumber, Modal, Popconfirm, Table, Tag, Typography, message } from 'antd';
import { useSession } from '../account/session';
import { useState } from 'react';
import { ApiError } from '../api/client';
import { applyFieldErrors } from '../components/formErrors';
import { formatDateTime } from '../i18n/format';
import { useI18n } from '../i18n/I18nProvider';
import { useApi } from '../lib/useApi';
import { createToken, listTokens, revokeToken } from './api';
import type { ApiToken } from './types';

/** Days a new token lasts unless changed (the server's default too). */
export const DEFAULT_DAYS = 90;

interface TokenValues {
  name: string;
  expires_in_days?: number;
  read_only?: boolean;
}

export default function TokensPage() {
  const { t, lang } = useI18n();
  const list = useApi((s) => listTokens(s), []);
  const [open, setOpen] = useState(false);
  const [secret, setSecret] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const { user: me } = useSession();
  // Only a national admin may make a token that never expires (0); others get 1 to 3650 days.
  const mayNeverExpire = me?.role === 'national_admin';
  const [form] = Form.useForm<TokenValues>();
  const [notice, contextHolder] = message.useMessage();
  const create = async (v: TokenValues) => {
    setBusy(true);
    try {
      const made = await createToken({ name: v.name, expires_in_days: v.expires_in_days ?? DEFAULT_DAYS, read_only: !!v.read_only });
      setSecret(made.token ?? null);
      void notice.success(t('common.saved'));
      form.resetFields();
      list.reload();
    } catch (e) {
      if (e instanceof ApiError && applyFieldErrors(form, e, ['name', 'expires_in_days', 'read_only'])) form.setFields([{ name: 'name', errors: [e.message] }]);
    } finally {
      setBusy(false);
    }
  };
  const revoke = async (token: ApiToken) => {
    try {
      await revokeToken(token.id);
      void notice.success(t('common.saved'));
      list.reload();
    } catch (e) {
      void notice.error((e as Error).message);
    }
  };
  return (
    <>
      {contextHolder}
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', flexWrap: 'wrap', gap: 8 }}>
        <h1 className="page-title">{t('tokens.title')}</h1>
        <Button type="primary" onClick={() => { setSecret(null); setOpen(true); }}>
          {t('tokens.add')}
        </Button>
      </div>
      <p className="muted">{t('tokens.intro')}</p>
      {list.error && <Alert type="error" title={list.error.message} showIcon role="alert" />}
      <Table<ApiToken>
        rowKey="id"
        size="middle"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        scroll={{ x: 'max-content' }}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        columns={[
          { key: 'name', title: t('tokens.name'), dataIndex: 'name' },
          { key: 'owner', title: t('tokens.owner'), dataIndex: 'username' },
          { key: 'prefix', title: t('tokens.prefix'), dataIndex: 'prefix', render: (p: string) => <code>{p}…</code> },
          { key: 'created', title: t('tokens.created'), dataIndex: 'created_at_ms', render: (ms: number) => formatDateTime(ms, lang) },
          { key: 'used', title: t('tokens.lastUsed'), dataIndex: 'last_used_at_ms', render: (ms: number | null) => formatDateTime(ms, lang) },
          {
            key: 'expires',
            title: t('tokens.expires'),
            dataIndex: 'expires_at_ms',
            render: (ms: number | null) =>
              ms === null ? t('tokens.never') : ms <= Date.now() ? <Tag color="red">{t('tokens.expired', { at: formatDateTime(ms, lang) })}</Tag> : formatDateTime(ms, lang),
          },
          {
            key: 'access',
            title: t('tokens.access'),
            dataIndex: 'read_only',
            render: (ro: boolean) => (ro ? <Tag color="blue">{t('tokens.readOnly')}</Tag> : <Tag>{t('tokens.readWrite')}</Tag>),
          },
          {
            key: 'actions',
            title: t('common.actions'),
            render: (_: unknown, tok: ApiToken) =>
              tok.revoked ? (
                <Tag>{t('tokens.revoked')}</Tag>
              ) : (
                <Popconfirm title={t('tokens.revokeConfirm', { name: tok.name })} onConfirm={() => revoke(tok)} okText={t('tokens.revoke')} cancelText={t('common.cancel')}>
                  <Button size="small" danger>
                    {t('tokens.revoke')}
                  </Button>
                </Popconfirm>
              ),
          },
        ]}
      />
      <Modal open={open} title={t('tokens.add')} onCancel={() => setOpen(false)} footer={null} destroyOnHidden>
        {secret ? (
          <>
            <Alert type="success" showIcon title={t('tokens.secret')} style={{ marginBottom: 12 }} />
            <Typography.Paragraph copyable={{ text: secret, tooltips: [t('tokens.copy'), t('tokens.copied')] }}>
              <code data-testid="token-secret" style={{ wordBreak: 'break-all' }}>{secret}</code>
            </Typography.Paragraph>
            <Button onClick={() => setOpen(false)}>{t('common.close')}</Button>
          </>
        ) : (
          <Form form={form} layout="vertical" onFinish={create} requiredMark={false} initialValues={{ expires_in_days: DEFAULT_DAYS, read_only: false }}>
            <Form.Item label={t('tokens.name')} name="name" rules={[{ required: true, message: t('common.required') }]}>
              <Input maxLength={100} />
            </Form.Item>
            <Form.Item
              label={mayNeverExpire ? t('tokens.expiresInOrNever') : t('tokens.expiresIn')}
              name="expires_in_days"
              rules={[{ required: true, message: t('common.required') }]}
            >
              <InputNumber data-testid="token-days" min={mayNeverExpire ? 0 : 1} max={3650} precision={0} style={{ width: '100%' }} />
            </Form.Item>
            <Form.Item name="read_only" valuePropName="checked" extra={t('tokens.readOnlyHelp')}>
              <Checkbox data-testid="token-read-only">{t('tokens.readOnly')}</Checkbox>
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={busy}>
              {t('common.save')}
            </Button>
          </Form>
        )}
      </Modal>
    </>
  );
}
