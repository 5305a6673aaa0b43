// The saved views of a page in its toolbar: "Lưu dạng xem" (a name and who may see it) and a list to
// open one. What the account may share follows the server's rule (views/README.md): province
// accounts with their province, officials with the country, everyone privately.
import { SaveOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Input, Modal, Radio, Select } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { useSession } from '../account/session';
import { ApiError } from '../api/client';
import type { Role } from '../api/types';
import { useI18n } from '../i18n/I18nProvider';
import { useApi } from '../lib/useApi';
import { createView, listViews, viewHref } from './api';
import type { ViewPage, Visibility } from './types';

/** The visibilities a role may give. */
export function visibilitiesFor(role: Role | undefined): Visibility[] {
  if (role === 'province_admin' || role === 'province_officer') return ['private', 'province', 'country'];
  if (role === 'national_admin' || role === 'national_officer') return ['private', 'country'];
  return ['private'];
}

export function SavedViews({ page, query }: { page: ViewPage; query: string }) {
  const { t } = useI18n();
  const role = useSession().user?.role;
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const [saving, setSaving] = useState(false);
  const [notice, setNotice] = useState('');
  const [failure, setFailure] = useState('');
  const [form] = Form.useForm<{ name: string; visibility: Visibility }>();
  const views = useApi((signal) => listViews(page, signal).catch(() => null), [page]);
  const items = views.data?.items ?? [];

  const save = async () => {
    const values = await form.validateFields();
    setSaving(true);
    setFailure('');
    try {
      const made = await createView({ name: values.name, page, query, visibility: values.visibility });
      setNotice(t('views.saved', { name: made.name }));
      setOpen(false);
      form.resetFields();
      views.reload();
    } catch (e) {
      if (e instanceof ApiError && e.fields.length)
        form.setFields(Object.entries(e.fieldMap()).map(([name, errors]) => ({ name: name as 'name' | 'visibility', errors })));
      else setFailure((e as Error).message);
    } finally {
      setSaving(false);
    }
  };

  return (
    <>
      {items.length > 0 && (
        <Select<number>
          aria-label={t('views.open')}
          placeholder={t('views.open')}
          value={null as unknown as number}
          style={{ width: 220, maxWidth: '100%' }}
          popupMatchSelectWidth={false}
          data-testid="views-open"
          onChange={(id) => {
            const v = items.find((x) => x.id === id);
            if (v) navigate(viewHref(v));
          }}
          options={items.map((v) => ({ value: v.id, label: v.mine ? v.name : `${v.name} (${v.owner})` }))}
        />
      )}
      <Button
        icon={<SaveOutlined />}
        onClick={() => {
          setNotice('');
          setOpen(true);
        }}
        data-testid="views-save"
      >
        {t('views.save')}
      </Button>
      {notice && (
        <span role="status" className="muted" data-testid="views-notice">
          {notice}
        </span>
      )}
      <Modal
        open={open}
        title={t('views.saveTitle')}
        okText={t('common.save')}
        cancelText={t('common.cancel')}
        confirmLoading={saving}
        onOk={save}
        onCancel={() => setOpen(false)}
        destroyOnHidden
      >
        {failure && <Alert type="error" showIcon title={failure} style={{ marginBottom: 12 }} />}
        <Form form={form} layout="vertical" initialValues={{ visibility: 'private' }}>
          <Form.Item name="name" label={t('views.name')} rules={[{ required: true, whitespace: true, message: t('views.name') }]}>
            <Input maxLength={120} placeholder={t('views.namePlaceholder')} data-testid="views-name" />
          </Form.Item>
          <Form.Item name="visibility" label={t('views.visibility')}>
            <Radio.Group>
              {visibilitiesFor(role).map((v) => (
                <Radio key={v} value={v} data-testid={`views-visibility-${v}`}>
                  {t(`views.${v}`)}
                </Radio>
              ))}
            </Radio.Group>
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
