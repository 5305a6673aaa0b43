// The one way the app talks to the hoptac API: JSON in and out, the session cookie,
// the CSRF token on writes, the request language, and errors as ApiError values that
// keep the API's code, message and per-field messages (shown next to form fields).
import { translate, type Lang } from '../i18n/catalogue';

export interface FieldError {
  field: string;
  code: string;
  message: string;
}

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly fields: FieldError[];
  /** Seconds to wait (429 Retry-After), when the server said so. */
  readonly retryAfter: number | null;
  /** The whole error answer (some carry more than `error`, e.g. 409 report_exists its `id`). */
  readonly body: unknown;

  constructor(status: number, code: string, message: string, fields: FieldError[] = [], retryAfter: number | null = null, body: unknown = undefined) {
    super(message);
    this.body = body;
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.fields = fields;
    this.retryAfter = retryAfter;
  }

  /** Field errors as antd Form `setFields` input: one entry per field, messages joined. */
  fieldMap(): Record<string, string[]> {
    const out: Record<string, string[]> = {};
    for (const f of this.fields) (out[f.field] ??= []).push(f.message);
    return out;
  }
}

let csrfToken = '';
let language: Lang = 'vi';
let onUnauthenticated: (() => void) | null = null;

export function setCsrfToken(token: string | undefined): void {
  csrfToken = token ?? '';
}
export function setApiLanguage(lang: Lang): void {
  language = lang;
}
/** Called when an authenticated request answers 401 (session expired elsewhere). */
export function setUnauthenticatedHandler(handler: (() => void) | null): void {
  onUnauthenticated = handler;
}

export type Query = Record<string, string | number | boolean | null | undefined | string[]>;

/** Builds `path?query`, leaving out empty values; arrays are joined by commas (the API's "any of"). */
export function buildUrl(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value)) {
      if (value.length) params.set(key, value.join(','));
    } else {
      params.set(key, String(value));
    }
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

export interface RequestOptions {
  query?: Query;
  body?: unknown;
  signal?: AbortSignal;
  /** Raw body (e.g. a file) sent with its own content type. */
  raw?: { data: BodyInit; contentType: string };
  /** Do not call the unauthenticated handler on 401 (sign-in itself). */
  quiet401?: boolean;
}

export async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': language };
  let body: BodyInit | undefined;
  if (options.raw) {
    headers['Content-Type'] = options.raw.contentType;
    body = options.raw.data;
  } else if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  if (method !== 'GET' && method !== 'HEAD' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(buildUrl(path, options.query), {
      method,
      headers,
      body,
      signal: options.signal,
      credentials: 'same-origin',
    });
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    throw new ApiError(0, 'network', translate(language, 'app.offline'));
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  let json: unknown = undefined;
  if (text) {
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
  }
  if (!response.ok) {
    const err = (json as { error?: { code?: string; message?: string; fields?: FieldError[] } } | undefined)?.error;
    const retry = response.headers.get('Retry-After');
    const error = new ApiError(
      response.status,
      err?.code ?? `http_${response.status}`,
      err?.message ?? translate(language, 'app.httpError', { status: String(response.status) }),
      err?.fields ?? [],
      retry !== null && retry !== '' && !Number.isNaN(Number(retry)) ? Number(retry) : null,
      json,
    );
    if (response.status === 401 && !options.quiet401 && onUnauthenticated) onUnauthenticated();
    throw error;
  }
  return json as T;
}

export const api = {
  get: <T>(path: string, query?: Query, signal?: AbortSignal) => request<T>('GET', path, { query, signal }),
  post: <T>(path: string, body?: unknown, options: RequestOptions = {}) =>
    request<T>('POST', path, { ...options, body }),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, { body }),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, { body }),
  del: <T = void>(path: string) => request<T>('DELETE', path),
};
