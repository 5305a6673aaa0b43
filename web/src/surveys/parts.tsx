// Pieces shared by the surveys pages: a campaign's status tag, its period and scope in words, a
// date field, a figure, the copy-link button, and the 403 for accounts that are not officials.
import { Button, DatePicker, Result, Tag } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useProvinceNames } from '../geo/units';
import { datePattern, formatDate } from '../i18n/format';
import type { MessageKey } from '../i18n/catalogue';
import { fullLink } from './logic';
import { useT } from './strings';
import type { Campaign, CampaignStatus } from './types';
import './surveys.css';

const statusColors: Record<CampaignStatus, string> = { scheduled: 'blue', open: 'green', closed: 'default' };

export function StatusTag({ status }: { status: CampaignStatus }) {
  const { t } = useT();
  return (
    <Tag color={statusColors[status] ?? 'default'} className="sv-tag" data-testid="campaign-status">
      {t(`cp.status.${status}`)}
    </Tag>
  );
}

/** "01/11/2026 – 15/12/2026". */
export function period(c: Pick<Campaign, 'opens_on' | 'closes_on'>, lang: 'vi' | 'en'): string {
  return `${formatDate(c.opens_on, lang)} – ${formatDate(c.closes_on, lang)}`;
}

/** The scope in words: "Bắc Ninh · Hợp tác xã · Nông nghiệp". */
export function useScopeText(): (c: Pick<Campaign, 'scope'>) => string {
  const { t, lang } = useT();
  const province = useProvinceNames(lang);
  return ({ scope }) =>
    [
      scope.province ? province(scope.province) : t('cp.national'),
      scope.kinds?.length ? scope.kinds.map((k) => t(`kind.${k}` as MessageKey)).join(', ') : t('cp.allKinds'),
      scope.sectors?.length ? scope.sectors.map((s) => t(`sector.${s}` as MessageKey)).join(', ') : t('cp.allSectors'),
    ].join(' · ');
}

export function DateField({ id, value, onChange }: { id?: string; value?: string | null; onChange?: (iso: string) => void }) {
  const { lang } = useT();
  return (
    <DatePicker
      id={id}
      format={datePattern(lang)}
      value={value ? dayjs(value) : null}
      onChange={(d) => onChange?.(d ? d.format('YYYY-MM-DD') : '')}
      placeholder={datePattern(lang).toLowerCase()}
      style={{ width: '100%' }}
    />
  );
}

/** A headline figure: its name, its value, a line under it. */
export function Figure({ label, value, note, testId }: { label: string; value: string; note?: string; testId?: string }) {
  return (
    <div className="sv-figure" data-testid={testId}>
      <div className="sv-figure-label">{label}</div>
      <div className="sv-figure-value">{value}</div>
      {note && <div className="sv-figure-note">{note}</div>}
    </div>
  );
}

/** Copies a personal link (the full address) and says so. */
export function CopyLink({ link, name }: { link: string; name: string }) {
  const { t } = useT();
  const [said, setSaid] = useState<string | null>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(fullLink(link));
      setSaid(t('cp.copied'));
    } catch {
      setSaid(t('cp.copyFailed'));
    }
  };
  return (
    <span className="sv-copy">
      <Button size="small" onClick={() => void copy()} aria-label={t('cp.copyOf', { name })}>
        {t('cp.copy')}
      </Button>
      <span role="status" className="muted sv-copy-said">
        {said}
      </span>
    </span>
  );
}

export function OfficialsOnly() {
  const { t } = useT();
  return <Result status="403" title="403" subTitle={t('sv.officialsOnly')} />;
}
