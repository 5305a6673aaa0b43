// "Mức độ đầy đủ": for a form and a period, the totals (expected, submitted, on time, approved,
// returned) and a row per province; for province forms a matrix of provinces × the last four
// periods of the form's kind (one completeness call each), every cell coloured by its state and
// lateness and saying both in words, opening the report; for entity forms with a province
// chosen, the organisations that have not reported.
import { Alert, Button, Select, Table, message } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { ApiError } from '../api/client';
import { useSession } from '../account/session';
import { Panel } from '../components/Panel';
import { provinceName, useProvinceNames, useProvinces } from '../geo/units';
import { useI18n } from '../i18n/I18nProvider';
import { formatNumber, formatPeriod, todayIso } from '../i18n/format';
import { useApi } from '../lib/useApi';
import { createReport, getCompleteness, getForm, listReports } from './api';
import { gridLink } from './grid';
import { dueDate, lastPeriods, latestPeriod, periodChoices, periodType } from './logic';
import { COMPLETENESS_ROLES, FILLER_ROLES, ReportStatusTag, ReportsTabs, isNational, useForms } from './parts';
import type { Completeness, CompletenessRow, ReportStatus } from './types';
import { searchable } from '../lib/fold';

type CellState = ReportStatus | 'none';

function cellState(row: CompletenessRow | undefined): CellState {
  return (row?.status as ReportStatus | null | undefined) ?? 'none';
}

export function MatrixCell({ row, due, today }: { row: CompletenessRow | undefined; due: string; today: string }) {
  const { t } = useI18n();
  const state = cellState(row);
  const submittedLate = row !== undefined && row.submitted > 0 && row.on_time === 0;
  const overdue = (state === 'none' || state === 'draft' || state === 'returned') && today > due;
  const late = submittedLate || overdue;
  const text = `${t(`completeness.cell.${state}`)}${late ? ` · ${t('completeness.cell.late')}` : ''}`;
  const className = `cell cell-${state}${late ? ' cell-late' : ''}`;
  if (!row) return <td className="cell cell-none">—</td>;
  return (
    <td className={className} data-testid="matrix-cell">
      {row.report_id ? (
        <Link to={`/reports/${row.report_id}`}>
          {late && '⚠ '}
          {text}
        </Link>
      ) : (
        <span className="cell-text">
          {late && '⚠ '}
          {text}
        </span>
      )}
    </td>
  );
}

export default function CompletenessPage() {
  const { t, lang } = useI18n();
  const user = useSession().user;
  const role = user?.role;
  const allowed = role !== undefined && COMPLETENESS_ROLES.includes(role);
  const forms = useForms();
  const provinces = useProvinces();
  const [params, setParams] = useSearchParams();
  const today = todayIso();
  const formCode = params.get('form') ?? forms.find((f) => f.level === 'province')?.code ?? forms[0]?.code ?? '';
  const summary = forms.find((f) => f.code === formCode);
  const choices = useMemo(() => (summary ? periodChoices(summary.period_types, today) : []), [summary, today]);
  const period = params.get('period') ?? (summary ? latestPeriod(summary.period_types[0], today) : '');
  // Province accounts see their own province (and, for entity forms, its missing organisations).
  const province = isNational(role) ? (params.get('province') ?? '') : (user?.province_code ?? '');
  const set = (key: string, value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    if (key === 'form') next.delete('period');
    setParams(next, { replace: true });
  };

  const form = useApi((signal) => (formCode ? getForm(formCode, undefined, signal) : Promise.resolve(null)), [formCode]);
  const current = useApi(
    (signal) => (allowed && formCode && period ? getCompleteness({ form: formCode, period, province: province || undefined }, signal) : Promise.resolve(null)),
    [allowed, formCode, period, province],
  );
  const isProvinceForm = summary?.level === 'province';
  const matrixPeriods = useMemo(() => (period && periodType(period) ? lastPeriods(period, 4) : []), [period]);
  const [matrix, setMatrix] = useState<Record<string, Completeness | null>>({});
  useEffect(() => {
    if (!allowed || !isProvinceForm || !formCode) return;
    const controller = new AbortController();
    setMatrix({});
    for (const p of matrixPeriods)
      getCompleteness({ form: formCode, period: p, province: province || undefined }, controller.signal)
        .then((c) => setMatrix((m) => ({ ...m, [p]: c })))
        .catch((e: Error) => e.name !== 'AbortError' && setMatrix((m) => ({ ...m, [p]: null })));
    return () => controller.abort();
  }, [allowed, isProvinceForm, formCode, matrixPeriods, province]);

  const c = current.data;
  // The answer names provinces in Vietnamese; the page's language names them when it knows the code.
  const names = useProvinceNames(lang);
  const provinceLabel = (code: string, fallback: string) => {
    const n = names(code);
    return n && n !== code ? n : fallback;
  };
  const navigate = useNavigate();
  const [notice, noticeHolder] = message.useMessage();
  const [creating, setCreating] = useState<number | null>(null);
  const mayFill = role !== undefined && FILLER_ROLES.includes(role) && role !== 'cooperative';
  /** A province account files a missing entity's report on its behalf: create it, then open it. */
  const createFor = async (entityId: number) => {
    setCreating(entityId);
    try {
      const view = await createReport({ form: formCode, period, entity_id: entityId });
      navigate(`/reports/${view.id}`);
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) {
        const found = await listReports({ form: formCode, period, entity_id: entityId }).catch(() => null);
        if (found?.items[0]) {
          navigate(`/reports/${found.items[0].id}`);
          return;
        }
      }
      void notice.error((e as Error).message);
    } finally {
      setCreating(null);
    }
  };
  const matrixRows = useMemo(() => {
    const seen = new Map<string, string>();
    for (const p of matrixPeriods) for (const r of matrix[p]?.rows ?? []) if (!seen.has(r.province)) seen.set(r.province, r.province_name);
    return [...seen.entries()].sort((a, b) => a[1].localeCompare(b[1], 'vi'));
  }, [matrix, matrixPeriods]);

  if (!allowed)
    return (
      <div className="reports-stack">
        <h1 className="page-title">{t('completeness.title')}</h1>
        <ReportsTabs />
        <Alert type="info" showIcon title={t('completeness.notForYou')} />
      </div>
    );

  const kpis: [string, number | undefined][] = [
    [t('completeness.expected'), c?.expected],
    [t('completeness.submitted'), c?.submitted],
    [t('completeness.onTime'), c?.on_time],
    [t('completeness.approved'), c?.approved],
    [t('completeness.returned'), c?.returned],
  ];
  const num = (n: number) => <span className="num">{formatNumber(n, lang)}</span>;

  return (
    <div className="reports-stack">
      {noticeHolder}
      <h1 className="page-title">{t('completeness.title')}</h1>
      <ReportsTabs />
      <div className="toolbar c-filters">
        <div className="filter-field" style={{ minWidth: 0, maxWidth: '100%' }}>
          <label htmlFor="c-form">{t('completeness.form')}</label>
          <Select<string>
            id="c-form"
            value={formCode || undefined}
            onChange={(v) => set('form', v)}
            style={{ width: 420, maxWidth: '100%' }}
            options={forms.map((f) => ({ value: f.code, label: lang === 'en' ? f.name_en : f.name_vi }))}
          />
        </div>
        <div className="filter-field">
          <label htmlFor="c-period">{t('completeness.period')}</label>
          <Select<string>
            id="c-period"
            value={period || undefined}
            onChange={(v) => set('period', v)}
            style={{ width: 250, maxWidth: '100%' }}
            popupMatchSelectWidth={false}
            options={choices.map((p) => ({ value: p, label: formatPeriod(p, lang) }))}
          />
        </div>
        {isNational(role) && (
          <div className="filter-field">
            <label htmlFor="c-province">{t('completeness.province')}</label>
            <Select<string>
              id="c-province"
              allowClear
              showSearch={searchable}
              placeholder={t('completeness.allProvinces')}
              value={province || undefined}
              onChange={(v) => set('province', v)}
              style={{ width: 220, maxWidth: '100%' }}
              options={provinces.map((p) => ({ value: p.code, label: provinceName(p, lang) }))}
            />
          </div>
        )}
      </div>
      {isProvinceForm && formCode && period && (
        <Link to={`/reports/table?form=${encodeURIComponent(formCode)}&period=${encodeURIComponent(period)}`} data-testid="to-table">
          {t('completeness.toTable')} →
        </Link>
      )}
      {summary?.level === 'entity' && period && (province || !isNational(role)) && (
        <Link to={gridLink(period, isNational(role) ? province : undefined)} data-testid="to-grid">
          {t('grid.toGrid')} →
        </Link>
      )}
      {current.error && <Alert type="error" showIcon title={current.error.message} />}
      <div className="kpi-row" data-testid="completeness-totals">
        {kpis.map(([label, value]) => (
          <div className="kpi" key={label}>
            <div className="kpi-label">{label}</div>
            <div className="kpi-value">{value === undefined ? '—' : formatNumber(value, lang)}</div>
          </div>
        ))}
      </div>
      {isProvinceForm && (
        <Panel title={<h2>{t('completeness.matrix')}</h2>} testId="completeness-matrix">
          <p className="muted" style={{ marginTop: 0 }}>
            {t('completeness.matrixHelp')}
          </p>
          <div className="table-scroll">
            <table className="cmatrix">
              <thead>
                <tr>
                  <th scope="col">{t('completeness.province')}</th>
                  {matrixPeriods.map((p) => (
                    <th scope="col" key={p}>
                      {formatPeriod(p, lang)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {matrixRows.map(([code, name]) => (
                  <tr key={code}>
                    <th scope="row">{provinceLabel(code, name)}</th>
                    {matrixPeriods.map((p) => (
                      <MatrixCell key={p} row={matrix[p]?.rows.find((r) => r.province === code)} due={dueDate(form.data?.due, p)} today={today} />
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div className="legend" aria-label={t('completeness.legend')}>
            {(['none', 'draft', 'submitted', 'returned', 'approved'] as const).map((s) => (
              <span key={s} className={`cell-${s}`}>
                {t(`completeness.cell.${s}`)}
              </span>
            ))}
            <span className="cell-late">⚠ {t('completeness.cell.late')}</span>
          </div>
        </Panel>
      )}
      <Panel title={<h2>{t('completeness.rows')}</h2>} testId="completeness-rows">
        <div className="table-scroll">
          <Table<CompletenessRow>
            rowKey="province"
            size="small"
            loading={current.loading}
            dataSource={c?.rows ?? []}
            pagination={false}
            scroll={{ x: 'max-content' }}
            columns={[
              { title: t('completeness.province'), key: 'name', className: 'nowrap', render: (_, r) => provinceLabel(r.province, r.province_name) },
              { title: t('completeness.expected'), key: 'expected', align: 'right', render: (_, r) => num(r.expected) },
              { title: t('completeness.submitted'), key: 'submitted', align: 'right', render: (_, r) => num(r.submitted) },
              { title: t('completeness.onTime'), key: 'on_time', align: 'right', render: (_, r) => num(r.on_time) },
              { title: t('completeness.approved'), key: 'approved', align: 'right', render: (_, r) => num(r.approved) },
              { title: t('completeness.returned'), key: 'returned', align: 'right', render: (_, r) => num(r.returned) },
              ...(isProvinceForm
                ? [
                    {
                      title: t('reports.col.status'),
                      key: 'status',
                      render: (_: unknown, r: CompletenessRow) =>
                        r.report_id ? (
                          <Link to={`/reports/${r.report_id}`}>
                            <ReportStatusTag status={r.status ?? null} />
                          </Link>
                        ) : (
                          <ReportStatusTag status={r.status ?? null} />
                        ),
                    },
                  ]
                : []),
            ]}
          />
        </div>
      </Panel>
      {summary?.level === 'entity' && (
        <Panel title={<h2>{t('completeness.missing', { count: c?.missing.length ?? 0 })}</h2>} testId="completeness-missing">
          {!province && isNational(role) ? (
            <p className="muted">{t('completeness.missingHint')}</p>
          ) : (
            <div className="table-scroll">
              <Table
                rowKey="id"
                size="small"
                dataSource={c?.missing ?? []}
                pagination={(c?.missing.length ?? 0) > 50 ? { pageSize: 50, showSizeChanger: false } : false}
                scroll={{ x: 'max-content' }}
                locale={{ emptyText: t('completeness.missingNone') }}
                columns={[
                  { title: t('completeness.name'), key: 'name', render: (_, m) => <Link to={`/registry/${m.id}`}>{m.name}</Link> },
                  { title: t('completeness.registration'), dataIndex: 'registration_code', key: 'reg', className: 'nowrap' },
                  ...(mayFill
                    ? [
                        {
                          title: '',
                          key: 'create',
                          render: (_: unknown, m: { id: number }) => (
                            <Button size="small" loading={creating === m.id} onClick={() => void createFor(m.id)}>
                              {t('completeness.create')}
                            </Button>
                          ),
                        },
                      ]
                    : []),
                ]}
              />
            </div>
          )}
        </Panel>
      )}
    </div>
  );
}
