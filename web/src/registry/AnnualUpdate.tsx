// "Cập nhật thông tin năm {year}": the entity's figures are entered through its annual report
// (form coop_annual_update), whose approval writes them to the registry. For the accounts that
// fill the entity's reports — the cooperative's own account, the officers and admins of its
// province — the button opens this year's report, creating it when there is none yet.
import { Button, message } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { ApiError } from '../api/client';
import type { User } from '../api/types';
import { todayIso } from '../i18n/format';
import { useI18n } from '../i18n/I18nProvider';
import { createReport, listReports } from '../reports/api';
import type { Entity } from './types';

export const ANNUAL_FORM = 'coop_annual_update';

/** Whether the account fills this entity's reports. */
export function fillsReportsOf(user: Pick<User, 'role' | 'province_code' | 'entity_id'> | null | undefined, entity: Pick<Entity, 'id' | 'current_province_code'>): boolean {
  if (!user) return false;
  if (user.role === 'cooperative') return user.entity_id === entity.id;
  if (user.role === 'province_officer' || user.role === 'province_admin') return !!user.province_code && user.province_code === entity.current_province_code;
  return false;
}

/** The id of the entity's annual report for `year`: the existing one, else a new one. */
export async function openAnnualReport(entityId: number, year: string): Promise<number> {
  const found = await listReports({ form: ANNUAL_FORM, entity_id: entityId, period: year });
  if (found.items[0]) return found.items[0].id;
  try {
    return (await createReport({ form: ANNUAL_FORM, period: year, entity_id: entityId })).id;
  } catch (e) {
    // Created meanwhile: the answer names the existing report.
    const id = e instanceof ApiError && e.status === 409 ? (e.body as { id?: unknown } | undefined)?.id : undefined;
    if (typeof id === 'number') return id;
    throw e;
  }
}

export function AnnualUpdateButton({ entityId }: { entityId: number }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [busy, setBusy] = useState(false);
  const [notice, holder] = message.useMessage();
  const year = todayIso().slice(0, 4);
  const open = async () => {
    setBusy(true);
    try {
      navigate(`/reports/${await openAnnualReport(entityId, year)}`);
    } catch (e) {
      void notice.error(t('entity.annualFailed', { message: (e as Error).message }));
      setBusy(false);
    }
  };
  return (
    <>
      {holder}
      <Button type="primary" loading={busy} onClick={() => void open()} data-testid="entity-annual-update">
        {t('entity.annualUpdate', { year })}
      </Button>
    </>
  );
}
