// "Đối tác": the partners' directory (officials): name, kind, level and contacts, searched
// without diacritics; officials add and change partners (a province its own).
import { Alert, Button, Form, Input, Modal, Result, Select, Table } from 'antd';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { useSession } from '../account/session';
import { ApiError } from '../api/client';
import { Panel } from '../components/Panel';
import { provinceName, useProvinces } from '../geo/units';
import { foldMatch, searchable } from '../lib/fold';
import { useApi } from '../lib/useApi';
import { createPartner, listPartners, updatePartner } from './api';
import { isNational, isOfficial, showFieldErrors } from './logic';
import { useOwner } from './parts';
import { useT } from './strings';
import { PARTNER_KINDS, type Partner } from './types';
import './programmes.css';

export default function PartnersPage() {
  const { t } = useT();
  const { user } = useSession();
  const owner = useOwner();
  const [q, setQ] = useState('');
  const [editing, setEditing] = useState<Partner | 'new' | null>(null);
  const list = useApi((signal) => (isOfficial(user?.role) ? listPartners(signal) : Promise.resolve({ items: [] as Partner[] })), [user?.role]);
  const shown = useMemo(
    () => (list.data?.items ?? []).filter((p) => !q.trim() || foldMatch(q, `${p.name} ${p.short_name ?? ''} ${p.name_en ?? ''}`)),
    [list.data, q],
  );
  if (!isOfficial(user?.role)) return <Result status="403" title="403" subTitle={t('partner.officialsOnly')} />;

  return (
    <div className="prog-stack">
      <h1 className="page-title">{t('partner.title')}</h1>
      <div className="toolbar">
        <div className="filter-field" style={{ flex: '1 1 260px' }}>
          <label htmlFor="partner-q">{t('common.search')}</label>
          <Input id="partner-q" allowClear value={q} placeholder={t('partner.search')} onChange={(e) => setQ(e.target.value)} />
        </div>
        <Button type="primary" onClick={() => setEditing('new')} data-testid="partner-add">
          {t('partner.add')}
        </Button>
      </div>
      {list.error && <Alert type="error" showIcon title={list.error.message} />}
      <Panel testId="partner-list">
        <div className="table-scroll">
          <Table<Partner>
            rowKey="id"
            size="small"
            loading={list.loading}
            pagination={false}
            dataSource={shown}
            locale={{ emptyText: t('partner.none') }}
            scroll={{ x: 'max-content' }}
            columns={[
              {
                key: 'name',
                title: t('partner.name'),
                render: (_, p) => (
                  <div style={{ minWidth: 200, maxWidth: 380 }}>
                    <Link to={`/partners/${p.id}`}>{p.name}</Link>
                    {p.short_name && <span className="muted"> ({p.short_name})</span>}
                  </div>
                ),
              },
              { key: 'kind', title: t('partner.kind'), render: (_, p) => t(`partner.kind.${p.kind}`) },
              { key: 'scope', title: t('partner.scope'), render: (_, p) => owner(p) },
              {
                key: 'contacts',
                title: t('partner.contacts'),
                render: (_, p) => (
                  <div style={{ minWidth: 180 }}>
                    {(p.contacts ?? []).map((c, i) => (
                      <div key={i}>
                        {c.name}
                        {c.position ? `, ${c.position}` : ''}
                        {c.phone ? ` · ${c.phone}` : ''}
                        {c.email ? ` · ${c.email}` : ''}
                      </div>
                    ))}
                  </div>
                ),
              },
              {
                key: 'actions',
                title: t('common.actions'),
                render: (_, p) =>
                  (isNational(user?.role) || p.province === user?.province_code) && (
                    <Button size="small" onClick={() => setEditing(p)}>
                      {t('common.edit')}
                    </Button>
                  ),
              },
            ]}
          />
        </div>
      </Panel>
      {editing && (
        <PartnerEditor
          partner={editing === 'new' ? undefined : editing}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            list.reload();
          }}
        />
      )}
    </div>
  );
}

interface PartnerForm {
  name: string;
  name_en?: string;
  short_name?: string;
  kind: string;
  province?: string;
  contacts: { name?: string; position?: string; phone?: string; email?: string }[];
  address?: string;
  website?: string;
  notes?: string;
}

const FIELDS = ['name', 'name_en', 'short_name', 'kind', 'province', 'contacts', 'address', 'website', 'notes'];

/** The partner form's body: trimmed, contacts without a name left out. */
export function partnerBody(f: PartnerForm, withProvince: boolean): Record<string, unknown> {
  const s = (v: string | undefined) => (v ?? '').trim();
  const body: Record<string, unknown> = {
    name: s(f.name),
    name_en: s(f.name_en),
    short_name: s(f.short_name),
    kind: f.kind,
    contacts: (f.contacts ?? []).filter((c) => c && s(c.name)).map((c) => ({ name: s(c.name), position: s(c.position), phone: s(c.phone), email: s(c.email) })),
    address: s(f.address),
    website: s(f.website),
    notes: s(f.notes),
  };
  if (withProvince) body.province = f.province ?? '';
  return body;
}

export function PartnerEditor({ partner, onClose, onSaved }: { partner?: Partner; onClose: () => void; onSaved: () => void }) {
  const { t, lang } = useT();
  const { user } = useSession();
  const national = isNational(user?.role);
  const provinces = useProvinces();
  const [form] = Form.useForm<PartnerForm>();
  const [saving, setSaving] = useState(false);
  const [general, setGeneral] = useState<string[]>([]);
  const initial: PartnerForm = partner
    ? { ...partner, province: partner.province ?? '', contacts: partner.contacts?.length ? partner.contacts : [{ name: '' }] }
    : { name: '', kind: 'womens_union', province: '', contacts: [{ name: '' }] };
  const save = async () => {
    let values: PartnerForm;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    setSaving(true);
    setGeneral([]);
    try {
      const body = partnerBody(values, national);
      if (partner) await updatePartner(partner.id, body);
      else await createPartner(body);
      onSaved();
    } catch (e) {
      if (e instanceof ApiError) setGeneral(showFieldErrors(form, e, (path) => FIELDS.includes(String(path[0]))));
      else setGeneral([(e as Error).message]);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal open width={720} title={partner ? t('partner.edit') : t('partner.add')} okText={t('common.save')} cancelText={t('common.cancel')} onOk={save} onCancel={onClose} confirmLoading={saving} forceRender>
      {general.length > 0 && <Alert type="error" showIcon title={general.join(' ')} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" initialValues={initial}>
        <Form.Item name="name" label={t('partner.name')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
          <Input />
        </Form.Item>
        <div className="prog-form-row">
          <Form.Item name="short_name" label={t('partner.shortName')}>
            <Input />
          </Form.Item>
          <Form.Item name="kind" label={t('partner.kind')}>
            <Select options={PARTNER_KINDS.map((k) => ({ value: k, label: t(`partner.kind.${k}`) }))} />
          </Form.Item>
          {national && (
            <Form.Item name="province" label={t('prog.province')} extra={t('prog.provinceHelp')}>
              <Select showSearch={searchable} options={[{ value: '', label: t('prog.national') }, ...provinces.map((p) => ({ value: p.code, label: provinceName(p, lang) }))]} />
            </Form.Item>
          )}
        </div>
        <Form.Item name="name_en" label={t('partner.nameEn')}>
          <Input />
        </Form.Item>
        <fieldset className="prog-fieldset">
          <legend>{t('partner.contacts')}</legend>
          <Form.List name="contacts">
            {(fields, { add, remove }) => (
              <>
                {fields.map((field, i) => (
                  <div key={field.key} className="prog-form-row">
                    <Form.Item name={[field.name, 'name']} label={t('partner.contact.name')}>
                      <Input />
                    </Form.Item>
                    <Form.Item name={[field.name, 'position']} label={t('partner.contact.position')}>
                      <Input />
                    </Form.Item>
                    <Form.Item name={[field.name, 'phone']} label={t('partner.contact.phone')}>
                      <Input />
                    </Form.Item>
                    <Form.Item name={[field.name, 'email']} label={t('partner.contact.email')}>
                      <Input />
                    </Form.Item>
                    <Button className="prog-remove" onClick={() => remove(field.name)} aria-label={`${t('prog.remove')} (${t('partner.contacts')} ${i + 1})`}>
                      ×
                    </Button>
                  </div>
                ))}
                <Button onClick={() => add({ name: '' })} style={{ marginBottom: 12 }}>
                  {t('partner.contact.add')}
                </Button>
              </>
            )}
          </Form.List>
        </fieldset>
        <Form.Item name="address" label={t('partner.address')}>
          <Input />
        </Form.Item>
        <Form.Item name="website" label={t('partner.website')}>
          <Input />
        </Form.Item>
        <Form.Item name="notes" label={t('partner.notes')}>
          <Input.TextArea rows={2} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
