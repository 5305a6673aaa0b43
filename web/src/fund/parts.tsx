// Small pieces the fund pages share: money shown exactly (tables, dialogs) or compactly (headline
// cards, the exact value in the title and the accessible name), statuses and schedule line states
// (a colour AND a word), the priority flags, a headline card, a money input with thousands
// separators, the funds' select, the fund's rules, the section tabs, the lists' filters.
import { FilterOutlined } from '@ant-design/icons';
import { Badge, Button, InputNumber, Select, Tag, type InputNumberProps } from 'antd';
import { lazy, Suspense, useState, type ReactNode } from 'react';
import { Link, useLocation } from 'react-router';
import { formatCompact, formatDate, formatMoney, formatNumber } from '../i18n/format';
import { searchable } from '../lib/fold';
import { usePhone } from '../lib/media';
import { useApi } from '../lib/useApi';
import { listFunds } from './api';
import { isStaff } from './logic';
import { useT, type Key } from './strings';
import type { ApplicationStatus, Fund, FundRules, LineState, LoanStatus, Priority } from './types';
import './fund.css';

/** Money exactly, in đồng with thousands separators ("12.000.000 ₫"), never wrapped. */
export function Money({ vnd, testId, strong }: { vnd: number | null | undefined; testId?: string; strong?: boolean }) {
  const { lang } = useT();
  const text = formatMoney(vnd, lang);
  return (
    <span className={strong ? 'fund-money fund-strong' : 'fund-money'} data-testid={testId}>
      {text}
    </span>
  );
}

/** A headline card: the label, the value (compact for money, the exact value in its title and its screen-reader text), a note. */
export function Kpi({
  label,
  vnd,
  value,
  note,
  alert,
  testId,
}: {
  label: string;
  vnd?: number | null;
  value?: string;
  note?: ReactNode;
  alert?: boolean;
  testId: string;
}) {
  const { t, lang } = useT();
  const exact = vnd !== undefined ? formatMoney(vnd, lang) : undefined;
  const shown = vnd !== undefined ? (vnd === null ? '—' : t('fund.compact', { value: formatCompact(vnd, lang, 2) })) : (value ?? '—');
  return (
    <div className={`fund-kpi${alert ? ' fund-kpi-alert' : ''}`} data-testid={testId}>
      <div className="fund-kpi-label">{label}</div>
      {/* Money: compact on the card, the exact đồng in the title (pointer) and for screen readers. */}
      <div className="fund-kpi-value" title={exact} data-exact={vnd ?? undefined}>
        {exact ? (
          <>
            <span aria-hidden="true">{shown}</span>
            <span className="sr-only">{exact}</span>
          </>
        ) : (
          shown
        )}
      </div>
      {note && <div className="fund-kpi-note">{note}</div>}
    </div>
  );
}

const appColors: Record<ApplicationStatus, string> = { submitted: 'blue', appraised: 'gold', approved: 'green', rejected: 'red' };
export function ApplicationStatusTag({ status }: { status: ApplicationStatus }) {
  const { t } = useT();
  return (
    <Tag color={appColors[status] ?? 'default'} className="fund-tag" data-testid="application-status">
      {t(`fund.appStatus.${status}` as Key)}
    </Tag>
  );
}

const loanColors: Record<LoanStatus, string> = { approved: 'blue', active: 'geekblue', repaid: 'green', written_off: 'default' };
export function LoanStatusTag({ status }: { status: LoanStatus }) {
  const { t } = useT();
  return (
    <Tag color={loanColors[status] ?? 'default'} className="fund-tag" data-testid="loan-status">
      {t(`fund.loanStatus.${status}` as Key)}
    </Tag>
  );
}

export function ArrearsTag({ days }: { days: number }) {
  const { t, lang } = useT();
  if (!days) return null;
  return (
    <Tag color="red" className="fund-tag fund-strong" data-testid="loan-arrears">
      {t('fund.arrearsTag', { days: formatNumber(days, lang) })}
    </Tag>
  );
}

const stateMarks: Record<LineState, string> = { paid: '✓', partly_paid: '◐', overdue: '!', due: '●', future: '○' };
/** A schedule line's state: a mark, the word and the colour (the class), never the colour alone. */
export function LineStateTag({ state }: { state: LineState }) {
  const { t } = useT();
  return (
    <span className={`fund-state fund-state-${state.replace('_', '-')}`} data-state={state}>
      <span aria-hidden="true">{stateMarks[state]} </span>
      {t(`fund.state.${state}` as Key)}
    </span>
  );
}

/** The priority flags, large (the appraiser's view) or as small tags (lists). */
export function PriorityFlags({ priority, large }: { priority: Priority; large?: boolean }) {
  const { t } = useT();
  const flags = (['women_managed', 'youth'] as const).filter((k) => priority?.[k]);
  if (!flags.length) return large ? <span className="muted">{t('fund.priority.none')}</span> : null;
  return (
    <span className={large ? 'fund-flags fund-flags-large' : 'fund-flags'} data-testid="priority-flags">
      {flags.map((k) => (
        <Tag key={k} color={k === 'women_managed' ? 'magenta' : 'cyan'} className="fund-tag" data-testid={`priority-${k}`}>
          {k === 'women_managed' ? '♀ ' : '★ '}
          {t(`fund.priority.${k}` as Key)}
        </Tag>
      ))}
    </span>
  );
}

const digits = (v: string | undefined) => (v ?? '').replace(/\D/g, '');

/** Money typed in đồng: whole numbers with the language's thousands separators. */
export function MoneyInput(props: Omit<InputNumberProps<number>, 'formatter' | 'parser'>) {
  const { lang } = useT();
  return (
    <InputNumber<number>
      min={0}
      precision={0}
      step={1_000_000}
      inputMode="numeric"
      style={{ width: '100%' }}
      suffix="₫"
      {...props}
      formatter={(v) => (v === undefined || v === null || `${v}` === '' ? '' : formatNumber(Number(digits(String(v))), lang))}
      parser={(v) => Number(digits(v))}
    />
  );
}

/** The funds the caller may read (every signed-in account reads them all). */
export function useFunds() {
  const list = useApi((signal) => listFunds(signal), []);
  return { funds: list.data?.items ?? [], loading: list.loading, error: list.error, reload: list.reload };
}

export function FundSelect({ id, value, onChange, funds, any, testId }: { id?: string; value?: string | number; onChange?: (v: string) => void; funds: Fund[]; any?: boolean; testId?: string }) {
  const { t } = useT();
  return (
    <Select
      id={id}
      value={value === undefined || value === null ? '' : String(value)}
      onChange={(v) => onChange?.(v)}
      showSearch={searchable}
      data-testid={testId}
      options={[...(any ? [{ value: '', label: t('fund.any') }] : []), ...funds.map((f) => ({ value: String(f.id), label: f.name }))]}
      style={{ width: '100%' }}
    />
  );
}

/** A fund's rules as a short list (the approve dialog shows them next to the terms). */
export function RulesList({ rules, testId }: { rules: FundRules | null | undefined; testId?: string }) {
  const { t, lang } = useT();
  const r = rules ?? { max_amount_vnd: null, max_term_months: null, default_rate_percent_year: null, max_grace_months: null };
  const none = <span className="muted">{t('fund.noLimit')}</span>;
  return (
    <dl className="fund-dl fund-rules" data-testid={testId}>
      <dt>{t('fund.rules.maxAmount')}</dt>
      <dd>{r.max_amount_vnd === null ? none : <Money vnd={r.max_amount_vnd} />}</dd>
      <dt>{t('fund.rules.maxTerm')}</dt>
      <dd>{r.max_term_months === null ? none : t('fund.months', { count: formatNumber(r.max_term_months, lang) })}</dd>
      <dt>{t('fund.rules.rate')}</dt>
      <dd>{r.default_rate_percent_year === null ? '—' : rate(r.default_rate_percent_year, t, lang)}</dd>
      <dt>{t('fund.rules.maxGrace')}</dt>
      <dd>{r.max_grace_months === null ? none : t('fund.months', { count: formatNumber(r.max_grace_months, lang) })}</dd>
    </dl>
  );
}

/** "7,25 %/năm" from the API's "7.25" (the digits as given, the language's decimal mark). */
export function rate(text: string | null | undefined, t: (k: Key, a?: Record<string, string>) => string, lang: 'vi' | 'en'): string {
  if (text === null || text === undefined || text === '') return '—';
  return t('fund.percentYear', { value: lang === 'vi' ? text.replace('.', ',') : text });
}

/** "12,5 %" from the API's "12.5". */
export function percentText(text: string | null | undefined, lang: 'vi' | 'en', t: (k: 'unit.percent', a: Record<string, string>) => string): string {
  if (text === null || text === undefined || text === '') return '—';
  return t('unit.percent', { value: lang === 'vi' ? text.replace('.', ',') : text });
}

export const dateText = (iso: string | null | undefined, lang: 'vi' | 'en') => formatDate(iso ? iso.slice(0, 10) : iso, lang);

/** The fund section's tabs (links): funds, applications, loans and, for staff, the portfolio. */
export function FundTabs({ role }: { role: string | undefined }) {
  const { t } = useT();
  const { pathname } = useLocation();
  const tabs: [string, Key][] = [
    ['/fund', 'fund.tab.funds'],
    ['/fund/applications', 'fund.tab.applications'],
    ['/fund/loans', 'fund.tab.loans'],
    ...(isStaff(role) ? ([['/fund/portfolio', 'fund.tab.portfolio']] as [string, Key][]) : []),
  ];
  const current = (path: string) => (path === '/fund' ? pathname === '/fund' : pathname.startsWith(path));
  return (
    <nav className="fund-tabs no-print" aria-label={t('nav.fund')} data-testid="fund-tabs">
      {tabs.map(([path, key]) => (
        <Link key={path} to={path} aria-current={current(path) ? 'page' : undefined} className={current(path) ? 'fund-tab fund-tab-current' : 'fund-tab'}>
          {t(key)}
        </Link>
      ))}
    </nav>
  );
}

const Drawer = lazy(() => import('antd/es/drawer'));

/**
 * A list's filters: in the toolbar on a wide screen; on a phone behind a "Bộ lọc" button (with
 * the number set) that opens them in a drawer from the bottom, as the registry does.
 */
export function Filters({ children, active, onClear, testId }: { children: ReactNode; active: number; onClear: () => void; testId: string }) {
  const { t } = useT();
  const phone = usePhone();
  const [open, setOpen] = useState(false);
  const clear = (
    <Button onClick={onClear} data-testid={`${testId}-clear`}>
      {t('fund.clear')}
    </Button>
  );
  if (!phone)
    return (
      <section aria-label={t('common.filters')} className="toolbar" style={{ marginBottom: 0 }} data-testid={testId}>
        {children}
        <div style={{ alignSelf: 'flex-end' }}>{clear}</div>
      </section>
    );
  return (
    <section aria-label={t('common.filters')} className="fund-filters">
      <Badge count={active} size="small" offset={[-4, 2]}>
        <Button icon={<FilterOutlined aria-hidden="true" />} aria-haspopup="dialog" aria-expanded={open} onClick={() => setOpen(true)} data-testid={`${testId}-open`}>
          {t('common.filters')}
        </Button>
      </Badge>
      {open && (
        <Suspense fallback={null}>
          <Drawer
            open={open}
            onClose={() => setOpen(false)}
            placement="bottom"
            size="85%"
            title={t('common.filters')}
            rootClassName="registry-filter-drawer"
            footer={
              <div className="registry-filter-drawer-footer">
                {clear}
                <Button type="primary" onClick={() => setOpen(false)} data-testid={`${testId}-done`}>
                  {t('common.close')}
                </Button>
              </div>
            }
          >
            <div className="filter-stack" data-testid={testId}>
              {children}
            </div>
          </Drawer>
        </Suspense>
      )}
    </section>
  );
}

/** A phone list's pages: ‹ page/pages · N records ›. */
export function Pager({ total, offset, onOffset, page: size }: { total: number; offset: number; onOffset: (o: number) => void; page: number }) {
  const { t, lang } = useT();
  if (total <= size) return null;
  const page = Math.floor(offset / size) + 1;
  const pages = Math.ceil(total / size);
  return (
    <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'center', marginTop: 8 }}>
      <Button disabled={page <= 1} onClick={() => onOffset(offset - size)} aria-label={t('common.back')}>
        ‹
      </Button>
      <span>
        {page}/{pages} · {t('fund.count', { count: formatNumber(total, lang) })}
      </span>
      <Button disabled={page >= pages} onClick={() => onOffset(offset + size)} aria-label={t('common.next')}>
        ›
      </Button>
    </div>
  );
}
