// "Sản phẩm chờ duyệt": the products of the reviewer's scope awaiting review (the server's scope: a
// province's officials their province, national officials all), oldest first, each with what a
// reviewer checks (cooperative, category, price, OCOP rating, certifications) and the moves:
// approve, or reject with a note the cooperative is told.
import { Alert, Button, Result } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { useSession } from '../account/session';
import { Panel } from '../components/Panel';
import { formatNumber } from '../i18n/format';
import { useApi } from '../lib/useApi';
import { approveProduct, listProducts } from './api';
import { reviewsProducts } from './logic';
import { OcopTag, Price, RejectDialog } from './parts';
import { useT, type Key } from './strings';
import type { Product } from './types';
import './products.css';

export default function ProductReviewPage() {
  const { t, lang } = useT();
  const { user } = useSession();
  const reviewer = reviewsProducts(user?.role);
  const list = useApi((signal) => (reviewer ? listProducts({ status: 'pending', limit: 100 }, signal) : Promise.resolve(null)), [reviewer]);
  const [rejecting, setRejecting] = useState<Product | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<number | null>(null);

  if (!reviewer) return <Result status="403" title="403" subTitle={t('prod.review.officialsOnly')} />;
  const items = [...(list.data?.items ?? [])].sort((a, b) => a.updated_at.localeCompare(b.updated_at));
  const approve = async (p: Product) => {
    setBusy(p.id);
    setError(null);
    try {
      const done = await approveProduct(p.id);
      setNotice(t('prod.approved', { name: done.name }));
      list.reload();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(null);
    }
  };

  return (
    <div className="prod-page" data-testid="product-review-page">
      <Link to="/products">← {t('prod.back')}</Link>
      <h1 className="page-title" style={{ margin: 0 }}>
        {t('prod.review.title')}
      </h1>
      <p className="muted" style={{ margin: 0 }}>
        {t('prod.review.intro')}
      </p>
      {notice && <Alert type="success" showIcon closable onClose={() => setNotice(null)} title={notice} data-testid="product-review-notice" />}
      {error && <Alert type="error" showIcon title={error} data-testid="product-review-error" />}
      {list.error && <Alert type="error" showIcon title={list.error.message} />}
      <Panel testId="product-review-list" title={list.data ? t('prod.count', { count: formatNumber(list.data.total, lang) }) : undefined}>
        {items.length === 0 ? (
          <p className="muted" data-testid="product-review-empty">
            {list.loading ? t('app.loading') : t('prod.review.none')}
          </p>
        ) : (
          <ul className="prod-cards">
            {items.map((p) => (
              <li key={p.id} className="prod-card" data-testid={`product-review-${p.id}`}>
                <Link to={`/products/${p.id}`} style={{ fontWeight: 600 }}>
                  {p.name}
                </Link>
                <span className="muted" style={{ fontSize: 13 }}>
                  {p.entity_name} · {p.province_name} · {t(`prod.category.${p.category}` as Key)}
                </span>
                <span className="prod-tags">
                  <OcopTag ocop={p.ocop} />
                  {p.certifications.map((c) => (
                    <span key={c} className="muted" style={{ fontSize: 13 }}>
                      {t(`prod.cert.${c}` as Key)}
                    </span>
                  ))}
                </span>
                <Price product={p} />
                <div className="prod-actions" style={{ marginTop: 4 }}>
                  <Button type="primary" size="small" loading={busy === p.id} onClick={() => void approve(p)} data-testid={`product-approve-${p.id}`}>
                    {t('prod.approve')}
                  </Button>
                  <Button danger size="small" onClick={() => setRejecting(p)} data-testid={`product-reject-${p.id}`}>
                    {t('prod.reject')}
                  </Button>
                </div>
              </li>
            ))}
          </ul>
        )}
      </Panel>
      {rejecting && (
        <RejectDialog
          product={rejecting}
          onClose={() => setRejecting(null)}
          onDone={(p) => {
            setRejecting(null);
            setNotice(t('prod.rejected', { name: p.name }));
            list.reload();
          }}
        />
      )}
    </div>
  );
}
