// "Bố trí lao động trẻ": young workers placed in cooperatives (officials only): the list by
// province (national accounts) and programme, and a form to add, change or remove a person.
import { Alert, Button, Form, Input, InputNumber, Modal, Popconfirm, Result, Select, Space, Table } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { useSession } from '../account/session';
import { ApiError } from '../api/client';
import { Panel } from '../components/Panel';
import { showFieldErrors } from '../components/formErrors';
import { provinceName, useProvinceNames, useProvinces } from '../geo/units';
import { formatDate, formatNumber, todayIso } from '../i18n/format';
import { searchable } from '../lib/fold';
import { usePhone } from '../lib/media';
import { useApi } from '../lib/useApi';
import { createPlacement, deletePlacement, listPlacements, listProgrammeChoices, updatePlacement } from './api';
import { isNational, isOfficial } from './logic';
import { DateInput, EntityPicker } from './parts';
import { useT } from './strings';
import type { Placement, ProgrammeChoice, Sex } from './types';
import './activities.css';

const PAGE = 50;

export default function PlacementsPage() {
  const { t, lang } = useT();
  const { user } = useSession();
  const phone = usePhone();
  const provinces = useProvinces();
  const names = useProvinceNames(lang);
  const national = isNational(user?.role);
  const [province, setProvince] = useState('');
  const [programme, setProgramme] = useState('');
  const [offset, setOffset] = useState(0);
  const [editing, setEditing] = useState<{ placement?: Placement } | null>(null);
  const [notice, setNotice] = useState<{ type: 'success' | 'error'; text: string } | null>(null);
  const programmes = useApi((signal) => listProgrammeChoices(signal), []);
  const list = useApi((signal) => listPlacements({ province, programme, limit: PAGE, offset }, signal), [province, programme, offset]);
  if (!isOfficial(user?.role)) return <Result status="403" title="403" subTitle={t('pl.officialsOnly')} />;
  const items = list.data?.items ?? [];
  const programmeCode = (id: number | null) => (id ? (programmes.data?.items.find((p) => p.id === id)?.code ?? `#${id}`) : '—');
  const remove = async (p: Placement) => {
    try {
      await deletePlacement(p.id);
      list.reload();
    } catch (e) {
      setNotice({ type: 'error', text: (e as Error).message });
    }
  };
  const any = { value: '', label: t('act.any') };
  const when = (p: Placement) => `${formatDate(p.start, lang)} – ${p.end ? formatDate(p.end, lang) : t('pl.working')}`;
  const actions = (p: Placement) =>
    p.may_write !== false && (
      <Space size={4} wrap>
        <Button size="small" onClick={() => setEditing({ placement: p })} aria-label={`${t('common.edit')}: ${p.worker_name}`}>
          {t('common.edit')}
        </Button>
        <Popconfirm title={t('pl.deleteConfirm', { name: p.worker_name })} okText={t('common.delete')} cancelText={t('common.cancel')} onConfirm={() => remove(p)}>
          <Button size="small" danger aria-label={`${t('common.delete')}: ${p.worker_name}`}>
            {t('common.delete')}
          </Button>
        </Popconfirm>
      </Space>
    );
  const entity = (p: Placement) => (p.entity_details ? <Link to={`/registry/${p.entity_details.id}`}>{p.entity_details.name}</Link> : '—');

  return (
    <div className="act-stack act-page" data-testid="placements-page">
      <Link to="/activities">← {t('act.back')}</Link>
      <h1 className="page-title" style={{ margin: 0 }}>
        {t('pl.title')}
      </h1>
      <div className="toolbar" style={{ marginBottom: 0 }}>
        {national && (
          <div className="filter-field" style={{ flex: '1 1 160px' }}>
            <label htmlFor="pl-province">{t('pl.province')}</label>
            <Select
              id="pl-province"
              value={province}
              onChange={(v) => {
                setProvince(v);
                setOffset(0);
              }}
              showSearch={searchable}
              options={[any, ...provinces.map((p) => ({ value: p.code, label: provinceName(p, lang) }))]}
            />
          </div>
        )}
        <div className="filter-field" style={{ flex: '0 1 420px' }}>
          <label htmlFor="pl-programme">{t('pl.programme')}</label>
          <Select
            id="pl-programme"
            value={programme}
            onChange={(v) => {
              setProgramme(v);
              setOffset(0);
            }}
            showSearch={searchable}
            popupMatchSelectWidth={false}
            options={[any, ...(programmes.data?.items ?? []).map((p) => ({ value: String(p.id), label: `${p.code} — ${p.title}` }))]}
          />
        </div>
        <Button type="primary" onClick={() => setEditing({})} data-testid="placement-add">
          {t('pl.add')}
        </Button>
      </div>
      {notice && <Alert type={notice.type} showIcon title={notice.text} closable onClose={() => setNotice(null)} />}
      {list.error && <Alert type="error" showIcon title={list.error.message} />}
      <Panel testId="placement-list">
        {phone ? (
          items.length ? (
            <ul className="act-cards">
              {items.map((p) => (
                <li key={p.id} className="act-card">
                  <strong>{p.worker_name}</strong>
                  <div className="muted">{[p.sex ? t(`sex.${p.sex}`) : '', p.birth_year, p.position].filter(Boolean).join(' · ')}</div>
                  <div>{entity(p)}</div>
                  <div className="muted">{when(p)}</div>
                  {actions(p)}
                </li>
              ))}
            </ul>
          ) : (
            <p className="muted" style={{ margin: 0 }}>
              {list.loading ? t('app.loading') : t('pl.none')}
            </p>
          )
        ) : (
          <div className="table-scroll">
            <Table<Placement>
              rowKey="id"
              size="small"
              loading={list.loading}
              dataSource={items}
              locale={{ emptyText: t('pl.none') }}
              scroll={{ x: 'max-content' }}
              pagination={{ current: Math.floor(offset / PAGE) + 1, pageSize: PAGE, total: list.data?.total ?? 0, showSizeChanger: false, onChange: (page) => setOffset((page - 1) * PAGE) }}
              columns={[
                {
                  key: 'name',
                  title: t('pl.name'),
                  render: (_, p) => (
                    <div style={{ minWidth: 140 }}>
                      <strong>{p.worker_name}</strong>
                      <div className="muted" style={{ fontSize: 12 }}>
                        {[p.sex ? t(`sex.${p.sex}`) : '', p.birth_year].filter(Boolean).join(' · ')}
                      </div>
                    </div>
                  ),
                },
                { key: 'entity', title: t('pl.entity'), render: (_, p) => <div style={{ minWidth: 160, maxWidth: 300 }}>{entity(p)}</div> },
                ...(national ? [{ key: 'province', title: t('pl.province'), render: (_: unknown, p: Placement) => names(p.province ?? p.entity_details?.province) }] : []),
                { key: 'position', title: t('pl.position'), render: (_, p) => p.position || '—' },
                { key: 'when', title: t('pl.period'), render: (_, p) => <span style={{ whiteSpace: 'nowrap' }}>{when(p)}</span> },
                { key: 'programme', title: t('pl.programme'), render: (_, p) => (p.programme ? <Link to={`/programmes/${p.programme}`}>{programmeCode(p.programme)}</Link> : '—') },
                { key: 'actions', title: t('common.actions'), render: (_, p) => actions(p) },
              ]}
            />
          </div>
        )}
        {phone && (list.data?.total ?? 0) > 0 && (
          <p className="muted" style={{ margin: '8px 0 0' }}>
            {t('common.total')}: {formatNumber(list.data?.total ?? 0, lang)}
          </p>
        )}
      </Panel>
      {editing && (
        <PlacementModal
          placement={editing.placement}
          programmes={programmes.data?.items ?? []}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            setNotice({ type: 'success', text: t('pl.saved') });
            list.reload();
          }}
        />
      )}
    </div>
  );
}

interface PlacementForm {
  worker_name: string;
  birth_year: number | null;
  sex: Sex | '';
  entity: number | null;
  start: string;
  end: string;
  programme: number | '';
  position: string;
  notes: string;
}

const FIELDS = ['worker_name', 'birth_year', 'sex', 'entity', 'start', 'end', 'programme', 'position', 'notes'];

function PlacementModal(props: { placement?: Placement; programmes: ProgrammeChoice[]; onClose: () => void; onSaved: () => void }) {
  const { placement, programmes, onClose, onSaved } = props;
  const { t } = useT();
  const [form] = Form.useForm<PlacementForm>();
  const [saving, setSaving] = useState(false);
  const [general, setGeneral] = useState<string[]>([]);
  const initial: PlacementForm = placement
    ? {
        worker_name: placement.worker_name,
        birth_year: placement.birth_year,
        sex: placement.sex ?? '',
        entity: placement.entity,
        start: placement.start,
        end: placement.end ?? '',
        programme: placement.programme ?? '',
        position: placement.position ?? '',
        notes: placement.notes ?? '',
      }
    : { worker_name: '', birth_year: null, sex: '', entity: null, start: todayIso(), end: '', programme: '', position: '', notes: '' };
  const save = async () => {
    let v: PlacementForm;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    setSaving(true);
    setGeneral([]);
    const body: Record<string, unknown> = {
      worker_name: v.worker_name.trim(),
      birth_year: v.birth_year ?? null,
      sex: v.sex || null,
      entity: v.entity ?? null,
      start: v.start,
      end: v.end || null,
      programme: v.programme === '' ? null : Number(v.programme),
      position: (v.position ?? '').trim(),
      notes: (v.notes ?? '').trim(),
    };
    try {
      if (placement) await updatePlacement(placement.id, body);
      else await createPlacement(body);
      onSaved();
    } catch (e) {
      if (e instanceof ApiError) setGeneral(showFieldErrors(form, e, (path) => FIELDS.includes(String(path[0]))));
      else setGeneral([(e as Error).message]);
    } finally {
      setSaving(false);
    }
  };
  const required = [{ required: true, message: t('common.required') }];
  return (
    <Modal open width={640} title={placement ? t('pl.edit') : t('pl.add')} okText={t('common.save')} cancelText={t('common.cancel')} onOk={save} onCancel={onClose} confirmLoading={saving} forceRender>
      {general.length > 0 && <Alert type="error" showIcon title={general.join(' ')} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" initialValues={initial} data-testid="placement-form">
        <Form.Item name="worker_name" label={t('pl.name')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
          <Input maxLength={200} />
        </Form.Item>
        <div className="act-form-row">
          <Form.Item name="sex" label={t('pl.sex')}>
            <Select
              options={[
                { value: '', label: '—' },
                { value: 'female', label: t('sex.female') },
                { value: 'male', label: t('sex.male') },
              ]}
            />
          </Form.Item>
          <Form.Item name="birth_year" label={t('pl.birthYear')}>
            <InputNumber min={1950} max={2100} style={{ width: '100%' }} />
          </Form.Item>
        </div>
        <Form.Item name="entity" label={t('pl.entity')} rules={required}>
          <EntityPicker known={placement?.entity_details ? [placement.entity_details] : undefined} testId="placement-entity" />
        </Form.Item>
        <div className="act-form-row">
          <Form.Item name="start" label={t('pl.start')} rules={required}>
            <DateInput />
          </Form.Item>
          <Form.Item name="end" label={t('pl.end')} extra={t('pl.endHelp')}>
            <DateInput />
          </Form.Item>
        </div>
        <div className="act-form-row">
          <Form.Item name="position" label={t('pl.position')}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="programme" label={t('pl.programme')}>
            <Select
              showSearch={searchable}
              popupMatchSelectWidth={false}
              options={[{ value: '', label: '—' }, ...programmes.map((p) => ({ value: p.id, label: `${p.code} — ${p.title}` }))]}
            />
          </Form.Item>
        </div>
        <Form.Item name="notes" label={t('pl.notes')}>
          <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
