import { ApiError, api, buildUrl, request, setApiLanguage, setCsrfToken } from '../src/api/client';

function answer(status: number, body: unknown, headers: Record<string, string> = {}) {
  return new Response(body === undefined ? null : JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } });
}

describe('API client', () => {
  afterEach(() => vi.restoreAllMocks());

  it('builds query strings without empty values, arrays as "any of"', () => {
    expect(buildUrl('/api/v1/entities', { q: 'hợp tác', kind: '', province: undefined, status: ['active', 'stopped'], youth: false })).toBe(
      '/api/v1/entities?q=h%E1%BB%A3p+t%C3%A1c&status=active%2Cstopped&youth=false',
    );
    expect(buildUrl('/x', {})).toBe('/x');
  });

  it('sends the CSRF token on writes only, and the language always', async () => {
    const fetch = vi.spyOn(globalThis, 'fetch').mockImplementation(async () => answer(200, { ok: true }));
    setCsrfToken('tok-123');
    setApiLanguage('en');
    await api.get('/api/v1/entities');
    await api.post('/api/v1/entities', { name: 'x' });
    const [, getInit] = fetch.mock.calls[0];
    const [, postInit] = fetch.mock.calls[1];
    expect((getInit!.headers as Record<string, string>)['X-CSRF-Token']).toBeUndefined();
    expect((getInit!.headers as Record<string, string>)['Accept-Language']).toBe('en');
    expect((postInit!.headers as Record<string, string>)['X-CSRF-Token']).toBe('tok-123');
    expect(postInit!.body).toBe('{"name":"x"}');
    setApiLanguage('vi');
  });

  it('turns the error shape into an ApiError with its fields', async () => {
    vi.spyOn(globalThis, 'fetch').mockImplementation(async () =>
      answer(400, {
        error: {
          code: 'invalid_argument',
          message: 'Yêu cầu không hợp lệ.',
          fields: [
            { field: 'email', code: 'invalid_email', message: 'Địa chỉ email "x" không hợp lệ.' },
            { field: 'email', code: 'too_long', message: 'Quá dài.' },
            { field: 'name', code: 'required', message: 'Bắt buộc nhập.' },
          ],
        },
      }),
    );
    const error = (await request('POST', '/api/v1/entities', { body: {} }).catch((e: unknown) => e)) as ApiError;
    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(400);
    expect(error.code).toBe('invalid_argument');
    expect(error.fieldMap()).toEqual({ email: ['Địa chỉ email "x" không hợp lệ.', 'Quá dài.'], name: ['Bắt buộc nhập.'] });
  });

  it('reads Retry-After on 429', async () => {
    vi.spyOn(globalThis, 'fetch').mockImplementation(async () =>
      answer(429, { error: { code: 'too_many_requests', message: 'Thử lại sau.', fields: [] } }, { 'Retry-After': '42' }),
    );
    const error = (await api.post('/api/v1/session', {}).catch((e: unknown) => e)) as ApiError;
    expect(error.status).toBe(429);
    expect(error.retryAfter).toBe(42);
  });

  it('reports a network failure in words', async () => {
    vi.spyOn(globalThis, 'fetch').mockImplementation(async () => {
      throw new TypeError('Failed to fetch');
    });
    const error = (await api.get('/api/v1/entities').catch((e: unknown) => e)) as ApiError;
    expect(error).toBeInstanceOf(ApiError);
    expect(error.code).toBe('network');
    expect(error.message).toBe('Không kết nối được máy chủ.');
  });

  it('says in the language which HTTP error an answer without an error body was', async () => {
    vi.spyOn(globalThis, 'fetch').mockImplementation(async () => new Response('<html>Bad gateway</html>', { status: 502 }));
    setApiLanguage('vi');
    const vi502 = (await api.get('/api/v1/entities').catch((e: unknown) => e)) as ApiError;
    expect([vi502.status, vi502.code, vi502.message]).toEqual([502, 'http_502', 'Máy chủ báo lỗi (HTTP 502).']);
    setApiLanguage('en');
    const en502 = (await api.get('/api/v1/entities').catch((e: unknown) => e)) as ApiError;
    expect(en502.message).toBe('The server answered with an error (HTTP 502).');
    vi.spyOn(globalThis, 'fetch').mockImplementation(async () => {
      throw new TypeError('Failed to fetch');
    });
    expect(((await api.get('/x').catch((e: unknown) => e)) as ApiError).message).toBe('The server cannot be reached.');
    setApiLanguage('vi');
  });

  it('answers 204 with nothing', async () => {
    vi.spyOn(globalThis, 'fetch').mockImplementation(async () => new Response(null, { status: 204 }));
    await expect(api.del('/api/v1/session')).resolves.toBeUndefined();
  });
});
