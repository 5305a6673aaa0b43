// A province's communes ranked by their organisations: the communes in force (GET /api/v1/admin-units
// ?level=commune&parent=NN) joined with the counts by commune and kind, and by commune and status
// (GET /api/v1/stats/entities?group_by=commune,kind&province=NN). Every commune of the province is a
// row, those without organisations with 0; the counts are the API's, only summed across kinds.
import { fold } from '../lib/fold';
import type { StatsRow } from './types';

export interface CommuneUnit {
  code: string;
  name: string;
  name_en?: string;
  full_name?: string;
  full_name_en?: string;
}

export interface CommuneRow {
  code: string;
  name: string;
  total: number;
  kinds: Record<string, number>;
  statuses: Record<string, number>;
  /** Place by total, 1 for the most (ties: the same place). */
  rank: number;
}

export interface CommuneTable {
  rows: CommuneRow[];
  /** Organisations whose commune is not recorded (or no longer in force): no list of their own. */
  unknown: CommuneRow | null;
  /** The kinds and statuses met in the province, in the order given. */
  kinds: string[];
  statuses: string[];
}

/** The name a commune is shown by: its full name ("Phường Ba Đình") in the language, else its name. */
export function communeName(u: CommuneUnit, lang: 'vi' | 'en'): string {
  const full = lang === 'en' ? (u.full_name_en ?? u.full_name) : u.full_name;
  return full || (lang === 'en' ? (u.name_en ?? u.name) : u.name) || u.code;
}

const byTotal = (a: CommuneRow, b: CommuneRow) => b.total - a.total || a.name.localeCompare(b.name, 'vi');

/**
 * The table: a row per commune of `units` and per commune the counts name that `units` lacks (a
 * list that failed to load), ranked by total, then by name (Vietnamese collation).
 */
export function communeTable(
  units: CommuneUnit[],
  byKind: StatsRow[],
  byStatus: StatsRow[],
  lang: 'vi' | 'en',
  kindOrder: readonly string[],
  statusOrder: readonly string[],
): CommuneTable {
  const rows = new Map<string, CommuneRow>();
  let unknown: CommuneRow | null = null;
  const blank = (code: string, name: string): CommuneRow => ({ code, name, total: 0, kinds: {}, statuses: {}, rank: 0 });
  for (const u of units) rows.set(u.code, blank(u.code, communeName(u, lang)));
  const rowOf = (r: StatsRow): CommuneRow => {
    const code = r.keys.commune ?? '';
    if (!code) return (unknown ??= blank('', r.labels?.commune ?? ''));
    let row = rows.get(code);
    if (!row) rows.set(code, (row = blank(code, r.labels?.commune || code)));
    return row;
  };
  const kinds = new Set<string>();
  const statuses = new Set<string>();
  for (const r of byKind) {
    const row = rowOf(r);
    const kind = r.keys.kind ?? '';
    row.kinds[kind] = (row.kinds[kind] ?? 0) + r.value;
    row.total += r.value;
    if (r.value) kinds.add(kind);
  }
  for (const r of byStatus) {
    const row = rowOf(r);
    const status = r.keys.status ?? '';
    row.statuses[status] = (row.statuses[status] ?? 0) + r.value;
    if (r.value) statuses.add(status);
  }
  const ranked = [...rows.values()].sort(byTotal);
  ranked.forEach((r, i) => (r.rank = i > 0 && ranked[i - 1].total === r.total ? ranked[i - 1].rank : i + 1));
  const ordered = (seen: Set<string>, order: readonly string[]) => [...order.filter((k) => seen.has(k)), ...[...seen].filter((k) => !order.includes(k))];
  return { rows: ranked, unknown, kinds: ordered(kinds, kindOrder), statuses: ordered(statuses, statusOrder) };
}

/** A column of the table: the name, the total, a kind (`kind:cooperative`) or a status (`status:active`). */
export type CommuneColumn = 'name' | 'total' | `kind:${string}` | `status:${string}`;

/** The number of a row in a column (the name has none). */
export function cellValue(row: CommuneRow, column: CommuneColumn): number {
  if (column === 'total') return row.total;
  if (column.startsWith('kind:')) return row.kinds[column.slice(5)] ?? 0;
  if (column.startsWith('status:')) return row.statuses[column.slice(7)] ?? 0;
  return 0;
}

/**
 * Rows sorted by a column: numbers largest first ('desc'), names A to Z ('asc') in Vietnamese
 * collation; ties by total then name. Rows whose name does not contain `query` (folded: no
 * diacritics, no case, đ as d) are left out.
 */
export function sortCommunes(rows: CommuneRow[], column: CommuneColumn, dir: 'asc' | 'desc', query = ''): CommuneRow[] {
  const q = fold(query);
  const kept = q ? rows.filter((r) => fold(r.name).includes(q)) : [...rows];
  const sign = dir === 'asc' ? 1 : -1;
  return kept.sort((a, b) => {
    const primary = column === 'name' ? a.name.localeCompare(b.name, 'vi') : cellValue(a, column) - cellValue(b, column);
    return sign * primary || byTotal(a, b);
  });
}

/** The `n` communes with the most organisations (none without), and the rest summed, if any. */
export function topCommunes(rows: CommuneRow[], n: number): { top: CommuneRow[]; others: { count: number; total: number } | null } {
  const withAny = rows.filter((r) => r.total > 0).sort(byTotal);
  if (withAny.length <= n) return { top: withAny, others: null };
  const rest = withAny.slice(n);
  return { top: withAny.slice(0, n), others: { count: rest.length, total: rest.reduce((s, r) => s + r.total, 0) } };
}
