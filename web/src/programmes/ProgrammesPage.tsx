// "Chương trình": the programmes the caller may read (national ones and, for a province, its
// own), filtered by level, status and kind and searched without diacritics; each with its
// period, owner, status and its targets' states as coloured counts with words.
import { Alert, Button, Input, Select, Table } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { Link } from 'react-router';
import { useSession } from '../account/session';
import { Panel } from '../components/Panel';
import { useProvinces, provinceName } from '../geo/units';
import { foldMatch, searchable } from '../lib/fold';
import { useApi } from '../lib/useApi';
import { getProgramme, listProgrammes } from './api';
import { isNational, isOfficial } from './logic';
import { period, StateCounts, StatusTag, useOwner } from './parts';
import { useT } from './strings';
import { PROGRAMME_KINDS, PROGRAMME_STATUSES, type Programme, type TargetState } from './types';

type Counts = Partial<Record<TargetState, number>>;

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
  // The list carries no targets: each programme's states come from its own page, asked once.
  const [states, setStates] = useState<Record<number, Counts | null>>({});
  useEffect(() => {
    const controller = new AbortController();
    for (const p of list.data?.items ?? []) {
      if (p.id in states) continue;
      setStates((s) => ({ ...s, [p.id]: null }));
      getProgramme(p.id, controller.signal)
        .then((full) => setStates((s) => ({ ...s, [p.id]: full.target_states ?? {} })))
        .catch(() => undefined);
    }
    return () => controller.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [list.data]);

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
                  states[p.id] ? (
                    Object.values(states[p.id]!).some((n) => n) ? (
                      <StateCounts counts={states[p.id]!} testId={`programme-states-${p.id}`} />
                    ) : (
                      <span className="muted">{t('prog.noTargets')}</span>
                    )
                  ) : (
                    <span className="muted">{t('prog.loadingStates')}</span>
                  ),
              },
            ]}
          />
        </div>
      </Panel>
    </div>
  );
}
