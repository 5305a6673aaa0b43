// The bulk-entry grid's logic, without React: moving the active cell (arrows, Enter, Tab),
// reading a block pasted from a spreadsheet (tab-separated, Excel's quoting), what a cell's
// text means for its field, the edits kept per entity (a cell typed back to the server's value
// is no longer an edit), and the server's field errors placed in the cells they name.
import type { FieldError } from '../api/client';
import { fold } from '../lib/fold';
import type { Lang } from '../i18n/catalogue';
import { formatInputNumber, isEmpty, isNumeric, isWhole, parseNumber, sameValue, type Problem } from './logic';
import type { FormField, FormRule, ReportStatus } from './types';
import { choiceLabel } from './values';

export interface Pos {
  row: number;
  col: number;
}

export type MoveKey = 'up' | 'down' | 'left' | 'right' | 'next' | 'prev' | 'home' | 'end';

/** The cell after a move in a grid of `rows` × `cols` (Tab: `next` wraps to the next row's first cell). */
export function move(pos: Pos, key: MoveKey, rows: number, cols: number): Pos {
  if (rows <= 0 || cols <= 0) return { row: 0, col: 0 };
  const clampRow = (r: number) => Math.max(0, Math.min(rows - 1, r));
  const clampCol = (c: number) => Math.max(0, Math.min(cols - 1, c));
  switch (key) {
    case 'up': return { row: clampRow(pos.row - 1), col: pos.col };
    case 'down': return { row: clampRow(pos.row + 1), col: pos.col };
    case 'left': return { row: pos.row, col: clampCol(pos.col - 1) };
    case 'right': return { row: pos.row, col: clampCol(pos.col + 1) };
    case 'home': return { row: pos.row, col: 0 };
    case 'end': return { row: pos.row, col: cols - 1 };
    case 'next':
      if (pos.col < cols - 1) return { row: pos.row, col: pos.col + 1 };
      return pos.row < rows - 1 ? { row: pos.row + 1, col: 0 } : pos;
    case 'prev':
      if (pos.col > 0) return { row: pos.row, col: pos.col - 1 };
      return pos.row > 0 ? { row: pos.row - 1, col: cols - 1 } : pos;
  }
}

/** The move a key asks for, or null (Enter and Tab with Shift go back). */
export function keyMove(key: string, shift: boolean): MoveKey | null {
  switch (key) {
    case 'ArrowUp': return 'up';
    case 'ArrowDown': return 'down';
    case 'ArrowLeft': return 'left';
    case 'ArrowRight': return 'right';
    case 'Enter': return shift ? 'up' : 'down';
    case 'Tab': return shift ? 'prev' : 'next';
    case 'Home': return 'home';
    case 'End': return 'end';
    default: return null;
  }
}

/**
 * A block copied from Excel or LibreOffice: rows by line, cells by tab; a cell in double quotes
 * may hold tabs, line breaks and doubled quotes. The last line break ends the block (no empty row).
 */
export function parseClipboard(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let i = 0;
  let quoted = false;
  const s = text.replace(/\r\n?/g, '\n');
  while (i < s.length) {
    const c = s[i];
    if (quoted) {
      if (c === '"' && s[i + 1] === '"') {
        cell += '"';
        i += 2;
        continue;
      }
      if (c === '"') {
        quoted = false;
        i++;
        continue;
      }
      cell += c;
      i++;
      continue;
    }
    if (c === '"' && cell === '') {
      quoted = true;
      i++;
    } else if (c === '\t') {
      row.push(cell);
      cell = '';
      i++;
    } else if (c === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else {
      cell += c;
      i++;
    }
  }
  if (cell !== '' || row.length) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

export interface Parsed {
  value: unknown;
  problem: Problem | null;
}

const YES = ['co', 'x', 'yes', 'true', '1', 'dung'];
const NO = ['khong', 'no', 'false', '0', 'sai'];

/**
 * What a cell's text means for its field: numbers as typed in `lang` (a plain run of digits too),
 * yes/no in words ("có", "không", "x"), a choice by its code or its words (without diacritics),
 * a date as dd/mm/yyyy or yyyy-mm-dd; empty text is null. Bounds and lengths are the server's.
 */
export function parseCell(field: FormField, text: string, lang: Lang): Parsed {
  const t = text.trim();
  if (t === '') return { value: null, problem: null };
  if (isNumeric(field)) {
    let n = parseNumber(t, lang);
    if (n !== null && Number.isNaN(n) && /^-?\d+$/.test(t.replace(/[\s\u00a0]/g, ''))) n = Number(t.replace(/[\s\u00a0]/g, ''));
    if (n === null || Number.isNaN(n)) return { value: t, problem: { key: 'report.check.number' } };
    if (isWhole(field) && !Number.isInteger(n)) return { value: n, problem: { key: 'report.check.whole' } };
    return { value: n, problem: null };
  }
  switch (field.type) {
    case 'yes_no': {
      const f = fold(t);
      if (YES.includes(f)) return { value: true, problem: null };
      if (NO.includes(f)) return { value: false, problem: null };
      return { value: t, problem: { key: 'grid.check.yesNo' } };
    }
    case 'choice': {
      const f = fold(t);
      const found = (field.choices ?? []).find((c) => c === t || fold(choiceLabel(field, c, 'vi')) === f || fold(choiceLabel(field, c, 'en')) === f);
      return found ? { value: found, problem: null } : { value: t, problem: { key: 'report.check.choice' } };
    }
    case 'date': {
      const dmy = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(t);
      if (dmy) return { value: `${dmy[3]}-${dmy[2].padStart(2, '0')}-${dmy[1].padStart(2, '0')}`, problem: null };
      if (/^\d{4}-\d{2}-\d{2}$/.test(t)) return { value: t, problem: null };
      return { value: t, problem: { key: 'report.check.date' } };
    }
    case 'range':
      return { value: t, problem: { key: 'grid.check.notInGrid' } };
    default:
      return { value: text, problem: null };
  }
}

/** A value as a cell's text to edit (numbers as the inputs write them, yes/no and choices in words). */
export function cellText(field: FormField, value: unknown, lang: Lang, yes: string, no: string): string {
  if (isEmpty(value)) return '';
  if (isNumeric(field)) return typeof value === 'number' ? formatInputNumber(value, lang, isWhole(field)) : String(value);
  switch (field.type) {
    case 'yes_no': return value === true ? yes : value === false ? no : String(value);
    case 'choice': return choiceLabel(field, String(value), lang);
    case 'date': {
      const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(String(value));
      return m ? `${m[3]}/${m[2]}/${m[1]}` : String(value);
    }
    case 'range': {
      const r = value as { min?: number; max?: number };
      return `${r.min ?? ''} – ${r.max ?? ''}`;
    }
    default: return String(value);
  }
}

/** Whether a row's values may be changed: no report yet, or a draft or returned one. */
export const rowEditable = (status: ReportStatus | null) => status === null || status === 'draft' || status === 'returned';

/** One edited cell: the text as typed and what it means. */
export interface Edit extends Parsed {
  text: string;
}
/** Edits by entity id, then field code. */
export type Edits = Record<number, Record<string, Edit>>;

/**
 * The edits with one cell set: a cell whose value is back to the server's (`original`) is no
 * longer an edit, and a row without edits is dropped. The given object is not changed.
 */
export function setEdit(edits: Edits, entityId: number, code: string, edit: Edit, original: unknown): Edits {
  const row = { ...(edits[entityId] ?? {}) };
  if (!edit.problem && sameValue(edit.value, original ?? null)) delete row[code];
  else row[code] = edit;
  const next = { ...edits };
  if (Object.keys(row).length) next[entityId] = row;
  else delete next[entityId];
  return next;
}

/** The entities with edits, in the order given (the page's rows first, then the others by id). */
export function changedIds(edits: Edits): number[] {
  return Object.keys(edits).map(Number).sort((a, b) => a - b);
}

/** The values a row's edits would send (null when one of its cells cannot be read). */
export function rowValues(rowEdits: Record<string, Edit> | undefined): Record<string, unknown> | null {
  const out: Record<string, unknown> = {};
  for (const [code, e] of Object.entries(rowEdits ?? {})) {
    if (e.problem) return null;
    out[code] = e.value;
  }
  return out;
}

/** A row's errors as the server answered them: messages by field code, and those of no cell. */
export interface RowErrors {
  cells: Record<string, string[]>;
  general: string[];
}

/**
 * The server's field errors placed in cells: "members_total" or "values.members_total" is that
 * cell; a rule's code is the cell of its left field; anything else is the row's.
 */
export function mapErrors(fields: readonly FieldError[], codes: readonly string[], rules: readonly FormRule[] | undefined, message?: string): RowErrors {
  const out: RowErrors = { cells: {}, general: [] };
  for (const f of fields) {
    const name = f.field.startsWith('values.') ? f.field.slice('values.'.length) : f.field;
    const rule = rules?.find((r) => r.code === name);
    const code = codes.includes(name) ? name : rule && codes.includes(rule.left) ? rule.left : null;
    if (code) (out.cells[code] ??= []).push(f.message);
    else out.general.push(f.message);
  }
  if (!fields.length && message) out.general.push(message);
  return out;
}

/** The values a row shows: the server's, with its edits over them. */
export function shownValues(values: Record<string, unknown>, rowEdits: Record<string, Edit> | undefined): Record<string, unknown> {
  const out = { ...values };
  for (const [code, e] of Object.entries(rowEdits ?? {})) out[code] = e.problem ? null : e.value;
  return out;
}

/** The grid's address for a year (and, for national roles, a province): links from other pages. */
export function gridLink(period?: string, province?: string): string {
  const p = new URLSearchParams();
  if (period && /^\d{4}$/.test(period)) p.set('period', period);
  if (province) p.set('province', province);
  const s = p.toString();
  return s ? `/reports/grid?${s}` : '/reports/grid';
}
