// "Báo cáo của tôi": what the account must do next (GET /api/v1/reports/due: to fill, to review,
// due dates, overdue in red with words) and the reports it may see, by due date; a due report
// not yet created is created here (POST) and opened.
import { Alert, Button, Select, Table, message } from 'antd';
import { useMemo, useState } from 'react';

import { Link, useNavigate } from 'react-router';
import { ApiError } from '../api/client';
import { useSession } from '../account/session';
import { Panel } from '../components/Panel';
import { useI18n } from '../i18n/I18nProvider';
import { formatDate, formatPeriod, todayIso } from '../i18n/format';
import { periodChoices } from './logic';
import { useApi } from '../lib/useApi';
import { createReport, getDue, listReports } from './api';
import { DaysLeft, FILLER_ROLES, ReportStatusTag, ReportsTabs, useFormName, useForms, useNarrow, useUnitName } from './parts';
import { REPORT_STATUSES, type DueItem, type ReportStatus, type ReportSummary } from './types';
import { searchable } from '../lib/fold';

export default function MyReportsPage() {
  const { t, lang } = useI18n();
  const navigate = useNavigate();
  const user = useSession().user;
  const role = user?.role;
  const [status, setStatus] = useState<ReportStatus | undefined>(undefined);
  const due = useApi((signal) => getDue(signal), []);
  const reports = useApi((signal) => listReports({ status, limit: 200 }, signal), [status]);
  const formName = useFormName();
  const unitName = useUnitName([...(due.data?.items ?? []), ...(reports.data?.items ?? [])]);
  const [creating, setCreating] = useState<string | null>(null);
  const [notice, noticeHolder] = message.useMessage();

  const keyOf = (d: DueItem) => `${d.form}|${d.period}|${d.province}|${d.entity_id ?? ''}`;
  // Another report than the due list's: province accounts their province's, a cooperative its own.
  const forms = useForms();
  const unitForms = forms.filter((f) => (role === 'cooperative' ? f.level === 'entity' : f.level === 'province'));
  const [newForm, setNewForm] = useState<string | undefined>(undefined);
  const [newPeriod, setNewPeriod] = useState<string | undefined>(undefined);
  const chosen = unitForms.find((f) => f.code === newForm);
  const newPeriods = useMemo(() => (chosen ? periodChoices(chosen.period_types, todayIso()) : []), [chosen]);
  const createOther = () => {
    if (!chosen || !newPeriod) return;
    void create({
      form: chosen.code,
      period: newPeriod,
      province: user?.province_code ?? '',
      entity_id: role === 'cooperative' ? (user?.entity_id ?? null) : null,
      due_date: '',
      days_left: 0,
      overdue: false,
      report_id: null,
      action: 'fill',
    });
  };

  const create = async (d: DueItem) => {
    setCreating(keyOf(d));
    try {
      const view = await createReport(
        d.entity_id ? { form: d.form, period: d.period, entity_id: d.entity_id } : { form: d.form, period: d.period, province: d.province },
      );
      void notice.success(t('reports.due.created'));
      navigate(`/reports/${view.id}`);
    } catch (e) {
      // Created meanwhile (another tab, a colleague): open the existing one.
      if (e instanceof ApiError && e.status === 409) {
        const found = await listReports({ form: d.form, period: d.period, province: d.province, entity_id: d.entity_id ?? undefined }).catch(() => null);
        const existing = found?.items[0];
        if (existing) {
          navigate(`/reports/${existing.id}`);
          return;
        }
      }
      void notice.error((e as Error).message);
    } finally {
      setCreating(null);
    }
  };

  const dueItems = [...(due.data?.items ?? [])].sort((a, b) => a.due_date.localeCompare(b.due_date));
  const items = [...(reports.data?.items ?? [])].sort((a, b) => a.due_date.localeCompare(b.due_date) || a.id - b.id);
  const mayFill = role !== undefined && FILLER_ROLES.includes(role);
  const narrow = useNarrow();
  const dueAction = (d: DueItem) =>
    d.report_id ? (
      <Link to={`/reports/${d.report_id}`}>{d.action === 'review' ? t('reports.due.review') : t('reports.due.open')}</Link>
    ) : d.action === 'fill' && mayFill ? (
      <Button size="small" type="primary" loading={creating === keyOf(d)} onClick={() => void create(d)}>
        {t('reports.due.create')}
      </Button>
    ) : (
      t(d.action === 'review' ? 'reports.due.review' : 'reports.due.fill')
    );

  return (
    <div className="reports-stack">
      {noticeHolder}
      <h1 className="page-title">{t('reports.mine.title')}</h1>
      <ReportsTabs />
      <Panel title={<h2>{t('reports.due.title')}</h2>} testId="due-list">
        {due.error && <Alert type="error" showIcon title={due.error.message} action={<Button onClick={due.reload}>{t('common.retry')}</Button>} />}
        {narrow ? (
          <ul className="card-list" aria-busy={due.loading}>
            {!due.loading && dueItems.length === 0 && <li className="muted">{t('reports.due.none')}</li>}
            {dueItems.map((d) => (
              <li key={keyOf(d)} className={d.overdue ? 'card-item overdue-item' : 'card-item'}>
                <div className="card-title">{formName(d.form, d.form_name)}</div>
                <div>
                  {unitName(d)} · {formatPeriod(d.period, lang)}
                </div>
                <div>
                  {t('reports.col.due')}: {formatDate(d.due_date, lang)} — <DaysLeft days={d.days_left} overdue={d.overdue} />
                </div>
                <div className="card-actions">{dueAction(d)}</div>
              </li>
            ))}
          </ul>
        ) : (
        <div className="table-scroll">
          <Table<DueItem>
            rowKey={keyOf}
            size="middle"
            loading={due.loading}
            dataSource={dueItems}
            pagination={false}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: t('reports.due.none') }}
            rowClassName={(d) => (d.overdue ? 'row-overdue' : '')}
            columns={[
              { title: t('reports.col.form'), key: 'form', render: (_, d) => formName(d.form, d.form_name) },
              { title: t('reports.col.unit'), key: 'unit', render: (_, d) => unitName(d) },
              { title: t('reports.col.period'), key: 'period', className: 'nowrap', render: (_, d) => formatPeriod(d.period, lang) },
              { title: t('reports.col.due'), key: 'due', className: 'nowrap', render: (_, d) => formatDate(d.due_date, lang) },
              { title: t('reports.col.daysLeft'), key: 'left', render: (_, d) => <DaysLeft days={d.days_left} overdue={d.overdue} /> },
              { title: t('reports.col.action'), key: 'action', render: (_, d) => dueAction(d) },
            ]}
          />
        </div>
        )}
      </Panel>
      <Panel
        title={<h2>{t('reports.list.title')}</h2>}
        extra={
          <Select<ReportStatus | undefined>
            aria-label={t('reports.list.filterStatus')}
            allowClear
            placeholder={t('reports.list.filterStatus')}
            style={{ width: 210, maxWidth: '100%' }}
            value={status}
            onChange={(v) => setStatus(v ?? undefined)}
            options={REPORT_STATUSES.map((s) => ({ value: s, label: t(`reports.status.${s}`) }))}
          />
        }
        testId="report-list"
      >
        {reports.error && <Alert type="error" showIcon title={reports.error.message} />}
        {narrow ? (
          <ul className="card-list" aria-busy={reports.loading}>
            {!reports.loading && items.length === 0 && <li className="muted">{t('reports.list.none')}</li>}
            {items.map((r) => (
              <li key={r.id} className="card-item">
                <div className="card-title">
                  <Link to={`/reports/${r.id}`}>{formName(r.form, r.form_name)}</Link>
                </div>
                <div>
                  {unitName(r)} · {formatPeriod(r.period, lang)}
                </div>
                <div>
                  {t('reports.col.due')}: {formatDate(r.due_date, lang)} <ReportStatusTag status={r.status} />
                  {r.on_time === false && <span className="overdue">{t('reports.late')}</span>}
                </div>
              </li>
            ))}
          </ul>
        ) : (
        <div className="table-scroll">
          <Table<ReportSummary>
            rowKey="id"
            size="middle"
            loading={reports.loading}
            dataSource={items}
            pagination={items.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: t('reports.list.none') }}
            columns={[
              { title: t('reports.col.form'), key: 'form', render: (_, r) => <Link to={`/reports/${r.id}`}>{formName(r.form, r.form_name)}</Link> },
              { title: t('reports.col.unit'), key: 'unit', render: (_, r) => unitName(r) },
              { title: t('reports.col.period'), key: 'period', className: 'nowrap', render: (_, r) => formatPeriod(r.period, lang) },
              { title: t('reports.col.due'), key: 'due', className: 'nowrap', render: (_, r) => formatDate(r.due_date, lang) },
              { title: t('reports.col.status'), key: 'status', render: (_, r) => <ReportStatusTag status={r.status} /> },
              {
                title: t('reports.col.submittedAt'),
                key: 'submitted',
                className: 'nowrap',
                render: (_, r) =>
                  r.submitted_at ? (
                    <>
                      {formatDate(r.submitted_at.slice(0, 10), lang)}{' '}
                      {r.on_time === false ? <span className="overdue">({t('reports.late')})</span> : r.on_time ? <span className="muted">({t('reports.onTime')})</span> : null}
                    </>
                  ) : (
                    '—'
                  ),
              },
            ]}
          />
        </div>
        )}
        {reports.data && <div className="muted">{t('reports.list.count', { count: reports.data.total })}</div>}
      </Panel>
      {mayFill && unitForms.length > 0 && (
        <Panel title={<h2>{t('reports.new.title')}</h2>} testId="new-report">
          <p className="muted" style={{ marginTop: 0 }}>
            {t('reports.new.help')}
          </p>
          <div className="toolbar c-filters">
            <div className="filter-field" style={{ maxWidth: '100%' }}>
              <label htmlFor="new-form">{t('reports.new.form')}</label>
              <Select<string>
                id="new-form"
                value={newForm}
                onChange={(v) => {
                  setNewForm(v);
                  setNewPeriod(undefined);
                }}
                style={{ width: 420, maxWidth: '100%' }}
                options={unitForms.map((f) => ({ value: f.code, label: lang === 'en' ? f.name_en : f.name_vi }))}
              />
            </div>
            <div className="filter-field">
              <label htmlFor="new-period">{t('reports.new.period')}</label>
              <Select<string>
                id="new-period"
                value={newPeriod}
                disabled={!chosen}
                onChange={setNewPeriod}
                showSearch={searchable}
                style={{ width: 250, maxWidth: '100%' }}
                options={newPeriods.map((p) => ({ value: p, label: formatPeriod(p, lang) }))}
              />
            </div>
            <Button type="primary" disabled={!chosen || !newPeriod} loading={creating !== null && creating.startsWith(`${newForm}|${newPeriod}|`)} onClick={createOther}>
              {t('reports.new.create')}
            </Button>
          </div>
        </Panel>
      )}
    </div>
  );
}
