import { Alert, Button, Form, Input, InputNumber, Modal, Popconfirm, Table, Tag, Typography, message } from 'antd';
import { useState } from 'react';
import { ApiError } from '../api/client';
import { applyFieldErrors } from '../components/formErrors';
import { formatDateTime } from '../i18n/format';
import { useI18n } from '../i18n/I18nProvider';
import { useApi } from '../lib/useApi';
import { createToken, listTokens, revokeToken } from './api';
import type { ApiToken } from './types';

export default function TokensPage() {
  const { t, lang } = useI18n();
  const list = useApi((s) => listTokens(s), []);
  const [open, setOpen] = useState(false);
  const [secret, setSecret] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<{ name: string; expires_in_days?: number }>();
  const [notice, contextHolder] = message.useMessage();
  const create = async (v: { name: string; expires_in_days?: number }) => {
    setBusy(true);
    try {
      const made = await createToken({ name: v.name, ...(v.expires_in_days ? { expires_in_days: v.expires_in_days } : {}) });
      setSecret(made.token ?? null);
      form.resetFields();
      list.reload();
    } catch (e) {
      if (e instanceof ApiError && applyFieldErrors(form, e, ['name', 'expires_in_days'])) form.setFields([{ name: 'name', errors: [e.message] }]);
    } finally {
      setBusy(false);
    }
  };
  const revoke = async (token: ApiToken) => {
    try {
      await revokeToken(token.id);
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
          { key: 'expires', title: t('tokens.expires'), dataIndex: 'expires_at_ms', render: (ms: number | null) => (ms ? formatDateTime(ms, lang) : t('tokens.never')) },
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
          <Form form={form} layout="vertical" onFinish={create} requiredMark={false}>
            <Form.Item label={t('tokens.name')} name="name" rules={[{ required: true, message: t('common.required') }]}>
              <Input maxLength={100} />
            </Form.Item>
            <Form.Item label={t('tokens.expiresIn')} name="expires_in_days">
              <InputNumber min={0} max={3650} style={{ width: '100%' }} />
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
