// "Nhập theo bảng": the bulk view of the annual update (form coop_annual_update) for one
// province and one year — a row per active organisation, a column per field, each cell the
// report's value or, without a report, the registry's prefill, the previous year's figure
// beneath. A spreadsheet's keys (arrows, Enter, Tab, typing, Esc, F2, Delete, paste of a block
// from Excel or LibreOffice); "Lưu" saves only the rows changed (creating their reports, then
// a PUT of the cells changed), each row on its own: a row the server refuses keeps its edits and
// shows the errors in its cells while the others save, and the page then shows what the server
// has. Saved rows can then be submitted, and a province admin approves submitted ones.
// Pages of 50 rows from GET /api/v1/reports/grid; the filter box is the registry's keywords.
import { Alert, Button, Checkbox, Input, Modal, Pagination, Select, message } from 'antd';
import { useCallback, useEffect, useMemo, useRef, useState, type ClipboardEvent, type KeyboardEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { ApiError } from '../api/client';
import { useSession } from '../account/session';
import { Panel } from '../components/Panel';
import { provinceName, useProvinces } from '../geo/units';
import { useI18n } from '../i18n/I18nProvider';
import { formatNumber, todayIso } from '../i18n/format';
import { foldMatch, searchable } from '../lib/fold';
import { approveReport, createReport, getForm, getGrid, putReport, submitReport } from './api';
import {
  cellText,
  changedIds,
  keyMove,
  mapErrors,
  move,
  parseCell,
  parseClipboard,
  rowEditable,
  rowValues,
  setEdit,
  shownValues,
  type Edits,
  type Pos,
  type RowErrors,
} from './grid';
import { failingRules, formFields, isNumeric, periodChoices } from './logic';
import { COMPLETENESS_ROLES, ReportStatusTag, ReportsTabs, isNational } from './parts';
import type { FormField, GridRow, ReportForm, ReportGrid, ReportView } from './types';
import { formatValue } from './values';
import './grid.css';

export const GRID_FORM = 'coop_annual_update';
export const GRID_PAGE_SIZE = 50;
/** Rows saved at once. */
const SAVE_CONCURRENCY = 4;

/** A row as the grid keeps it: the server's row; values stripped of nulls. */
function fromView(row: GridRow, view: ReportView): GridRow {
  const values: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(view.values)) if (v !== null && v !== undefined) values[k] = v;
  return { ...row, report_id: view.id, status: view.status, values, checks: view.checks };
}

/** Runs `work` over `items`, `limit` at a time. */
async function pool<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>) {
  let next = 0;
  const run = async () => {
    while (next < items.length) await work(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, run));
}

export default function GridPage() {
  const { t, lang } = useI18n();
  const user = useSession().user;
  const role = user?.role;
  const allowed = role !== undefined && COMPLETENESS_ROLES.includes(role);
  const national = isNational(role);
  const fills = role === 'province_admin' || role === 'province_officer';
  const provinces = useProvinces();
  const [params, setParams] = useSearchParams();
  const today = todayIso();
  const years = useMemo(() => periodChoices(['year'], today, 6), [today]);
  const period = params.get('period') ?? today.slice(0, 4);
  const province = national ? (params.get('province') ?? '') : (user?.province_code ?? '');
  const [q, setQ] = useState(params.get('q') ?? '');
  const [query, setQuery] = useState(q);
  const [offset, setOffset] = useState(0);
  const set = (key: string, value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };

  const [form, setForm] = useState<ReportForm | null>(null);
  const [grid, setGrid] = useState<ReportGrid | null>(null);
  const [loading, setLoading] = useState(false);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [edits, setEdits] = useState<Edits>({});
  const [errors, setErrors] = useState<Record<number, RowErrors>>({});
  const [confirmed, setConfirmed] = useState<Set<number>>(new Set());
  const [saved, setSaved] = useState<Set<number>>(new Set());
  const [submitted, setSubmitted] = useState<Set<number>>(new Set());
  const [busy, setBusy] = useState<string | null>(null);
  const [active, setActive] = useState<Pos>({ row: 0, col: 0 });
  const [editing, setEditingState] = useState<string | null>(null);
  // The text being typed, also read by the input's blur (which may come after Esc or Enter closed it).
  const editingRef = useRef<string | null>(null);
  const setEditing = (text: string | null) => {
    editingRef.current = text;
    setEditingState(text);
  };
  const [notice, noticeHolder] = message.useMessage();
  const [modal, modalHolder] = Modal.useModal();
  const rows = useRef(new Map<number, GridRow>());
  const table = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const c = new AbortController();
    getForm(GRID_FORM, undefined, c.signal)
      .then(setForm)
      .catch((e: Error) => e.name !== 'AbortError' && setLoadError(e.message));
    return () => c.abort();
  }, []);
  // The filter's keywords, a moment after the last keystroke.
  useEffect(() => {
    const timer = setTimeout(() => {
      setQuery(q.trim());
      setOffset(0);
    }, 300);
    return () => clearTimeout(timer);
  }, [q]);

  const load = useCallback(
    async (signal?: AbortSignal) => {
      if (!allowed || !province) return;
      setLoading(true);
      try {
        const g = await getGrid({ form: GRID_FORM, period, province, q: query || undefined, offset, limit: GRID_PAGE_SIZE }, signal);
        for (const r of g.rows) rows.current.set(r.entity_id, r);
        setGrid(g);
        setLoadError(null);
      } catch (e) {
        if ((e as Error).name !== 'AbortError') setLoadError((e as Error).message);
      } finally {
        setLoading(false);
      }
    },
    [allowed, period, province, query, offset],
  );
  useEffect(() => {
    const c = new AbortController();
    void load(c.signal);
    return () => c.abort();
  }, [load]);

  const fields = useMemo(() => (form ? formFields(form) : []), [form]);
  const codes = useMemo(() => fields.map((f) => f.code), [fields]);
  // While the keywords travel, the page's rows are narrowed at once (folded: "bac son" finds Bắc Sơn).
  const pageRows = useMemo(() => {
    const all = grid?.rows ?? [];
    const typed = q.trim();
    if (!typed || typed === query) return all;
    return all.filter((r) => foldMatch(typed, r.name) || foldMatch(typed, r.registration_code));
  }, [grid, q, query]);
  const changed = changedIds(edits);
  const hasEdits = changed.length > 0;

  // Leaving with unsaved edits asks first.
  useEffect(() => {
    if (!hasEdits) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [hasEdits]);

  const yes = t('common.yes');
  const no = t('common.no');
  const editableRow = (r: GridRow) => fills && rowEditable(r.status);
  const original = (r: GridRow, code: string) => r.values[code] ?? null;

  /** Sets one cell from its text (a locked row or a field the grid does not edit: nothing). */
  const putText = (next: Edits, r: GridRow, field: FormField, text: string): Edits => {
    if (!editableRow(r)) return next;
    const parsed = parseCell(field, text, lang);
    return setEdit(next, r.entity_id, field.code, { ...parsed, text }, original(r, field.code));
  };
  const commit = (text: string) => {
    const r = pageRows[active.row];
    const f = fields[active.col];
    if (r && f) setEdits((e) => putText(e, r, f, text));
    setEditing(null);
  };
  // Keys go on to the grid at once when an input closes (the next key must not land on the page).
  const focusTable = () => table.current?.focus({ preventScroll: true });

  const go = (key: ReturnType<typeof keyMove>) => {
    if (!key) return;
    setActive((p) => move(p, key, pageRows.length, fields.length));
  };

  // The active cell stays in view.
  useEffect(() => {
    const el = table.current?.querySelector<HTMLElement>('td.grid-active');
    el?.scrollIntoView?.({ block: 'nearest', inline: 'nearest' });
  }, [active]);

  const textOf = (r: GridRow, f: FormField) => edits[r.entity_id]?.[f.code]?.text ?? cellText(f, r.values[f.code], lang, yes, no);

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (editing !== null) return; // the input handles its keys
    const r = pageRows[active.row];
    const f = fields[active.col];
    const m = keyMove(e.key, e.shiftKey);
    if (m) {
      const next = move(active, m, pageRows.length, fields.length);
      // Tab past the last cell (Shift+Tab before the first) leaves the grid: no keyboard trap.
      if (e.key === 'Tab' && next.row === active.row && next.col === active.col) return;
      e.preventDefault();
      setActive(next);
      return;
    }
    if (!r || !f) return;
    if (e.key === 'F2') {
      e.preventDefault();
      if (editableRow(r)) setEditing(textOf(r, f));
    } else if (e.key === 'Delete' || e.key === 'Backspace') {
      e.preventDefault();
      setEdits((x) => putText(x, r, f, ''));
    } else if (e.key === 'Escape') {
      // Esc on a cell not being edited puts the server's value back.
      setEdits((x) => setEdit(x, r.entity_id, f.code, { text: '', value: original(r, f.code), problem: null }, original(r, f.code)));
    } else if (e.key.length === 1 && !e.ctrlKey && !e.metaKey && !e.altKey) {
      e.preventDefault();
      if (editableRow(r)) setEditing(e.key);
    }
  };

  /** A block pasted from a spreadsheet fills the cells from the active one (locked rows are skipped). */
  const pasteBlock = (text: string) => {
    const block = parseClipboard(text);
    if (!block.length) return;
    setEdits((start) => {
      let next = start;
      block.forEach((cells, i) => {
        const r = pageRows[active.row + i];
        if (!r) return;
        cells.forEach((cell, j) => {
          const f = fields[active.col + j];
          if (f) next = putText(next, r, f, cell);
        });
      });
      return next;
    });
    setEditing(null);
  };
  const onPaste = (e: ClipboardEvent<HTMLElement>) => {
    const text = e.clipboardData.getData('text/plain');
    if (editing !== null && !/[\t\n]/.test(text)) return; // a single value pasted into the input
    e.preventDefault();
    pasteBlock(text);
    focusTable();
  };

  /** Saves the changed rows, each on its own; then shows what the server has. */
  const save = async () => {
    const ids = changedIds(edits);
    if (!ids.length || !form) return;
    const done = new Set<number>();
    const failed: Record<number, RowErrors> = {};
    let count = 0;
    setBusy(t('grid.saving', { done: 0, total: ids.length }));
    await pool(ids, SAVE_CONCURRENCY, async (id) => {
      const r = rows.current.get(id);
      const values = rowValues(edits[id]);
      if (!r || !values) {
        count++;
        return; // cells that cannot be read stay marked; nothing is sent
      }
      try {
        let reportId = r.report_id;
        if (reportId === null) {
          try {
            reportId = (await createReport({ form: GRID_FORM, period, entity_id: id })).id;
          } catch (e) {
            const existing = e instanceof ApiError && e.status === 409 ? (e.body as { id?: unknown } | undefined)?.id : undefined;
            if (typeof existing !== 'number') throw e;
            reportId = existing;
          }
          rows.current.set(id, { ...r, report_id: reportId, status: 'draft' });
        }
        const view = await putReport(reportId, { values });
        rows.current.set(id, fromView(rows.current.get(id) ?? r, view));
        done.add(id);
      } catch (e) {
        failed[id] =
          e instanceof ApiError ? mapErrors(e.fields, codes, form.rules, e.message) : { cells: {}, general: [(e as Error).message] };
      }
      setBusy(t('grid.saving', { done: ++count, total: ids.length }));
    });
    setEdits((x) => {
      const next = { ...x };
      for (const id of done) delete next[id];
      return next;
    });
    setErrors((x) => {
      const next = { ...x, ...failed };
      for (const id of done) delete next[id];
      return next;
    });
    setSaved((x) => new Set([...x, ...done]));
    setBusy(null);
    if (done.size) void notice.success(t('grid.savedRows', { count: done.size }));
    if (Object.keys(failed).length) void notice.error(t('grid.failedRows', { count: Object.keys(failed).length }));
    await load();
  };

  const discard = () =>
    modal.confirm({
      title: t('grid.discardConfirm'),
      okText: t('grid.discard'),
      cancelText: t('common.cancel'),
      onOk: () => {
        setEdits({});
        setErrors({});
      },
    });

  /** The rows saved here that can be submitted (no edits left, no failing error rule). */
  const toSubmit = [...saved].filter((id) => {
    const r = rows.current.get(id);
    return r && r.report_id !== null && (r.status === 'draft' || r.status === 'returned') && !edits[id];
  });
  const toApprove = [...submitted].filter((id) => rows.current.get(id)?.status === 'submitted');

  const step = async (ids: number[], run: (reportId: number) => Promise<ReportView>, doneKey: 'grid.submittedRows' | 'grid.approvedRows') => {
    const failed: Record<number, RowErrors> = {};
    const done: number[] = [];
    setBusy('…');
    await pool(ids, SAVE_CONCURRENCY, async (id) => {
      const r = rows.current.get(id);
      if (!r || r.report_id === null) return;
      const warnings = r.checks.filter((c) => c.severity === 'warning');
      if (doneKey === 'grid.submittedRows' && warnings.length && !confirmed.has(id)) {
        failed[id] = { cells: {}, general: [t('grid.warningUnconfirmed')] };
        return;
      }
      try {
        rows.current.set(id, fromView(r, await run(r.report_id)));
        done.push(id);
      } catch (e) {
        failed[id] = e instanceof ApiError ? mapErrors(e.fields, codes, form?.rules, e.message) : { cells: {}, general: [(e as Error).message] };
      }
    });
    setErrors((x) => {
      const next = { ...x, ...failed };
      for (const id of done) delete next[id];
      return next;
    });
    if (doneKey === 'grid.submittedRows') {
      setSaved((x) => new Set([...x].filter((id) => !done.includes(id))));
      setSubmitted((x) => new Set([...x, ...done]));
    } else setSubmitted((x) => new Set([...x].filter((id) => !done.includes(id))));
    setBusy(null);
    if (done.length) void notice.success(t(doneKey, { count: done.length }));
    if (Object.keys(failed).length) void notice.error(t('grid.failedRows', { count: Object.keys(failed).length }));
    await load();
  };
  const submitSaved = () =>
    modal.confirm({
      title: t('grid.submitConfirm', { count: toSubmit.length }),
      okText: t('grid.submit', { count: toSubmit.length }),
      cancelText: t('common.cancel'),
      onOk: () => void step(toSubmit, submitReport, 'grid.submittedRows'),
    });
  const approveSubmitted = () =>
    modal.confirm({
      title: t('grid.approveConfirm', { count: toApprove.length }),
      okText: t('grid.approve', { count: toApprove.length }),
      cancelText: t('common.cancel'),
      onOk: () => void step(toApprove, approveReport, 'grid.approvedRows'),
    });

  if (!allowed)
    return (
      <div className="reports-stack">
        <h1 className="page-title">{t('grid.title')}</h1>
        <ReportsTabs />
        <Alert type="info" showIcon title={t('grid.notForYou')} />
      </div>
    );

  const previousYear = String(Number(period) - 1);
  const from = (grid?.offset ?? 0) + 1;
  const to = (grid?.offset ?? 0) + pageRows.length;

  return (
    <div className="reports-stack grid-page">
      {noticeHolder}
      {modalHolder}
      <h1 className="page-title">{t('grid.title')}</h1>
      <ReportsTabs />
      <p className="muted" style={{ margin: 0 }}>
        {t('grid.intro')}
      </p>
      {national && <Alert type="info" showIcon title={t('grid.readOnly')} />}
      <div className="toolbar c-filters">
        <div className="filter-field">
          <label htmlFor="g-period">{t('grid.period')}</label>
          <Select<string>
            id="g-period"
            value={period}
            disabled={hasEdits}
            onChange={(v) => {
              set('period', v);
              setOffset(0);
            }}
            style={{ width: 120 }}
            options={years.map((y) => ({ value: y, label: y }))}
          />
        </div>
        {national && (
          <div className="filter-field">
            <label htmlFor="g-province">{t('grid.province')}</label>
            <Select<string>
              id="g-province"
              showSearch={searchable}
              disabled={hasEdits}
              value={province || undefined}
              placeholder={t('grid.chooseProvince')}
              onChange={(v) => {
                set('province', v);
                setOffset(0);
              }}
              style={{ width: 220, maxWidth: '100%' }}
              options={provinces.map((p) => ({ value: p.code, label: provinceName(p, lang) }))}
            />
          </div>
        )}
        <div className="filter-field" style={{ flex: '1 1 200px' }}>
          <label htmlFor="g-filter">{t('grid.filter')}</label>
          <Input id="g-filter" allowClear value={q} onChange={(e) => setQ(e.target.value)} data-testid="grid-filter" />
        </div>
      </div>
      {hasEdits && (
        <p className="muted" style={{ margin: 0 }}>
          {t('grid.unsavedHint')}
        </p>
      )}
      {loadError && <Alert type="error" showIcon title={loadError} />}
      {!province ? (
        <Alert type="info" showIcon title={t('grid.chooseProvince')} />
      ) : (
        <Panel
          title={<h2>{grid ? `${grid.province_name} · ${period}` : period}</h2>}
          extra={
            grid && q.trim() === query ? (
              <span className="muted" data-testid="grid-count">
                {t('grid.rows', { from: pageRows.length ? formatNumber(from, lang) : '0', to: formatNumber(to, lang), total: formatNumber(grid.total, lang) })}
              </span>
            ) : null
          }
          testId="grid-panel"
        >
          <div
            className="grid-scroll"
            ref={table}
            tabIndex={0}
            role="grid"
            aria-rowcount={pageRows.length}
            aria-colcount={fields.length + 2}
            aria-busy={loading}
            onKeyDown={onKeyDown}
            onPaste={onPaste}
            data-testid="grid"
          >
            <table className="grid-table">
              <thead>
                <tr>
                  <th scope="col" className="grid-name">
                    {t('grid.col.entity')}
                  </th>
                  <th scope="col">{t('grid.col.status')}</th>
                  {fields.map((f) => (
                    <th scope="col" key={f.code} className={isNumeric(f) ? 'num' : undefined} title={f.code}>
                      {lang === 'en' ? f.label_en : f.label_vi}
                      {f.unit ? <span className="grid-unit"> ({f.unit})</span> : null}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {pageRows.map((r, i) => {
                  const rowEdits = edits[r.entity_id];
                  const rowErrors = errors[r.entity_id];
                  const values = shownValues(r.values, rowEdits);
                  const failing = failingRules(form?.rules, values);
                  const warnings = r.checks.filter((c) => c.severity === 'warning');
                  const locked = !editableRow(r);
                  const className = [rowEdits ? 'grid-changed' : '', rowErrors ? 'grid-failed' : '', locked ? 'grid-locked' : ''].filter(Boolean).join(' ');
                  return (
                    <tr key={r.entity_id} className={className || undefined} data-testid="grid-row" data-entity={r.entity_id}>
                      <th scope="row" className="grid-name">
                        <Link to={`/registry/${r.entity_id}`} tabIndex={-1}>
                          {r.name}
                        </Link>
                        <div className="grid-sub">{r.registration_code}</div>
                      </th>
                      <td className="grid-status">
                        {r.report_id ? (
                          <Link to={`/reports/${r.report_id}`} tabIndex={-1} title={t('grid.open')}>
                            <ReportStatusTag status={r.status} />
                          </Link>
                        ) : (
                          <ReportStatusTag status={null} />
                        )}
                        {warnings.length > 0 && rowEditable(r.status) && fills && (
                          <Checkbox
                            tabIndex={-1}
                            checked={confirmed.has(r.entity_id)}
                            onChange={(e) =>
                              setConfirmed((s) => {
                                const next = new Set(s);
                                if (e.target.checked) next.add(r.entity_id);
                                else next.delete(r.entity_id);
                                return next;
                              })
                            }
                            data-testid="grid-confirm"
                          >
                            {t('grid.confirmWarning')}
                          </Checkbox>
                        )}
                        {rowErrors?.general.map((m, k) => (
                          <div className="field-error grid-msg" key={k} role="alert">
                            {m}
                          </div>
                        ))}
                      </td>
                      {fields.map((f, j) => {
                        const isActive = active.row === i && active.col === j;
                        const edit = rowEdits?.[f.code];
                        const cellErrors = [
                          ...(edit?.problem ? [t(edit.problem.key, edit.problem.args)] : []),
                          ...(rowErrors?.cells[f.code] ?? []),
                          ...failing.filter((x) => x.left === f.code && x.severity === 'error').map((x) => (lang === 'en' ? x.message_en : x.message_vi)),
                        ];
                        const cellWarnings = [
                          ...failing.filter((x) => x.left === f.code && x.severity === 'warning').map((x) => (lang === 'en' ? x.message_en : x.message_vi)),
                        ];
                        const prev = r.previous[f.code];
                        const reg = r.registry[f.code];
                        const tip = [
                          prev !== undefined ? t('grid.previous', { year: previousYear, value: formatValue(f, prev, lang, yes, no) }) : '',
                          reg !== undefined ? t('grid.registry', { value: formatValue(f, reg, lang, yes, no) }) : '',
                          locked ? t('grid.lockedRow') : '',
                          ...cellErrors,
                          ...cellWarnings,
                        ]
                          .filter(Boolean)
                          .join('\n');
                        const cls = [
                          'grid-cell',
                          isNumeric(f) ? 'num' : '',
                          isActive ? 'grid-active' : '',
                          edit ? 'grid-cell-changed' : '',
                          cellErrors.length ? 'grid-cell-error' : cellWarnings.length ? 'grid-cell-warning' : '',
                        ]
                          .filter(Boolean)
                          .join(' ');
                        return (
                          <td
                            key={f.code}
                            className={cls}
                            title={tip || undefined}
                            aria-selected={isActive}
                            aria-invalid={cellErrors.length > 0 || undefined}
                            data-field={f.code}
                            onMouseDown={() => {
                              if (editingRef.current !== null && !isActive) commit(editingRef.current);
                              setActive({ row: i, col: j });
                            }}
                            onDoubleClick={() => {
                              if (!locked) setEditing(textOf(r, f));
                            }}
                          >
                            {isActive && editing !== null ? (
                              <input
                                className="grid-input"
                                autoFocus
                                value={editing}
                                aria-label={lang === 'en' ? f.label_en : f.label_vi}
                                onChange={(e) => setEditing(e.target.value)}
                                onPaste={onPaste}
                                onBlur={() => editingRef.current !== null && commit(editingRef.current)}
                                onKeyDown={(e) => {
                                  const m = e.key === 'ArrowLeft' || e.key === 'ArrowRight' ? null : keyMove(e.key, e.shiftKey);
                                  if (e.key === 'Escape') {
                                    e.preventDefault();
                                    e.stopPropagation();
                                    setEditing(null);
                                    focusTable();
                                  } else if (m && m !== 'home' && m !== 'end') {
                                    e.preventDefault();
                                    e.stopPropagation();
                                    commit(editing);
                                    go(m);
                                    focusTable();
                                  }
                                }}
                              />
                            ) : (
                              <>
                                <span className="grid-value">{edit ? edit.text || '—' : formatValue(f, r.values[f.code], lang, yes, no)}</span>
                                {prev !== undefined && (
                                  <span className="grid-prev" aria-hidden="true">
                                    {previousYear}: {formatValue(f, prev, lang, yes, no)}
                                  </span>
                                )}
                                {cellErrors.map((m, k) => (
                                  <span className="grid-msg field-error" key={k}>
                                    {m}
                                  </span>
                                ))}
                                {cellWarnings.map((m, k) => (
                                  <span className="grid-msg field-warning" key={`w${k}`}>
                                    ⚠ {m}
                                  </span>
                                ))}
                              </>
                            )}
                          </td>
                        );
                      })}
                    </tr>
                  );
                })}
              </tbody>
            </table>
            {grid && !pageRows.length && <p className="muted grid-empty">{t('grid.empty')}</p>}
          </div>
          {grid && grid.total > GRID_PAGE_SIZE && (
            <Pagination
              className="grid-pager"
              size="small"
              current={Math.floor(offset / GRID_PAGE_SIZE) + 1}
              pageSize={GRID_PAGE_SIZE}
              total={grid.total}
              showSizeChanger={false}
              onChange={(p) => {
                setOffset((p - 1) * GRID_PAGE_SIZE);
                setActive({ row: 0, col: active.col });
              }}
            />
          )}
        </Panel>
      )}
      {fills && province && (
        <div className="grid-bar" data-testid="grid-bar">
          <span role="status" aria-live="polite" className="save-state">
            {busy ?? (hasEdits ? t('grid.changed', { count: changed.length }) : '')}
          </span>
          <Button disabled={!hasEdits || busy !== null} onClick={discard}>
            {t('grid.discard')}
          </Button>
          {toSubmit.length > 0 && (
            <Button disabled={busy !== null || hasEdits} onClick={submitSaved} data-testid="grid-submit">
              {t('grid.submit', { count: toSubmit.length })}
            </Button>
          )}
          {role === 'province_admin' && toApprove.length > 0 && (
            <Button disabled={busy !== null || hasEdits} onClick={approveSubmitted} data-testid="grid-approve">
              {t('grid.approve', { count: toApprove.length })}
            </Button>
          )}
          <Button type="primary" disabled={!hasEdits || busy !== null} loading={busy !== null} onClick={() => void save()} data-testid="grid-save">
            {t('grid.save')}
          </Button>
        </div>
      )}
    </div>
  );
}
