// One report: its header, its sections of fields (FieldInput), the checks, autosave of the
// draft (a debounced PUT of what changed; a failed save keeps the edits and tries again),
// Submit, the reviewer's actions, and the history. Read-only once submitted or approved, or
// for accounts that do not fill reports. Its printout, its XLSX in the paper layout, and, while
// it can be changed, the values of such a file read in (POST …/import, saved like a PUT).
import { DownloadOutlined, PrinterOutlined } from '@ant-design/icons';
import { Alert, Button, Modal, Table, Tag, message } from 'antd';
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type CSSProperties } from 'react';
import { Link, useParams } from 'react-router';
import { ApiError, type FieldError } from '../api/client';
import { useSession } from '../account/session';
import { Loading } from '../components/Loading';
import { Panel } from '../components/Panel';
import { useI18n } from '../i18n/I18nProvider';
import { formatDate, formatDateTime, formatPeriod } from '../i18n/format';
import { getForm, getReport, importReportXlsx, putReport, reportXlsxUrl, submitReport } from './api';
import { FieldInput } from './FieldInput';
import { gridLink } from './grid';
import { checkValue, failingRules, formFields, formatInputNumber, isNumeric, isWhole, needsNote, type Problem } from './logic';
import { FILLER_ROLES, ReportStatusTag, ReportsTabs, ReviewActions, useUnitName } from './parts';
import type { FormField, ReportForm, ReportView, RuleCheck } from './types';

/** Milliseconds after the last keystroke before the draft is saved. */
export const AUTOSAVE_DELAY = 1200;
/** Milliseconds before a failed save is tried again. */
export const RETRY_DELAY = 10_000;

type SaveState = { kind: 'idle' } | { kind: 'saving' } | { kind: 'saved'; at: Date } | { kind: 'error'; message: string };

function initialTexts(form: ReportForm, values: Record<string, unknown>, lang: 'vi' | 'en'): Record<string, string> {
  const texts: Record<string, string> = {};
  for (const f of formFields(form)) {
    const v = values[f.code];
    if (f.type === 'range' && v && typeof v === 'object') {
      const r = v as { min?: number; max?: number };
      texts[`${f.code}.min`] = formatInputNumber(r.min, lang, false);
      texts[`${f.code}.max`] = formatInputNumber(r.max, lang, false);
    } else if (isNumeric(f) && typeof v === 'number') {
      texts[f.code] = formatInputNumber(v, lang, isWhole(f));
    }
  }
  return texts;
}

export default function ReportPage() {
  const { id = '' } = useParams();
  const { t, lang } = useI18n();
  const role = useSession().user?.role;
  const [view, setView] = useState<ReportView | null>(null);
  const [form, setForm] = useState<ReportForm | null>(null);
  const [loadError, setLoadError] = useState<Error | null>(null);
  const [values, setValues] = useState<Record<string, unknown>>({});
  const [notes, setNotes] = useState<Record<string, string>>({});
  const [texts, setTexts] = useState<Record<string, string>>({});
  const [save, setSave] = useState<SaveState>({ kind: 'idle' });
  const [edits, setEdits] = useState(0);
  const [tried, setTried] = useState(false);
  const [serverErrors, setServerErrors] = useState<FieldError[]>([]);
  const [submitting, setSubmitting] = useState(false);
  const [notice, noticeHolder] = message.useMessage();
  const [modal, modalHolder] = Modal.useModal();
  const [importing, setImporting] = useState(false);
  const [importNote, setImportNote] = useState<{ kind: 'success' | 'error'; text: string } | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const bar = useRef<HTMLDivElement>(null);
  const [barHeight, setBarHeight] = useState(0);

  const dirtyValues = useRef(new Set<string>());
  const dirtyNotes = useRef(new Set<string>());
  const valuesRef = useRef(values);
  valuesRef.current = values;
  const notesRef = useRef(notes);
  notesRef.current = notes;
  const formRef = useRef(form);
  formRef.current = form;
  const inFlight = useRef<Promise<boolean> | null>(null);

  const load = useCallback(
    (signal?: AbortSignal) =>
      getReport(id, signal)
        .then(async (v) => {
          const f = await getForm(v.form, v.form_version, signal);
          setForm(f);
          setView(v);
          setValues(v.values);
          setNotes(v.notes);
          setTexts(initialTexts(f, v.values, lang));
          dirtyValues.current.clear();
          dirtyNotes.current.clear();
        })
        .catch((e: Error) => {
          if (e.name !== 'AbortError') setLoadError(e);
        }),
    // The texts are formatted in the language of the first load (the effect below follows changes).
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [id],
  );
  useEffect(() => {
    const c = new AbortController();
    void load(c.signal);
    return () => c.abort();
  }, [load]);

  // The inputs' digits follow the language ("1.234,5" or "1,234.5"): rewritten when it changes.
  const shownLang = useRef(lang);
  useEffect(() => {
    if (!form || shownLang.current === lang) return;
    shownLang.current = lang;
    setTexts(initialTexts(form, valuesRef.current, lang));
  }, [lang, form]);

  const fields = useMemo(() => (form ? formFields(form) : []), [form]);
  const mayFill = role !== undefined && FILLER_ROLES.includes(role);
  const editable = !!view && mayFill && (view.status === 'draft' || view.status === 'returned');
  const unitName = useUnitName([view]);

  /** Saves what changed and is valid; true when nothing is left unsaved. */
  const saveNow = useCallback(async (): Promise<boolean> => {
    if (inFlight.current) await inFlight.current;
    const f = formRef.current;
    if (!f) return true;
    const body: { values: Record<string, unknown>; notes: Record<string, string> } = { values: {}, notes: {} };
    const sentValues: string[] = [];
    for (const code of dirtyValues.current) {
      const field = f.sections.flatMap((s) => s.fields).find((x) => x.code === code);
      const v = valuesRef.current[code] ?? null;
      if (field && checkValue(field, v, lang) !== null) continue; // not sent until corrected
      body.values[code] = v;
      sentValues.push(code);
    }
    const sentNotes = [...dirtyNotes.current];
    for (const code of sentNotes) body.notes[code] = notesRef.current[code] ?? '';
    if (!sentValues.length && !sentNotes.length) return dirtyValues.current.size === 0;
    sentValues.forEach((c) => dirtyValues.current.delete(c));
    sentNotes.forEach((c) => dirtyNotes.current.delete(c));
    setSave({ kind: 'saving' });
    const run = (async () => {
      try {
        const answer = await putReport(id, {
          ...(sentValues.length ? { values: body.values } : {}),
          ...(sentNotes.length ? { notes: body.notes } : {}),
        });
        // The server's view of everything but what is being typed meanwhile.
        setView(answer);
        setSave({ kind: 'saved', at: new Date() });
        setServerErrors([]);
        return dirtyValues.current.size === 0 && dirtyNotes.current.size === 0;
      } catch (e) {
        sentValues.forEach((c) => dirtyValues.current.add(c));
        sentNotes.forEach((c) => dirtyNotes.current.add(c));
        setSave({ kind: 'error', message: (e as Error).message });
        if (e instanceof ApiError) setServerErrors(e.fields);
        return false;
      }
    })();
    inFlight.current = run;
    const ok = await run;
    inFlight.current = null;
    return ok;
  }, [id, lang]);

  // Autosave: AUTOSAVE_DELAY after the last edit; after a failure, again RETRY_DELAY later.
  useEffect(() => {
    if (!edits) return;
    const timer = setTimeout(() => void saveNow(), AUTOSAVE_DELAY);
    return () => clearTimeout(timer);
  }, [edits, saveNow]);
  useEffect(() => {
    if (save.kind !== 'error') return;
    const timer = setTimeout(() => void saveNow(), RETRY_DELAY);
    return () => clearTimeout(timer);
  }, [save, saveNow]);
  // Leaving with unsaved edits asks first.
  useEffect(() => {
    const warn = (e: BeforeUnloadEvent) => {
      if (dirtyValues.current.size || dirtyNotes.current.size) e.preventDefault();
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, []);

  const setValue = (code: string, v: unknown) => {
    setValues((s) => ({ ...s, [code]: v }));
    dirtyValues.current.add(code);
    setEdits((n) => n + 1);
  };
  const setNote = (code: string, note: string) => {
    setNotes((s) => ({ ...s, [code]: note }));
    dirtyNotes.current.add(code);
    setEdits((n) => n + 1);
  };

  /** Reads an XLSX file into the report (the server saves it like a PUT) and shows what it saved or why not. */
  const importFile = async (file: File) => {
    setImporting(true);
    setImportNote(null);
    try {
      await saveNow(); // edits typed before are saved first; the file's values then replace them
      const answer = await importReportXlsx(id, file);
      const f = formRef.current;
      dirtyValues.current.clear();
      dirtyNotes.current.clear();
      setView(answer);
      setValues(answer.values);
      setNotes(answer.notes);
      if (f) setTexts(initialTexts(f, answer.values, lang));
      setServerErrors([]);
      setSave({ kind: 'saved', at: new Date() });
      setImportNote({ kind: 'success', text: t('report.imported', { name: file.name }) });
    } catch (e) {
      let text: string;
      if (e instanceof ApiError && e.code === 'report_xlsx_mismatch') text = t('report.importMismatch', { name: file.name });
      else if (e instanceof ApiError && e.status === 400 && e.fields.length) {
        setServerErrors(e.fields);
        text = t('report.importInvalid', { name: file.name, count: new Set(e.fields.map((x) => x.field)).size });
      } else text = t('report.importFailed', { name: file.name, message: (e as Error).message });
      // 409: submitted or approved meanwhile (another tab, a colleague): the page shows it so.
      if (e instanceof ApiError && e.status === 409) void load();
      setImportNote({ kind: 'error', text });
    } finally {
      setImporting(false);
      if (fileInput.current) fileInput.current.value = '';
    }
  };

  // The sticky Submit bar must not hide the end of the page, nor a field scrolled to: room under
  // the page and scroll padding the bar's height.
  useLayoutEffect(() => {
    const el = bar.current;
    if (!el) {
      setBarHeight(0);
      return;
    }
    const measure = () => setBarHeight(el.offsetHeight);
    measure();
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, [editable]);
  useEffect(() => {
    if (!barHeight) return;
    const html = document.documentElement;
    const before = html.style.scrollPaddingBottom;
    html.style.scrollPaddingBottom = `${barHeight + 8}px`;
    return () => {
      html.style.scrollPaddingBottom = before;
    };
  }, [barHeight]);

  const say = (p: Problem | null) => (p ? t(p.key, p.args) : null);
  const ruleFailures = useMemo(() => failingRules(form?.rules, values), [form, values]);
  const ruleMessage = (r: { message_vi: string; message_en: string }) => (lang === 'en' ? r.message_en : r.message_vi);
  // The server's checks for rules the form does not hold (a newer definition): shown as answered.
  const otherChecks: RuleCheck[] = (view?.checks ?? []).filter((c) => !(form?.rules ?? []).some((r) => r.code === c.rule));

  const problems = useMemo(() => {
    const out: { field: FormField; problem: string | null; note: string | null }[] = [];
    if (!view) return out;
    for (const f of fields) {
      const v = values[f.code] ?? null;
      const problem = say(checkValue(f, v, lang, tried));
      const note = needsNote(f, v, view.prefill[f.code]) && !(notes[f.code] ?? '').trim() ? t('report.noteRequired') : null;
      out.push({ field: f, problem, note });
    }
    return out;
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [fields, values, notes, view, tried, lang]);

  /** What blocks a submission (each a sentence), checked before asking the server. */
  const blockers = (): string[] => {
    const list: string[] = [];
    const label = (f: FormField) => (lang === 'en' ? f.label_en : f.label_vi);
    for (const f of fields) {
      const v = values[f.code] ?? null;
      const p = checkValue(f, v, lang, true);
      if (p) list.push(`${label(f)}: ${t(p.key, p.args)}`);
      if (needsNote(f, v, view?.prefill[f.code]) && !(notes[f.code] ?? '').trim()) list.push(`${label(f)}: ${t('report.noteRequired')}`);
    }
    for (const r of ruleFailures) if (r.severity === 'error') list.push(ruleMessage(r));
    for (const c of otherChecks) if (c.severity === 'error') list.push(c.message);
    return list;
  };

  const submit = async () => {
    setTried(true);
    setServerErrors([]);
    if (blockers().length) return;
    modal.confirm({
      title: t('report.submitConfirm'),
      okText: t('report.submit'),
      cancelText: t('common.cancel'),
      onOk: async () => {
        setSubmitting(true);
        try {
          const saved = await saveNow();
          if (!saved) return;
          const answer = await submitReport(Number(id));
          setView(answer);
          void notice.success(t('report.submitted'));
        } catch (e) {
          if (e instanceof ApiError) setServerErrors(e.fields.length ? e.fields : [{ field: '', code: e.code, message: e.message }]);
          else setServerErrors([{ field: '', code: 'error', message: (e as Error).message }]);
        } finally {
          setSubmitting(false);
        }
      },
    });
  };

  if (loadError)
    return (
      <div className="reports-stack">
        <ReportsTabs />
        <Alert type="error" showIcon title={loadError instanceof ApiError && loadError.status === 404 ? t('report.notFound') : loadError.message} />
        <Link to="/reports">{t('report.back')}</Link>
      </div>
    );
  if (!view || !form) return <Loading />;

  const pendingBlockers = tried ? blockers() : [];
  const formName = lang === 'en' ? form.name_en : form.name_vi;
  const hasUnsaved = dirtyValues.current.size > 0 || dirtyNotes.current.size > 0;
  const fieldServerErrors = (code: string) => serverErrors.filter((e) => e.field === code || e.field === `values.${code}`).map((e) => e.message);
  // Errors the fields do not show (notes, rules, the report as a whole) are listed above the Submit button.
  const generalServerErrors = serverErrors.filter((e) => !fields.some((f) => e.field === f.code || e.field === `values.${f.code}`));

  const barStyle = editable ? ({ '--report-bar-height': `${barHeight || 64}px` } as CSSProperties) : undefined;

  return (
    <div className={editable ? 'reports-stack has-bar' : 'reports-stack'} style={barStyle} data-testid="report-page">
      {noticeHolder}
      {modalHolder}
      <ReportsTabs />
      <Link to="/reports">← {t('report.back')}</Link>
      <Panel
        title={<h1 className="page-title" style={{ margin: 0 }}>{formName}</h1>}
        extra={<ReviewActions report={view} onDone={(v) => v && setView(v)} onNotice={(text) => void notice.success(text)} />}
        testId="report-head"
        className="report-head-panel"
      >
        <dl className="report-head">
          <div>
            <dt>{t('report.unit')}</dt>
            <dd>{unitName(view)}</dd>
          </div>
          <div>
            <dt>{t('report.period')}</dt>
            <dd>{formatPeriod(view.period, lang)}</dd>
          </div>
          <div>
            <dt>{t('report.status')}</dt>
            <dd>
              <ReportStatusTag status={view.status} />
            </dd>
          </div>
          <div>
            <dt>{t('report.due')}</dt>
            <dd>{formatDate(view.due_date, lang)}</dd>
          </div>
        </dl>
      </Panel>
      <div className="report-tools" data-testid="report-tools">
        <Link to={`/reports/${view.id}/print`}>
          <PrinterOutlined aria-hidden="true" /> {t('report.print')}
        </Link>
        {view.form === 'coop_annual_update' && role !== undefined && role !== 'cooperative' && role !== 'partner' && (
          <Link to={gridLink(view.period, role.startsWith('national') ? view.province : undefined)} data-testid="report-to-grid">
            {t('grid.toGrid')}
          </Link>
        )}
        <Button icon={<DownloadOutlined />} href={reportXlsxUrl(view.id)} download data-testid="report-xlsx">
          {t('report.download')}
        </Button>
        {editable && (
          <>
            <input
              ref={fileInput}
              id="report-import"
              type="file"
              className="file-input"
              accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              disabled={importing}
              aria-describedby="report-import-help"
              onChange={(e) => {
                const file = e.target.files?.[0];
                if (file) void importFile(file);
              }}
            />
            <label htmlFor="report-import" className="file-button">
              {importing ? t('report.importing') : t('report.import')}
            </label>
            <span className="muted help" id="report-import-help">
              {t('report.importHelp')}
            </span>
          </>
        )}
      </div>
      {importNote && (
        <Alert
          type={importNote.kind}
          showIcon
          title={importNote.text}
          closable
          onClose={() => setImportNote(null)}
          data-testid="import-result"
          role={importNote.kind === 'error' ? 'alert' : 'status'}
        />
      )}
      {view.status === 'returned' && view.return_comment && (
        <Alert type="warning" showIcon title={t('report.returnedBy')} description={view.return_comment} data-testid="return-comment" />
      )}
      {view.status === 'draft' && view.history.length > 0 && view.history[view.history.length - 1].action === 'reopened' && (
        <Alert type="warning" showIcon title={t('report.reopenedBy')} description={view.history[view.history.length - 1].comment ?? undefined} data-testid="reopen-reason" />
      )}
      {!editable && (
        <Alert
          type="info"
          showIcon
          title={
            !mayFill ? t('report.readOnlyRole') : view.status === 'approved' ? t('report.readOnlyApproved') : t('report.readOnlySubmitted')
          }
        />
      )}
      {form.sections.map((s) => (
        <fieldset className="report-section" key={s.code}>
          <legend>{lang === 'en' ? s.title_en : s.title_vi}</legend>
          {s.fields.map((f) => {
            const p = problems.find((x) => x.field.code === f.code);
            const fieldRules = ruleFailures.filter((r) => r.left === f.code);
            const errors = [p?.problem, ...fieldRules.filter((r) => r.severity === 'error').map(ruleMessage), ...fieldServerErrors(f.code)].filter(Boolean) as string[];
            return (
              <FieldInput
                key={f.code}
                field={f}
                value={values[f.code] ?? null}
                texts={texts}
                onText={(k, text) => setTexts((s2) => ({ ...s2, [k]: text }))}
                onValue={(v) => setValue(f.code, v)}
                note={notes[f.code]}
                onNote={(n) => setNote(f.code, n)}
                prefill={view.prefill[f.code]}
                previous={view.previous[f.code]}
                noteNeeded={needsNote(f, values[f.code] ?? null, view.prefill[f.code])}
                problem={editable && errors.length ? errors.join(' ') : null}
                noteProblem={editable ? (p?.note ?? null) : null}
                warnings={fieldRules.filter((r) => r.severity === 'warning').map(ruleMessage)}
                readOnly={!editable}
              />
            );
          })}
        </fieldset>
      ))}
      {(ruleFailures.length > 0 || otherChecks.length > 0) && (
        <Panel title={<h2>{t('report.checks')}</h2>} testId="report-checks">
          <ul className="checks">
            {ruleFailures.map((r) => (
              <li key={r.code} className={r.severity === 'error' ? 'field-error' : 'field-warning'}>
                <Tag color={r.severity === 'error' ? 'red' : 'gold'}>{r.severity === 'error' ? t('report.error') : t('report.warning')}</Tag>
                {ruleMessage(r)}
              </li>
            ))}
            {otherChecks.map((c) => (
              <li key={c.rule} className={c.severity === 'error' ? 'field-error' : 'field-warning'}>
                <Tag color={c.severity === 'error' ? 'red' : 'gold'}>{c.severity === 'error' ? t('report.error') : t('report.warning')}</Tag>
                {c.message}
              </li>
            ))}
          </ul>
        </Panel>
      )}
      {editable && (pendingBlockers.length > 0 || generalServerErrors.length > 0) && (
        <Alert
          type="error"
          showIcon
          data-testid="submit-blocked"
          title={t('report.blocked', { count: pendingBlockers.length + generalServerErrors.length })}
          description={
            <ul>
              {[...pendingBlockers, ...generalServerErrors.map((e) => e.message)].map((b, i) => (
                <li key={i}>{b}</li>
              ))}
            </ul>
          }
        />
      )}
      {editable && (
        <div className="report-bar" ref={bar}>
          <span className={save.kind === 'error' ? 'save-state error' : 'save-state'} role="status" aria-live="polite" data-testid="save-state">
            {save.kind === 'saving'
              ? t('report.saving')
              : save.kind === 'error'
                ? t('report.saveFailed', { message: save.message })
                : hasUnsaved
                  ? t('report.unsaved')
                  : save.kind === 'saved'
                    ? t('report.savedAt', { time: `${String(save.at.getHours()).padStart(2, '0')}:${String(save.at.getMinutes()).padStart(2, '0')}` })
                    : ''}
            {save.kind === 'error' && (
              <Button size="small" style={{ marginLeft: 8 }} onClick={() => void saveNow()}>
                {t('report.saveNow')}
              </Button>
            )}
          </span>
          <Button type="primary" loading={submitting} onClick={() => void submit()}>
            {t('report.submit')}
          </Button>
        </div>
      )}
      <Panel title={<h2>{t('report.history')}</h2>} testId="report-history">
        <div className="table-scroll">
          <Table
            rowKey={(e) => `${e.action}-${e.at}-${e.by}`}
            size="small"
            pagination={false}
            scroll={{ x: 'max-content' }}
            dataSource={[...view.history].reverse()}
            columns={[
              {
                title: t('report.history.action'),
                key: 'action',
                render: (_, e) => {
                  const known = ['created', 'saved', 'submitted', 'returned', 'approved', 'reopened'];
                  return known.includes(e.action) ? t(`report.action.${e.action as 'created'}`) : e.action;
                },
              },
              { title: t('report.history.by'), dataIndex: 'by', key: 'by' },
              {
                title: t('report.history.at'),
                key: 'at',
                className: 'nowrap',
                render: (_, e) => formatDateTime(Date.parse(e.at), lang),
              },
              { title: t('report.history.comment'), key: 'comment', render: (_, e) => e.comment ?? '' },
            ]}
          />
        </div>
      </Panel>
    </div>
  );
}
