import { Alert, Button, Card, Checkbox, Col, DatePicker, Form, Input, InputNumber, Result, Row, Select, Space, Spin, message } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError } from '../api/client';
import { applyFieldErrors } from '../components/formErrors';
import { provinceName, useProvinces } from '../geo/units';
import { datePattern } from '../i18n/format';
import { useI18n } from '../i18n/I18nProvider';
import { useApi } from '../lib/useApi';
import { createEntity, getEntity, updateEntity } from './api';
import { KINDS, SECTORS, type Entity } from './types';
import { searchable } from '../lib/fold';

// Form values: the API's member names, dates as Dayjs.
interface Values {
  kind?: string;
  name?: string;
  registration_code?: string;
  tax_code?: string;
  province_code?: string;
  province_as_of?: Dayjs | null;
  commune_code?: string;
  address?: string;
  sector?: string | null;
  founded_on?: Dayjs | null;
  women_managed?: boolean;
  youth?: boolean;
  chair_name?: string;
  chair_sex?: string | null;
  chair_birth_year?: number | null;
  phone?: string;
  email?: string;
  union_registration_code?: string;
}

export const FORM_FIELDS = [
  'kind', 'name', 'registration_code', 'tax_code', 'province_code', 'province_as_of', 'commune_code', 'address', 'sector',
  'founded_on', 'women_managed', 'youth', 'chair_name', 'chair_sex', 'chair_birth_year', 'phone', 'email',
  'union_registration_code',
] as const;

/** The JSON body for the API: ISO dates, trimmed text, empty optional text as null. */
export function toBody(values: Values): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const key of FORM_FIELDS) {
    const v = values[key];
    if (v === undefined) continue;
    if (dayjs.isDayjs(v)) body[key] = v.format('YYYY-MM-DD');
    else if (typeof v === 'string') body[key] = v.trim() === '' ? null : v.trim();
    else body[key] = v;
  }
  return body;
}

/** Only the members that differ from the stored entity (PATCH). */
export function changedMembers(body: Record<string, unknown>, entity: Entity): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(body)) {
    const stored = (entity as unknown as Record<string, unknown>)[key];
    const a = value === '' ? null : value;
    const b = stored === '' || stored === undefined ? null : stored;
    if (JSON.stringify(a) !== JSON.stringify(b)) out[key] = value;
  }
  return out;
}

function toValues(e: Entity): Values {
  return {
    kind: e.kind,
    name: e.name,
    registration_code: e.registration_code,
    tax_code: e.tax_code,
    province_code: e.province_code,
    province_as_of: e.province_as_of ? dayjs(e.province_as_of) : null,
    commune_code: e.commune_code ?? '',
    address: e.address,
    sector: e.sector,
    founded_on: e.founded_on ? dayjs(e.founded_on) : null,
    women_managed: e.women_managed,
    youth: e.youth,
    chair_name: e.chair_name,
    chair_sex: e.chair_sex ?? null,
    chair_birth_year: e.chair_birth_year ?? null,
    phone: e.phone,
    email: e.email,
    union_registration_code: e.union_registration_code ?? '',
  };
}

export default function EntityFormPage() {
  const { id } = useParams();
  const editing = id !== undefined;
  const { t, lang } = useI18n();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [notice, contextHolder] = message.useMessage();
  const current = useProvinces();
  const legacy = useProvinces('2025-06-30');
  const entity = useApi(
    (signal) => (editing ? getEntity(id, signal) : Promise.resolve(undefined)),
    [id],
  );
  useEffect(() => {
    if (entity.data) form.setFieldsValue(toValues(entity.data));
  }, [entity.data, form]);

  const provinceOptions = useMemo(() => {
    const codes = [...new Set([...current.map((p) => p.code), ...legacy.map((p) => p.code)])].sort();
    return codes.map((code) => {
      const now = current.find((p) => p.code === code);
      const before = legacy.find((p) => p.code === code);
      const name = provinceName(now ?? before, lang);
      let label = t('form.province', { code, name });
      if (now && before && name !== provinceName(before, lang)) label = t('form.provinceRenamed', { code, name, before: provinceName(before, lang) });
      else if (!now && before) label = t('form.provinceClosed', { code, name });
      return { value: code, label };
    });
  }, [current, legacy, lang, t]);

  if (editing && entity.loading && !entity.data) return <Spin style={{ display: 'block', margin: 48 }} />;
  if (editing && entity.error) return <Result status="404" title={t('entity.notFound')} extra={<Link to="/registry">{t('entity.back')}</Link>} />;

  const submit = async (values: Values) => {
    setBusy(true);
    setError(null);
    try {
      const body = toBody(values);
      if (editing && entity.data) {
        const patch = changedMembers(body, entity.data);
        if (Object.keys(patch).length === 0) {
          void notice.info(t('form.noChanges'));
          return;
        }
        await updateEntity(id, patch);
        void notice.success(t('common.saved'));
        navigate(`/registry/${id}`);
      } else {
        for (const k of Object.keys(body)) if (body[k] === null) delete body[k];
        const created = await createEntity(body);
        void notice.success(t('form.created', { name: created.name }));
        navigate(`/registry/${created.id}`);
      }
    } catch (e) {
      if (e instanceof ApiError) {
        const unplaced = applyFieldErrors(form, e, [...FORM_FIELDS]);
        const others = e.fields.filter((f) => !(FORM_FIELDS as readonly string[]).includes(f.field)).map((f) => `${f.field}: ${f.message}`);
        setError(e.fields.length && !unplaced ? t('common.fixErrors') : [e.message, ...others].join(' '));
      } else {
        setError(String(e));
      }
    } finally {
      setBusy(false);
    }
  };

  const dateFormat = datePattern(lang);
  const req = [{ required: true, message: t('common.required') }];
  return (
    <>
      {contextHolder}
      <Link to={editing ? `/registry/${id}` : '/registry'}>← {t('common.back')}</Link>
      <h1 className="page-title" style={{ marginTop: 8 }}>
        {editing ? t('form.editTitle', { name: entity.data?.name ?? '' }) : t('form.createTitle')}
      </h1>
      <Form
        form={form}
        layout="vertical"
        onFinish={submit}
        onFinishFailed={() => setError(t('common.fixErrors'))}
        initialValues={editing ? undefined : { kind: 'cooperative', women_managed: false, youth: false }}
        scrollToFirstError={{ focus: true }}
        data-testid="entity-form"
      >
        <div aria-live="assertive" role="alert">
          {error && <Alert type="error" title={error} showIcon style={{ marginBottom: 12 }} data-testid="form-error" />}
        </div>
        <Card title={t('form.section.identity')} size="small" style={{ marginBottom: 12 }}>
          <Row gutter={12}>
            <Col xs={24} md={12}>
              <Form.Item label={t('field.name')} name="name" rules={req}>
                <Input maxLength={300} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item label={t('field.kind')} name="kind" rules={req}>
                <Select options={KINDS.map((k) => ({ value: k, label: t(`kind.${k}`) }))} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item label={t('field.registration_code')} name="registration_code" rules={req}>
                <Input maxLength={64} autoCapitalize="characters" />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item label={t('field.tax_code')} name="tax_code">
                <Input maxLength={20} inputMode="numeric" />
              </Form.Item>
            </Col>
          </Row>
        </Card>
        <Card title={t('form.section.place')} size="small" style={{ marginBottom: 12 }}>
          <Row gutter={12}>
            <Col xs={24} md={12}>
              <Form.Item label={t('field.province_code')} name="province_code" rules={req}>
                <Select showSearch={searchable} options={provinceOptions} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item label={t('field.province_as_of')} name="province_as_of" extra={t('field.province_as_of_help')}>
                <DatePicker format={dateFormat} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item label={t('field.commune_code')} name="commune_code">
                <Input maxLength={10} inputMode="numeric" />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item label={t('field.address')} name="address">
                <Input maxLength={500} />
              </Form.Item>
            </Col>
          </Row>
        </Card>
        <Card title={t('form.section.profile')} size="small" style={{ marginBottom: 12 }}>
          <Row gutter={12}>
            <Col xs={24} md={12}>
              <Form.Item label={t('field.sector')} name="sector">
                <Select allowClear options={SECTORS.map((s) => ({ value: s, label: t(`sector.${s}`) }))} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item label={t('field.founded_on')} name="founded_on">
                <DatePicker format={dateFormat} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="women_managed" valuePropName="checked">
                <Checkbox>{t('field.women_managed')}</Checkbox>
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="youth" valuePropName="checked">
                <Checkbox>{t('field.youth')}</Checkbox>
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item label={t('field.union_registration_code')} name="union_registration_code">
                <Input maxLength={64} />
              </Form.Item>
            </Col>
          </Row>
        </Card>
        <Card title={t('form.section.contact')} size="small" style={{ marginBottom: 12 }}>
          <Row gutter={12}>
            <Col xs={24} md={12}>
              <Form.Item label={t('field.chair_name')} name="chair_name">
                <Input maxLength={200} />
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <Form.Item label={t('field.chair_sex')} name="chair_sex">
                <Select allowClear options={[{ value: 'female', label: t('sex.female') }, { value: 'male', label: t('sex.male') }]} />
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <Form.Item label={t('field.chair_birth_year')} name="chair_birth_year">
                <InputNumber min={1900} max={2100} style={{ width: '100%' }} controls={false} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item label={t('field.phone')} name="phone">
                <Input maxLength={30} type="tel" autoComplete="off" />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item label={t('field.email')} name="email">
                <Input maxLength={200} inputMode="email" autoComplete="off" spellCheck={false} />
              </Form.Item>
            </Col>
          </Row>
        </Card>
        <Space>
          <Button type="primary" htmlType="submit" loading={busy} data-testid="entity-save">
            {t('common.save')}
          </Button>
          <Link to={editing ? `/registry/${id}` : '/registry'}>
            <Button>{t('common.cancel')}</Button>
          </Link>
        </Space>
      </Form>
    </>
  );
}
