// An activity: its header (type, status, dates, place, organisers), the programme contents it
// carries out (links to the programmes), the registry entities that took part (links to the
// registry), the participants' counts, its description and outcomes; for officials the
// participant list — rows added, changed and removed (the whole list is sent), imported from a
// CSV or XLSX file after the server's check, exported as a file.
import { Alert, Button, Form, Input, InputNumber, Modal, Popconfirm, Result, Select, Space } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useSession } from '../account/session';
import { ApiError } from '../api/client';
import { Documents } from '../components/Documents';
import { Panel } from '../components/Panel';
import { showFieldErrors } from '../components/formErrors';
import { useProvinceNames } from '../geo/units';
import { formatNumber } from '../i18n/format';
import { usePhone } from '../lib/media';
import { useApi } from '../lib/useApi';
import { ActivityPetitions } from '../petitions/ActivityPetitions';
import { activityDocumentsUrl, deleteActivity, getActivity, getParticipants, getProgrammeChoice, importParticipants, participantsExportUrl, putParticipants } from './api';
import { isOfficial, participantBody, type ParticipantForm } from './logic';
import { EntityPicker, ImportDialog, period, StatusTag, TypeTag } from './parts';
import { useT } from './strings';
import type { Activity, Participant, ProgrammeChoice } from './types';
import './activities.css';

export default function ActivityPage() {
  const { id = '' } = useParams();
  const { t, lang } = useT();
  const { user } = useSession();
  const navigate = useNavigate();
  const provinceName = useProvinceNames(lang);
  const activity = useApi((signal) => getActivity(id, signal), [id]);
  const programmeIds = (activity.data?.programmes ?? []).map((p) => p.programme);
  // The programmes' contents by number, for their texts (the activity names their numbers).
  const programmes = useApi(
    (signal) => Promise.all(programmeIds.map((p) => getProgrammeChoice(p, signal).catch(() => null))),
    [programmeIds.join(',')],
  );
  const [notice, setNotice] = useState<{ type: 'success' | 'error'; text: string } | null>(null);
  const official = isOfficial(user?.role);

  if (activity.error && !activity.data) {
    const missing = activity.error instanceof ApiError && activity.error.status === 404;
    return (
      <Result
        status={missing ? '404' : 'error'}
        title={missing ? '404' : t('common.error')}
        subTitle={missing ? t('act.notFound') : activity.error.message}
        extra={<Link to="/activities">{t('act.back')}</Link>}
        data-testid="activity-not-found"
      />
    );
  }
  const a = activity.data;
  if (!a) return <div className="muted">{t('app.loading')}</div>;
  const title = lang === 'en' && a.title_en ? a.title_en : a.title;
  const writable = !!a.may_write;
  const known = new Map<number, ProgrammeChoice>();
  for (const p of programmes.data ?? []) if (p) known.set(p.id, p);
  const remove = async () => {
    try {
      await deleteActivity(a.id);
      navigate('/activities');
    } catch (e) {
      setNotice({ type: 'error', text: (e as Error).message });
    }
  };
  const counts = a.participants ?? {};

  return (
    <div className="act-stack act-page" data-testid="activity-page">
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, justifyContent: 'space-between' }}>
        <Link to="/activities">← {t('act.back')}</Link>
        {writable && (
          <Space wrap>
            <Link to={`/activities/${a.id}/edit`}>
              <Button>{t('act.edit')}</Button>
            </Link>
            <Popconfirm title={t('act.deleteConfirm', { title })} okText={t('common.delete')} cancelText={t('common.cancel')} onConfirm={remove}>
              <Button danger>{t('act.delete')}</Button>
            </Popconfirm>
          </Space>
        )}
      </div>
      <h1 className="page-title" style={{ margin: 0 }} data-testid="activity-title">
        {title}
      </h1>
      <div className="act-title-line">
        <TypeTag type={a.type} />
        <StatusTag status={a.status} />
      </div>
      {notice && <Alert type={notice.type} showIcon title={notice.text} closable onClose={() => setNotice(null)} />}
      <Panel className="act-head">
        <dl>
          <dt>{t('act.dates')}</dt>
          <dd data-testid="activity-dates">{period(a, lang)}</dd>
          <dt>{t('act.place')}</dt>
          <dd>{[a.place, a.province ? provinceName(a.province) : ''].filter(Boolean).join(', ') || '—'}</dd>
          <dt>{t('act.organiser')}</dt>
          <dd>{t(`act.organiser.${a.organiser}`)}</dd>
          {!!a.partner_details?.length && (
            <>
              <dt>{t('act.partners')}</dt>
              <dd data-testid="activity-partners">
                {a.partner_details.map((p, i) => (
                  <span key={p.id}>
                    {i > 0 && '; '}
                    {official ? <Link to={`/partners/${p.id}`}>{p.name}</Link> : p.name}
                  </span>
                ))}
              </dd>
            </>
          )}
          <dt>{t('act.participants')}</dt>
          <dd data-testid="activity-counts">
            {counts.total ? (
              <>
                <span className="act-people">
                  {t('act.total')}: <strong>{formatNumber(counts.total, lang)}</strong>
                </span>
                ;{' '}
                <span className="act-people">
                  {t('act.female')}: <strong>{formatNumber(counts.female ?? 0, lang)}</strong>
                </span>
                ;{' '}
                <span className="act-people">
                  {t('act.youth')}: <strong>{formatNumber(counts.youth ?? 0, lang)}</strong>
                </span>
              </>
            ) : (
              '—'
            )}
            {a.counts_from_list && <div className="muted" style={{ fontSize: 13 }}>{t('act.countsFromList', { count: formatNumber(a.participant_list_size ?? counts.total ?? 0, lang) })}</div>}
          </dd>
        </dl>
      </Panel>
      <Panel title={<h2>{t('act.programmes')}</h2>}>
        {a.programmes?.length ? (
          <ul className="act-programmes" data-testid="activity-programmes" style={{ margin: 0, paddingLeft: 18 }}>
            {a.programmes.map((link) => {
              const detail = a.programme_details?.find((p) => p.id === link.programme);
              const full = known.get(link.programme);
              return (
                <li key={link.programme}>
                  <Link to={`/programmes/${link.programme}`}>
                    {detail ? `${detail.code} — ${detail.title}` : full ? `${full.code} — ${full.title}` : `#${link.programme}`}
                  </Link>
                  {link.contents.length > 0 && (
                    <ul>
                      {link.contents.map((n) => {
                        const text = full?.contents?.find((c) => c.number === n)?.text;
                        return <li key={n}>{text ? `${n}. ${text}` : t('act.content', { number: n })}</li>;
                      })}
                    </ul>
                  )}
                </li>
              );
            })}
          </ul>
        ) : (
          <p className="muted" style={{ margin: 0 }}>
            {t('act.noProgrammes')}
          </p>
        )}
      </Panel>
      <Panel title={<h2>{t('act.entities')}</h2>}>
        {a.entity_details?.length ? (
          <ul data-testid="activity-entities" style={{ margin: 0, paddingLeft: 18 }}>
            {a.entity_details.map((e) => (
              <li key={e.id}>
                <Link to={`/registry/${e.id}`}>{e.name}</Link>
                {e.province ? <span className="muted"> — {provinceName(e.province)}</span> : null}
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted" style={{ margin: 0 }}>
            {t('act.noEntities')}
          </p>
        )}
      </Panel>
      {(a.description || a.outcomes) && (
        <Panel className="act-head">
          <dl>
            {a.description && (
              <>
                <dt>{t('act.description')}</dt>
                <dd style={{ whiteSpace: 'pre-line' }}>{a.description}</dd>
              </>
            )}
            {a.outcomes && (
              <>
                <dt>{t('act.outcomes')}</dt>
                <dd style={{ whiteSpace: 'pre-line' }} data-testid="activity-outcomes">
                  {a.outcomes}
                </dd>
              </>
            )}
          </dl>
        </Panel>
      )}
      {official && a.may_read_list !== false && <Participants activity={a} writable={writable} onChanged={activity.reload} />}
      {official && <ActivityPetitions activityId={a.id} canAdd={official} />}
      <Documents url={activityDocumentsUrl(a.id)} mayWrite={writable} />
    </div>
  );
}

function Participants({ activity, writable, onChanged }: { activity: Activity; writable: boolean; onChanged: () => void }) {
  const { t, lang } = useT();
  const phone = usePhone();
  const list = useApi((signal) => getParticipants(activity.id, signal), [activity.id]);
  const [editing, setEditing] = useState<{ index: number | null } | null>(null);
  const [importing, setImporting] = useState(false);
  const [notice, setNotice] = useState<{ type: 'success' | 'error'; text: string } | null>(null);
  const items = list.data?.items ?? [];
  const save = async (next: Participant[], done: string) => {
    await putParticipants(activity.id, next);
    setNotice({ type: 'success', text: done });
    list.reload();
    onChanged();
  };
  const removeRow = async (index: number) => {
    try {
      await save(items.filter((_, i) => i !== index), t('list.saved'));
    } catch (e) {
      setNotice({ type: 'error', text: (e as Error).message });
    }
  };
  const sex = (p: Participant) => (p.sex ? t(`sex.${p.sex}`) : '');
  return (
    <Panel
      title={<h2>{t('list.title')}</h2>}
      testId="participants"
      extra={
        <Space wrap>
          {writable && (
            <>
              <Button type="primary" onClick={() => setEditing({ index: null })} data-testid="participant-add">
                {t('list.add')}
              </Button>
              <Button onClick={() => setImporting(true)} data-testid="participant-import">
                {t('list.import')}
              </Button>
            </>
          )}
          {items.length > 0 && (
            <>
              <Button href={participantsExportUrl(activity.id, 'csv')}>{t('list.export', { format: 'CSV' })}</Button>
              <Button href={participantsExportUrl(activity.id, 'xlsx')}>{t('list.export', { format: 'XLSX' })}</Button>
            </>
          )}
        </Space>
      }
    >
      <div className="act-stack">
        {notice && <Alert type={notice.type} showIcon title={notice.text} closable onClose={() => setNotice(null)} />}
        {list.error && <Alert type="error" showIcon title={list.error.message} />}
        {!items.length ? (
          <p className="muted" style={{ margin: 0 }}>
            {list.loading ? t('app.loading') : t('list.none')}
          </p>
        ) : phone ? (
          <ol className="act-cards" data-testid="participant-list">
            {items.map((p, i) => (
              <li key={i} className="act-card">
                <strong>{p.name}</strong>
                <div className="muted">{[sex(p), p.birth_year, p.position, p.organisation].filter(Boolean).join(' · ')}</div>
                {(p.phone || p.email) && <div className="muted">{[p.phone, p.email].filter(Boolean).join(' · ')}</div>}
                {writable && <RowActions name={p.name} onEdit={() => setEditing({ index: i })} onRemove={() => removeRow(i)} />}
              </li>
            ))}
          </ol>
        ) : (
          <div className="table-scroll">
            <table className="act-table" data-testid="participant-list">
              <thead>
                <tr>
                  <th scope="col" className="num">#</th>
                  <th scope="col">{t('list.name')}</th>
                  <th scope="col">{t('list.sex')}</th>
                  <th scope="col" className="num">{t('list.birthYear')}</th>
                  <th scope="col">{t('list.position')}</th>
                  <th scope="col">{t('list.organisation')}</th>
                  <th scope="col">{t('list.phone')}</th>
                  <th scope="col">{t('list.email')}</th>
                  {writable && <th scope="col">{t('common.actions')}</th>}
                </tr>
              </thead>
              <tbody>
                {items.map((p, i) => (
                  <tr key={i}>
                    <td className="num">{formatNumber(i + 1, lang)}</td>
                    <td>{p.name}</td>
                    <td>{sex(p)}</td>
                    <td className="num">{p.birth_year ?? ''}</td>
                    <td>{p.position}</td>
                    <td>{p.organisation}</td>
                    <td style={{ whiteSpace: 'nowrap' }}>{p.phone}</td>
                    <td>{p.email}</td>
                    {writable && (
                      <td>
                        <RowActions name={p.name} onEdit={() => setEditing({ index: i })} onRemove={() => removeRow(i)} />
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </div>
      {editing && (
        <ParticipantModal
          participant={editing.index === null ? undefined : items[editing.index]}
          onClose={() => setEditing(null)}
          onSave={async (p) => {
            const next = editing.index === null ? [...items, p] : items.map((x, i) => (i === editing.index ? p : x));
            await save(next, t('list.saved'));
            setEditing(null);
          }}
          index={editing.index ?? items.length}
        />
      )}
      {importing && (
        <ImportDialog<Participant>
          title={t('list.importTitle')}
          help={t('list.importHelp')}
          send={(file, dryRun) => importParticipants(activity.id, file, dryRun)}
          onClose={() => setImporting(false)}
          onApplied={(report) => {
            setImporting(false);
            setNotice({ type: 'success', text: t('list.imported', { count: formatNumber(report.items?.length ?? report.rows, lang) }) });
            list.reload();
            onChanged();
          }}
        />
      )}
    </Panel>
  );
}

function RowActions({ name, onEdit, onRemove }: { name: string; onEdit: () => void; onRemove: () => void }) {
  const { t } = useT();
  return (
    <Space size={4} wrap>
      <Button size="small" onClick={onEdit} aria-label={`${t('common.edit')}: ${name}`}>
        {t('common.edit')}
      </Button>
      <Popconfirm title={t('list.removeConfirm', { name })} okText={t('common.delete')} cancelText={t('common.cancel')} onConfirm={onRemove}>
        <Button size="small" danger aria-label={`${t('common.delete')}: ${name}`}>
          {t('common.delete')}
        </Button>
      </Popconfirm>
    </Space>
  );
}

const PARTICIPANT_FIELDS = ['name', 'sex', 'birth_year', 'entity', 'organisation', 'position', 'phone', 'email'];

function ParticipantModal({ participant, index, onClose, onSave }: { participant?: Participant; index: number; onClose: () => void; onSave: (p: Participant) => Promise<void> }) {
  const { t } = useT();
  const [form] = Form.useForm<ParticipantForm>();
  const [saving, setSaving] = useState(false);
  const [general, setGeneral] = useState<string[]>([]);
  const submit = async () => {
    let values: ParticipantForm;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    setSaving(true);
    setGeneral([]);
    try {
      await onSave(participantBody(values));
    } catch (e) {
      // The list's errors name the row: items[3].birth_year → the field of this row.
      if (e instanceof ApiError) {
        const prefix = `items[${index}].`;
        const own = new ApiError(e.status, e.code, e.message, e.fields.filter((f) => f.field.startsWith(prefix)).map((f) => ({ ...f, field: f.field.slice(prefix.length) })));
        const rest = e.fields.filter((f) => !f.field.startsWith(prefix)).map((f) => f.message);
        const unplaced = showFieldErrors(form, own, (path) => PARTICIPANT_FIELDS.includes(String(path[0])));
        setGeneral([...(own.fields.length ? unplaced.filter((m) => m !== e.message) : unplaced), ...rest]);
      } else setGeneral([(e as Error).message]);
    } finally {
      setSaving(false);
    }
  };
  const initial: ParticipantForm = participant
    ? { ...participant, sex: participant.sex ?? '' }
    : { name: '', sex: '', birth_year: null, entity: null, organisation: '', position: '', phone: '', email: '' };
  return (
    <Modal
      open
      title={participant ? t('list.edit') : t('list.add')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={submit}
      onCancel={onClose}
      confirmLoading={saving}
      forceRender
    >
      {general.length > 0 && <Alert type="error" showIcon title={general.join(' ')} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" initialValues={initial} data-testid="participant-form">
        <Form.Item name="name" label={t('list.name')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
          <Input maxLength={200} />
        </Form.Item>
        <div className="act-form-row">
          <Form.Item name="sex" label={t('list.sex')}>
            <Select
              options={[
                { value: '', label: '—' },
                { value: 'female', label: t('sex.female') },
                { value: 'male', label: t('sex.male') },
              ]}
            />
          </Form.Item>
          <Form.Item name="birth_year" label={t('list.birthYear')}>
            <InputNumber min={1900} max={2100} style={{ width: '100%' }} />
          </Form.Item>
        </div>
        <Form.Item name="entity" label={t('list.entity')}>
          <EntityPicker testId="participant-entity" />
        </Form.Item>
        <div className="act-form-row">
          <Form.Item name="organisation" label={t('list.organisation')}>
            <Input maxLength={300} />
          </Form.Item>
          <Form.Item name="position" label={t('list.position')}>
            <Input maxLength={200} />
          </Form.Item>
        </div>
        <div className="act-form-row">
          <Form.Item name="phone" label={t('list.phone')}>
            <Input maxLength={50} inputMode="tel" />
          </Form.Item>
          <Form.Item name="email" label={t('list.email')}>
            <Input maxLength={200} inputMode="email" />
          </Form.Item>
        </div>
      </Form>
    </Modal>
  );
}
