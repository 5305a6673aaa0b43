// "Danh mục cho vay": the portfolio as of a date (flows from a date: 1 January by default), grouped
// by fund, province, sector, women-managed or youth (all of it in the address): headline cards
// (outstanding principal, PAR30 %, PAR90 %, the share to women-managed cooperatives — Decision
// 01's indicator), the table with its totals (every amount exact, in đồng), a bar chart of the
// outstanding principal and PAR30 by group (the app's ChartCard: picture and numbers to
// download), and the same figures as CSV/XLSX from the server. Staff only.
import { Alert, Button, Result, Select, Space, Table } from 'antd';
import { useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { useSession } from '../account/session';
import { DateInput } from '../activities/parts';
import { ChartCard } from '../components/ChartCard';
import { Panel } from '../components/Panel';
import { PrintHeader } from '../components/PrintHeader';
import { provinceName, useProvinceNames, useProvinces } from '../geo/units';
import { formatMoney, formatNumber } from '../i18n/format';
import { searchable } from '../lib/fold';
import { moneyScale, moneyUnit } from '../lib/money';
import { useApi } from '../lib/useApi';
import { getPortfolio, portfolioExportUrl } from './api';
import { isNational, isStaff, paramsOf, toParams } from './logic';
import { dateText, FundSelect, FundTabs, Kpi, Money, percentText, useFunds } from './parts';
import { useT, type Key } from './strings';
import { GROUP_BY, type PortfolioRow } from './types';

const KEYS = ['as_of', 'from', 'group_by', 'fund_id', 'province'] as const;

export default function PortfolioPage() {
  const { t, lang } = useT();
  const { user } = useSession();
  const [params, setParams] = useSearchParams();
  const filters = paramsOf(params, KEYS);
  const groupBy = filters.group_by || 'province';
  const provinces = useProvinces();
  const provinceNames = useProvinceNames(lang);
  const { funds } = useFunds();
  const query = useMemo(() => ({ ...toParams(filters), group_by: groupBy }), [JSON.stringify(filters), groupBy]); // eslint-disable-line react-hooks/exhaustive-deps
  const pf = useApi((signal) => getPortfolio(query, signal), [JSON.stringify(query)]);
  if (!isStaff(user?.role)) return <Result status="403" title="403" subTitle={t('fund.staffOnly')} />;
  const set = (change: Record<string, string>) => setParams(toParams({ ...filters, ...change }), { replace: true });
  const p = pf.data;
  const groupName = t(`fund.pf.group.${groupBy}` as Key);
  // A group's name: the server's label, else the name the app knows for the key.
  const label = (r: PortfolioRow): string => {
    if (r.label) return r.label;
    if (groupBy === 'women_managed' || groupBy === 'youth') return t(`fund.bool.${r.key === 'true' ? 'true' : 'false'}` as Key);
    if (groupBy === 'province') return provinceNames(r.key) || r.key;
    if (groupBy === 'fund') return funds.find((f) => String(f.id) === r.key)?.name ?? r.key;
    if (groupBy === 'sector') return r.key ? t(`sector.${r.key}` as Key) : t('fund.pf.unknownSector');
    return r.key;
  };
  const rows = p ? (groupBy === 'none' ? [{ ...p.totals, key: '', label: t('fund.pf.all') }] : p.rows) : [];
  const scale = moneyScale(rows.map((r) => r.outstanding_principal_vnd));
  const unit = moneyUnit('outstanding_vnd', scale, t);
  const divisor = scale === 'billion' ? 1e9 : 1e6;
  const inUnit = (v: number) => Math.round((v / divisor) * 100) / 100;
  const scope = filters.province ? provinceName(provinces.find((x) => x.code === filters.province), lang) : (funds.find((f) => String(f.id) === filters.fund_id)?.name ?? undefined);
  const period = p ? t('fund.pf.period', { from: dateText(p.from, lang), to: dateText(p.as_of, lang) }) : undefined;
  const n = (v: number) => formatNumber(v, lang);
  const pct = (s: string) => percentText(s, lang, t);
  return (
    <div className="fund-page" data-testid="portfolio-page">
      <PrintHeader title={t('fund.pf.title')} scope={[scope, p ? `${t('fund.asOf')} ${dateText(p.as_of, lang)}` : ''].filter(Boolean).join(' · ')} />
      <FundTabs role={user?.role} />
      <h1 className="page-title" style={{ margin: 0 }}>
        {t('fund.pf.title')}
      </h1>
      <section aria-label={t('common.filters')} className="toolbar" style={{ marginBottom: 0 }}>
        <div className="filter-field" style={{ flex: '1 1 150px' }}>
          <label htmlFor="pf-as-of">{t('fund.asOf')}</label>
          <DateInput id="pf-as-of" value={filters.as_of || p?.as_of} onChange={(as_of) => set({ as_of })} />
        </div>
        <div className="filter-field" style={{ flex: '1 1 150px' }}>
          <label htmlFor="pf-from">{t('fund.from')}</label>
          <DateInput id="pf-from" value={filters.from || p?.from} onChange={(from) => set({ from })} />
        </div>
        <div className="filter-field" style={{ flex: '1 1 170px' }}>
          <label htmlFor="pf-group">{t('fund.pf.groupBy')}</label>
          <Select
            id="pf-group"
            value={groupBy}
            onChange={(group_by) => set({ group_by })}
            data-testid="portfolio-group-by"
            options={GROUP_BY.map((g) => ({ value: g, label: t(`fund.pf.group.${g}` as Key) }))}
          />
        </div>
        <div className="filter-field" style={{ flex: '2 1 200px' }}>
          <label htmlFor="pf-fund">{t('fund.fund')}</label>
          <FundSelect id="pf-fund" any funds={funds} value={filters.fund_id} onChange={(fund_id) => set({ fund_id })} />
        </div>
        {isNational(user?.role) && (
          <div className="filter-field" style={{ flex: '1 1 160px' }}>
            <label htmlFor="pf-province">{t('fund.province')}</label>
            <Select
              id="pf-province"
              value={filters.province}
              onChange={(province) => set({ province })}
              showSearch={searchable}
              options={[{ value: '', label: t('fund.any') }, ...provinces.map((x) => ({ value: x.code, label: provinceName(x, lang) }))]}
            />
          </div>
        )}
      </section>
      <p className="muted" style={{ margin: 0, fontSize: 13 }}>
        {t('fund.pf.fromHelp')}
      </p>
      <Space wrap className="no-print">
        <Button href={portfolioExportUrl('csv', query)} data-testid="portfolio-export-csv">
          {t('fund.export', { format: 'CSV' })}
        </Button>
        <Button href={portfolioExportUrl('xlsx', query)} data-testid="portfolio-export-xlsx">
          {t('fund.export', { format: 'XLSX' })}
        </Button>
      </Space>
      {pf.error && (
        <Alert
          type="error"
          showIcon
          title={pf.error.message}
          action={
            <Button size="small" onClick={pf.reload}>
              {t('common.retry')}
            </Button>
          }
        />
      )}
      {!p ? (
        !pf.error && <div className="muted">{t('app.loading')}</div>
      ) : (
        <>
          <div className="fund-kpis" data-testid="portfolio-kpis">
            <Kpi label={t('fund.outstanding')} vnd={p.totals.outstanding_principal_vnd} note={`${n(p.totals.loans_active)} ${t('fund.pf.loansActive').toLowerCase()}`} testId="kpi-outstanding" />
            <Kpi label={t('fund.pf.par30')} value={pct(p.totals.par30_percent)} alert={p.totals.par30_vnd > 0} note={`${t('fund.pf.par30Help')}: ${formatMoney(p.totals.par30_vnd, lang)}`} testId="kpi-par30" />
            <Kpi label={t('fund.pf.par90')} value={pct(p.totals.par90_percent)} alert={p.totals.par90_vnd > 0} note={`${t('fund.pf.par90Help')}: ${formatMoney(p.totals.par90_vnd, lang)}`} testId="kpi-par90" />
            <Kpi
              label={t('fund.pf.women')}
              value={pct(p.women.outstanding_share_percent)}
              note={t('fund.pf.womenNote', { loans: n(p.women.loans_active), share: pct(p.women.loans_share_percent), amount: formatMoney(p.women.outstanding_principal_vnd, lang) })}
              testId="kpi-women"
            />
          </div>
          {p.totals.loans_active === 0 && p.totals.disbursed_vnd === 0 && <Alert type="info" showIcon title={t('fund.pf.none')} />}
          <Panel title={<h2>{`${t('fund.pf.title')} — ${groupName}`}</h2>} testId="portfolio-table">
            <div className="table-scroll">
              <Table<PortfolioRow>
                className="fund-table"
                size="small"
                rowKey={(r) => r.key || 'all'}
                pagination={false}
                dataSource={rows}
                scroll={{ x: 'max-content' }}
                onRow={(r) => ({ 'data-testid': `portfolio-row-${r.key || 'all'}` }) as React.HTMLAttributes<HTMLElement>}
                columns={[
                  { key: 'label', title: groupBy === 'none' ? t('fund.pf.group') : groupName, render: (_, r) => <div style={{ minWidth: 120, maxWidth: 240 }}>{label(r)}</div> },
                  { key: 'active', title: t('fund.pf.loansActive'), className: 'fund-num', render: (_, r) => n(r.loans_active) },
                  { key: 'arrears', title: t('fund.pf.loansInArrears'), className: 'fund-num', render: (_, r) => n(r.loans_in_arrears) },
                  { key: 'outstanding', title: t('fund.outstanding'), className: 'fund-num', render: (_, r) => <Money vnd={r.outstanding_principal_vnd} strong /> },
                  { key: 'par30', title: t('fund.pf.par30Vnd'), className: 'fund-num', render: (_, r) => <Money vnd={r.par30_vnd} /> },
                  { key: 'par30p', title: t('fund.pf.par30'), className: 'fund-num', render: (_, r) => pct(r.par30_percent) },
                  { key: 'par90', title: t('fund.pf.par90Vnd'), className: 'fund-num', render: (_, r) => <Money vnd={r.par90_vnd} /> },
                  { key: 'par90p', title: t('fund.pf.par90'), className: 'fund-num', render: (_, r) => pct(r.par90_percent) },
                  { key: 'disbursed', title: t('fund.pf.disbursedPeriod'), className: 'fund-num', render: (_, r) => <Money vnd={r.disbursed_vnd} /> },
                  { key: 'principal', title: t('fund.pf.principalRepaid'), className: 'fund-num', render: (_, r) => <Money vnd={r.principal_repaid_vnd} /> },
                  { key: 'interest', title: t('fund.pf.interestRepaid'), className: 'fund-num', render: (_, r) => <Money vnd={r.interest_repaid_vnd} /> },
                  { key: 'written', title: t('fund.pf.writtenOff'), className: 'fund-num', render: (_, r) => <Money vnd={r.written_off_vnd} /> },
                ]}
                summary={() =>
                  groupBy === 'none' ? null : (
                    <Table.Summary.Row className="fund-totals" data-testid="portfolio-totals">
                      <Table.Summary.Cell index={0}>{t('fund.totals')}</Table.Summary.Cell>
                      {(
                        [
                          n(p.totals.loans_active),
                          n(p.totals.loans_in_arrears),
                          <Money key="o" vnd={p.totals.outstanding_principal_vnd} strong />,
                          <Money key="p3" vnd={p.totals.par30_vnd} />,
                          pct(p.totals.par30_percent),
                          <Money key="p9" vnd={p.totals.par90_vnd} />,
                          pct(p.totals.par90_percent),
                          <Money key="d" vnd={p.totals.disbursed_vnd} />,
                          <Money key="pr" vnd={p.totals.principal_repaid_vnd} />,
                          <Money key="ir" vnd={p.totals.interest_repaid_vnd} />,
                          <Money key="w" vnd={p.totals.written_off_vnd} />,
                        ] as React.ReactNode[]
                      ).map((cell, i) => (
                        <Table.Summary.Cell key={i} index={i + 1} className="fund-num">
                          {cell}
                        </Table.Summary.Cell>
                      ))}
                    </Table.Summary.Row>
                  )
                }
              />
            </div>
          </Panel>
          <ChartCard
            testId="portfolio-chart"
            title={t('fund.pf.chart', { group: groupName.toLowerCase(), unit })}
            scope={scope}
            period={period}
            suffix={p.as_of}
            empty={!rows.length || rows.every((r) => r.outstanding_principal_vnd === 0)}
            data={[[groupName, `${t('fund.outstanding')} (${unit})`, `${t('fund.pf.chartPar')} (${unit})`], ...rows.map((r) => [label(r), inUnit(r.outstanding_principal_vnd), inUnit(r.par30_vnd)])]}
            height={Math.max(260, 60 + rows.length * 40)}
            option={{
              tooltip: { trigger: 'axis' },
              legend: { top: 0 },
              grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
              yAxis: { type: 'category', data: rows.map(label), inverse: true },
              xAxis: { type: 'value', axisLabel: { formatter: (v: number) => formatNumber(v, lang, Number.isInteger(v) ? 0 : 1) } },
              series: [
                { type: 'bar', name: t('fund.outstanding'), data: rows.map((r) => inUnit(r.outstanding_principal_vnd)), itemStyle: { color: '#0b5cab' } },
                { type: 'bar', name: t('fund.pf.chartPar'), data: rows.map((r) => inUnit(r.par30_vnd)), itemStyle: { color: '#c41d1f' } },
              ],
            }}
          />
        </>
      )}
    </div>
  );
}
