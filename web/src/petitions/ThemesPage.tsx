// "Lĩnh vực kiến nghị" (national administrators, in the "Quản trị" menu): the petitions' themes —
// the built-in ones and those added — with their names in both languages; add one, rename one,
// stop using one (it stays on the petitions that have it, and is no longer offered) or use it again.
import { Alert, Button, Form, Input, Modal, Result, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useSession } from '../account/session';
import { ApiError } from '../api/client';
import { Panel } from '../components/Panel';
import { showFieldErrors } from '../components/formErrors';
import { useApi } from '../lib/useApi';
import { createTheme, listThemes, updateTheme } from './api';
import { forgetThemes } from './parts';
import { useT } from './strings';
import type { Theme } from './types';
import './petitions.css';

export default function ThemesPage() {
  const { t } = useT();
  const { user } = useSession();
  const list = useApi((signal) => listThemes(signal), []);
  const [editing, setEditing] = useState<Theme | 'new' | null>(null);
  const [notice, setNotice] = useState<{ type: 'success' | 'error'; text: string } | null>(null);
  if (user?.role !== 'national_admin') return <Result status="403" title="403" subTitle={t('pet.themes.adminOnly')} />;
  const changed = (text: string) => {
    forgetThemes();
    setNotice({ type: 'success', text });
    list.reload();
  };
  const toggle = async (theme: Theme) => {
    try {
      await updateTheme(theme.code, { active: !theme.active });
      changed(t('pet.themes.saved'));
    } catch (e) {
      setNotice({ type: 'error', text: (e as Error).message });
    }
  };
  return (
    <div className="pet-page" data-testid="petition-themes-page">
      <h1 className="page-title" style={{ margin: 0 }}>
        {t('pet.themes.title')}
      </h1>
      <p className="muted" style={{ margin: 0 }}>
        {t('pet.themes.intro')}
      </p>
      {notice && <Alert type={notice.type} showIcon title={notice.text} closable onClose={() => setNotice(null)} />}
      {list.error && <Alert type="error" showIcon title={list.error.message} />}
      <Panel
        extra={
          <Button type="primary" onClick={() => setEditing('new')} data-testid="theme-add">
            {t('pet.themes.add')}
          </Button>
        }
      >
        <div className="table-scroll">
          <Table<Theme>
            size="small"
            rowKey="code"
            loading={list.loading}
            pagination={false}
            dataSource={list.data?.items ?? []}
            scroll={{ x: 'max-content' }}
            onRow={(th) => ({ 'data-testid': `theme-${th.code}` }) as React.HTMLAttributes<HTMLElement>}
            columns={[
              { key: 'code', title: t('pet.themes.code'), render: (_, th) => <code>{th.code}</code> },
              { key: 'vi', title: t('pet.themes.nameVi'), render: (_, th) => th.name_vi },
              { key: 'en', title: t('pet.themes.nameEn'), render: (_, th) => th.name_en },
              {
                key: 'state',
                title: t('pet.status'),
                render: (_, th) => (
                  <Space size={4} wrap>
                    <Tag color={th.active ? 'green' : 'default'} className="pet-tag">
                      {th.active ? t('pet.themes.active') : t('pet.themes.inactive')}
                    </Tag>
                    {th.builtin && <Tag className="pet-tag">{t('pet.themes.builtin')}</Tag>}
                  </Space>
                ),
              },
              {
                key: 'actions',
                title: t('common.actions'),
                render: (_, th) => (
                  <Space size={4} wrap>
                    <Button size="small" onClick={() => setEditing(th)} aria-label={`${t('pet.themes.rename')}: ${th.name_vi}`}>
                      {t('pet.themes.rename')}
                    </Button>
                    <Button
                      size="small"
                      onClick={() => void toggle(th)}
                      aria-label={`${th.active ? t('pet.themes.deactivate') : t('pet.themes.activate')}: ${th.name_vi}`}
                    >
                      {th.active ? t('pet.themes.deactivate') : t('pet.themes.activate')}
                    </Button>
                  </Space>
                ),
              },
            ]}
          />
        </div>
      </Panel>
      {editing && (
        <ThemeDialog
          theme={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            changed(t('pet.themes.saved'));
          }}
        />
      )}
    </div>
  );
}

function ThemeDialog({ theme, onClose, onSaved }: { theme: Theme | null; onClose: () => void; onSaved: () => void }) {
  const { t } = useT();
  const [form] = Form.useForm<{ code: string; name_vi: string; name_en: string }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async () => {
    let v: { code: string; name_vi: string; name_en: string };
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    setBusy(true);
    setError(null);
    try {
      if (theme) await updateTheme(theme.code, { name_vi: v.name_vi.trim(), name_en: v.name_en.trim() });
      else await createTheme({ code: v.code.trim(), name_vi: v.name_vi.trim(), name_en: v.name_en.trim() });
      onSaved();
    } catch (e) {
      if (e instanceof ApiError) setError(showFieldErrors(form, e, (path) => ['code', 'name_vi', 'name_en'].includes(String(path[0]))).join(' ') || null);
      else setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  const required = [{ required: true, whitespace: true, message: t('common.required') }];
  return (
    <Modal
      open
      title={theme ? `${t('pet.themes.rename')}: ${theme.name_vi}` : t('pet.themes.add')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={submit}
      onCancel={onClose}
      confirmLoading={busy}
      forceRender
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form
        form={form}
        layout="vertical"
        initialValues={{ code: theme?.code ?? '', name_vi: theme?.name_vi ?? '', name_en: theme?.name_en ?? '' }}
        data-testid="theme-form"
      >
        <Form.Item name="code" label={t('pet.themes.code')} rules={theme ? [] : required} extra={theme ? undefined : t('pet.themes.codeHelp')}>
          <Input maxLength={40} disabled={!!theme} />
        </Form.Item>
        <Form.Item name="name_vi" label={t('pet.themes.nameVi')} rules={required}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="name_en" label={t('pet.themes.nameEn')} rules={required}>
          <Input maxLength={200} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
