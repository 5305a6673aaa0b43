// "Chương trình": the programmes the caller may read (national ones and, for a province, its
// own), filtered by level, status and kind and searched without diacritics; each with its
// period, owner, status and its targets' states as coloured counts with words.
import { Alert, Button, Input, Select, Table } from 'antd';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { useSession } from '../account/session';
import { Panel } from '../components/Panel';
import { useProvinces, provinceName } from '../geo/units';
import { foldMatch, searchable } from '../lib/fold';
import { useApi } from '../lib/useApi';
import { listProgrammes } from './api';
import { isNational, isOfficial } from './logic';
import { period, StateCounts, StatusTag, useOwner } from './parts';
import { useT } from './strings';
import { PROGRAMME_KINDS, PROGRAMME_STATUSES, type Programme } from './types';

export default function ProgrammesPage() {
  const { t, lang } = useT();
  const { user } = useSession();
  const owner = useOwner();
  const provinces = useProvinces();
  const [scope, setScope] = useState('');
  const [status, setStatus] = useState('');
  const [kind, setKind] = useState('');
  const [q, setQ] = useState('');
  const list = useApi((signal) => listProgrammes({ province: scope, status, kind }, signal), [scope, status, kind]);
  const shown = useMemo(
    () => (list.data?.items ?? []).filter((p) => !q.trim() || foldMatch(q, `${p.code} ${p.title} ${p.title_en ?? ''}`)),
    [list.data, q],
  );

  const scopeOptions = [
    { value: '', label: t('prog.scope.all') },
    { value: 'national', label: t('prog.scope.national') },
    ...(isNational(user?.role)
      ? provinces.map((p) => ({ value: p.code, label: provinceName(p, lang) }))
      : user?.province_code
        ? [{ value: user.province_code, label: owner({ province: user.province_code }) }]
        : []),
  ];

  return (
    <div className="prog-stack">
      <h1 className="page-title">{t('prog.title')}</h1>
      <div className="toolbar">
        <div className="filter-field" style={{ flex: '2 1 240px' }}>
          <label htmlFor="prog-q">{t('common.search')}</label>
          <Input id="prog-q" allowClear value={q} placeholder={t('prog.search')} onChange={(e) => setQ(e.target.value)} data-testid="programme-search" />
        </div>
        <div className="filter-field" style={{ flex: '1 1 160px' }}>
          <label htmlFor="prog-scope">{t('prog.scope')}</label>
          <Select id="prog-scope" value={scope} onChange={setScope} options={scopeOptions} showSearch={searchable} />
        </div>
        <div className="filter-field" style={{ flex: '1 1 150px' }}>
          <label htmlFor="prog-status">{t('prog.status')}</label>
          <Select
            id="prog-status"
            value={status}
            onChange={setStatus}
            options={[{ value: '', label: t('prog.scope.all') }, ...PROGRAMME_STATUSES.map((s) => ({ value: s, label: t(`prog.status.${s}`) }))]}
          />
        </div>
        <div className="filter-field" style={{ flex: '1 1 180px' }}>
          <label htmlFor="prog-kind">{t('prog.kind')}</label>
          <Select
            id="prog-kind"
            value={kind}
            onChange={setKind}
            options={[{ value: '', label: t('prog.scope.all') }, ...PROGRAMME_KINDS.map((k) => ({ value: k, label: t(`prog.kind.${k}`) }))]}
          />
        </div>
        {isOfficial(user?.role) && (
          <>
            <Link to="/programmes/new">
              <Button type="primary">{t('prog.add')}</Button>
            </Link>
            <Link to="/partners">
              <Button>{t('nav.partners')}</Button>
            </Link>
            <Link to="/activities">
              <Button data-testid="activities-link">{t('nav.activities')}</Button>
            </Link>
          </>
        )}
      </div>
      {list.error && <Alert type="error" showIcon title={list.error.message} />}
      <Panel testId="programme-list">
        <div className="table-scroll">
          <Table<Programme>
            rowKey="id"
            size="small"
            loading={list.loading}
            pagination={false}
            dataSource={shown}
            locale={{ emptyText: t('prog.none') }}
            scroll={{ x: 'max-content' }}
            onRow={(p) => ({ 'data-testid': `programme-${p.code}` }) as React.HTMLAttributes<HTMLElement>}
            columns={[
              {
                key: 'title',
                title: t('prog.name'),
                render: (_, p) => (
                  <div style={{ minWidth: 200, maxWidth: 'min(460px, 70vw)' }}>
                    <Link to={`/programmes/${p.id}`} className="prog-list-title">
                      {lang === 'en' && p.title_en ? p.title_en : p.title}
                    </Link>
                    <div className="muted" style={{ fontSize: 12 }}>
                      {p.code} · {t(`prog.kind.${p.kind}`)}
                    </div>
                  </div>
                ),
              },
              { key: 'owner', title: t('prog.owner'), render: (_, p) => owner(p) },
              { key: 'period', title: t('prog.period'), render: (_, p) => <span style={{ whiteSpace: 'nowrap' }}>{period(p, lang)}</span> },
              { key: 'status', title: t('prog.status'), render: (_, p) => <StatusTag status={p.status} /> },
              {
                key: 'targets',
                title: t('prog.targetSummary'),
                render: (_, p) =>
                  // Each item carries its targets' states: no request per programme.
                  p.target_states && Object.values(p.target_states).some((n) => n) ? (
                    <StateCounts counts={p.target_states} testId={`programme-states-${p.id}`} />
                  ) : (
                    <span className="muted">{t('prog.noTargets')}</span>
                  ),
              },
            ]}
          />
        </div>
      </Panel>
    </div>
  );
}
