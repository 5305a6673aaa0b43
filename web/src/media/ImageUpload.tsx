// Choosing a picture for a record (a news article's cover, a product's photo): a button that
// sends the file to the images API (the server decides what it accepts, by content, and says why
// not, in the user's language), then the 320-pixel variant and the picture's text alternative,
// which is required while a picture is set. The value is `{id, alt}` as the records store it.
import { DeleteOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, Button, Input } from 'antd';
import { useRef, useState, type ChangeEvent } from 'react';
import { ApiError } from '../api/client';
import { fill } from '../i18n/catalogue';
import { formatNumber } from '../i18n/format';
import { useI18n } from '../i18n/I18nProvider';
import { useApi } from '../lib/useApi';
import { getImage, uploadImage } from './api';
import { variantUrl, type StoredImage } from './types';
import './media.css';

export interface ImageRef {
  id: number;
  alt: string;
}

/** The server's limit: larger files are refused here, before sending. */
export const MAX_IMAGE_BYTES = 10 * 1024 * 1024;
const ACCEPT = '.jpg,.jpeg,.png,.webp,image/jpeg,image/png,image/webp';

const texts = {
  vi: {
    choose: 'Chọn ảnh…',
    replace: 'Đổi ảnh…',
    uploading: 'Đang tải ảnh lên…',
    remove: 'Bỏ ảnh',
    help: 'Ảnh JPEG, PNG hoặc WebP, tối đa 10 MB và 40 megapixel.',
    alt: 'Mô tả ảnh (cho người không xem được ảnh)',
    altHelp: 'Bắt buộc khi có ảnh: ảnh cho thấy gì, ví dụ “Toàn cảnh hội nghị”.',
    tooLarge: 'Tệp “{name}” quá lớn ({size} MB): chỉ nhận ảnh đến 10 MB.',
  },
  en: {
    choose: 'Choose a picture…',
    replace: 'Change the picture…',
    uploading: 'Uploading the picture…',
    remove: 'Remove the picture',
    help: 'A JPEG, PNG or WebP picture, at most 10 MB and 40 megapixels.',
    alt: 'Text alternative (for those who cannot see the picture)',
    altHelp: 'Required with a picture: what it shows, e.g. “The conference hall”.',
    tooLarge: 'The file “{name}” is too large ({size} MB): pictures up to 10 MB are accepted.',
  },
};

export interface ImageUploadProps {
  id?: string;
  value?: ImageRef | null;
  onChange?: (value: ImageRef | null) => void;
  /** The error shown under the text alternative (the form's, e.g. "required"). */
  altError?: string;
  disabled?: boolean;
  testId?: string;
}

export function ImageUpload({ id, value, onChange, altError, disabled, testId = 'image-upload' }: ImageUploadProps) {
  const { lang } = useI18n();
  const s = texts[lang];
  const input = useRef<HTMLInputElement>(null);
  const [uploaded, setUploaded] = useState<StoredImage | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // A picture the record already had: its sizes are asked once.
  const known = useApi(
    (signal) => (value && (!uploaded || uploaded.id !== value.id) ? getImage(value.id, signal) : Promise.resolve(null)),
    [value?.id, uploaded?.id],
  );
  const image = uploaded && value && uploaded.id === value.id ? uploaded : (known.data ?? null);

  const choose = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    if (file.size > MAX_IMAGE_BYTES) {
      setError(fill(lang, s.tooLarge, { name: file.name, size: formatNumber(file.size / (1024 * 1024), lang, 1) }));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const stored = await uploadImage(file);
      setUploaded(stored);
      onChange?.({ id: stored.id, alt: value?.alt ?? '' });
    } catch (e) {
      setError(e instanceof ApiError ? (e.fields.map((f) => f.message).join(' ') || e.message) : (e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="image-upload" data-testid={testId}>
      {value && (
        <div className="image-upload-chosen">
          {image ? (
            <img src={variantUrl(image, 320)} alt={value.alt || ''} width={160} data-testid={`${testId}-preview`} />
          ) : (
            <div className="image-upload-placeholder" aria-hidden="true" />
          )}
          <div className="image-upload-alt">
            <label htmlFor={id ? `${id}-alt` : `${testId}-alt`}>{s.alt}</label>
            <Input
              id={id ? `${id}-alt` : `${testId}-alt`}
              value={value.alt}
              maxLength={300}
              disabled={disabled}
              status={altError ? 'error' : undefined}
              aria-invalid={altError ? true : undefined}
              onChange={(e) => onChange?.({ id: value.id, alt: e.target.value })}
              data-testid={`${testId}-alt`}
            />
            <div className={altError ? 'image-upload-error' : 'muted'} role={altError ? 'alert' : undefined} style={{ fontSize: 13 }}>
              {altError ?? s.altHelp}
            </div>
          </div>
        </div>
      )}
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'center' }}>
        <input ref={input} type="file" accept={ACCEPT} hidden onChange={(e) => void choose(e)} data-testid={`${testId}-file`} />
        <Button id={id} icon={<UploadOutlined aria-hidden="true" />} loading={busy} disabled={disabled} onClick={() => input.current?.click()}>
          {busy ? s.uploading : value ? s.replace : s.choose}
        </Button>
        {value && (
          <Button icon={<DeleteOutlined aria-hidden="true" />} disabled={disabled} onClick={() => onChange?.(null)} data-testid={`${testId}-remove`}>
            {s.remove}
          </Button>
        )}
        <span className="muted" style={{ fontSize: 13 }}>
          {s.help}
        </span>
      </div>
      {error && <Alert type="error" showIcon title={error} data-testid={`${testId}-error`} />}
    </div>
  );
}
