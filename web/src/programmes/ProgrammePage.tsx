// A programme: its header (code, title, kind, owner, period, status, signing), legal basis,
// partners and numbered contents, each content with its targets — progress from live data as
// a bar coloured by state and labelled in words, actual / target, the expectation by today, the
// deadline, what was counted (a survey's, petitions' or fund's loans' measure also in words) and, for yearly
// targets, a tick per year. Manual targets list their
// values. Officials who may write add, change and delete targets and values. Under the contents,
// the activities that carried them out (activities/ProgrammeActivities). Printable on A4.
import { Alert, Button, Form, Input, InputNumber, Modal, Popconfirm, Result, Space } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { useSession } from '../account/session';
import { ProgrammeActivities } from '../activities/ProgrammeActivities';
import { ApiError } from '../api/client';
import { Documents } from '../components/Documents';
import { Panel } from '../components/Panel';
import { listFunds } from '../fund/api';
import { formatDate, formatDateTime, formatNumber, formatPercent, todayIso } from '../i18n/format';
import { useApi } from '../lib/useApi';
import { listThemes } from '../petitions/api';
import { listQuestionnaires } from '../surveys/api';
import { addTargetValue, deleteTarget, deleteTargetValue, getProgramme, programmeDocumentsUrl } from './api';
import { barShare, expectedUnits, measureText, questionnaireChoices, showFieldErrors, stateKey, yearText, type Lang } from './logic';
import { DateInput, period, StateCounts, StateLabel, StatusTag, useOwner } from './parts';
import { useT } from './strings';
import { TargetEditor } from './TargetEditor';
import type { ProgrammeWithTargets, Target, TargetValue } from './types';

type Names = NonNullable<Parameters<typeof measureText>[2]>;

/**
 * The questionnaires', themes' and funds' names the targets' measures name by code or id: asked only
 * when a target counts a questionnaire's campaigns, petitions of some themes or one fund's loans, and only by officials
 * (the lists are theirs); a code stays as itself until its name is known.
 */
function useMeasureNames(targets: readonly Target[] | undefined, official: boolean, lang: Lang): Names {
  const uses = (source: string, filter: string) => official && !!targets?.some((x) => x.measure.source === source && x.measure.filters?.[filter]);
  const surveys = uses('surveys.campaigns', 'form_id');
  const petitions = uses('petitions.petitions', 'theme');
  const loans = uses('fund.loans', 'fund');
  const questionnaires = useApi((signal) => (surveys ? listQuestionnaires(signal) : Promise.resolve(undefined)), [surveys]);
  const themes = useApi((signal) => (petitions ? listThemes(signal) : Promise.resolve(undefined)), [petitions]);
  const funds = useApi((signal) => (loans ? listFunds(signal) : Promise.resolve(undefined)), [loans]);
  const fundNames = new Map((funds.data?.items ?? []).map((x) => [String(x.id), x.name]));
  const titles = new Map(questionnaireChoices(questionnaires.data?.items, lang).map((c) => [c.value, c.label]));
  const themeNames = new Map((themes.data?.items ?? []).map((x) => [x.code, (lang === 'en' && x.name_en) || x.name_vi || x.code]));
  return { questionnaire: (code) => titles.get(code), theme: (code) => themeNames.get(code), fund: (id) => fundNames.get(id) };
}

export default function ProgrammePage() {
  const { id = '' } = useParams();
  const { t, lang } = useT();
  const { user } = useSession();
  const owner = useOwner();
  const programme = useApi((signal) => getProgramme(id, signal), [id]);
  const official = user?.role !== 'partner' && user?.role !== 'cooperative';
  const [editing, setEditing] = useState<{ target?: Target; content: number } | null>(null);
  const [valueFor, setValueFor] = useState<Target | null>(null);
  const [notice, setNotice] = useState<{ type: 'success' | 'error'; text: string } | null>(null);
  const names = useMeasureNames(programme.data?.targets, official, lang);

  if (programme.error && !programme.data) {
    const missing = programme.error instanceof ApiError && programme.error.status === 404;
    return (
      <Result
        status={missing ? '404' : 'error'}
        title={missing ? '404' : t('common.error')}
        subTitle={missing ? t('prog.notFound') : programme.error.message}
        extra={<Link to="/programmes">{t('prog.back')}</Link>}
        data-testid="programme-not-found"
      />
    );
  }
  const p = programme.data;
  if (!p) return <div className="muted">{t('app.loading')}</div>;
  const writable = !!p.may_write;
  const title = lang === 'en' && p.title_en ? p.title_en : p.title;
  const contents = [...(p.contents ?? [])].sort((a, b) => a.number - b.number);
  const general = p.targets.filter((x) => !x.content || !contents.some((c) => c.number === x.content));
  const run = async (action: () => Promise<unknown>, done?: string) => {
    try {
      await action();
      setNotice(done ? { type: 'success', text: done } : null);
      programme.reload();
    } catch (e) {
      setNotice({ type: 'error', text: (e as Error).message });
    }
  };
  const targets = (list: Target[]) =>
    list.length ? (
      <ol className="prog-targets">
        {list.map((target) => (
          <TargetCard
            key={target.id}
            target={target}
            names={names}
            writable={writable}
            onEdit={() => setEditing({ target, content: target.content ?? 0 })}
            onDelete={() => run(() => deleteTarget(p.id, target.id))}
            onEnterValue={() => setValueFor(target)}
            onDeleteValue={(v) => run(() => deleteTargetValue(p.id, target.id, v.id))}
          />
        ))}
      </ol>
    ) : (
      <p className="muted" style={{ margin: 0 }}>
        {t('prog.noTargets')}
      </p>
    );

  return (
    <div className="prog-stack prog-page" data-testid="programme-page">
      <div className="no-print" style={{ display: 'flex', flexWrap: 'wrap', gap: 8, justifyContent: 'space-between' }}>
        <Link to="/programmes">← {t('prog.back')}</Link>
        <Space wrap>
          {writable && (
            <Link to={`/programmes/${p.id}/edit`}>
              <Button>{t('prog.edit')}</Button>
            </Link>
          )}
          <Button onClick={() => window.print()}>{t('prog.print')}</Button>
        </Space>
      </div>
      <h1 className="page-title" style={{ marginBottom: 0 }}>
        <span className="prog-code">{p.code}</span>
        <span data-testid="programme-title">{title}</span>
      </h1>
      {notice && <Alert type={notice.type} showIcon title={notice.text} closable onClose={() => setNotice(null)} />}
      {!writable && user?.province_code && !p.province && <Alert className="no-print" type="info" showIcon title={t('prog.readOnly')} />}
      <Panel className="prog-head">
        <dl>
          <dt>{t('prog.kind')}</dt>
          <dd>{t(`prog.kind.${p.kind}`)}</dd>
          <dt>{t('prog.owner')}</dt>
          <dd data-testid="programme-owner">{owner(p)}</dd>
          <dt>{t('prog.period')}</dt>
          <dd>{period(p, lang)}</dd>
          <dt>{t('prog.status')}</dt>
          <dd>
            <StatusTag status={p.status} />
          </dd>
          {(p.signed_on || p.signatories) && (
            <>
              <dt>{t('prog.signedOn')}</dt>
              <dd>
                {[p.signed_on ? t('prog.signed', { date: formatDate(p.signed_on, lang) }) : '', p.signatories ? t('prog.signedBy', { who: p.signatories }) : '']
                  .filter(Boolean)
                  .join(' ')}
              </dd>
            </>
          )}
          {!!p.review?.length && (
            <>
              <dt>{t('prog.review')}</dt>
              <dd>{p.review.map((r) => t(`prog.review.${r}`)).join(', ')}</dd>
            </>
          )}
          {p.targets.length > 0 && (
            <>
              <dt>{t('prog.targetSummary')}</dt>
              <dd>
                <StateCounts counts={p.target_states} testId="programme-states" />
              </dd>
            </>
          )}
        </dl>
      </Panel>
      {!!p.legal_basis?.length && (
        <Panel title={<h2>{t('prog.legalBasis')}</h2>}>
          <div className="table-scroll">
            <table className="prog-table">
              <thead>
                <tr>
                  <th scope="col">{t('prog.legal.number')}</th>
                  <th scope="col">{t('prog.legal.date')}</th>
                  <th scope="col">{t('prog.legal.issuer')}</th>
                  <th scope="col">{t('prog.legal.title')}</th>
                </tr>
              </thead>
              <tbody>
                {p.legal_basis.map((d, i) => (
                  <tr key={i}>
                    <td style={{ whiteSpace: 'nowrap' }}>{d.number}</td>
                    <td style={{ whiteSpace: 'nowrap' }}>{d.date ? formatDate(d.date, 'vi') : '—'}</td>
                    <td>{d.issuer}</td>
                    <td>{d.title}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </Panel>
      )}
      {/* Every reader sees the partners' names (the programme's answer, never their contacts); the
          directory behind the links is the officials'. */}
      <Panel title={<h2>{t('prog.partners')}</h2>}>
        {p.partner_details?.length ? (
          <ul className="prog-partners" data-testid="programme-partners">
            {p.partner_details.map((partner) => {
              const name = lang === 'en' && partner.name_en ? partner.name_en : partner.name;
              return (
                <li key={partner.id}>
                  {official ? <Link to={`/partners/${partner.id}`}>{name}</Link> : name}
                </li>
              );
            })}
          </ul>
        ) : (
          <p className="muted" style={{ margin: 0 }}>
            {t('prog.noPartners')}
          </p>
        )}
      </Panel>
      <Panel
        title={<h2>{t('prog.contents')}</h2>}
        extra={
          writable && (
            <Button className="no-print" type="primary" onClick={() => setEditing({ content: 0 })} data-testid="target-add">
              {t('target.add')}
            </Button>
          )
        }
      >
        {contents.map((c) => {
          const own = p.targets.filter((x) => x.content === c.number);
          return (
            <section key={c.number} className="prog-content" data-testid={`content-${c.number}`}>
              <h3>
                {c.number}. {c.text}
              </h3>
              {targets(own)}
            </section>
          );
        })}
        {(general.length > 0 || contents.length === 0) && (
          <section className="prog-content" data-testid="content-0">
            <h3>{t('prog.content.general')}</h3>
            {targets(general)}
          </section>
        )}
      </Panel>
      {/* What was done: the activities carrying out each content (the activities feature's). */}
      <ProgrammeActivities programme={p} canAdd={official} />
      <Documents url={programmeDocumentsUrl(p.id)} mayWrite={writable} />
      <p className="muted print-only">{t('prog.printed', { date: formatDate(todayIso(), lang) })}</p>
      {editing && (
        <TargetEditor
          programme={p}
          target={editing.target}
          content={editing.content}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            setNotice({ type: 'success', text: t('target.saved') });
            programme.reload();
          }}
        />
      )}
      {valueFor && (
        <ValueModal
          programme={p}
          target={valueFor}
          onClose={() => setValueFor(null)}
          onSaved={() => {
            setValueFor(null);
            setNotice({ type: 'success', text: t('value.saved') });
            programme.reload();
          }}
        />
      )}
    </div>
  );
}

interface TargetCardProps {
  target: Target;
  names: Names;
  writable: boolean;
  onEdit: () => void;
  onDelete: () => void;
  onEnterValue: () => void;
  onDeleteValue: (v: TargetValue) => void;
}

function TargetCard({ target, names, writable, onEdit, onDelete, onEnterValue, onDeleteValue }: TargetCardProps) {
  const { t, lang } = useT();
  const progress = target.progress;
  const state = progress?.state ?? 'unknown';
  const share = barShare(progress?.share);
  const expected = expectedUnits(progress?.expected, target.target < target.baseline);
  const manual = target.measure.source === 'manual';
  const measured = measureText(target.measure, t, names);
  const testId = `target-${target.id}`;
  return (
    <li className="prog-target" data-testid={testId} data-title={target.title}>
      <div className="prog-target-head">
        <h4>{target.title}</h4>
        <StateLabel state={state} testId={`${testId}-state`} />
      </div>
      <div
        className={`prog-bar prog-bar-${state}`}
        role="img"
        aria-label={t('target.progressLabel', { title: target.title, state: t(stateKey(state)), share: formatPercent(progress?.share ?? 0, lang, 0) })}
      >
        <div style={{ width: `${Math.round(share * 100)}%` }} />
      </div>
      <div className="prog-target-line">
        <span>
          <span className="muted">{t('target.actual')}: </span>
          <span className="prog-actual" data-testid={`${testId}-actual`}>
            {t('target.ofTarget', { actual: formatNumber(progress?.actual ?? null, lang), target: formatNumber(progress?.target ?? target.target, lang) })}
          </span>
          {progress?.share !== undefined && <span className="muted"> ({formatPercent(progress.share, lang, 0)})</span>}
        </span>
        {expected !== null && state !== 'achieved' && <span>{t('target.expected', { expected: formatNumber(expected, lang) })}</span>}
        <span>{t('target.due', { date: formatDate(target.deadline, lang) })}</span>
      </div>
      {target.cadence === 'yearly' && !!progress?.years?.length && (
        <ul className="prog-years" aria-label={t('target.years')} data-testid={`${testId}-years`}>
          {progress.years.map((y) => (
            <li key={y.year} className={`prog-state prog-state-${y.state}`}>
              {yearText(y, t, lang)}
            </li>
          ))}
        </ul>
      )}
      {progress?.error && <p className="prog-error">{progress.error.message}</p>}
      {measured && (
        <p className="prog-desc" data-testid={`${testId}-measure`}>
          <span className="muted">{t('target.measure')}: </span>
          {measured}
        </p>
      )}
      {progress?.description && (
        <>
          <details className="no-print">
            <summary>{t('target.described')}</summary>
            <p className="prog-desc">{progress.description}</p>
          </details>
          {/* Paper shows what was counted without a click. */}
          <p className="prog-desc print-only">
            {t('target.described')}: {progress.description}
          </p>
        </>
      )}
      {manual && (
        <div className="prog-values">
          <div className="muted" style={{ fontSize: 13 }}>
            {t('target.manual')}
          </div>
          {target.values?.length ? (
            <div className="table-scroll">
              <table className="prog-table" data-testid={`${testId}-values`}>
                <thead>
                  <tr>
                    <th scope="col">{t('value.on')}</th>
                    <th scope="col">{t('value.value')}</th>
                    <th scope="col">{t('value.evidence')}</th>
                    <th scope="col">{t('value.by')}</th>
                    {writable && (
                      <th scope="col" className="no-print">
                        {t('common.actions')}
                      </th>
                    )}
                  </tr>
                </thead>
                <tbody>
                  {target.values.map((v) => (
                    <tr key={v.id}>
                      <td style={{ whiteSpace: 'nowrap' }}>{formatDate(v.on, lang)}</td>
                      <td className="num">{formatNumber(v.value, lang)}</td>
                      <td>{v.evidence}</td>
                      <td>
                        {v.entered_by}
                        {v.entered_at_ms ? <div className="muted">{formatDateTime(v.entered_at_ms, lang)}</div> : null}
                      </td>
                      {writable && (
                        <td className="no-print">
                          <Popconfirm
                            title={t('value.deleteConfirm', { value: formatNumber(v.value, lang), date: formatDate(v.on, lang) })}
                            okText={t('common.delete')}
                            cancelText={t('common.cancel')}
                            onConfirm={() => onDeleteValue(v)}
                          >
                            <Button size="small" danger>
                              {t('common.delete')}
                            </Button>
                          </Popconfirm>
                        </td>
                      )}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : (
            <p className="muted" style={{ margin: 0 }}>
              {t('target.noValues')}
            </p>
          )}
        </div>
      )}
      {writable && (
        <Space wrap className="no-print" style={{ marginTop: 8 }}>
          {manual && (
            <Button size="small" type="primary" onClick={onEnterValue} data-testid={`${testId}-enter`}>
              {t('value.enter')}
            </Button>
          )}
          <Button size="small" onClick={onEdit} data-testid={`${testId}-edit`}>
            {t('common.edit')}
          </Button>
          <Popconfirm title={t('target.deleteConfirm', { title: target.title })} okText={t('common.delete')} cancelText={t('common.cancel')} onConfirm={onDelete}>
            <Button size="small" danger data-testid={`${testId}-delete`}>
              {t('target.delete')}
            </Button>
          </Popconfirm>
        </Space>
      )}
    </li>
  );
}

function ValueModal({ programme, target, onClose, onSaved }: { programme: ProgrammeWithTargets; target: Target; onClose: () => void; onSaved: () => void }) {
  const { t } = useT();
  const [form] = Form.useForm<{ on: string; value: number; evidence: string }>();
  const [saving, setSaving] = useState(false);
  const [general, setGeneral] = useState<string[]>([]);
  const save = async () => {
    const values = await form.validateFields();
    setSaving(true);
    setGeneral([]);
    try {
      await addTargetValue(programme.id, target.id, { on: values.on, value: Number(values.value), evidence: (values.evidence ?? '').trim() });
      onSaved();
    } catch (e) {
      if (e instanceof ApiError) setGeneral(showFieldErrors(form, e, (path) => ['on', 'value', 'evidence'].includes(String(path[0]))));
      else setGeneral([(e as Error).message]);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal open title={`${t('value.enter')}: ${target.title}`} okText={t('common.save')} cancelText={t('common.cancel')} onOk={save} onCancel={onClose} confirmLoading={saving} forceRender>
      {general.length > 0 && <Alert type="error" showIcon title={general.join(' ')} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" initialValues={{ on: todayIso(), evidence: '' }} data-testid="value-form">
        <Form.Item name="on" label={t('value.on')} rules={[{ required: true, message: t('common.required') }]}>
          <DateInput />
        </Form.Item>
        <Form.Item name="value" label={t('value.value')} rules={[{ required: true, message: t('common.required') }]}>
          <InputNumber style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="evidence" label={t('value.evidence')}>
          <Input.TextArea rows={2} placeholder={t('value.evidenceHelp')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
