// "Khảo sát": for officials, the questionnaires — the list, an XLSForm (.xlsx) uploaded with the
// server's errors listed by sheet, row and column — and the way to the campaigns; for a
// cooperative, its open campaigns with the link to answer.
import { Alert, Button, Space, Table } from 'antd';
import { useRef, useState } from 'react';
import { Link } from 'react-router';
import { useSession } from '../account/session';
import { ApiError } from '../api/client';
import { Panel } from '../components/Panel';
import { formatDate, formatNumber } from '../i18n/format';
import { useApi } from '../lib/useApi';
import { listQuestionnaires, uploadXlsForm } from './api';
import { inLang, isOfficial, uploadErrorLine } from './logic';
import { OpenSurveys } from './OpenSurveys';
import { OfficialsOnly } from './parts';
import { useT } from './strings';
import type { QuestionnaireSummary } from './types';
import './surveys.css';

export default function SurveysPage() {
  const { user } = useSession();
  if (user?.role === 'cooperative') return <OpenSurveys />;
  if (!isOfficial(user?.role)) return <OfficialsOnly />;
  return <Questionnaires />;
}

function Questionnaires() {
  const { t, lang } = useT();
  const list = useApi((signal) => listQuestionnaires(signal), []);
  const file = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [failure, setFailure] = useState<{ message: string; lines: string[] } | null>(null);

  const upload = async (chosen: File | undefined) => {
    if (!chosen) return;
    setBusy(true);
    setNotice(null);
    setFailure(null);
    try {
      const made = await uploadXlsForm(chosen);
      setNotice(t('sv.uploaded', { title: inLang(made.title, lang) }));
      list.reload();
    } catch (e) {
      const error = e as Error;
      if (error instanceof ApiError && error.fields.length)
        setFailure({ message: t('sv.uploadErrors', { count: error.fields.length }), lines: error.fields.map((f) => uploadErrorLine(f, t)) });
      else setFailure({ message: error.message, lines: [] });
    } finally {
      setBusy(false);
      if (file.current) file.current.value = '';
    }
  };

  return (
    <div className="sv-page" data-testid="surveys-page">
      <div className="sv-bar">
        <h1 className="page-title" style={{ margin: 0 }}>
          {t('sv.title')}
        </h1>
        <Space wrap>
          <Link to="/surveys/campaigns">
            <Button type="primary" data-testid="surveys-campaigns">
              {t('sv.campaigns')}
            </Button>
          </Link>
          <Button loading={busy} onClick={() => file.current?.click()} data-testid="survey-upload">
            {busy ? t('sv.uploading') : t('sv.upload')}
          </Button>
          <input
            ref={file}
            type="file"
            className="sv-file"
            accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            aria-label={t('sv.upload')}
            tabIndex={-1}
            onChange={(e) => void upload(e.target.files?.[0])}
            data-testid="survey-file"
          />
        </Space>
      </div>
      <p className="muted" style={{ margin: 0 }}>
        {t('sv.uploadHelp')}
      </p>
      {notice && <Alert type="success" showIcon title={notice} closable onClose={() => setNotice(null)} />}
      {failure && (
        <Alert
          type="error"
          showIcon
          data-testid="survey-upload-errors"
          title={failure.message}
          description={
            failure.lines.length ? (
              <ul className="sv-errors">
                {failure.lines.map((line, i) => (
                  <li key={i}>{line}</li>
                ))}
              </ul>
            ) : undefined
          }
          closable
          onClose={() => setFailure(null)}
        />
      )}
      {list.error && <Alert type="error" showIcon title={list.error.message} />}
      <Panel testId="survey-list">
        <div className="sv-scroll table-scroll">
          <Table<QuestionnaireSummary>
            rowKey="id"
            size="small"
            loading={list.loading}
            dataSource={list.data?.items ?? []}
            locale={{ emptyText: t('sv.none') }}
            pagination={false}
            scroll={{ x: 'max-content' }}
            columns={[
              {
                key: 'title',
                title: t('sv.name'),
                render: (_, q) => (
                  <div style={{ minWidth: 200, maxWidth: 'min(420px, 60vw)' }}>
                    <Link to={`/surveys/${q.id}`}>{inLang(q.title, lang)}</Link>
                  </div>
                ),
              },
              { key: 'form_id', title: t('sv.formId'), render: (_, q) => <code>{q.form_id}</code> },
              { key: 'version', title: t('sv.version'), dataIndex: 'version' },
              { key: 'questions', title: t('sv.questionCount'), className: 'num', render: (_, q) => formatNumber(q.question_count, lang) },
              { key: 'campaigns', title: t('sv.campaignCount'), className: 'num', render: (_, q) => formatNumber(q.campaign_count, lang) },
              { key: 'created', title: t('sv.createdAt'), render: (_, q) => <span className="nowrap">{formatDate(q.created_at?.slice(0, 10), lang)}</span> },
            ]}
          />
        </div>
      </Panel>
    </div>
  );
}
