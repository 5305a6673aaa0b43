import { Alert, Button, DatePicker, Input, Table, Tag } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { datePattern, formatDateTime } from '../i18n/format';
import { useI18n } from '../i18n/I18nProvider';
import { useApi } from '../lib/useApi';
import { diffObjects } from '../registry/history';
import { listAudit } from './api';
import { actionLabel, objectLabel, objectLink } from './audit';
import type { AuditRow } from './types';

export default function AuditPage() {
  const { t, lang } = useI18n();
  const [params, setParams] = useSearchParams();
  const applied = { object: params.get('object') ?? '', user: params.get('user') ?? '', from: params.get('from') ?? '', to: params.get('to') ?? '' };
  const [draft, setDraft] = useState(applied);
  const [pages, setPages] = useState<AuditRow[][]>([]);
  const [next, setNext] = useState<number | null>(null);
  const key = JSON.stringify(applied);
  const first = useApi(async (s) => {
    const page = await listAudit({ ...applied, limit: 100 }, s);
    setPages([page.items]);
    setNext(page.next_before_id);
    return page;
  }, [key]);
  const more = async () => {
    if (next === null) return;
    const page = await listAudit({ ...applied, limit: 100, before_id: next });
    setPages((p) => [...p, page.items]);
    setNext(page.next_before_id);
  };
  const apply = () => {
    const out = new URLSearchParams();
    for (const [k, v] of Object.entries(draft)) if (v.trim()) out.set(k, v.trim());
    setParams(out, { replace: true });
  };
  const rows = pages.flat();
  const value = (v: unknown) => (v === null || v === undefined || v === '' ? t('history.empty') : typeof v === 'object' ? JSON.stringify(v) : String(v));
  return (
    <>
      <h1 className="page-title">{t('audit.title')}</h1>
      <form
        className="toolbar"
        onSubmit={(e) => {
          e.preventDefault();
          apply();
        }}
      >
        <div className="filter-field" style={{ flex: '1 1 200px' }}>
          <label htmlFor="a-object">{t('audit.object')}</label>
          <Input id="a-object" value={draft.object} onChange={(e) => setDraft({ ...draft, object: e.target.value })} />
        </div>
        <div className="filter-field" style={{ flex: '1 1 160px' }}>
          <label htmlFor="a-user">{t('audit.user')}</label>
          <Input id="a-user" value={draft.user} onChange={(e) => setDraft({ ...draft, user: e.target.value })} />
        </div>
        <div className="filter-field">
          <label htmlFor="a-from">{t('audit.from')}</label>
          <DatePicker id="a-from" format={datePattern(lang)} value={draft.from ? dayjs(draft.from) : null} onChange={(d) => setDraft({ ...draft, from: d ? d.format('YYYY-MM-DD') : '' })} />
        </div>
        <div className="filter-field">
          <label htmlFor="a-to">{t('audit.to')}</label>
          <DatePicker id="a-to" format={datePattern(lang)} value={draft.to ? dayjs(draft.to) : null} onChange={(d) => setDraft({ ...draft, to: d ? d.format('YYYY-MM-DD') : '' })} />
        </div>
        <Button type="primary" htmlType="submit">
          {t('audit.apply')}
        </Button>
      </form>
      {first.error && <Alert type="error" title={first.error.message} showIcon role="alert" style={{ marginBottom: 12 }} />}
      <Table<AuditRow>
        rowKey={(r) => r.id ?? `derived:${r.action}:${r.object_type}:${r.object_id}`}
        size="small"
        loading={first.loading}
        dataSource={rows}
        pagination={false}
        scroll={{ x: 'max-content' }}
        expandable={{
          expandedRowRender: (r) => (
            <ul style={{ margin: 0 }}>
              {diffObjects(r.before, r.after).map((c) => (
                <li key={c.field}>
                  <code>{c.field}</code>: <del>{value(c.before)}</del> → <ins>{value(c.after)}</ins>
                </li>
              ))}
            </ul>
          ),
        }}
        columns={[
          { key: 'at', title: t('audit.at'), dataIndex: 'at_ms', className: 'nowrap', render: (ms: number) => formatDateTime(ms, lang) },
          { key: 'user', title: t('audit.user'), dataIndex: 'actor_name' },
          { key: 'action', title: t('audit.action'), dataIndex: 'action', render: (a: string) => <Tag title={a}>{actionLabel(a, t)}</Tag> },
          {
            key: 'object',
            title: t('audit.objectColumn'),
            render: (_: unknown, r: AuditRow) => {
              const label = objectLabel(r, t);
              const link = objectLink(r);
              return (
                <span data-testid="audit-object">
                  {link ? <Link to={link}>{label}</Link> : label}{' '}
                  {r.object_id && (
                    <Button
                      size="small"
                      type="link"
                      title={t('audit.objectFilter')}
                      aria-label={t('audit.objectFilter')}
                      onClick={() => {
                        const object = `${r.object_type}:${r.object_id}`;
                        setDraft({ ...draft, object });
                        setParams(new URLSearchParams({ ...Object.fromEntries(Object.entries(applied).filter(([, v]) => v)), object }), { replace: true });
                      }}
                    >
                      ⌕
                    </Button>
                  )}
                </span>
              );
            },
          },
          { key: 'address', title: t('audit.address'), dataIndex: 'address' },
        ]}
      />
      {next !== null && (
        <Button style={{ marginTop: 12 }} onClick={() => void more()}>
          {t('common.loadMore')}
        </Button>
      )}
    </>
  );
}
