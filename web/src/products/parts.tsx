// Pieces the products pages share: the status and OCOP tags (a word, never the colour alone),
// the price range, the dialog to reject with a note, and the fairs' picker.
import { Alert, Input, Modal, Select, Tag, type ButtonProps } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { ApiError } from '../api/client';
import { formatMoney } from '../i18n/format';
import { getActivityTitle, rejectProduct, searchActivities } from './api';
import { priceRange } from './logic';
import { useT, type Key } from './strings';
import type { Product, ProductStatus } from './types';
import './products.css';

const STATUS_COLOURS: Record<ProductStatus, string> = { pending: 'gold', approved: 'green', rejected: 'red', withdrawn: 'default' };

export function StatusTag({ status }: { status: ProductStatus }) {
  const { t } = useT();
  return (
    <Tag color={STATUS_COLOURS[status]} className="prod-tag" data-testid="product-status">
      {t(`prod.status.${status}` as Key)}
    </Tag>
  );
}

export function OcopTag({ ocop }: { ocop: Product['ocop'] }) {
  const { t } = useT();
  if (!ocop) return null;
  return (
    <Tag color={ocop.expired ? 'default' : 'orange'} className="prod-tag" data-testid="product-ocop">
      {ocop.expired ? t('prod.ocopExpired', { stars: String(ocop.stars) }) : `OCOP ${'★'.repeat(ocop.stars)} · ${t('prod.stars', { stars: String(ocop.stars) })}`}
    </Tag>
  );
}

export function Price({ product }: { product: Pick<Product, 'price_min' | 'price_max' | 'unit'> }) {
  const { t, lang } = useT();
  const text = priceRange(product.price_min, product.price_max, (n) => formatMoney(n, lang), { from: t('prod.priceFrom'), upTo: t('prod.priceUpTo') });
  if (!text) return <>—</>;
  return (
    <span className="prod-price" data-testid="product-price">
      {text}
      {product.unit ? ` / ${product.unit}` : ''}
    </span>
  );
}

/** Rejecting a product, with the reason the cooperative is told (required). */
export function RejectDialog({ product, onDone, onClose }: { product: Product; onDone: (p: Product) => void; onClose: () => void }) {
  const { t } = useT();
  const [note, setNote] = useState('');
  const [noteError, setNoteError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const ok = async () => {
    setNoteError(null);
    setError(null);
    if (!note.trim()) return setNoteError(t('prod.rejectNoteRequired'));
    setBusy(true);
    try {
      onDone(await rejectProduct(product.id, note.trim()));
    } catch (e) {
      const fields = e instanceof ApiError ? e.fields.filter((f) => f.field === 'note') : [];
      if (fields.length) setNoteError(fields.map((f) => f.message).join(' '));
      else setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open
      title={t('prod.rejectTitle')}
      okText={t('prod.reject').replace('…', '')}
      okButtonProps={{ danger: true, 'data-testid': 'reject-confirm' } as ButtonProps}
      cancelText={t('common.cancel')}
      onOk={() => void ok()}
      onCancel={onClose}
      confirmLoading={busy}
    >
      <div className="prod-dialog" data-testid="reject-dialog">
        <p style={{ margin: 0, fontWeight: 500 }}>
          {product.name} — {product.entity_name}
        </p>
        <div className="filter-field">
          <label htmlFor="reject-note">{t('prod.rejectNote')}</label>
          <Input.TextArea
            id="reject-note"
            autoSize={{ minRows: 3, maxRows: 10 }}
            maxLength={2000}
            value={note}
            onChange={(e) => setNote(e.target.value)}
            status={noteError ? 'error' : undefined}
            aria-invalid={noteError ? true : undefined}
            aria-describedby={noteError ? 'reject-note-error' : undefined}
            data-testid="reject-note"
          />
          {noteError && (
            <div id="reject-note-error" className="prod-field-error" role="alert">
              {noteError}
            </div>
          )}
        </div>
        {error && <Alert type="error" showIcon title={error} data-testid="reject-error" />}
      </div>
    </Modal>
  );
}

/** The activities (fairs, exhibitions) a product was shown at, found by title. */
export function FairPicker({ id, value, onChange }: { id?: string; value?: number[]; onChange?: (v: number[]) => void }) {
  const { t } = useT();
  const [known, setKnown] = useState<{ id: number; title: string; from: string }[]>([]);
  const [found, setFound] = useState<{ id: number; title: string; from: string }[]>([]);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const ids = value ?? [];
  useEffect(() => {
    const missing = ids.filter((i) => !known.some((k) => k.id === i) && !found.some((k) => k.id === i));
    if (!missing.length) return;
    const controller = new AbortController();
    Promise.all(missing.map((i) => getActivityTitle(i, controller.signal).catch(() => null)))
      .then((list) => setKnown((k) => [...k, ...list.filter((a): a is { id: number; title: string; from: string } => !!a)]))
      .catch(() => undefined);
    return () => controller.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [ids.join(',')]);
  useEffect(() => () => clearTimeout(timer.current), []);
  const search = (text: string) => {
    clearTimeout(timer.current);
    if (text.trim().length < 2) return;
    timer.current = setTimeout(() => {
      searchActivities(text.trim())
        .then((r) => setFound(r.items))
        .catch(() => undefined);
    }, 250);
  };
  const all = [...known, ...found.filter((f) => !known.some((k) => k.id === f.id))];
  return (
    <Select<number[]>
      id={id}
      mode="multiple"
      allowClear
      showSearch={{ filterOption: false, onSearch: search }}
      value={ids}
      onChange={(v) => {
        setKnown((k) => [...k, ...found.filter((f) => v.includes(f.id) && !k.some((x) => x.id === f.id))]);
        onChange?.(v);
      }}
      placeholder={t('prod.fairsSearch')}
      options={all.map((a) => ({ value: a.id, label: a.title }))}
      data-testid="product-fairs"
      style={{ width: '100%' }}
    />
  );
}
