// The documents attached to a record (src/attachments on the server): a list with download links,
// and for those who may write an upload button (the file sent as the raw body, its name in
// ?filename=) and delete after confirmation. Reusable: a programme today, an activity, petition,
// loan or news item next — the caller gives the documents' URL (from its api.ts) and whether the
// user may write (from the server's answer, never a copy of its rule). The server decides what is
// accepted (by content); its error message is shown as it answers it, in the user's language.
import { Alert, Button, Popconfirm } from 'antd';
import { useRef, useState, type ChangeEvent } from 'react';
import { ApiError, request } from '../api/client';
import { fill } from '../i18n/catalogue';
import { formatDateTime, formatNumber } from '../i18n/format';
import { useI18n } from '../i18n/I18nProvider';
import { useApi } from '../lib/useApi';
import { Panel } from './Panel';

/** A document as the API lists it. */
export interface DocumentItem {
  id: number;
  name: string;
  content_type: string;
  size: number;
  sha256: string;
  created_by: string;
  created_at_ms: number;
}

export interface DocumentsProps {
  /** The documents' URL, e.g. the programme's `/documents` (each document is `${url}/${id}`). */
  url: string;
  /** Whether the user may add and remove documents (the server's `may_write`). */
  mayWrite: boolean;
  /** The section's heading; "Tài liệu" / "Documents" by default. */
  title?: string;
}

/** The server's limit (attachments::kMaxBytes): larger files are refused here, before sending. */
export const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;
const ACCEPT = '.pdf,.docx,.xlsx,.png,.jpg,.jpeg,.webp';

const texts = {
  vi: {
    title: 'Tài liệu',
    none: 'Chưa có tài liệu nào.',
    upload: 'Tải tài liệu lên',
    uploading: 'Đang tải lên…',
    help: 'PDF, Word (DOCX), Excel (XLSX) hoặc ảnh PNG, JPEG, WebP; tối đa 10 MB.',
    uploaded: 'Đã tải lên “{name}”.',
    deleted: 'Đã xóa “{name}”.',
    remove: 'Xóa',
    removeConfirm: 'Xóa tài liệu “{name}”?',
    cancel: 'Hủy',
    tooLarge: 'Tệp “{name}” quá lớn ({size} MB): chỉ nhận tệp đến 10 MB.',
    about: '{size} · {who}, {when}',
    removeNamed: 'Xóa {name}',
    loadError: 'Không tải được danh sách tài liệu: {message}',
  },
  en: {
    title: 'Documents',
    none: 'No documents yet.',
    upload: 'Upload a document',
    uploading: 'Uploading…',
    help: 'PDF, Word (DOCX), Excel (XLSX) or a PNG, JPEG or WebP picture; at most 10 MB.',
    uploaded: '“{name}” was uploaded.',
    deleted: '“{name}” was deleted.',
    remove: 'Delete',
    removeConfirm: 'Delete the document “{name}”?',
    cancel: 'Cancel',
    tooLarge: 'The file “{name}” is too large ({size} MB): files up to 10 MB are accepted.',
    about: '{size} · {who}, {when}',
    removeNamed: 'Delete {name}',
    loadError: 'The documents could not be loaded: {message}',
  },
};

/** A size in bytes as people read it: "850 B", "12 KB", "3,4 MB" (vi) / "3.4 MB" (en). */
export function formatSize(bytes: number, lang: 'vi' | 'en'): string {
  if (bytes < 1024) return `${formatNumber(bytes, lang)} B`;
  if (bytes < 1024 * 1024) return `${formatNumber(Math.round(bytes / 1024), lang)} KB`;
  return `${formatNumber(bytes / (1024 * 1024), lang, 1)} MB`;
}

/** The server's message, with its field messages when they add something. */
function errorText(e: unknown): string {
  if (e instanceof ApiError) {
    const extra = e.fields.map((f) => f.message).filter((m) => m && !e.message.includes(m));
    return [e.message, ...extra].join(' ');
  }
  return (e as Error).message;
}

export function Documents({ url, mayWrite, title }: DocumentsProps) {
  const { lang } = useI18n();
  const s = texts[lang];
  const list = useApi((signal) => request<{ items: DocumentItem[] }>('GET', url, { signal }), [url]);
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<{ type: 'success' | 'error'; text: string } | null>(null);

  const upload = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    if (file.size > MAX_DOCUMENT_BYTES) {
      setNotice({ type: 'error', text: fill(lang, s.tooLarge, { name: file.name, size: formatNumber(file.size / (1024 * 1024), lang, 1) }) });
      return;
    }
    setBusy(true);
    try {
      await request<DocumentItem>('POST', url, {
        query: { filename: file.name },
        raw: { data: file, contentType: file.type || 'application/octet-stream' },
      });
      setNotice({ type: 'success', text: fill(lang, s.uploaded, { name: file.name }) });
      list.reload();
    } catch (e) {
      setNotice({ type: 'error', text: errorText(e) });
    } finally {
      setBusy(false);
    }
  };

  const remove = async (d: DocumentItem) => {
    try {
      await request<void>('DELETE', `${url}/${d.id}`);
      setNotice({ type: 'success', text: fill(lang, s.deleted, { name: d.name }) });
      list.reload();
    } catch (e) {
      setNotice({ type: 'error', text: errorText(e) });
    }
  };

  const items = list.data?.items ?? [];
  return (
    <Panel
      title={<h2>{title ?? s.title}</h2>}
      testId="documents"
      extra={
        mayWrite && (
          <span className="no-print">
            <input
              ref={input}
              type="file"
              accept={ACCEPT}
              onChange={(e) => void upload(e)}
              style={{ display: 'none' }}
              data-testid="documents-input"
              aria-label={s.upload}
            />
            <Button type="primary" loading={busy} onClick={() => input.current?.click()} data-testid="documents-upload">
              {busy ? s.uploading : s.upload}
            </Button>
          </span>
        )
      }
    >
      {mayWrite && (
        <p className="muted no-print" style={{ marginTop: 0 }}>
          {s.help}
        </p>
      )}
      {notice && (
        <Alert
          type={notice.type}
          title={notice.text}
          showIcon
          closable
          onClose={() => setNotice(null)}
          style={{ marginBottom: 12 }}
          data-testid="documents-notice"
        />
      )}
      {list.error && !list.data && <Alert type="error" title={fill(lang, s.loadError, { message: list.error.message })} showIcon />}
      {list.data && items.length === 0 && (
        <p className="muted" style={{ margin: 0 }}>
          {s.none}
        </p>
      )}
      {items.length > 0 && (
        // A list, not a table: on a phone each document wraps within the screen's width.
        <ul style={{ listStyle: 'none', margin: 0, padding: 0 }} data-testid="documents-list">
          {items.map((d) => (
            <li
              key={d.id}
              data-testid={`document-${d.id}`}
              style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'baseline', gap: '2px 12px', padding: '6px 0', borderBottom: '1px solid #f0f0f0' }}
            >
              <a href={`${url}/${d.id}`} download={d.name} style={{ flex: '1 1 14em', minWidth: 0, overflowWrap: 'anywhere' }}>
                {d.name}
              </a>
              <span className="muted" data-testid={`document-${d.id}-about`}>
                {fill(lang, s.about, { size: formatSize(d.size, lang), who: d.created_by, when: formatDateTime(d.created_at_ms, lang) })}
              </span>
              {mayWrite && (
                <span className="no-print">
                  <Popconfirm
                    title={fill(lang, s.removeConfirm, { name: d.name })}
                    okText={s.remove}
                    cancelText={s.cancel}
                    onConfirm={() => remove(d)}
                  >
                    <Button size="small" danger data-testid={`document-${d.id}-delete`} aria-label={fill(lang, s.removeNamed, { name: d.name })}>
                      {s.remove}
                    </Button>
                  </Popconfirm>
                </span>
              )}
            </li>
          ))}
        </ul>
      )}
    </Panel>
  );
}
