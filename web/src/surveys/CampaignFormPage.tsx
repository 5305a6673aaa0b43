// A new campaign: its questionnaire, title, year, opening and closing days, and scope (a province —
// a province account's own, fixed —, kinds and sectors, the registry's lists). The server makes one
// personal link per active organisation of the scope.
import { Alert, Button, Form, Input, InputNumber, Select, Space } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useSession } from '../account/session';
import { ApiError } from '../api/client';
import { Panel } from '../components/Panel';
import { provinceName, useProvinces } from '../geo/units';
import type { MessageKey } from '../i18n/catalogue';
import { searchable } from '../lib/fold';
import { useApi } from '../lib/useApi';
import { KINDS, SECTORS } from '../registry/types';
import { createCampaign, listQuestionnaires } from './api';
import { inLang, isNational, isOfficial } from './logic';
import { DateField, OfficialsOnly } from './parts';
import { useT } from './strings';
import './surveys.css';

interface Values {
  questionnaire_id?: number;
  title_vi?: string;
  title_en?: string;
  year?: number;
  opens_on?: string;
  closes_on?: string;
  province?: string;
  kinds?: string[];
  sectors?: string[];
}

export default function CampaignFormPage() {
  const { t, lang } = useT();
  const { user } = useSession();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const official = isOfficial(user?.role);
  const national = isNational(user?.role);
  const provinces = useProvinces();
  const questionnaires = useApi((signal) => (official ? listQuestionnaires(signal) : Promise.resolve(undefined)), [official]);
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<string[]>([]);
  if (!official) return <OfficialsOnly />;
  const preset = Number(params.get('questionnaire')) || undefined;

  const submit = async (v: Values) => {
    setBusy(true);
    setErrors([]);
    try {
      const title = v.title_vi?.trim() ? { vi: v.title_vi.trim(), en: v.title_en?.trim() ?? '' } : undefined;
      const made = await createCampaign({
        questionnaire_id: v.questionnaire_id,
        ...(title ? { title } : {}),
        year: v.year,
        opens_on: v.opens_on,
        closes_on: v.closes_on,
        scope: { province: national ? v.province || null : (user?.province_code ?? null), kinds: v.kinds ?? [], sectors: v.sectors ?? [] },
      });
      navigate(`/surveys/campaigns/${made.id}`, { state: { created: made.targets } });
    } catch (e) {
      if (e instanceof ApiError && e.fields.length) {
        // Each error next to its field (scope.province → "province", title.vi → "title_vi"); the
        // others (no target in the scope) above the form.
        const rest: string[] = [];
        for (const f of e.fields) {
          const m = /^(?:scope\.)?(questionnaire_id|year|opens_on|closes_on|province|kinds|sectors)$/.exec(f.field);
          const name = m ? m[1] : /^title(\.vi)?$/.test(f.field) ? 'title_vi' : f.field === 'title.en' ? 'title_en' : null;
          if (name) form.setFields([{ name: name as keyof Values, errors: [f.message] }]);
          else rest.push(f.message);
        }
        setErrors(rest);
      } else setErrors([(e as Error).message]);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="sv-page" data-testid="campaign-form-page">
      <Link to="/surveys/campaigns">← {t('cp.back')}</Link>
      <h1 className="page-title" style={{ margin: 0 }}>
        {t('cp.add')}
      </h1>
      {errors.length > 0 && (
        <Alert
          type="error"
          showIcon
          data-testid="campaign-form-error"
          title={errors.length === 1 ? errors[0] : t('common.error')}
          description={errors.length > 1 ? <ul className="sv-errors">{errors.map((m, i) => <li key={i}>{m}</li>)}</ul> : undefined}
        />
      )}
      <Panel>
        <Form<Values>
          form={form}
          layout="vertical"
          onFinish={submit}
          initialValues={{ questionnaire_id: preset, year: new Date().getFullYear(), province: national ? '' : (user?.province_code ?? ''), kinds: ['cooperative'], sectors: [] }}
          data-testid="campaign-form"
          style={{ maxWidth: 720 }}
        >
          <Form.Item name="questionnaire_id" label={t('cp.questionnaire')} rules={[{ required: true, message: t('cp.required') }]}>
            <Select
              showSearch={searchable}
              loading={questionnaires.loading}
              options={(questionnaires.data?.items ?? []).map((q) => ({ value: q.id, label: `${inLang(q.title, lang)} (${q.form_id} v${q.version})` }))}
            />
          </Form.Item>
          <Form.Item name="title_vi" label={t('cp.name')} extra={t('cp.nameHelp')}>
            <Input maxLength={300} />
          </Form.Item>
          <Form.Item name="title_en" label={t('cp.nameEn')}>
            <Input maxLength={300} />
          </Form.Item>
          <div className="sv-bar" style={{ alignItems: 'flex-start', justifyContent: 'flex-start', gap: '0 12px' }}>
            <Form.Item name="year" label={t('cp.year')} rules={[{ required: true, message: t('cp.required') }]} style={{ flex: '0 1 120px' }}>
              <InputNumber min={2000} max={2100} style={{ width: '100%' }} />
            </Form.Item>
            <Form.Item name="opens_on" label={t('cp.opensOn')} rules={[{ required: true, message: t('cp.required') }]} style={{ flex: '1 1 160px' }}>
              <DateField id="opens_on" />
            </Form.Item>
            <Form.Item name="closes_on" label={t('cp.closesOn')} rules={[{ required: true, message: t('cp.required') }]} style={{ flex: '1 1 160px' }}>
              <DateField id="closes_on" />
            </Form.Item>
          </div>
          <p className="muted">{t('cp.scopeHelp')}</p>
          <Form.Item name="province" label={t('cp.province')} extra={national ? undefined : t('cp.provinceFixed')}>
            <Select
              disabled={!national}
              showSearch={searchable}
              options={[...(national ? [{ value: '', label: t('cp.national') }] : []), ...provinces.map((p) => ({ value: p.code, label: provinceName(p, lang) }))]}
            />
          </Form.Item>
          <Form.Item name="kinds" label={t('cp.kinds')}>
            <Select mode="multiple" allowClear placeholder={t('cp.allKinds')} options={KINDS.map((k) => ({ value: k, label: t(`kind.${k}` as MessageKey) }))} />
          </Form.Item>
          <Form.Item name="sectors" label={t('cp.sectors')}>
            <Select mode="multiple" allowClear placeholder={t('cp.allSectors')} options={SECTORS.map((s) => ({ value: s, label: t(`sector.${s}` as MessageKey) }))} />
          </Form.Item>
          <Space>
            <Button type="primary" htmlType="submit" loading={busy} data-testid="campaign-submit">
              {t('cp.create')}
            </Button>
            <Link to="/surveys/campaigns">
              <Button>{t('common.cancel')}</Button>
            </Link>
          </Space>
        </Form>
      </Panel>
    </div>
  );
}
