// A headline figure: its label, the value (exact when it fits the card, else the compact form
// "10,01 triệu" with the exact value in the tooltip and for screen readers) and, when given, a
// link to the registry list of the records behind it.
import { useLayoutEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import { Panel } from '../components/Panel';

export interface KpiProps {
  label: string;
  /** The exact value as shown when it fits. */
  value: string;
  /** The short form shown when the exact value does not fit. */
  compact?: string;
  sub?: string;
  /** The registry list of the records behind the figure. */
  href?: string;
  /** Accessible name of the link, e.g. "Thành viên: 10.012.978 — xem danh sách". */
  linkLabel?: string;
  testId: string;
}

export function Kpi({ label, value, compact, sub, href, linkLabel, testId }: KpiProps) {
  const box = useRef<HTMLDivElement>(null);
  const probe = useRef<HTMLSpanElement>(null);
  const probeCompact = useRef<HTMLSpanElement>(null);
  // 'exact' when the exact value fits, else 'compact', else the compact form in a smaller font.
  const [fit, setFit] = useState<'exact' | 'compact' | 'small'>('exact');
  useLayoutEffect(() => {
    const el = box.current;
    if (!el || !compact || compact === value) {
      setFit('exact');
      return;
    }
    const check = () => {
      const room = el.clientWidth;
      if (!probe.current || probe.current.offsetWidth <= room) setFit('exact');
      else setFit(!probeCompact.current || probeCompact.current.offsetWidth <= room ? 'compact' : 'small');
    };
    check();
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(check);
    observer.observe(el);
    return () => observer.disconnect();
  }, [value, compact]);
  const fits = fit === 'exact';
  const shown = fits || !compact ? value : compact;
  const text =
    shown === value ? (
      <span data-testid={`${testId}-value`} data-exact={value}>
        {value}
      </span>
    ) : (
      <>
        <span aria-hidden="true" title={value} data-testid={`${testId}-value`} data-exact={value}>
          {shown}
        </span>
        <span className="sr-only">{value}</span>
      </>
    );
  return (
    <Panel testId={testId} className="kpi">
      <div className="muted" style={{ fontSize: 13 }}>
        {label}
      </div>
      <div ref={box} className={fit === 'small' ? 'kpi-value small' : 'kpi-value'}>
        {href ? (
          <Link to={href} aria-label={linkLabel ?? `${label}: ${value}`} title={shown !== value ? value : undefined} className="kpi-link">
            {text}
          </Link>
        ) : (
          text
        )}
      </div>
      {compact && (
        // The exact value, unseen, in the same font: whether it fits the card's width.
        <div className="kpi-value kpi-probe" aria-hidden="true">
          <span ref={probe}>{value}</span> <span ref={probeCompact}>{compact}</span>
        </div>
      )}
      {sub && <div className="muted" style={{ fontSize: 12 }}>{sub}</div>}
    </Panel>
  );
}
