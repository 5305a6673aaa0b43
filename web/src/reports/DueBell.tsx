// The header's bell for the roles that report or review: the due list (GET /api/v1/reports/due)
// fetched on sign-in, again on a navigation at most once a minute, and every five minutes; the
// badge counts the items overdue or due within 14 days; the button opens a panel listing the
// items by due date, each opening its report, or "Báo cáo của tôi" where a missing one is
// created. Loaded after the first screen (Shell.tsx) and without the component library's
// popover: a button, a panel, Escape and a click outside close it.
import { BellOutlined } from '@ant-design/icons';
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { Link, useLocation } from 'react-router';
import { useProvinceNames } from '../geo/units';
import { useI18n } from '../i18n/I18nProvider';
import { formatDate, formatPeriod } from '../i18n/format';
import { getDue, listForms } from './api';
import type { DueItem, FormSummary } from './types';
import './bell.css';

/** Days ahead within which a due report counts in the badge. */
export const SOON_DAYS = 14;
/** Milliseconds: the list is fetched again on a navigation at most this often… */
export const NAV_REFRESH = 60_000;
/** …and, on any page, this often. */
export const POLL_INTERVAL = 5 * 60_000;
/** The most items the panel lists (the page lists all). */
const SHOWN = 12;

export const isUrgent = (d: DueItem) => d.overdue || d.days_left <= SOON_DAYS;
export const byDueDate = (a: DueItem, b: DueItem) => a.due_date.localeCompare(b.due_date) || a.days_left - b.days_left;

export default function DueBell() {
  const { t, lang } = useI18n();
  const location = useLocation();
  const provinceName = useProvinceNames(lang);
  const [items, setItems] = useState<DueItem[] | null>(null);
  const [open, setOpen] = useState(false);
  const [forms, setForms] = useState<FormSummary[] | null>(null);
  const last = useRef(0);
  const button = useRef<HTMLButtonElement>(null);
  const wrap = useRef<HTMLDivElement>(null);
  const panelId = useId();

  const load = useCallback(() => {
    last.current = Date.now();
    getDue()
      .then((page) => setItems(page.items))
      .catch(() => undefined); // a server without reports (404) or offline: the bell stays as it was
  }, []);
  useEffect(() => {
    load();
    const timer = setInterval(load, POLL_INTERVAL);
    return () => clearInterval(timer);
  }, [load]);
  useEffect(() => {
    setOpen(false);
    if (Date.now() - last.current >= NAV_REFRESH) load();
  }, [location.pathname, load]);
  // A click outside closes the panel; Escape closes it and gives the focus back to the bell.
  useEffect(() => {
    if (!open) return;
    const outside = (e: MouseEvent) => {
      if (wrap.current && !wrap.current.contains(e.target as Node)) setOpen(false);
    };
    const key = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        setOpen(false);
        button.current?.focus();
      }
    };
    document.addEventListener('mousedown', outside);
    document.addEventListener('keydown', key);
    return () => {
      document.removeEventListener('mousedown', outside);
      document.removeEventListener('keydown', key);
    };
  }, [open]);

  // A server whose due items carry no form_name: the names come from the forms' list, once.
  const nameless = !!items?.some((d) => !d.form_name);
  useEffect(() => {
    if (!nameless || forms) return;
    listForms()
      .then((page) => setForms(page.items))
      .catch(() => undefined);
  }, [nameless, forms]);

  if (items === null) return null;
  const formName = (d: DueItem) => {
    const f = forms?.find((x) => x.code === d.form);
    return f ? (lang === 'en' ? f.name_en : f.name_vi) : d.form_name || d.form;
  };
  const sorted = [...items].sort(byDueDate);
  const count = items.filter(isUrgent).length;
  const unit = (d: DueItem) =>
    d.entity_id
      ? d.entity_name || t('reports.unit.entity', { id: d.entity_id })
      : provinceName(d.province) !== d.province
        ? provinceName(d.province)
        : d.province_name || d.province;

  return (
    <div className="due-bell" ref={wrap}>
      <button
        ref={button}
        type="button"
        className="due-bell-button"
        aria-label={t('bell.label', { count })}
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((o) => !o)}
        data-testid="due-bell"
      >
        <BellOutlined aria-hidden="true" />
        {count > 0 && (
          <span className="due-bell-badge" aria-hidden="true" data-testid="due-bell-count">
            {count > 99 ? '99+' : count}
          </span>
        )}
      </button>
      {open && (
        <div className="due-bell-panel" id={panelId} role="region" aria-label={t('bell.title')} data-testid="due-bell-panel">
          <div className="due-bell-head">{t('bell.title')}</div>
          {sorted.length === 0 ? (
            <p className="due-bell-none">{t('bell.none')}</p>
          ) : (
            <ul className="due-bell-list">
              {sorted.slice(0, SHOWN).map((d) => (
                <li key={`${d.form}|${d.period}|${d.province}|${d.entity_id ?? ''}`} className={d.overdue ? 'overdue-item' : undefined}>
                  <Link to={d.report_id ? `/reports/${d.report_id}` : '/reports'} onClick={() => setOpen(false)}>
                    <span className="due-bell-form">{formName(d)}</span>
                    <span className="due-bell-unit">
                      {unit(d)} · {formatPeriod(d.period, lang)}
                    </span>
                    <span className="due-bell-when">
                      {d.overdue ? (
                        <span className="overdue">⚠ {t('reports.due.overdue', { days: Math.abs(d.days_left) })}</span>
                      ) : d.days_left === 0 ? (
                        <span className="due-soon">{t('reports.due.today')}</span>
                      ) : (
                        <span className={d.days_left <= 3 ? 'due-soon' : undefined}>{t('reports.due.daysLeft', { days: d.days_left })}</span>
                      )}
                      <span className="due-bell-date">
                        {' · '}
                        {formatDate(d.due_date, lang)} ·{' '}
                        {d.action === 'review' ? t('reports.due.review') : d.report_id ? t('reports.due.fill') : t('bell.toCreate')}
                      </span>
                    </span>
                  </Link>
                </li>
              ))}
            </ul>
          )}
          <Link className="due-bell-all" to="/reports" onClick={() => setOpen(false)}>
            {t('bell.all')}
          </Link>
        </div>
      )}
    </div>
  );
}
