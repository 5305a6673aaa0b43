// Provinces for labels, filters and the map: today's 34 and those in force on a past date
// (63 before 2025-07-01), loaded once per date and language-independent (both names kept).
import { useEffect, useState } from 'react';
import type { Lang } from '../i18n/catalogue';
import { listProvinceUnits } from './api';
import type { Province } from './types';

const cache = new Map<string, Promise<Province[]>>();

export function loadProvinces(asOf?: string): Promise<Province[]> {
  const key = asOf ?? 'today';
  let p = cache.get(key);
  if (!p) {
    p = listProvinceUnits(asOf).then((answer) =>
      answer.items.map((u) => ({
        code: u.code,
        name: String(u.name),
        name_en: String(u.name_en ?? u.name),
        valid_from: u.valid_from as string | undefined,
        valid_to: (u.valid_to as string | null | undefined) ?? null,
      })),
    );
    p.catch(() => cache.delete(key));
    cache.set(key, p);
  }
  return p;
}

export function provinceName(p: Province | undefined, lang: Lang): string {
  if (!p) return '';
  return lang === 'en' ? p.name_en : p.name;
}

/** Today's provinces (and, for codes closed in 2025, the old ones too) by code. */
export function useProvinces(asOf?: string): Province[] {
  const [items, setItems] = useState<Province[]>([]);
  useEffect(() => {
    let live = true;
    loadProvinces(asOf)
      .then((list) => live && setItems(list))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [asOf]);
  return items;
}

/** A lookup of province names by code covering current and pre-2025 codes. */
export function useProvinceNames(lang: Lang): (code: string | null | undefined) => string {
  const current = useProvinces();
  const legacy = useProvinces('2025-06-30');
  return (code) => {
    if (!code) return '—';
    const p = current.find((x) => x.code === code) ?? legacy.find((x) => x.code === code);
    return p ? provinceName(p, lang) : code;
  };
}
