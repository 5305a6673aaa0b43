// "Kiến nghị": the petitions the caller may read — an official's (the province's, or all for
// national accounts) or a cooperative's own — filtered by status, theme, province (national
// accounts), overdue only, period and text (without diacritics, on the server), page by page.
// Overdue ones carry a tag "Quá hạn N ngày" and a red bar. On a phone, cards. The filtered list
// as CSV or XLSX; links to the statistics and the public answers.
import { Alert, Button, Checkbox, Input, Result, Select, Space, Table } from 'antd';
import { useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useSession } from '../account/session';
import { DateInput } from '../activities/parts';
import { Panel } from '../components/Panel';
import { provinceName, useProvinces } from '../geo/units';
import { formatDate, formatNumber } from '../i18n/format';
import { searchable } from '../lib/fold';
import { usePhone } from '../lib/media';
import { useApi, useDebounced } from '../lib/useApi';
import { listPetitions, petitionsExportUrl } from './api';
import { filterQuery, filtersFrom, isNational, isOfficial, noFilters, seesPetitions, type Filters } from './logic';
import { excerpt, handlerText, OverdueTag, PetitionCards, StatusTag, useThemeName, useThemes } from './parts';
import { useT, type Key } from './strings';
import { STATUSES, type Petition } from './types';
import './petitions.css';

const PAGE = 20;

export default function PetitionsPage() {
  const { t, lang } = useT();
  const { user } = useSession();
  const phone = usePhone();
  const [params] = useSearchParams();
  const provinces = useProvinces();
  const { themes } = useThemes();
  const themeName = useThemeName();
  const national = isNational(user?.role);
  const official = isOfficial(user?.role);
  const [filters, setFilters] = useState<Filters>(() => filtersFrom(params));
  const [offset, setOffset] = useState(0);
  const q = useDebounced(filters.q, 300);
  const query = useMemo(() => filterQuery({ ...filters, q }), [filters, q]);
  const list = useApi((signal) => listPetitions({ ...query, limit: PAGE, offset }, signal), [JSON.stringify(query), offset]);

  if (!seesPetitions(user?.role)) return <Result status="403" title="403" subTitle={t('pet.forbidden')} />;
  const set = (change: Partial<Filters>) => {
    setFilters((f) => ({ ...f, ...change }));
    setOffset(0);
  };
  const items = list.data?.items ?? [];
  const total = list.data?.total ?? 0;
  const active = [filters.status.length > 0, filters.theme, filters.province, filters.overdue, filters.from, filters.to, filters.q.trim()].filter(
    Boolean,
  ).length;
  const toolbar = (
    <div className="toolbar" style={{ marginBottom: 0 }}>
      <div className="filter-field" style={{ flex: '2 1 220px' }}>
        <label htmlFor="pet-q">{t('common.search')}</label>
        <Input
          id="pet-q"
          allowClear
          value={filters.q}
          placeholder={t('pet.search')}
          onChange={(e) => set({ q: e.target.value })}
          data-testid="petition-search"
        />
      </div>
      <div className="filter-field" style={{ flex: '2 1 200px' }}>
        <label htmlFor="pet-status">{t('pet.status')}</label>
        <Select
          id="pet-status"
          mode="multiple"
          allowClear
          value={filters.status}
          onChange={(status) => set({ status })}
          placeholder={t('pet.any')}
          options={STATUSES.map((s) => ({ value: s, label: t(`pet.status.${s}` as Key) }))}
          showSearch={searchable}
        />
      </div>
      <div className="filter-field" style={{ flex: '2 1 180px' }}>
        <label htmlFor="pet-theme">{t('pet.theme')}</label>
        <Select
          id="pet-theme"
          value={filters.theme}
          onChange={(theme) => set({ theme })}
          showSearch={searchable}
          options={[{ value: '', label: t('pet.any') }, ...themes.map((th) => ({ value: th.code, label: themeName(th.code) }))]}
        />
      </div>
      {national && (
        <div className="filter-field" style={{ flex: '1 1 160px' }}>
          <label htmlFor="pet-province">{t('pet.province')}</label>
          <Select
            id="pet-province"
            value={filters.province}
            onChange={(province) => set({ province })}
            showSearch={searchable}
            options={[{ value: '', label: t('pet.any') }, ...provinces.map((p) => ({ value: p.code, label: provinceName(p, lang) }))]}
          />
        </div>
      )}
      <div className="filter-field" style={{ flex: '1 1 140px' }}>
        <label htmlFor="pet-from">{t('pet.from')}</label>
        <DateInput id="pet-from" value={filters.from} onChange={(from) => set({ from })} />
      </div>
      <div className="filter-field" style={{ flex: '1 1 140px' }}>
        <label htmlFor="pet-to">{t('pet.to')}</label>
        <DateInput id="pet-to" value={filters.to} onChange={(to) => set({ to })} />
      </div>
      <Checkbox
        checked={filters.overdue}
        onChange={(e) => set({ overdue: e.target.checked })}
        data-testid="petition-overdue-only"
        style={{ alignSelf: 'center' }}
      >
        {t('pet.overdueOnly')}
      </Checkbox>
      <Button onClick={() => set(noFilters())}>{t('pet.filters.clear')}</Button>
    </div>
  );

  return (
    <div className="pet-page" data-testid="petitions-page">
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, justifyContent: 'space-between', alignItems: 'center' }}>
        <h1 className="page-title" style={{ margin: 0 }}>
          {official ? t('pet.title') : t('pet.titleOwn')}
        </h1>
        <Space wrap>
          <Link to="/petitions/new">
            <Button type="primary" data-testid="petition-add">
              {official ? t('pet.add') : t('pet.addOwn')}
            </Button>
          </Link>
          {official && (
            <Link to="/petitions/stats">
              <Button data-testid="petition-stats-link">{t('pet.stats')}</Button>
            </Link>
          )}
          <Link to="/petitions/answers">
            <Button data-testid="petition-answers-link">{t('pet.answers')}</Button>
          </Link>
        </Space>
      </div>
      {/* On a phone the filters fold away under one line that says how many are set. */}
      {phone ? (
        <details className="pet-filters" data-testid="petition-filters">
          <summary>
            {t('common.filters')}
            {active > 0 ? ` (${active})` : ''}
          </summary>
          {toolbar}
        </details>
      ) : (
        toolbar
      )}
      {official && (
        <Space wrap>
          <Button href={petitionsExportUrl('csv', query)} data-testid="petition-export-csv">
            {t('pet.export', { format: 'CSV' })}
          </Button>
          <Button href={petitionsExportUrl('xlsx', query)} data-testid="petition-export-xlsx">
            {t('pet.export', { format: 'XLSX' })}
          </Button>
        </Space>
      )}
      {list.error && <Alert type="error" showIcon title={list.error.message} />}
      <Panel testId="petition-list">
        {phone ? (
          <>
            <PetitionCards items={items} empty={list.loading ? t('app.loading') : t('pet.none')} showProvince={national} />
            <Pager total={total} offset={offset} onOffset={setOffset} />
          </>
        ) : (
          <div className="table-scroll">
            <Table<Petition>
              className="pet-table"
              rowKey="id"
              size="small"
              loading={list.loading}
              dataSource={items}
              locale={{ emptyText: t('pet.none') }}
              scroll={{ x: 'max-content' }}
              rowClassName={(p) => (p.overdue ? 'pet-overdue' : '')}
              onRow={(p) => ({ 'data-testid': `petition-${p.id}` }) as React.HTMLAttributes<HTMLElement>}
              pagination={{
                current: Math.floor(offset / PAGE) + 1,
                pageSize: PAGE,
                total,
                showSizeChanger: false,
                onChange: (page) => setOffset((page - 1) * PAGE),
                showTotal: (n) => t('pet.count', { count: formatNumber(n, lang) }),
              }}
              columns={[
                {
                  key: 'code',
                  title: t('pet.code'),
                  render: (_, p) => (
                    <div>
                      <Link to={`/petitions/${p.id}`} className="pet-code">
                        {p.code}
                      </Link>
                      <div className="muted" style={{ fontSize: 12, whiteSpace: 'nowrap' }}>
                        {formatDate(p.raised_on, lang)}
                      </div>
                    </div>
                  ),
                },
                {
                  key: 'content',
                  title: t('pet.content'),
                  render: (_, p) => (
                    <div className="pet-text" style={{ minWidth: 220, maxWidth: 'min(420px, 40vw)' }}>
                      {excerpt(p.content)}
                      {p.entities?.length > 0 && (
                        <div className="muted" style={{ fontSize: 12 }}>
                          {p.entities.map((e) => e.name).join('; ')}
                        </div>
                      )}
                    </div>
                  ),
                },
                { key: 'theme', title: t('pet.theme'), render: (_, p) => <div style={{ minWidth: 100, maxWidth: 180 }}>{themeName(p.theme)}</div> },
                ...(national ? [{ key: 'province', title: t('pet.province'), render: (_: unknown, p: Petition) => p.province_name ?? p.province }] : []),
                {
                  key: 'status',
                  title: t('pet.status'),
                  render: (_, p) => (
                    <div className="pet-tags" style={{ marginTop: 0, flexDirection: 'column', alignItems: 'flex-start' }}>
                      <StatusTag status={p.status} />
                      <OverdueTag petition={p} />
                    </div>
                  ),
                },
                {
                  key: 'due',
                  title: t('pet.due'),
                  render: (_, p) => <span style={{ whiteSpace: 'nowrap' }}>{p.due_on ? formatDate(p.due_on, lang) : '—'}</span>,
                },
                { key: 'handler', title: t('pet.handler'), render: (_, p) => <div style={{ minWidth: 120, maxWidth: 220 }}>{handlerText(p) || '—'}</div> },
              ]}
            />
          </div>
        )}
      </Panel>
    </div>
  );
}

function Pager({ total, offset, onOffset }: { total: number; offset: number; onOffset: (o: number) => void }) {
  const { t, lang } = useT();
  if (total <= PAGE)
    return total ? (
      <p className="muted" style={{ margin: '8px 0 0' }}>
        {t('pet.count', { count: formatNumber(total, lang) })}
      </p>
    ) : null;
  const page = Math.floor(offset / PAGE) + 1;
  const pages = Math.ceil(total / PAGE);
  return (
    <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'center', marginTop: 8 }}>
      <Button disabled={page <= 1} onClick={() => onOffset(offset - PAGE)} aria-label={t('common.back')}>
        ‹
      </Button>
      <span>
        {page}/{pages} · {t('pet.count', { count: formatNumber(total, lang) })}
      </span>
      <Button disabled={page >= pages} onClick={() => onOffset(offset + PAGE)} aria-label={t('common.next')}>
        ›
      </Button>
    </div>
  );
}
