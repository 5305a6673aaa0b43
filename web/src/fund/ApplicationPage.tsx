// A loan application: its code, status (a step bar: submitted → appraised → approved | rejected),
// the borrower with its priority flags shown large to the appraiser (women-managed, youth: from
// the registry on the day it applied), the request, the appraisal, the decision with the approved
// terms and a link to the loan, and the business plan's documents. Staff in the fund's scope
// appraise (score 0–100, notes), approve (the terms, the fund's rules beside them, the API's
// field errors at their fields) or reject (a reason); a cooperative sees its own, without them.
import { Alert, Button, Form, Input, InputNumber, Result, Select, Space, Steps } from 'antd';
import { useEffect, useState } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import { useSession } from '../account/session';
import { ApiError } from '../api/client';
import { DateInput } from '../activities/parts';
import { Documents } from '../components/Documents';
import { Panel } from '../components/Panel';
import { PrintHeader } from '../components/PrintHeader';
import { formatNumber, todayIso } from '../i18n/format';
import { useApi } from '../lib/useApi';
import { applicationDocumentsUrl, appraiseApplication, approveApplication, getApplication, getFund, rejectApplication } from './api';
import { FormDialog, useDialog } from './dialog';
import { addMonths, isStaff, normaliseRate, termsBody, type TermsValues } from './logic';
import { ApplicationStatusTag, dateText, FundTabs, Money, MoneyInput, PriorityFlags, rate, RulesList } from './parts';
import { useT, type Key } from './strings';
import { FREQUENCIES, METHODS, type Application, type Loan, type Terms } from './types';

type Action = 'appraise' | 'approve' | 'reject';

export default function ApplicationPage() {
  const { id = '' } = useParams();
  const { t, lang } = useT();
  const { user } = useSession();
  const location = useLocation();
  const loaded = useApi((signal) => getApplication(id, signal), [id]);
  const [shown, setShown] = useState<Application | null>(null);
  const [action, setAction] = useState<Action | null>(null);
  const [notice, setNotice] = useState<string | null>((location.state as { notice?: string } | null)?.notice ?? null);
  const [loan, setLoan] = useState<Loan | null>(null);

  if (loaded.error && !loaded.data) {
    const missing = loaded.error instanceof ApiError && (loaded.error.status === 404 || loaded.error.status === 403);
    return (
      <Result
        status={missing ? '404' : 'error'}
        title={missing ? '404' : t('common.error')}
        subTitle={missing ? t('fund.notFound') : loaded.error.message}
        extra={<Link to="/fund/applications">{t('fund.app.back')}</Link>}
      />
    );
  }
  const a = shown && shown.id === loaded.data?.id ? shown : loaded.data;
  if (!a) return <div className="muted">{t('app.loading')}</div>;
  const staff = isStaff(user?.role);
  const open = a.status === 'submitted' || a.status === 'appraised';
  const done = (next: Application, text: string) => {
    setShown(next);
    setAction(null);
    setNotice(text);
  };
  const steps = ['submitted', 'appraised', a.status === 'rejected' ? 'rejected' : 'approved'] as const;
  const current = a.status === 'submitted' ? 0 : a.status === 'appraised' ? 1 : 2;
  const loanId = loan?.id ?? a.loan_id;
  const terms = a.decision?.terms;
  return (
    <div className="fund-page" data-testid="application-page">
      <PrintHeader title={`${a.code} — ${a.entity.name}`} scope={a.fund?.name} />
      <FundTabs role={user?.role} />
      <div className="fund-head">
        <Link to="/fund/applications">← {t('fund.app.back')}</Link>
        {staff && open && (
          <Space wrap data-testid="application-actions">
            <Button onClick={() => setAction('appraise')} data-testid="application-appraise">
              {a.appraisal ? t('fund.do.reappraise') : t('fund.do.appraise')}
            </Button>
            {a.status === 'appraised' && (
              <Button type="primary" onClick={() => setAction('approve')} data-testid="application-approve">
                {t('fund.do.approve')}
              </Button>
            )}
            <Button danger onClick={() => setAction('reject')} data-testid="application-reject">
              {t('fund.do.reject')}
            </Button>
          </Space>
        )}
      </div>
      <h1 className="page-title" style={{ margin: 0 }} data-testid="application-code">
        {a.code}
      </h1>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 6, alignItems: 'center' }}>
        <ApplicationStatusTag status={a.status} />
        <span className="muted">{a.fund?.name}</span>
      </div>
      {notice && <Alert type="success" showIcon closable title={notice} onClose={() => setNotice(null)} data-testid="fund-notice" />}
      {staff && a.status === 'submitted' && <Alert type="info" showIcon title={t('fund.approve.needsAppraisal')} />}
      <div className="fund-priority" data-testid="application-priority">
        <div className="muted" style={{ fontSize: 13 }}>
          {t('fund.priority')}
        </div>
        <PriorityFlags priority={a.priority} large />
        <div className="muted" style={{ fontSize: 12, marginTop: 4 }}>
          {t('fund.priority.help')}
        </div>
      </div>
      <Panel title={<h2>{t('fund.app.workflow')}</h2>}>
        <div data-testid="application-steps" style={{ overflowX: 'auto' }}>
          <Steps
            size="small"
            current={current}
            items={steps.map((s, i) => ({
              title: t(`fund.appStatus.${s}` as Key),
              status: i < current || (i === current && i === 2) ? (s === 'rejected' ? 'error' : 'finish') : i === current ? 'process' : 'wait',
            }))}
          />
        </div>
      </Panel>
      <div className="fund-cols">
        <Panel title={<h2>{t('fund.app.details')}</h2>}>
          <dl className="fund-dl">
            <dt>{t('fund.entity')}</dt>
            <dd data-testid="application-entity">
              <Link to={`/registry/${a.entity.id}`}>{a.entity.name}</Link>
              {a.entity.province?.name ? <span className="muted"> — {a.entity.province.name}</span> : null}
            </dd>
            <dt>{t('fund.fund')}</dt>
            <dd>{a.fund?.name}</dd>
            <dt>{t('fund.amount')}</dt>
            <dd>
              <Money vnd={a.amount_vnd} strong testId="application-amount" />
            </dd>
            <dt>{t('fund.term')}</dt>
            <dd>{t('fund.months', { count: formatNumber(a.term_months, lang) })}</dd>
            <dt>{t('fund.purpose')}</dt>
            <dd className="fund-text">{a.purpose}</dd>
            <dt>{t('fund.collateral')}</dt>
            <dd className="fund-text">{a.collateral || '—'}</dd>
            <dt>{t('fund.submittedAt')}</dt>
            <dd>{t('fund.by', { who: a.submitted_by, when: dateText(a.submitted_at, lang) })}</dd>
          </dl>
        </Panel>
        <Panel title={<h2>{t('fund.app.appraisal')}</h2>} testId="application-appraisal">
          {a.appraisal ? (
            <dl className="fund-dl">
              <dt>{t('fund.scoreShort')}</dt>
              <dd className="fund-strong" data-testid="application-score">
                {formatNumber(a.appraisal.score, lang)}/100
              </dd>
              <dt>{t('fund.notes')}</dt>
              <dd className="fund-text">{a.appraisal.notes || '—'}</dd>
              <dt>{t('fund.recordedBy')}</dt>
              <dd>{t('fund.by', { who: a.appraisal.by, when: dateText(a.appraisal.at, lang) })}</dd>
            </dl>
          ) : (
            <p className="muted" style={{ margin: 0 }}>
              {t('fund.app.appraisalNone')}
            </p>
          )}
        </Panel>
        <Panel title={<h2>{t('fund.app.decision')}</h2>} testId="application-decision">
          {a.decision ? (
            <dl className="fund-dl">
              <dt>{t('fund.status')}</dt>
              <dd>
                <ApplicationStatusTag status={a.decision.approved ? 'approved' : 'rejected'} />
              </dd>
              {a.decision.reason && (
                <>
                  <dt>{t('fund.reason')}</dt>
                  <dd className="fund-text">{a.decision.reason}</dd>
                </>
              )}
              {terms && <TermsRows terms={terms} />}
              <dt>{t('fund.recordedBy')}</dt>
              <dd>{t('fund.by', { who: a.decision.by, when: dateText(a.decision.at, lang) })}</dd>
              {loanId && (
                <>
                  <dt>{t('fund.app.loan')}</dt>
                  <dd>
                    <Link to={`/fund/loans/${loanId}`} data-testid="application-loan-link">
                      {loan?.code ?? t('fund.app.openLoan')}
                    </Link>
                  </dd>
                </>
              )}
            </dl>
          ) : (
            <p className="muted" style={{ margin: 0 }}>
              {t('fund.app.decisionNone')}
            </p>
          )}
        </Panel>
      </div>
      <Documents url={applicationDocumentsUrl(a.id)} mayWrite={a.may_write ?? (staff ? true : a.status === 'submitted')} />
      {action === 'appraise' && <AppraiseDialog application={a} onClose={() => setAction(null)} onDone={(next) => done(next, t('fund.appraise.done'))} />}
      {action === 'reject' && <RejectDialog application={a} onClose={() => setAction(null)} onDone={(next) => done(next, t('fund.reject.done'))} />}
      {action === 'approve' && (
        <ApproveDialog
          application={a}
          onClose={() => setAction(null)}
          onDone={(made) => {
            setLoan(made);
            setAction(null);
            setNotice(t('fund.approve.done', { code: made.code }));
            loaded.reload();
            setShown(null);
          }}
        />
      )}
    </div>
  );
}

/** The approved terms as rows of a definition list. */
export function TermsRows({ terms }: { terms: Terms }) {
  const { t, lang } = useT();
  return (
    <>
      <dt>{t('fund.terms.amount')}</dt>
      <dd>
        <Money vnd={terms.amount_vnd} strong />
      </dd>
      <dt>{t('fund.terms.rate')}</dt>
      <dd>{rate(terms.rate_percent_year, t, lang)}</dd>
      <dt>{t('fund.terms.term')}</dt>
      <dd>{t('fund.months', { count: formatNumber(terms.term_months, lang) })}</dd>
      <dt>{t('fund.terms.grace')}</dt>
      <dd>{t('fund.months', { count: formatNumber(terms.grace_months, lang) })}</dd>
      <dt>{t('fund.terms.method')}</dt>
      <dd>
        {t(`fund.method.${terms.method}` as Key)}, {t(`fund.frequency.${terms.frequency}` as Key).toLowerCase()}
      </dd>
      <dt>{t('fund.terms.firstDue')}</dt>
      <dd>{dateText(terms.first_due_on, lang)}</dd>
    </>
  );
}

interface DialogProps<R> {
  application: Application;
  onClose: () => void;
  onDone: (next: R) => void;
}

function AppraiseDialog({ application, onClose, onDone }: DialogProps<Application>) {
  const { t } = useT();
  const { form, busy, error, submit } = useDialog<{ score: number; notes: string }, Application>(
    ['score', 'notes'],
    (v) => appraiseApplication(application.id, { score: Number(v.score), notes: (v.notes ?? '').trim() }),
    onDone,
  );
  return (
    <FormDialog
      title={t('fund.appraise.title', { code: application.code })}
      form={form}
      busy={busy}
      error={error}
      onOk={submit}
      onClose={onClose}
      testId="appraise-form"
      intro={
        <div className="fund-priority" style={{ marginBottom: 12 }}>
          <PriorityFlags priority={application.priority} large />
        </div>
      }
      initialValues={{ score: application.appraisal?.score, notes: application.appraisal?.notes ?? '' }}
    >
      <Form.Item name="score" label={t('fund.score')} rules={[{ required: true, message: t('common.required') }]}>
        <InputNumber min={0} max={100} precision={0} style={{ width: '100%' }} data-testid="appraise-score" />
      </Form.Item>
      <Form.Item name="notes" label={t('fund.notes')}>
        <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} maxLength={4000} data-testid="appraise-notes" />
      </Form.Item>
    </FormDialog>
  );
}

function RejectDialog({ application, onClose, onDone }: DialogProps<Application>) {
  const { t } = useT();
  const { form, busy, error, submit } = useDialog<{ reason: string }, Application>(['reason'], (v) => rejectApplication(application.id, v.reason.trim()), onDone);
  return (
    <FormDialog
      title={t('fund.reject.title', { code: application.code })}
      ok={t('fund.do.reject')}
      form={form}
      busy={busy}
      error={error}
      onOk={submit}
      onClose={onClose}
      testId="reject-form"
      initialValues={{ reason: '' }}
    >
      <Form.Item name="reason" label={t('fund.reason')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} maxLength={2000} />
      </Form.Item>
    </FormDialog>
  );
}

export const TERMS_FIELDS = ['amount_vnd', 'rate_percent_year', 'term_months', 'grace_months', 'method', 'frequency', 'first_due_on'];

/** The terms' fields (approve: with the amount; reschedule: without). */
export function TermsFields({ withAmount }: { withAmount: boolean }) {
  const { t } = useT();
  const required = [{ required: true, message: t('common.required') }];
  return (
    <>
      {withAmount && (
        <Form.Item name="amount_vnd" label={t('fund.terms.amount')} rules={required}>
          <MoneyInput data-testid="terms-amount" />
        </Form.Item>
      )}
      <Form.Item
        name="rate_percent_year"
        label={t('fund.terms.rate')}
        extra={t('fund.terms.rateHelp')}
        rules={[...required, { validator: (_, v) => (!v || normaliseRate(v) !== null ? Promise.resolve() : Promise.reject(new Error(t('fund.rate.invalid')))) }]}
      >
        <Input inputMode="decimal" maxLength={10} data-testid="terms-rate" />
      </Form.Item>
      <div className="fund-cols" style={{ gap: '0 16px' }}>
        <Form.Item name="term_months" label={t('fund.terms.term')} rules={required}>
          <InputNumber min={1} max={600} precision={0} style={{ width: '100%' }} data-testid="terms-term" />
        </Form.Item>
        <Form.Item name="grace_months" label={t('fund.terms.grace')} extra={t('fund.terms.graceHelp')}>
          <InputNumber min={0} max={600} precision={0} style={{ width: '100%' }} data-testid="terms-grace" />
        </Form.Item>
      </div>
      <Form.Item name="method" label={t('fund.terms.method')} rules={required}>
        <Select data-testid="terms-method" options={METHODS.map((m) => ({ value: m, label: t(`fund.method.${m}` as Key) }))} />
      </Form.Item>
      <Form.Item name="frequency" label={t('fund.terms.frequency')} rules={required}>
        <Select data-testid="terms-frequency" options={FREQUENCIES.map((f) => ({ value: f, label: t(`fund.frequency.${f}` as Key) }))} />
      </Form.Item>
      <Form.Item name="first_due_on" label={t('fund.terms.firstDue')} rules={required}>
        <DateInput />
      </Form.Item>
    </>
  );
}

function ApproveDialog({ application, onClose, onDone }: DialogProps<Loan>) {
  const { t, lang } = useT();
  const fund = useApi((signal) => getFund(application.fund.id, signal), [application.fund.id]);
  const { form, busy, error, submit } = useDialog<TermsValues, Loan>(TERMS_FIELDS, (v) => approveApplication(application.id, termsBody(v)), onDone);
  const defaultRate = fund.data?.rules?.default_rate_percent_year;
  // The fund's default rate, once its rules are here, unless a rate was typed already.
  useEffect(() => {
    if (defaultRate && !form.getFieldValue('rate_percent_year')) form.setFieldValue('rate_percent_year', lang === 'vi' ? defaultRate.replace('.', ',') : defaultRate);
  }, [defaultRate, form, lang]);
  return (
    <FormDialog<TermsValues>
      title={t('fund.approve.title', { code: application.code })}
      ok={t('fund.do.approve')}
      form={form}
      busy={busy}
      error={error}
      onOk={submit}
      onClose={onClose}
      testId="approve-form"
      width={680}
      intro={
        fund.data ? (
          <div style={{ marginBottom: 12 }}>
            <div className="muted" style={{ fontSize: 13 }}>
              {t('fund.fundRules', { fund: fund.data.name })}
            </div>
            <RulesList rules={fund.data.rules} testId="approve-rules" />
          </div>
        ) : null
      }
      initialValues={{
        amount_vnd: application.amount_vnd,
        rate_percent_year: defaultRate ? (lang === 'vi' ? defaultRate.replace('.', ',') : defaultRate) : '',
        term_months: application.term_months,
        grace_months: 0,
        method: 'equal_instalment',
        frequency: 'monthly',
        first_due_on: addMonths(todayIso(), 1),
      }}
    >
      <TermsFields withAmount />
    </FormDialog>
  );
}
