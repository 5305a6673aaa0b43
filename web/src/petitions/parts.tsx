// Small pieces the petitions pages share: the themes (loaded once) and their names, a status's
// and an overdue petition's tags, who handles a petition, the activity picker, the list's cards.
import { Select, Tag } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import { formatDate } from '../i18n/format';
import { getActivityChoice, listThemes, searchActivities } from './api';
import { useT, vi, type Key } from './strings';
import type { Petition, PetitionStatus, Theme } from './types';
import './petitions.css';

let themesAsked: Promise<Theme[]> | null = null;

/** Forgets the themes loaded (after a change on the themes page; and between tests). */
export function forgetThemes() {
  themesAsked = null;
}

/** The themes (all of them, active or not), asked once per page load. */
export function useThemes(): { themes: Theme[]; loaded: boolean; reload: () => void } {
  const [themes, setThemes] = useState<Theme[]>([]);
  const [loaded, setLoaded] = useState(false);
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let live = true;
    themesAsked ??= listThemes().then((r) => r.items);
    themesAsked
      .then((items) => {
        if (live) {
          setThemes(items);
          setLoaded(true);
        }
      })
      .catch(() => {
        themesAsked = null;
        if (live) setLoaded(true);
      });
    return () => {
      live = false;
    };
  }, [tick]);
  return {
    themes,
    loaded,
    reload: () => {
      forgetThemes();
      setTick((n) => n + 1);
    },
  };
}

/** A theme's name in the language: the API's, else the built-in's, else its code. */
export function useThemeName(): (code: string) => string {
  const { t, lang } = useT();
  const { themes } = useThemes();
  return (code) => {
    const theme = themes.find((x) => x.code === code);
    if (theme) return (lang === 'en' ? theme.name_en : theme.name_vi) || theme.name_vi || code;
    const key = `pet.theme.${code}` as Key;
    return key in vi ? t(key) : code;
  };
}

const statusColors: Record<PetitionStatus, string> = { received: 'blue', assigned: 'gold', answered: 'green', closed: 'default' };

export function StatusTag({ status }: { status: PetitionStatus }) {
  const { t } = useT();
  return (
    <Tag color={statusColors[status] ?? 'default'} className="pet-tag" data-testid="petition-status">
      {t(`pet.status.${status}` as Key)}
    </Tag>
  );
}

/** "Quá hạn N ngày": the words say it, not the colour alone. */
export function OverdueTag({ petition }: { petition: Pick<Petition, 'overdue' | 'days_overdue'> }) {
  const { t } = useT();
  if (!petition.overdue) return null;
  return (
    <Tag color="red" className="pet-tag pet-overdue-tag" data-testid="petition-overdue">
      <span aria-hidden="true">⚠ </span>
      {petition.days_overdue > 0 ? t('pet.overdue', { days: petition.days_overdue }) : t('pet.overdueToday')}
    </Tag>
  );
}

/** Who handles it: the officer's name or the agency, or a dash. */
export function handlerText(p: Pick<Petition, 'assignee' | 'agency'>): string {
  if (p.assignee) return p.assignee.display_name || p.assignee.username;
  return p.agency || '';
}

/** The petition's first words, for lists (the whole text on its page). */
export function excerpt(text: string, max = 160): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1).trimEnd()}…` : flat;
}

type Choice = { id: number; title: string; from: string };

/**
 * An activity chosen by its title: searches the activities (GET /api/v1/activities?q=, without
 * diacritics on the server) as one types; the chosen one is shown by its title and date.
 */
export function ActivityPicker({
  id,
  value,
  onChange,
  disabled,
}: {
  id?: string;
  value?: number | null;
  onChange?: (v: number | null) => void;
  disabled?: boolean;
}) {
  const { t, lang } = useT();
  const [found, setFound] = useState<Choice[]>([]);
  const [chosen, setChosen] = useState<Choice | null>(null);
  const [loading, setLoading] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const asked = useRef<AbortController | null>(null);
  useEffect(() => {
    if (!value || chosen?.id === value || found.some((a) => a.id === value)) return;
    const controller = new AbortController();
    getActivityChoice(value, controller.signal)
      .then((a) => setChosen({ id: a.id, title: a.title, from: a.from }))
      .catch(() => undefined);
    return () => controller.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [value]);
  useEffect(() => () => clearTimeout(timer.current), []);
  const search = (text: string) => {
    clearTimeout(timer.current);
    if (text.trim().length < 2) return;
    timer.current = setTimeout(() => {
      asked.current?.abort();
      const controller = new AbortController();
      asked.current = controller;
      setLoading(true);
      searchActivities(text.trim(), controller.signal)
        .then((page) => setFound(page.items.map((a) => ({ id: a.id, title: a.title, from: a.from }))))
        .catch(() => undefined)
        .finally(() => setLoading(false));
    }, 250);
  };
  const options = [...(chosen && !found.some((a) => a.id === chosen.id) ? [chosen] : []), ...found];
  return (
    <Select<number>
      id={id}
      data-testid="petition-activity"
      showSearch={{ filterOption: false, onSearch: search }}
      allowClear
      disabled={disabled}
      loading={loading}
      value={value ?? undefined}
      placeholder={t('pet.activitySearch')}
      notFoundContent={loading ? null : t('pet.activityNone')}
      options={options.map((a) => ({ value: a.id, label: `${a.title} (${formatDate(a.from, lang)})` }))}
      onChange={(v) => {
        const a = found.find((x) => x.id === v);
        if (a) setChosen(a);
        onChange?.(v ?? null);
      }}
      style={{ width: '100%' }}
    />
  );
}

/** Petitions as cards (a phone, an entity's tab, an activity's section). */
export function PetitionCards({ items, empty, showProvince }: { items: Petition[]; empty: string; showProvince?: boolean }) {
  const { t, lang } = useT();
  const themeName = useThemeName();
  if (!items.length)
    return (
      <p className="muted" style={{ margin: 0 }}>
        {empty}
      </p>
    );
  return (
    <ul className="pet-cards" data-testid="petition-cards">
      {items.map((p) => (
        <li key={p.id} className={`pet-card${p.overdue ? ' pet-overdue' : ''}`} data-testid={`petition-card-${p.id}`}>
          <div className="pet-card-head">
            <Link to={`/petitions/${p.id}`} className="pet-code">
              {p.code}
            </Link>
            <span className="muted">{formatDate(p.raised_on, lang)}</span>
          </div>
          <div className="pet-card-text">{excerpt(p.content)}</div>
          <div className="muted">{[themeName(p.theme), showProvince ? p.province_name : '', handlerText(p)].filter(Boolean).join(' · ')}</div>
          {p.due_on && p.status !== 'answered' && p.status !== 'closed' && (
            <div className="muted">
              {t('pet.due')}: {formatDate(p.due_on, lang)}
            </div>
          )}
          <div className="pet-tags">
            <StatusTag status={p.status} />
            <OverdueTag petition={p} />
          </div>
        </li>
      ))}
    </ul>
  );
}
