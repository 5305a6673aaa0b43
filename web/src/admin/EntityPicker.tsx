// Chooses a registered organisation by name for a cooperative account: searches the registry's
// list (GET /api/v1/entities?q=, diacritic-insensitive on the server) as one types, and shows the
// name with its registration code and province, never the internal number alone.
import { Select } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useProvinceNames } from '../geo/units';
import { useI18n } from '../i18n/I18nProvider';
import { getEntity, listEntities } from '../registry/api';
import type { Entity } from '../registry/types';

interface Props {
  id?: string;
  value?: number | null;
  onChange?: (value: number | null) => void;
}

export function EntityPicker({ id, value, onChange }: Props) {
  const { t, lang } = useI18n();
  const provinceLabel = useProvinceNames(lang);
  const [options, setOptions] = useState<Entity[]>([]);
  const [loading, setLoading] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const asked = useRef<AbortController | null>(null);
  // The chosen entity (e.g. an account being edited) is shown by its name.
  useEffect(() => {
    if (!value || options.some((e) => e.id === value)) return;
    const controller = new AbortController();
    getEntity(value, controller.signal)
      .then((e) => setOptions((o) => (o.some((x) => x.id === e.id) ? o : [e, ...o])))
      .catch(() => undefined);
    return () => controller.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [value]);
  const search = (text: string) => {
    clearTimeout(timer.current);
    if (text.trim().length < 2) return;
    timer.current = setTimeout(() => {
      asked.current?.abort();
      const controller = new AbortController();
      asked.current = controller;
      setLoading(true);
      listEntities({ q: text.trim(), limit: 20 }, controller.signal)
        .then((page) => setOptions(page.items))
        .catch(() => undefined)
        .finally(() => setLoading(false));
    }, 250);
  };
  useEffect(() => () => clearTimeout(timer.current), []);
  return (
    <Select<number>
      id={id}
      data-testid="entity-picker"
      showSearch={{ filterOption: false, onSearch: search }}
      allowClear
      value={value ?? undefined}
      onChange={(v) => onChange?.(v ?? null)}
      loading={loading}
      placeholder={t('users.entitySearch')}
      notFoundContent={loading ? null : t('users.entityNone')}
      options={options.map((e) => ({
        value: e.id,
        label: `${e.name}${e.registration_code ? ` (${e.registration_code})` : ''} — ${provinceLabel(e.current_province_code)}`,
      }))}
    />
  );
}
