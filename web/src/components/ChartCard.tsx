// A chart in a card, with its title and the downloads every chart offers: the picture as PNG
// and the numbers behind it as CSV or XLSX.
import { DownloadOutlined } from '@ant-design/icons';
import { Button, Card, Dropdown } from 'antd';
import type { EChartsType } from 'echarts/core';
import { useRef, type ReactNode } from 'react';
import { useI18n } from '../i18n/I18nProvider';
import { fileSlug, saveCsv, saveDataUrl, saveXlsx } from '../lib/download';
import type { Cell } from '../lib/xlsx';
import { EChart, type EChartProps } from './EChart';

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
  const base = fileSlug(suffix ? `${title} ${suffix}` : title);
  return (
    <Card
      data-testid={testId}
      title={<h2 style={{ fontSize: 16, margin: 0, whiteSpace: 'normal' }}>{title}</h2>}
      extra={
        <div style={{ display: 'flex', gap: 8, alignItems: 'center' }}>
          {extra}
          <Dropdown
            trigger={['click']}
            menu={{
              items: [
                {
                  key: 'png',
                  label: t('dashboard.savePng'),
                  onClick: () => {
                    const url = instance.current?.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: '#fff' });
                    if (url) saveDataUrl(`${base}.png`, url);
                  },
                },
                { key: 'csv', label: t('dashboard.dataCsv'), onClick: () => saveCsv(`${base}.csv`, data) },
                { key: 'xlsx', label: t('dashboard.dataXlsx'), onClick: () => saveXlsx(`${base}.xlsx`, title, data) },
              ],
            }}
          >
            <Button size="small" icon={<DownloadOutlined />} aria-label={`${t('dashboard.chartActions')}: ${title}`} />
          </Dropdown>
        </div>
      }
      styles={{ body: { padding: 12 } }}
    >
      <EChart {...chart} label={title} onReady={(c) => (instance.current = c)} />
      {footer}
    </Card>
  );
}
