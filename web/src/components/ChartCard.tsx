// A chart in a card, with its title and the downloads every chart offers: the picture as PNG
// and the numbers behind it as CSV or XLSX.
import { DownloadOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import type { EChartsType } from 'echarts/core';
import { useRef, type ReactNode } from 'react';
import { useI18n } from '../i18n/I18nProvider';
import type { Cell } from '../lib/xlsx';
import { EChart, type EChartProps } from './EChart';
import { MenuButton } from './MenuButton';
import { Panel } from './Panel';

// The file writers (XLSX carries a zip library) load when a download is asked for.
const files = () => import('../lib/download');

export interface ChartCardProps extends Omit<EChartProps, 'label' | 'onReady'> {
  title: string;
  /** Header row then data rows, as shown (labels, not codes). */
  data: Cell[][];
  /** Added to file names, e.g. the as-of date. */
  suffix?: string;
  extra?: ReactNode;
  footer?: ReactNode;
  testId?: string;
}

export function ChartCard({ title, data, suffix, extra, footer, testId, ...chart }: ChartCardProps) {
  const { t } = useI18n();
  const instance = useRef<EChartsType | null>(null);
  const name = (f: { fileSlug: (title: string) => string }) => f.fileSlug(suffix ? `${title} ${suffix}` : title);
  return (
    <Panel
      testId={testId}
      title={<h2 style={{ whiteSpace: 'normal' }}>{title}</h2>}
      extra={
        <>
          {extra}
          <MenuButton
            items={[
              {
                key: 'png',
                label: t('dashboard.savePng'),
                onClick: () => {
                  const url = instance.current?.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: '#fff' });
                  if (url) void files().then((f) => f.saveDataUrl(`${name(f)}.png`, url));
                },
              },
              { key: 'csv', label: t('dashboard.dataCsv'), onClick: () => void files().then((f) => f.saveCsv(`${name(f)}.csv`, data)) },
              { key: 'xlsx', label: t('dashboard.dataXlsx'), onClick: () => void files().then((f) => f.saveXlsx(`${name(f)}.xlsx`, title, data)) },
            ]}
          >
            <Button size="small" icon={<DownloadOutlined />} aria-label={`${t('dashboard.chartActions')}: ${title}`} />
          </MenuButton>
        </>
      }
    >
      <EChart {...chart} label={title} onReady={(c) => (instance.current = c)} />
      {footer}
    </Panel>
  );
}
