// Adding or changing a target: its content, title, deadline, cadence, target and baseline, the
// provinces a national programme counts, and the measure — the source (organisations in the
// registry, their figures, registry events, the alliance's activities, young workers placed, survey
// campaigns, cooperatives' petitions, the support fund's loans, or values entered by hand), the figure, event or count, and the
// filters: the registry list's, the activities' types (the placements' sex) and whether only this
// programme's count (checked by default), the survey's questionnaire, the petitions' themes and
// statuses, or the loans' borrowers (women-managed, youth) and fund. The server's errors are shown next to their fields.
import { Alert, Checkbox, Form, Input, InputNumber, Modal, Select } from 'antd';
import { useState } from 'react';
import { activityTypeLabel } from '../activities/strings';
import { ACTIVITY_TYPES } from '../activities/types';
import { ApiError } from '../api/client';
import { listFunds } from '../fund/api';
import { useProvinces, provinceName } from '../geo/units';
import { searchable } from '../lib/fold';
import { useApi } from '../lib/useApi';
import { listThemes } from '../petitions/api';
import { FIGURE_FIELDS } from '../registry/figures';
import { EVENT_TYPES, KINDS, SECTORS, STATUSES } from '../registry/types';
import { listQuestionnaires } from '../surveys/api';
import { createTarget, updateTarget } from './api';
import {
  ACTIVITY_MEASURES, defaultMeasure, emptyTargetForm, FUND_MEASURES, isCaseSource, isWorkSource, PETITION_MEASURES, PETITION_STATUSES, PLACEMENT_MEASURES,
  questionnaireChoices, showFieldErrors, SOURCES, SURVEY_MEASURES, targetBody, targetForm, themeChoices, type TargetForm,
} from './logic';
import { DateInput } from './parts';
import { useT } from './strings';
import type { ProgrammeWithTargets, Target } from './types';

const FORM_FIELDS = ['content', 'title', 'deadline', 'cadence', 'target', 'baseline', 'provinces', 'measure'];

export function TargetEditor(props: { programme: ProgrammeWithTargets; target?: Target; content: number; onClose: () => void; onSaved: () => void }) {
  const { programme, target, content, onClose, onSaved } = props;
  const { t, lang } = useT();
  const [form] = Form.useForm<TargetForm>();
  const provinces = useProvinces();
  const [saving, setSaving] = useState(false);
  const [general, setGeneral] = useState<string[]>([]);
  const source = Form.useWatch(['measure', 'source'], form) ?? (target ? target.measure.source : 'entities');
  const cadence = Form.useWatch('cadence', form);
  const formId = Form.useWatch(['measure', 'form_id'], form) as string | undefined;
  const themes = Form.useWatch(['measure', 'themes'], form) as string[] | undefined;
  const fundId = Form.useWatch(['measure', 'fund'], form) as string | undefined;
  // The questionnaires and themes to pick from, asked only once their source is chosen.
  const surveys = source === 'surveys.campaigns';
  const petitions = source === 'petitions.petitions';
  const questionnaires = useApi((signal) => (surveys ? listQuestionnaires(signal) : Promise.resolve(undefined)), [surveys]);
  const themeList = useApi((signal) => (petitions ? listThemes(signal) : Promise.resolve(undefined)), [petitions]);
  // The funds to pick one, asked once the fund's loans are chosen; a fund the list lacks stays by its id.
  const loans = source === 'fund.loans';
  const funds = useApi((signal) => (loans ? listFunds(signal) : Promise.resolve(undefined)), [loans]);
  const fundChoices = (funds.data?.items ?? []).map((x) => ({ value: String(x.id), label: x.name }));
  if (fundId && !fundChoices.some((c) => c.value === fundId)) fundChoices.push({ value: fundId, label: `#${fundId}` });
  const national = !programme.province;
  const initial = target ? targetForm(target) : emptyTargetForm(programme.to, content);
  const any = { value: '', label: t('target.any') };
  const yesNo = [any, { value: 'true', label: t('target.yes') }, { value: 'false', label: t('target.no') }];

  const save = async () => {
    let values: TargetForm;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    setSaving(true);
    setGeneral([]);
    try {
      const body = targetBody(values, national, programme.id);
      if (target) await updateTarget(programme.id, target.id, body);
      else await createTarget(programme.id, body);
      onSaved();
    } catch (e) {
      if (e instanceof ApiError) setGeneral(showFieldErrors(form, e, (path) => FORM_FIELDS.includes(String(path[0]))));
      else setGeneral([(e as Error).message]);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      width={720}
      title={target ? t('target.edit') : t('target.add')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={save}
      onCancel={onClose}
      confirmLoading={saving}
      forceRender
    >
      {general.length > 0 && <Alert type="error" showIcon title={general.join(' ')} style={{ marginBottom: 12 }} data-testid="target-error" />}
      <Form form={form} layout="vertical" initialValues={initial} data-testid="target-form">
        <Form.Item name="content" label={t('target.content')}>
          <Select
            options={[
              { value: 0, label: t('prog.content.general') },
              ...(programme.contents ?? []).map((c) => ({ value: c.number, label: `${c.number}. ${c.text}` })),
            ]}
          />
        </Form.Item>
        <Form.Item name="title" label={t('target.title')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
          <Input maxLength={500} />
        </Form.Item>
        <div className="prog-form-row">
          <Form.Item name="cadence" label={t('target.cadence')}>
            <Select options={(['once', 'yearly'] as const).map((c) => ({ value: c, label: t(`target.cadence.${c}`) }))} />
          </Form.Item>
          <Form.Item name="deadline" label={t('target.deadline')} rules={[{ required: true, message: t('common.required') }]}>
            <DateInput />
          </Form.Item>
          <Form.Item name="target" label={cadence === 'yearly' ? t('target.targetYearly') : t('target.target')} rules={[{ required: true, message: t('common.required') }]}>
            <InputNumber style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="baseline" label={t('target.baseline')}>
            <InputNumber style={{ width: '100%' }} />
          </Form.Item>
        </div>
        {national && (
          <Form.Item name="provinces" label={t('target.provinces')} extra={t('target.provincesHelp')}>
            <Select mode="multiple" allowClear showSearch={searchable} options={provinces.map((p) => ({ value: p.code, label: provinceName(p, lang) }))} />
          </Form.Item>
        )}
        <div className="prog-form-row">
          <Form.Item name={['measure', 'source']} label={t('target.source')} rules={[{ required: true, message: t('common.required') }]}>
            <Select
              options={SOURCES.map((s) => ({ value: s, label: t(`target.source.${s}`) }))}
              // Each source has its own measures: the activities' and placements' count by default,
              // the surveys' campaigns held, the petitions' count, the fund's loans outstanding.
              onChange={(s: string) => {
                form.setFieldValue(['measure', 'measure'], defaultMeasure(s));
                // Any borrower, any fund until chosen.
                if (s === 'fund.loans')
                  for (const name of ['women_managed', 'youth', 'fund'] as const)
                    if (form.getFieldValue(['measure', name]) === undefined) form.setFieldValue(['measure', name], '');
                // Any questionnaire until one is chosen.
                if (s === 'surveys.campaigns' && form.getFieldValue(['measure', 'form_id']) === undefined) form.setFieldValue(['measure', 'form_id'], '');
              }}
            />
          </Form.Item>
          {source === 'figures' && (
            <Form.Item name={['measure', 'measure']} label={t('target.measure')} rules={[{ required: true, message: t('common.required') }]}>
              <Select options={FIGURE_FIELDS.map((f) => ({ value: f, label: t(`measure.${f}`) }))} />
            </Form.Item>
          )}
          {source === 'registry.events' && (
            <Form.Item name={['measure', 'measure']} label={t('target.eventType')} rules={[{ required: true, message: t('common.required') }]}>
              <Select options={EVENT_TYPES.map((e) => ({ value: e, label: t(`event.${e}`) }))} />
            </Form.Item>
          )}
          {source === 'activities' && (
            <Form.Item name={['measure', 'measure']} label={t('target.measure')}>
              <Select options={ACTIVITY_MEASURES.map((m) => ({ value: m, label: t(`target.actMeasure.${m}`) }))} />
            </Form.Item>
          )}
          {source === 'placements' && (
            <Form.Item name={['measure', 'measure']} label={t('target.measure')}>
              <Select options={PLACEMENT_MEASURES.map((m) => ({ value: m, label: t(`target.plMeasure.${m}`) }))} />
            </Form.Item>
          )}
          {surveys && (
            <Form.Item name={['measure', 'measure']} label={t('target.measure')}>
              <Select options={SURVEY_MEASURES.map((m) => ({ value: m, label: t(`target.svMeasure.${m}`) }))} />
            </Form.Item>
          )}
          {petitions && (
            <Form.Item name={['measure', 'measure']} label={t('target.measure')}>
              <Select options={PETITION_MEASURES.map((m) => ({ value: m, label: t(`target.peMeasure.${m}`) }))} />
            </Form.Item>
          )}
          {loans && (
            <Form.Item name={['measure', 'measure']} label={t('target.measure')}>
              <Select options={FUND_MEASURES.map((m) => ({ value: m, label: t(`target.fuMeasure.${m}`) }))} />
            </Form.Item>
          )}
        </div>
        {surveys && (
          <fieldset className="prog-fieldset" data-testid="target-survey-filters">
            <legend>{t('target.filters')}</legend>
            <Form.Item name={['measure', 'form_id']} label={t('target.questionnaire')} extra={t('target.questionnaireHelp')}>
              <Select
                showSearch={searchable}
                loading={questionnaires.loading}
                options={[any, ...questionnaireChoices(questionnaires.data?.items, lang, formId)]}
              />
            </Form.Item>
            <p className="muted" style={{ margin: '0 0 8px', fontSize: 13 }}>{t('target.surveyCounted')}</p>
          </fieldset>
        )}
        {petitions && (
          <fieldset className="prog-fieldset" data-testid="target-petition-filters">
            <legend>{t('target.filters')}</legend>
            <div className="prog-form-row">
              <Form.Item name={['measure', 'themes']} label={t('target.themes')} extra={t('target.themesHelp')}>
                <Select mode="multiple" allowClear showSearch={searchable} loading={themeList.loading} options={themeChoices(themeList.data?.items, lang, themes)} />
              </Form.Item>
              <Form.Item name={['measure', 'statuses']} label={t('target.petitionStatuses')} extra={t('target.petitionStatusesHelp')}>
                <Select mode="multiple" allowClear options={PETITION_STATUSES.map((s) => ({ value: s, label: t(`target.petStatus.${s}`) }))} />
              </Form.Item>
            </div>
            <p className="muted" style={{ margin: '0 0 8px', fontSize: 13 }}>{t('target.petitionCounted')}</p>
          </fieldset>
        )}
        {loans && (
          <fieldset className="prog-fieldset" data-testid="target-fund-filters">
            <legend>{t('target.filters')}</legend>
            <div className="prog-form-row">
              <Form.Item name={['measure', 'women_managed']} label={t('target.fundWomenManaged')}>
                <Select options={yesNo} />
              </Form.Item>
              <Form.Item name={['measure', 'youth']} label={t('target.fundYouth')}>
                <Select options={yesNo} />
              </Form.Item>
              <Form.Item name={['measure', 'fund']} label={t('target.fund')}>
                <Select showSearch={searchable} loading={funds.loading} options={[any, ...fundChoices]} />
              </Form.Item>
            </div>
            <p className="muted" style={{ margin: '0 0 8px', fontSize: 13 }}>{t('target.fundCounted')}</p>
          </fieldset>
        )}
        {isWorkSource(source) && (
          <fieldset className="prog-fieldset" data-testid="target-work-filters">
            <legend>{t('target.filters')}</legend>
            {source === 'activities' ? (
              <Form.Item name={['measure', 'types']} label={t('target.activityTypes')} extra={t('target.activityTypesHelp')}>
                <Select mode="multiple" allowClear showSearch={searchable} options={ACTIVITY_TYPES.map((k) => ({ value: k, label: activityTypeLabel(k, lang) }))} />
              </Form.Item>
            ) : (
              <Form.Item name={['measure', 'sex']} label={t('target.sex')}>
                <Select options={[any, { value: 'female', label: t('sex.female') }, { value: 'male', label: t('sex.male') }]} />
              </Form.Item>
            )}
            <Form.Item name={['measure', 'own']} valuePropName="checked" style={{ marginBottom: 8 }}>
              <Checkbox data-testid="target-own-programme">{source === 'activities' ? t('target.ownProgramme') : t('target.ownProgrammePlacements')}</Checkbox>
            </Form.Item>
            {source === 'activities' && <p className="muted" style={{ margin: '0 0 8px', fontSize: 13 }}>{t('target.workCounted')}</p>}
          </fieldset>
        )}
        {source !== 'manual' && !isWorkSource(source) && !isCaseSource(source) && (
          <fieldset className="prog-fieldset">
            <legend>{t('target.filters')}</legend>
            <div className="prog-form-row">
              <Form.Item name={['measure', 'filters', 'kind']} label={t('field.kind')}>
                <Select options={[any, ...KINDS.map((k) => ({ value: k, label: t(`kind.${k}`) }))]} />
              </Form.Item>
              <Form.Item name={['measure', 'filters', 'status']} label={t('field.status')}>
                <Select options={[any, ...STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))]} />
              </Form.Item>
              <Form.Item name={['measure', 'filters', 'sector']} label={t('field.sector')}>
                <Select showSearch={searchable} options={[any, ...SECTORS.map((s) => ({ value: s, label: t(`sector.${s}`) }))]} />
              </Form.Item>
            </div>
            <div className="prog-form-row">
              <Form.Item name={['measure', 'filters', 'women_managed']} label={t('registry.womenManaged')}>
                <Select options={yesNo} />
              </Form.Item>
              <Form.Item name={['measure', 'filters', 'youth']} label={t('registry.youth')}>
                <Select options={yesNo} />
              </Form.Item>
              <Form.Item name={['measure', 'filters', 'founded_from']} label={t('target.foundedFrom')}>
                <DateInput />
              </Form.Item>
              <Form.Item name={['measure', 'filters', 'founded_to']} label={t('target.foundedTo')}>
                <DateInput />
              </Form.Item>
            </div>
          </fieldset>
        )}
      </Form>
    </Modal>
  );
}
