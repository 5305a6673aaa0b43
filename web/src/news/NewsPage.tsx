// "Tin tức": the articles the user may read (all of them for national officials, their province's
// and the national ones for a province's), filtered by status, category, province (national
// officials), language and text, page by page; on a phone, cards. The button to write an article,
// and for reviewers the link to the articles awaiting review.
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
import { listArticles } from './api';
import { isNational, newsFiltersFrom, newsQuery, noNewsFilters, publishesNews, vnDateTime, writesNews, type NewsFilters } from './logic';
import { StatusTag, useCategories, useCategoryName } from './parts';
import { useT, type Key } from './strings';
import { ARTICLE_STATUSES, type Article } from './types';

const PAGE = 20;

export default function NewsPage() {
  const { t, lang } = useT();
  const { user } = useSession();
  const phone = usePhone();
  const [params] = useSearchParams();
  const provinces = useProvinces();
  const categories = useCategories();
  const categoryName = useCategoryName();
  const national = isNational(user?.role);
  const [filters, setFilters] = useState<NewsFilters>(() => newsFiltersFrom(params));
  const [offset, setOffset] = useState(0);
  const q = useDebounced(filters.q, 300);
  const query = useMemo(() => newsQuery({ ...filters, q }), [filters, q]);
  const list = useApi(
    (signal) => (writesNews(user?.role) ? listArticles({ ...query, limit: PAGE, page: Math.floor(offset / PAGE) + 1 }, signal) : Promise.resolve(null)),
    [JSON.stringify(query), offset, user?.role],
  );

  if (!writesNews(user?.role)) return <Result status="403" title="403" subTitle={t('news.forbidden')} />;
  const set = (change: Partial<NewsFilters>) => {
    setFilters((f) => ({ ...f, ...change }));
    setOffset(0);
  };
  const items = list.data?.items ?? [];
  const total = list.data?.total ?? 0;
  const active = [filters.status, filters.category, filters.province, filters.lang, filters.q.trim()].filter(Boolean).length;
  const any = { value: '', label: t('news.any') };
  const toolbar = (
    <div className="toolbar" style={{ marginBottom: 0 }}>
      <div className="filter-field" style={{ flex: '2 1 220px' }}>
        <label htmlFor="news-q">{t('common.search')}</label>
        <Input id="news-q" allowClear value={filters.q} placeholder={t('news.search')} onChange={(e) => set({ q: e.target.value })} data-testid="news-search" />
      </div>
      <div className="filter-field" style={{ flex: '1 1 150px' }}>
        <label htmlFor="news-status">{t('news.status')}</label>
        <Select
          id="news-status"
          value={filters.status}
          onChange={(status) => set({ status })}
          options={[any, ...ARTICLE_STATUSES.map((s) => ({ value: s, label: t(`news.status.${s}` as Key) }))]}
          data-testid="news-status"
        />
      </div>
      <div className="filter-field" style={{ flex: '2 1 180px' }}>
        <label htmlFor="news-category">{t('news.category')}</label>
        <Select
          id="news-category"
          value={filters.category}
          onChange={(category) => set({ category })}
          showSearch={searchable}
          options={[any, ...categories.map((c) => ({ value: c.code, label: categoryName(c.code) }))]}
          data-testid="news-category"
        />
      </div>
      {national && (
        <div className="filter-field" style={{ flex: '1 1 160px' }}>
          <label htmlFor="news-province">{t('news.province')}</label>
          <Select
            id="news-province"
            value={filters.province}
            onChange={(province) => set({ province })}
            showSearch={searchable}
            options={[any, ...provinces.map((p) => ({ value: p.code, label: provinceName(p, lang) }))]}
            data-testid="news-province"
          />
        </div>
      )}
      <div className="filter-field" style={{ flex: '1 1 130px' }}>
        <label htmlFor="news-lang">{t('news.lang')}</label>
        <Select
          id="news-lang"
          value={filters.lang}
          onChange={(l) => set({ lang: l })}
          options={[any, { value: 'vi', label: t('news.lang.vi') }, { value: 'en', label: t('news.lang.en') }]}
        />
      </div>
      <Button onClick={() => set(noNewsFilters())} style={{ alignSelf: 'flex-end' }}>
        {t('news.clear')}
      </Button>
    </div>
  );
  const place = (a: Article) => a.province_name ?? (a.province ? a.province : t('news.national'));
  const when = (a: Article) => (a.published_at ? vnDateTime(a.published_at, lang) : vnDateTime(a.updated_at, lang));

  return (
    <div className="news-page" data-testid="news-page">
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, justifyContent: 'space-between', alignItems: 'center' }}>
        <h1 className="page-title" style={{ margin: 0 }}>
          {t('news.title')}
        </h1>
        <Space wrap>
          <Link to="/news/new">
            <Button type="primary" data-testid="news-add">
              {t('news.add')}
            </Button>
          </Link>
          {publishesNews(user?.role) && (
            <Link to="/news/review">
              <Button data-testid="news-review-link">{t('news.reviewQueue')}</Button>
            </Link>
          )}
          <Link to="/products">
            <Button data-testid="news-products-link">{t('nav.products')}</Button>
          </Link>
        </Space>
      </div>
      {phone ? (
        <details className="news-filters" data-testid="news-filters">
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
      <Panel testId="news-list">
        {phone ? (
          <>
            {items.length === 0 ? (
              <p className="muted">{list.loading ? t('app.loading') : t('news.none')}</p>
            ) : (
              <ul className="news-cards">
                {items.map((a) => (
                  <li key={a.id} className="news-card" data-testid={`article-${a.id}`}>
                    <Link to={`/news/${a.id}`} style={{ fontWeight: 600 }}>
                      {a.title}
                    </Link>
                    <StatusTag article={a} />
                    <span className="muted" style={{ fontSize: 13 }}>
                      {categoryName(a.category)} · {place(a)} · {when(a)}
                    </span>
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
                  {Math.floor(offset / PAGE) + 1}/{Math.ceil(total / PAGE)} · {t('news.count', { count: formatNumber(total, lang) })}
                </span>
                <Button disabled={offset + PAGE >= total} onClick={() => setOffset(offset + PAGE)} aria-label={t('common.next')}>
                  ›
                </Button>
              </Space>
            )}
          </>
        ) : (
          <div className="table-scroll">
            <Table<Article>
              rowKey="id"
              size="small"
              loading={list.loading}
              dataSource={items}
              locale={{ emptyText: t('news.none') }}
              scroll={{ x: 'max-content' }}
              onRow={(a) => ({ 'data-testid': `article-${a.id}` }) as React.HTMLAttributes<HTMLElement>}
              pagination={{
                current: Math.floor(offset / PAGE) + 1,
                pageSize: PAGE,
                total,
                showSizeChanger: false,
                onChange: (page) => setOffset((page - 1) * PAGE),
                showTotal: (n) => t('news.count', { count: formatNumber(n, lang) }),
              }}
              columns={[
                {
                  key: 'title',
                  title: t('news.headline'),
                  render: (_, a) => (
                    <div className="news-title-cell">
                      <Link to={`/news/${a.id}`} style={{ fontWeight: 600 }}>
                        {a.title}
                      </Link>
                      {a.lang === 'en' && <span className="muted"> · EN</span>}
                      <div className="muted" style={{ fontSize: 12 }}>
                        {a.author}
                      </div>
                    </div>
                  ),
                },
                { key: 'category', title: t('news.category'), render: (_, a) => categoryName(a.category) },
                { key: 'province', title: t('news.province'), render: (_, a) => place(a) },
                { key: 'status', title: t('news.status'), render: (_, a) => <StatusTag article={a} /> },
                { key: 'when', title: t('news.publishedAt'), render: (_, a) => <span style={{ whiteSpace: 'nowrap' }}>{a.published_at ? vnDateTime(a.published_at, lang) : '—'}</span> },
                {
                  key: 'views',
                  title: t('news.viewsLabel'),
                  align: 'right' as const,
                  render: (_, a) => (a.status === 'published' ? formatNumber(a.views, lang) : '—'),
                },
              ]}
            />
          </div>
        )}
      </Panel>
    </div>
  );
}
