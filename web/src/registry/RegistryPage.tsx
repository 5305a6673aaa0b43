import { FilterOutlined } from '@ant-design/icons';
import { Alert, Badge, Button, Checkbox, DatePicker, Empty, Input, Pagination, Popover, Select, Space, Spin, Table, Tag, Tooltip } from 'antd';
import type { ColumnsType, TableProps } from 'antd/es/table';
import type { SorterResult } from 'antd/es/table/interface';
import dayjs from 'dayjs';
import { Suspense, lazy, useEffect, useMemo, useState, type KeyboardEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useSession } from '../account/session';
import { canEditRegistry } from '../api/types';
import { provinceName, useProvinceNames, useProvinces } from '../geo/units';
import { datePattern, formatDate } from '../i18n/format';
import { useI18n } from '../i18n/I18nProvider';
import type { MessageKey } from '../i18n/catalogue';
import { useApi, useDebounced } from '../lib/useApi';
import { listCommuneUnits } from '../geo/api';
import { usePhone } from '../lib/media';
import { exportUrl, listEntities } from './api';
import {
  PAGE_SIZES, SORTS, activeFilterCount, apiFilters, columnOrder, effectiveSort, hasFilters, readFilters, sortFor, writeFilters,
  type RegistryFilters, type SortColumn, type SortDirection,
} from './filters';
import { StatusTag } from './labels';
import { KINDS, SECTORS, STATUSES, type Entity } from './types';
import { searchable } from '../lib/fold';

// The phone's filter drawer loads when first opened.
const Drawer = lazy(() => import('antd/es/drawer'));

const ALL_COLUMNS = [
  'registration_code', 'kind', 'province', 'status', 'sector', 'founded_on', 'women_managed', 'youth',
  'chair_name', 'tax_code', 'commune_code', 'address', 'phone', 'email',
] as const;
type ColumnKey = (typeof ALL_COLUMNS)[number];
const DEFAULT_COLUMNS: ColumnKey[] = ['registration_code', 'kind', 'province', 'status', 'founded_on'];
const COLUMNS_KEY = 'hoptac.registry.columns';

function storedColumns(): ColumnKey[] {
  try {
    const list = JSON.parse(localStorage.getItem(COLUMNS_KEY) ?? 'null');
    if (Array.isArray(list)) return list.filter((c): c is ColumnKey => (ALL_COLUMNS as readonly string[]).includes(c));
  } catch {
    /* default */
  }
  return DEFAULT_COLUMNS;
}

// Sortable headers answer Enter (the component library) and Space (here), like buttons.
function spaceSorts(e: KeyboardEvent<HTMLElement>) {
  if (e.key === ' ') {
    e.preventDefault();
    e.currentTarget.click();
  }
}

export default function RegistryPage() {
  const { t, lang } = useI18n();
  const { user } = useSession();
  const [params, setParams] = useSearchParams();
  const filters = readFilters(params);
  const provinces = useProvinces();
  const provinceLabel = useProvinceNames(lang);
  const [text, setText] = useState(filters.q);
  const q = useDebounced(text, 250);
  const [columns, setColumns] = useState<ColumnKey[]>(storedColumns);
  // The communes of the province filtered on (a province account's own without one): today's, as the
  // API's commune filter reads them. A commune in the address is kept even before they load.
  const communeProvince = filters.province || user?.province_code || '';
  const communes = useApi(
    (signal) => (communeProvince ? listCommuneUnits(communeProvince, signal).catch(() => ({ items: [] })) : Promise.resolve({ items: [] })),
    [communeProvince],
  );
  const communeOptions = useMemo(
    () =>
      (communes.data?.items ?? [])
        .map((u) => ({ value: u.code, label: String((lang === 'en' ? u.full_name_en : u.full_name) || u.name) }))
        .sort((a, b) => a.label.localeCompare(b.label, 'vi')),
    [communes.data, lang],
  );
  // On a phone (≤ 480 px) the filters wait in a drawer and the results are cards.
  const phone = usePhone();
  const [drawer, setDrawer] = useState(false);
  const [drawerUsed, setDrawerUsed] = useState(false);

  const update = (patch: Partial<RegistryFilters>, resetPage = true) => {
    const next = { ...filters, ...patch, ...(resetPage && !('page' in patch) ? { page: 1 } : {}) };
    setParams(writeFilters(next), { replace: true });
  };
  useEffect(() => {
    if (q !== filters.q) update({ q });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [q]);
  useEffect(() => {
    if (filters.q !== text && filters.q !== q) setText(filters.q);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [filters.q]);

  // Officials (the roles that edit the registry) may filter by attributes that are not public.
  const official = canEditRegistry(user?.role);
  const query = apiFilters(filters, official);
  const sort = effectiveSort(filters);
  const key = JSON.stringify([query, filters.page, filters.size]);
  const list = useApi(
    (signal) => listEntities({ ...query, offset: (filters.page - 1) * filters.size, limit: filters.size }, signal),
    [key],
  );

  const chooseColumns = (next: ColumnKey[]) => {
    setColumns(next);
    try {
      localStorage.setItem(COLUMNS_KEY, JSON.stringify(next));
    } catch {
      /* not remembered */
    }
  };

  const yesNo = (v: boolean | undefined) => (v === undefined ? '—' : v ? t('common.yes') : t('common.no'));
  const label = (c: ColumnKey): string =>
    c === 'province' ? t('field.province_code') : t(`field.${c}` as MessageKey);

  // Only the orders the API has are offered (name and founding date); they sort the whole list
  // on the server, so a change goes back to the first page.
  const sortable = (column: SortColumn) => ({
    sorter: true,
    sortOrder: columnOrder(sort, column),
    sortDirections: ['ascend', 'descend', null] as SortDirection[],
    onHeaderCell: () => ({ onKeyDown: spaceSorts }),
  });
  const onTableChange: TableProps<Entity>['onChange'] = (_pagination, _filters, sorter, extra) => {
    if (extra.action !== 'sort') return;
    const s = (Array.isArray(sorter) ? sorter[0] : sorter) as SorterResult<Entity> | undefined;
    const column = s?.columnKey === 'founded_on' ? 'founded_on' : 'name';
    update({ sort: sortFor(column, s?.order ?? null) });
  };

  const tableColumns = useMemo((): ColumnsType<Entity> => {
    const defs: Record<ColumnKey, ColumnsType<Entity>[number]> = {
      registration_code: { dataIndex: 'registration_code' },
      kind: { dataIndex: 'kind', render: (k: Entity['kind']) => t(`kind.${k}`) },
      province: { dataIndex: 'current_province_code', render: (code: string) => provinceLabel(code) },
      status: { dataIndex: 'status', render: (s: Entity['status']) => <StatusTag status={s} /> },
      sector: { dataIndex: 'sector', render: (s: Entity['sector']) => (s ? t(`sector.${s}`) : '—') },
      founded_on: {
        dataIndex: 'founded_on',
        className: 'nowrap',
        render: (d: string | null) => formatDate(d, lang),
        ...sortable('founded_on'),
      },
      women_managed: { dataIndex: 'women_managed', render: yesNo },
      youth: { dataIndex: 'youth', render: yesNo },
      chair_name: { dataIndex: 'chair_name' },
      tax_code: { dataIndex: 'tax_code' },
      commune_code: { dataIndex: 'commune_code' },
      address: { dataIndex: 'address' },
      phone: { dataIndex: 'phone' },
      email: { dataIndex: 'email' },
    };
    return [
      {
        key: 'name',
        title: t('field.name'),
        dataIndex: 'name',
        fixed: 'left',
        render: (name: string, e: Entity) => <Link to={`/registry/${e.id}`}>{name}</Link>,
        ...sortable('name'),
      },
      ...columns.map((c) => ({ key: c, title: label(c), ...defs[c] })),
    ];
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [columns, lang, provinceLabel, sort]);

  const yesNoOptions = [
    { value: '', label: t('common.any') },
    { value: 'true', label: t('common.yes') },
    { value: 'false', label: t('common.no') },
  ];
  const total = list.data?.total ?? 0;
  const active = activeFilterCount(filters, official);
  const items = list.data?.items ?? [];

  const filterFields = (
    <>
    <div className="filter-field" style={{ flex: '1 1 160px' }}>
      <label htmlFor="f-kind">{t('field.kind')}</label>
      <Select
        id="f-kind"
        value={filters.kind}
        onChange={(v) => update({ kind: v })}
        options={[{ value: '', label: t('common.all') }, ...KINDS.map((k) => ({ value: k, label: t(`kind.${k}`) }))]}
      />
    </div>
    <div className="filter-field" style={{ flex: '1 1 180px' }}>
      <label htmlFor="f-province">{t('field.province_code')}</label>
      <Select
        id="f-province"
        showSearch={searchable}
        value={filters.province}
        onChange={(v) => update({ province: v, commune: '' })}
        options={[
          { value: '', label: t('registry.allProvinces') },
          ...provinces.map((p) => ({ value: p.code, label: provinceName(p, lang) })),
        ]}
      />
    </div>
    {(communeProvince || filters.commune) && (
      <div className="filter-field" style={{ flex: '1 1 180px' }}>
        <label htmlFor="f-commune">{t('registry.commune')}</label>
        <Select
          id="f-commune"
          showSearch={searchable}
          value={filters.commune}
          onChange={(v) => update({ commune: v ?? '' })}
          data-testid="registry-commune"
          options={[
            { value: '', label: t('registry.allCommunes') },
            ...communeOptions,
            ...(filters.commune && !communeOptions.some((o) => o.value === filters.commune) ? [{ value: filters.commune, label: filters.commune }] : []),
          ]}
        />
      </div>
    )}
    <div className="filter-field" style={{ flex: '1 1 160px' }}>
      <label htmlFor="f-status">{t('field.status')}</label>
      <Select
        id="f-status"
        value={filters.status}
        onChange={(v) => update({ status: v })}
        options={[{ value: '', label: t('common.all') }, ...STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))]}
      />
    </div>
    <div className="filter-field" style={{ flex: '1 1 180px' }}>
      <label htmlFor="f-sector">{t('field.sector')}</label>
      <Select
        id="f-sector"
        value={filters.sector}
        onChange={(v) => update({ sector: v })}
        options={[{ value: '', label: t('common.all') }, ...SECTORS.map((s) => ({ value: s, label: t(`sector.${s}`) }))]}
      />
    </div>
    {official && (
      <>
        <div className="filter-field" style={{ flex: '0 1 130px' }}>
          <label htmlFor="f-women">{t('registry.womenManaged')}</label>
          <Select id="f-women" value={filters.women_managed} onChange={(v) => update({ women_managed: v })} options={yesNoOptions} />
        </div>
        <div className="filter-field" style={{ flex: '0 1 120px' }}>
          <label htmlFor="f-youth">{t('registry.youth')}</label>
          <Select id="f-youth" value={filters.youth} onChange={(v) => update({ youth: v })} options={yesNoOptions} />
        </div>
      </>
    )}
    <div className="filter-field" style={{ flex: '0 1 150px' }}>
      <label htmlFor="f-asof">{t('registry.asOf')}</label>
      <DatePicker
        id="f-asof"
        format={datePattern(lang)}
        placeholder={t('registry.asOfPlaceholder')}
        style={{ width: '100%' }}
        value={filters.as_of ? dayjs(filters.as_of) : null}
        onChange={(d) => update({ as_of: d ? d.format('YYYY-MM-DD') : '' })}
      />
    </div>
    {(filters.founded_from || filters.founded_to) && (
      <div className="filter-field" style={{ flex: '0 1 auto' }}>
        <span className="muted" style={{ fontSize: 12 }} data-testid="registry-founded">
          {t('registry.foundedRange', { from: formatDate(filters.founded_from || null, lang), to: formatDate(filters.founded_to || null, lang) })}
        </span>
        <Button size="small" onClick={() => update({ founded_from: '', founded_to: '' })}>
          {t('registry.foundedRangeClear')}
        </Button>
      </div>
    )}
    </>
  );
  const clearButton =
    hasFilters(filters) && (
      <Button
        onClick={() => {
          setText('');
          setParams(writeFilters({ ...readFilters(new URLSearchParams()), sort: filters.sort, size: filters.size }), { replace: true });
        }}
      >
        {t('registry.clear')}
      </Button>
    );
  // On a phone there are no column headers to sort by: the order is chosen in the drawer.
  const sortOptions = SORTS.filter((o) => o !== 'relevance' || filters.q.trim()).map((o) => ({
    value: o,
    label: t(`registry.sort.${o}` as MessageKey),
  }));

  return (
    <>
      <h1 className="page-title">{t('registry.title')}</h1>
      <section aria-label={t('common.filters')}>
        <div className={phone ? 'toolbar registry-phone-filters' : 'toolbar'}>
          <div className="filter-field" style={{ flex: '2 1 260px' }}>
            <label htmlFor="registry-q">{t('registry.search')}</label>
            <Input
              id="registry-q"
              type="search"
              allowClear
              value={text}
              placeholder={t('registry.searchHelp')}
              onChange={(e) => setText(e.target.value)}
              aria-describedby="registry-count"
              data-testid="registry-search"
            />
          </div>
          {phone ? (
            <Badge count={active} size="small" offset={[-4, 2]}>
              <Button
                icon={<FilterOutlined aria-hidden="true" />}
                aria-haspopup="dialog"
                aria-expanded={drawer}
                onClick={() => {
                  setDrawerUsed(true);
                  setDrawer(true);
                }}
                data-testid="registry-filters-open"
              >
                {t('common.filters')}
                {active > 0 && <span className="sr-only">{` (${t('registry.filtersActive', { count: active })})`}</span>}
              </Button>
            </Badge>
          ) : (
            <>
              {filterFields}
              {clearButton}
            </>
          )}
        </div>
      </section>
      {phone && drawerUsed && (
        <Suspense fallback={null}>
          <Drawer
            open={drawer}
            onClose={() => setDrawer(false)}
            placement="bottom"
            size="85%"
            title={t('common.filters')}
            rootClassName="registry-filter-drawer"
            footer={
              <div className="registry-filter-drawer-footer">
                {clearButton}
                <Button type="primary" onClick={() => setDrawer(false)} data-testid="registry-filters-done">
                  {list.data ? t('registry.filtersShow', { count: total }) : t('app.loading')}
                </Button>
              </div>
            }
          >
            <div className="filter-stack" data-testid="registry-filters">
              {filterFields}
              <div className="filter-field">
                <label htmlFor="f-sort">{t('registry.sortLabel')}</label>
                <Select id="f-sort" value={sort} onChange={(v) => update({ sort: v })} options={sortOptions} />
              </div>
            </div>
          </Drawer>
        </Suspense>
      )}
      <div className="toolbar" style={{ justifyContent: 'space-between', alignItems: 'center' }}>
        <span>
          <span id="registry-count" role="status" aria-live="polite" data-testid="registry-count">
            {list.data ? t('registry.count', { count: total }) : t('app.loading')}
          </span>
          <span className="muted" data-testid="registry-sort">
            {' · '}
            {t('registry.sortedBy', { order: t(`registry.sort.${sort}` as MessageKey) })}
          </span>
        </span>
        <Space wrap>
          {!phone && (
            <Popover
              trigger="click"
              title={t('registry.columns')}
              content={
                <Checkbox.Group
                  style={{ display: 'flex', flexDirection: 'column', gap: 4 }}
                  value={columns}
                  onChange={(v) => chooseColumns(ALL_COLUMNS.filter((c) => (v as string[]).includes(c)))}
                  options={ALL_COLUMNS.map((c) => ({ value: c, label: label(c) }))}
                />
              }
            >
              <Button>{t('registry.columns')}</Button>
            </Popover>
          )}
          <Tooltip title={t('registry.exportHelp', { count: total })}>
            <Button href={exportUrl('csv', query, lang)} download>
              {t('registry.exportCsv')}
            </Button>
          </Tooltip>
          <Tooltip title={t('registry.exportHelp', { count: total })}>
            <Button href={exportUrl('xlsx', query, lang)} download>
              {t('registry.exportXlsx')}
            </Button>
          </Tooltip>
          {canEditRegistry(user?.role) && (
            <Link to="/registry/new">
              <Button type="primary">{t('registry.add')}</Button>
            </Link>
          )}
        </Space>
      </div>
      {list.error && (
        <Alert
          type="error"
          title={t('app.loadFailed', { what: t('registry.listWhat') })}
          description={list.error.message}
          action={
            <Button size="small" onClick={list.reload}>
              {t('common.retry')}
            </Button>
          }
          showIcon
          role="alert"
          style={{ marginBottom: 12 }}
        />
      )}
      {phone ? (
        <>
          <Spin spinning={list.loading}>
            {items.length > 0 ? (
              <ul className="entity-cards" aria-label={t('registry.results')} data-testid="registry-cards">
                {items.map((e) => (
                  <li key={e.id}>
                    <Link to={`/registry/${e.id}`} className="entity-card" data-testid="registry-card">
                      <span className="entity-card-name">{e.name}</span>
                      {e.registration_code && <span className="entity-card-code">{e.registration_code}</span>}
                      <span className="entity-card-tags">
                        <Tag>{t(`kind.${e.kind}`)}</Tag>
                        <StatusTag status={e.status} />
                      </span>
                      <span className="entity-card-meta">
                        <span>{provinceLabel(e.current_province_code)}</span>
                        {e.founded_on && <span>{t('registry.cardFounded', { date: formatDate(e.founded_on, lang) })}</span>}
                      </span>
                    </Link>
                  </li>
                ))}
              </ul>
            ) : (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={list.data ? t('registry.none') : t('app.loading')} />
            )}
          </Spin>
          {(total > filters.size || filters.page > 1) && (
            <Pagination
              className="entity-cards-pages"
              size="small"
              showLessItems
              current={filters.page}
              pageSize={filters.size}
              total={total}
              showSizeChanger={false}
              onChange={(page) => update({ page }, false)}
            />
          )}
        </>
      ) : (
        <Table<Entity>
          rowKey="id"
          size="middle"
          loading={list.loading}
          dataSource={list.data?.items ?? []}
          columns={tableColumns}
          onChange={onTableChange}
          scroll={{ x: 'max-content' }}
          showSorterTooltip={{ title: t('registry.sortNote') }}
          pagination={{
            current: filters.page,
            pageSize: filters.size,
            total,
            pageSizeOptions: PAGE_SIZES,
            showSizeChanger: true,
            showTotal: (all, [from, to]) => t('registry.pageOf', { from, to, total: all }),
            onChange: (page, size) => update({ page: size !== filters.size ? 1 : page, size }, false),
          }}
        />
      )}
    </>
  );
}
