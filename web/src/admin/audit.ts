// The audit log for people: an action in words and the page of the object it is about.
import type { MessageKey } from '../i18n/catalogue';
import type { AuditRow } from './types';

type Translate = (key: MessageKey, args?: Record<string, string | number>) => string;

/** "entity.update" → "Sửa tổ chức" / "Edited an organisation"; an action without words stays as it is. */
export function actionLabel(action: string, t: Translate): string {
  const key = `audit.do.${action}` as MessageKey;
  const text = t(key);
  if (text !== key) return text;
  if (action.startsWith('import.')) return t('audit.do.import');
  return action;
}

/** The page of the row's object: an entity, a report, the users page; null for others. */
export function objectLink(row: Pick<AuditRow, 'object_type' | 'object_id'>): string | null {
  if (!row.object_id) return null;
  switch (row.object_type) {
    case 'entity':
      return `/registry/${encodeURIComponent(row.object_id)}`;
    case 'report':
      return `/reports/${encodeURIComponent(row.object_id)}`;
    case 'user':
      return '/admin/users';
    default:
      return null;
  }
}

/** The object in words: its name when the server gave one, else its type in words and its number. */
export function objectLabel(row: Pick<AuditRow, 'object_type' | 'object_id' | 'object_name'>, t: Translate): string {
  if (row.object_name) return row.object_name;
  const key = `audit.type.${row.object_type}` as MessageKey;
  const type = t(key) === key ? row.object_type : t(key);
  return row.object_id ? `${type} #${row.object_id}` : type;
}
