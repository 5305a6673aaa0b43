// "Khoản vay": the loans the caller may read (staff: their funds'; a cooperative: its own) as of a
// date — filtered by fund, status and arrears (the filters and the date in the address), page by
// page. Each line: the borrower and its flags, outstanding and overdue amounts exactly in đồng,
// days in arrears (a red tag with the number, never the colour alone), the next instalment; on a
// phone, cards.
import { Alert, Checkbox, Result, Select, Table } from 'antd';
import { useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useSession } from '../account/session';
import { DateInput } from '../activities/parts';
import { Panel } from '../components/Panel';
import { PrintHeader } from '../components/PrintHeader';
import { formatNumber } from '../i18n/format';
import { usePhone } from '../lib/media';
import { useApi } from '../lib/useApi';
import { listLoans } from './api';
import { isStaff, paramsOf, seesFund, toParams } from './logic';
import { ArrearsTag, dateText, Filters, FundSelect, FundTabs, LoanStatusTag, Money, Pager, PriorityFlags, useFunds } from './parts';
import { useT, type Key } from './strings';
import { LOAN_STATUSES, type Loan } from './types';

const PAGE = 20;
const KEYS = ['fund_id', 'status', 'in_arrears', 'as_of'] as const;

export default function LoansPage() {
  const { t, lang } = useT();
  const { user } = useSession();
  const phone = usePhone();
  const [params, setParams] = useSearchParams();
  const filters = paramsOf(params, KEYS);
  const [offset, setOffset] = useState(0);
  const { funds } = useFunds();
  const query = useMemo(
    () => ({ fund_id: filters.fund_id, status: filters.status, in_arrears: filters.in_arrears === 'true' ? true : undefined, as_of: filters.as_of }),
    [filters.fund_id, filters.status, filters.in_arrears, filters.as_of],
  );
  const list = useApi((signal) => listLoans({ ...query, limit: PAGE, offset }, signal), [JSON.stringify(query), offset]);
  if (!seesFund(user?.role)) return <Result status="403" title="403" subTitle={t('fund.forbidden')} />;
  const set = (change: Record<string, string>) => {
    setParams(toParams({ ...filters, ...change }), { replace: true });
    setOffset(0);
  };
  const items = list.data?.items ?? [];
  const total = list.data?.total ?? 0;
  const active = [filters.fund_id, filters.status, filters.in_arrears, filters.as_of].filter(Boolean).length;
  const asOfText = filters.as_of || list.data?.items[0]?.as_of;
  return (
    <div className="fund-page" data-testid="loans-page">
      <PrintHeader title={isStaff(user?.role) ? t('fund.loans.title') : t('fund.loans.titleOwn')} scope={asOfText ? `${t('fund.asOf')} ${dateText(asOfText, lang)}` : undefined} />
      <FundTabs role={user?.role} />
      <h1 className="page-title" style={{ margin: 0 }}>
        {isStaff(user?.role) ? t('fund.loans.title') : t('fund.loans.titleOwn')}
      </h1>
      <Filters testId="loan-filters" active={active} onClear={() => set({ fund_id: '', status: '', in_arrears: '', as_of: '' })}>
        <div className="filter-field" style={{ flex: '2 1 200px' }}>
          <label htmlFor="loan-fund">{t('fund.fund')}</label>
          <FundSelect id="loan-fund" any funds={funds} value={filters.fund_id} onChange={(fund_id) => set({ fund_id })} />
        </div>
        <div className="filter-field" style={{ flex: '1 1 160px' }}>
          <label htmlFor="loan-status">{t('fund.status')}</label>
          <Select
            id="loan-status"
            value={filters.status}
            onChange={(status) => set({ status })}
            options={[{ value: '', label: t('fund.any') }, ...LOAN_STATUSES.map((s) => ({ value: s, label: t(`fund.loanStatus.${s}` as Key) }))]}
          />
        </div>
        <div className="filter-field" style={{ flex: '1 1 150px' }}>
          <label htmlFor="loan-as-of">{t('fund.asOf')}</label>
          <DateInput id="loan-as-of" value={filters.as_of} onChange={(as_of) => set({ as_of })} />
        </div>
        <Checkbox
          checked={filters.in_arrears === 'true'}
          onChange={(e) => set({ in_arrears: e.target.checked ? 'true' : '' })}
          data-testid="loan-in-arrears"
          style={{ alignSelf: phone ? 'flex-start' : 'flex-end', paddingBottom: 6 }}
        >
          {t('fund.loans.inArrears')}
        </Checkbox>
      </Filters>
      {list.error && <Alert type="error" showIcon title={list.error.message} />}
      <Panel testId="loan-list">
        {phone ? (
          <>
            <ul className="fund-cards">
              {items.map((l) => (
                <li key={l.id} className={l.days_in_arrears > 0 ? 'fund-card fund-card-late' : 'fund-card'} data-testid={`loan-card-${l.id}`}>
                  <div className="fund-card-head">
                    <Link to={`/fund/loans/${l.id}${filters.as_of ? `?as_of=${filters.as_of}` : ''}`} className="fund-strong">
                      {l.code}
                    </Link>
                    <LoanStatusTag status={l.status} />
                  </div>
                  <div>{l.entity?.name}</div>
                  <PriorityFlags priority={l.priority} />
                  <div>
                    {t('fund.outstanding')}: <Money vnd={l.outstanding_principal_vnd} strong />
                  </div>
                  {l.overdue_principal_vnd + l.overdue_interest_vnd > 0 && (
                    <div>
                      {t('fund.overdue')}: <Money vnd={l.overdue_principal_vnd + l.overdue_interest_vnd} />
                    </div>
                  )}
                  <ArrearsTag days={l.days_in_arrears} />
                </li>
              ))}
            </ul>
            {!items.length && <p className="muted">{list.loading ? t('app.loading') : t('fund.loans.none')}</p>}
            {total > PAGE && <Pager total={total} offset={offset} onOffset={setOffset} page={PAGE} />}
          </>
        ) : (
          <div className="table-scroll">
            <Table<Loan>
              className="fund-table"
              rowKey="id"
              size="small"
              loading={list.loading}
              dataSource={items}
              locale={{ emptyText: t('fund.loans.none') }}
              scroll={{ x: 'max-content' }}
              onRow={(l) => ({ 'data-testid': `loan-${l.id}` }) as React.HTMLAttributes<HTMLElement>}
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
                  render: (_, l) => (
                    <Link to={`/fund/loans/${l.id}${filters.as_of ? `?as_of=${filters.as_of}` : ''}`} className="fund-strong" style={{ whiteSpace: 'nowrap' }}>
                      {l.code}
                    </Link>
                  ),
                },
                {
                  key: 'entity',
                  title: t('fund.entity'),
                  render: (_, l) => (
                    <div style={{ minWidth: 180, maxWidth: 'min(320px, 30vw)' }}>
                      {l.entity?.name}
                      <div className="muted" style={{ fontSize: 12 }}>
                        {l.fund?.name}
                      </div>
                      <PriorityFlags priority={l.priority} />
                    </div>
                  ),
                },
                { key: 'disbursed', title: t('fund.disbursed'), className: 'fund-num', render: (_, l) => <Money vnd={l.disbursed_vnd} /> },
                { key: 'outstanding', title: t('fund.outstanding'), className: 'fund-num', render: (_, l) => <Money vnd={l.outstanding_principal_vnd} strong /> },
                {
                  key: 'overdue',
                  title: t('fund.overdue'),
                  className: 'fund-num',
                  render: (_, l) => <Money vnd={l.overdue_principal_vnd + l.overdue_interest_vnd} />,
                },
                {
                  key: 'arrears',
                  title: t('fund.daysInArrears'),
                  render: (_, l) => (l.days_in_arrears > 0 ? <ArrearsTag days={l.days_in_arrears} /> : '—'),
                },
                {
                  key: 'next',
                  title: t('fund.nextDue'),
                  render: (_, l) =>
                    l.next_due ? (
                      <span style={{ whiteSpace: 'nowrap' }}>
                        <Money vnd={l.next_due.amount_vnd} /> <span className="muted">{dateText(l.next_due.due_on, lang)}</span>
                      </span>
                    ) : (
                      '—'
                    ),
                },
                { key: 'status', title: t('fund.status'), render: (_, l) => <LoanStatusTag status={l.status} /> },
              ]}
            />
          </div>
        )}
      </Panel>
    </div>
  );
}
