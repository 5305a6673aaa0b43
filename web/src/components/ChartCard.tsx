// A chart in a card, with its title and the downloads every chart offers: the picture as PNG or
// SVG, ready for a report (its title, scope, as-of date or period and source written on it, see
// chartExport.ts), and the numbers behind it as CSV or XLSX. A toggle shows the same numbers as
// a table (for screen readers and keyboard users); a chart without numbers says so and where they
// are entered, a chart that failed to load says what failed and offers to try again.
import { DownloadOutlined, TableOutlined } from '@ant-design/icons';
import { Alert, Button } from 'antd';
import type { EChartsType } from 'echarts/core';
import { useId, useRef, useState, type ReactNode } from 'react';
import { Link } from 'react-router';
import { formatNumber } from '../i18n/format';
import { useI18n } from '../i18n/I18nProvider';
import type { Cell } from '../lib/xlsx';
import { usePhone } from '../lib/media';
import { EChart, type EChartProps } from './EChart';
import { MenuButton } from './MenuButton';
import { Panel } from './Panel';

// The file writers (XLSX carries a zip library) load when a download is asked for.
const files = () => import('../lib/download');
const exporter = () => import('./chartExport');

export interface ChartCardProps extends Omit<EChartProps, 'label' | 'onReady' | 'compact'> {
  title: string;
  /** Header row then data rows, as shown (labels, not codes). */
  data: Cell[][];
  /** Added to file names, e.g. the as-of date. */
  suffix?: string;
  /** Written on the downloaded picture: a province's name or "Cả nước" (the default). */
  scope?: string;
  /** Written on the downloaded picture: the as-of date or the period. */
  period?: string;
  extra?: ReactNode;
  footer?: ReactNode;
  testId?: string;
  /** No numbers to draw (after loading): a message instead of blank axes. */
  empty?: boolean;
  /** Where the numbers are entered, for someone who may enter them. */
  enterHref?: string;
  /** The load failed: what failed is said, with a retry. */
  error?: Error;
  onRetry?: () => void;
  /** The records behind a data row (the table links its first cell there). */
  rowHref?: (rowIndex: number) => string | undefined;
  /** A chart taller than this (`height`) scrolls inside a box of this height. */
  maxHeight?: number;
}

/** A short description of a chart's numbers in the current language, for its accessible name. */
export function describeChart(title: string, data: Cell[][], lang: 'vi' | 'en', chartWord: string, more: (n: number) => string): string {
  const [head, ...rows] = data;
  const cell = (c: Cell) => (typeof c === 'number' ? formatNumber(c, lang) : (c ?? '—'));
  const shown = rows.slice(0, 8).map((r) =>
    r.length <= 2 ? `${cell(r[0])}: ${cell(r[1])}` : `${cell(r[0])}: ${r.slice(1).map((c, i) => `${cell(head?.[i + 1])} ${cell(c)}`).join(', ')}`,
  );
  const rest = rows.length > 8 ? ` ${more(rows.length - 8)}` : '';
  return `${chartWord}: ${title}.${shown.length ? ' ' + shown.join('; ') + '.' : ''}${rest}`;
}

export function ChartCard({ title, data, suffix, scope, period, extra, footer, testId, empty, enterHref, error, onRetry, rowHref, maxHeight, ...chart }: ChartCardProps) {
  const { t, lang } = useI18n();
  // On a phone the same chart with compact axes, legends under the plot and no label outside it.
  const phone = usePhone();
  const instance = useRef<EChartsType | null>(null);
  const [table, setTable] = useState(false);
  const tableId = useId();
  const name = (f: { fileSlug: (title: string) => string }) => f.fileSlug(suffix ? `${title} ${suffix}` : title);
  const [head, ...rows] = data;
  const cell = (c: Cell) => (typeof c === 'number' ? formatNumber(c, lang) : (c ?? '—'));
  const description = describeChart(title, data, lang, t('chart.word'), (n) => t('chart.more', { count: n }));
  const hasRows = rows.length > 0 && !empty;
  /** The picture for a report, drawn off screen from the chart's option (the screen's chart unchanged). */
  const picture = (type: 'png' | 'svg') =>
    void Promise.all([exporter(), files()])
      .then(([x, f]) => {
        const size = { width: instance.current?.getWidth() ?? 800, height: instance.current?.getHeight() ?? 400 };
        const meta = { title, scope: scope ?? t('dashboard.country'), period };
        return x.savePicture(type, name(f), chart.option, meta, lang, size, chart.maps);
      })
      // A picture that could not be made is said in the console, not lost as an unhandled rejection.
      .catch((e: unknown) => console.error(`${title}: the ${type.toUpperCase()} could not be made`, e));
  return (
    <Panel
      testId={testId}
      title={<h2 style={{ whiteSpace: 'normal' }}>{title}</h2>}
      extra={
        <>
          {extra}
          {hasRows && (
            <Button
              size="small"
              icon={<TableOutlined aria-hidden="true" />}
              aria-expanded={table}
              aria-controls={tableId}
              onClick={() => setTable(!table)}
              data-testid={testId ? `${testId}-table-toggle` : undefined}
            >
              {/* On phones only the icon shows (the words stay for screen readers), leaving the title room. */}
              <span className="chart-toggle-text">{table ? t('chart.hideTable') : t('chart.showTable')}</span>
            </Button>
          )}
          <MenuButton
            items={[
              {
                key: 'png',
                label: t('dashboard.savePng'),
                onClick: () => picture('png'),
              },
              { key: 'svg', label: t('chart.saveSvg'), onClick: () => picture('svg') },
              { key: 'csv', label: t('dashboard.dataCsv'), onClick: () => void files().then((f) => f.saveCsv(`${name(f)}.csv`, data)) },
              { key: 'xlsx', label: t('dashboard.dataXlsx'), onClick: () => void files().then((f) => f.saveXlsx(`${name(f)}.xlsx`, title, data)) },
            ]}
          >
            <Button size="small" icon={<DownloadOutlined />} aria-label={`${t('dashboard.chartActions')}: ${title}`} />
          </MenuButton>
        </>
      }
    >
      {error ? (
        <div className={chart.className ?? 'chart-box'} style={{ display: 'flex', alignItems: 'center', justifyContent: 'center' }}>
          <Alert
            type="error"
            showIcon
            role="alert"
            title={t('chart.failed', { title })}
            description={error.message}
            action={
              onRetry && (
                <Button size="small" onClick={onRetry}>
                  {t('common.retry')}
                </Button>
              )
            }
          />
        </div>
      ) : empty ? (
        <div className={`${chart.className ?? 'chart-box'} chart-empty`} data-testid={testId ? `${testId}-empty` : undefined}>
          <p>{t('chart.empty')}</p>
          {enterHref && <Link to={enterHref}>{t('chart.enterFigures')}</Link>}
        </div>
      ) : maxHeight && chart.height && chart.height > maxHeight ? (
        // A long list of bars keeps its labels apart and scrolls in its box; the box takes the keyboard's focus
        // (arrows scroll it), since a canvas has nothing focusable.
        <>
          <div className="chart-scroll" style={{ maxHeight }} tabIndex={0} role="group" aria-label={title} data-testid={testId ? `${testId}-scroll` : undefined}>
            <EChart {...chart} label={description} onReady={(c) => (instance.current = c)} />
          </div>
          <p className="muted chart-scroll-hint">{t('chart.scrollHint', { count: formatNumber(rows.length, lang) })}</p>
        </>
      ) : (
        <EChart {...chart} compact={phone ? lang : undefined} label={description} onReady={(c) => (instance.current = c)} />
      )}
      {table && hasRows && (
        <div className="chart-table-wrap" id={tableId}>
          <table className="chart-table">
            <caption>{title}</caption>
            <thead>
              <tr>
                {(head ?? []).map((h, i) => (
                  <th key={i} scope="col">
                    {cell(h)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((r, i) => {
                const href = rowHref?.(i);
                return (
                  <tr key={i}>
                    {r.map((c, j) =>
                      j === 0 ? (
                        <th key={j} scope="row">
                          {href ? <Link to={href}>{cell(c)}</Link> : cell(c)}
                        </th>
                      ) : (
                        <td key={j}>{cell(c)}</td>
                      ),
                    )}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {footer}
    </Panel>
  );
}
