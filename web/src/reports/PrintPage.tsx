// The printout of one report, laid out like the official paper form on A4 (print.css): the unit
// top left ("LIÊN MINH HỢP TÁC XÃ TỈNH …", or the cooperative), the national motto top right,
// the form's name and the period in words, a bordered table per section (STT, item, unit,
// figure, registry's figure, note), long texts as paragraphs, the status in small print and the
// signature block. Shown without the app's header (a `bare` route); its toolbar (print, XLSX,
// back) is not printed.
import { DownloadOutlined, PrinterOutlined } from '@ant-design/icons';
import { Alert, Button } from 'antd';
import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { ApiError } from '../api/client';
import { Loading } from '../components/Loading';
import { useProvinceNames } from '../geo/units';
import type { Translate } from '../i18n/catalogue';
import { useI18n } from '../i18n/I18nProvider';
import { formatDate } from '../i18n/format';
import { getEntity } from '../registry/api';
import { getForm, getReport, reportXlsxUrl } from './api';
import type { FormField, ReportForm, ReportView } from './types';
import { formatValue } from './values';
import './print.css';

/** The period as a paper report names it: "9 tháng đầu năm 2023", "6 tháng đầu năm 2024", "Năm 2025". */
export function periodInWords(period: string, t: Translate): string {
  let m = /^(\d{4})$/.exec(period);
  if (m) return t('print.period.year', { year: m[1] });
  m = /^(\d{4})S([12])$/.exec(period);
  if (m) return t(m[2] === '1' ? 'print.period.half1' : 'print.period.half2', { year: m[1] });
  m = /^(\d{4})M01-09$/.exec(period);
  if (m) return t('print.period.nine', { year: m[1] });
  m = /^(\d{4})Q([1-4])$/.exec(period);
  if (m) return t('print.period.quarter', { year: m[1], quarter: m[2] });
  m = /^(\d{4})M(\d{2})$/.exec(period);
  if (m) return t('print.period.month', { year: m[1], month: String(Number(m[2])) });
  return period;
}

/** Centrally-run cities ("Thành phố …"), by province code, before and after 2025. */
const CITY_CODES = new Set(['01', '31', '46', '48', '79', '92']);

/** The province's alliance as the paper's top-left names it, upper case, on two lines: "LIÊN MINH HỢP TÁC XÃ\nTỈNH LẠNG SƠN". */
export function provinceAlliance(code: string, name: string, t: Translate): string {
  const city = /^(thành phố|tp\.?)\s/i.test(name) || (CITY_CODES.has(code) && !/^tỉnh\s/i.test(name));
  const bare = name.replace(/^(tỉnh|thành phố|tp\.?)\s+/i, '');
  return t(city ? 'print.unitCity' : 'print.unitProvince', { name: bare.toLocaleUpperCase('vi') });
}

const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII', 'XIII', 'XIV', 'XV'];
const roman = (n: number) => ROMAN[n - 1] ?? String(n);

export default function PrintPage() {
  const { id = '' } = useParams();
  const { t, lang } = useI18n();
  const [view, setView] = useState<ReportView | null>(null);
  const [form, setForm] = useState<ReportForm | null>(null);
  const [entityName, setEntityName] = useState<string | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const provinceName = useProvinceNames(lang);

  useEffect(() => {
    const c = new AbortController();
    getReport(id, c.signal)
      .then(async (v) => {
        const f = await getForm(v.form, v.form_version, c.signal);
        setForm(f);
        setView(v);
        if (v.entity_id && !v.entity_name)
          getEntity(v.entity_id, c.signal)
            .then((e) => setEntityName(e.name))
            .catch(() => undefined);
      })
      .catch((e: Error) => e.name !== 'AbortError' && setError(e));
    return () => c.abort();
  }, [id]);

  const formName = form ? (lang === 'en' ? form.name_en : form.name_vi) : '';
  const province = view ? (provinceName(view.province) !== view.province ? provinceName(view.province) : view.province_name || view.province) : '';
  const unit = view
    ? view.entity_id
      ? (view.entity_name || entityName || t('reports.unit.entity', { id: view.entity_id })).toLocaleUpperCase('vi')
      : provinceAlliance(view.province, province, t)
    : '';
  const period = view ? periodInWords(view.period, t) : '';

  // The browser's "Save as PDF" names the file after the title.
  useEffect(() => {
    if (!view || !form) return;
    const before = document.title;
    document.title = `${formName} - ${view.entity_id ? unit : province} - ${period}`;
    return () => {
      document.title = before;
    };
  }, [view, form, formName, unit, province, period]);

  const toolbar = (
    <div className="print-toolbar" role="toolbar" aria-label={t('print.toolbar')}>
      <Link to={`/reports/${id}`}>← {t('print.back')}</Link>
      <span className="print-toolbar-actions">
        {view && (
          <Button icon={<DownloadOutlined />} href={reportXlsxUrl(view.id)} download data-testid="print-xlsx">
            {t('print.download')}
          </Button>
        )}
        <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()} disabled={!view}>
          {t('print.print')}
        </Button>
      </span>
    </div>
  );

  if (error)
    return (
      <div className="print-page">
        {toolbar}
        <Alert type="error" showIcon title={error instanceof ApiError && error.status === 404 ? t('report.notFound') : error.message} />
      </div>
    );
  if (!view || !form) return <Loading />;

  const show = (f: FormField, v: unknown) => formatValue(f, v, lang, t('report.yes'), t('report.no'));
  const blank = (v: unknown) => v === null || v === undefined || v === '';

  return (
    <div className="print-page">
      {toolbar}
      <article className="print-sheet" data-testid="print-sheet">
        <header className="print-top">
          <div className="print-unit">
            <div className="print-strong">{unit}</div>
            <div className="print-rule" aria-hidden="true" />
            <div className="print-number">{t('print.number')}</div>
          </div>
          <div className="print-motto">
            <div className="print-strong">{t('print.country')}</div>
            <div className="print-motto-words">{t('print.motto')}</div>
            <div className="print-rule wide" aria-hidden="true" />
          </div>
        </header>
        <h1 className="print-title">{formName.toLocaleUpperCase(lang === 'vi' ? 'vi' : 'en')}</h1>
        <p className="print-period" data-testid="print-period">
          {period}
        </p>
        <p className="print-meta" data-testid="print-meta">
          {t('print.status', { status: t(`reports.status.${view.status}`) })}
          {' · '}
          {t('print.dueDate', { date: formatDate(view.due_date, lang) })}
          {view.submitted_at && <> · {t('print.submittedAt', { date: formatDate(view.submitted_at.slice(0, 10), lang) })}</>}
          {view.approved_at && <> · {t('print.approvedAt', { date: formatDate(view.approved_at.slice(0, 10), lang) })}</>}
        </p>
        {form.sections.map((s, si) => {
          const table = s.fields.filter((f) => f.type !== 'long_text');
          const texts = s.fields.filter((f) => f.type === 'long_text');
          return (
            <section className="print-section" key={s.code}>
              <h2>
                {roman(si + 1)}. {lang === 'en' ? s.title_en : s.title_vi}
              </h2>
              {table.length > 0 && (
                <div className="print-table-wrap">
                  <table className="print-table">
                    <thead>
                      <tr>
                        <th scope="col" className="c-no">{t('print.col.no')}</th>
                        <th scope="col" className="c-item">{t('print.col.item')}</th>
                        <th scope="col" className="c-unit">{t('print.col.unit')}</th>
                        <th scope="col" className="c-value">{t('print.col.value')}</th>
                        <th scope="col" className="c-value">{t('print.col.registry')}</th>
                        <th scope="col" className="c-note">{t('print.col.note')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {table.map((f, i) => {
                        const v = view.values[f.code];
                        const pre = view.prefill[f.code];
                        const right = f.type === 'integer' || f.type === 'money' || f.type === 'decimal' || f.type === 'percent' || f.type === 'range';
                        return (
                          <tr key={f.code} data-field={f.code}>
                            <td className="c-no">{i + 1}</td>
                            <td className="c-item">{lang === 'en' ? f.label_en : f.label_vi}</td>
                            <td className="c-unit">{(f.unit ?? '').replace(/\//g, '/\u200b') /* "đồng/người/tháng" may break after a slash */}</td>
                            <td className={right ? 'c-value num' : 'c-value'}>{blank(v) ? '' : show(f, v)}</td>
                            <td className={right ? 'c-value num' : 'c-value'}>{pre && !blank(pre.value) ? show(f, pre.value) : ''}</td>
                            <td className="c-note">{view.notes[f.code] ?? ''}</td>
                          </tr>
                        );
                      })}
                    </tbody>
                  </table>
                </div>
              )}
              {texts.map((f, i) => {
                const v = view.values[f.code];
                const paragraphs = blank(v) ? [] : String(v).split(/\n+/).filter((p) => p.trim());
                return (
                  <div className="print-long" key={f.code} data-field={f.code}>
                    <h3>
                      {table.length + i + 1}. {lang === 'en' ? f.label_en : f.label_vi}
                    </h3>
                    {paragraphs.length ? paragraphs.map((p, k) => <p key={k}>{p}</p>) : <p className="print-dots">……………………………………………………</p>}
                  </div>
                );
              })}
            </section>
          );
        })}
        <footer className="print-signatures" data-testid="print-signatures">
          <div className="print-sign">
            <div className="print-date-line print-invisible" aria-hidden="true">
              {t('print.dateLine')}
            </div>
            <div className="print-strong">{t('print.preparer')}</div>
            <div className="print-sign-hint">{t('print.sign')}</div>
          </div>
          <div className="print-sign">
            <div className="print-date-line">{t('print.dateLine')}</div>
            <div className="print-strong">{t('print.head')}</div>
            <div className="print-sign-hint">{t('print.sign')}</div>
          </div>
        </footer>
      </article>
    </div>
  );
}
