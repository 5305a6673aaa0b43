// Recording or changing a petition: the registry entities that raise it, the province (the
// account's for a province account; the server takes the cooperative's own), its theme, content,
// to whom it is addressed, the activity where it was raised (opened from an activity: already
// chosen), and the day it was received. A cooperative account's form has neither entities nor
// province. An edit changes the content, theme, addressee and entities only. The server's errors
// are shown next to their fields.
import { Alert, Button, Form, Input, Result, Select, Space } from 'antd';
import { useEffect, useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { useSession } from '../account/session';
import { DateInput, EntityPicker } from '../activities/parts';
import { ApiError } from '../api/client';
import { Panel } from '../components/Panel';
import { showFieldErrors } from '../components/formErrors';
import { provinceName, useProvinces } from '../geo/units';
import { searchable } from '../lib/fold';
import { useApi } from '../lib/useApi';
import { createPetition, getActivityChoice, getPetition, updatePetition } from './api';
import { isNational, isOfficial, petitionBody, petitionForm, seesPetitions, type PetitionForm } from './logic';
import { ActivityPicker, useThemeName, useThemes } from './parts';
import { useT, type Key } from './strings';
import { ADDRESSEE_KINDS } from './types';
import './petitions.css';

const FORM_FIELDS = ['entity_ids', 'province', 'theme', 'content', 'addressed_to', 'addressed_kind', 'addressed_name', 'activity_id', 'raised_on'];

/**
 * The API's field name as the form's: addressed_to(.kind|.name) are two fields here, and an
 * entity of the list (entity_ids[1]) is shown on the list's field.
 */
function formField(field: string): string {
  if (field === 'addressed_to.kind') return 'addressed_kind';
  if (field.startsWith('addressed_to')) return 'addressed_name';
  return field.replace(/\[\d+\].*$/, '');
}

export default function PetitionFormPage() {
  const { id } = useParams();
  const editing = id !== undefined;
  const [params] = useSearchParams();
  const fromActivity = params.get('activity');
  const fromEntity = params.get('entity');
  const { t, lang } = useT();
  const { user } = useSession();
  const navigate = useNavigate();
  const [form] = Form.useForm<PetitionForm>();
  const provinces = useProvinces();
  const { themes } = useThemes();
  const themeName = useThemeName();
  const national = isNational(user?.role);
  const official = isOfficial(user?.role);
  const cooperative = user?.role === 'cooperative';
  const existing = useApi((signal) => (editing ? getPetition(id, signal) : Promise.resolve(null)), [id]);
  const activity = useApi((signal) => (!editing && fromActivity ? getActivityChoice(fromActivity, signal) : Promise.resolve(null)), [fromActivity]);
  const [saving, setSaving] = useState(false);
  const [general, setGeneral] = useState<string[]>([]);
  const chosenActivity = Form.useWatch('activity_id', form);
  useEffect(() => {
    if (existing.data) form.setFieldsValue(petitionForm(existing.data));
  }, [existing.data, form]);
  // Opened from an activity: its province and first day, unless already typed.
  useEffect(() => {
    const a = activity.data;
    if (!a) return;
    if (national && a.province && !form.isFieldTouched('province')) form.setFieldValue('province', a.province);
    if (!form.isFieldTouched('raised_on')) form.setFieldValue('raised_on', a.from);
  }, [activity.data, national, form]);

  if (!seesPetitions(user?.role)) return <Result status="403" title="403" subTitle={t('pet.forbidden')} />;
  if (existing.data && !existing.data.may.edit)
    return <Result status="403" title="403" subTitle={t('pet.cannotEdit')} extra={<Link to={`/petitions/${id}`}>{t('common.back')}</Link>} />;
  if (editing && existing.error) {
    const missing = existing.error instanceof ApiError && existing.error.status === 404;
    return (
      <Result
        status={missing ? '404' : 'error'}
        title={missing ? '404' : t('common.error')}
        subTitle={missing ? t('pet.notFound') : existing.error.message}
        extra={<Link to="/petitions">{t('pet.back')}</Link>}
      />
    );
  }

  const save = async () => {
    let values: PetitionForm;
    try {
      values = await form.validateFields();
    } catch {
      setGeneral([t('common.fixErrors')]);
      return;
    }
    setSaving(true);
    setGeneral([]);
    try {
      const body = petitionBody(values, { editing, cooperative });
      const saved = editing ? await updatePetition(id, body) : await createPetition(body);
      navigate(`/petitions/${saved.id}`);
    } catch (e) {
      if (e instanceof ApiError) {
        const moved = new ApiError(
          e.status,
          e.code,
          e.message,
          e.fields.map((f) => ({ ...f, field: formField(f.field) })),
        );
        const rest = showFieldErrors(
          form,
          moved,
          (path) => FORM_FIELDS.includes(String(path[0])) && (official || (path[0] !== 'entity_ids' && path[0] !== 'province')),
        );
        setGeneral(rest.length ? rest : [t('common.fixErrors')]);
      } else setGeneral([(e as Error).message]);
    } finally {
      setSaving(false);
    }
  };
  const activeThemes = themes.filter((th) => th.active || th.code === existing.data?.theme);
  const initial: Partial<PetitionForm> = {
    entity_ids: fromEntity ? [Number(fromEntity)] : [],
    province: national ? '' : (user?.province_code ?? ''),
    theme: undefined,
    content: '',
    addressed_kind: '',
    addressed_name: '',
    activity_id: fromActivity ? Number(fromActivity) : null,
    raised_on: '',
  };
  const required = [{ required: true, message: t('common.required') }];
  const back = editing ? `/petitions/${id}` : fromActivity ? `/activities/${fromActivity}` : fromEntity ? `/registry/${fromEntity}` : '/petitions';

  return (
    <div className="pet-page" data-testid="petition-form-page">
      <Link to={back}>← {t('common.back')}</Link>
      <h1 className="page-title" style={{ margin: 0 }}>
        {editing ? t('pet.editTitle', { code: existing.data?.code ?? '' }) : official ? t('pet.create') : t('pet.createOwn')}
      </h1>
      {cooperative && !editing && (
        <p className="muted" style={{ margin: 0 }}>
          {t('pet.ownHelp')}
        </p>
      )}
      {activity.data && (
        <p style={{ margin: 0 }} data-testid="petition-from-activity">
          {t('pet.fromActivity', { title: activity.data.title })}
        </p>
      )}
      {general.length > 0 && <Alert type="error" showIcon title={general.join(' ')} data-testid="petition-form-error" />}
      <Form form={form} layout="vertical" initialValues={initial} onFinish={save} data-testid="petition-form">
        <div className="pet-stack">
          <Panel>
            {official && (
              <Form.Item name="entity_ids" label={t('pet.entities')} extra={t('pet.entitiesHelp')}>
                <EntityPicker multiple known={existing.data?.entities} testId="petition-entities" />
              </Form.Item>
            )}
            <div className="pet-form-row">
              {official && (
                <Form.Item
                  name="province"
                  label={t('pet.province')}
                  rules={chosenActivity ? [] : required}
                  extra={national && !editing ? t('pet.provinceHelpActivity') : undefined}
                >
                  <Select
                    showSearch={searchable}
                    disabled={!national || editing}
                    allowClear={national}
                    options={provinces.map((p) => ({ value: p.code, label: provinceName(p, lang) }))}
                    data-testid="petition-province"
                  />
                </Form.Item>
              )}
              <Form.Item name="theme" label={t('pet.theme')} rules={required}>
                <Select
                  showSearch={searchable}
                  options={activeThemes.map((th) => ({ value: th.code, label: themeName(th.code) }))}
                  data-testid="petition-theme"
                />
              </Form.Item>
            </div>
            <Form.Item name="content" label={t('pet.content')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
              <Input.TextArea autoSize={{ minRows: 4, maxRows: 16 }} maxLength={10000} />
            </Form.Item>
            <div className="pet-form-row">
              <Form.Item name="addressed_kind" label={t('pet.addressedKind')}>
                <Select
                  options={[{ value: '', label: '—' }, ...ADDRESSEE_KINDS.map((k) => ({ value: k, label: t(`pet.kind.${k}` as Key) }))]}
                  data-testid="petition-addressed-kind"
                />
              </Form.Item>
              <Form.Item name="addressed_name" label={t('pet.addressedName')} extra={t('pet.addressedNameHelp')} className="pet-grow">
                <Input maxLength={300} />
              </Form.Item>
            </div>
          </Panel>
          {official && (
            <Panel>
              <div className="pet-form-row">
                <Form.Item name="activity_id" label={t('pet.activity')} extra={t('pet.activityHelp')} className="pet-grow">
                  <ActivityPicker disabled={editing} />
                </Form.Item>
                <Form.Item name="raised_on" label={t('pet.raisedOn')} extra={editing ? undefined : t('pet.raisedOnHelp')}>
                  <DateInput disabled={editing} />
                </Form.Item>
              </div>
            </Panel>
          )}
          <Space wrap>
            <Button type="primary" htmlType="submit" loading={saving} data-testid="petition-save">
              {editing ? t('common.save') : official ? t('pet.add') : t('pet.addOwn')}
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
