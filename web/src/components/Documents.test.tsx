import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { json, mockApi, wrap } from '../../tests/support';
import { Documents, formatSize, type DocumentItem } from './Documents';

const URL = '/api/v1/programmes/7/documents';
const DOCS: DocumentItem[] = [
  {
    id: 1,
    name: 'Quyết định 01.pdf',
    content_type: 'application/pdf',
    size: 245_760,
    sha256: 'a'.repeat(64),
    created_by: 'po20',
    created_at_ms: Date.UTC(2026, 11, 1, 3, 0),
  },
  {
    id: 2,
    name: 'Ảnh lễ ký kết.jpg',
    content_type: 'image/jpeg',
    size: 3_565_158,
    sha256: 'b'.repeat(64),
    created_by: 'nat',
    created_at_ms: Date.UTC(2026, 11, 2, 3, 0),
  },
];

describe('Documents', () => {
  afterEach(() => vi.restoreAllMocks());

  it('lists the documents with download links, and offers no upload or delete to a reader', async () => {
    mockApi((url) => (url === URL ? json(200, { items: DOCS }) : undefined));
    wrap(<Documents url={URL} mayWrite={false} />);
    const list = await screen.findByTestId('documents-list');
    expect(screen.getByRole('heading', { name: 'Tài liệu' })).toBeTruthy();
    const link = within(list).getByRole('link', { name: 'Quyết định 01.pdf' });
    expect(link.getAttribute('href')).toBe(`${URL}/1`);
    expect(link.getAttribute('download')).toBe('Quyết định 01.pdf');
    expect(within(list).getByTestId('document-1-about').textContent).toMatch(/^240 KB · po20, 01\/12\/2026 \d\d:00$/);
    expect(within(list).getByTestId('document-2-about').textContent).toMatch(/^3,4 MB · nat, /);
    expect(screen.queryByTestId('documents-upload')).toBeNull();
    expect(screen.queryByTestId('document-1-delete')).toBeNull();
  });

  it('says so when there is none', async () => {
    mockApi((url) => (url === URL ? json(200, { items: [] }) : undefined));
    wrap(<Documents url={URL} mayWrite />);
    expect(await screen.findByText('Chưa có tài liệu nào.')).toBeTruthy();
    expect(screen.getByTestId('documents-upload')).toBeTruthy();
  });

  it('uploads the file as the raw body with its name, and lists it', async () => {
    const items = [...DOCS];
    const posted: { url: string; body: unknown; type: string | undefined }[] = [];
    mockApi((url, init) => {
      if (url === URL) return json(200, { items });
      if (url.startsWith(`${URL}?`) && init.method === 'POST') {
        posted.push({ url, body: init.body, type: (init.headers as Record<string, string>)['Content-Type'] });
        items.push({ ...DOCS[0], id: 3, name: 'Kế hoạch 2027.docx' });
        return json(201, items[2]);
      }
      return undefined;
    });
    wrap(<Documents url={URL} mayWrite />);
    await screen.findByTestId('documents-list');
    const file = new File(['PK\u0003\u0004…'], 'Kế hoạch 2027.docx', {
      type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    });
    fireEvent.change(screen.getByTestId('documents-input'), { target: { files: [file] } });
    expect(await screen.findByText('Đã tải lên “Kế hoạch 2027.docx”.')).toBeTruthy();
    expect(posted).toHaveLength(1);
    expect(posted[0].url).toBe(`${URL}?filename=K%E1%BA%BF+ho%E1%BA%A1ch+2027.docx`);
    expect(posted[0].body).toBe(file);
    expect(posted[0].type).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(await screen.findByRole('link', { name: 'Kế hoạch 2027.docx' })).toBeTruthy();
  });

  it('shows the server’s error for a refused file, and refuses a file over 10 MB without sending it', async () => {
    const posts: string[] = [];
    mockApi((url, init) => {
      if (url === URL) return json(200, { items: [] });
      if (init.method === 'POST') {
        posts.push(url);
        return json(400, {
          error: {
            code: 'invalid_argument',
            message: 'Loại tệp không được nhận. Chỉ nhận: PDF, DOCX, XLSX, PNG, JPEG, WebP (nhận biết theo nội dung tệp, không theo tên).',
            fields: [{ field: 'file', code: 'unsupported_type', message: 'Chỉ nhận tệp PDF, DOCX, XLSX, PNG, JPEG, WebP.' }],
          },
        });
      }
      return undefined;
    });
    wrap(<Documents url={URL} mayWrite />);
    await screen.findByText('Chưa có tài liệu nào.');
    const input = screen.getByTestId('documents-input');
    fireEvent.change(input, { target: { files: [new File(['<html></html>'], 'trang.pdf', { type: 'application/pdf' })] } });
    const notice = await screen.findByTestId('documents-notice');
    expect(notice.textContent).toContain('Loại tệp không được nhận. Chỉ nhận: PDF, DOCX, XLSX, PNG, JPEG, WebP');
    expect(notice.textContent).toContain('Chỉ nhận tệp PDF, DOCX');
    expect(posts).toHaveLength(1);

    const big = new File(['x'], 'lon.pdf', { type: 'application/pdf' });
    Object.defineProperty(big, 'size', { value: 11 * 1024 * 1024 });
    fireEvent.change(input, { target: { files: [big] } });
    await waitFor(() => expect(screen.getByTestId('documents-notice').textContent).toContain('Tệp “lon.pdf” quá lớn (11,0 MB)'));
    expect(posts).toHaveLength(1);
  });

  it('deletes a document after confirmation', async () => {
    let items = [...DOCS];
    const deleted: string[] = [];
    mockApi((url, init) => {
      if (url === URL) return json(200, { items });
      if (init.method === 'DELETE') {
        deleted.push(url);
        items = items.filter((d) => `${URL}/${d.id}` !== url);
        return new Response(null, { status: 204 });
      }
      return undefined;
    });
    wrap(<Documents url={URL} mayWrite />);
    fireEvent.click(await screen.findByTestId('document-2-delete'));
    expect(await screen.findByText('Xóa tài liệu “Ảnh lễ ký kết.jpg”?')).toBeTruthy();
    expect(deleted).toEqual([]);
    fireEvent.click(screen.getByRole('button', { name: 'Xóa' }));
    await waitFor(() => expect(deleted).toEqual([`${URL}/2`]));
    expect(await screen.findByText('Đã xóa “Ảnh lễ ký kết.jpg”.')).toBeTruthy();
    await waitFor(() => expect(screen.queryByTestId('document-2')).toBeNull());
  });

  it('formats sizes in both languages', () => {
    expect(formatSize(850, 'vi')).toBe('850 B');
    expect(formatSize(12_500, 'en')).toBe('12 KB');
    expect(formatSize(3_565_158, 'en')).toBe('3.4 MB');
  });
});
