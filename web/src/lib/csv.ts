// CSV for people who open it in Excel: UTF-8 with a BOM (so Excel reads the diacritics), CRLF,
// fields quoted when they hold a separator, a quote or a line break.
import type { Cell } from './xlsx';

export function csvField(cell: Cell): string {
  if (cell === null || cell === undefined) return '';
  const text = String(cell);
  return /[",;\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function buildCsv(rows: Cell[][]): string {
  return '\ufeff' + rows.map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}
