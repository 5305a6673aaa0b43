// A campaign: its figures (targets, responses, rate), questionnaire, period and scope; the targets
// with whether they answered and each personal link (copied with one button); the mailing list as
// CSV or XLSX; closing it early after a confirmation; the way to its results.
import { Alert, Button, Popconfirm, Result, Segmented, Space, Table } from 'antd';
import { useState } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import { useSession } from '../account/session';
import { ApiError } from '../api/client';
import { Panel } from '../components/Panel';
import { useProvinceNames } from '../geo/units';
import { formatDate, formatDateTime, formatNumber, formatPercent } from '../i18n/format';
import { useApi } from '../lib/useApi';
import { closeCampaign, getCampaign, linksUrl, listTargets } from './api';
import { fullLink, inLang, isOfficial } from './logic';
import { CopyLink, Figure, OfficialsOnly, period, StatusTag, useScopeText } from './parts';
import { useT } from './strings';
import type { Campaign, Target } from './types';
import './surveys.css';

const PAGE = 50;

export default function CampaignPage() {
  const { id = '' } = useParams();
  const { t, lang } = useT();
  const { user } = useSession();
  const location = useLocation();
  const official = isOfficial(user?.role);
  const campaign = useApi((signal) => (official ? getCampaign(id, signal) : Promise.resolve(undefined)), [id, official]);
  const scope = useScopeText();
  const created = (location.state as { created?: number } | null)?.created;
  const [notice, setNotice] = useState<{ type: 'success' | 'error'; text: string } | null>(created !== undefined ? { type: 'success', text: t('cp.created', { count: created }) } : null);

  if (!official) return <OfficialsOnly />;
  if (campaign.error && !campaign.data) {
    const missing = campaign.error instanceof ApiError && campaign.error.status === 404;
    return (
      <Result
        status={missing ? '404' : 'error'}
        title={missing ? '404' : t('common.error')}
        subTitle={missing ? t('cp.notFound') : campaign.error.message}
        extra={<Link to="/surveys/campaigns">{t('cp.back')}</Link>}
      />
    );
  }
  const c = campaign.data;
  if (!c) return <div className="muted">{t('app.loading')}</div>;
  const title = inLang(c.title, lang) || inLang(c.questionnaire?.title, lang);
  const close = async () => {
    try {
      await closeCampaign(c.id);
      setNotice({ type: 'success', text: t('cp.closed') });
      campaign.reload();
    } catch (e) {
      setNotice({ type: 'error', text: (e as Error).message });
    }
  };

  return (
    <div className="sv-page" data-testid="campaign-page">
      <Link to="/surveys/campaigns">← {t('cp.back')}</Link>
      <h1 className="page-title" style={{ margin: 0 }} data-testid="campaign-title">
        {title}
      </h1>
      <div className="sv-bar">
        <StatusTag status={c.status} />
        <Space wrap>
          <Link to={`/surveys/campaigns/${c.id}/results`}>
            <Button type="primary" data-testid="campaign-results">
              {t('cp.results')}
            </Button>
          </Link>
          {c.may_write !== false && c.status !== 'closed' && (
            <Popconfirm title={t('cp.closeConfirm', { title })} okText={t('common.confirm')} cancelText={t('common.cancel')} onConfirm={close}>
              <Button danger data-testid="campaign-close">
                {t('cp.close')}
              </Button>
            </Popconfirm>
          )}
        </Space>
      </div>
      {notice && <Alert type={notice.type} showIcon title={notice.text} closable onClose={() => setNotice(null)} />}
      <div className="sv-figures">
        <Figure label={t('cp.targets')} value={formatNumber(c.targets, lang)} testId="campaign-targets" />
        <Figure label={t('cp.responses')} value={formatNumber(c.responses, lang)} testId="campaign-responses" />
        <Figure label={t('cp.rate')} value={formatPercent(c.response_rate, lang)} testId="campaign-rate" />
      </div>
      <Panel className="sv-head">
        <dl>
          <dt>{t('cp.questionnaire')}</dt>
          <dd>
            <Link to={`/surveys/${c.questionnaire_id}`}>{inLang(c.questionnaire?.title, lang) || c.questionnaire?.form_id}</Link>
          </dd>
          <dt>{t('cp.year')}</dt>
          <dd>{c.year}</dd>
          <dt>{t('cp.period')}</dt>
          <dd data-testid="campaign-period">
            {period(c, lang)}
            {c.closed_early_on ? ` (${t('cp.closedEarly', { date: formatDate(c.closed_early_on, lang) })})` : ''}
          </dd>
          <dt>{t('cp.scope')}</dt>
          <dd data-testid="campaign-scope">{scope(c)}</dd>
        </dl>
      </Panel>
      <Targets campaign={c} />
    </div>
  );
}

function Targets({ campaign }: { campaign: Campaign }) {
  const { t, lang } = useT();
  const province = useProvinceNames(lang);
  const [responded, setResponded] = useState<'' | 'true' | 'false'>('');
  const [offset, setOffset] = useState(0);
  const list = useApi((signal) => listTargets(campaign.id, { responded, offset, limit: PAGE }, signal), [campaign.id, responded, offset]);
  return (
    <Panel
      title={<h2 style={{ margin: 0, fontSize: 17 }}>{t('cp.targetsTitle')}</h2>}
      testId="campaign-targets-list"
      extra={
        <Space wrap>
          <span className="muted">{t('cp.mailing')}:</span>
          <Button href={linksUrl(campaign.id, 'csv')} data-testid="campaign-links-csv">
            {t('cp.exportLinks', { format: 'CSV' })}
          </Button>
          <Button href={linksUrl(campaign.id, 'xlsx')} data-testid="campaign-links-xlsx">
            {t('cp.exportLinks', { format: 'XLSX' })}
          </Button>
        </Space>
      }
    >
      <div style={{ marginBottom: 8 }}>
        <Segmented
          aria-label={t('cp.show')}
          value={responded}
          onChange={(v) => {
            setResponded(v as '' | 'true' | 'false');
            setOffset(0);
          }}
          options={[
            { value: '', label: t('cp.show.all') },
            { value: 'true', label: t('cp.show.yes') },
            { value: 'false', label: t('cp.show.no') },
          ]}
          data-testid="targets-filter"
        />
      </div>
      {list.error && <Alert type="error" showIcon title={list.error.message} />}
      <div className="sv-scroll table-scroll">
        <Table<Target>
          rowKey={(r) => r.entity.id}
          size="small"
          loading={list.loading}
          dataSource={list.data?.items ?? []}
          locale={{ emptyText: t('cp.noTargets') }}
          scroll={{ x: 'max-content' }}
          onRow={(r) => ({ 'data-testid': `target-${r.entity.id}` }) as React.HTMLAttributes<HTMLElement>}
          pagination={{
            current: Math.floor(offset / PAGE) + 1,
            pageSize: PAGE,
            total: list.data?.total ?? 0,
            showSizeChanger: false,
            onChange: (page) => setOffset((page - 1) * PAGE),
            showTotal: (n) => t('cp.count', { count: formatNumber(n, lang) }),
          }}
          columns={[
            {
              key: 'entity',
              title: t('cp.entity'),
              render: (_, r) => (
                <div style={{ minWidth: 180, maxWidth: 320 }}>
                  <Link to={`/registry/${r.entity.id}`}>{r.entity.name}</Link>
                  {r.entity.province && <div className="muted" style={{ fontSize: 12 }}>{province(r.entity.province)}</div>}
                </div>
              ),
            },
            {
              key: 'responded',
              title: t('cp.respondedAt'),
              render: (_, r) =>
                r.responded_at ? (
                  <span className="nowrap" data-testid="target-responded">
                    {formatDateTime(Date.parse(r.responded_at), lang)}
                    {r.via ? <span className="muted"> ({t(`cp.via.${r.via}`)})</span> : null}
                  </span>
                ) : (
                  <span className="muted">{t('cp.notResponded')}</span>
                ),
            },
            {
              key: 'link',
              title: t('cp.link'),
              render: (_, r) => (
                <div style={{ minWidth: 200, maxWidth: 360 }}>
                  <a href={r.link} className="sv-link" target="_blank" rel="noreferrer" data-testid="target-link">
                    {fullLink(r.link)}
                  </a>
                  <div>
                    <CopyLink link={r.link} name={r.entity.name} />
                  </div>
                </div>
              ),
            },
          ]}
        />
      </div>
    </Panel>
  );
}
