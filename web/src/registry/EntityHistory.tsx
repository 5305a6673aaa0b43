// An entity's change history (administrators): the audit log's rows about it, newest first. An
// entity created by an import has no row of its own: the API ends its history with a derived
// entry naming the import, the row and the file; an update by an import shows the changed fields
// and links to the import's original file.
import { Alert, Table, Tag } from 'antd';
import { actionLabel } from '../admin/audit';
import type { AuditRow } from '../admin/types';
import { formatDateTime } from '../i18n/format';
import { useI18n } from '../i18n/I18nProvider';
import type { MessageKey } from '../i18n/catalogue';
import { useApi } from '../lib/useApi';
import { importFileUrl } from '../imports/api';
import { getHistory } from './api';
import { diffObjects, importOf } from './history';
import type { Entity } from './types';

export function EntityHistory({ entity }: { entity: Pick<Entity, 'id' | 'updated_at_ms'> }) {
  const { t, lang } = useI18n();
  const audit = useApi((signal) => getHistory(entity.id, signal), [entity.id, entity.updated_at_ms]);
  const value = (v: unknown) => (v === null || v === undefined || v === '' ? t('history.empty') : typeof v === 'object' ? JSON.stringify(v) : String(v));
  const fieldLabel = (f: string) => {
    const key = `field.${f}` as MessageKey;
    return t(key) === key ? f : t(key);
  };
  const fileLink = (importId: number) => (
    <a href={importFileUrl(importId)} download>
      {t('history.importFile')}
    </a>
  );
  if (audit.error) return <Alert type="error" title={audit.error.message} showIcon />;
  return (
    <Table<AuditRow>
      size="small"
      rowKey={(row) => row.id ?? `derived:${row.action}`}
      loading={audit.loading}
      dataSource={audit.data?.items ?? []}
      locale={{ emptyText: t('entity.noHistory') }}
      scroll={{ x: 'max-content' }}
      pagination={{ pageSize: 20, hideOnSinglePage: true }}
      columns={[
        { key: 'at', title: t('history.at'), dataIndex: 'at_ms', className: 'nowrap', render: (ms: number) => formatDateTime(ms, lang) },
        { key: 'by', title: t('history.by'), dataIndex: 'actor_name' },
        { key: 'action', title: t('history.action'), dataIndex: 'action', render: (a: string) => <Tag title={a}>{actionLabel(a, t)}</Tag> },
        {
          key: 'changes',
          title: t('history.changes'),
          render: (_: unknown, row: AuditRow) => {
            const imported = importOf(row);
            if (imported?.created) {
              return (
                <span data-testid="created-by-import">
                  {t('history.createdByImport', { id: String(imported.importId), row: imported.row ?? '?', file: imported.fileName ?? '' })}{' '}
                  ({fileLink(imported.importId)})
                </span>
              );
            }
            if (row.action.endsWith('.create')) return t('history.created');
            if (row.action.endsWith('.delete') || row.after === null) return t('history.deleted');
            if (row.action.endsWith('.add_event')) return t('entity.addEvent');
            if (row.before === null && !imported) return t('history.created');
            const changes = diffObjects(row.before, row.after);
            return (
              <>
                {imported && (
                  <div data-testid="changed-by-import">
                    {t('history.changedByImport', { id: String(imported.importId) })} ({fileLink(imported.importId)})
                  </div>
                )}
                <ul style={{ margin: 0, paddingLeft: 16 }}>
                  {changes.map((c) => (
                    <li key={c.field}>
                      {fieldLabel(c.field)}: <del>{value(c.before)}</del> → <ins>{value(c.after)}</ins>
                    </li>
                  ))}
                </ul>
              </>
            );
          },
        },
      ]}
    />
  );
}
