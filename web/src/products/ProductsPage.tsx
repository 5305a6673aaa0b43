// "Sản phẩm": a cooperative's own products, or the products of the officials' scope, filtered by
// name (without diacritics, on the server), category, status, province (national officials) and
// OCOP stars, page by page; on a phone, cards. Officials have the link to the review queue.
import { Alert, Button, Input, Result, Select, Space, Table } from 'antd';
import { useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useSession } from '../account/session';
import { Panel } from '../components/Panel';
import { provinceName, useProvinces } from '../geo/units';
import { formatNumber } from '../i18n/format';
import { searchable } from '../lib/fold';
import { usePhone } from '../lib/media';
import { useApi, useDebounced } from '../lib/useApi';
import { listProducts } from './api';
import { isNational, managesProducts, noProductFilters, productFiltersFrom, productQuery, reviewsProducts, type ProductFilters } from './logic';
import { OcopTag, Price, StatusTag } from './parts';
import { useT, type Key } from './strings';
import { PRODUCT_CATEGORIES, PRODUCT_STATUSES, type Product } from './types';
import './products.css';

const PAGE = 20;

export default function ProductsPage() {
  const { t, lang } = useT();
  const { user } = useSession();
  const phone = usePhone();
  const [params] = useSearchParams();
  const provinces = useProvinces();
  const national = isNational(user?.role);
  const cooperative = user?.role === 'cooperative';
  const [filters, setFilters] = useState<ProductFilters>(() => productFiltersFrom(params));
  const [offset, setOffset] = useState(0);
  const q = useDebounced(filters.q, 300);
  const query = useMemo(() => productQuery({ ...filters, q }), [filters, q]);
  const list = useApi(
    (signal) => (managesProducts(user?.role) ? listProducts({ ...query, limit: PAGE, page: Math.floor(offset / PAGE) + 1 }, signal) : Promise.resolve(null)),
    [JSON.stringify(query), offset, user?.role],
  );

  if (!managesProducts(user?.role)) return <Result status="403" title="403" subTitle={t('prod.forbidden')} />;
  const set = (change: Partial<ProductFilters>) => {
    setFilters((f) => ({ ...f, ...change }));
    setOffset(0);
  };
  const items = list.data?.items ?? [];
  const total = list.data?.total ?? 0;
  const active = Object.values(filters).filter((v) => v.trim()).length;
  const any = { value: '', label: t('prod.any') };
  const toolbar = (
    <div className="toolbar" style={{ marginBottom: 0 }}>
      <div className="filter-field" style={{ flex: '2 1 220px' }}>
        <label htmlFor="prod-q">{t('common.search')}</label>
        <Input id="prod-q" allowClear value={filters.q} placeholder={t('prod.search')} onChange={(e) => set({ q: e.target.value })} data-testid="product-search" />
      </div>
      <div className="filter-field" style={{ flex: '2 1 180px' }}>
        <label htmlFor="prod-category">{t('prod.category')}</label>
        <Select
          id="prod-category"
          value={filters.category}
          onChange={(category) => set({ category })}
          options={[any, ...PRODUCT_CATEGORIES.map((c) => ({ value: c, label: t(`prod.category.${c}` as Key) }))]}
        />
      </div>
      <div className="filter-field" style={{ flex: '1 1 150px' }}>
        <label htmlFor="prod-status">{t('prod.status')}</label>
        <Select
          id="prod-status"
          value={filters.status}
          onChange={(status) => set({ status })}
          options={[any, ...PRODUCT_STATUSES.map((s) => ({ value: s, label: t(`prod.status.${s}` as Key) }))]}
          data-testid="product-status-filter"
        />
      </div>
      {national && (
        <div className="filter-field" style={{ flex: '1 1 160px' }}>
          <label htmlFor="prod-province">{t('prod.province')}</label>
          <Select
            id="prod-province"
            value={filters.province}
            onChange={(province) => set({ province })}
            showSearch={searchable}
            options={[any, ...provinces.map((p) => ({ value: p.code, label: provinceName(p, lang) }))]}
          />
        </div>
      )}
      <div className="filter-field" style={{ flex: '1 1 140px' }}>
        <label htmlFor="prod-ocop">{t('prod.ocopMin')}</label>
        <Select
          id="prod-ocop"
          value={filters.ocop_min}
          onChange={(ocop_min) => set({ ocop_min })}
          options={[any, ...[1, 2, 3, 4, 5].map((n) => ({ value: String(n), label: t('prod.ocopAtLeast', { stars: String(n) }) }))]}
        />
      </div>
      <Button onClick={() => set(noProductFilters())} style={{ alignSelf: 'flex-end' }}>
        {t('prod.clear')}
      </Button>
    </div>
  );

  return (
    <div className="prod-page" data-testid="products-page">
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, justifyContent: 'space-between', alignItems: 'center' }}>
        <h1 className="page-title" style={{ margin: 0 }}>
          {cooperative ? t('prod.titleOwn') : t('prod.title')}
        </h1>
        <Space wrap>
          <Link to="/products/new">
            <Button type="primary" data-testid="product-add">
              {t('prod.add')}
            </Button>
          </Link>
          {reviewsProducts(user?.role) && (
            <Link to="/products/review">
              <Button data-testid="product-review-link">{t('prod.reviewQueue')}</Button>
            </Link>
          )}
        </Space>
      </div>
      {phone ? (
        <details className="prod-filters" data-testid="product-filters">
          <summary>
            {t('common.filters')}
            {active > 0 ? ` (${active})` : ''}
          </summary>
          {toolbar}
        </details>
      ) : (
        toolbar
      )}
      {list.error && <Alert type="error" showIcon title={list.error.message} />}
      <Panel testId="product-list">
        {phone ? (
          <>
            {items.length === 0 ? (
              <p className="muted">{list.loading ? t('app.loading') : t('prod.none')}</p>
            ) : (
              <ul className="prod-cards">
                {items.map((p) => (
                  <li key={p.id} className="prod-card" data-testid={`product-${p.id}`}>
                    <Link to={`/products/${p.id}`} style={{ fontWeight: 600 }}>
                      {p.name}
                    </Link>
                    <span className="prod-tags">
                      <StatusTag status={p.status} />
                      <OcopTag ocop={p.ocop} />
                    </span>
                    <span className="muted" style={{ fontSize: 13 }}>
                      {t(`prod.category.${p.category}` as Key)} · {p.entity_name}
                    </span>
                    <Price product={p} />
                  </li>
                ))}
              </ul>
            )}
            {total > PAGE && (
              <Space wrap style={{ marginTop: 8 }}>
                <Button disabled={offset === 0} onClick={() => setOffset(offset - PAGE)} aria-label={t('common.back')}>
                  ‹
                </Button>
                <span>
                  {Math.floor(offset / PAGE) + 1}/{Math.ceil(total / PAGE)} · {t('prod.count', { count: formatNumber(total, lang) })}
                </span>
                <Button disabled={offset + PAGE >= total} onClick={() => setOffset(offset + PAGE)} aria-label={t('common.next')}>
                  ›
                </Button>
              </Space>
            )}
          </>
        ) : (
          <div className="table-scroll">
            <Table<Product>
              rowKey="id"
              size="small"
              loading={list.loading}
              dataSource={items}
              locale={{ emptyText: t('prod.none') }}
              scroll={{ x: 'max-content' }}
              onRow={(p) => ({ 'data-testid': `product-${p.id}` }) as React.HTMLAttributes<HTMLElement>}
              pagination={{
                current: Math.floor(offset / PAGE) + 1,
                pageSize: PAGE,
                total,
                showSizeChanger: false,
                onChange: (page) => setOffset((page - 1) * PAGE),
                showTotal: (n) => t('prod.count', { count: formatNumber(n, lang) }),
              }}
              columns={[
                {
                  key: 'name',
                  title: t('prod.name'),
                  render: (_, p) => (
                    <div className="prod-name-cell">
                      <Link to={`/products/${p.id}`} style={{ fontWeight: 600 }}>
                        {p.name}
                      </Link>
                      {!cooperative && (
                        <div className="muted" style={{ fontSize: 12 }}>
                          {p.entity_name}
                          {national && p.province_name ? ` · ${p.province_name}` : ''}
                        </div>
                      )}
                    </div>
                  ),
                },
                { key: 'category', title: t('prod.category'), render: (_, p) => t(`prod.category.${p.category}` as Key) },
                { key: 'price', title: t('prod.price'), render: (_, p) => <Price product={p} /> },
                { key: 'ocop', title: 'OCOP', render: (_, p) => <OcopTag ocop={p.ocop} /> },
                { key: 'status', title: t('prod.status'), render: (_, p) => <StatusTag status={p.status} /> },
              ]}
            />
          </div>
        )}
      </Panel>
    </div>
  );
}
