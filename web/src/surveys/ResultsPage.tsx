// A campaign's results: the response rate by province, the satisfaction index with its number of
// responses (and year on year for the questionnaire's form_id), each question's distribution as
// horizontal bars with counts and shares (the app's charts, ChartCard: a table view, downloads),
// numbers' summaries; a group of fewer than 3 responses is withheld and said so. The anonymised
// responses as CSV or XLSX.
import { Button, Result, Select, Space } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { useSession } from '../account/session';
import { ApiError } from '../api/client';
import { ChartCard } from '../components/ChartCard';
import { Panel } from '../components/Panel';
import { formatNumber, formatPercent } from '../i18n/format';
import { searchable } from '../lib/fold';
import { useApi } from '../lib/useApi';
import { getResults, getSatisfaction, responsesUrl } from './api';
import { inLang, isNational, isOfficial } from './logic';
import { Figure, OfficialsOnly } from './parts';
import { questionTypeLabel, useT } from './strings';
import type { QuestionResult, Results } from './types';
import './surveys.css';

const BLUE = '#0b5cab';
/** A satisfaction index: always one decimal (68,0). */
const idx = (v: number | null | undefined, lang: 'vi' | 'en') => (v === null || v === undefined ? '—' : formatNumber(v, lang, 1));
/** A number with up to `digits` decimals, trailing zeros dropped (48,5 — 31). */
const num = (v: number | null | undefined, lang: 'vi' | 'en', digits = 1) =>
  v === null || v === undefined ? '—' : Number.isInteger(v) ? formatNumber(v, lang) : formatNumber(v, lang, digits).replace(/([.,]\d*?)0+$/, '$1').replace(/[.,]$/, '');

export default function ResultsPage() {
  const { id = '' } = useParams();
  const { t, lang } = useT();
  const { user } = useSession();
  const official = isOfficial(user?.role);
  const national = isNational(user?.role);
  const [province, setProvince] = useState('');
  const results = useApi((signal) => (official ? getResults(id, province || undefined, signal) : Promise.resolve(undefined)), [id, province, official]);
  const formId = results.data?.campaign.questionnaire?.form_id ?? '';
  const years = useApi((signal) => (formId ? getSatisfaction(formId, province || undefined, signal) : Promise.resolve(undefined)), [formId, province]);
  // The provinces to choose from: the first answer's (all the campaign's provinces).
  const [provinces, setProvinces] = useState<{ code: string; name: string }[]>([]);
  if (results.data && !province && provinces.length === 0 && results.data.by_province.length > 1)
    setProvinces(results.data.by_province.map((p) => ({ code: p.province, name: p.name })));

  if (!official) return <OfficialsOnly />;
  if (results.error && !results.data) {
    const missing = results.error instanceof ApiError && results.error.status === 404;
    return (
      <Result
        status={missing ? '404' : 'error'}
        title={missing ? '404' : t('common.error')}
        subTitle={missing ? t('cp.notFound') : results.error.message}
        extra={<Link to="/surveys/campaigns">{t('cp.back')}</Link>}
      />
    );
  }
  const r = results.data;
  if (!r) return <div className="muted">{t('app.loading')}</div>;
  const c = r.campaign;
  const title = inLang(c.title, lang) || inLang(c.questionnaire?.title, lang);
  const withheld = r.satisfaction_index === null && (r.withheld || (r.satisfaction_responses ?? r.responses) < 3);

  return (
    <div className="sv-page" data-testid="results-page">
      <Link to={`/surveys/campaigns/${c.id}`}>← {t('rs.back')}</Link>
      <h1 className="page-title" style={{ margin: 0 }}>
        {t('rs.title')}: {title}
      </h1>
      <div className="sv-bar">
        {national && provinces.length > 1 ? (
          <div className="filter-field" style={{ minWidth: 220 }}>
            <label htmlFor="rs-province">{t('rs.province')}</label>
            <Select
              id="rs-province"
              value={province}
              onChange={setProvince}
              showSearch={searchable}
              options={[{ value: '', label: t('rs.allProvinces') }, ...provinces.map((p) => ({ value: p.code, label: p.name }))]}
              data-testid="results-province"
            />
          </div>
        ) : (
          <span />
        )}
        <Space wrap>
          <Button href={responsesUrl(c.id, 'csv')} data-testid="results-export-csv">
            {t('rs.export', { format: 'CSV' })}
          </Button>
          <Button href={responsesUrl(c.id, 'xlsx')} data-testid="results-export-xlsx">
            {t('rs.export', { format: 'XLSX' })}
          </Button>
        </Space>
      </div>
      <p className="muted" style={{ margin: 0 }}>
        {t('rs.exportHelp')}
      </p>
      <div className="sv-figures">
        <Figure label={t('cp.targets')} value={formatNumber(r.targets, lang)} />
        <Figure label={t('cp.responses')} value={formatNumber(r.responses, lang)} testId="results-responses" />
        <Figure label={t('cp.rate')} value={formatPercent(r.response_rate, lang)} testId="results-rate" />
        <Figure
          label={t('rs.satisfaction')}
          value={withheld ? '—' : idx(r.satisfaction_index, lang)}
          note={withheld ? t('rs.withheld') : t('rs.satisfactionOf', { count: r.satisfaction_responses ?? r.responses })}
          testId="results-satisfaction"
        />
      </div>
      <ByProvince results={r} />
      <YearOnYear items={years.data?.items ?? []} />
      <h2 style={{ margin: '8px 0 0', fontSize: 18 }}>{t('rs.questions')}</h2>
      {r.responses === 0 && <p className="muted">{t('rs.noResponses')}</p>}
      <div className="sv-results-grid">
        {r.questions.filter((q) => q.type !== 'note').map((q) => (
          <QuestionCard key={q.name} question={q} />
        ))}
      </div>
    </div>
  );
}

function ByProvince({ results }: { results: Results }) {
  const { t, lang } = useT();
  return (
    <Panel title={<h2 style={{ margin: 0, fontSize: 17 }}>{t('rs.byProvince')}</h2>} testId="results-by-province">
      <div className="sv-scroll table-scroll">
        <table className="sv-table">
          <thead>
            <tr>
              <th scope="col">{t('rs.province')}</th>
              <th scope="col" className="num">{t('cp.targets')}</th>
              <th scope="col" className="num">{t('cp.responses')}</th>
              <th scope="col" className="num">{t('cp.rate')}</th>
              <th scope="col" className="num">{t('rs.satisfaction')}</th>
            </tr>
          </thead>
          <tbody>
            {results.by_province.map((p) => (
              <tr key={p.province} data-testid={`province-${p.province}`}>
                <th scope="row" style={{ fontWeight: 400 }}>{p.name}</th>
                <td className="num">{formatNumber(p.targets, lang)}</td>
                <td className="num">{formatNumber(p.responses, lang)}</td>
                <td className="num">{formatPercent(p.response_rate, lang)}</td>
                <td className="num">{p.withheld ? <span className="sv-withheld">{t('rs.withheld')}</span> : idx(p.satisfaction_index, lang)}</td>
              </tr>
            ))}
          </tbody>
          {results.by_province.length > 1 && (
            <tfoot>
              <tr>
                <th scope="row">{t('rs.total')}</th>
                <td className="num">{formatNumber(results.targets, lang)}</td>
                <td className="num">{formatNumber(results.responses, lang)}</td>
                <td className="num">{formatPercent(results.response_rate, lang)}</td>
                <td className="num">{idx(results.satisfaction_index, lang)}</td>
              </tr>
            </tfoot>
          )}
        </table>
      </div>
    </Panel>
  );
}

function YearOnYear({ items }: { items: { year: number; campaign_id: number; index: number | null; responses: number | null; withheld: boolean }[] }) {
  const { t, lang } = useT();
  if (!items.length) return null;
  const sorted = [...items].sort((a, b) => a.year - b.year);
  return (
    <Panel title={<h2 style={{ margin: 0, fontSize: 17 }}>{t('rs.yearOnYear')}</h2>} testId="results-years">
      <div className="sv-scroll table-scroll">
        <table className="sv-table" style={{ maxWidth: 520 }}>
          <thead>
            <tr>
              <th scope="col">{t('rs.year')}</th>
              <th scope="col" className="num">{t('rs.index')}</th>
              <th scope="col" className="num">{t('rs.responsesCol')}</th>
            </tr>
          </thead>
          <tbody>
            {sorted.map((y) => (
              <tr key={`${y.year}-${y.campaign_id}`} data-testid={`year-${y.year}`}>
                <th scope="row" style={{ fontWeight: 400 }}>
                  <Link to={`/surveys/campaigns/${y.campaign_id}/results`}>{y.year}</Link>
                </th>
                <td className="num">{y.withheld ? <span className="sv-withheld">{t('rs.withheld')}</span> : idx(y.index, lang)}</td>
                <td className="num">{y.withheld ? '—' : formatNumber(y.responses, lang)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Panel>
  );
}

function QuestionCard({ question: q }: { question: QuestionResult }) {
  const { t, lang } = useT();
  const title = inLang(q.label, lang);
  const meta = (
    <div className="muted" style={{ fontSize: 13 }}>
      {questionTypeLabel(q.type, lang)}
      {q.answered !== null && !q.withheld ? ` · ${t('rs.answered', { count: q.answered })}` : ''}
      {q.mean !== null && q.mean !== undefined && !q.withheld ? ` · ${t('rs.mean', { mean: num(q.mean, lang, 2) })}` : ''}
    </div>
  );
  if (q.withheld)
    return (
      <Panel title={<h3 style={{ margin: 0, fontSize: 15 }}>{title}</h3>} testId={`result-${q.name}`}>
        {meta}
        <p className="sv-withheld" style={{ margin: '8px 0 0' }}>
          {t('rs.withheld')}
        </p>
      </Panel>
    );
  if (q.distribution?.length) {
    const total = q.answered ?? q.distribution.reduce((n, d) => n + (d.count ?? 0), 0);
    const rows = q.distribution.map((d) => ({ label: inLang(d.label, lang) || d.choice, count: d.count ?? 0, share: total ? (d.count ?? 0) / total : 0 }));
    return (
      <ChartCard
        title={title}
        testId={`result-${q.name}`}
        data={[[t('rs.choice'), t('rs.count'), t('rs.share')], ...rows.map((x) => [x.label, x.count, formatPercent(x.share, lang)])]}
        height={Math.max(120, rows.length * 40 + 40)}
        footer={meta}
        option={{
          grid: { left: 8, right: 72, top: 8, bottom: 8, containLabel: true },
          xAxis: { type: 'value', minInterval: 1 },
          yAxis: { type: 'category', inverse: true, data: rows.map((x) => x.label), axisLabel: { width: 160, overflow: 'break' } },
          tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
          series: [
            {
              type: 'bar',
              name: t('rs.count'),
              data: rows.map((x) => x.count),
              itemStyle: { color: BLUE },
              label: { show: true, position: 'right', formatter: (p: { dataIndex: number }) => `${formatNumber(rows[p.dataIndex].count, lang)} (${formatPercent(rows[p.dataIndex].share, lang)})` },
            },
          ],
        }}
      />
    );
  }
  return (
    <Panel title={<h3 style={{ margin: 0, fontSize: 15 }}>{title}</h3>} testId={`result-${q.name}`}>
      {meta}
      {q.numbers && (
        <p style={{ margin: '8px 0 0' }} data-testid={`numbers-${q.name}`}>
          {t('rs.numbers', {
            count: formatNumber(q.numbers.count, lang),
            mean: num(q.numbers.mean, lang, 2),
            median: num(q.numbers.median, lang, 2),
            min: num(q.numbers.min, lang, 2),
            max: num(q.numbers.max, lang, 2),
          })}
        </p>
      )}
      {q.texts !== null && q.texts !== undefined && (
        <p style={{ margin: '8px 0 0' }} className="muted">
          {t('rs.texts', { count: q.texts })}
        </p>
      )}
    </Panel>
  );
}
