// Small pieces the programmes pages share: a target state's label (text and colour, never colour
// alone), the states' counts, a programme's status, its owner and period.
import { DatePicker, Tag } from 'antd';
import dayjs from 'dayjs';
import { useProvinceNames } from '../geo/units';
import { datePattern, formatDate } from '../i18n/format';
import { stateCounts, stateKey } from './logic';
import { useT } from './strings';
import type { Programme, ProgrammeStatus, TargetState } from './types';
import './programmes.css';

export function StateLabel({ state, testId }: { state: string | undefined; testId?: string }) {
  const { t } = useT();
  return (
    <span className={`prog-state prog-state-${state ?? 'unknown'}`} data-testid={testId} data-state={state}>
      {t(stateKey(state))}
    </span>
  );
}

export function StateCounts({ counts, testId }: { counts: Partial<Record<TargetState, number>> | undefined; testId?: string }) {
  const { t } = useT();
  const list = stateCounts(counts);
  return (
    <span className="prog-state-counts" data-testid={testId}>
      {list.map(([state, count]) => (
        <span key={state} className={`prog-state prog-state-${state}`}>
          {t('state.count', { state: t(stateKey(state)), count })}
        </span>
      ))}
    </span>
  );
}

const statusColors: Record<ProgrammeStatus, string> = { draft: 'default', in_force: 'green', closed: 'volcano' };

export function StatusTag({ status }: { status: ProgrammeStatus }) {
  const { t } = useT();
  return <Tag color={statusColors[status] ?? 'default'}>{t(`prog.status.${status}`)}</Tag>;
}

/** "Toàn quốc" or the province's name. */
export function useOwner(): (p: Pick<Programme, 'province'>) => string {
  const { t, lang } = useT();
  const names = useProvinceNames(lang);
  return (p) => (p.province ? names(p.province) : t('prog.national'));
}

export function period(p: Pick<Programme, 'from' | 'to'>, lang: 'vi' | 'en'): string {
  return `${formatDate(p.from, lang)} – ${formatDate(p.to, lang)}`;
}

/**
 * A date field of a form whose value is the API's ISO date ('' when empty), typed and shown as
 * the registry's forms do (dd/mm/yyyy in Vietnamese).
 */
export function DateInput({ id, value, onChange }: { id?: string; value?: string | null; onChange?: (iso: string) => void }) {
  const { lang } = useT();
  return (
    <DatePicker
      id={id}
      format={datePattern(lang)}
      value={value ? dayjs(value) : null}
      onChange={(d) => onChange?.(d ? d.format('YYYY-MM-DD') : '')}
      style={{ width: '100%' }}
    />
  );
}
