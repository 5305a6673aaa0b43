// "Bài chờ duyệt": the articles submitted for review within the reviewer's scope (the server's:
// a province administrator's province, everything for national officials), oldest first, each
// with its summary and the reviewer's moves: open it, publish it now (or at a time), or send it
// back to its author with a note.
import { Alert, Button, Result } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { useSession } from '../account/session';
import { Panel } from '../components/Panel';
import { formatNumber } from '../i18n/format';
import { useApi } from '../lib/useApi';
import { listArticles } from './api';
import { mayPublish, publishesNews, vnDateTime } from './logic';
import { PublishDialog, ReturnDialog, useCategoryName } from './parts';
import { useT } from './strings';
import type { Article } from './types';

export default function ReviewQueuePage() {
  const { t, lang } = useT();
  const { user } = useSession();
  const categoryName = useCategoryName();
  const reviewer = publishesNews(user?.role);
  const list = useApi((signal) => (reviewer ? listArticles({ status: 'in_review', limit: 100 }, signal) : Promise.resolve(null)), [reviewer]);
  const [dialog, setDialog] = useState<{ kind: 'publish' | 'return'; article: Article } | null>(null);
  const [notice, setNotice] = useState<{ text: string; url?: string } | null>(null);

  if (!reviewer) return <Result status="403" title="403" subTitle={t('news.review.publishersOnly')} />;
  const items = [...(list.data?.items ?? [])].sort((a, b) => a.updated_at.localeCompare(b.updated_at));
  const done = (text: string, url?: string) => {
    setDialog(null);
    setNotice({ text, url });
    list.reload();
  };

  return (
    <div className="news-page" data-testid="news-review-page">
      <Link to="/news">← {t('news.back')}</Link>
      <h1 className="page-title" style={{ margin: 0 }}>
        {t('news.review.title')}
      </h1>
      <p className="muted" style={{ margin: 0 }}>
        {t('news.review.intro')}
      </p>
      {notice && (
        <Alert
          type="success"
          showIcon
          closable
          onClose={() => setNotice(null)}
          data-testid="review-notice"
          title={
            <span>
              {notice.text}{' '}
              {notice.url && (
                <a href={notice.url} target="_blank" rel="noreferrer" data-testid="review-public-url">
                  {notice.url}
                </a>
              )}
            </span>
          }
        />
      )}
      {list.error && <Alert type="error" showIcon title={list.error.message} />}
      <Panel testId="news-review-list" title={list.data ? t('news.count', { count: formatNumber(list.data.total, lang) }) : undefined}>
        {items.length === 0 ? (
          <p className="muted" data-testid="news-review-empty">
            {list.loading ? t('app.loading') : t('news.review.none')}
          </p>
        ) : (
          <ul className="news-cards">
            {items.map((a) => (
              <li key={a.id} className="news-card" data-testid={`review-${a.id}`}>
                <Link to={`/news/${a.id}`} style={{ fontWeight: 600 }}>
                  {a.title}
                </Link>
                <span className="muted" style={{ fontSize: 13 }}>
                  {categoryName(a.category)} · {a.province_name ?? t('news.national')} · {a.author} · {t('news.review.submittedAt')} {vnDateTime(a.updated_at, lang)}
                </span>
                {a.summary && <span>{a.summary}</span>}
                {mayPublish(user, a.province) && (
                  <div className="news-actions" style={{ marginTop: 4 }}>
                    <Button type="primary" size="small" onClick={() => setDialog({ kind: 'publish', article: a })} data-testid={`review-publish-${a.id}`}>
                      {t('news.action.publish')}
                    </Button>
                    <Button size="small" onClick={() => setDialog({ kind: 'return', article: a })} data-testid={`review-return-${a.id}`}>
                      {t('news.action.return')}
                    </Button>
                  </div>
                )}
              </li>
            ))}
          </ul>
        )}
      </Panel>
      {dialog?.kind === 'publish' && (
        <PublishDialog
          article={dialog.article}
          onClose={() => setDialog(null)}
          onDone={(a) =>
            done(a.scheduled ? t('news.review.scheduled', { title: a.title, at: vnDateTime(a.published_at, lang) }) : t('news.review.published', { title: a.title }), a.url)
          }
        />
      )}
      {dialog?.kind === 'return' && <ReturnDialog article={dialog.article} onClose={() => setDialog(null)} onDone={() => done(t('news.returned'))} />}
    </div>
  );
}
