// Figures by period for one entity, read from GET /api/v1/entities/{id}/figures. Tolerant of
// the two likely shapes: {items:[{period, members_total, …}]} or {items:[{period, figures:{…}}]}.

export const FIGURE_FIELDS = [
  'members_total', 'members_female', 'members_youth', 'workers_total', 'workers_female', 'workers_members',
  'revenue_vnd', 'revenue_with_members_vnd', 'profit_vnd', 'avg_income_vnd_month', 'charter_capital_vnd',
] as const;
export type FigureField = (typeof FIGURE_FIELDS)[number];

export interface PeriodFigures {
  period: string;
  values: Partial<Record<FigureField, number | null>>;
}

export function isMoney(field: string): boolean {
  return field.endsWith('_vnd') || field.endsWith('_vnd_month');
}

/** Orders periods by their start and then by length (2024 before 2024S1 before 2024Q1). */
export function periodSortKey(period: string): string {
  const m = /^(\d{4})(.*)$/.exec(period);
  if (!m) return period;
  const rest = m[2];
  let month = 1;
  let rank = 0;
  let r = /^S([12])$/.exec(rest);
  if (r) [month, rank] = [r[1] === '1' ? 1 : 7, 1];
  r = /^Q([1-4])$/.exec(rest);
  if (r) [month, rank] = [(Number(r[1]) - 1) * 3 + 1, 2];
  r = /^M(\d{2})(?:-(\d{2}))?$/.exec(rest);
  if (r) [month, rank] = [Number(r[1]), r[2] ? 3 : 4];
  return `${m[1]}-${String(month).padStart(2, '0')}-${rank}`;
}

export function parseFigures(answer: unknown): PeriodFigures[] {
  const items = (answer as { items?: unknown[] } | null)?.items ?? (Array.isArray(answer) ? answer : []);
  const out: PeriodFigures[] = [];
  for (const item of items as Record<string, unknown>[]) {
    if (!item || typeof item.period !== 'string') continue;
    const source = (item.figures && typeof item.figures === 'object' ? item.figures : item) as Record<string, unknown>;
    const values: PeriodFigures['values'] = {};
    for (const f of FIGURE_FIELDS) {
      const v = source[f];
      if (typeof v === 'number') values[f] = v;
      else if (v === null) values[f] = null;
    }
    out.push({ period: item.period, values });
  }
  return out.sort((a, b) => periodSortKey(a.period).localeCompare(periodSortKey(b.period)));
}
