// A questionnaire: its sections and questions with their types, required marks, hints, choices
// and skip logic in words; downloaded as XLSForm, deleted while no campaign uses it, and the way
// to start a campaign with it.
import { Alert, Button, Popconfirm, Result, Space, Tag } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useSession } from '../account/session';
import { ApiError } from '../api/client';
import { Panel } from '../components/Panel';
import { formatDate, formatNumber } from '../i18n/format';
import { useApi } from '../lib/useApi';
import { deleteQuestionnaire, getQuestionnaire, xlsFormUrl } from './api';
import { conditionText, inLang, isOfficial } from './logic';
import { OfficialsOnly } from './parts';
import { questionTypeLabel, useT } from './strings';
import type { Question, Questionnaire } from './types';
import './surveys.css';

export default function QuestionnairePage() {
  const { id = '' } = useParams();
  const { t, lang } = useT();
  const { user } = useSession();
  const navigate = useNavigate();
  const official = isOfficial(user?.role);
  const loaded = useApi((signal) => (official ? getQuestionnaire(id, signal) : Promise.resolve(undefined)), [id, official]);
  const [error, setError] = useState<string | null>(null);

  if (!official) return <OfficialsOnly />;
  if (loaded.error && !loaded.data) {
    const missing = loaded.error instanceof ApiError && loaded.error.status === 404;
    return (
      <Result
        status={missing ? '404' : 'error'}
        title={missing ? '404' : t('common.error')}
        subTitle={missing ? t('sv.notFound') : loaded.error.message}
        extra={<Link to="/surveys">{t('sv.back')}</Link>}
      />
    );
  }
  const q = loaded.data;
  if (!q) return <div className="muted">{t('app.loading')}</div>;
  const title = inLang(q.title, lang);
  const deletable = q.may_delete ?? (q.campaign_count ?? 0) === 0;
  const remove = async () => {
    try {
      await deleteQuestionnaire(q.id);
      navigate('/surveys');
    } catch (e) {
      setError((e as Error).message);
    }
  };

  return (
    <div className="sv-page" data-testid="questionnaire-page">
      <Link to="/surveys">← {t('sv.back')}</Link>
      <h1 className="page-title" style={{ margin: 0 }} data-testid="questionnaire-title">
        {title}
      </h1>
      <div className="sv-bar">
        <Space wrap>
          <Link to={`/surveys/campaigns/new?questionnaire=${q.id}`}>
            <Button type="primary" data-testid="questionnaire-campaign">
              {t('sv.newCampaign')}
            </Button>
          </Link>
          <Button href={xlsFormUrl(q.id)} data-testid="questionnaire-download">
            {t('sv.download')}
          </Button>
          {deletable ? (
            <Popconfirm title={t('sv.deleteConfirm', { title })} okText={t('common.delete')} cancelText={t('common.cancel')} onConfirm={remove}>
              <Button danger data-testid="questionnaire-delete">
                {t('sv.delete')}
              </Button>
            </Popconfirm>
          ) : (
            <span className="muted" data-testid="questionnaire-in-use">
              {t('sv.inUse', { count: q.campaign_count ?? 0 })}
            </span>
          )}
        </Space>
      </div>
      {error && <Alert type="error" showIcon title={error} closable onClose={() => setError(null)} />}
      <Panel className="sv-head">
        <dl>
          <dt>{t('sv.formId')}</dt>
          <dd>
            <code>{q.form_id}</code>
          </dd>
          <dt>{t('sv.version')}</dt>
          <dd>{q.version || '—'}</dd>
          <dt>{t('sv.questionCount')}</dt>
          <dd>{formatNumber(q.question_count ?? q.sections.reduce((n, s) => n + s.questions.filter((x) => x.type !== 'note').length, 0), lang)}</dd>
          <dt>{t('sv.campaignCount')}</dt>
          <dd>{formatNumber(q.campaign_count ?? 0, lang)}</dd>
          {q.created_at && (
            <>
              <dt>{t('sv.createdAt')}</dt>
              <dd>
                {formatDate(q.created_at.slice(0, 10), lang)}
                {q.created_by ? ` — ${q.created_by}` : ''}
              </dd>
            </>
          )}
        </dl>
      </Panel>
      <Outline questionnaire={q} />
    </div>
  );
}

/** The sections and their questions, numbered as the person answering sees them. */
export function Outline({ questionnaire }: { questionnaire: Questionnaire }) {
  const { t, lang } = useT();
  const labels = new Map<string, string>();
  for (const s of questionnaire.sections) for (const x of s.questions) labels.set(x.name, inLang(x.label, lang));
  const name = (ref: string) => labels.get(ref) || ref;
  return (
    <>
      {questionnaire.sections.map((s, i) => (
        <Panel
          key={s.name}
          testId={`section-${s.name}`}
          title={
            <h2 style={{ margin: 0, fontSize: 17 }}>
              {inLang(s.label, lang) || `${t('sv.section')} ${i + 1}`}
            </h2>
          }
        >
          {s.condition && <p className="sv-condition">{t('sv.shownWhen', { condition: conditionText(s.condition, t, name) })}</p>}
          <ol className="sv-questions">
            {s.questions.map((x) => (
              <QuestionItem key={x.name} question={x} name={name} />
            ))}
          </ol>
        </Panel>
      ))}
    </>
  );
}

function QuestionItem({ question: x, name }: { question: Question; name: (ref: string) => string }) {
  const { t, lang } = useT();
  const hint = inLang(x.hint, lang);
  const showChoices = (x.type === 'single' || x.type === 'multiple' || x.type === 'likert') && !!x.choices?.length;
  return (
    <li data-testid={`question-${x.name}`}>
      <div className="sv-question-label">{inLang(x.label, lang)}</div>
      {hint && <div className="muted" style={{ fontSize: 13 }}>{hint}</div>}
      <div className="sv-question-meta">
        <Tag className="sv-tag">{questionTypeLabel(x.type, lang)}</Tag>
        {x.type !== 'note' && (
          <Tag className="sv-tag" color={x.required ? 'red' : 'default'}>
            {x.required ? t('sv.required') : t('sv.optional')}
          </Tag>
        )}
        <code className="muted">{x.name}</code>
      </div>
      {x.condition && (
        <div className="sv-condition" title={x.relevant}>
          {t('sv.shownWhen', { condition: conditionText(x.condition, t, name) })}
        </div>
      )}
      {!x.condition && x.relevant && <div className="sv-condition">{t('sv.shownWhen', { condition: x.relevant })}</div>}
      {showChoices && (
        <ul className="sv-choices-list">
          {x.choices!.map((c) => (
            <li key={c.name}>
              {inLang(c.label, lang)} <code>({c.name})</code>
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}
