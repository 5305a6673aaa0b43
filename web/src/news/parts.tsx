// Pieces the news pages share: the categories (asked once) and their names, the status tag (a word
// and a colour), and the workflow's dialogs (publish now or at a time; send back with a note),
// each showing the server's field errors on their field.
import { Alert, Input, Modal, Radio, Tag, type ButtonProps } from 'antd';
import { useEffect, useState } from 'react';
import { ApiError } from '../api/client';
import { useApi } from '../lib/useApi';
import { listNewsCategories, publishArticle, returnArticle } from './api';
import { isFuture, publishAt, vnDateTime, vnLocalInput } from './logic';
import { useT, type Key } from './strings';
import type { Article, NewsCategory } from './types';
import './news.css';

let categories: Promise<{ items: NewsCategory[] }> | null = null;
/** The categories (GET /api/v1/news-categories), asked once per page load. */
export function useCategories(): NewsCategory[] {
  const loaded = useApi(() => (categories ??= listNewsCategories().catch((e) => {
    categories = null;
    throw e;
  })), []);
  return loaded.data?.items ?? [];
}
/** For tests: ask the categories again. */
export const forgetCategories = () => {
  categories = null;
};

export function useCategoryName(): (code: string) => string {
  const { lang } = useT();
  const list = useCategories();
  return (code) => {
    const c = list.find((x) => x.code === code);
    return c ? (lang === 'en' ? c.name_en || c.name : c.name) : code;
  };
}

const STATUS_COLOURS = { draft: 'default', in_review: 'gold', published: 'green' } as const;

export function StatusTag({ article }: { article: Pick<Article, 'status' | 'scheduled' | 'published_at'> }) {
  const { t, lang } = useT();
  return (
    <span className="news-tags">
      <Tag color={STATUS_COLOURS[article.status]} className="news-tag" data-testid="article-status">
        {t(`news.status.${article.status}` as Key)}
      </Tag>
      {article.scheduled && article.published_at && (
        <Tag color="blue" className="news-tag" data-testid="article-scheduled">
          {t('news.scheduled', { at: vnDateTime(article.published_at, lang) })}
        </Tag>
      )}
    </span>
  );
}

/** The message of an error: its field errors' when it has some (a dialog has one field). */
function messageOf(e: unknown): string {
  if (e instanceof ApiError) return e.fields.map((f) => f.message).join(' ') || e.message;
  return (e as Error).message;
}

/** Publishing: now, or at a time typed in Việt Nam's time (a future time schedules). */
export function PublishDialog({ article, onDone, onClose, now = () => Date.now() }: { article: Article; onDone: (a: Article) => void; onClose: () => void; now?: () => number }) {
  const { t } = useT();
  const [when, setWhen] = useState<'now' | 'later'>('now');
  const [at, setAt] = useState('');
  const [atError, setAtError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (when === 'later' && !at) setAt(vnLocalInput(now(), 60 * 24));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [when]);
  const ok = async () => {
    setAtError(null);
    setError(null);
    if (when === 'later') {
      if (!at) return setAtError(t('news.publish.atRequired'));
      if (!isFuture(at, now())) return setAtError(t('news.publish.atPast'));
    }
    setBusy(true);
    try {
      onDone(await publishArticle(article.id, when === 'later' ? publishAt(at) : undefined));
    } catch (e) {
      if (e instanceof ApiError && e.fields.some((f) => f.field === 'at')) setAtError(e.fields.filter((f) => f.field === 'at').map((f) => f.message).join(' '));
      else setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open
      title={t('news.publish.title')}
      okText={when === 'later' ? t('news.publish.schedule') : t('news.publish.ok')}
      cancelText={t('common.cancel')}
      onOk={() => void ok()}
      onCancel={onClose}
      confirmLoading={busy}
      okButtonProps={{ 'data-testid': 'publish-confirm' } as ButtonProps}
    >
      <div className="news-dialog" data-testid="publish-dialog">
        <Radio.Group value={when} onChange={(e) => setWhen(e.target.value)} className="news-radio">
          <Radio value="now" data-testid="publish-now">
            {t('news.publish.now')}
          </Radio>
          <Radio value="later" data-testid="publish-later">
            {t('news.publish.later')}
          </Radio>
        </Radio.Group>
        {when === 'later' && (
          <div className="filter-field">
            <label htmlFor="publish-at">{t('news.publish.at')}</label>
            <Input
              id="publish-at"
              type="datetime-local"
              value={at}
              onChange={(e) => setAt(e.target.value)}
              status={atError ? 'error' : undefined}
              aria-invalid={atError ? true : undefined}
              aria-describedby={atError ? 'publish-at-error' : undefined}
              data-testid="publish-at"
            />
            {atError && (
              <div id="publish-at-error" className="news-field-error" role="alert">
                {atError}
              </div>
            )}
          </div>
        )}
        {error && <Alert type="error" showIcon title={error} data-testid="publish-error" />}
      </div>
    </Modal>
  );
}

/** Sending an article in review back to its author, with a note (required). */
export function ReturnDialog({ article, onDone, onClose }: { article: Article; onDone: (a: Article) => void; onClose: () => void }) {
  const { t } = useT();
  const [note, setNote] = useState('');
  const [noteError, setNoteError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const ok = async () => {
    setNoteError(null);
    setError(null);
    if (!note.trim()) return setNoteError(t('news.return.noteRequired'));
    setBusy(true);
    try {
      onDone(await returnArticle(article.id, note.trim()));
    } catch (e) {
      if (e instanceof ApiError && e.fields.some((f) => f.field === 'note')) setNoteError(e.fields.filter((f) => f.field === 'note').map((f) => f.message).join(' '));
      else setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open
      title={t('news.return.title')}
      okText={t('news.return.ok')}
      cancelText={t('common.cancel')}
      onOk={() => void ok()}
      onCancel={onClose}
      confirmLoading={busy}
      okButtonProps={{ 'data-testid': 'return-confirm' } as ButtonProps}
    >
      <div className="news-dialog" data-testid="return-dialog">
        <p style={{ margin: 0, fontWeight: 500 }}>{article.title}</p>
        <div className="filter-field">
          <label htmlFor="return-note">{t('news.return.note')}</label>
          <Input.TextArea
            id="return-note"
            autoSize={{ minRows: 3, maxRows: 10 }}
            maxLength={2000}
            value={note}
            onChange={(e) => setNote(e.target.value)}
            status={noteError ? 'error' : undefined}
            aria-invalid={noteError ? true : undefined}
            aria-describedby={noteError ? 'return-note-error' : undefined}
            data-testid="return-note"
          />
          {noteError && (
            <div id="return-note-error" className="news-field-error" role="alert">
              {noteError}
            </div>
          )}
        </div>
        {error && <Alert type="error" showIcon title={error} data-testid="return-error" />}
      </div>
    </Modal>
  );
}

/** The public address of a published article, as a link (the portal's page, outside the app). */
export function PublicLink({ article }: { article: Pick<Article, 'url'> }) {
  return (
    <a href={article.url} target="_blank" rel="noreferrer" data-testid="article-public-url">
      {article.url}
    </a>
  );
}
