// "Hộp duyệt": the submitted reports awaiting the reviewer (national officers and admins review
// province reports, a province admin its entities' reports): approve, or return with a comment.
// A national admin also sees the approved reports, to reopen one with a reason.
import { Alert, Table, message } from 'antd';
import { Link } from 'react-router';
import { useSession } from '../account/session';
import { Panel } from '../components/Panel';
import { useI18n } from '../i18n/I18nProvider';
import { formatDate, formatDateTime, formatPeriod } from '../i18n/format';
import { useApi } from '../lib/useApi';
import { listReports } from './api';
import { REVIEWER_ROLES, ReportStatusTag, ReportsTabs, ReviewActions, reviews, useFormName, useNarrow, useUnitName } from './parts';
import type { ReportSummary } from './types';

function ReportTable({ items, loading, empty, onDone, onNotice }: { items: ReportSummary[]; loading: boolean; empty: string; onDone: () => void; onNotice: (text: string) => void }) {
  const { t, lang } = useI18n();
  const formName = useFormName();
  const unitName = useUnitName(items);
  const narrow = useNarrow();
  if (narrow)
    return (
      <ul className="card-list" aria-busy={loading}>
        {!loading && items.length === 0 && <li className="muted">{empty}</li>}
        {items.map((r) => (
          <li key={r.id} className="card-item">
            <div className="card-title">
              <Link to={`/reports/${r.id}`}>{formName(r.form, r.form_name)}</Link>
            </div>
            <div>
              {unitName(r)} · {formatPeriod(r.period, lang)} <ReportStatusTag status={r.status} />
            </div>
            <div>
              {t('reports.col.submittedAt')}: {r.submitted_at ? formatDateTime(Date.parse(r.submitted_at), lang) : '—'}
              {r.on_time === false && <span className="overdue"> ⚠ {t('reports.late')}</span>}
            </div>
            <div className="card-actions">
              <ReviewActions report={r} size="small" onDone={onDone} onNotice={onNotice} />
            </div>
          </li>
        ))}
      </ul>
    );
  return (
    <div className="table-scroll">
      <Table<ReportSummary>
        rowKey="id"
        size="middle"
        loading={loading}
        dataSource={items}
        pagination={items.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: empty }}
        columns={[
          { title: t('reports.col.form'), key: 'form', render: (_, r) => <Link to={`/reports/${r.id}`}>{formName(r.form, r.form_name)}</Link> },
          { title: t('reports.col.unit'), key: 'unit', render: (_, r) => unitName(r) },
          { title: t('reports.col.period'), key: 'period', className: 'nowrap', render: (_, r) => formatPeriod(r.period, lang) },
          { title: t('reports.col.due'), key: 'due', className: 'nowrap', render: (_, r) => formatDate(r.due_date, lang) },
          {
            title: t('reports.col.submittedAt'),
            key: 'submitted',
            className: 'nowrap',
            render: (_, r) => (
              <>
                {r.submitted_at ? formatDateTime(Date.parse(r.submitted_at), lang) : '—'}
                {r.on_time === false && <div className="overdue">⚠ {t('reports.late')}</div>}
              </>
            ),
          },
          { title: t('reports.col.status'), key: 'status', render: (_, r) => <ReportStatusTag status={r.status} /> },
          { title: t('reports.col.action'), key: 'actions', render: (_, r) => <ReviewActions report={r} size="small" onDone={onDone} onNotice={onNotice} /> },
        ]}
      />
    </div>
  );
}

export default function InboxPage() {
  const { t } = useI18n();
  const role = useSession().user?.role;
  const allowed = role !== undefined && REVIEWER_ROLES.includes(role);
  const submitted = useApi((signal) => (allowed ? listReports({ status: 'submitted', limit: 200 }, signal) : Promise.resolve({ total: 0, items: [] })), [allowed]);
  const approved = useApi(
    (signal) => (role === 'national_admin' ? listReports({ status: 'approved', limit: 200 }, signal) : Promise.resolve({ total: 0, items: [] })),
    [role],
  );
  const byDue = (a: ReportSummary, b: ReportSummary) => a.due_date.localeCompare(b.due_date) || a.id - b.id;
  const waiting = (submitted.data?.items ?? []).filter((r) => reviews(role, r)).sort(byDue);
  const [notice, noticeHolder] = message.useMessage();
  const say = (text: string) => void notice.success(text);
  const done = () => {
    submitted.reload();
    approved.reload();
  };
  return (
    <div className="reports-stack">
      {noticeHolder}
      <h1 className="page-title">{t('inbox.title')}</h1>
      <ReportsTabs />
      {!allowed ? (
        <Alert type="info" showIcon title={t('inbox.notForYou')} />
      ) : (
        <>
          <Panel title={<h2>{t('inbox.help')}</h2>} testId="inbox">
            {submitted.error && <Alert type="error" showIcon title={submitted.error.message} />}
            <ReportTable items={waiting} loading={submitted.loading} empty={t('inbox.none')} onDone={done} onNotice={say} />
          </Panel>
          {role === 'national_admin' && (
            <Panel title={<h2>{t('inbox.approvedTitle')}</h2>} testId="approved">
              {approved.error && <Alert type="error" showIcon title={approved.error.message} />}
              <ReportTable
                items={[...(approved.data?.items ?? [])].sort(byDue)}
                loading={approved.loading}
                empty={t('reports.list.none')}
                onDone={done} onNotice={say}
              />
            </Panel>
          )}
        </>
      )}
    </div>
  );
}
