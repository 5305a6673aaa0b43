import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { Route, Routes } from 'react-router';
import { json, mockApi, wrap } from '../../tests/support';
import { product, session } from './fixtures';
import ProductFormPage from './ProductFormPage';

const SLOW = 90_000;

const page = (path: string) =>
  wrap(
    <Routes>
      <Route path="/products/new" element={<ProductFormPage thisYear={2026} />} />
      <Route path="/products/:id" element={<ProductFormPage thisYear={2026} />} />
      <Route path="/products" element={<div data-testid="products-shown" />} />
    </Routes>,
    path,
  );

async function choose(label: string, option: string) {
  fireEvent.mouseDown(screen.getByLabelText(label));
  const options = await screen.findAllByTitle(option);
  fireEvent.click(options[options.length - 1]);
}

const itemOf = (el: HTMLElement) => el.closest('.ant-form-item') as HTMLElement;

function typeDate(label: string, text: string) {
  const input = screen.getByLabelText(label);
  fireEvent.mouseDown(input);
  fireEvent.focus(input);
  fireEvent.change(input, { target: { value: text } });
  fireEvent.keyDown(input, { key: 'Enter', code: 'Enter', keyCode: 13 });
}

describe('product form', () => {
  afterEach(() => vi.restoreAllMocks());

  it(
    'a cooperative adds its product: the price range in whole đồng, an OCOP rating checked before sending, where to buy',
    async () => {
      const sent: Record<string, unknown>[] = [];
      mockApi((url, init) => {
        if (url.startsWith('/api/v1/session')) return json(200, session('cooperative', '19', 345));
        if (url === '/api/v1/products' && init.method === 'POST') {
          sent.push(JSON.parse(String(init.body)));
          return json(201, product({ id: 70 }));
        }
        if (url === '/api/v1/products/70') return json(200, product({ id: 70 }));
        return undefined;
      });
      page('/products/new');
      await screen.findByTestId('product-form');
      // A cooperative's products are its own: no organisation to choose.
      expect(screen.queryByTestId('product-entity')).toBeNull();
      fireEvent.change(screen.getByLabelText('Tên sản phẩm'), { target: { value: ' Mật ong hoa nhãn ' } });
      await choose('Loại sản phẩm', 'Thực phẩm chế biến');
      fireEvent.change(screen.getByLabelText('Đơn vị bán'), { target: { value: 'chai 500 ml' } });
      // The range the wrong way round is refused on the highest price.
      fireEvent.change(screen.getByTestId('product-price-min'), { target: { value: '180.000' } });
      fireEvent.change(screen.getByTestId('product-price-max'), { target: { value: '150000' } });
      fireEvent.click(screen.getByTestId('product-save'));
      expect(await within(itemOf(screen.getByTestId('product-price-max'))).findByText('Giá thấp nhất không được lớn hơn giá cao nhất.')).toBeTruthy();
      fireEvent.change(screen.getByTestId('product-price-min'), { target: { value: '150.000' } });
      fireEvent.change(screen.getByTestId('product-price-max'), { target: { value: '180.000' } });
      await waitFor(() => expect(within(itemOf(screen.getByTestId('product-price-max'))).queryByText('Giá thấp nhất không được lớn hơn giá cao nhất.')).toBeNull());
      // OCOP: stars, certificate, a year before the programme and an expiry before the year are refused.
      fireEvent.click(screen.getByTestId('product-has-ocop'));
      await screen.findByTestId('product-ocop-fields');
      await choose('Số sao', '★★★★ 4 sao');
      fireEvent.change(screen.getByLabelText('Số quyết định / giấy chứng nhận'), { target: { value: '123/QĐ-UBND' } });
      fireEvent.change(screen.getByTestId('product-ocop-year'), { target: { value: '2017' } });
      fireEvent.click(screen.getByTestId('product-save'));
      expect(await screen.findByText('Năm chứng nhận từ 2018 đến 2026.')).toBeTruthy();
      fireEvent.change(screen.getByTestId('product-ocop-year'), { target: { value: '2023' } });
      typeDate('Hết hạn ngày', '01/01/2023');
      fireEvent.click(screen.getByTestId('product-save'));
      expect(await within(itemOf(screen.getByLabelText('Hết hạn ngày'))).findByText('Ngày hết hạn phải sau ngày đầu năm chứng nhận.')).toBeTruthy();
      typeDate('Hết hạn ngày', '01/05/2026');
      fireEvent.click(screen.getByLabelText('VietGAP'));
      fireEvent.click(screen.getByLabelText('Hữu cơ'));
      // Where to buy: an online shop needs an http(s) link.
      fireEvent.click(screen.getByTestId('product-add-where'));
      const row = await screen.findByTestId('product-where-0');
      fireEvent.change(within(row).getByLabelText('Tên (sàn, cửa hàng)'), { target: { value: 'Shopee' } });
      fireEvent.change(within(row).getByLabelText('Đường dẫn'), { target: { value: 'javascript:alert(1)' } });
      fireEvent.click(screen.getByTestId('product-save'));
      expect(await within(row).findByText('Đường dẫn phải bắt đầu bằng http:// hoặc https://.')).toBeTruthy();
      fireEvent.change(within(row).getByLabelText('Đường dẫn'), { target: { value: 'https://shopee.vn/mat-ong-tam-dao' } });
      fireEvent.click(screen.getByTestId('product-save'));
      await waitFor(() => expect(sent).toHaveLength(1));
      expect(sent[0]).toEqual({
        name: 'Mật ong hoa nhãn',
        category: 'food',
        description: '',
        photos: [],
        unit: 'chai 500 ml',
        price_min: 150000,
        price_max: 180000,
        ocop: { stars: 4, certificate: '123/QĐ-UBND', year: 2023, expires_on: '2026-05-01' },
        certifications: ['vietgap', 'organic'],
        where_to_buy: [{ kind: 'online', name: 'Shopee', url: 'https://shopee.vn/mat-ong-tam-dao' }],
        fair_activity_ids: [],
      });
    },
    SLOW,
  );

  it(
    'shows the server’s errors on their fields (OCOP, a photo’s text, a link of where to buy)',
    async () => {
      mockApi((url, init) => {
        if (url.startsWith('/api/v1/session')) return json(200, session('cooperative', '19', 345));
        if (url === '/api/v1/images/9') return json(200, { id: 9, content_type: 'image/jpeg', width: 800, height: 600, bytes: 1000, name: 'a.jpg', url: '/media/9-aa.jpg', variants: [{ width: 320, url: '/media/9-aa-320.webp' }] });
        if (url === '/api/v1/products/7' && (init.method ?? 'GET') === 'GET')
          return json(200, product({ status: 'approved', photos: [{ id: 9, alt: 'Chai mật ong 500 ml' }] }));
        if (url === '/api/v1/products/7' && init.method === 'PATCH')
          return json(422, {
            error: {
              code: 'validation',
              message: 'Dữ liệu không hợp lệ.',
              fields: [
                { field: 'ocop.year', code: 'field.ocop_year', message: 'Năm chứng nhận OCOP phải từ 2018 đến 2026.' },
                { field: 'photos[0].alt', code: 'field.required', message: 'Ảnh 1 cần mô tả.' },
                { field: 'where_to_buy[0].url', code: 'field.url', message: 'Đường dẫn không mở được.' },
              ],
            },
          });
        return undefined;
      });
      page('/products/7');
      await screen.findByTestId('product-public');
      expect(screen.getByTestId('product-public-url').getAttribute('href')).toBe('/san-pham/mat-ong-hoa-nhan-7');
      await waitFor(() => expect((screen.getByTestId('product-photo-0-image-preview') as HTMLImageElement).getAttribute('src')).toBe('/media/9-aa-320.webp'));
      // A cooperative does not approve.
      expect(screen.queryByTestId('product-approve')).toBeNull();
      fireEvent.click(screen.getByTestId('product-save'));
      expect(await screen.findByText('Năm chứng nhận OCOP phải từ 2018 đến 2026.')).toBeTruthy();
      expect(within(itemOf(screen.getByTestId('product-ocop-year'))).getByText('Năm chứng nhận OCOP phải từ 2018 đến 2026.')).toBeTruthy();
      expect(within(screen.getByTestId('product-photo-0')).getByText('Ảnh 1 cần mô tả.')).toBeTruthy();
      expect(within(screen.getByTestId('product-where-0')).getByText('Đường dẫn không mở được.')).toBeTruthy();
    },
    SLOW,
  );

  it(
    'an official approves a pending product or rejects it with a note; a cooperative’s change of an approved product goes back to review',
    async () => {
      const moves: { url: string; body: unknown }[] = [];
      let role = 'province_officer';
      mockApi((url, init) => {
        if (url.startsWith('/api/v1/session')) return json(200, role === 'cooperative' ? session('cooperative', '19', 345) : session(role));
        if (url.startsWith('/api/v1/entities/345')) return json(200, { id: 345, name: 'HTX Ong mật Tam Đảo', registration_code: '1900345', current_province_code: '19' });
        if (url === '/api/v1/products/7' && (init.method ?? 'GET') === 'GET') return json(200, product({ status: role === 'cooperative' ? 'approved' : 'pending' }));
        if (url === '/api/v1/products/7/reject') {
          moves.push({ url, body: JSON.parse(String(init.body)) });
          return json(200, product({ status: 'rejected', review_note: 'Ảnh chưa rõ nhãn.' }));
        }
        if (url === '/api/v1/products/7' && init.method === 'PATCH') {
          moves.push({ url, body: 'patch' });
          return json(200, product({ status: 'pending' }));
        }
        return undefined;
      });
      const first = page('/products/7');
      fireEvent.click(await screen.findByTestId('product-reject'));
      await screen.findByTestId('reject-dialog');
      fireEvent.click(screen.getByTestId('reject-confirm'));
      expect(await screen.findByText('Hãy ghi lý do từ chối.')).toBeTruthy();
      fireEvent.change(screen.getByLabelText('Lý do (gửi cho hợp tác xã)'), { target: { value: 'Ảnh chưa rõ nhãn.' } });
      fireEvent.click(screen.getByTestId('reject-confirm'));
      expect((await screen.findByTestId('product-review-note')).textContent).toContain('Ảnh chưa rõ nhãn.');
      expect(screen.getByTestId('product-status').textContent).toBe('Bị từ chối');
      first.unmount();

      role = 'cooperative';
      page('/products/7');
      await screen.findByTestId('product-public');
      fireEvent.click(screen.getByTestId('product-save'));
      expect((await screen.findByTestId('product-notice')).textContent).toBe('Đã lưu. Sản phẩm chờ Liên minh HTX duyệt lại trước khi hiện công khai.');
      expect(screen.getByTestId('product-status').textContent).toBe('Chờ duyệt');
      expect(moves).toEqual([
        { url: '/api/v1/products/7/reject', body: { note: 'Ảnh chưa rõ nhãn.' } },
        { url: '/api/v1/products/7', body: 'patch' },
      ]);
    },
    SLOW,
  );
});
