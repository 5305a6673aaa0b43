import { Tag } from 'antd';
import type { EntityStatus } from './types';
import { useI18n } from '../i18n/I18nProvider';

const statusColors: Record<EntityStatus, string> = {
  active: 'green',
  suspended: 'gold',
  stopped: 'orange',
  dissolved: 'default',
  bankrupt: 'red',
  converted: 'purple',
};

export function StatusTag({ status }: { status: EntityStatus | null | undefined }) {
  const { t } = useI18n();
  if (!status) return <Tag>{t('status.unknown')}</Tag>;
  return <Tag color={statusColors[status]}>{t(`status.${status}`)}</Tag>;
}
