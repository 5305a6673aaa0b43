// "Đợt khảo sát": the campaigns the caller may read, by year, status and (national accounts)
// province, with their questionnaire, period, scope and response rate.
import { Alert, Button, Select, Space, Table } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { useSession } from '../account/session';
import { Panel } from '../components/Panel';
import { provinceName, useProvinces } from '../geo/units';
import { formatNumber, formatPercent } from '../i18n/format';
import { searchable } from '../lib/fold';
import { useApi } from '../lib/useApi';
import { listCampaigns } from './api';
import { inLang, isNational, isOfficial } from './logic';
import { OfficialsOnly, period, StatusTag, useScopeText } from './parts';
import { useT } from './strings';
import { CAMPAIGN_STATUSES, type Campaign } from './types';
import './surveys.css';

export default function CampaignsPage() {
  const { t, lang } = useT();
  const { user } = useSession();
  const official = isOfficial(user?.role);
  const national = isNational(user?.role);
  const provinces = useProvinces();
  const scope = useScopeText();
  const [year, setYear] = useState('');
  const [status, setStatus] = useState('');
  const [province, setProvince] = useState('');
  const list = useApi((signal) => (official ? listCampaigns({ year, status, province }, signal) : Promise.resolve(undefined)), [official, year, status, province]);
  if (!official) return <OfficialsOnly />;
  const thisYear = new Date().getFullYear();
  const years = Array.from({ length: 6 }, (_, i) => String(thisYear + 1 - i));
  const any = { value: '', label: t('common.all') };

  return (
    <div className="sv-page" data-testid="campaigns-page">
      <div className="sv-bar">
        <h1 className="page-title" style={{ margin: 0 }}>
          {t('cp.title')}
        </h1>
        <Space wrap>
          <Link to="/surveys/campaigns/new">
            <Button type="primary" data-testid="campaign-add">
              {t('cp.add')}
            </Button>
          </Link>
          <Link to="/surveys">
            <Button>{t('sv.questionnaires')}</Button>
          </Link>
        </Space>
      </div>
      <div className="toolbar" style={{ marginBottom: 0 }}>
        <div className="filter-field" style={{ flex: '0 1 120px' }}>
          <label htmlFor="cp-year">{t('cp.year')}</label>
          <Select id="cp-year" value={year} onChange={setYear} options={[any, ...years.map((y) => ({ value: y, label: y }))]} />
        </div>
        <div className="filter-field" style={{ flex: '0 1 160px' }}>
          <label htmlFor="cp-status">{t('cp.status')}</label>
          <Select id="cp-status" value={status} onChange={setStatus} options={[any, ...CAMPAIGN_STATUSES.map((s) => ({ value: s, label: t(`cp.status.${s}`) }))]} />
        </div>
        {national && (
          <div className="filter-field" style={{ flex: '1 1 180px' }}>
            <label htmlFor="cp-province">{t('cp.province')}</label>
            <Select id="cp-province" value={province} onChange={setProvince} showSearch={searchable} options={[any, ...provinces.map((p) => ({ value: p.code, label: provinceName(p, lang) }))]} />
          </div>
        )}
      </div>
      {list.error && <Alert type="error" showIcon title={list.error.message} />}
      <Panel testId="campaign-list">
        <div className="sv-scroll table-scroll">
          <Table<Campaign>
            rowKey="id"
            size="small"
            loading={list.loading}
            dataSource={list.data?.items ?? []}
            locale={{ emptyText: t('cp.none') }}
            pagination={false}
            scroll={{ x: 'max-content' }}
            onRow={(c) => ({ 'data-testid': `campaign-${c.id}` }) as React.HTMLAttributes<HTMLElement>}
            columns={[
              {
                key: 'title',
                title: t('cp.name'),
                render: (_, c) => (
                  <div style={{ minWidth: 200, maxWidth: 'min(380px, 50vw)' }}>
                    <Link to={`/surveys/campaigns/${c.id}`}>{inLang(c.title, lang) || inLang(c.questionnaire?.title, lang)}</Link>
                    <div className="muted" style={{ fontSize: 12 }}>
                      {c.questionnaire?.form_id}
                    </div>
                  </div>
                ),
              },
              { key: 'year', title: t('cp.year'), dataIndex: 'year' },
              { key: 'period', title: t('cp.period'), render: (_, c) => <span className="nowrap">{period(c, lang)}</span> },
              { key: 'status', title: t('cp.status'), render: (_, c) => <StatusTag status={c.status} /> },
              { key: 'scope', title: t('cp.scope'), render: (_, c) => <div style={{ minWidth: 160, maxWidth: 280 }}>{scope(c)}</div> },
              {
                key: 'rate',
                title: t('cp.rate'),
                className: 'num',
                render: (_, c) => (
                  <span>
                    {formatPercent(c.response_rate, lang)}
                    <span className="muted">
                      {' '}
                      ({formatNumber(c.responses, lang)}/{formatNumber(c.targets, lang)})
                    </span>
                  </span>
                ),
              },
            ]}
          />
        </div>
      </Panel>
    </div>
  );
}
