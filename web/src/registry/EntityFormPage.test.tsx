import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { Route, Routes } from 'react-router';
import { json, mockApi, wrap } from '../../tests/support';
import EntityFormPage from './EntityFormPage';

describe('entity form', () => {
  afterEach(() => vi.restoreAllMocks());
  it("shows the API's field errors next to their fields", async () => {
    let sent: unknown = null;
    mockApi((url, init) => {
      if (url === '/api/v1/entities' && init.method === 'POST') {
        sent = JSON.parse(String(init.body));
        return json(400, {
          error: {
            code: 'invalid_argument',
            message: 'Yêu cầu không hợp lệ.',
            fields: [
              { field: 'registration_code', code: 'registration_code_taken', message: 'Mã số đăng ký X1 đã được một tổ chức khác sử dụng.' },
              { field: 'email', code: 'invalid_email', message: 'Địa chỉ email "abc" không hợp lệ.' },
            ],
          },
        });
      }
      return undefined;
    });
    wrap(
      <Routes>
        <Route path="/registry/new" element={<EntityFormPage />} />
      </Routes>,
      '/registry/new',
    );
    fireEvent.change(await screen.findByLabelText('Tên tổ chức'), { target: { value: 'HTX Thử' } });
    fireEvent.change(screen.getByLabelText('Mã số đăng ký'), { target: { value: 'X1' } });
    fireEvent.change(screen.getByLabelText('Thư điện tử'), { target: { value: 'abc' } });
    // The province: pick through the select's search box.
    const province = screen.getByLabelText('Tỉnh/thành');
    fireEvent.mouseDown(province);
    fireEvent.change(province, { target: { value: 'Hà Nội' } });
    await act(async () => {
      fireEvent.click(await screen.findByTitle('01 — Hà Nội'));
    });
    fireEvent.click(screen.getByRole('button', { name: 'Lưu' }));
    const codeError = await screen.findByText('Mã số đăng ký X1 đã được một tổ chức khác sử dụng.');
    const emailError = await screen.findByText('Địa chỉ email "abc" không hợp lệ.');
    // Each message sits in the form item of its own field.
    expect(codeError.closest('.ant-form-item')!.querySelector('#registration_code')).not.toBeNull();
    expect(emailError.closest('.ant-form-item')!.querySelector('#email')).not.toBeNull();
    await waitFor(() => expect(sent).toMatchObject({ name: 'HTX Thử', registration_code: 'X1', email: 'abc', province_code: '01', kind: 'cooperative' }));
  });
});
