import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { json, mockApi, wrap } from '../../tests/support';
import { product, session } from './fixtures';
import { priceRange, productBody, emptyProduct, formField, ocopProblems, priceProblem, validUrl } from './logic';
import ProductReviewPage from './ProductReviewPage';
import ProductsPage from './ProductsPage';
import { en, vi as viTexts } from './strings';

const SLOW = 90_000;

describe('product review queue and list', () => {
  afterEach(() => vi.restoreAllMocks());

  it(
    'lists the pending products of the scope, oldest first, with their price and OCOP; approves one, rejects another with a note',
    async () => {
      const asked: string[] = [];
      const moves: { url: string; body: unknown }[] = [];
      let queue = [
        product({ id: 8, name: 'Chè Tân Cương', category: 'beverage', ocop: null, price_min: 200000, price_max: 200000, unit: 'gói 200 g', updated_at: '2026-03-15T00:00:00Z' }),
        product({ id: 7, updated_at: '2026-03-14T00:00:00Z', ocop: { stars: 3, certificate: '9/QĐ', year: 2020, expires_on: '2023-06-01', expired: true } }),
      ];
      mockApi((url, init) => {
        if (url.startsWith('/api/v1/session')) return json(200, session('province_officer'));
        if (url.startsWith('/api/v1/products?')) {
          asked.push(url);
          return json(200, { items: queue, total: queue.length });
        }
        const m = /^\/api\/v1\/products\/(\d+)\/(approve|reject)$/.exec(url);
        if (m && init.method === 'POST') {
          moves.push({ url, body: JSON.parse(String(init.body)) });
          const id = Number(m[1]);
          const done = queue.find((p) => p.id === id)!;
          queue = queue.filter((p) => p.id !== id);
          return json(200, { ...done, status: m[2] === 'approve' ? 'approved' : 'rejected' });
        }
        return undefined;
      });
      wrap(<ProductReviewPage />, '/products/review');
      const list = await screen.findByTestId('product-review-list');
      await waitFor(() => expect(within(list).getAllByRole('link').map((a) => a.textContent)).toEqual(['Mật ong hoa nhãn', 'Chè Tân Cương']));
      expect(asked[0]).toBe('/api/v1/products?status=pending&limit=100');
      const honey = screen.getByTestId('product-review-7');
      expect(within(honey).getByTestId('product-price').textContent).toBe('150.000 ₫ – 180.000 ₫ / chai 500 ml');
      expect(within(honey).getByTestId('product-ocop').textContent).toBe('OCOP 3 sao (đã hết hạn)');
      expect(within(screen.getByTestId('product-review-8')).getByTestId('product-price').textContent).toBe('200.000 ₫ / gói 200 g');

      fireEvent.click(screen.getByTestId('product-approve-7'));
      expect((await screen.findByTestId('product-review-notice')).textContent).toBe('Đã duyệt “Mật ong hoa nhãn”.');
      await waitFor(() => expect(screen.queryByTestId('product-review-7')).toBeNull());

      fireEvent.click(screen.getByTestId('product-reject-8'));
      await screen.findByTestId('reject-dialog');
      fireEvent.change(screen.getByLabelText('Lý do (gửi cho hợp tác xã)'), { target: { value: ' Thiếu giấy chứng nhận VietGAP. ' } });
      fireEvent.click(screen.getByTestId('reject-confirm'));
      await waitFor(() => expect(screen.getByTestId('product-review-empty').textContent).toBe('Không có sản phẩm nào chờ duyệt.'));
      expect(moves).toEqual([
        { url: '/api/v1/products/7/approve', body: {} },
        { url: '/api/v1/products/8/reject', body: { note: 'Thiếu giấy chứng nhận VietGAP.' } },
      ]);
    },
    SLOW,
  );

  it(
    'is not for a cooperative, which cannot approve',
    async () => {
      mockApi((url) => (url.startsWith('/api/v1/session') ? json(200, session('cooperative', '19', 345)) : undefined));
      wrap(<ProductReviewPage />, '/products/review');
      expect(await screen.findByText('Trang này dành cho cán bộ Liên minh HTX duyệt sản phẩm.')).toBeTruthy();
    },
    SLOW,
  );

  it(
    'shows a cooperative its own products, searched by name and OCOP stars',
    async () => {
      const asked: string[] = [];
      mockApi((url) => {
        if (url.startsWith('/api/v1/session')) return json(200, session('cooperative', '19', 345));
        if (url.startsWith('/api/v1/products?')) {
          asked.push(url);
          return json(200, { items: [product({ status: 'approved' })], total: 1 });
        }
        return undefined;
      });
      wrap(<ProductsPage />, '/products');
      const row = await screen.findByTestId('product-7', {}, { timeout: 15_000 }); // the table's first rendering, slow on a loaded machine
      expect(row.textContent).toContain('Đã duyệt');
      expect(row.textContent).toContain('150.000 ₫ – 180.000 ₫ / chai 500 ml');
      expect(screen.getByRole('heading', { name: 'Sản phẩm của đơn vị' })).toBeTruthy();
      expect(screen.queryByTestId('product-review-link')).toBeNull();
      fireEvent.change(screen.getByTestId('product-search'), { target: { value: 'mat ong' } });
      fireEvent.mouseDown(screen.getByLabelText('Hạng OCOP'));
      fireEvent.click((await screen.findAllByTitle('Từ 4 sao', {}, { timeout: 15_000 })).at(-1)!);
      // The text is asked after a pause in the typing (300 ms): slow on a loaded machine.
      await waitFor(() => expect(asked.at(-1)).toBe('/api/v1/products?q=mat+ong&ocop_min=4&limit=20&page=1'), { timeout: 15_000 });
    },
    SLOW,
  );
});

describe('product logic', () => {
  it('checks the price range, the OCOP rating and the links as the server does', () => {
    expect(priceProblem(180000, 150000)).toBe('price_order');
    expect(priceProblem(150000, 150000)).toBeNull();
    expect(priceProblem(null, 150000)).toBeNull();
    expect(ocopProblems({ ocop_stars: 6, ocop_year: 2017, ocop_expires_on: '' }, 2026)).toEqual({ ocop_stars: 'stars', ocop_year: 'year' });
    expect(ocopProblems({ ocop_stars: 5, ocop_year: 2027, ocop_expires_on: '' }, 2026)).toEqual({ ocop_year: 'year' });
    expect(ocopProblems({ ocop_stars: 1, ocop_year: 2018, ocop_expires_on: '2018-01-01' }, 2026)).toEqual({ ocop_expires_on: 'expiry' });
    expect(ocopProblems({ ocop_stars: 1, ocop_year: 2018, ocop_expires_on: '2018-01-02' }, 2026)).toEqual({});
    expect(validUrl('https://shopee.vn/x')).toBe(true);
    expect(validUrl('http://a.vn')).toBe(true);
    expect(validUrl('javascript:alert(1)')).toBe(false);
    expect(validUrl('ftp://a.vn')).toBe(false);
  });

  it('writes the body: whole đồng, a shop’s address, no entity for a cooperative', () => {
    const v = {
      ...emptyProduct(345),
      name: ' Chè ',
      category: 'beverage',
      price_min: 99999.6,
      price_max: null,
      where_to_buy: [{ kind: 'shop' as const, name: ' Cửa hàng Tân Cương ', url: '', address: ' 12 Hoàng Văn Thụ ' }],
    };
    expect(productBody(v, { cooperative: true })).toMatchObject({
      name: 'Chè',
      price_min: 100000,
      price_max: null,
      ocop: null,
      where_to_buy: [{ kind: 'shop', name: 'Cửa hàng Tân Cương', address: '12 Hoàng Văn Thụ' }],
    });
    expect(productBody(v, { cooperative: true })).not.toHaveProperty('entity_id');
    expect(productBody(v, { cooperative: false }).entity_id).toBe(345);
    expect(formField('ocop.expires_on')).toBe('ocop_expires_on');
    expect(formField('photos[2].alt')).toBe('photos[2]');
    expect(formField('where_to_buy[0].url')).toBe('where_to_buy[0].url');
  });

  it('shows a price range, one price, or one bound', () => {
    const money = (n: number) => `${n} đ`;
    const words = { from: 'từ', upTo: 'đến' };
    expect(priceRange(1, 2, money, words)).toBe('1 đ – 2 đ');
    expect(priceRange(2, 2, money, words)).toBe('2 đ');
    expect(priceRange(1, null, money, words)).toBe('từ 1 đ');
    expect(priceRange(null, 2, money, words)).toBe('đến 2 đ');
    expect(priceRange(null, null, money, words)).toBe('');
  });

  it('has the same keys and arguments in both languages', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(viTexts).sort());
    const args = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const key of Object.keys(viTexts) as (keyof typeof viTexts)[]) expect(args(en[key]), key).toEqual(args(viTexts[key]));
  });
});
