// Small pieces the activities pages share: a type's and a status's label, the period, a date
// field, the registry entities' search picker, and the file import dialog (check, report, apply).
import { Alert, Button, DatePicker, Modal, Select, Tag } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useRef, useState } from 'react';
import { ApiError } from '../api/client';
import { useProvinceNames } from '../geo/units';
import { datePattern, formatDate, formatNumber } from '../i18n/format';
import { getEntityChoice, searchEntities } from './api';
import { useT } from './strings';
import type { Activity, ActivityStatus, EntityChoice, ImportReport } from './types';
import './activities.css';

const typeColors: Record<string, string> = {
  training: 'blue', dialogue: 'cyan', conference: 'geekblue', working_visit: 'purple', signing: 'gold', trade_fair: 'orange',
  trade_promotion: 'volcano', ecommerce_campaign: 'magenta', survey: 'lime', communication: 'green',
};

export function TypeTag({ type }: { type: string }) {
  const { t } = useT();
  return (
    <Tag color={typeColors[type] ?? 'default'} className="act-tag">
      {t(`act.type.${type}` as 'act.type.training')}
    </Tag>
  );
}

const statusColors: Record<ActivityStatus, string> = { planned: 'default', held: 'green', cancelled: 'red' };

export function StatusTag({ status }: { status: ActivityStatus }) {
  const { t } = useT();
  return (
    <Tag color={statusColors[status] ?? 'default'} className="act-tag">
      {t(`act.status.${status}`)}
    </Tag>
  );
}

/** "10/05/2024", or "10/05/2024 – 12/05/2024". */
export function period(a: Pick<Activity, 'from' | 'to'>, lang: 'vi' | 'en'): string {
  return !a.to || a.to === a.from ? formatDate(a.from, lang) : `${formatDate(a.from, lang)} – ${formatDate(a.to, lang)}`;
}

/** The participants: the total, then women and youth; each number kept whole (never cut or wrapped). */
export function People({ activity, inline }: { activity: Pick<Activity, 'participants'>; inline?: boolean }) {
  const { t, lang } = useT();
  const p = activity.participants ?? {};
  if (!p.total) return <span className="muted">—</span>;
  const rest = [p.female ? `${formatNumber(p.female, lang)} ${t('act.femaleShort')}` : '', p.youth ? `${formatNumber(p.youth, lang)} ${t('act.youthShort')}` : '']
    .filter(Boolean)
    .map((x) => <span key={x} className="act-people">{x}</span>);
  return (
    <div className={inline ? 'muted' : undefined} style={inline ? { fontSize: 13 } : undefined}>
      <span className="act-people">{t('act.people', { count: formatNumber(p.total, lang) })}</span>
      {rest.length > 0 && (inline ? ' · ' : <br />)}
      {rest.length > 0 && (
        <span className={inline ? undefined : 'muted'} style={inline ? undefined : { fontSize: 12 }}>
          {rest.flatMap((x, i) => (i ? [' · ', x] : [x]))}
        </span>
      )}
    </div>
  );
}

/** Where: the place, the province. */
export function usePlace(): (a: Pick<Activity, 'place' | 'province'>) => string {
  const { lang } = useT();
  const names = useProvinceNames(lang);
  return (a) => [a.place, a.province ? names(a.province) : ''].filter(Boolean).join(', ');
}

/** A date field whose value is the API's ISO date ('' when empty), typed as dd/mm/yyyy in Vietnamese. */
export function DateInput({ id, value, onChange, disabled }: { id?: string; value?: string | null; onChange?: (iso: string) => void; disabled?: boolean }) {
  const { lang } = useT();
  return (
    <DatePicker
      id={id}
      format={datePattern(lang)}
      value={value ? dayjs(value) : null}
      onChange={(d) => onChange?.(d ? d.format('YYYY-MM-DD') : '')}
      disabled={disabled}
      placeholder={datePattern(lang).toLowerCase()}
      style={{ width: '100%' }}
    />
  );
}

const entityLabel = (e: EntityChoice, province: (code: string | null | undefined) => string) =>
  `${e.name}${e.registration_code ? ` (${e.registration_code})` : ''} — ${province(e.current_province_code ?? e.province_code)}`;

type PickerProps =
  | { multiple: true; id?: string; value?: number[]; onChange?: (v: number[]) => void; known?: EntityChoice[]; testId?: string }
  | { multiple?: false; id?: string; value?: number | null; onChange?: (v: number | null) => void; known?: EntityChoice[]; testId?: string };

/**
 * Registry entities chosen by name: searches the registry's list (GET /api/v1/entities?q=,
 * without diacritics on the server) as one types; the chosen ones are shown by name, with their
 * registration code and province.
 */
export function EntityPicker(props: PickerProps) {
  const { t, lang } = useT();
  const province = useProvinceNames(lang);
  const [found, setFound] = useState<EntityChoice[]>([]);
  const [fetched, setChosen] = useState<EntityChoice[]>([]);
  // The names the page already has (the activity's entity_details), then those asked or found.
  const chosen = [...(props.known ?? []), ...fetched.filter((e) => !props.known?.some((k) => k.id === e.id))];
  const [loading, setLoading] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const asked = useRef<AbortController | null>(null);
  const ids = props.multiple ? (props.value ?? []) : props.value ? [props.value] : [];
  // The chosen entities this page has no name for yet are asked once each.
  useEffect(() => {
    const missing = ids.filter((id) => !chosen.some((e) => e.id === id) && !found.some((e) => e.id === id));
    if (!missing.length) return;
    const controller = new AbortController();
    Promise.all(missing.map((id) => getEntityChoice(id, controller.signal).catch(() => null)))
      .then((list) => setChosen((c) => [...c, ...list.filter((e): e is EntityChoice => !!e && !c.some((x) => x.id === e.id))]))
      .catch(() => undefined);
    return () => controller.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [ids.join(',')]);
  useEffect(() => () => clearTimeout(timer.current), []);
  const search = (text: string) => {
    clearTimeout(timer.current);
    if (text.trim().length < 2) return;
    timer.current = setTimeout(() => {
      asked.current?.abort();
      const controller = new AbortController();
      asked.current = controller;
      setLoading(true);
      searchEntities(text.trim(), controller.signal)
        .then((page) => setFound(page.items))
        .catch(() => undefined)
        .finally(() => setLoading(false));
    }, 250);
  };
  const remember = (list: number[]) =>
    setChosen((c) => [...c, ...found.filter((e) => list.includes(e.id) && !c.some((x) => x.id === e.id))]);
  const options = [...chosen.filter((e) => ids.includes(e.id)), ...found.filter((e) => !chosen.some((c) => c.id === e.id && ids.includes(e.id)))];
  const common = {
    id: props.id,
    'data-testid': props.testId ?? 'entity-picker',
    showSearch: { filterOption: false, onSearch: search },
    allowClear: true,
    loading,
    placeholder: t('act.entitySearch'),
    notFoundContent: loading ? null : t('act.entityNone'),
    options: options.map((e) => ({ value: e.id, label: entityLabel(e, province) })),
    style: { width: '100%' },
  };
  if (props.multiple)
    return (
      <Select<number[]>
        {...common}
        mode="multiple"
        value={props.value ?? []}
        onChange={(v) => {
          remember(v);
          props.onChange?.(v);
        }}
      />
    );
  return (
    <Select<number>
      {...common}
      value={props.value ?? undefined}
      onChange={(v) => {
        remember(v ? [v] : []);
        props.onChange?.(v ?? null);
      }}
    />
  );
}

interface ImportDialogProps<T> {
  title: string;
  help?: string;
  /** Sends the file: a check (dry run) or for good. */
  send: (file: File, dryRun: boolean) => Promise<ImportReport<T>>;
  onApplied: (report: ImportReport<T>) => void;
  onClose: () => void;
}

/**
 * Importing a file in two steps: the server checks it (dry run) and answers a report, row by
 * row; with no errors, the same file is sent again for good. All or nothing: with errors nothing
 * is written, and the button to apply stays disabled.
 */
export function ImportDialog<T>({ title, help, send, onApplied, onClose }: ImportDialogProps<T>) {
  const { t, lang } = useT();
  const [file, setFile] = useState<File | null>(null);
  const [report, setReport] = useState<ImportReport<T> | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = async (dryRun: boolean) => {
    if (!file) return;
    setBusy(true);
    setError(null);
    try {
      const answer = await send(file, dryRun);
      if (dryRun) setReport(answer);
      else if (answer.errors?.length) setReport(answer);
      else onApplied(answer);
    } catch (e) {
      // A refused file may still answer a report (422 with the rows' errors).
      const body = e instanceof ApiError ? (e.body as Partial<ImportReport<T>> | undefined) : undefined;
      if (body && Array.isArray(body.errors)) setReport({ rows: body.rows ?? 0, errors: body.errors, items: [], applied: false });
      else setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  const ok = report !== null && report.errors.length === 0;
  return (
    <Modal
      open
      title={title}
      onCancel={onClose}
      width={720}
      footer={[
        <Button key="close" onClick={onClose}>
          {t('common.close')}
        </Button>,
        <Button key="check" onClick={() => run(true)} disabled={!file} loading={busy && !ok} data-testid="import-check">
          {t('import.check')}
        </Button>,
        <Button key="apply" type="primary" onClick={() => run(false)} disabled={!ok} loading={busy && ok} data-testid="import-apply">
          {t('import.apply')}
        </Button>,
      ]}
    >
      <div className="act-stack">
        {help && <p className="muted" style={{ margin: 0 }}>{help}</p>}
        <div className="filter-field">
          <label htmlFor="act-import-file">{t('import.file')}</label>
          <input
            id="act-import-file"
            type="file"
            accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            data-testid="import-file"
            onChange={(e) => {
              setFile(e.target.files?.[0] ?? null);
              setReport(null);
              setError(null);
            }}
          />
          <span className="muted" style={{ fontSize: 12 }}>
            {t('import.fileHelp')}
          </span>
        </div>
        {error && <Alert type="error" showIcon title={error} />}
        {report && (
          <div data-testid="import-report">
            {ok ? (
              <Alert type="success" showIcon title={t('import.ok', { rows: formatNumber(report.rows, lang) })} />
            ) : (
              <Alert type="error" showIcon title={t('import.bad', { count: formatNumber(report.errors.length, lang), rows: formatNumber(report.rows, lang) })} />
            )}
            {report.errors.length > 0 && (
              <div className="table-scroll" style={{ marginTop: 8 }}>
                <table className="act-table" data-testid="import-errors">
                  <thead>
                    <tr>
                      <th scope="col">{t('import.row')}</th>
                      <th scope="col">{t('import.field')}</th>
                      <th scope="col">{t('import.message')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {report.errors.map((e, i) => (
                      <tr key={i}>
                        <td className="num">{e.row}</td>
                        <td>{e.field ?? ''}</td>
                        <td>{e.message}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </div>
        )}
      </div>
    </Modal>
  );
}
