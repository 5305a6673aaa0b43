// "Hồ sơ vay vốn": the applications the caller may read — staff: their funds' (a province's staff
// also see national-fund applications of their province's entities); a cooperative: its own —
// filtered by fund, status and text (the filters in the address), page by page; on a phone, cards.
// "Lập hồ sơ vay" opens the new application: a cooperative applies for itself, staff pick the
// entity in the registry.
import { Alert, Button, Form, Input, InputNumber, Result, Select, Table } from 'antd';
import { useMemo, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useSession } from '../account/session';
import { EntityPicker } from '../activities/parts';
import { Panel } from '../components/Panel';
import { formatNumber } from '../i18n/format';
import { searchable } from '../lib/fold';
import { usePhone } from '../lib/media';
import { useApi, useDebounced } from '../lib/useApi';
import { createApplication, listApplications } from './api';
import { FormDialog, useDialog } from './dialog';
import { isStaff, paramsOf, seesFund, toParams } from './logic';
import { ApplicationStatusTag, dateText, Filters, FundSelect, FundTabs, Money, MoneyInput, Pager, PriorityFlags, RulesList, useFunds } from './parts';
import { useT, type Key } from './strings';
import { APPLICATION_STATUSES, type Application, type Fund } from './types';

const PAGE = 20;
const KEYS = ['fund_id', 'status', 'q'] as const;

export default function ApplicationsPage() {
  const { t, lang } = useT();
  const { user } = useSession();
  const phone = usePhone();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const filters = paramsOf(params, KEYS);
  const [text, setText] = useState(filters.q);
  const q = useDebounced(text, 300);
  const [offset, setOffset] = useState(0);
  const [adding, setAdding] = useState(params.get('new') === '1');
  const { funds } = useFunds();
  const query = useMemo(() => ({ fund_id: filters.fund_id, status: filters.status, q: q.trim() }), [filters.fund_id, filters.status, q]);
  const list = useApi((signal) => listApplications({ ...query, limit: PAGE, offset }, signal), [JSON.stringify(query), offset]);
  if (!seesFund(user?.role)) return <Result status="403" title="403" subTitle={t('fund.forbidden')} />;
  const staff = isStaff(user?.role);
  const set = (change: Record<string, string>) => {
    setParams(toParams({ ...filters, q: text, ...change }), { replace: true });
    setOffset(0);
  };
  const items = list.data?.items ?? [];
  const total = list.data?.total ?? 0;
  const active = [filters.fund_id, filters.status, text.trim()].filter(Boolean).length;
  return (
    <div className="fund-page" data-testid="applications-page">
      <FundTabs role={user?.role} />
      <div className="fund-head">
        <h1 className="page-title" style={{ margin: 0 }}>
          {staff ? t('fund.apps.title') : t('fund.apps.titleOwn')}
        </h1>
        <Button type="primary" onClick={() => setAdding(true)} data-testid="application-add">
          {staff ? t('fund.apps.add') : t('fund.apps.addOwn')}
        </Button>
      </div>
      <Filters
        testId="application-filters"
        active={active}
        onClear={() => {
          setText('');
          setParams({}, { replace: true });
          setOffset(0);
        }}
      >
        <div className="filter-field" style={{ flex: '2 1 240px' }}>
          <label htmlFor="app-q">{t('common.search')}</label>
          <Input
            id="app-q"
            allowClear
            value={text}
            placeholder={t('fund.apps.search')}
            onChange={(e) => {
              setText(e.target.value);
              setOffset(0);
            }}
            onBlur={() => set({})}
            data-testid="application-search"
          />
        </div>
        <div className="filter-field" style={{ flex: '2 1 200px' }}>
          <label htmlFor="app-fund">{t('fund.fund')}</label>
          <FundSelect id="app-fund" any funds={funds} value={filters.fund_id} onChange={(fund_id) => set({ fund_id })} />
        </div>
        <div className="filter-field" style={{ flex: '1 1 160px' }}>
          <label htmlFor="app-status">{t('fund.status')}</label>
          <Select
            id="app-status"
            value={filters.status}
            onChange={(status) => set({ status })}
            options={[{ value: '', label: t('fund.any') }, ...APPLICATION_STATUSES.map((s) => ({ value: s, label: t(`fund.appStatus.${s}` as Key) }))]}
          />
        </div>
      </Filters>
      {list.error && <Alert type="error" showIcon title={list.error.message} />}
      <Panel testId="application-list">
        {phone ? (
          <>
            <ul className="fund-cards">
              {items.map((a) => (
                <li key={a.id} className="fund-card" data-testid={`application-card-${a.id}`}>
                  <div className="fund-card-head">
                    <Link to={`/fund/applications/${a.id}`} className="fund-strong">
                      {a.code}
                    </Link>
                    <ApplicationStatusTag status={a.status} />
                  </div>
                  <div>{a.entity?.name}</div>
                  <PriorityFlags priority={a.priority} />
                  <div className="muted" style={{ fontSize: 13 }}>
                    {a.fund?.name} · {dateText(a.submitted_at, lang)}
                  </div>
                  <Money vnd={a.amount_vnd} strong />
                </li>
              ))}
            </ul>
            {!items.length && <p className="muted">{list.loading ? t('app.loading') : t('fund.apps.none')}</p>}
            <Pager total={total} offset={offset} onOffset={setOffset} page={PAGE} />
          </>
        ) : (
          <div className="table-scroll">
            <Table<Application>
              className="fund-table"
              rowKey="id"
              size="small"
              loading={list.loading}
              dataSource={items}
              locale={{ emptyText: t('fund.apps.none') }}
              scroll={{ x: 'max-content' }}
              onRow={(a) => ({ 'data-testid': `application-${a.id}` }) as React.HTMLAttributes<HTMLElement>}
              pagination={{
                current: Math.floor(offset / PAGE) + 1,
                pageSize: PAGE,
                total,
                showSizeChanger: false,
                onChange: (page) => setOffset((page - 1) * PAGE),
                showTotal: (n) => t('fund.count', { count: formatNumber(n, lang) }),
              }}
              columns={[
                {
                  key: 'code',
                  title: t('fund.code'),
                  render: (_, a) => (
                    <div>
                      <Link to={`/fund/applications/${a.id}`} className="fund-strong" style={{ whiteSpace: 'nowrap' }}>
                        {a.code}
                      </Link>
                      <div className="muted" style={{ fontSize: 12, whiteSpace: 'nowrap' }}>
                        {dateText(a.submitted_at, lang)}
                      </div>
                    </div>
                  ),
                },
                {
                  key: 'entity',
                  title: t('fund.entity'),
                  render: (_, a) => (
                    <div style={{ minWidth: 200, maxWidth: 'min(360px, 36vw)' }}>
                      {a.entity?.name}
                      <div>
                        <PriorityFlags priority={a.priority} />
                      </div>
                    </div>
                  ),
                },
                { key: 'fund', title: t('fund.fund'), render: (_, a) => <div style={{ minWidth: 120, maxWidth: 220 }}>{a.fund?.name}</div> },
                { key: 'amount', title: t('fund.amountShort'), className: 'fund-num', render: (_, a) => <Money vnd={a.amount_vnd} /> },
                { key: 'term', title: t('fund.terms.term'), className: 'fund-num', render: (_, a) => formatNumber(a.term_months, lang) },
                { key: 'status', title: t('fund.status'), render: (_, a) => <ApplicationStatusTag status={a.status} /> },
                { key: 'score', title: t('fund.scoreShort'), className: 'fund-num', render: (_, a) => (a.appraisal ? formatNumber(a.appraisal.score, lang) : '—') },
              ]}
            />
          </div>
        )}
      </Panel>
      {adding && (
        <NewApplication
          funds={funds}
          staff={staff}
          fundId={filters.fund_id}
          onClose={() => setAdding(false)}
          onDone={(a) => navigate(`/fund/applications/${a.id}`, { state: { notice: t('fund.apps.created', { code: a.code }) } })}
        />
      )}
    </div>
  );
}

interface NewValues {
  fund_id: string;
  entity_id?: number | null;
  amount_vnd: number;
  purpose: string;
  term_months: number;
  collateral?: string;
}

function NewApplication({ funds, staff, fundId, onClose, onDone }: { funds: Fund[]; staff: boolean; fundId: string; onClose: () => void; onDone: (a: Application) => void }) {
  const { t } = useT();
  const { form, busy, error, submit } = useDialog<NewValues, Application>(
    ['fund_id', 'entity_id', 'amount_vnd', 'purpose', 'term_months', 'collateral'],
    (v) =>
      createApplication({
        fund_id: Number(v.fund_id),
        ...(staff && v.entity_id ? { entity_id: v.entity_id } : {}),
        amount_vnd: Number(v.amount_vnd),
        purpose: v.purpose.trim(),
        term_months: Number(v.term_months),
        ...(v.collateral?.trim() ? { collateral: v.collateral.trim() } : {}),
      }),
    onDone,
  );
  const chosen = Form.useWatch('fund_id', form);
  const fund = funds.find((f) => String(f.id) === String(chosen));
  const required = [{ required: true, message: t('common.required') }];
  return (
    <FormDialog<NewValues>
      title={staff ? t('fund.apps.add') : t('fund.apps.addOwn')}
      form={form}
      busy={busy}
      error={error}
      onOk={submit}
      onClose={onClose}
      testId="application-form"
      width={640}
      initialValues={{ fund_id: fundId || (funds.length === 1 ? String(funds[0].id) : undefined), purpose: '', collateral: '' }}
    >
      <Form.Item name="fund_id" label={t('fund.fund')} rules={required}>
        <Select showSearch={searchable} data-testid="application-fund" options={funds.map((f) => ({ value: String(f.id), label: f.name }))} />
      </Form.Item>
      {fund && (
        <div style={{ marginBottom: 16 }}>
          <div className="muted" style={{ fontSize: 13 }}>
            {t('fund.fundRules', { fund: fund.name })}
          </div>
          <RulesList rules={fund.rules} testId="application-rules" />
        </div>
      )}
      {staff && (
        <Form.Item name="entity_id" label={t('fund.entity')} rules={required} extra={t('fund.entityHelp')}>
          <EntityPicker testId="application-entity" />
        </Form.Item>
      )}
      <Form.Item name="amount_vnd" label={t('fund.amount')} rules={required}>
        <MoneyInput data-testid="application-amount" />
      </Form.Item>
      <Form.Item name="term_months" label={t('fund.term')} rules={required}>
        <InputNumber min={1} max={600} precision={0} style={{ width: '100%' }} data-testid="application-term" />
      </Form.Item>
      <Form.Item name="purpose" label={t('fund.purpose')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} maxLength={4000} data-testid="application-purpose" />
      </Form.Item>
      <Form.Item name="collateral" label={t('fund.collateral')} extra={t('fund.collateralHelp')}>
        <Input.TextArea autoSize={{ minRows: 1, maxRows: 6 }} maxLength={2000} />
      </Form.Item>
    </FormDialog>
  );
}
