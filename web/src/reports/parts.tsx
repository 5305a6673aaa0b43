// Pieces the reporting pages share: their tabs, the status tag, names of forms, provinces and
// entities for lists (the report answers carry codes only), the due-date text, and the
// reviewer's actions (approve, return with a comment, reopen with a reason).
import { Button, Input, Modal, Tag } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { NavLink } from 'react-router';
import type { Role } from '../api/types';
import { useSession } from '../account/session';
import { useProvinceNames } from '../geo/units';
import { useI18n } from '../i18n/I18nProvider';
import { getEntity } from '../registry/api';
import { approveReport, listForms, reopenReport, returnReport } from './api';
import type { FormSummary, ReportStatus, ReportView } from './types';
import './reports.css';

export const REVIEWER_ROLES: readonly Role[] = ['national_admin', 'national_officer', 'province_admin'];
export const COMPLETENESS_ROLES: readonly Role[] = ['national_admin', 'national_officer', 'province_admin', 'province_officer'];
export const FILLER_ROLES: readonly Role[] = ['province_admin', 'province_officer', 'cooperative'];
export const isNational = (role: Role | undefined) => role === 'national_admin' || role === 'national_officer';

/** The tabs of the reporting pages that the signed-in role may use. */
export function ReportsTabs() {
  const { t } = useI18n();
  const role = useSession().user?.role;
  return (
    <nav className="reports-tabs" aria-label={t('nav.reports')}>
      <NavLink to="/reports" end>
        {t('reports.tab.mine')}
      </NavLink>
      {role && REVIEWER_ROLES.includes(role) && <NavLink to="/reports/inbox">{t('reports.tab.inbox')}</NavLink>}
      {role && COMPLETENESS_ROLES.includes(role) && (
        <NavLink to="/reports/completeness">{t('reports.tab.completeness')}</NavLink>
      )}
      {role && COMPLETENESS_ROLES.includes(role) && <NavLink to="/reports/table">{t('reports.tab.table')}</NavLink>}
      {role && COMPLETENESS_ROLES.includes(role) && <NavLink to="/reports/grid">{t('reports.tab.grid')}</NavLink>}
    </nav>
  );
}

const statusColors: Record<ReportStatus, string> = {
  draft: 'blue',
  submitted: 'gold',
  returned: 'red',
  approved: 'green',
};

export function ReportStatusTag({ status }: { status: ReportStatus | null | undefined }) {
  const { t } = useI18n();
  if (!status) return <Tag>{t('reports.status.none')}</Tag>;
  return (
    <Tag color={statusColors[status]} data-status={status}>
      {t(`reports.status.${status}`)}
    </Tag>
  );
}

let formsCache: Promise<FormSummary[]> | null = null;
/** The forms (code, names, level, period types), loaded once. */
export function loadForms(): Promise<FormSummary[]> {
  if (!formsCache) {
    formsCache = listForms().then((p) => p.items);
    formsCache.catch(() => (formsCache = null));
  }
  return formsCache;
}
/** Forgets the loaded forms (tests). */
export function resetFormsCache() {
  formsCache = null;
}

export function useForms(): FormSummary[] {
  const [forms, setForms] = useState<FormSummary[]>([]);
  useEffect(() => {
    let live = true;
    loadForms()
      .then((f) => live && setForms(f))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, []);
  return forms;
}

/**
 * A form's name in the page's language: from the forms' list once loaded (it has both languages),
 * else the name the answer carried (`form_name`, in the language of the request), else the code.
 */
export function useFormName(): (code: string, answered?: string | null) => string {
  const forms = useForms();
  const { lang } = useI18n();
  return (code, answered) => {
    const f = forms.find((x) => x.code === code);
    return f ? (lang === 'en' ? f.name_en : f.name_vi) : answered || code;
  };
}

const entityNames = new Map<number, Promise<string>>();
/** Entities' names by id, fetched one by one (the report answers carry the id only). */
export function useEntityNames(ids: readonly (number | null | undefined)[]): (id: number) => string | undefined {
  const [names, setNames] = useState<Record<number, string>>({});
  const key = [...new Set(ids.filter((x): x is number => typeof x === 'number'))].sort().join(',');
  useEffect(() => {
    let live = true;
    const wanted = key ? key.split(',').map(Number).slice(0, 100) : [];
    for (const id of wanted) {
      let p = entityNames.get(id);
      if (!p) {
        p = getEntity(id).then((e) => e.name);
        p.catch(() => entityNames.delete(id));
        entityNames.set(id, p);
      }
      p.then((name) => live && setNames((n) => (n[id] === name ? n : { ...n, [id]: name }))).catch(() => undefined);
    }
    return () => {
      live = false;
    };
  }, [key]);
  return (id) => names[id];
}

/** What names a report's unit: its codes and, from newer servers, the names the answer carries. */
export interface UnitRef {
  province: string;
  entity_id: number | null;
  province_name?: string;
  entity_name?: string | null;
}

/**
 * "Lạng Sơn", or the entity's name: the answer's `entity_name` when it has one (else fetched by
 * id; its number until known); provinces by code in the page's language, else `province_name`.
 */
export function useUnitName(items: readonly (Pick<UnitRef, 'entity_id' | 'entity_name'> | null | undefined)[]) {
  const { lang, t } = useI18n();
  const province = useProvinceNames(lang);
  const entity = useEntityNames(items.map((r) => (r && !r.entity_name ? r.entity_id : null)));
  return (r: UnitRef) => {
    if (r.entity_id) return r.entity_name || (entity(r.entity_id) ?? t('reports.unit.entity', { id: r.entity_id }));
    const known = province(r.province);
    return known !== r.province ? known : r.province_name || r.province;
  };
}

/** Days left as words, red with text when overdue (not colour alone). */
export function DaysLeft({ days, overdue }: { days: number; overdue: boolean }) {
  const { t } = useI18n();
  if (overdue)
    return (
      <span className="overdue" data-testid="overdue">
        ⚠ {t('reports.due.overdue', { days: Math.abs(days) })}
      </span>
    );
  if (days === 0) return <span className="due-soon">{t('reports.due.today')}</span>;
  return <span className={days <= 3 ? 'due-soon' : undefined}>{t('reports.due.daysLeft', { days })}</span>;
}

/** Whether `role` reviews this report: national roles province reports, the province admin entity reports. */
export function reviews(role: Role | undefined, r: { entity_id: number | null }): boolean {
  if (role === 'national_admin' || role === 'national_officer') return r.entity_id === null;
  if (role === 'province_admin') return r.entity_id !== null;
  return false;
}

/** Approve / return (with a required comment) / reopen (national admins, with a required reason). */
export function ReviewActions({
  report,
  onDone,
  onNotice,
  size,
}: {
  report: Pick<ReportView, 'id' | 'status' | 'entity_id'>;
  onDone: (view: ReportView | null) => void;
  /** Says that a step was done (the page's message area: this row may go away at once). */
  onNotice?: (text: string) => void;
  size?: 'small' | 'middle';
}) {
  const [modal, modalHolder] = Modal.useModal();
  const { t } = useI18n();
  const role = useSession().user?.role;
  const [dialog, setDialog] = useState<'return' | 'reopen' | null>(null);
  const [text, setText] = useState('');
  const [touched, setTouched] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const canReview = reviews(role, report) && report.status === 'submitted';
  const canReopen = role === 'national_admin' && report.status === 'approved';

  const run = async (step: () => Promise<ReportView>, done: string) => {
    setBusy(true);
    setError(null);
    try {
      const view = await step();
      onNotice?.(done);
      setDialog(null);
      setText('');
      setTouched(false);
      onDone(view);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  const textRequired = useMemo(() => text.trim() === '', [text]);
  if (!canReview && !canReopen) return null;
  return (
    <span className="review-actions">
      {modalHolder}
      {canReview && (
        <>
          <Button
            type="primary"
            size={size}
            loading={busy && dialog === null}
            onClick={() =>
              modal.confirm({
                title: t('review.approveConfirm'),
                okText: t('review.approve'),
                cancelText: t('common.cancel'),
                onOk: () => run(() => approveReport(report.id), t('review.approved')),
              })
            }
          >
            {t('review.approve')}
          </Button>
          <Button size={size} danger onClick={() => setDialog('return')}>
            {t('review.return')}
          </Button>
        </>
      )}
      {canReopen && (
        <Button size={size} onClick={() => setDialog('reopen')}>
          {t('review.reopen')}
        </Button>
      )}
      {error && dialog === null && (
        <span role="alert" className="field-error">
          {error}
        </span>
      )}
      <Modal
        open={dialog !== null}
        title={dialog === 'return' ? t('review.returnTitle') : t('review.reopenTitle')}
        okText={dialog === 'return' ? t('review.return') : t('review.reopen')}
        okButtonProps={{ danger: dialog === 'return', loading: busy }}
        cancelText={t('common.cancel')}
        onCancel={() => {
          setDialog(null);
          setTouched(false);
          setError(null);
        }}
        onOk={() => {
          setTouched(true);
          if (textRequired) return;
          if (dialog === 'return') void run(() => returnReport(report.id, text.trim()), t('review.returned'));
          else void run(() => reopenReport(report.id, text.trim()), t('review.reopened'));
        }}
        destroyOnHidden
      >
        <label htmlFor={`review-text-${report.id}`} className="field-label">
          {dialog === 'return' ? t('review.comment') : t('review.reason')}
        </label>
        <Input.TextArea
          id={`review-text-${report.id}`}
          value={text}
          rows={4}
          maxLength={2000}
          status={touched && textRequired ? 'error' : undefined}
          aria-invalid={touched && textRequired}
          onChange={(e) => setText(e.target.value)}
        />
        {touched && textRequired && (
          <div className="field-error" role="alert">
            {dialog === 'return' ? t('review.commentRequired') : t('review.reasonRequired')}
          </div>
        )}
        {error && (
          <div className="field-error" role="alert">
            {error}
          </div>
        )}
      </Modal>
    </span>
  );
}

/** Whether the screen is a phone's (≤ 600 px): lists become cards there rather than wide tables. */
export function useNarrow(): boolean {
  const query = '(max-width: 600px)';
  const [narrow, setNarrow] = useState(() => typeof window !== 'undefined' && !!window.matchMedia?.(query).matches);
  useEffect(() => {
    const m = window.matchMedia?.(query);
    if (!m) return;
    const on = () => setNarrow(m.matches);
    m.addEventListener?.('change', on);
    return () => m.removeEventListener?.('change', on);
  }, []);
  return narrow;
}
