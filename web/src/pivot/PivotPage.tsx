// "Bảng tổng hợp động": rows and columns chosen from the statistics' dimensions, a measure as of a
// date or events over a period, totals and subtotals, sorting by any column (click its header), the
// whole state in the address (shareable, savable as a view), and the same table as XLSX from the
// server. Numbers are the statistics API's, as it answers this account (a province account: its
// province). On a phone the table scrolls sideways inside its box, the row labels sticky on the left.
import { DownloadOutlined } from '@ant-design/icons';
import { Alert, Button, Radio, Select } from 'antd';
import dayjs from 'dayjs';
import { useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { useSession } from '../account/session';
import { LazyDatePicker } from '../components/LazyDatePicker';
import { Panel } from '../components/Panel';
import { PrintButton, PrintHeader } from '../components/PrintHeader';
import { figuresPeriod, formatMoneyIn, isMoneyMeasure, moneyScale, moneyUnit } from '../lib/money';
import { provinceName, useProvinces } from '../geo/units';
import { datePattern, formatDate, formatNumber, todayIso } from '../i18n/format';
import { useI18n } from '../i18n/I18nProvider';
import type { MessageKey } from '../i18n/catalogue';
import { useApi } from '../lib/useApi';
import { SavedViews } from '../views/SavedViews';
import { pivotAnswer, pivotXlsxUrl } from './api';
import { apiQuery, buildPivot, dimensionFits, DIMENSIONS, EVENTS, MAX_DIMENSIONS, MEASURES, nextSort, parseState, stateToParams, type Dimension, type PivotState } from './pivot';
import './pivot.css';

export default function PivotPage() {
  const { t, lang } = useI18n();
  const { user } = useSession();
  const [params, setParams] = useSearchParams();
  const state = useMemo(() => parseState(params), [params]);
  const provinceBound = user?.role === 'province_admin' || user?.role === 'province_officer';
  const provinces = useProvinces();
  const update = (patch: Partial<PivotState>) => setParams(stateToParams({ ...state, ...patch }), { replace: true });
  const query = stateToParams(state).toString();

  // The answer keeps the question it answers: the table says when what it shows is this address's.
  // Sorting is done here: only a change of the question asks the API again.
  const asked = JSON.stringify(apiQuery(state));
  const loaded = useApi(async (signal) => ({ asked, answer: await pivotAnswer(state, signal) }), [asked, lang]);
  const answer = { ...loaded, data: loaded.data?.answer };
  const current = loaded.data?.asked === asked && !loaded.loading;
  const table = useMemo(
    () => (answer.data ? buildPivot(answer.data.rows, state, answer.data.total) : null),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [answer.data, state.rows.join(), state.cols.join(), state.sort, state.dir],
  );

  const dimLabel = (d: string) => t(`dim.${d}` as MessageKey);
  const dims = [...state.rows, ...state.cols];
  // "A và B", "A, B và C".
  const names = dims.map(dimLabel);
  const dimsText = names.length > 1 ? `${names.slice(0, -1).join(', ')}${t('pivot.and')}${names.at(-1)}` : (names[0] ?? '');
  const dimOptions = (others: Dimension[]) =>
    DIMENSIONS.filter((d) => dimensionFits(d, state.mode) && !others.includes(d)).map((d) => ({ value: d, label: dimLabel(d) }));
  const question =
    state.mode === 'flows'
      ? t('pivot.questionFlows', { event: t(`event.${state.event}` as MessageKey).toLowerCase(), dims: dimsText })
      : t('pivot.question', { measure: t(`measure.${state.measure}` as MessageKey), dims: dimsText });
  const scope = provinceBound
    ? provinceName(provinces.find((p) => p.code === user?.province_code), lang) || user?.province_code || ''
    : state.province
      ? provinceName(provinces.find((p) => p.code === state.province), lang) || state.province
      : t('pivot.country');
  const when =
    state.mode === 'flows'
      ? t('pivot.periodLine', { from: formatDate((answer.data as { from?: string } | undefined)?.from ?? state.from, lang), to: formatDate((answer.data as { to?: string } | undefined)?.to ?? state.to, lang) })
      : t('pivot.asOfLine', { date: formatDate((answer.data as { as_of?: string } | undefined)?.as_of ?? state.asOf, lang) });

  const sortMark = (key: string) => (state.sort === key ? (state.dir === 'desc' ? ' ▼' : ' ▲') : '');
  const ariaSort = (key: string) => (state.sort === key ? (state.dir === 'desc' ? 'descending' : 'ascending') : 'none');
  const sortBy = (key: string) => update(nextSort(state, key));
  // Money in tỷ or triệu đồng, the question naming the figures' period and the unit.
  const money = state.mode !== 'flows' && isMoneyMeasure(state.measure);
  const scale = moneyScale(table ? table.lines.flatMap((l) => [...l.cells, l.total]) : []);
  const moneyTitle = money
    ? `${t('pivot.question', {
        measure: `${t(`money.name.${state.measure}` as MessageKey)} ${figuresPeriod((answer.data as { as_of?: string } | undefined)?.as_of ?? state.asOf, t, (d) => formatDate(d, lang))}`,
        dims: dimsText,
      })}, ${moneyUnit(state.measure, scale, t)}`
    : question;
  const cell = (v: number | null) =>
    v === null ? <span className="muted" title={t('pivot.withheld')}>—</span> : money ? formatMoneyIn(v, scale, lang) : formatNumber(v, lang);
  const oneColumn = state.cols.length === 0;

  return (
    <div className="pivot-page">
      <PrintHeader title={t('pivot.title')} scope={`${scope} · ${when}`} />
      <h1 className="page-title">{t('pivot.title')}</h1>
      <div className="toolbar">
        <div className="filter-field pivot-dims">
          <label htmlFor="p-rows">{t('pivot.rows')}</label>
          <Select<Dimension[]>
            id="p-rows"
            mode="multiple"
            value={state.rows}
            data-testid="pivot-rows"
            maxCount={MAX_DIMENSIONS - state.cols.length}
            onChange={(rows) => rows.length && update({ rows, sort: '' })}
            options={dimOptions(state.cols)}
          />
        </div>
        <div className="filter-field pivot-dims">
          <label htmlFor="p-cols">{t('pivot.cols')}</label>
          <Select<Dimension[]>
            id="p-cols"
            mode="multiple"
            allowClear
            value={state.cols}
            data-testid="pivot-cols"
            maxCount={MAX_DIMENSIONS - state.rows.length}
            onChange={(cols) => update({ cols, sort: '' })}
            options={dimOptions(state.rows)}
          />
        </div>
        <div className="filter-field">
          <label>{t('pivot.mode')}</label>
          <Radio.Group
            optionType="button"
            value={state.mode}
            onChange={(e) => {
              const mode = e.target.value as PivotState['mode'];
              const rows = state.rows.filter((d) => dimensionFits(d, mode));
              update({ mode, rows: rows.length ? rows : ['province'], cols: state.cols.filter((d) => dimensionFits(d, mode)), sort: '' });
            }}
            options={[
              { value: 'stock', label: t('pivot.modeStock') },
              { value: 'flows', label: t('pivot.modeFlows') },
            ]}
          />
        </div>
        {state.mode === 'stock' ? (
          <>
            <div className="filter-field">
              <label htmlFor="p-measure">{t('pivot.measure')}</label>
              <Select<string>
                id="p-measure"
                value={state.measure}
                style={{ width: 220, maxWidth: '100%' }}
                popupMatchSelectWidth={false}
                onChange={(measure) => update({ measure: measure as PivotState['measure'] })}
                options={MEASURES.map((m) => ({ value: m, label: t(`measure.${m}` as MessageKey) }))}
              />
            </div>
            <div className="filter-field">
              <label htmlFor="p-asof">{t('pivot.asOf')}</label>
              <LazyDatePicker
                id="p-asof"
                format={datePattern(lang)}
                value={state.asOf ? dayjs(state.asOf) : null}
                disabledDate={(d) => d.format('YYYY-MM-DD') > todayIso()}
                style={{ width: 150 }}
                onChange={(d) => update({ asOf: d ? d.format('YYYY-MM-DD') : '' })}
              />
            </div>
          </>
        ) : (
          <>
            <div className="filter-field">
              <label htmlFor="p-event">{t('pivot.event')}</label>
              <Select<string>
                id="p-event"
                value={state.event}
                style={{ width: 200, maxWidth: '100%' }}
                onChange={(event) => update({ event: event as PivotState['event'] })}
                options={EVENTS.map((e) => ({ value: e, label: t(`event.${e}` as MessageKey) }))}
              />
            </div>
            <div className="filter-field">
              <label htmlFor="p-from">{t('pivot.from')}</label>
              <LazyDatePicker
                id="p-from"
                format={datePattern(lang)}
                value={state.from ? dayjs(state.from) : null}
                disabledDate={(d) => d.format('YYYY-MM-DD') > todayIso()}
                style={{ width: 150 }}
                onChange={(d) => update({ from: d ? d.format('YYYY-MM-DD') : '' })}
              />
            </div>
            <div className="filter-field">
              <label htmlFor="p-to">{t('pivot.to')}</label>
              <LazyDatePicker
                id="p-to"
                format={datePattern(lang)}
                value={state.to ? dayjs(state.to) : null}
                disabledDate={(d) => d.format('YYYY-MM-DD') > todayIso()}
                style={{ width: 150 }}
                onChange={(d) => update({ to: d ? d.format('YYYY-MM-DD') : '' })}
              />
            </div>
          </>
        )}
        <div className="filter-field">
          <label htmlFor="p-scheme">{t('pivot.scheme')}</label>
          <Select<string>
            id="p-scheme"
            value={state.scheme}
            style={{ width: 240, maxWidth: '100%' }}
            popupMatchSelectWidth={false}
            onChange={(scheme) => update({ scheme: scheme as PivotState['scheme'] })}
            options={[
              { value: 'current', label: t('pivot.schemeCurrent') },
              { value: 'legacy', label: t('pivot.schemeLegacy') },
            ]}
          />
        </div>
        {!provinceBound && (
          <div className="filter-field">
            <label htmlFor="p-province">{t('pivot.province')}</label>
            <Select<string>
              id="p-province"
              value={state.province}
              showSearch={{ optionFilterProp: 'label' }}
              style={{ width: 200, maxWidth: '100%' }}
              onChange={(province) => update({ province })}
              options={[
                { value: '', label: t('pivot.allProvinces') },
                ...[...provinces].sort((a, b) => a.name.localeCompare(b.name, 'vi')).map((p) => ({ value: p.code, label: provinceName(p, lang) })),
              ]}
            />
          </div>
        )}
      </div>
      <div className="toolbar">
        <Button icon={<DownloadOutlined />} href={pivotXlsxUrl(state, question)} download data-testid="pivot-xlsx">
          {t('pivot.xlsx')}
        </Button>
        <SavedViews page="pivot" query={query} />
        <PrintButton />
      </div>
      {answer.error && <Alert type="error" showIcon title={answer.error.message} action={<Button onClick={answer.reload}>{t('common.retry')}</Button>} />}
      <Panel testId="pivot-panel" className="pivot-panel">
        <div className="pivot-question">
          <h2 data-testid="pivot-question">{moneyTitle}</h2>
          <div className="muted">
            {scope} · {when} · {t('pivot.source')}
          </div>
        </div>
        <div className="table-scroll pivot-scroll" role="region" aria-label={t('pivot.scrollHint')} tabIndex={0} aria-busy={answer.loading}>
          <table className="pivot-table" data-testid="pivot-table" data-ready={table && current ? 'true' : 'false'}>
            <thead>
              <tr>
                {state.rows.map((d, i) => (
                  <th key={d} scope="col" className={i === 0 ? 'pv-sticky' : undefined}>
                    {dimLabel(d)}
                  </th>
                ))}
                {!oneColumn &&
                  table?.columns.map((c) => (
                    <th key={c.key} scope="col" className="num pv-sort" aria-sort={ariaSort(c.key)} title={t('pivot.sortHint')}>
                      <button type="button" onClick={() => sortBy(c.key)} data-testid={`pivot-sort-${c.key}`}>
                        {c.label}
                        {sortMark(c.key)}
                      </button>
                    </th>
                  ))}
                <th scope="col" className="num pv-sort" aria-sort={ariaSort('total')} title={t('pivot.sortHint')}>
                  <button type="button" onClick={() => sortBy('total')} data-testid="pivot-sort-total">
                    {oneColumn
                      ? money
                        ? `${t(`money.name.${state.measure}` as MessageKey)}, ${moneyUnit(state.measure, scale, t)}`
                        : t(state.mode === 'flows' ? 'pivot.value' : (`measure.${state.measure}` as MessageKey))
                      : t('pivot.total')}
                    {sortMark('total')}
                  </button>
                </th>
              </tr>
            </thead>
            <tbody>
              {table && table.lines.length <= 1 && !answer.loading && (
                <tr>
                  <td colSpan={state.rows.length + (table.columns.length || 1) + 1} className="muted">
                    {t('pivot.none')}
                  </td>
                </tr>
              )}
              {table?.lines.map((line, index) => (
                <tr key={line.key} className={`pv-${line.kind}`} data-testid={line.kind === 'leaf' ? `pivot-row-${line.key}` : line.kind === 'total' ? 'pivot-total' : `pivot-${line.key}`}>
                  {line.kind === 'leaf' ? (
                    line.labels.map((l, i) =>
                      i === 0 ? (
                        <th key={i} scope="row" className="pv-sticky">
                          {/* Under a first row dimension, its name once per group. */}
                          {state.rows.length > 1 && index > 0 && table.lines[index - 1].kind === 'leaf' && table.lines[index - 1].labels[0] === l ? '' : l}
                        </th>
                      ) : (
                        <td key={i}>{l}</td>
                      ),
                    )
                  ) : (
                    <th scope="row" className="pv-sticky" colSpan={state.rows.length}>
                      {line.kind === 'total' ? t('pivot.total') : t('pivot.subtotal', { name: line.labels[0] })}
                    </th>
                  )}
                  {!oneColumn &&
                    line.cells.map((v, i) => (
                      <td key={table.columns[i].key} className="num">
                        {cell(v)}
                      </td>
                    ))}
                  <td className="num pv-rowtotal">{cell(line.total)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Panel>
    </div>
  );
}
