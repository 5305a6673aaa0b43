// "Quỹ hỗ trợ": the national fund and the provinces' funds — capital, lending rules, officers and
// lending so far (applications under review, loans outstanding, outstanding principal), each with
// links to its applications and loans. Administrators add a fund and change one (national: any;
// province: its own), in a dialog whose field errors come from the API.
import { Alert, Button, Form, Input, InputNumber, Result, Select } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { useSession } from '../account/session';
import { listUsers } from '../admin/api';
import { Panel } from '../components/Panel';
import { PrintHeader } from '../components/PrintHeader';
import { provinceName, useProvinces } from '../geo/units';
import { formatNumber } from '../i18n/format';
import { searchable } from '../lib/fold';
import { useApi } from '../lib/useApi';
import { createFund, updateFund } from './api';
import { FormDialog, useDialog } from './dialog';
import { mayManageFund, normaliseRate, seesFund } from './logic';
import { FundTabs, Money, MoneyInput, RulesList, useFunds } from './parts';
import { useT } from './strings';
import type { Fund } from './types';

export default function FundsPage() {
  const { t, lang } = useT();
  const { user } = useSession();
  const { funds, loading, error, reload } = useFunds();
  const [editing, setEditing] = useState<Fund | 'new' | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  if (!seesFund(user?.role)) return <Result status="403" title="403" subTitle={t('fund.forbidden')} />;
  const mayAdd = user?.role === 'national_admin' || user?.role === 'province_admin';
  const n = (v: number) => formatNumber(v, lang);
  return (
    <div className="fund-page" data-testid="funds-page">
      <PrintHeader title={t('fund.funds.title')} />
      <FundTabs role={user?.role} />
      <div className="fund-head">
        <h1 className="page-title" style={{ margin: 0 }}>
          {t('fund.funds.title')}
        </h1>
        {mayAdd && (
          <Button type="primary" className="no-print" onClick={() => setEditing('new')} data-testid="fund-add">
            {t('fund.funds.add')}
          </Button>
        )}
      </div>
      <p className="muted" style={{ margin: 0 }}>
        {t('fund.funds.intro')}
      </p>
      {notice && <Alert type="success" showIcon closable title={notice} onClose={() => setNotice(null)} data-testid="fund-notice" />}
      {error && <Alert type="error" showIcon title={error.message} action={<Button size="small" onClick={reload}>{t('common.retry')}</Button>} />}
      {!loading && !funds.length && !error && <p className="muted">{t('fund.funds.none')}</p>}
      <div className="fund-cols">
        {funds.map((f) => (
          <Panel
            key={f.id}
            testId={`fund-${f.id}`}
            title={<h2>{f.name}</h2>}
            extra={
              mayManageFund(user, f) ? (
                <Button size="small" className="no-print" onClick={() => setEditing(f)} data-testid={`fund-edit-${f.id}`}>
                  {t('common.edit')}
                </Button>
              ) : undefined
            }
          >
            <dl className="fund-dl">
              <dt>{t('fund.level')}</dt>
              <dd>{f.province ? f.province.name : t('fund.national')}</dd>
              <dt>{t('fund.capital')}</dt>
              <dd>
                <Money vnd={f.capital_vnd} testId="fund-capital" />
              </dd>
              <dt>{t('fund.summary.open')}</dt>
              <dd>{n(f.summary?.applications_open ?? 0)}</dd>
              <dt>{t('fund.summary.active')}</dt>
              <dd>{n(f.summary?.loans_active ?? 0)}</dd>
              <dt>{t('fund.summary.outstanding')}</dt>
              <dd>
                <Money vnd={f.summary?.outstanding_principal_vnd ?? 0} testId="fund-outstanding" />
              </dd>
              <dt>{t('fund.officers')}</dt>
              <dd>{f.officers?.length ? f.officers.map((o) => o.display_name || o.username).join(', ') : <span className="muted">{t('fund.officersNone')}</span>}</dd>
            </dl>
            <h3 style={{ fontSize: 14, margin: '12px 0 6px' }}>{t('fund.rules')}</h3>
            <RulesList rules={f.rules} />
            <div className="no-print" style={{ display: 'flex', flexWrap: 'wrap', gap: '4px 16px', marginTop: 10 }}>
              <Link to={`/fund/applications?fund_id=${f.id}`}>{t('fund.seeApplications')}</Link>
              <Link to={`/fund/loans?fund_id=${f.id}`}>{t('fund.seeLoans')}</Link>
            </div>
          </Panel>
        ))}
      </div>
      {editing && (
        <FundDialog
          fund={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onDone={() => {
            setEditing(null);
            setNotice(t('fund.funds.saved'));
            reload();
          }}
        />
      )}
    </div>
  );
}

interface FundValues {
  name: string;
  province: string;
  capital_vnd: number;
  rules: { max_amount_vnd?: number | null; max_term_months?: number | null; default_rate_percent_year?: string; max_grace_months?: number | null };
  officer_ids: number[];
}

const FIELDS = ['name', 'province', 'capital_vnd', 'rules', 'rules.max_amount_vnd', 'rules.max_term_months', 'rules.default_rate_percent_year', 'rules.max_grace_months', 'officer_ids'];

function FundDialog({ fund, onClose, onDone }: { fund: Fund | null; onClose: () => void; onDone: (f: Fund) => void }) {
  const { t, lang } = useT();
  const { user } = useSession();
  const provinces = useProvinces();
  const national = user?.role === 'national_admin';
  // The accounts officers are chosen from (the administrators' list of accounts): staff of the fund's province and national staff.
  const staff = useApi((signal) => listUsers(signal), []);
  const { form, busy, error, submit } = useDialog<FundValues, Fund>(
    FIELDS,
    (v) => {
      const empty = (x: number | null | undefined) => (x === undefined || x === null ? null : Number(x));
      const rate = (v.rules?.default_rate_percent_year ?? '').trim();
      const body: Record<string, unknown> = {
        name: v.name.trim(),
        capital_vnd: Number(v.capital_vnd ?? 0),
        rules: {
          max_amount_vnd: empty(v.rules?.max_amount_vnd),
          max_term_months: empty(v.rules?.max_term_months),
          default_rate_percent_year: rate ? (normaliseRate(rate) ?? rate) : null,
          max_grace_months: empty(v.rules?.max_grace_months),
        },
      };
      if (!staff.error) body.officer_ids = v.officer_ids ?? [];
      if (!fund && v.province) body.province = v.province;
      return fund ? updateFund(fund.id, body) : createFund(body);
    },
    onDone,
  );
  const province = Form.useWatch('province', form) ?? fund?.province?.code ?? (national ? '' : (user?.province_code ?? ''));
  const officers = (staff.data?.items ?? []).filter(
    (u) => u.role !== 'partner' && u.role !== 'cooperative' && (!u.province_code || u.province_code === province),
  );
  const required = [{ required: true, whitespace: true, message: t('common.required') }];
  return (
    <FormDialog<FundValues>
      title={fund ? t('fund.funds.edit') : t('fund.funds.add')}
      form={form}
      busy={busy}
      error={error}
      onOk={submit}
      onClose={onClose}
      testId="fund-form"
      width={640}
      initialValues={{
        name: fund?.name ?? '',
        province: fund?.province?.code ?? (national ? '' : (user?.province_code ?? '')),
        capital_vnd: fund?.capital_vnd ?? 0,
        rules: {
          max_amount_vnd: fund?.rules?.max_amount_vnd ?? null,
          max_term_months: fund?.rules?.max_term_months ?? null,
          default_rate_percent_year: fund?.rules?.default_rate_percent_year?.replace('.', lang === 'vi' ? ',' : '.') ?? '',
          max_grace_months: fund?.rules?.max_grace_months ?? null,
        },
        officer_ids: fund?.officers?.map((o) => o.id) ?? [],
      }}
    >
      <Form.Item name="name" label={t('fund.name')} rules={required}>
        <Input maxLength={300} data-testid="fund-name" />
      </Form.Item>
      <Form.Item name="province" label={t('fund.province')} extra={t('fund.provinceHelp')}>
        <Select
          disabled={!!fund || !national}
          showSearch={searchable}
          data-testid="fund-province"
          options={[{ value: '', label: t('fund.national') }, ...provinces.map((p) => ({ value: p.code, label: provinceName(p, lang) }))]}
        />
      </Form.Item>
      <Form.Item name="capital_vnd" label={t('fund.capital')} rules={[{ required: true, message: t('common.required') }]}>
        <MoneyInput data-testid="fund-capital-input" />
      </Form.Item>
      <fieldset className="fund-fieldset">
        <legend>{t('fund.rules')}</legend>
        <p className="muted" style={{ marginTop: 0 }}>
          {t('fund.rules.emptyHelp')}
        </p>
        <Form.Item name={['rules', 'max_amount_vnd']} label={t('fund.rules.maxAmount')}>
          <MoneyInput />
        </Form.Item>
        <Form.Item name={['rules', 'max_term_months']} label={t('fund.rules.maxTerm')}>
          <InputNumber min={1} max={600} precision={0} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item
          name={['rules', 'default_rate_percent_year']}
          label={t('fund.rules.rate')}
          rules={[{ validator: (_, v) => (!v || normaliseRate(v) !== null ? Promise.resolve() : Promise.reject(new Error(t('fund.rate.invalid')))) }]}
        >
          <Input inputMode="decimal" maxLength={10} />
        </Form.Item>
        <Form.Item name={['rules', 'max_grace_months']} label={t('fund.rules.maxGrace')}>
          <InputNumber min={0} max={600} precision={0} style={{ width: '100%' }} />
        </Form.Item>
      </fieldset>
      {!staff.error && (
        <Form.Item name="officer_ids" label={t('fund.officers')}>
          <Select
            mode="multiple"
            showSearch={searchable}
            loading={staff.loading}
            data-testid="fund-officers"
            options={officers.map((u) => ({ value: u.id, label: u.display_name ? `${u.display_name} (${u.username})` : u.username }))}
          />
        </Form.Item>
      )}
    </FormDialog>
  );
}
