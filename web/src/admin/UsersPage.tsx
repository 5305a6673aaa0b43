import { Alert, Button, Form, Input, Modal, Select, Space, Table, Tag, message } from 'antd';
import { useState } from 'react';
import { useSession } from '../account/session';
import { ApiError } from '../api/client';
import { ROLES, isAdmin, type Role, type User } from '../api/types';
import { applyFieldErrors } from '../components/formErrors';
import { provinceName, useProvinceNames, useProvinces } from '../geo/units';
import { useI18n } from '../i18n/I18nProvider';
import { useApi } from '../lib/useApi';
import { createUser, listUsers, resetPassword, updateUser } from './api';
import { searchable } from '../lib/fold';
import { EntityPicker } from './EntityPicker';

interface Values {
  username?: string;
  display_name?: string;
  role?: Role;
  province_code?: string | null;
  entity_id?: number | null;
  password?: string;
}

const needsProvince = (role?: Role) => role === 'province_admin' || role === 'province_officer';

function UserForm({ user, onDone }: { user: User | null; onDone: (message: string) => void }) {
  const { t, lang } = useI18n();
  const { user: me } = useSession();
  const provinces = useProvinces();
  const [form] = Form.useForm<Values>();
  const role = Form.useWatch('role', form);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const roles = me?.role === 'province_admin' ? ROLES.filter((r) => r.startsWith('province_') || r === 'cooperative') : ROLES;
  const submit = async (v: Values) => {
    setBusy(true);
    setError(null);
    try {
      const body: Record<string, unknown> = {
        display_name: v.display_name ?? '',
        role: v.role,
        ...(needsProvince(v.role) ? { province_code: v.province_code } : user ? { province_code: null } : {}),
        ...(v.role === 'cooperative' ? { entity_id: v.entity_id } : user ? { entity_id: null } : {}),
      };
      if (user) {
        await updateUser(user.id, body);
        onDone(t('common.saved'));
      } else {
        await createUser({ ...body, username: v.username, password: v.password });
        onDone(`${t('common.saved')} ${t('users.created', { name: v.username ?? '' })}`);
      }
    } catch (e) {
      if (e instanceof ApiError) {
        if (applyFieldErrors(form, e, ['username', 'display_name', 'role', 'province_code', 'entity_id', 'password'])) setError(e.message);
      } else setError(String(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Form
      form={form}
      layout="vertical"
      onFinish={submit}
      requiredMark={false}
      // No role by default: the administrator chooses it (a province admin's province is preset).
      initialValues={user ? { ...user } : { province_code: me?.province_code ?? undefined }}
    >
      {error && <Alert type="error" title={error} showIcon role="alert" style={{ marginBottom: 12 }} />}
      {!user && (
        <Form.Item label={t('users.username')} name="username" rules={[{ required: true, message: t('common.required') }]}>
          <Input autoComplete="off" autoCapitalize="none" spellCheck={false} />
        </Form.Item>
      )}
      <Form.Item label={t('users.displayName')} name="display_name">
        <Input />
      </Form.Item>
      <Form.Item label={t('users.role')} name="role" rules={[{ required: true, message: t('common.required') }]}>
        <Select data-testid="role-select" placeholder={t('users.chooseRole')} options={roles.map((r) => ({ value: r, label: t(`role.${r}`) }))} />
      </Form.Item>
      {needsProvince(role) && (
        <Form.Item label={t('users.province')} name="province_code" rules={[{ required: true, message: t('common.required') }]}>
          <Select
            showSearch={searchable}
            placeholder={t('users.chooseProvince')}
            disabled={me?.role === 'province_admin'}
            options={provinces.map((p) => ({ value: p.code, label: provinceName(p, lang) }))}
          />
        </Form.Item>
      )}
      {role === 'cooperative' && (
        <Form.Item label={t('users.entity')} name="entity_id" rules={[{ required: true, message: t('common.required') }]}>
          <EntityPicker />
        </Form.Item>
      )}
      {!user && (
        <Form.Item label={t('users.password')} name="password" extra={t('password.rule')} rules={[{ required: true, message: t('common.required') }]}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      )}
      <Button type="primary" htmlType="submit" loading={busy}>
        {t('common.save')}
      </Button>
    </Form>
  );
}

function ResetPassword({ user, onDone }: { user: User; onDone: (message: string) => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ password: string }>();
  const [busy, setBusy] = useState(false);
  const submit = async (v: { password: string }) => {
    setBusy(true);
    try {
      await resetPassword(user.id, v.password);
      onDone(`${t('common.saved')} ${t('users.passwordReset')}`);
    } catch (e) {
      if (e instanceof ApiError && applyFieldErrors(form, e, ['password'])) form.setFields([{ name: 'password', errors: [e.message] }]);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Form form={form} layout="vertical" onFinish={submit} requiredMark={false}>
      <Form.Item label={t('users.newPassword')} name="password" extra={t('password.rule')} rules={[{ required: true, message: t('common.required') }]}>
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={busy}>
        {t('users.resetPassword')}
      </Button>
    </Form>
  );
}

export default function UsersPage() {
  const { t, lang } = useI18n();
  const { user: me } = useSession();
  const provinceLabel = useProvinceNames(lang);
  const list = useApi((s) => listUsers(s), []);
  const [editing, setEditing] = useState<User | 'new' | null>(null);
  const [resetting, setResetting] = useState<User | null>(null);
  const [notice, contextHolder] = message.useMessage();
  if (!isAdmin(me?.role)) return <Alert type="warning" title={t('common.notAvailable')} />;
  const done = (text: string) => {
    setEditing(null);
    setResetting(null);
    void notice.success(text);
    list.reload();
  };
  const toggle = async (u: User) => {
    try {
      await updateUser(u.id, { disabled: !u.disabled });
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
        <h1 className="page-title">{t('users.title')}</h1>
        <Button type="primary" onClick={() => setEditing('new')}>
          {t('users.add')}
        </Button>
      </div>
      {list.error && <Alert type="error" title={list.error.message} showIcon role="alert" />}
      <Table<User>
        rowKey="id"
        size="middle"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        scroll={{ x: 'max-content' }}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        columns={[
          { key: 'username', title: t('users.username'), dataIndex: 'username' },
          { key: 'name', title: t('users.displayName'), dataIndex: 'display_name' },
          { key: 'role', title: t('users.role'), dataIndex: 'role', render: (r: Role) => t(`role.${r}`) },
          { key: 'province', title: t('users.province'), dataIndex: 'province_code', render: (c: string | null) => (c ? provinceLabel(c) : '—') },
          {
            key: 'state',
            title: t('users.state'),
            dataIndex: 'disabled',
            render: (d: boolean) => (d ? <Tag color="red">{t('users.disabled')}</Tag> : <Tag color="green">{t('users.enabled')}</Tag>),
          },
          {
            key: 'actions',
            title: t('common.actions'),
            render: (_: unknown, u: User) => (
              <Space wrap>
                <Button size="small" onClick={() => setEditing(u)}>
                  {t('common.edit')}
                </Button>
                <Button size="small" onClick={() => setResetting(u)}>
                  {t('users.resetPassword')}
                </Button>
                {u.id !== me?.id && (
                  <Button size="small" danger={!u.disabled} onClick={() => void toggle(u)}>
                    {u.disabled ? t('users.enable') : t('users.disable')}
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
      <Modal
        open={editing !== null}
        title={editing === 'new' ? t('users.add') : editing ? t('users.editTitle', { name: editing.username }) : ''}
        onCancel={() => setEditing(null)}
        footer={null}
        destroyOnHidden
      >
        {editing !== null && <UserForm user={editing === 'new' ? null : editing} onDone={done} />}
      </Modal>
      <Modal open={resetting !== null} title={resetting ? `${t('users.resetPassword')}: ${resetting.username}` : ''} onCancel={() => setResetting(null)} footer={null} destroyOnHidden>
        {resetting && <ResetPassword user={resetting} onDone={done} />}
      </Modal>
    </>
  );
}
