// Saving files from the browser: a Blob and a temporary link.
import { buildCsv } from './csv';
import { buildXlsx, type Cell } from './xlsx';
import { fold } from './fold';

export function saveBlob(filename: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function saveDataUrl(filename: string, dataUrl: string): void {
  const a = document.createElement('a');
  a.href = dataUrl;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
}

export function saveCsv(filename: string, rows: Cell[][]): void {
  saveBlob(filename, new Blob([buildCsv(rows)], { type: 'text/csv;charset=utf-8' }));
}

export function saveXlsx(filename: string, sheetName: string, rows: Cell[][]): void {
  const bytes = buildXlsx([{ name: sheetName, rows }]);
  saveBlob(
    filename,
    new Blob([bytes as BlobPart], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }),
  );
}

/** A file name from a title: no diacritics, no spaces, e.g. "to-chuc-theo-loai-hinh-2026-11-23". */
export function fileSlug(title: string): string {
  return fold(title)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80);
}
