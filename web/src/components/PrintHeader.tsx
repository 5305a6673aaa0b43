// What a printed page says about itself (shown on paper only): its title, its scope (the province
// or the whole country, the date of the figures), the day it was printed and the source. With
// PrintButton, which prints the page (window.print); the print stylesheet (styles.css, @media
// print) hides the header, the menus, the filters and the buttons.
import { Button } from 'antd';
import { useEffect, useState } from 'react';
import { flushSync } from 'react-dom';
import { useI18n } from '../i18n/I18nProvider';
import { formatDate, todayIso } from '../i18n/format';

/**
 * Whether the page is being printed: from the browser's beforeprint (rendered at once, before the
 * printout is laid out) to afterprint, or while print media applies (emulated in the e2e tests).
 */
export function usePrinting(): boolean {
  const [printing, setPrinting] = useState(() => typeof window !== 'undefined' && !!window.matchMedia?.('print').matches);
  useEffect(() => {
    const on = () => flushSync(() => setPrinting(true));
    const off = () => setPrinting(false);
    const media = window.matchMedia?.('print');
    const change = (e: MediaQueryListEvent) => (e.matches ? on() : off());
    window.addEventListener('beforeprint', on);
    window.addEventListener('afterprint', off);
    media?.addEventListener?.('change', change);
    return () => {
      window.removeEventListener('beforeprint', on);
      window.removeEventListener('afterprint', off);
      media?.removeEventListener?.('change', change);
    };
  }, []);
  return printing;
}

/** Rendered only while printing: its words are not on the screen's page (nor found by its searches). */
export function PrintHeader({ title, scope }: { title: string; scope?: string }) {
  const { t, lang } = useI18n();
  const printing = usePrinting();
  if (!printing) return null;
  return (
    <div className="print-only print-header" data-testid="print-header">
      <div className="print-header-source">{t('printout.source')}</div>
      <div className="print-header-title">{title}</div>
      {scope && <div className="print-header-scope">{scope}</div>}
      <div className="print-header-date">{t('printout.printedOn', { date: formatDate(todayIso(), lang) })}</div>
    </div>
  );
}

/** "In": prints the page; `before` may prepare it (resolve when ready). */
export function PrintButton({ before, testId = 'print-button' }: { before?: () => Promise<void>; testId?: string }) {
  const { t } = useI18n();
  return (
    <Button
      className="no-print"
      data-testid={testId}
      onClick={() => {
        if (before) void before().then(() => window.print());
        else window.print();
      }}
    >
      {t('printout.button')}
    </Button>
  );
}
