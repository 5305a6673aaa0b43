// "Bảng tổng hợp": a province form's figures for one period (GET /api/v1/reports/table), a row per
// province (its name sticky on the left, its report's status, a column per field) and the sums
// ("Cộng"). Under a reported figure, muted, the registry's when the field is prefilled and the two
// differ. A row with a report opens it. The same table downloads as XLSX. On a phone the table
// scrolls sideways inside its box.
import { DownloadOutlined } from '@ant-design/icons';
import { Alert, Button, Select } from 'antd';
import { useMemo } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useSession } from '../account/session';
import { Panel } from '../components/Panel';
import { useProvinceNames } from '../geo/units';
import { useI18n } from '../i18n/I18nProvider';
import { formatNumber, formatPeriod, todayIso } from '../i18n/format';
import { useApi } from '../lib/useApi';
import { getNationalTable, nationalTableXlsxUrl } from './api';
import { latestPeriod, periodChoices } from './logic';
import { COMPLETENESS_ROLES, ReportStatusTag, ReportsTabs, useForms } from './parts';
import type { NationalColumn, NationalRow } from './types';
import { differs, formatValue, isNumberType } from './values';

/** One cell: the reported value and, when it departs from the registry's, the registry's under it. */
function Cell({ column, value, registry }: { column: NationalColumn; value: unknown; registry: unknown }) {
  const { t, lang } = useI18n();
  const show = (v: unknown) => formatValue(column, v, lang, t('report.yes'), t('report.no'));
  const text = show(value);
  const other = column.prefilled && registry !== undefined && differs(value, registry) ? show(registry) : null;
  return (
    <>
      <span className={column.type === 'long_text' || column.type === 'text' ? 'nt-text' : undefined} title={column.type === 'long_text' ? text : undefined}>
        {text}
      </span>
      {other !== null && (
        <span className="nt-registry" title={t('table.registryTitle', { value: other })} data-testid={`registry-${column.code}`}>
          {t('table.registry', { value: other })}
        </span>
      )}
    </>
  );
}

export default function NationalTablePage() {
  const { t, lang } = useI18n();
  const role = useSession().user?.role;
  const allowed = role !== undefined && COMPLETENESS_ROLES.includes(role);
  const forms = useForms().filter((f) => f.level === 'province');
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const today = todayIso();
  const formCode = params.get('form') ?? forms[0]?.code ?? '';
  const summary = forms.find((f) => f.code === formCode);
  const choices = useMemo(() => (summary ? periodChoices(summary.period_types, today) : []), [summary, today]);
  const period = params.get('period') ?? (summary ? latestPeriod(summary.period_types[0], today) : '');
  const set = (key: string, value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    if (key === 'form') next.delete('period');
    setParams(next, { replace: true });
  };
  const table = useApi(
    (signal) => (allowed && formCode && period ? getNationalTable({ form: formCode, period }, signal) : Promise.resolve(null)),
    // The columns' labels come in the request's language: asked again when it changes.
    [allowed, formCode, period, lang],
  );
  const names = useProvinceNames(lang);
  const provinceLabel = (r: NationalRow) => {
    const n = names(r.province);
    return n && n !== r.province ? n : r.province_name || r.province;
  };

  const title = <h1 className="page-title">{t('table.title')}</h1>;
  if (!allowed)
    return (
      <div className="reports-stack">
        {title}
        <ReportsTabs />
        <Alert type="info" showIcon title={t('table.notForYou')} />
      </div>
    );

  const data = table.data;
  const columns = data?.columns ?? [];
  const rows = data?.rows ?? [];
  const formName = (summary && (lang === 'en' ? summary.name_en : summary.name_vi)) || data?.form_name || formCode;

  return (
    <div className="reports-stack">
      {title}
      <ReportsTabs />
      <div className="toolbar c-filters">
        <div className="filter-field" style={{ minWidth: 0, maxWidth: '100%' }}>
          <label htmlFor="t-form">{t('table.form')}</label>
          <Select<string>
            id="t-form"
            value={formCode || undefined}
            onChange={(v) => set('form', v)}
            style={{ width: 420, maxWidth: '100%' }}
            options={forms.map((f) => ({ value: f.code, label: lang === 'en' ? f.name_en : f.name_vi }))}
          />
        </div>
        <div className="filter-field">
          <label htmlFor="t-period">{t('table.period')}</label>
          <Select<string>
            id="t-period"
            value={period || undefined}
            onChange={(v) => set('period', v)}
            style={{ width: 250, maxWidth: '100%' }}
            popupMatchSelectWidth={false}
            options={choices.map((p) => ({ value: p, label: formatPeriod(p, lang) }))}
          />
        </div>
        {formCode && period && (
          <Button icon={<DownloadOutlined />} href={nationalTableXlsxUrl({ form: formCode, period })} download data-testid="table-xlsx">
            {t('table.download')}
          </Button>
        )}
      </div>
      {forms.length === 0 && !table.loading && <Alert type="info" showIcon title={t('table.noProvinceForm')} />}
      {table.error && <Alert type="error" showIcon title={table.error.message} action={<Button onClick={table.reload}>{t('common.retry')}</Button>} />}
      <Panel
        title={
          <h2>
            {formName} — {formatPeriod(period, lang)}
          </h2>
        }
        extra={data && <span className="muted nowrap">{t('table.reported', { reported: data.reported, expected: data.expected })}</span>}
        testId="national-table"
        className="nt-panel"
      >
        <p className="muted" style={{ marginTop: 0 }}>
          {t('table.help')}
        </p>
        <div className="table-scroll nt-scroll" role="region" aria-label={t('table.scrollHint')} tabIndex={0} aria-busy={table.loading}>
          <table className="ntable">
            <thead>
              <tr>
                <th scope="col" className="nt-sticky">
                  {t('table.province')}
                </th>
                <th scope="col">{t('table.status')}</th>
                {columns.map((c) => (
                  <th scope="col" key={c.code} className={isNumberType(c.type) ? 'num' : undefined}>
                    {c.label}
                    {c.unit && <span className="nt-unit">({c.unit})</span>}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.length === 0 && !table.loading && (
                <tr>
                  <td colSpan={columns.length + 2} className="muted">
                    {t('table.none')}
                  </td>
                </tr>
              )}
              {rows.map((r) => (
                <tr
                  key={r.province}
                  className={r.report_id ? 'nt-link' : undefined}
                  data-testid={`row-${r.province}`}
                  onClick={(e) => {
                    if (!r.report_id || (e.target as HTMLElement).closest('a')) return;
                    navigate(`/reports/${r.report_id}`);
                  }}
                >
                  <th scope="row" className="nt-sticky">
                    {r.report_id ? <Link to={`/reports/${r.report_id}`}>{provinceLabel(r)}</Link> : provinceLabel(r)}
                  </th>
                  <td>
                    <ReportStatusTag status={r.status} />
                  </td>
                  {columns.map((c) => (
                    <td key={c.code} className={isNumberType(c.type) ? 'num' : undefined}>
                      <Cell column={c} value={r.values[c.code]} registry={r.registry?.[c.code]} />
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
            {rows.length > 0 && (
              <tfoot>
                <tr className="nt-sum" data-testid="sum-row">
                  <th scope="row" className="nt-sticky">
                    {t('table.sum')}
                  </th>
                  <td className="num">{data ? `${formatNumber(data.reported, lang)}/${formatNumber(data.expected, lang)}` : ''}</td>
                  {columns.map((c) => (
                    <td key={c.code} className={isNumberType(c.type) ? 'num' : undefined}>
                      {data && data.sums[c.code] !== undefined && data.sums[c.code] !== null ? (
                        <Cell column={c} value={data.sums[c.code]} registry={data.registry_sums?.[c.code]} />
                      ) : null}
                    </td>
                  ))}
                </tr>
              </tfoot>
            )}
          </table>
        </div>
      </Panel>
    </div>
  );
}
