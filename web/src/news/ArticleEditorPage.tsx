// Writing an article (/news/new, /news/new?translation_of=11 for an English version) or changing
// one (/news/:id): title, summary, the Markdown body with a preview rendered by the server (the
// same renderer as the public page), the category, keywords, the province (national officials
// choose; a province's are fixed to theirs), the cover picture with its text alternative, the
// organisations it is about, the language and the Vietnamese article an English one translates.
// Above the form, the article's status and the workflow's moves the user may make (submit,
// publish now or at a time, send back with a note, unpublish, delete a draft); a published
// article shows its public address. Every error of the server is shown on its field.
import { Alert, Button, Form, Input, Popconfirm, Result, Select, Space, Tabs } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { useSession } from '../account/session';
import { EntityPicker } from '../activities/parts';
import { ApiError } from '../api/client';
import { Panel } from '../components/Panel';
import { showFieldErrors } from '../components/formErrors';
import { provinceName, useProvinces } from '../geo/units';
import { formatNumber } from '../i18n/format';
import { searchable } from '../lib/fold';
import { useApi } from '../lib/useApi';
import { ImageUpload } from '../media/ImageUpload';
import { createArticle, deleteArticle, getArticle, listArticles, previewMarkdown, submitArticle, unpublishArticle, updateArticle } from './api';
import {
  articleActions,
  articleBody,
  articleForm,
  editorField,
  emptyArticle,
  isNational,
  mayWrite,
  translationForm,
  vnDateTime,
  writesNews,
  type ArticleAction,
  type ArticleForm,
} from './logic';
import { PublicLink, PublishDialog, ReturnDialog, StatusTag, useCategories } from './parts';
import { useT, type Key } from './strings';
import type { Article } from './types';

const FIELDS = ['lang', 'translation_of', 'title', 'summary', 'body', 'category', 'keywords', 'province', 'cover_image', 'entity_ids'];

/** The body with its preview (the server's HTML, sanitised there). */
function BodyEditor({ id, value, onChange }: { id?: string; value?: string; onChange?: (v: string) => void }) {
  const { t } = useT();
  const [tab, setTab] = useState('write');
  const [preview, setPreview] = useState<{ html?: string; error?: string; loading?: boolean }>({});
  const asked = useRef(0);
  const show = async (key: string) => {
    setTab(key);
    if (key !== 'preview') return;
    const text = value ?? '';
    if (!text.trim()) return setPreview({ html: '' });
    const n = ++asked.current;
    setPreview({ loading: true });
    try {
      const r = await previewMarkdown(text);
      if (n === asked.current) setPreview({ html: r.body_html });
    } catch (e) {
      if (n === asked.current) setPreview({ error: (e as Error).message });
    }
  };
  return (
    <Tabs
      activeKey={tab}
      onChange={(k) => void show(k)}
      size="small"
      items={[
        {
          key: 'write',
          label: t('news.write'),
          children: (
            <Input.TextArea
              id={id}
              value={value}
              onChange={(e) => onChange?.(e.target.value)}
              autoSize={{ minRows: 12, maxRows: 40 }}
              maxLength={100_000}
              spellCheck
              data-testid="article-body"
            />
          ),
        },
        {
          key: 'preview',
          label: <span data-testid="article-preview-tab">{t('news.preview')}</span>,
          children: (
            <div className="news-preview" data-testid="article-preview" aria-live="polite">
              {preview.loading ? (
                <p className="muted">{t('news.previewLoading')}</p>
              ) : preview.error ? (
                <Alert type="error" showIcon title={t('news.previewError', { message: preview.error })} />
              ) : preview.html ? (
                // The server's rendering (CMARK_OPT_SAFE: raw HTML and unsafe links dropped).
                <div dangerouslySetInnerHTML={{ __html: preview.html }} />
              ) : (
                <p className="muted">{t('news.previewEmpty')}</p>
              )}
            </div>
          ),
        },
      ]}
    />
  );
}

/** The Vietnamese article an English one translates: found by title. */
function TranslationPicker({ id, value, onChange, known }: { id?: string; value?: number | null; onChange?: (v: number | null) => void; known?: { id: number; title: string } | null }) {
  const { t } = useT();
  const [found, setFound] = useState<{ id: number; title: string }[]>([]);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);
  const search = (text: string) => {
    clearTimeout(timer.current);
    if (text.trim().length < 2) return;
    timer.current = setTimeout(() => {
      listArticles({ lang: 'vi', q: text.trim(), limit: 20 })
        .then((r) => setFound(r.items.map((a) => ({ id: a.id, title: a.title }))))
        .catch(() => undefined);
    }, 250);
  };
  const options = [...(known && !found.some((f) => f.id === known.id) ? [known] : []), ...found];
  return (
    <Select<number>
      id={id}
      allowClear
      showSearch={{ filterOption: false, onSearch: search }}
      value={value ?? undefined}
      onChange={(v) => onChange?.(v ?? null)}
      placeholder={t('news.translationSearch')}
      options={options.map((a) => ({ value: a.id, label: a.title }))}
      data-testid="article-translation-of"
      style={{ width: '100%' }}
    />
  );
}

export default function ArticleEditorPage() {
  const { id } = useParams();
  const editing = id !== undefined;
  const [params] = useSearchParams();
  const translationOf = params.get('translation_of');
  const { t, lang } = useT();
  const { user } = useSession();
  const navigate = useNavigate();
  const [form] = Form.useForm<ArticleForm>();
  const provinces = useProvinces();
  const categories = useCategories();
  const national = isNational(user?.role);
  const existing = useApi((signal) => (editing ? getArticle(id, signal) : Promise.resolve(null)), [id]);
  const original = useApi((signal) => (!editing && translationOf ? getArticle(translationOf, signal) : Promise.resolve(null)), [translationOf]);
  const [article, setArticle] = useState<Article | null>(null);
  const [saving, setSaving] = useState(false);
  const [dirty, setDirty] = useState(false);
  const [general, setGeneral] = useState<string[]>([]);
  const [notice, setNotice] = useState<string | null>(null);
  const [dialog, setDialog] = useState<'publish' | 'return' | null>(null);
  const chosenLang = Form.useWatch('lang', form);
  // The Vietnamese original of an English article, for its title.
  const translated = useApi(
    (signal) => (article?.translation_of ? getArticle(article.translation_of, signal).then((a) => ({ id: a.id, title: a.title })) : Promise.resolve(null)),
    [article?.translation_of],
  );
  useEffect(() => {
    if (existing.data) {
      setArticle(existing.data);
      form.setFieldsValue(articleForm(existing.data));
      setDirty(false);
    }
  }, [existing.data, form]);
  useEffect(() => {
    if (original.data) form.setFieldsValue(translationForm(original.data));
  }, [original.data, form]);

  if (!writesNews(user?.role)) return <Result status="403" title="403" subTitle={t('news.forbidden')} />;
  if (editing && existing.error) {
    const missing = existing.error instanceof ApiError && existing.error.status === 404;
    return (
      <Result
        status={missing ? '404' : 'error'}
        title={missing ? '404' : t('common.error')}
        subTitle={missing ? t('news.notFound') : existing.error.message}
        extra={<Link to="/news">{t('news.back')}</Link>}
      />
    );
  }
  const writable = !article || mayWrite(user, article.province);
  const actions: ArticleAction[] = article ? articleActions(article, user) : [];

  /** Shows an error of the server: each field error on its field, the rest above the form. */
  const showError = (e: unknown) => {
    if (e instanceof ApiError) {
      const moved = new ApiError(e.status, e.code, e.message, e.fields.map((f) => ({ ...f, field: editorField(f.field) })));
      const rest = showFieldErrors(form, moved, (path) => FIELDS.includes(String(path[0])));
      setGeneral(rest.length ? rest : [t('common.fixErrors')]);
    } else setGeneral([(e as Error).message]);
  };

  /** Saves the form; returns the saved article (null when it was not saved). */
  const save = async (): Promise<Article | null> => {
    let values: ArticleForm;
    try {
      values = await form.validateFields();
    } catch {
      setGeneral([t('common.fixErrors')]);
      return null;
    }
    setSaving(true);
    setGeneral([]);
    setNotice(null);
    try {
      const body = articleBody(values, { editing: !!article });
      const saved = article ? await updateArticle(article.id, body) : await createArticle(body);
      setArticle(saved);
      setDirty(false);
      if (!article) navigate(`/news/${saved.id}`, { replace: true });
      else setNotice(t('news.saved'));
      return saved;
    } catch (e) {
      showError(e);
      return null;
    } finally {
      setSaving(false);
    }
  };

  /** A move of the workflow; unsaved changes are saved first. */
  const act = async (action: ArticleAction) => {
    if (!article) return;
    setGeneral([]);
    setNotice(null);
    let current = article;
    if (dirty && writable) {
      const saved = await save();
      if (!saved) return;
      current = saved;
    }
    if (action === 'publish' || action === 'return') return setDialog(action);
    try {
      if (action === 'submit') {
        setArticle(await submitArticle(current.id));
        setNotice(t('news.submitted'));
      } else if (action === 'unpublish') {
        setArticle(await unpublishArticle(current.id));
        setNotice(t('news.unpublished'));
      } else if (action === 'delete') {
        await deleteArticle(current.id);
        navigate('/news', { replace: true });
      }
    } catch (e) {
      showError(e);
    }
  };

  const required = [{ required: true, whitespace: true, message: t('common.required') }];
  const coverRule = {
    validator: (_: unknown, v: ArticleForm['cover_image']) => (v && !v.alt.trim() ? Promise.reject(new Error(t('news.coverAltRequired'))) : Promise.resolve()),
  };
  const actionButton = (action: ArticleAction) => {
    const label = t(`news.action.${action}` as Key);
    const testId = `article-${action}`;
    if (action === 'unpublish')
      return (
        <Popconfirm key={action} title={t('news.unpublishConfirm')} okText={label} cancelText={t('common.cancel')} onConfirm={() => void act(action)}>
          <Button danger data-testid={testId}>
            {label}
          </Button>
        </Popconfirm>
      );
    if (action === 'delete')
      return (
        <Popconfirm key={action} title={t('news.deleteConfirm', { title: article?.title ?? '' })} okText={t('common.delete')} cancelText={t('common.cancel')} onConfirm={() => void act(action)}>
          <Button danger data-testid={testId}>
            {label}
          </Button>
        </Popconfirm>
      );
    return (
      <Button key={action} type={action === 'publish' || action === 'submit' ? 'primary' : 'default'} onClick={() => void act(action)} data-testid={testId}>
        {label}
      </Button>
    );
  };
  const english = article?.translations.find((x) => x.lang === 'en');

  return (
    <div className="news-page" data-testid="article-editor">
      <Link to="/news">← {t('news.back')}</Link>
      <div className="news-head">
        <h1 className="page-title" style={{ margin: 0 }}>
          {article ? article.title || t('news.edit') : translationOf ? t('news.createTranslation') : t('news.create')}
        </h1>
        {article && <StatusTag article={article} />}
        {article && article.status === 'published' && (
          <span className="muted" data-testid="article-views">
            {t('news.views', { count: formatNumber(article.views, lang) })}
          </span>
        )}
      </div>
      {article && article.status === 'published' && (
        <Alert
          type={article.scheduled ? 'info' : 'success'}
          showIcon
          data-testid="article-published"
          title={
            <span>
              {article.scheduled ? `${t('news.scheduled', { at: vnDateTime(article.published_at, lang) })} · ` : ''}
              {t('news.publicUrl')}: <PublicLink article={article} />
            </span>
          }
        />
      )}
      {article?.review_note && article.status === 'draft' && (
        <Alert type="warning" showIcon title={t('news.reviewNote')} description={article.review_note} data-testid="article-review-note" />
      )}
      {notice && <Alert type="success" showIcon title={notice} data-testid="article-notice" closable onClose={() => setNotice(null)} />}
      {general.length > 0 && <Alert type="error" showIcon title={general.join(' ')} data-testid="article-error" />}
      {!writable && <Alert type="info" showIcon title={t('news.readOnly')} />}
      {article && (actions.length > 0 || article.lang === 'vi' || article.translation_of) && (
        <div className="news-actions" data-testid="article-actions">
          {actions.map(actionButton)}
          {article.lang === 'vi' &&
            (english ? (
              <Link to={`/news/${english.id}`} data-testid="article-english">
                <Button>{t('news.englishVersion')}</Button>
              </Link>
            ) : (
              writable && (
                <Link to={`/news/new?translation_of=${article.id}`} data-testid="article-translate">
                  <Button>{t('news.createTranslation')}</Button>
                </Link>
              )
            ))}
          {article.lang === 'en' && article.translation_of && (
            <Link to={`/news/${article.translation_of}`} data-testid="article-vietnamese">
              <Button>{t('news.vietnameseVersion', { title: translated.data?.title ?? `#${article.translation_of}` })}</Button>
            </Link>
          )}
        </div>
      )}
      {actions.includes('submit') && user?.role === 'province_officer' && (
        <p className="muted" style={{ margin: 0 }}>
          {t('news.submitHelp')}
        </p>
      )}
      <Form
        form={form}
        layout="vertical"
        initialValues={emptyArticle(user)}
        onValuesChange={() => setDirty(true)}
        onFinish={() => void save()}
        disabled={!writable}
        data-testid="article-form"
      >
        <div className="news-stack">
          <Panel>
            <Form.Item name="title" label={t('news.headline')} rules={required}>
              <Input maxLength={300} data-testid="article-title" />
            </Form.Item>
            <Form.Item name="summary" label={t('news.summary')} extra={t('news.summaryHelp')} rules={required}>
              <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={1000} data-testid="article-summary" />
            </Form.Item>
            <Form.Item name="body" label={t('news.body')} extra={t('news.bodyHelp')} rules={required}>
              <BodyEditor />
            </Form.Item>
          </Panel>
          <Panel>
            <div className="news-form-row">
              <Form.Item name="category" label={t('news.category')} rules={[{ required: true, message: t('common.required') }]}>
                <Select
                  showSearch={searchable}
                  options={categories.map((c) => ({ value: c.code, label: lang === 'en' ? c.name_en || c.name : c.name }))}
                  data-testid="article-category"
                />
              </Form.Item>
              <Form.Item name="province" label={t('news.province')} extra={national ? t('news.provinceHelp') : t('news.provinceFixed')}>
                <Select
                  showSearch={searchable}
                  disabled={!national}
                  options={[{ value: '', label: t('news.national') }, ...provinces.map((p) => ({ value: p.code, label: provinceName(p, lang) }))]}
                  data-testid="article-province"
                />
              </Form.Item>
              <Form.Item name="lang" label={t('news.lang')}>
                <Select
                  disabled={!!article}
                  options={[
                    { value: 'vi', label: t('news.lang.vi') },
                    { value: 'en', label: t('news.lang.en') },
                  ]}
                  data-testid="article-lang"
                />
              </Form.Item>
            </div>
            {chosenLang === 'en' && (
              <Form.Item name="translation_of" label={t('news.translationOf')} extra={t('news.translationOfHelp')}>
                <TranslationPicker known={original.data ? { id: original.data.id, title: original.data.title } : (translated.data ?? null)} />
              </Form.Item>
            )}
            <Form.Item name="keywords" label={t('news.keywords')} extra={t('news.keywordsHelp')}>
              <Select mode="tags" tokenSeparators={[',']} open={false} suffixIcon={null} data-testid="article-keywords" />
            </Form.Item>
            <Form.Item name="cover_image" label={t('news.cover')} rules={[coverRule]}>
              <ImageUpload testId="article-cover" />
            </Form.Item>
            <Form.Item name="entity_ids" label={t('news.entities')} extra={t('news.entitiesHelp')}>
              <EntityPicker multiple testId="article-entities" />
            </Form.Item>
          </Panel>
          {writable && (
            <Space wrap>
              <Button type="primary" htmlType="submit" loading={saving} data-testid="article-save">
                {article && article.status !== 'draft' ? t('news.save') : t('news.saveDraft')}
              </Button>
              <Link to="/news">
                <Button disabled={false}>{t('common.cancel')}</Button>
              </Link>
            </Space>
          )}
        </div>
      </Form>
      {article && dialog === 'publish' && (
        <PublishDialog
          article={article}
          onClose={() => setDialog(null)}
          onDone={(a) => {
            setArticle(a);
            setDialog(null);
            setNotice(a.scheduled ? t('news.scheduledNotice', { at: vnDateTime(a.published_at, lang), url: a.url }) : t('news.publishedNotice', { url: a.url }));
          }}
        />
      )}
      {article && dialog === 'return' && (
        <ReturnDialog
          article={article}
          onClose={() => setDialog(null)}
          onDone={(a) => {
            setArticle(a);
            setDialog(null);
            setNotice(t('news.returned'));
          }}
        />
      )}
    </div>
  );
}
