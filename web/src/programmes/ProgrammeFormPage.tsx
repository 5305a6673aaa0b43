// Creating or changing a programme: code, titles, kind, the province (national accounts), the
// period, status, signing, review cadences, legal basis rows, numbered contents and partners.
// The server's errors are shown next to their fields (rows included: legal_basis[1].number).
import { Alert, Button, Form, Input, InputNumber, Result, Select, Space } from 'antd';
import { useEffect, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useSession } from '../account/session';
import { ApiError } from '../api/client';
import { Panel } from '../components/Panel';
import { provinceName, useProvinces } from '../geo/units';
import { searchable } from '../lib/fold';
import { useApi } from '../lib/useApi';
import { createProgramme, getProgramme, listPartners, updateProgramme } from './api';
import { isNational, isOfficial, programmeBody, programmeForm, showFieldErrors, type ProgrammeForm } from './logic';
import { DateInput } from './parts';
import { useT } from './strings';
import { PROGRAMME_KINDS, PROGRAMME_STATUSES, REVIEWS } from './types';
import './programmes.css';

const FORM_FIELDS = ['code', 'title', 'title_en', 'kind', 'province', 'from', 'to', 'status', 'signed_on', 'signatories', 'review', 'legal_basis', 'contents', 'partners'];

export default function ProgrammeFormPage() {
  const { id } = useParams();
  const editing = id !== undefined;
  const { t, lang } = useT();
  const { user } = useSession();
  const navigate = useNavigate();
  const [form] = Form.useForm<ProgrammeForm>();
  const provinces = useProvinces();
  const national = isNational(user?.role);
  const existing = useApi((signal) => (editing ? getProgramme(id, signal) : Promise.resolve(null)), [id]);
  const partners = useApi((signal) => listPartners(signal), []);
  const [saving, setSaving] = useState(false);
  const [general, setGeneral] = useState<string[]>([]);
  useEffect(() => {
    if (existing.data) form.setFieldsValue(programmeForm(existing.data));
  }, [existing.data, form]);

  if (!isOfficial(user?.role)) return <Result status="403" title="403" subTitle={t('prog.officialsOnly')} />;
  if (existing.data && !existing.data.may_write)
    return <Result status="403" title="403" subTitle={t('prog.readOnly')} extra={<Link to="/programmes">{t('prog.back')}</Link>} />;
  if (editing && existing.error) {
    const missing = existing.error instanceof ApiError && existing.error.status === 404;
    return <Result status={missing ? '404' : 'error'} title={missing ? '404' : t('common.error')} subTitle={missing ? t('prog.notFound') : existing.error.message} extra={<Link to="/programmes">{t('prog.back')}</Link>} />;
  }

  const save = async () => {
    let values: ProgrammeForm;
    try {
      values = await form.validateFields();
    } catch {
      setGeneral([t('common.fixErrors')]);
      return;
    }
    setSaving(true);
    setGeneral([]);
    try {
      const body = programmeBody(values, national);
      const saved = editing ? await updateProgramme(id, body) : await createProgramme(body);
      navigate(`/programmes/${saved.id}`);
    } catch (e) {
      if (e instanceof ApiError) setGeneral(showFieldErrors(form, e, (path) => FORM_FIELDS.includes(String(path[0]))));
      else setGeneral([(e as Error).message]);
      if (e instanceof ApiError && e.fields.length) setGeneral((g) => (g.length ? g : [t('common.fixErrors')]));
    } finally {
      setSaving(false);
    }
  };
  const today = new Date().getFullYear();
  const initial: Partial<ProgrammeForm> = {
    kind: 'coordination_programme',
    status: 'in_force',
    province: national ? '' : (user?.province_code ?? ''),
    from: `${today}-01-01`,
    to: `${today + 2}-12-31`,
    review: ['year'],
    legal_basis: [{ number: '', date: '', issuer: '', title: '' }],
    contents: [{ number: 1, text: '' }],
    partners: [],
  };
  const required = [{ required: true, whitespace: true, message: t('common.required') }];

  return (
    <div className="prog-stack" data-testid="programme-form-page">
      <Link to={editing ? `/programmes/${id}` : '/programmes'}>← {t('prog.back')}</Link>
      <h1 className="page-title">{editing ? t('prog.editTitle', { name: existing.data?.title ?? '' }) : t('prog.create')}</h1>
      {general.length > 0 && <Alert type="error" showIcon title={general.join(' ')} data-testid="programme-form-error" />}
      <Form form={form} layout="vertical" initialValues={initial} onFinish={save} data-testid="programme-form">
        <div className="prog-stack">
          <Panel>
            <div className="prog-form-row">
              <Form.Item name="code" label={t('prog.code')} rules={required} style={{ flex: '0 1 220px' }}>
                <Input maxLength={60} />
              </Form.Item>
              <Form.Item name="kind" label={t('prog.kind')} rules={required}>
                <Select options={PROGRAMME_KINDS.map((k) => ({ value: k, label: t(`prog.kind.${k}`) }))} />
              </Form.Item>
              <Form.Item name="status" label={t('prog.status')}>
                <Select options={PROGRAMME_STATUSES.map((s) => ({ value: s, label: t(`prog.status.${s}`) }))} />
              </Form.Item>
              {national ? (
                <Form.Item name="province" label={t('prog.province')} extra={t('prog.provinceHelp')}>
                  <Select
                    showSearch={searchable}
                    options={[{ value: '', label: t('prog.national') }, ...provinces.map((p) => ({ value: p.code, label: provinceName(p, lang) }))]}
                  />
                </Form.Item>
              ) : null}
            </div>
            <Form.Item name="title" label={t('prog.name')} rules={required}>
              <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} />
            </Form.Item>
            <Form.Item name="title_en" label={t('prog.nameEn')}>
              <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} />
            </Form.Item>
            <div className="prog-form-row">
              <Form.Item name="from" label={t('prog.from')} rules={required}>
                <DateInput />
              </Form.Item>
              <Form.Item name="to" label={t('prog.to')} rules={required}>
                <DateInput />
              </Form.Item>
              <Form.Item name="signed_on" label={t('prog.signedOn')}>
                <DateInput />
              </Form.Item>
            </div>
            <div className="prog-form-row">
              <Form.Item name="signatories" label={t('prog.signatories')} className="prog-grow">
                <Input />
              </Form.Item>
              <Form.Item name="review" label={t('prog.review')}>
                <Select mode="multiple" options={REVIEWS.map((r) => ({ value: r, label: t(`prog.review.${r}`) }))} />
              </Form.Item>
            </div>
            <Form.Item name="partners" label={t('prog.partners')}>
              <Select
                mode="multiple"
                showSearch={searchable}
                loading={partners.loading}
                options={(partners.data?.items ?? []).map((p) => ({ value: p.id, label: p.short_name ? `${p.name} (${p.short_name})` : p.name }))}
              />
            </Form.Item>
          </Panel>
          <Panel title={<h2>{t('prog.legalBasis')}</h2>}>
            <Form.List name="legal_basis">
              {(fields, { add, remove }) => (
                <>
                  {fields.map((field) => (
                    <div key={field.key} className="prog-form-row prog-legal-row">
                      <Form.Item name={[field.name, 'number']} label={t('prog.legal.number')} style={{ flex: '1 1 190px' }}>
                        <Input />
                      </Form.Item>
                      <Form.Item name={[field.name, 'date']} label={t('prog.legal.date')}>
                        <DateInput />
                      </Form.Item>
                      <Form.Item name={[field.name, 'issuer']} label={t('prog.legal.issuer')}>
                        <Input />
                      </Form.Item>
                      <Form.Item name={[field.name, 'title']} label={t('prog.legal.title')} className="prog-grow">
                        <Input />
                      </Form.Item>
                      <Button className="prog-remove" onClick={() => remove(field.name)} aria-label={`${t('prog.remove')} (${t('prog.legalBasis')} ${field.name + 1})`}>
                        ×
                      </Button>
                    </div>
                  ))}
                  <Button onClick={() => add({ number: '', date: '', issuer: '', title: '' })}>{t('prog.legal.add')}</Button>
                </>
              )}
            </Form.List>
          </Panel>
          <Panel title={<h2>{t('prog.contents')}</h2>}>
            <Form.List name="contents">
              {(fields, { add, remove }) => (
                <>
                  {fields.map((field, i) => (
                    <div key={field.key} className="prog-form-row">
                      <Form.Item name={[field.name, 'number']} label={t('prog.content.number')} className="prog-narrow">
                        <InputNumber min={1} max={999} style={{ width: '100%' }} />
                      </Form.Item>
                      <Form.Item name={[field.name, 'text']} label={t('prog.content.text')} className="prog-grow">
                        <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} data-testid={`content-text-${i}`} />
                      </Form.Item>
                      <Button className="prog-remove" onClick={() => remove(field.name)} aria-label={`${t('prog.remove')} (${t('prog.contents')} ${i + 1})`}>
                        ×
                      </Button>
                    </div>
                  ))}
                  <Button onClick={() => add({ number: fields.length + 1, text: '' })} data-testid="content-add">
                    {t('prog.content.add')}
                  </Button>
                </>
              )}
            </Form.List>
          </Panel>
          <Space wrap>
            <Button type="primary" htmlType="submit" loading={saving} data-testid="programme-save">
              {t('common.save')}
            </Button>
            <Link to={editing ? `/programmes/${id}` : '/programmes'}>
              <Button>{t('common.cancel')}</Button>
            </Link>
          </Space>
        </div>
      </Form>
    </div>
  );
}
