// A petition: its code, status (a step bar: received → assigned → answered → closed) and overdue
// tag, who raised it (links to the registry), where (the activity), what and to whom, who handles
// it and by when, the answer, and the history of its steps (who, when, note). The actions its
// `may` flags allow, each in a small dialog: assign (to an officer, when the caller may list the
// accounts, or to an agency; due in 30 days by default), answer (public or not), close, reopen
// (with a reason). A refusal (409 petition.step_not_allowed …) is shown as the server says it.
import { Alert, Button, Checkbox, Form, Input, Modal, Radio, Result, Select, Space, Steps, Tag } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { DateInput } from '../activities/parts';
import { ApiError } from '../api/client';
import { Panel } from '../components/Panel';
import { showFieldErrors } from '../components/formErrors';
import { formatDate, todayIso } from '../i18n/format';
import { searchable } from '../lib/fold';
import { useApi } from '../lib/useApi';
import { answerPetition, assignPetition, closePetition, getPetition, listAssignees, reopenPetition } from './api';
import { addDays, DUE_DAYS, instantParts, STEP_ORDER, stepIndex } from './logic';
import { handlerText, OverdueTag, StatusTag, useThemeName } from './parts';
import { useT, type Key } from './strings';
import type { Petition } from './types';
import './petitions.css';

type Action = 'assign' | 'answer' | 'close' | 'reopen';

export default function PetitionPage() {
  const { id = '' } = useParams();
  const { t, lang } = useT();
  const themeName = useThemeName();
  const loaded = useApi((signal) => getPetition(id, signal), [id]);
  const [shown, setShown] = useState<Petition | null>(null);
  const [action, setAction] = useState<Action | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  if (loaded.error && !loaded.data) {
    const missing = loaded.error instanceof ApiError && (loaded.error.status === 404 || loaded.error.status === 403);
    return (
      <Result
        status={missing ? '404' : 'error'}
        title={missing ? '404' : t('common.error')}
        subTitle={missing ? t('pet.notFound') : loaded.error.message}
        extra={<Link to="/petitions">{t('pet.back')}</Link>}
        data-testid="petition-not-found"
      />
    );
  }
  // The petition as the last action answered it, else as loaded.
  const p = shown && shown.id === loaded.data?.id ? shown : loaded.data;
  if (!p) return <div className="muted">{t('app.loading')}</div>;
  const done = (next: Petition, text: string) => {
    setShown(next);
    setAction(null);
    setNotice(text);
  };
  const dt = (at: string) => {
    const { date, time } = instantParts(at);
    return `${formatDate(date, lang)} ${time}`.trim();
  };
  const current = stepIndex(p.status);
  const stepAt = (step: string) => [...p.steps].reverse().find((s) => s.step === step)?.at;

  return (
    <div className="pet-page" data-testid="petition-page">
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, justifyContent: 'space-between', alignItems: 'center' }}>
        <Link to="/petitions">← {t('pet.back')}</Link>
        <Space wrap data-testid="petition-actions">
          {p.may.edit && (
            <Link to={`/petitions/${p.id}/edit`}>
              <Button data-testid="petition-edit">{t('pet.edit')}</Button>
            </Link>
          )}
          {p.may.assign && (
            <Button onClick={() => setAction('assign')} data-testid="petition-assign">
              {p.status === 'assigned' ? t('pet.do.reassign') : t('pet.do.assign')}
            </Button>
          )}
          {p.may.answer && (
            <Button type="primary" onClick={() => setAction('answer')} data-testid="petition-answer">
              {t('pet.do.answer')}
            </Button>
          )}
          {p.may.close && (
            <Button onClick={() => setAction('close')} data-testid="petition-close">
              {t('pet.do.close')}
            </Button>
          )}
          {p.may.reopen && (
            <Button onClick={() => setAction('reopen')} data-testid="petition-reopen">
              {t('pet.do.reopen')}
            </Button>
          )}
        </Space>
      </div>
      <h1 className="page-title" style={{ margin: 0 }} data-testid="petition-code">
        {p.code}
      </h1>
      <div className="pet-title-line">
        <StatusTag status={p.status} />
        <OverdueTag petition={p} />
        <Tag className="pet-tag">{themeName(p.theme)}</Tag>
      </div>
      {notice && <Alert type="success" showIcon title={notice} closable onClose={() => setNotice(null)} data-testid="petition-notice" />}
      <Panel title={<h2>{t('pet.workflow')}</h2>}>
        <div className="pet-steps" data-testid="petition-steps">
          <Steps
            size="small"
            current={current}
            items={STEP_ORDER.map((s, i) => {
              const at = i <= current ? stepAt(s) : undefined;
              return {
                title: t(`pet.status.${s}` as Key),
                status: i < current || (i === current && s === 'closed') ? 'finish' : i === current ? 'process' : 'wait',
                content: at ? formatDate(instantParts(at).date, lang) : undefined,
              };
            })}
          />
        </div>
      </Panel>
      <Panel className="pet-head">
        <dl>
          <dt>{t('pet.raisedOn')}</dt>
          <dd data-testid="petition-raised-on">{formatDate(p.raised_on, lang)}</dd>
          <dt>{t('pet.province')}</dt>
          <dd>{p.province_name ?? p.province}</dd>
          <dt>{t('pet.entities')}</dt>
          <dd data-testid="petition-entities">
            {p.entities?.length ? (
              <ul>
                {p.entities.map((e) => (
                  <li key={e.id}>
                    <Link to={`/registry/${e.id}`}>{e.name}</Link>
                  </li>
                ))}
              </ul>
            ) : (
              <span className="muted">{t('pet.noEntities')}</span>
            )}
          </dd>
          {p.activity && (
            <>
              <dt>{t('pet.activity')}</dt>
              <dd data-testid="petition-activity-link">
                <Link to={`/activities/${p.activity.id}`}>{p.activity.title}</Link> <span className="muted">({formatDate(p.activity.from_date, lang)})</span>
              </dd>
            </>
          )}
          <dt>{t('pet.source')}</dt>
          <dd>{t(`pet.source.${p.source}` as Key)}</dd>
          {p.addressed_to && (p.addressed_to.name || p.addressed_to.kind) && (
            <>
              <dt>{t('pet.addressedTo')}</dt>
              <dd>{[p.addressed_to.kind ? t(`pet.kind.${p.addressed_to.kind}` as Key) : '', p.addressed_to.name].filter(Boolean).join(': ')}</dd>
            </>
          )}
          <dt>{t('pet.handler')}</dt>
          <dd data-testid="petition-handler">{handlerText(p) || <span className="muted">{t('pet.noHandler')}</span>}</dd>
          {p.assigned_on && (
            <>
              <dt>{t('pet.assignedOn')}</dt>
              <dd>{formatDate(p.assigned_on, lang)}</dd>
            </>
          )}
          {p.due_on && (
            <>
              <dt>{t('pet.due')}</dt>
              <dd data-testid="petition-due">
                {formatDate(p.due_on, lang)} <OverdueTag petition={p} />
              </dd>
            </>
          )}
          {p.reopen_reason && (
            <>
              <dt>{t('pet.reopenReason')}</dt>
              <dd style={{ whiteSpace: 'pre-line' }}>{p.reopen_reason}</dd>
            </>
          )}
        </dl>
      </Panel>
      <Panel title={<h2>{t('pet.content')}</h2>}>
        <p className="pet-content" data-testid="petition-content">
          {p.content}
        </p>
      </Panel>
      <Panel title={<h2>{t('pet.answer')}</h2>} testId="petition-answer-panel">
        {p.answer ? (
          <div className="pet-stack">
            <p className="pet-content" data-testid="petition-answer-text">
              {p.answer.text}
            </p>
            <div className="muted" style={{ fontSize: 13 }}>
              {t('pet.answerBy', { name: p.answer.by?.display_name || p.answer.by?.username || '—', at: dt(p.answer.at) })}
            </div>
            <div className="pet-tags">
              <Tag className="pet-tag" color={p.answer.public ? 'blue' : 'default'}>
                {p.answer.public ? t('pet.answerPublic') : t('pet.answerPrivate')}
              </Tag>
              {p.answer.on_time !== null && p.answer.on_time !== undefined && (
                <Tag className="pet-tag" color={p.answer.on_time ? 'green' : 'red'}>
                  {p.answer.on_time ? t('pet.onTime') : t('pet.late')}
                </Tag>
              )}
            </div>
          </div>
        ) : (
          <p className="muted" style={{ margin: 0 }}>
            {t('pet.answerNone')}
          </p>
        )}
      </Panel>
      <Panel title={<h2>{t('pet.history')}</h2>}>
        {p.steps.length ? (
          <ol className="pet-history" data-testid="petition-history">
            {p.steps.map((s, i) => (
              <li key={i}>
                <time dateTime={s.at}>{dt(s.at)}</time>
                <span>
                  <strong>{s.step === 'reopened' ? t('pet.step.reopened') : t(`pet.status.${s.step}` as Key)}</strong>
                  {s.by ? ` — ${s.by}` : ''}
                  {s.note ? (
                    <div className="muted" style={{ whiteSpace: 'pre-line' }}>
                      {s.note}
                    </div>
                  ) : null}
                </span>
              </li>
            ))}
          </ol>
        ) : (
          <p className="muted" style={{ margin: 0 }}>
            {t('pet.historyNone')}
          </p>
        )}
      </Panel>
      {action === 'assign' && <AssignDialog petition={p} onClose={() => setAction(null)} onDone={(next) => done(next, t('pet.assign.done'))} />}
      {action === 'answer' && <AnswerDialog petition={p} onClose={() => setAction(null)} onDone={(next) => done(next, t('pet.answer.done'))} />}
      {action === 'close' && <CloseDialog petition={p} onClose={() => setAction(null)} onDone={(next) => done(next, t('pet.close.done'))} />}
      {action === 'reopen' && <ReopenDialog petition={p} onClose={() => setAction(null)} onDone={(next) => done(next, t('pet.reopen.done'))} />}
    </div>
  );
}

interface DialogProps {
  petition: Petition;
  onClose: () => void;
  onDone: (next: Petition) => void;
}

/**
 * A small form in a dialog: checks its fields, sends, shows the server's field errors next to
 * their fields and any other refusal (a step not allowed …) above the form, as the server says it.
 */
function useDialog<V extends object>(fields: string[], send: (values: V) => Promise<Petition>, onDone: (next: Petition) => void) {
  const [form] = Form.useForm<V>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async () => {
    let values: V;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    setBusy(true);
    setError(null);
    try {
      onDone(await send(values));
    } catch (e) {
      if (e instanceof ApiError) {
        const rest = showFieldErrors(form, e, (path) => fields.includes(String(path[0])));
        setError(rest.join(' ') || null);
      } else setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return { form, busy, error, submit };
}

interface AssignValues {
  to: 'officer' | 'agency';
  assignee?: number;
  agency?: string;
  due_on: string;
}

function AssignDialog({ petition, onClose, onDone }: DialogProps) {
  const { t } = useT();
  // The officials it may be given to (the province's, then the national ones); an agency otherwise.
  const users = useApi((signal) => listAssignees(petition.province, signal), [petition.province]);
  const officers = users.data?.items ?? [];
  const canPickOfficer = !users.error;
  const { form, busy, error, submit } = useDialog<AssignValues>(
    ['assignee', 'agency', 'due_on'],
    (v) =>
      assignPetition(petition.id, {
        ...(v.to === 'officer' && v.assignee ? { assignee: v.assignee } : { agency: (v.agency ?? '').trim() }),
        due_on: v.due_on,
      }),
    onDone,
  );
  const to = Form.useWatch('to', form) ?? (canPickOfficer && !petition.agency ? 'officer' : 'agency');
  const required = [{ required: true, whitespace: true, message: t('common.required') }];
  return (
    <Modal
      open
      title={t('pet.assign.title', { code: petition.code })}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={submit}
      onCancel={onClose}
      confirmLoading={busy}
      forceRender
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="petition-dialog-error" />}
      <Form
        form={form}
        layout="vertical"
        data-testid="petition-assign-form"
        initialValues={{
          to: canPickOfficer && !petition.agency ? 'officer' : 'agency',
          assignee: petition.assignee?.id,
          agency: petition.agency ?? '',
          due_on: addDays(todayIso(), DUE_DAYS),
        }}
      >
        {canPickOfficer ? (
          <Form.Item name="to" label={t('pet.assign.to')}>
            <Radio.Group
              options={[
                { value: 'officer', label: t('pet.assign.toOfficer') },
                { value: 'agency', label: t('pet.assign.toAgency') },
              ]}
            />
          </Form.Item>
        ) : (
          <p className="muted" style={{ marginTop: 0 }} data-testid="petition-agency-only">
            {t('pet.assign.agencyOnly')}
          </p>
        )}
        {canPickOfficer && to === 'officer' ? (
          <Form.Item name="assignee" label={t('pet.assign.officer')} rules={[{ required: true, message: t('common.required') }]}>
            <Select
              showSearch={searchable}
              loading={users.loading}
              notFoundContent={t('pet.assign.officerNone')}
              options={officers.map((u) => ({ value: u.id, label: u.display_name ? `${u.display_name} (${u.username})` : u.username }))}
              data-testid="petition-assignee"
            />
          </Form.Item>
        ) : (
          <Form.Item name="agency" label={t('pet.agency')} rules={required} extra={t('pet.addressedNameHelp')}>
            <Input maxLength={300} data-testid="petition-agency" />
          </Form.Item>
        )}
        <Form.Item name="due_on" label={t('pet.due')} rules={[{ required: true, message: t('common.required') }]} extra={t('pet.assign.dueHelp')}>
          <DateInput />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function AnswerDialog({ petition, onClose, onDone }: DialogProps) {
  const { t } = useT();
  const { form, busy, error, submit } = useDialog<{ text: string; public: boolean }>(
    ['text', 'public'],
    (v) => answerPetition(petition.id, { text: v.text.trim(), public: !!v.public }),
    onDone,
  );
  return (
    <Modal
      open
      title={t('pet.answer.title', { code: petition.code })}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={submit}
      onCancel={onClose}
      confirmLoading={busy}
      width={640}
      forceRender
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="petition-dialog-error" />}
      <Form form={form} layout="vertical" initialValues={{ text: '', public: false }} data-testid="petition-answer-form">
        <Form.Item name="text" label={t('pet.answer.text')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
          <Input.TextArea autoSize={{ minRows: 4, maxRows: 14 }} maxLength={10000} />
        </Form.Item>
        <Form.Item name="public" valuePropName="checked" extra={t('pet.answer.publicHelp')}>
          <Checkbox data-testid="petition-answer-public">{t('pet.answerPublic')}</Checkbox>
        </Form.Item>
      </Form>
    </Modal>
  );
}

function CloseDialog({ petition, onClose, onDone }: DialogProps) {
  const { t } = useT();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      onDone(await closePetition(petition.id));
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open
      title={t('pet.close.title', { code: petition.code })}
      okText={t('pet.do.close')}
      cancelText={t('common.cancel')}
      onOk={submit}
      onCancel={onClose}
      confirmLoading={busy}
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="petition-dialog-error" />}
      <p style={{ margin: 0 }}>{t('pet.close.text')}</p>
    </Modal>
  );
}

function ReopenDialog({ petition, onClose, onDone }: DialogProps) {
  const { t } = useT();
  const { form, busy, error, submit } = useDialog<{ reason: string }>(['reason'], (v) => reopenPetition(petition.id, v.reason.trim()), onDone);
  return (
    <Modal
      open
      title={t('pet.reopen.title', { code: petition.code })}
      okText={t('pet.do.reopen')}
      cancelText={t('common.cancel')}
      onOk={submit}
      onCancel={onClose}
      confirmLoading={busy}
      forceRender
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="petition-dialog-error" />}
      <p className="muted" style={{ marginTop: 0 }}>
        {t('pet.reopen.help')}
      </p>
      <Form form={form} layout="vertical" initialValues={{ reason: '' }} data-testid="petition-reopen-form">
        <Form.Item name="reason" label={t('pet.reopenReason')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
