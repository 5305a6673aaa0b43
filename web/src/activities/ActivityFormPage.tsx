// Creating or changing an activity: its type, titles, status, dates, where (province, commune,
// place), who organised it and with which partners, the programme contents it carries out, the
// registry entities that took part, the participants' counts (the list's when it has one), its
// description and outcomes. The server's errors are shown next to their fields.
import { Alert, Button, Form, Input, InputNumber, Result, Select, Space } from 'antd';
import { useEffect, useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { useSession } from '../account/session';
import { ApiError } from '../api/client';
import { Panel } from '../components/Panel';
import { showFieldErrors } from '../components/formErrors';
import { provinceName, useProvinces } from '../geo/units';
import { todayIso } from '../i18n/format';
import { searchable } from '../lib/fold';
import { useApi } from '../lib/useApi';
import { createActivity, getActivity, getProgrammeChoice, listCommunes, listPartnerChoices, listProgrammeChoices, updateActivity } from './api';
import { activityBody, activityForm, isNational, isOfficial, type ActivityForm } from './logic';
import { DateInput, EntityPicker } from './parts';
import { useT, type Key } from './strings';
import { ACTIVITY_STATUSES, ACTIVITY_TYPES, ORGANISERS, type ProgrammeChoice } from './types';
import './activities.css';

const FORM_FIELDS = [
  'type', 'title', 'title_en', 'status', 'from', 'to', 'province', 'commune', 'place', 'organiser', 'partners', 'programmes', 'entities',
  'participants', 'description', 'outcomes',
];

export default function ActivityFormPage() {
  const { id } = useParams();
  const editing = id !== undefined;
  const [params] = useSearchParams();
  const fromProgramme = params.get('programme');
  const { t, lang } = useT();
  const { user } = useSession();
  const navigate = useNavigate();
  const [form] = Form.useForm<ActivityForm>();
  const provinces = useProvinces();
  const national = isNational(user?.role);
  const existing = useApi((signal) => (editing ? getActivity(id, signal) : Promise.resolve(null)), [id]);
  const partners = useApi((signal) => listPartnerChoices(signal), []);
  const programmes = useApi((signal) => listProgrammeChoices(signal), []);
  const province = Form.useWatch('province', form);
  const communes = useApi((signal) => (province ? listCommunes(province, signal) : Promise.resolve({ items: [] })), [province]);
  const [saving, setSaving] = useState(false);
  const [general, setGeneral] = useState<string[]>([]);
  const countsFromList = !!existing.data?.counts_from_list;
  useEffect(() => {
    if (existing.data) form.setFieldsValue(activityForm(existing.data));
  }, [existing.data, form]);
  // Opened from a programme: its province (a province's programme) once it is known.
  const programme = programmes.data?.items.find((p) => String(p.id) === fromProgramme);
  useEffect(() => {
    if (!editing && programme?.province && national && !form.isFieldTouched('province')) form.setFieldValue('province', programme.province);
  }, [editing, programme, national, form]);

  if (!isOfficial(user?.role)) return <Result status="403" title="403" subTitle={t('act.officialsOnly')} />;
  if (existing.data && existing.data.may_write === false)
    return <Result status="403" title="403" subTitle={t('act.readOnly')} extra={<Link to={`/activities/${id}`}>{t('act.back')}</Link>} />;
  if (editing && existing.error) {
    const missing = existing.error instanceof ApiError && existing.error.status === 404;
    return <Result status={missing ? '404' : 'error'} title={missing ? '404' : t('common.error')} subTitle={missing ? t('act.notFound') : existing.error.message} extra={<Link to="/activities">{t('act.back')}</Link>} />;
  }

  const save = async () => {
    let values: ActivityForm;
    try {
      values = await form.validateFields();
    } catch {
      setGeneral([t('common.fixErrors')]);
      return;
    }
    setSaving(true);
    setGeneral([]);
    try {
      const body = activityBody(values, countsFromList);
      const saved = editing ? await updateActivity(id, body) : await createActivity(body);
      navigate(`/activities/${saved.id}`);
    } catch (e) {
      if (e instanceof ApiError) {
        setGeneral(showFieldErrors(form, e, (path) => FORM_FIELDS.includes(String(path[0]))));
        if (e.fields.length) setGeneral((g) => (g.length ? g : [t('common.fixErrors')]));
      } else setGeneral([(e as Error).message]);
    } finally {
      setSaving(false);
    }
  };
  const today = todayIso();
  const initial: Partial<ActivityForm> = {
    type: undefined,
    status: '',
    from: today,
    to: today,
    province: national ? '' : (user?.province_code ?? ''),
    organiser: national ? 'national' : 'province',
    partners: [],
    programmes: fromProgramme ? [{ programme: Number(fromProgramme), contents: [] }] : [],
    entities: [],
    participants: { total: null, female: null, youth: null },
  };
  const required = [{ required: true, message: t('common.required') }];
  const back = editing ? `/activities/${id}` : fromProgramme ? `/programmes/${fromProgramme}` : '/activities';

  return (
    <div className="act-stack act-page" data-testid="activity-form-page">
      <Link to={back}>← {t('common.back')}</Link>
      <h1 className="page-title" style={{ margin: 0 }}>
        {editing ? t('act.editTitle', { name: existing.data?.title ?? '' }) : t('act.create')}
      </h1>
      {general.length > 0 && <Alert type="error" showIcon title={general.join(' ')} data-testid="activity-form-error" />}
      <Form form={form} layout="vertical" initialValues={initial} onFinish={save} data-testid="activity-form">
        <div className="act-stack">
          <Panel>
            <div className="act-form-row">
              <Form.Item name="type" label={t('act.type')} rules={required}>
                <Select options={ACTIVITY_TYPES.map((k) => ({ value: k, label: t(`act.type.${k}` as Key) }))} data-testid="activity-type" />
              </Form.Item>
              <Form.Item name="status" label={t('act.status')} extra={editing ? undefined : t('act.statusHelp')}>
                <Select
                  options={[...(editing ? [] : [{ value: '', label: '—' }]), ...ACTIVITY_STATUSES.map((s) => ({ value: s, label: t(`act.status.${s}`) }))]}
                />
              </Form.Item>
            </div>
            <Form.Item name="title" label={t('act.name')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
              <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={500} />
            </Form.Item>
            <Form.Item name="title_en" label={t('act.nameEn')}>
              <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={500} />
            </Form.Item>
            <div className="act-form-row">
              <Form.Item name="from" label={t('act.from')} rules={required}>
                <DateInput />
              </Form.Item>
              <Form.Item name="to" label={t('act.to')} rules={required}>
                <DateInput />
              </Form.Item>
            </div>
          </Panel>
          <Panel title={<h2>{t('act.place')}</h2>}>
            <div className="act-form-row">
              <Form.Item name="province" label={t('act.province')} rules={required}>
                <Select
                  showSearch={searchable}
                  disabled={!national}
                  options={provinces.map((p) => ({ value: p.code, label: provinceName(p, lang) }))}
                  onChange={() => form.setFieldValue('commune', '')}
                />
              </Form.Item>
              <Form.Item name="commune" label={t('act.commune')} extra={t('act.communeHelp')}>
                <Select
                  showSearch={searchable}
                  allowClear
                  loading={communes.loading}
                  disabled={!province}
                  options={[{ value: '', label: '—' }, ...(communes.data?.items ?? []).map((c) => ({ value: c.code, label: lang === 'en' && c.name_en ? c.name_en : c.name }))]}
                />
              </Form.Item>
            </div>
            <Form.Item name="place" label={t('act.place')}>
              <Input maxLength={500} />
            </Form.Item>
            <div className="act-form-row">
              <Form.Item name="organiser" label={t('act.organiser')} rules={required}>
                <Select options={ORGANISERS.map((o) => ({ value: o, label: t(`act.organiser.${o}`) }))} />
              </Form.Item>
              <Form.Item name="partners" label={t('act.partners')} className="act-grow">
                <Select
                  mode="multiple"
                  showSearch={searchable}
                  loading={partners.loading}
                  options={(partners.data?.items ?? []).map((p) => ({ value: p.id, label: p.short_name ? `${p.name} (${p.short_name})` : p.name }))}
                />
              </Form.Item>
            </div>
          </Panel>
          <Panel title={<h2>{t('act.programmes')}</h2>}>
            <Form.List name="programmes">
              {(fields, { add, remove }) => (
                <>
                  {fields.map((field, i) => (
                    <ProgrammeRow key={field.key} name={field.name} index={i} choices={programmes.data?.items ?? []} onRemove={() => remove(field.name)} />
                  ))}
                  <Button onClick={() => add({ programme: null, contents: [] })} data-testid="programme-row-add">
                    {t('act.programmeAdd')}
                  </Button>
                </>
              )}
            </Form.List>
          </Panel>
          <Panel title={<h2>{t('act.participants')}</h2>}>
            <Form.Item name="entities" label={t('act.entities')}>
              <EntityPicker multiple known={existing.data?.entity_details} testId="activity-entities" />
            </Form.Item>
            {countsFromList && (
              <p className="act-note" data-testid="counts-from-list">
                {t('act.countsFromList', { count: existing.data?.participant_list_size ?? existing.data?.participants?.total ?? 0 })}
              </p>
            )}
            <div className="act-form-row">
              <Form.Item name={['participants', 'total']} label={t('act.total')}>
                <InputNumber min={0} style={{ width: '100%' }} disabled={countsFromList} />
              </Form.Item>
              <Form.Item name={['participants', 'female']} label={t('act.female')}>
                <InputNumber min={0} style={{ width: '100%' }} disabled={countsFromList} />
              </Form.Item>
              <Form.Item name={['participants', 'youth']} label={t('act.youth')}>
                <InputNumber min={0} style={{ width: '100%' }} disabled={countsFromList} />
              </Form.Item>
            </div>
          </Panel>
          <Panel>
            <Form.Item name="description" label={t('act.description')}>
              <Input.TextArea autoSize={{ minRows: 2, maxRows: 10 }} />
            </Form.Item>
            <Form.Item name="outcomes" label={t('act.outcomes')}>
              <Input.TextArea autoSize={{ minRows: 2, maxRows: 10 }} />
            </Form.Item>
          </Panel>
          <Space wrap>
            <Button type="primary" htmlType="submit" loading={saving} data-testid="activity-save">
              {t('common.save')}
            </Button>
            <Link to={back}>
              <Button>{t('common.cancel')}</Button>
            </Link>
          </Space>
        </div>
      </Form>
    </div>
  );
}

/** One programme and the contents of it the activity carries out (its contents asked when chosen). */
function ProgrammeRow({ name, index, choices, onRemove }: { name: number; index: number; choices: ProgrammeChoice[]; onRemove: () => void }) {
  const { t } = useT();
  const form = Form.useFormInstance<ActivityForm>();
  const programme = Form.useWatch(['programmes', name, 'programme'], form);
  const detail = useApi((signal) => (programme ? getProgrammeChoice(programme, signal) : Promise.resolve(null)), [programme]);
  const contents = detail.data?.contents ?? choices.find((p) => p.id === programme)?.contents ?? [];
  return (
    <div className="act-form-row act-programme-row" data-testid={`programme-row-${index}`}>
      <Form.Item name={[name, 'programme']} label={t('act.programme')} className="act-grow">
        <Select
          showSearch={searchable}
          options={choices.map((p) => ({ value: p.id, label: `${p.code} — ${p.title}` }))}
          onChange={() => form.setFieldValue(['programmes', name, 'contents'], [])}
          popupMatchSelectWidth={false}
        />
      </Form.Item>
      <Form.Item name={[name, 'contents']} label={t('act.contents')} className="act-grow">
        <Select
          mode="multiple"
          showSearch={searchable}
          loading={detail.loading && !!programme}
          disabled={!programme}
          options={contents.map((c) => ({ value: c.number, label: `${c.number}. ${c.text}` }))}
          data-testid={`programme-contents-${index}`}
        />
      </Form.Item>
      <Button className="act-remove" onClick={onRemove} aria-label={`${t('act.remove')} (${t('act.programme')} ${index + 1})`}>
        ×
      </Button>
    </div>
  );
}
