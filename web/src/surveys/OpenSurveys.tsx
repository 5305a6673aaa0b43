// A cooperative's "Khảo sát đang mở" (GET /api/v1/survey-campaigns/mine): each open campaign with
// its closing day, whether the answers were sent, and the button to its personal link.
import { Alert, Button } from 'antd';
import { Panel } from '../components/Panel';
import { formatDate, formatDateTime } from '../i18n/format';
import { useApi } from '../lib/useApi';
import { listMyCampaigns } from './api';
import { inLang } from './logic';
import { useT } from './strings';
import './surveys.css';

export function OpenSurveys() {
  const { t, lang } = useT();
  const mine = useApi((signal) => listMyCampaigns(signal), []);
  const items = mine.data?.items ?? [];
  return (
    <div className="sv-page" data-testid="open-surveys">
      <h1 className="page-title" style={{ margin: 0 }}>
        {t('cp.mine')}
      </h1>
      {mine.error && <Alert type="error" showIcon title={mine.error.message} />}
      <Panel>
        {mine.loading && !mine.data ? (
          <p className="muted">{t('app.loading')}</p>
        ) : items.length === 0 ? (
          <p className="muted" style={{ margin: 0 }}>
            {t('cp.mineNone')}
          </p>
        ) : (
          <ul className="sv-cards">
            {items.map((c) => (
              <li key={c.id} className="sv-card" data-testid={`my-campaign-${c.id}`}>
                <div style={{ minWidth: 0, flex: '1 1 240px' }}>
                  <h2>{inLang(c.title, lang) || inLang(c.questionnaire?.title, lang)}</h2>
                  <div className="muted">{t('cp.until', { date: formatDate(c.closes_on, lang) })}</div>
                  {c.responded_at && <div>{t('cp.answeredAt', { time: formatDateTime(Date.parse(c.responded_at), lang) })}</div>}
                </div>
                <Button type="primary" href={c.link} data-testid={`my-campaign-link-${c.id}`}>
                  {c.responded_at ? t('cp.edit') : t('cp.answer')}
                </Button>
              </li>
            ))}
          </ul>
        )}
      </Panel>
    </div>
  );
}
