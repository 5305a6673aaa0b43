// A product (/products/new, /products/:id): the cooperative it belongs to (a cooperative account's
// own, not shown; the officials choose one of their scope), name, category, description, photos
// each with its text alternative, the unit and the price range in whole đồng, the OCOP rating
// (stars, certificate, year, expiry), other certifications, where to buy (online with a link, or
// a shop with its address) and the fairs it was shown at. Above the form, its status, the review's
// note, the public page once approved, and the moves: approve or reject (officials), withdraw.
// The checks the server makes are made here too, and the server's errors are shown on their fields.
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Checkbox, Form, Input, InputNumber, Popconfirm, Result, Select, Space } from 'antd';
import { useEffect, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useSession } from '../account/session';
import { DateInput, EntityPicker } from '../activities/parts';
import { ApiError } from '../api/client';
import { Panel } from '../components/Panel';
import { showFieldErrors } from '../components/formErrors';
import { MoneyInput } from '../fund/parts';
import { useApi } from '../lib/useApi';
import { ImageUpload } from '../media/ImageUpload';
import { approveProduct, createProduct, getProduct, updateProduct, withdrawProduct } from './api';
import { emptyProduct, formField, managesProducts, ocopProblems, priceProblem, productBody, productForm, reviewsProducts, validUrl, type ProductForm } from './logic';
import { FairPicker, OcopTag, RejectDialog, StatusTag } from './parts';
import { useT, type Key } from './strings';
import { CERTIFICATIONS, OCOP_FIRST_YEAR, PRODUCT_CATEGORIES, type Product } from './types';

const FIELDS = [
  'entity_id', 'name', 'category', 'description', 'photos', 'unit', 'price_min', 'price_max', 'ocop_stars', 'ocop_certificate', 'ocop_year',
  'ocop_expires_on', 'certifications', 'where_to_buy', 'fair_activity_ids',
];

export default function ProductFormPage({ thisYear = new Date().getFullYear() }: { thisYear?: number }) {
  const { id } = useParams();
  const editing = id !== undefined;
  const { t } = useT();
  const { user } = useSession();
  const navigate = useNavigate();
  const [form] = Form.useForm<ProductForm>();
  const cooperative = user?.role === 'cooperative';
  const reviewer = reviewsProducts(user?.role);
  const existing = useApi((signal) => (editing ? getProduct(id, signal) : Promise.resolve(null)), [id]);
  const [product, setProduct] = useState<Product | null>(null);
  const [saving, setSaving] = useState(false);
  const [general, setGeneral] = useState<string[]>([]);
  const [notice, setNotice] = useState<string | null>(null);
  const [rejecting, setRejecting] = useState(false);
  const hasOcop = Form.useWatch('has_ocop', form);
  useEffect(() => {
    if (existing.data) {
      setProduct(existing.data);
      form.setFieldsValue(productForm(existing.data));
    }
  }, [existing.data, form]);

  if (!managesProducts(user?.role)) return <Result status="403" title="403" subTitle={t('prod.forbidden')} />;
  if (editing && existing.error) {
    const missing = existing.error instanceof ApiError && existing.error.status === 404;
    return (
      <Result
        status={missing ? '404' : 'error'}
        title={missing ? '404' : t('common.error')}
        subTitle={missing ? t('prod.notFound') : existing.error.message}
        extra={<Link to="/products">{t('prod.back')}</Link>}
      />
    );
  }
  const writable = !product || product.status !== 'withdrawn';

  const showError = (e: unknown) => {
    if (e instanceof ApiError) {
      const moved = new ApiError(e.status, e.code, e.message, e.fields.map((f) => ({ ...f, field: formField(f.field) })));
      const rest = showFieldErrors(form, moved, (path) => FIELDS.includes(String(path[0])) && (!cooperative || path[0] !== 'entity_id'));
      setGeneral(rest.length ? rest : [t('common.fixErrors')]);
    } else setGeneral([(e as Error).message]);
  };

  const save = async () => {
    let values: ProductForm;
    try {
      values = await form.validateFields();
    } catch {
      setGeneral([t('common.fixErrors')]);
      return;
    }
    setSaving(true);
    setGeneral([]);
    setNotice(null);
    try {
      const body = productBody(values, { cooperative });
      const saved = product ? await updateProduct(product.id, body) : await createProduct(body);
      const backToReview = !!product && product.status === 'approved' && saved.status === 'pending';
      setProduct(saved);
      if (!product) navigate(`/products/${saved.id}`, { replace: true });
      else setNotice(backToReview ? t('prod.savedPending') : t('prod.saved'));
    } catch (e) {
      showError(e);
    } finally {
      setSaving(false);
    }
  };

  const approve = async () => {
    if (!product) return;
    setGeneral([]);
    try {
      const done = await approveProduct(product.id);
      setProduct(done);
      setNotice(t('prod.approved', { name: done.name }));
    } catch (e) {
      showError(e);
    }
  };
  const withdraw = async () => {
    if (!product) return;
    try {
      await withdrawProduct(product.id);
      navigate('/products', { replace: true });
    } catch (e) {
      showError(e);
    }
  };

  const required = [{ required: true, whitespace: true, message: t('common.required') }];
  const picked = [{ required: true, message: t('common.required') }];
  const ocopField = (name: 'ocop_stars' | 'ocop_year' | 'ocop_expires_on') => ({
    validator: (_: unknown, __: unknown) => {
      if (!form.getFieldValue('has_ocop')) return Promise.resolve();
      const problem = ocopProblems(form.getFieldsValue(['ocop_stars', 'ocop_year', 'ocop_expires_on']), thisYear)[name];
      if (!problem) return Promise.resolve();
      const message =
        name === 'ocop_stars'
          ? t('prod.ocopStarsProblem')
          : name === 'ocop_year'
            ? t('prod.ocopYearProblem', { first: String(OCOP_FIRST_YEAR), last: String(thisYear) })
            : t('prod.ocopExpiresProblem');
      return Promise.reject(new Error(message));
    },
  });
  const photoRule = {
    validator: (_: unknown, v: { id: number; alt: string } | null) =>
      !v ? Promise.reject(new Error(t('prod.photoMissing'))) : !v.alt.trim() ? Promise.reject(new Error(t('prod.photoAltRequired'))) : Promise.resolve(),
  };

  return (
    <div className="prod-page" data-testid="product-form-page">
      <Link to="/products">← {t('prod.back')}</Link>
      <div className="prod-head">
        <h1 className="page-title" style={{ margin: 0 }}>
          {product ? product.name : t('prod.create')}
        </h1>
        {product && (
          <span className="prod-tags">
            <StatusTag status={product.status} />
            <OcopTag ocop={product.ocop} />
          </span>
        )}
      </div>
      {product && <p className="muted" style={{ margin: 0 }}>{product.entity_name}{product.province_name ? ` · ${product.province_name}` : ''}</p>}
      {cooperative && !editing && (
        <p className="muted" style={{ margin: 0 }}>
          {t('prod.cooperativeHelp')}
        </p>
      )}
      {product?.status === 'approved' && (
        <Alert
          type="success"
          showIcon
          data-testid="product-public"
          title={
            <span>
              {t('prod.publicUrl')}:{' '}
              <a href={product.url} target="_blank" rel="noreferrer" data-testid="product-public-url">
                {product.url}
              </a>
            </span>
          }
        />
      )}
      {product?.review_note && product.status === 'rejected' && (
        <Alert type="warning" showIcon title={t('prod.reviewNote')} description={product.review_note} data-testid="product-review-note" />
      )}
      {notice && <Alert type="success" showIcon closable onClose={() => setNotice(null)} title={notice} data-testid="product-notice" />}
      {general.length > 0 && <Alert type="error" showIcon title={general.join(' ')} data-testid="product-form-error" />}
      {!writable && <Alert type="info" showIcon title={t('prod.readOnly')} />}
      {product && product.status !== 'withdrawn' && (
        <div className="prod-actions" data-testid="product-actions">
          {reviewer && product.status === 'pending' && (
            <>
              <Button type="primary" onClick={() => void approve()} data-testid="product-approve">
                {t('prod.approve')}
              </Button>
              <Button danger onClick={() => setRejecting(true)} data-testid="product-reject">
                {t('prod.reject')}
              </Button>
            </>
          )}
          <Popconfirm title={t('prod.withdrawConfirm', { name: product.name })} okText={t('prod.withdraw')} cancelText={t('common.cancel')} onConfirm={() => void withdraw()}>
            <Button data-testid="product-withdraw">{t('prod.withdraw')}</Button>
          </Popconfirm>
        </div>
      )}
      <Form form={form} layout="vertical" initialValues={emptyProduct(cooperative ? (user?.entity_id ?? null) : null)} onFinish={() => void save()} disabled={!writable} data-testid="product-form">
        <div className="prod-stack">
          <Panel>
            {!cooperative && (
              <Form.Item name="entity_id" label={t('prod.entity')} extra={t('prod.entityHelp')} rules={picked}>
                <EntityPicker testId="product-entity" />
              </Form.Item>
            )}
            <div className="prod-form-row">
              <Form.Item name="name" label={t('prod.name')} rules={required} className="prod-grow">
                <Input maxLength={200} data-testid="product-name" />
              </Form.Item>
              <Form.Item name="category" label={t('prod.category')} rules={picked}>
                <Select options={PRODUCT_CATEGORIES.map((c) => ({ value: c, label: t(`prod.category.${c}` as Key) }))} data-testid="product-category" />
              </Form.Item>
            </div>
            <Form.Item name="description" label={t('prod.description')} extra={t('prod.descriptionHelp')}>
              <Input.TextArea autoSize={{ minRows: 3, maxRows: 14 }} maxLength={10000} data-testid="product-description" />
            </Form.Item>
            <div className="prod-form-row">
              <Form.Item name="unit" label={t('prod.unit')} extra={t('prod.unitHelp')}>
                <Input maxLength={100} data-testid="product-unit" />
              </Form.Item>
              <Form.Item name="price_min" label={t('prod.priceMin')} extra={t('prod.priceHelp')}>
                <MoneyInput step={1000} data-testid="product-price-min" />
              </Form.Item>
              <Form.Item
                name="price_max"
                label={t('prod.priceMax')}
                dependencies={['price_min']}
                rules={[
                  {
                    validator: (_, v: number | null) =>
                      priceProblem(form.getFieldValue('price_min'), v) ? Promise.reject(new Error(t('prod.priceOrder'))) : Promise.resolve(),
                  },
                ]}
              >
                <MoneyInput step={1000} data-testid="product-price-max" />
              </Form.Item>
            </div>
          </Panel>
          <Panel title={<h2 className="panel-title" style={{ margin: 0, fontSize: 16 }}>{t('prod.photos')}</h2>}>
            <Form.List name="photos">
              {(fields, { add, remove }) => (
                <>
                  {fields.map((field, i) => (
                    <div key={field.key} className="prod-row-box" data-testid={`product-photo-${i}`}>
                      <Form.Item name={[field.name]} rules={[photoRule]}>
                        <ImageUpload testId={`product-photo-${i}-image`} />
                      </Form.Item>
                      <Button size="small" icon={<DeleteOutlined aria-hidden="true" />} onClick={() => remove(field.name)} style={{ marginBottom: 8 }}>
                        {t('prod.removeRow')}
                      </Button>
                    </div>
                  ))}
                  <Button icon={<PlusOutlined aria-hidden="true" />} onClick={() => add(null)} data-testid="product-add-photo">
                    {t('prod.addPhoto')}
                  </Button>
                </>
              )}
            </Form.List>
          </Panel>
          <Panel title={<h2 className="panel-title" style={{ margin: 0, fontSize: 16 }}>{t('prod.ocop')}</h2>}>
            <Form.Item name="has_ocop" valuePropName="checked" style={{ marginBottom: 8 }}>
              <Checkbox data-testid="product-has-ocop">{t('prod.hasOcop')}</Checkbox>
            </Form.Item>
            {hasOcop && (
              <div className="prod-form-row" data-testid="product-ocop-fields">
                <Form.Item name="ocop_stars" label={t('prod.ocopStars')} rules={[ocopField('ocop_stars')]}>
                  <Select
                    options={[1, 2, 3, 4, 5].map((n) => ({ value: n, label: `${'★'.repeat(n)} ${t('prod.stars', { stars: String(n) })}` }))}
                    data-testid="product-ocop-stars"
                  />
                </Form.Item>
                <Form.Item name="ocop_certificate" label={t('prod.ocopCertificate')} rules={required}>
                  <Input maxLength={100} data-testid="product-ocop-certificate" />
                </Form.Item>
                <Form.Item name="ocop_year" label={t('prod.ocopYear')} rules={[ocopField('ocop_year')]}>
                  <InputNumber<number> precision={0} inputMode="numeric" style={{ width: '100%' }} data-testid="product-ocop-year" />
                </Form.Item>
                <Form.Item name="ocop_expires_on" label={t('prod.ocopExpires')} dependencies={['ocop_year']} rules={[ocopField('ocop_expires_on')]}>
                  <DateInput />
                </Form.Item>
              </div>
            )}
            <Form.Item name="certifications" label={t('prod.certifications')}>
              <Checkbox.Group options={CERTIFICATIONS.map((c) => ({ value: c, label: t(`prod.cert.${c}` as Key) }))} data-testid="product-certifications" />
            </Form.Item>
          </Panel>
          <Panel title={<h2 className="panel-title" style={{ margin: 0, fontSize: 16 }}>{t('prod.whereToBuy')}</h2>}>
            <Form.List name="where_to_buy">
              {(fields, { add, remove }) => (
                <>
                  {fields.map((field, i) => (
                    <div key={field.key} className="prod-row-box" data-testid={`product-where-${i}`}>
                      <div className="prod-form-row">
                        <Form.Item name={[field.name, 'kind']} label={t('prod.where.kind')} rules={picked}>
                          <Select
                            options={[
                              { value: 'online', label: t('prod.where.online') },
                              { value: 'shop', label: t('prod.where.shop') },
                            ]}
                          />
                        </Form.Item>
                        <Form.Item name={[field.name, 'name']} label={t('prod.where.name')} rules={required} className="prod-grow">
                          <Input maxLength={200} />
                        </Form.Item>
                      </div>
                      <div className="prod-form-row">
                        <Form.Item
                          name={[field.name, 'url']}
                          label={t('prod.where.url')}
                          dependencies={[['where_to_buy', field.name, 'kind']]}
                          rules={[
                            {
                              validator: (_, v: string | undefined) => {
                                const kind = form.getFieldValue(['where_to_buy', field.name, 'kind']);
                                const text = (v ?? '').trim();
                                if (!text) return kind === 'online' ? Promise.reject(new Error(t('common.required'))) : Promise.resolve();
                                return validUrl(text) ? Promise.resolve() : Promise.reject(new Error(t('prod.where.urlProblem')));
                              },
                            },
                          ]}
                          className="prod-grow"
                        >
                          <Input maxLength={500} inputMode="url" placeholder="https://" />
                        </Form.Item>
                        <Form.Item name={[field.name, 'address']} label={t('prod.where.address')} className="prod-grow">
                          <Input maxLength={300} />
                        </Form.Item>
                      </div>
                      <Button size="small" icon={<DeleteOutlined aria-hidden="true" />} onClick={() => remove(field.name)} style={{ marginBottom: 8 }}>
                        {t('prod.removeRow')}
                      </Button>
                    </div>
                  ))}
                  <Button icon={<PlusOutlined aria-hidden="true" />} onClick={() => add({ kind: 'online', name: '', url: '', address: '' })} data-testid="product-add-where">
                    {t('prod.addWhere')}
                  </Button>
                </>
              )}
            </Form.List>
            <Form.Item name="fair_activity_ids" label={t('prod.fairs')} extra={t('prod.fairsHelp')} style={{ marginTop: 16 }}>
              <FairPicker />
            </Form.Item>
          </Panel>
          {writable && (
            <Space wrap>
              <Button type="primary" htmlType="submit" loading={saving} data-testid="product-save">
                {t('prod.save')}
              </Button>
              <Link to="/products">
                <Button disabled={false}>{t('common.cancel')}</Button>
              </Link>
            </Space>
          )}
        </div>
      </Form>
      {product && rejecting && (
        <RejectDialog
          product={product}
          onClose={() => setRejecting(false)}
          onDone={(p) => {
            setRejecting(false);
            setProduct(p);
            setNotice(t('prod.rejected', { name: p.name }));
          }}
        />
      )}
    </div>
  );
}
