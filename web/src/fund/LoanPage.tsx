// A loan as of a date (in the address, today by default): the headline numbers (outstanding
// principal, overdue, days in arrears, what closes the loan — compact on the cards, exact in their
// title and accessible name), its terms, the repayment schedule (GET /loans/{id}/schedule; each
// line's state said by a mark and a word as well as its colour: paid, partly paid, overdue, due,
// not yet due; the versions before each rescheduling selectable), the disbursements, the
// repayments with their allocation to the lines, the reschedulings and the write-off. Staff in the
// fund's scope disburse, record repayments (the amount that closes the loan on that date shown),
// reschedule and request a write-off; an administrator other than the requester approves or
// rejects it. Every amount in a table is exact, in đồng.
import { Alert, Button, Form, Input, Modal, Result, Select, Space, Table, type ButtonProps } from 'antd';
import { useEffect, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { useSession } from '../account/session';
import { DateInput } from '../activities/parts';
import { ApiError } from '../api/client';
import { Panel } from '../components/Panel';
import { PrintHeader } from '../components/PrintHeader';
import { formatMoney, formatNumber, todayIso } from '../i18n/format';
import { usePhone } from '../lib/media';
import { useApi } from '../lib/useApi';
import { approveWriteOff, disburse, getLoan, getSchedule, listRepayments, rejectWriteOff, repay, requestWriteOff, reschedule } from './api';
import { TermsFields, TermsRows, TERMS_FIELDS } from './ApplicationPage';
import { FormDialog, useDialog } from './dialog';
import { isAdminRole, isStaff, lineClass, termsBody, type TermsValues } from './logic';
import { ArrearsTag, dateText, FundTabs, Kpi, LineStateTag, LoanStatusTag, Money, MoneyInput, PriorityFlags } from './parts';
import { useT, type Key } from './strings';
import type { Loan, Repayment, ScheduleLine } from './types';

type Action = 'disburse' | 'repay' | 'reschedule' | 'writeOff' | 'writeOffApprove' | 'writeOffReject';

export default function LoanPage() {
  const { id = '' } = useParams();
  const { t, lang } = useT();
  const { user } = useSession();
  const [params, setParams] = useSearchParams();
  const asOf = params.get('as_of') ?? '';
  const version = params.get('version') ?? '';
  const [tick, setTick] = useState(0);
  const loaded = useApi((signal) => getLoan(id, asOf || undefined, signal), [id, asOf, tick]);
  const schedule = useApi(
    (signal) => getSchedule(id, { as_of: asOf || undefined, ...(version !== '' ? { version: Number(version) } : {}) }, signal),
    [id, asOf, version, tick],
  );
  const repayments = useApi((signal) => listRepayments(id, signal), [id, tick]);
  const [action, setAction] = useState<Action | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  if (loaded.error && !loaded.data) {
    const missing = loaded.error instanceof ApiError && (loaded.error.status === 404 || loaded.error.status === 403);
    return (
      <Result
        status={missing ? '404' : 'error'}
        title={missing ? '404' : t('common.error')}
        subTitle={missing ? t('fund.notFound') : loaded.error.message}
        extra={<Link to="/fund/loans">{t('fund.loan.back')}</Link>}
      />
    );
  }
  const l = loaded.data;
  if (!l) return <div className="muted">{t('app.loading')}</div>;
  const staff = isStaff(user?.role);
  const done = (text: string) => {
    setAction(null);
    setNotice(text);
    setTick((n) => n + 1);
  };
  const setParam = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };
  const open = l.status === 'approved' || l.status === 'active';
  const left = l.terms.amount_vnd - l.disbursed_vnd;
  const wo = l.write_off;
  const versions = l.reschedulings?.length ?? 0;
  return (
    <div className="fund-page" data-testid="loan-page">
      <PrintHeader title={`${l.code} — ${l.entity.name}`} scope={`${t('fund.asOf')} ${dateText(l.as_of, lang)}`} />
      <FundTabs role={user?.role} />
      <div className="fund-head">
        <Link to="/fund/loans">← {t('fund.loan.back')}</Link>
        {staff && open && (
          <Space wrap data-testid="loan-actions" className="no-print">
            {left > 0 && (
              <Button type={l.status === 'approved' ? 'primary' : 'default'} onClick={() => setAction('disburse')} data-testid="loan-disburse">
                {t('fund.do.disburse')}
              </Button>
            )}
            {l.status === 'active' && (
              <Button type="primary" onClick={() => setAction('repay')} data-testid="loan-repay">
                {t('fund.do.repay')}
              </Button>
            )}
            {l.status === 'active' && (
              <Button onClick={() => setAction('reschedule')} data-testid="loan-reschedule">
                {t('fund.do.reschedule')}
              </Button>
            )}
            {l.status === 'active' && wo?.status !== 'requested' && (
              <Button danger onClick={() => setAction('writeOff')} data-testid="loan-write-off">
                {t('fund.do.writeOff')}
              </Button>
            )}
            {wo?.status === 'requested' && isAdminRole(user?.role) && (
              <>
                <Button danger type="primary" onClick={() => setAction('writeOffApprove')} data-testid="loan-write-off-approve">
                  {t('fund.do.writeOffApprove')}
                </Button>
                <Button onClick={() => setAction('writeOffReject')} data-testid="loan-write-off-reject">
                  {t('fund.do.writeOffReject')}
                </Button>
              </>
            )}
          </Space>
        )}
      </div>
      <h1 className="page-title" style={{ margin: 0 }} data-testid="loan-code">
        {l.code}
      </h1>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 6, alignItems: 'center' }}>
        <LoanStatusTag status={l.status} />
        <ArrearsTag days={l.days_in_arrears} />
        <PriorityFlags priority={l.priority} />
      </div>
      <div className="muted">
        <Link to={`/registry/${l.entity.id}`}>{l.entity.name}</Link> · {l.fund?.name} ·{' '}
        <Link to={`/fund/applications/${l.application_id}`}>{t('fund.loan.application')}</Link>
      </div>
      {notice && <Alert type="success" showIcon closable title={notice} onClose={() => setNotice(null)} data-testid="fund-notice" />}
      <div className="toolbar no-print" style={{ marginBottom: 0 }}>
        <div className="filter-field" style={{ flex: '0 1 200px' }}>
          <label htmlFor="loan-page-as-of">{t('fund.asOf')}</label>
          <DateInput id="loan-page-as-of" value={asOf || l.as_of} onChange={(v) => setParam('as_of', v)} />
        </div>
        <p className="muted" style={{ margin: 0, alignSelf: 'flex-end', fontSize: 13 }}>
          {t('fund.loan.asOfHelp')}
        </p>
      </div>
      <div className="fund-kpis" data-testid="loan-kpis">
        <Kpi label={t('fund.outstanding')} vnd={l.outstanding_principal_vnd} testId="kpi-outstanding" />
        <Kpi
          label={t('fund.overdue')}
          vnd={l.overdue_principal_vnd + l.overdue_interest_vnd}
          alert={l.overdue_principal_vnd + l.overdue_interest_vnd > 0}
          note={t('fund.overdueDetail', { principal: formatMoney(l.overdue_principal_vnd, lang), interest: formatMoney(l.overdue_interest_vnd, lang) })}
          testId="kpi-overdue"
        />
        <Kpi label={t('fund.daysInArrears')} value={formatNumber(l.days_in_arrears, lang)} alert={l.days_in_arrears > 0} testId="kpi-arrears" />
        <Kpi
          label={t('fund.toClose')}
          vnd={l.to_close_vnd}
          note={l.next_due ? `${t('fund.nextDue')}: ${t('fund.nextDueText', { amount: formatMoney(l.next_due.amount_vnd, lang), date: dateText(l.next_due.due_on, lang) })}` : undefined}
          testId="kpi-to-close"
        />
      </div>
      <div className="fund-cols">
        <Panel title={<h2>{t('fund.loan.termsNow')}</h2>} testId="loan-terms">
          <dl className="fund-dl">
            <TermsRows terms={l.terms} />
            <dt>{t('fund.disbursed')}</dt>
            <dd>
              <Money vnd={l.disbursed_vnd} />
            </dd>
            <dt>{t('fund.principalRepaid')}</dt>
            <dd>
              <Money vnd={l.principal_repaid_vnd} />
            </dd>
            <dt>{t('fund.interestRepaid')}</dt>
            <dd>
              <Money vnd={l.interest_repaid_vnd} />
            </dd>
          </dl>
        </Panel>
        {(versions > 0 || wo) && (
          <Panel title={<h2>{t('fund.reschedulings')}</h2>} testId="loan-history">
            {versions > 0 && (
              <ol style={{ margin: 0, paddingLeft: 18 }} data-testid="loan-reschedulings">
                {l.reschedulings!.map((r) => (
                  <li key={r.version}>
                    {t('fund.reschedulings.item', { n: String(r.version), date: dateText(r.on, lang), reason: r.reason })}
                    <div className="muted" style={{ fontSize: 12 }}>
                      {t('fund.by', { who: r.by, when: dateText(r.at, lang) })}
                    </div>
                  </li>
                ))}
              </ol>
            )}
            {wo && (
              <div data-testid="loan-write-off-state" style={{ marginTop: versions ? 12 : 0 }}>
                <strong>{t('fund.writeOff')}</strong>
                <div>
                  {t('fund.writeOff.line', {
                    status: t(`fund.writeOff.status.${wo.status}` as Key),
                    principal: formatMoney(wo.principal_vnd, lang),
                    date: dateText(wo.on, lang),
                    reason: wo.reason,
                  })}
                </div>
                <div className="muted" style={{ fontSize: 12 }}>
                  {t('fund.by', { who: wo.requested_by, when: dateText(wo.requested_at, lang) })}
                  {wo.decided_by ? ` · ${t('fund.writeOff.decided', { who: wo.decided_by })}` : ''}
                </div>
              </div>
            )}
          </Panel>
        )}
      </div>
      <Panel
        title={<h2>{t('fund.schedule')}</h2>}
        testId="loan-schedule"
        extra={
          versions > 0 ? (
            <div className="filter-field no-print" style={{ minWidth: 0 }}>
              <label htmlFor="loan-version">{t('fund.schedule.version')}</label>
              <Select
                id="loan-version"
                value={version}
                onChange={(v) => setParam('version', v)}
                style={{ minWidth: 200, maxWidth: '100%' }}
                data-testid="loan-version"
                options={[
                  { value: '', label: t('fund.schedule.current') },
                  ...Array.from({ length: versions }, (_, k) => ({ value: String(k), label: k === 0 ? t('fund.schedule.original') : t('fund.schedule.before', { n: String(k + 1) }) })),
                ]}
              />
            </div>
          ) : undefined
        }
      >
        {schedule.error && <Alert type="error" showIcon title={schedule.error.message} />}
        <ScheduleTable lines={schedule.data?.lines ?? []} totals={schedule.data?.totals} loading={schedule.loading} />
      </Panel>
      <div className="fund-cols">
        <Panel title={<h2>{t('fund.disbursements')}</h2>} testId="loan-disbursements">
          <div className="table-scroll">
            <Table
              size="small"
              rowKey="id"
              pagination={false}
              dataSource={l.disbursements ?? []}
              locale={{ emptyText: t('fund.disbursements.none') }}
              scroll={{ x: 'max-content' }}
              columns={[
                { key: 'date', title: t('fund.date'), render: (_: unknown, d) => <span style={{ whiteSpace: 'nowrap' }}>{dateText(d.date, lang)}</span> },
                { key: 'amount', title: t('fund.amountVnd'), className: 'fund-num', render: (_: unknown, d) => <Money vnd={d.amount_vnd} /> },
                { key: 'by', title: t('fund.recordedBy'), render: (_: unknown, d) => d.by },
              ]}
            />
          </div>
        </Panel>
        <Panel title={<h2>{t('fund.repayments')}</h2>} testId="loan-repayments">
          {repayments.error && <Alert type="error" showIcon title={repayments.error.message} />}
          <Repayments items={repayments.data?.items ?? []} loading={repayments.loading} />
        </Panel>
      </div>
      {action === 'disburse' && <DisburseDialog loan={l} onClose={() => setAction(null)} onDone={() => done(t('fund.disburse.done'))} />}
      {action === 'repay' && <RepayDialog loan={l} onClose={() => setAction(null)} onDone={() => done(t('fund.repay.done'))} />}
      {action === 'reschedule' && <RescheduleDialog loan={l} onClose={() => setAction(null)} onDone={() => done(t('fund.reschedule.done'))} />}
      {action === 'writeOff' && <WriteOffDialog loan={l} onClose={() => setAction(null)} onDone={() => done(t('fund.writeOff.requested'))} />}
      {action === 'writeOffReject' && <WriteOffRejectDialog loan={l} onClose={() => setAction(null)} onDone={() => done(t('fund.writeOff.rejected'))} />}
      {action === 'writeOffApprove' && <WriteOffApproveDialog loan={l} onClose={() => setAction(null)} onDone={() => done(t('fund.writeOff.approved'))} />}
    </div>
  );
}

/** The schedule: one row per line, its state in words (and colour), then the totals. */
export function ScheduleTable({ lines, totals, loading }: { lines: ScheduleLine[]; totals?: { principal_vnd: number; interest_vnd: number; paid_vnd: number }; loading?: boolean }) {
  const { t, lang } = useT();
  const phone = usePhone();
  // On a phone, one block per line: its state and amounts always in sight, nothing to scroll sideways.
  if (phone)
    return lines.length ? (
      <>
        <ol className="fund-lines">
          {lines.map((x) => (
            <li key={`${x.version}-${x.number}`} className={lineClass(x.state)} data-testid={`line-${x.number}`} data-state={x.state}>
              <div className="fund-line-head">
                <span className="fund-strong">
                  {t('fund.line.number')} {formatNumber(x.number, lang)} · {dateText(x.due_on, lang)}
                </span>
                <span data-testid={`line-${x.number}-state`}>
                  <LineStateTag state={x.state} />
                </span>
              </div>
              <dl className="fund-line-dl">
                <dt>{t('fund.line.total')}</dt>
                <dd>
                  <Money vnd={x.total_vnd} strong />
                </dd>
                <dt>{t('fund.line.paid')}</dt>
                <dd>
                  <Money vnd={x.paid_vnd} />
                </dd>
                <dt>{t('fund.line.principal')}</dt>
                <dd>
                  <Money vnd={x.principal_vnd} />
                </dd>
                <dt>{t('fund.line.interest')}</dt>
                <dd>
                  <Money vnd={x.interest_vnd} />
                </dd>
                <dt>{t('fund.line.balance')}</dt>
                <dd>
                  <Money vnd={x.balance_after_vnd} />
                </dd>
              </dl>
              {(x.paid_on || x.version > 0) && (
                <div className="muted" style={{ fontSize: 12 }}>
                  {[x.paid_on ? t('fund.line.paidOn', { date: dateText(x.paid_on, lang) }) : '', x.version > 0 ? t('fund.line.version', { n: String(x.version) }) : '']
                    .filter(Boolean)
                    .join(' · ')}
                </div>
              )}
            </li>
          ))}
        </ol>
        {totals && (
          <dl className="fund-line-dl fund-lines-totals" data-testid="schedule-totals">
            <dt>{t('fund.totals')}: {t('fund.line.total').toLowerCase()}</dt>
            <dd>
              <Money vnd={totals.principal_vnd + totals.interest_vnd} strong />
            </dd>
            <dt>{t('fund.line.paid')}</dt>
            <dd>
              <Money vnd={totals.paid_vnd} strong />
            </dd>
          </dl>
        )}
      </>
    ) : (
      <p className="muted">{loading ? t('app.loading') : t('fund.schedule.none')}</p>
    );
  return (
    <div className="table-scroll">
      <Table<ScheduleLine>
        className="fund-schedule"
        size="small"
        rowKey={(x) => `${x.version}-${x.number}`}
        pagination={false}
        loading={loading}
        dataSource={lines}
        locale={{ emptyText: t('fund.schedule.none') }}
        scroll={{ x: 'max-content' }}
        rowClassName={(x) => lineClass(x.state)}
        onRow={(x) => ({ 'data-testid': `line-${x.number}`, 'data-state': x.state }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          { key: 'number', title: t('fund.line.number'), className: 'fund-num', render: (_, x) => formatNumber(x.number, lang) },
          {
            key: 'due',
            title: t('fund.line.due'),
            render: (_, x) => (
              <div style={{ whiteSpace: 'nowrap' }}>
                {dateText(x.due_on, lang)}
                {x.version > 0 && (
                  <div className="muted" style={{ fontSize: 12 }}>
                    {t('fund.line.version', { n: String(x.version) })}
                  </div>
                )}
              </div>
            ),
          },
          { key: 'principal', title: t('fund.line.principal'), className: 'fund-num', render: (_, x) => <Money vnd={x.principal_vnd} /> },
          { key: 'interest', title: t('fund.line.interest'), className: 'fund-num', render: (_, x) => <Money vnd={x.interest_vnd} /> },
          { key: 'total', title: t('fund.line.total'), className: 'fund-num', render: (_, x) => <Money vnd={x.total_vnd} strong /> },
          { key: 'paid', title: t('fund.line.paid'), className: 'fund-num', render: (_, x) => <Money vnd={x.paid_vnd} /> },
          { key: 'balance', title: t('fund.line.balance'), className: 'fund-num', render: (_, x) => <Money vnd={x.balance_after_vnd} /> },
          {
            key: 'state',
            title: t('fund.line.state'),
            render: (_, x) => (
              <div data-testid={`line-${x.number}-state`}>
                <LineStateTag state={x.state} />
                {x.paid_on && (
                  <div className="muted" style={{ fontSize: 12, whiteSpace: 'nowrap' }}>
                    {t('fund.line.paidOn', { date: dateText(x.paid_on, lang) })}
                  </div>
                )}
              </div>
            ),
          },
        ]}
        summary={() =>
          totals && lines.length ? (
            <Table.Summary.Row className="fund-totals" data-testid="schedule-totals">
              <Table.Summary.Cell index={0} colSpan={2}>
                {t('fund.totals')}
              </Table.Summary.Cell>
              <Table.Summary.Cell index={2} className="fund-num">
                <Money vnd={totals.principal_vnd} />
              </Table.Summary.Cell>
              <Table.Summary.Cell index={3} className="fund-num">
                <Money vnd={totals.interest_vnd} />
              </Table.Summary.Cell>
              <Table.Summary.Cell index={4} className="fund-num">
                <Money vnd={totals.principal_vnd + totals.interest_vnd} strong />
              </Table.Summary.Cell>
              <Table.Summary.Cell index={5} className="fund-num">
                <Money vnd={totals.paid_vnd} />
              </Table.Summary.Cell>
              <Table.Summary.Cell index={6} colSpan={2} />
            </Table.Summary.Row>
          ) : null
        }
      />
    </div>
  );
}

/** The repayments with their allocation to the lines (line 0: principal repaid in advance); on a phone, one block each. */
function Repayments({ items, loading }: { items: Repayment[]; loading: boolean }) {
  const { t, lang } = useT();
  const phone = usePhone();
  const allocation = (r: Repayment) => (
    <ul className="fund-alloc" data-testid={`repayment-${r.id}-allocation`}>
      {r.allocations.map((x, i) => (
        <li key={i}>
          {x.line === 0
            ? t('fund.allocation.advance', { principal: formatMoney(x.principal_vnd, lang) })
            : t('fund.allocation.line', { n: String(x.line), interest: formatMoney(x.interest_vnd, lang), principal: formatMoney(x.principal_vnd, lang) })}
        </li>
      ))}
    </ul>
  );
  if (phone)
    return items.length ? (
      <ul className="fund-cards">
        {items.map((r) => (
          <li key={r.id} className="fund-card" data-testid={`repayment-${r.id}`}>
            <div className="fund-card-head">
              <span>{dateText(r.date, lang)}</span>
              <Money vnd={r.amount_vnd} strong />
            </div>
            {allocation(r)}
            {r.note && <div className="muted">{r.note}</div>}
          </li>
        ))}
      </ul>
    ) : (
      <p className="muted">{loading ? t('app.loading') : t('fund.repayments.none')}</p>
    );
  return (
    <div className="table-scroll">
      <Table<Repayment>
        size="small"
        rowKey="id"
        pagination={false}
        loading={loading}
        dataSource={items}
        locale={{ emptyText: t('fund.repayments.none') }}
        scroll={{ x: 'max-content' }}
        columns={[
          { key: 'date', title: t('fund.date'), render: (_, r) => <span style={{ whiteSpace: 'nowrap' }}>{dateText(r.date, lang)}</span> },
          { key: 'amount', title: t('fund.amountVnd'), className: 'fund-num', render: (_, r) => <Money vnd={r.amount_vnd} strong /> },
          {
            key: 'alloc',
            title: t('fund.allocation'),
            render: (_, r) => <div style={{ whiteSpace: 'nowrap' }}>{allocation(r)}</div>,
          },
          { key: 'note', title: t('fund.note'), render: (_, r) => <div style={{ minWidth: 100, maxWidth: 240 }}>{r.note || '—'}</div> },
        ]}
      />
    </div>
  );
}

interface DialogProps {
  loan: Loan;
  onClose: () => void;
  onDone: () => void;
}

const required = (t: (k: 'common.required') => string) => [{ required: true, message: t('common.required') }];

function DisburseDialog({ loan, onClose, onDone }: DialogProps) {
  const { t, lang } = useT();
  const left = loan.terms.amount_vnd - loan.disbursed_vnd;
  const { form, busy, error, submit } = useDialog<{ date: string; amount_vnd: number }, Loan>(
    ['date', 'amount_vnd'],
    (v) => disburse(loan.id, { date: v.date, amount_vnd: Number(v.amount_vnd) }),
    () => onDone(),
  );
  return (
    <FormDialog
      title={t('fund.disburse.title', { code: loan.code })}
      ok={t('fund.do.disburse')}
      form={form}
      busy={busy}
      error={error}
      onOk={submit}
      onClose={onClose}
      testId="disburse-form"
      intro={<p data-testid="disburse-left">{t('fund.disburse.left', { amount: formatMoney(left, lang) })}</p>}
      initialValues={{ date: todayIso(), amount_vnd: left }}
    >
      <Form.Item name="date" label={t('fund.date')} rules={required(t)}>
        <DateInput />
      </Form.Item>
      <Form.Item name="amount_vnd" label={t('fund.amountVnd')} rules={required(t)}>
        <MoneyInput data-testid="disburse-amount" />
      </Form.Item>
    </FormDialog>
  );
}

function RepayDialog({ loan, onClose, onDone }: DialogProps) {
  const { t, lang } = useT();
  const { form, busy, error, submit } = useDialog<{ date: string; amount_vnd: number; note?: string }, unknown>(
    ['date', 'amount_vnd', 'note'],
    (v) => repay(loan.id, { date: v.date, amount_vnd: Number(v.amount_vnd), ...(v.note?.trim() ? { note: v.note.trim() } : {}) }),
    () => onDone(),
  );
  const date = (Form.useWatch('date', form) as string | undefined) || todayIso();
  // What closes the loan on the repayment's date (the loan as of that date).
  const onDate = useApi((signal) => getLoan(loan.id, date, signal), [loan.id, date]);
  const toClose = onDate.data?.to_close_vnd;
  return (
    <FormDialog
      title={t('fund.repay.title', { code: loan.code })}
      ok={t('common.save')}
      form={form}
      busy={busy}
      error={error}
      onOk={submit}
      onClose={onClose}
      testId="repay-form"
      width={560}
      intro={
        <div style={{ marginBottom: 12 }}>
          <p className="muted" style={{ marginTop: 0, fontSize: 13 }}>
            {t('fund.repay.help')}
          </p>
          <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'center' }}>
            <span data-testid="repay-to-close" className="fund-strong">
              {toClose === undefined ? t('app.loading') : t('fund.repay.toClose', { date: dateText(date, lang), amount: formatMoney(toClose, lang) })}
            </span>
            {toClose !== undefined && toClose > 0 && (
              <Button size="small" onClick={() => form.setFieldValue('amount_vnd', toClose)} data-testid="repay-use-to-close">
                {t('fund.repay.useToClose')}
              </Button>
            )}
          </div>
        </div>
      }
      initialValues={{ date: todayIso(), amount_vnd: loan.next_due?.amount_vnd, note: '' }}
    >
      <Form.Item name="date" label={t('fund.date')} rules={required(t)}>
        <DateInput />
      </Form.Item>
      <Form.Item name="amount_vnd" label={t('fund.amountVnd')} rules={required(t)}>
        <MoneyInput data-testid="repay-amount" />
      </Form.Item>
      <Form.Item name="note" label={t('fund.note')}>
        <Input maxLength={500} />
      </Form.Item>
    </FormDialog>
  );
}

function RescheduleDialog({ loan, onClose, onDone }: DialogProps) {
  const { t, lang } = useT();
  const { form, busy, error, submit } = useDialog<TermsValues & { on: string; reason: string }, Loan>(
    [...TERMS_FIELDS, 'on', 'reason'],
    (v) => {
      const { amount_vnd: _, ...terms } = termsBody(v);
      return reschedule(loan.id, { ...terms, on: v.on, reason: v.reason.trim() });
    },
    () => onDone(),
  );
  return (
    <FormDialog
      title={t('fund.reschedule.title', { code: loan.code })}
      ok={t('fund.do.reschedule')}
      form={form}
      busy={busy}
      error={error}
      onOk={submit}
      onClose={onClose}
      testId="reschedule-form"
      width={640}
      intro={
        <p className="muted" style={{ marginTop: 0 }}>
          {t('fund.reschedule.help')}
        </p>
      }
      initialValues={{
        on: todayIso(),
        reason: '',
        rate_percent_year: lang === 'vi' ? loan.terms.rate_percent_year.replace('.', ',') : loan.terms.rate_percent_year,
        term_months: loan.terms.term_months,
        grace_months: 0,
        method: loan.terms.method,
        frequency: loan.terms.frequency,
        first_due_on: loan.next_due?.due_on ?? loan.terms.first_due_on,
      }}
    >
      <Form.Item name="on" label={t('fund.reschedule.on')} rules={required(t)}>
        <DateInput />
      </Form.Item>
      <Form.Item name="reason" label={t('fund.reason')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} data-testid="reschedule-reason" />
      </Form.Item>
      <TermsFields withAmount={false} />
    </FormDialog>
  );
}

function WriteOffDialog({ loan, onClose, onDone }: DialogProps) {
  const { t } = useT();
  const { form, busy, error, submit } = useDialog<{ on: string; reason: string }, Loan>(
    ['on', 'reason'],
    (v) => requestWriteOff(loan.id, { on: v.on, reason: v.reason.trim() }),
    () => onDone(),
  );
  return (
    <FormDialog
      title={t('fund.writeOff.title', { code: loan.code })}
      ok={t('fund.do.writeOff')}
      form={form}
      busy={busy}
      error={error}
      onOk={submit}
      onClose={onClose}
      testId="write-off-form"
      intro={
        <p className="muted" style={{ marginTop: 0 }}>
          {t('fund.writeOff.help')}
        </p>
      }
      initialValues={{ on: todayIso(), reason: '' }}
    >
      <Form.Item name="on" label={t('fund.writeOff.on')} rules={required(t)}>
        <DateInput />
      </Form.Item>
      <Form.Item name="reason" label={t('fund.reason')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} />
      </Form.Item>
    </FormDialog>
  );
}

function WriteOffRejectDialog({ loan, onClose, onDone }: DialogProps) {
  const { t } = useT();
  const { form, busy, error, submit } = useDialog<{ reason: string }, Loan>(['reason'], (v) => rejectWriteOff(loan.id, v.reason.trim()), () => onDone());
  return (
    <FormDialog
      title={t('fund.writeOff.rejectTitle', { code: loan.code })}
      ok={t('fund.do.writeOffReject')}
      form={form}
      busy={busy}
      error={error}
      onOk={submit}
      onClose={onClose}
      testId="write-off-reject-form"
      initialValues={{ reason: '' }}
    >
      <Form.Item name="reason" label={t('fund.reason')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} />
      </Form.Item>
    </FormDialog>
  );
}

function WriteOffApproveDialog({ loan, onClose, onDone }: DialogProps) {
  const { t, lang } = useT();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => setError(null), [loan.id]);
  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      await approveWriteOff(loan.id);
      onDone();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  const wo = loan.write_off;
  return (
    <Modal
      open
      title={t('fund.writeOff.approveTitle', { code: loan.code })}
      okText={t('fund.do.writeOffApprove')}
      okButtonProps={{ danger: true, 'data-testid': 'write-off-approve-ok' } as ButtonProps}
      cancelText={t('common.cancel')}
      onOk={submit}
      onCancel={onClose}
      confirmLoading={busy}
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="fund-dialog-error" />}
      {wo && (
        <p style={{ margin: 0 }}>
          {t('fund.writeOff.approveText', { principal: formatMoney(wo.principal_vnd, lang), date: dateText(wo.on, lang) })}
          <br />
          <span className="muted">{wo.reason}</span>
        </p>
      )}
    </Modal>
  );
}
