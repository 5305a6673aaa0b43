// What a printed page says about itself (shown on paper only): its title, its scope (the province
// or the whole country, the date of the figures), the day it was printed and the source. With
// PrintButton, which prints the page (window.print); the print stylesheet (styles.css, @media
// print) hides the header, the menus, the filters and the buttons.
import { Button } from 'antd';
import { useI18n } from '../i18n/I18nProvider';
import { formatDate, todayIso } from '../i18n/format';

export function PrintHeader({ title, scope }: { title: string; scope?: string }) {
  const { t, lang } = useI18n();
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
