import { Alert, Button, Card, Checkbox, Descriptions, Progress, Result, Select, Space, Spin, Steps, Table, Tag } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useRef, useState } from 'react';
import { useSession } from '../account/session';
import { ApiError } from '../api/client';
import { canEditRegistry } from '../api/types';
import { LazyDatePicker } from '../components/LazyDatePicker';
import { datePattern, formatDate, formatNumber } from '../i18n/format';
import { useI18n } from '../i18n/I18nProvider';
import type { MessageKey } from '../i18n/catalogue';
import { cancelJob, follow, importFileUrl, isMissingRoute, reportUrl, submit, templateUrl } from './api';
import { contentTypeOf } from './jobs';
import { IMPORT_TYPES, type ImportJob, type ImportType } from './types';

// The wizard: 0 upload → 1 preview (the columns the server recognised and the first rows) →
// 2 check (the dry run's problems, downloadable) → 3 commit (progress, cancel) → 4 summary.
// Choosing a file starts the dry run at once: the preview comes from that job as soon as the
// server has read the header and the first rows, and its problems are ready for step 2.
type Step = 0 | 1 | 2 | 3 | 4;

const finished = (job: ImportJob | null) => !!job && ['succeeded', 'failed', 'cancelled'].includes(job.state);

export default function ImportPage() {
  const { t, lang } = useI18n();
  const { user } = useSession();
  const [type, setType] = useState<ImportType>('entities');
  const [file, setFile] = useState<File | null>(null);
  const [step, setStep] = useState<Step>(0);
  const [check, setCheck] = useState<ImportJob | null>(null);
  const [commit, setCommit] = useState<ImportJob | null>(null);
  const [skipBad, setSkipBad] = useState(false);
  const [confirmWarnings, setConfirmWarnings] = useState(false);
  // Entities: the date province names and codes are read at when a row has no province_as_of.
  const [asOf, setAsOf] = useState('');
  const asOfRef = useRef(''); // what the next job sends (state updates arrive after the call)
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [missing, setMissing] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const polling = useRef<AbortController | null>(null);
  useEffect(() => () => polling.current?.abort(), []);

  if (!canEditRegistry(user?.role)) return <Alert type="warning" title={t('common.notAvailable')} />;

  const fail = (e: unknown) => {
    if ((e as Error).name === 'AbortError') return;
    if (isMissingRoute(e)) setMissing(true);
    else setError(e instanceof ApiError ? [e.message, ...e.fields.map((f) => f.message)].join(' ') : String(e));
  };

  const run = async (dryRun: boolean, f: File, kind: ImportType) => {
    setBusy(true);
    setError(null);
    polling.current?.abort();
    const controller = new AbortController();
    polling.current = controller;
    try {
      const job = await submit(kind, f, {
        dryRun,
        skipBadRows: skipBad,
        confirmWarnings: !dryRun && confirmWarnings,
        asOf: kind === 'entities' && asOfRef.current ? asOfRef.current : undefined,
      });
      const done = await follow(job, dryRun ? setCheck : setCommit, controller.signal);
      if (!dryRun) setStep(4);
      else if (done.state !== 'succeeded') setStep(1);
    } catch (e) {
      fail(e);
    } finally {
      if (polling.current === controller) setBusy(false);
    }
  };

  const preview = (f: File, kind: ImportType) => {
    setCheck(null);
    setCommit(null);
    setSkipBad(false);
    setConfirmWarnings(false);
    setStep(1);
    void run(true, f, kind);
  };

  const choose = (f: File | undefined) => {
    setError(null);
    setCheck(null);
    setCommit(null);
    if (!f) return;
    if (!contentTypeOf(f)) {
      setError(t('import.badType'));
      return;
    }
    setFile(f);
    preview(f, type);
  };

  const reset = () => {
    polling.current?.abort();
    setBusy(false);
    setFile(null);
    setCheck(null);
    setCommit(null);
    setStep(0);
    setError(null);
    if (input.current) input.current.value = '';
  };

  const columnLabel = (column: string) => {
    for (const key of [`import.col.${column}`, `field.${column}`, `measure.${column}`]) {
      const text = t(key as MessageKey);
      if (text !== key) return text;
    }
    return column;
  };

  // The preview's values are in the API's spelling (codes, ISO dates): shown as the app shows them.
  const valueLabel = (column: string, value: string | undefined) => {
    if (!value) return '';
    if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return formatDate(value, lang);
    const prefix = { kind: 'kind', converted_to: 'kind', sector: 'sector', status: 'status', event: 'event' }[column];
    const key = `${prefix}.${value}`;
    return prefix && t(key as MessageKey) !== key ? t(key as MessageKey) : value;
  };

  const readsProvinces = (check?.preview ?? []).some((r) => r.values.province_rule);
  const problems = check?.problems ?? [];
  const errors = problems.filter((p) => p.severity === 'error').length;
  // Warnings that hold nothing back (a province read by a later rule): the rows are written.
  const warnings = problems.filter((p) => p.severity === 'warning').length;
  const onlyWarnings = problems.length > 0 && errors === 0 && (check?.counts?.bad_rows ?? 0) === 0;
  // Rows held back only by warnings: written once the user confirms them.
  const unconfirmed = check?.counts?.unconfirmed_rows ?? 0;
  const total = check?.counts?.rows_read ?? check?.rows_read ?? 0;
  const committing = commit && !finished(commit);
  const percent = commit && total ? Math.min(100, Math.round((commit.rows_read / total) * 100)) : 0;
  const columns = check?.columns ?? [];
  const recognised = columns.filter((c) => c.column);
  const unknown = check?.unknown_headers ?? columns.filter((c) => !c.column).map((c) => c.header);
  const refused = check?.state === 'failed' && check.error;
  const checking = check && !finished(check);

  if (missing) return <Alert type="info" showIcon title={t('common.notAvailable')} />;
  return (
    <>
      <h1 className="page-title">{t('import.title')}</h1>
      <Steps
        current={step}
        size="small"
        style={{ marginBottom: 16 }}
        items={(['upload', 'preview', 'check', 'commit', 'summary'] as const).map((s) => ({ title: t(`import.step.${s}` as MessageKey) }))}
      />
      <div aria-live="assertive" role="alert">
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="import-error" />}
      </div>
      <Card style={{ marginBottom: 16 }}>
        <Space wrap align="end">
          <div className="filter-field">
            <label htmlFor="i-type">{t('import.type')}</label>
            <Select
              id="i-type"
              style={{ minWidth: 200 }}
              value={type}
              disabled={step >= 3}
              onChange={(v) => {
                setType(v);
                if (file) preview(file, v);
              }}
              options={IMPORT_TYPES.map((x) => ({ value: x, label: t(`import.type.${x}` as MessageKey) }))}
            />
          </div>
          <div className="filter-field">
            <span className="muted" style={{ fontSize: 12 }} id="i-file-label">
              {t('import.file')}
            </span>
            <span style={{ display: 'flex', gap: 8, alignItems: 'center' }}>
              {/* The native input stays focusable for the keyboard; the label is what people see. */}
              <input
                id="i-file"
                className="file-input"
                ref={input}
                type="file"
                accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                disabled={step >= 3 && !finished(commit)}
                aria-labelledby="i-file-label"
                onChange={(e) => choose(e.target.files?.[0])}
                data-testid="import-file"
              />
              <label htmlFor="i-file" className="file-button">
                {t('import.choose')}
              </label>
              <span data-testid="import-file-name">{file?.name ?? ''}</span>
            </span>
          </div>
          <div className="filter-field">
            <span className="muted" style={{ fontSize: 12 }}>
              {t('import.template')}
            </span>
            <Space size={4}>
              <Button size="small" href={templateUrl(type, 'xlsx')} download data-testid="import-template-xlsx">
                XLSX
              </Button>
              <Button size="small" href={templateUrl(type, 'csv')} download data-testid="import-template-csv">
                CSV
              </Button>
            </Space>
          </div>
          {type === 'entities' && (
            <div className="filter-field">
              <label htmlFor="i-as-of">{t('import.asOf')}</label>
              <LazyDatePicker
                id="i-as-of"
                style={{ width: 230 }}
                format={datePattern(lang)}
                value={asOf ? dayjs(asOf) : null}
                placeholder={t('import.asOfNone')}
                disabledDate={(d) => d.format('YYYY-MM-DD') > dayjs().format('YYYY-MM-DD')}
                onChange={(d) => {
                  const next = d ? d.format('YYYY-MM-DD') : '';
                  setAsOf(next);
                  asOfRef.current = next;
                  // The preview reads the provinces again with the new date.
                  if (file && step < 3) preview(file, type);
                }}
              />
            </div>
          )}
        </Space>
        <p className="muted" style={{ marginTop: 8, marginBottom: 0 }}>
          {t('import.dropHelp')}
        </p>
      </Card>

      {step === 1 && check && (
        <Card
          title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('import.previewTitle')}</h2>}
          style={{ marginBottom: 16 }}
          size="small"
          data-testid="import-preview"
        >
          {refused && (
            <Alert
              type="error"
              showIcon
              title={[check.error!.message, ...(check.error!.fields ?? []).map((f) => f.message)].join(' ')}
              style={{ marginBottom: 12 }}
              data-testid="import-failed"
            />
          )}
          {columns.length === 0 && !refused && (
            <div role="status" aria-live="polite">
              <Spin size="small" /> {t('import.reading')}
            </div>
          )}
          {columns.length > 0 && (
            <>
              <p style={{ marginTop: 0 }} data-testid="import-columns-summary">
                {t('import.columnsSummary', { recognised: recognised.length, total: columns.length })}
              </p>
              {unknown.length > 0 && (
                <Alert
                  type="warning"
                  showIcon
                  style={{ marginBottom: 12 }}
                  title={t('import.unknownHeaders', { headers: unknown.map((h) => `“${h}”`).join(', ') })}
                  data-testid="import-unknown"
                />
              )}
              <Table
                size="small"
                rowKey={(c) => `${c.header}\u0000${c.column ?? ''}`}
                pagination={false}
                scroll={{ x: 'max-content' }}
                dataSource={columns}
                data-testid="import-columns"
                columns={[
                  { key: 'header', title: t('import.column'), dataIndex: 'header', render: (h: string) => <strong>{h || '—'}</strong> },
                  {
                    key: 'column',
                    title: t('import.mappedTo'),
                    render: (_: unknown, c: (typeof columns)[number]) =>
                      c.column ? (
                        <span>
                          {columnLabel(c.column)} <Tag style={{ marginInlineStart: 4 }}>{c.column}</Tag>
                        </span>
                      ) : (
                        <Tag>{t('import.unmapped')}</Tag>
                      ),
                  },
                ]}
              />
              <h3 style={{ fontSize: 14, margin: '16px 0 8px' }}>{t('import.firstRows', { count: check.preview?.length ?? 0 })}</h3>
              <Table
                size="small"
                rowKey="row"
                pagination={false}
                scroll={{ x: 'max-content' }}
                dataSource={check.preview ?? []}
                data-testid="import-rows"
                columns={[
                  { key: 'row', title: t('import.row'), dataIndex: 'row' },
                  ...recognised.map((c) => ({
                    key: c.column!,
                    title: columnLabel(c.column!),
                    render: (_: unknown, r: { values: Record<string, string> }) => valueLabel(c.column!, r.values[c.column!]),
                  })),
                  // How each row's province was read (the server's rule), and as of which date.
                  ...(readsProvinces
                    ? [
                        {
                          key: 'province_rule',
                          title: t('import.provinceRule'),
                          render: (_: unknown, r: { values: Record<string, string> }) =>
                            r.values.province_rule ? (
                              <span data-testid="import-province-rule">
                                {t(`import.rule.${r.values.province_rule}` as MessageKey)}
                                {r.values.province_as_of ? ` (${formatDate(r.values.province_as_of, lang)})` : ''}
                              </span>
                            ) : (
                              ''
                            ),
                        },
                      ]
                    : []),
                ]}
              />
            </>
          )}
          <Space wrap style={{ marginTop: 12 }}>
            <Button type="primary" disabled={columns.length === 0 || !!refused} onClick={() => setStep(2)} data-testid="import-check">
              {t('import.toCheck')}
            </Button>
            <Button onClick={reset}>{t('import.otherFile')}</Button>
          </Space>
        </Card>
      )}

      {step === 2 && checking && (
        <Card style={{ marginBottom: 16 }} size="small">
          <div role="status" aria-live="polite">
            <Spin size="small" /> {t('import.checking')} {t('import.rowsRead', { count: check.rows_read })}
          </div>
        </Card>
      )}

      {step >= 2 && step < 4 && check && check.state === 'succeeded' && (
        <Card
          title={<h2 style={{ fontSize: 16, margin: 0 }}>{t(onlyWarnings ? 'import.warnings' : 'import.errors')}</h2>}
          style={{ marginBottom: 16 }}
          size="small"
          data-testid="import-problems"
        >
          {problems.length === 0 ? (
            <Alert type="success" showIcon title={t('import.noErrors')} />
          ) : (
            <>
              <Space wrap style={{ marginBottom: 8 }}>
                {(errors > 0 || check.problems_total > problems.length) && (
                  <strong>
                    {t('import.errorCount', {
                      count: check.problems_total > problems.length ? check.problems_total : errors,
                      rows: check.counts?.bad_rows ?? errors,
                    })}
                  </strong>
                )}
                {warnings > 0 && (
                  <span data-testid="import-warning-count">{t('import.warningCount', { count: warnings, rows: check.counts?.warning_rows ?? warnings })}</span>
                )}
                <Button href={reportUrl(check.id, 'csv')} download>
                  {t('import.downloadErrorsCsv')}
                </Button>
                <Button href={reportUrl(check.id, 'xlsx')} download>
                  {t('import.downloadErrorsXlsx')}
                </Button>
              </Space>
              {unconfirmed > 0 && (
                <div data-testid="import-needs-confirmation" style={{ marginBottom: 8 }}>
                  <Alert type="warning" showIcon title={t('import.needsConfirmation', { rows: unconfirmed })} />
                </div>
              )}
              <Table
                size="small"
                rowKey={(p) => `${p.row}-${p.column}-${p.code}`}
                dataSource={problems}
                scroll={{ x: 'max-content' }}
                pagination={{ pageSize: 20, hideOnSinglePage: true }}
                columns={[
                  { key: 'row', title: t('import.row'), dataIndex: 'row' },
                  { key: 'column', title: t('import.column'), dataIndex: 'column' },
                  { key: 'value', title: t('import.value'), dataIndex: 'value' },
                  { key: 'reason', title: t('import.reason'), dataIndex: 'message', render: (m: string, p) => <span style={{ color: p.severity === 'error' ? '#a8071a' : '#874d00' }}>{m}</span> },
                ]}
              />
            </>
          )}
          {step === 2 && (
            <Space wrap style={{ marginTop: 12 }}>
              <Button onClick={() => setStep(1)}>{t('import.backToPreview')}</Button>
              {problems.length > 0 && (
                <Checkbox checked={skipBad} onChange={(e) => setSkipBad(e.target.checked)}>
                  {t('import.skipBad')}
                </Checkbox>
              )}
              {unconfirmed > 0 && (
                <Checkbox checked={confirmWarnings} onChange={(e) => setConfirmWarnings(e.target.checked)}>
                  {t('import.confirmWarnings')}
                </Checkbox>
              )}
              <Button
                type="primary"
                disabled={busy || !file || (errors > 0 && !skipBad) || (unconfirmed > 0 && !confirmWarnings && !skipBad)}
                onClick={() => {
                  setStep(3);
                  if (file) void run(false, file, type);
                }}
                data-testid="import-commit"
              >
                {t('import.commit')}
              </Button>
              {errors > 0 && !skipBad && <Button onClick={reset}>{t('import.fixAndRetry')}</Button>}
            </Space>
          )}
        </Card>
      )}

      {step === 3 && (!commit || committing) && (
        <Card style={{ marginBottom: 16 }} size="small" data-testid="import-progress">
          <div role="status" aria-live="polite">
            {t('import.committing')} {formatNumber(commit?.rows_read ?? 0, lang)} / {formatNumber(total, lang)}
          </div>
          <Progress percent={percent} status="active" aria-label={t('import.committing')} />
          <Button danger disabled={!commit} onClick={() => commit && void cancelJob(commit.id).then(setCommit, fail)} data-testid="import-cancel">
            {t('import.cancel')}
          </Button>
        </Card>
      )}

      {commit && step === 4 && (
        <Result
          status={commit.outcome === 'committed' ? 'success' : commit.state === 'cancelled' ? 'info' : 'error'}
          title={
            commit.outcome === 'committed'
              ? t('import.done')
              : commit.state === 'cancelled'
                ? t('import.cancelled')
                : t('import.failed', { message: commit.error?.message ?? commit.outcome ?? '' })
          }
          extra={<Button onClick={reset}>{t('import.again')}</Button>}
          data-testid="import-summary"
        >
          {commit.counts && (
            <Descriptions bordered size="small" column={{ xs: 1, sm: 2, md: 4 }}>
              <Descriptions.Item label={t('import.created')}>{formatNumber(commit.counts.created, lang)}</Descriptions.Item>
              <Descriptions.Item label={t('import.updated')}>{formatNumber(commit.counts.updated, lang)}</Descriptions.Item>
              <Descriptions.Item label={t('import.unchanged')}>{formatNumber(commit.counts.unchanged, lang)}</Descriptions.Item>
              <Descriptions.Item label={t('import.skipped')}>{formatNumber(commit.counts.bad_rows, lang)}</Descriptions.Item>
            </Descriptions>
          )}
          {commit.import_id != null && (
            <p style={{ marginTop: 12 }} data-testid="import-record">
              {t('import.recorded', { id: String(commit.import_id) })}{' '}
              <a href={importFileUrl(commit.import_id)} download>
                {t('history.importFile')}
              </a>
            </p>
          )}
        </Result>
      )}
    </>
  );
}
