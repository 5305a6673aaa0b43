import {
  Alert, Button, Grid, Card, DatePicker, Descriptions, Empty, Form, Input, Modal, Popconfirm, Result, Select, Space, Spin,
  Table, Tabs, Timeline, message,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useSession } from '../account/session';
import { EntityActivities, EntityActivitiesLabel } from '../activities/EntityActivities';
import { ApiError } from '../api/client';
import { canEditRegistry, seesEntityHistory } from '../api/types';
import { ChartCard } from '../components/ChartCard';
import { PrintButton, PrintHeader, usePrinting } from '../components/PrintHeader';
import { applyFieldErrors } from '../components/formErrors';
import { provinceName as unitName, useProvinceNames, useProvinces } from '../geo/units';
import { datePattern, formatDate, formatDateTime, formatNumber, formatPeriod } from '../i18n/format';
import { useI18n } from '../i18n/I18nProvider';
import type { MessageKey } from '../i18n/catalogue';
import { formatMoneyIn, moneyCaption, moneyScale, type MoneyScale } from '../lib/money';
import { useApi } from '../lib/useApi';
import { EntityPetitions, EntityPetitionsLabel } from '../petitions/EntityPetitions';
import { addEvent, deleteEntity, getEntity, getFigures, listEvents } from './api';
import { FIGURE_FIELDS, isMoney, parseFigures, type FigureField } from './figures';
import { AnnualUpdateButton, fillsReportsOf } from './AnnualUpdate';
import { EntityHistory } from './EntityHistory';
import { StatusTag } from './labels';
import { EVENT_TYPES, KINDS, type Entity } from './types';

function EventForm({ entity, onDone }: { entity: Entity; onDone: () => void }) {
  const { t, lang } = useI18n();
  const [form] = Form.useForm<{ date: Dayjs; type: string; note?: string; converted_to?: string }>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const type = Form.useWatch('type', form);
  const submit = async (v: { date: Dayjs; type: string; note?: string; converted_to?: string }) => {
    setBusy(true);
    setError(null);
    try {
      await addEvent(entity.id, {
        date: v.date.format('YYYY-MM-DD'),
        type: v.type,
        ...(v.note ? { note: v.note } : {}),
        ...(v.type === 'converted' && v.converted_to ? { converted_to: v.converted_to } : {}),
      });
      form.resetFields();
      onDone();
    } catch (e) {
      if (e instanceof ApiError) {
        const unplaced = applyFieldErrors(form, e, ['date', 'type', 'note', 'converted_to']);
        if (unplaced) setError([e.message, ...e.fields.filter((f) => !['date', 'type', 'note', 'converted_to'].includes(f.field)).map((f) => f.message)].join(' '));
      } else setError(String(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Form form={form} layout="vertical" onFinish={submit} requiredMark={false}>
      {error && <Alert type="error" title={error} showIcon role="alert" style={{ marginBottom: 12 }} />}
      <Form.Item label={t('event.date')} name="date" rules={[{ required: true, message: t('common.required') }]}>
        <DatePicker format={datePattern(lang)} style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item label={t('event.type')} name="type" rules={[{ required: true, message: t('common.required') }]}>
        <Select options={EVENT_TYPES.map((e) => ({ value: e, label: t(`event.${e}`) }))} />
      </Form.Item>
      {type === 'converted' && (
        <Form.Item label={t('event.convertedTo')} name="converted_to" rules={[{ required: true, message: t('common.required') }]}>
          <Select options={KINDS.filter((k) => k !== entity.kind).map((k) => ({ value: k, label: t(`kind.${k}`) }))} />
        </Form.Item>
      )}
      <Form.Item label={t('event.note')} name="note">
        <Input.TextArea rows={2} maxLength={1000} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={busy}>
        {t('common.save')}
      </Button>
    </Form>
  );
}

function FiguresTab({ entity }: { entity: Entity }) {
  const { t, lang } = useI18n();
  const figures = useApi((signal) => getFigures(entity.id, signal), [entity.id]);
  const [measure, setMeasure] = useState<FigureField>('members_total');
  const rows = useMemo(() => parseFigures(figures.data), [figures.data]);
  const provinceName = useProvinceNames(lang);
  if (figures.loading && !figures.data) return <Spin />;
  if (figures.error) {
    const missing = figures.error instanceof ApiError && figures.error.status === 404;
    return <Alert type={missing ? 'info' : 'error'} title={missing ? t('common.notAvailable') : figures.error.message} showIcon />;
  }
  if (!rows.length) return <Empty description={t('figures.none')} />;
  const present = FIGURE_FIELDS.filter((f) => rows.some((r) => r.values[f] !== undefined && r.values[f] !== null));
  // Money in tỷ or triệu đồng per column (the period is the row's): "Doanh thu, triệu đồng".
  const scales = Object.fromEntries(present.map((f) => [f, moneyScale(rows.map((r) => r.values[f]))])) as Record<FigureField, MoneyScale>;
  const show = (f: FigureField, v: number | null | undefined) => (isMoney(f) ? formatMoneyIn(v, scales[f], lang) : formatNumber(v, lang));
  const label = (f: FigureField) => (isMoney(f) ? moneyCaption(f, '', scales[f], t) : t(`measure.${f}` as MessageKey));
  const chosen = present.includes(measure) ? measure : present[0];
  const title = `${label(chosen)} — ${entity.name}`;
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="middle">
      <Table
        size="small"
        rowKey="period"
        pagination={false}
        scroll={{ x: 'max-content' }}
        dataSource={rows}
        columns={[
          { key: 'period', title: t('figures.period'), dataIndex: 'period', fixed: 'left', render: (p: string) => formatPeriod(p, lang) },
          ...present.map((f) => ({
            key: f,
            title: label(f),
            className: 'num',
            render: (_: unknown, r: (typeof rows)[number]) => show(f, r.values[f]),
          })),
        ]}
      />
      {chosen && (
        <ChartCard
          title={title}
          scope={provinceName(entity.current_province_code ?? entity.province_code)}
          period={rows.length > 1 ? `${formatPeriod(rows[0].period, lang)} – ${formatPeriod(rows[rows.length - 1].period, lang)}` : formatPeriod(rows[0].period, lang)}
          extra={
            <Select
              size="small"
              aria-label={t('figures.chartMeasure')}
              value={chosen}
              onChange={setMeasure}
              style={{ minWidth: 160 }}
              options={present.map((f) => ({ value: f, label: t(`measure.${f}` as MessageKey) }))}
            />
          }
          data={[[t('figures.period'), label(chosen)], ...rows.map((r) => [r.period, r.values[chosen] ?? null])]}
          option={{
            tooltip: { trigger: 'axis', valueFormatter: (v: number) => show(chosen, v) },
            grid: { left: 8, right: 16, top: 24, bottom: 8, containLabel: true },
            xAxis: { type: 'category', data: rows.map((r) => formatPeriod(r.period, lang)) },
            yAxis: { type: 'value', axisLabel: { formatter: (v: number) => (isMoney(chosen) ? formatMoneyIn(v, scales[chosen], lang) : formatNumber(v, lang)) } },
            series: [{ type: 'bar', name: label(chosen), data: rows.map((r) => r.values[chosen] ?? null), itemStyle: { color: '#0b5cab' } }],
          }}
        />
      )}
    </Space>
  );
}

export default function EntityPage() {
  const { id } = useParams();
  const { t, lang } = useI18n();
  const { user } = useSession();
  const navigate = useNavigate();
  const provinceName = useProvinceNames(lang);
  const [eventOpen, setEventOpen] = useState(false);
  // Printing mounts the figures beside the profile; the print dialog waits for them a moment.
  const [printAsked, setPrinting] = useState(false);
  const printing = usePrinting() || printAsked;
  useEffect(() => {
    const done = () => setPrinting(false);
    window.addEventListener('afterprint', done);
    return () => window.removeEventListener('afterprint', done);
  }, []);
  const preparePrint = () => {
    setPrinting(true);
    return new Promise<void>((resolve) => setTimeout(resolve, 800));
  };
  const screens = Grid.useBreakpoint();
  const narrow = screens.sm === false;
  const [notice, contextHolder] = message.useMessage();
  const entity = useApi((signal) => getEntity(id!, signal), [id]);
  const events = useApi((signal) => listEvents(id!, signal), [id]);
  // The province as it was on the date its code is read at (15 in 2023 is Yên Bái, today Lào Cai).
  const provincesThen = useProvinces(entity.data?.province_as_of ?? entity.data?.founded_on ?? undefined);

  if (entity.loading && !entity.data) return <Spin style={{ display: 'block', margin: 48 }} />;
  if (entity.error || !entity.data) {
    const notFound = entity.error instanceof ApiError && entity.error.status === 404;
    return (
      <Result
        status={notFound ? '404' : 'error'}
        title={notFound ? t('entity.notFound') : t('app.loadFailed', { what: t('entity.what') })}
        subTitle={notFound ? undefined : entity.error?.message}
        extra={
          <Space>
            {!notFound && <Button onClick={entity.reload}>{t('common.retry')}</Button>}
            <Link to="/registry">{t('entity.back')}</Link>
          </Space>
        }
        data-testid="entity-not-found"
      />
    );
  }
  const e = entity.data;
  const editable = canEditRegistry(user?.role);
  const yesNo = (v: boolean | undefined) => (v === undefined ? '—' : v ? t('common.yes') : t('common.no'));
  const publicOnly = e.registration_code === undefined;
  const nameThen = unitName(provincesThen.find((p) => p.code === e.province_code), lang);

  const remove = async () => {
    try {
      await deleteEntity(e.id);
      void notice.success(t('entity.deleted'));
      navigate('/registry');
    } catch (err) {
      void notice.error((err as Error).message);
    }
  };

  const profile = (
    <>
      {publicOnly && <Alert type="info" title={t('entity.publicOnly')} showIcon style={{ marginBottom: 12 }} />}
      <Descriptions bordered size="small" column={{ xs: 1, sm: 1, md: 2 }} layout={narrow ? 'vertical' : 'horizontal'}>
        <Descriptions.Item label={t('field.kind')}>{t(`kind.${e.kind}`)}</Descriptions.Item>
        <Descriptions.Item label={t('field.status')}>
          <StatusTag status={e.status} />
        </Descriptions.Item>
        {!publicOnly && <Descriptions.Item label={t('field.registration_code')}>{e.registration_code}</Descriptions.Item>}
        {!publicOnly && <Descriptions.Item label={t('field.tax_code')}>{e.tax_code || '—'}</Descriptions.Item>}
        <Descriptions.Item label={t('field.province_code')}>
          {nameThen || provinceName(e.province_code)}
          {(nameThen || provinceName(e.province_code)) !== provinceName(e.current_province_code) && (
            <span className="muted">
              {' '}
              → {provinceName(e.current_province_code)} ({t('field.current_province').toLowerCase()})
            </span>
          )}
        </Descriptions.Item>
        <Descriptions.Item label={t('field.commune_code')}>{e.commune_code || '—'}</Descriptions.Item>
        {!publicOnly && <Descriptions.Item label={t('field.address')}>{e.address || '—'}</Descriptions.Item>}
        <Descriptions.Item label={t('field.sector')}>{e.sector ? t(`sector.${e.sector}`) : '—'}</Descriptions.Item>
        <Descriptions.Item label={t('field.founded_on')}>{formatDate(e.founded_on, lang)}</Descriptions.Item>
        {!publicOnly && <Descriptions.Item label={t('field.women_managed')}>{yesNo(e.women_managed)}</Descriptions.Item>}
        {!publicOnly && <Descriptions.Item label={t('field.youth')}>{yesNo(e.youth)}</Descriptions.Item>}
        {!publicOnly && (
          <Descriptions.Item label={t('field.chair_name')}>
            {e.chair_name || '—'}
            {e.chair_sex ? ` (${t(`sex.${e.chair_sex}`)}${e.chair_birth_year ? `, ${e.chair_birth_year}` : ''})` : ''}
          </Descriptions.Item>
        )}
        {!publicOnly && <Descriptions.Item label={t('field.phone')}>{e.phone || '—'}</Descriptions.Item>}
        {!publicOnly && <Descriptions.Item label={t('field.email')}>{e.email || '—'}</Descriptions.Item>}
        {!publicOnly && e.union_registration_code && (
          <Descriptions.Item label={t('field.union_registration_code')}>
            {e.union_id ? <Link to={`/registry/${e.union_id}`}>{e.union_registration_code}</Link> : e.union_registration_code}
          </Descriptions.Item>
        )}
        {e.updated_at_ms !== undefined && <Descriptions.Item label={t('field.updated')}>{formatDateTime(e.updated_at_ms, lang)}</Descriptions.Item>}
      </Descriptions>
    </>
  );

  const timeline = (
    <>
      {editable && (
        <Button type="primary" onClick={() => setEventOpen(true)} style={{ marginBottom: 16 }}>
          {t('entity.addEvent')}
        </Button>
      )}
      {events.error && (
        <Alert
          type="error"
          title={t('app.loadFailed', { what: t('entity.timeline').toLowerCase() })}
          description={events.error.message}
          action={
            <Button size="small" onClick={events.reload}>
              {t('common.retry')}
            </Button>
          }
          showIcon
        />
      )}
      {events.data && events.data.items.length === 0 && <Empty description={t('entity.noEvents')} />}
      {events.data && events.data.items.length > 0 && (
        <Timeline
          items={events.data.items.map((ev) => ({
            key: ev.id,
            color: ev.type === 'established' || ev.type === 'resumed' ? 'green' : ev.type === 'dissolved' || ev.type === 'bankrupt' ? 'red' : 'blue',
            content: (
              <div>
                <strong>{formatDate(ev.date, lang)}</strong> — {t(`event.${ev.type}`)}
                {ev.converted_to && ` → ${t(`kind.${ev.converted_to}`)}`}
                {ev.note && <div className="muted">{ev.note}</div>}
              </div>
            ),
          }))}
        />
      )}
    </>
  );

  // On paper: the profile and the figures one after the other (every tab's content is mounted while printing).
  const printTitle = (key: MessageKey) => (printing ? <h2 className="print-only print-section-title">{t(key)}</h2> : null);
  const tabs = [
    { key: 'profile', label: t('entity.profile'), forceRender: printing, children: <>{printTitle('entity.profile')}{profile}</> },
    { key: 'timeline', label: t('entity.timeline'), children: <div className="no-print">{timeline}</div> },
    { key: 'figures', label: t('entity.figures'), forceRender: printing, children: <>{printTitle('entity.figures')}<FiguresTab entity={e} /></> },
    ...(seesEntityHistory(user?.role) ? [{ key: 'history', label: t('entity.history'), children: <EntityHistory entity={e} /> }] : []),
    // The activities it took part in: the alliance's officials only (the list names who attended).
    ...(editable ? [{ key: 'activities', label: <EntityActivitiesLabel />, children: <EntityActivities entityId={e.id} /> }] : []),
    // The petitions it raised: the officials, and its own cooperative account.
    ...(editable || (user?.role === 'cooperative' && user.entity_id === e.id)
      ? [{ key: 'petitions', label: <EntityPetitionsLabel />, children: <EntityPetitions entityId={e.id} canAdd={editable} /> }]
      : []),
  ];

  return (
    <>
      {contextHolder}
      <PrintHeader title={e.name} scope={[e.registration_code, provinceName(e.current_province_code)].filter(Boolean).join(' · ')} />
      <Link to="/registry" className="no-print">
        ← {t('entity.back')}
      </Link>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'center', justifyContent: 'space-between', margin: '8px 0 12px' }}>
        <h1 className="page-title" style={{ margin: 0 }} data-testid="entity-name">
          {e.name}
        </h1>
        <Space wrap className="no-print">
          <PrintButton before={preparePrint} testId="entity-print" />
          {fillsReportsOf(user, e) && <AnnualUpdateButton entityId={e.id} />}
          {editable && !publicOnly && (
            <>
              <Link to={`/registry/${e.id}/edit`}>
                <Button>{t('common.edit')}</Button>
              </Link>
              <Popconfirm title={t('entity.deleteConfirm', { name: e.name })} onConfirm={remove} okText={t('common.delete')} cancelText={t('common.cancel')}>
                <Button danger>{t('entity.delete')}</Button>
              </Popconfirm>
            </>
          )}
        </Space>
      </div>
      <Card styles={{ body: { paddingTop: 4 } }}>
        <Tabs items={tabs} />
      </Card>
      <Modal open={eventOpen} title={t('entity.addEvent')} onCancel={() => setEventOpen(false)} footer={null} destroyOnHidden>
        <EventForm
          entity={e}
          onDone={() => {
            setEventOpen(false);
            void notice.success(t('entity.eventAdded'));
            events.reload();
            entity.reload();
          }}
        />
      </Modal>
    </>
  );
}
