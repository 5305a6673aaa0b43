// What changed in an audit row: the members whose values differ between before and after; and
// the import a row belongs to (an entity created by an import has a derived entry, id null,
// action entity.import_create; an update by an import has after.import_id and only the
// changed fields).

export interface Change {
  field: string;
  before: unknown;
  after: unknown;
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

const IGNORED = new Set(['updated_at_ms', 'created_at_ms', 'change_seq', 'id', 'import_id']);

export function diffObjects(before: unknown, after: unknown): Change[] {
  const b = (before && typeof before === 'object' ? before : {}) as Record<string, unknown>;
  const a = (after && typeof after === 'object' ? after : {}) as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])].filter((k) => !IGNORED.has(k));
  return keys.filter((k) => !same(b[k], a[k])).map((k) => ({ field: k, before: b[k], after: a[k] }));
}

export interface ImportRef {
  /** The import's number (GET /api/v1/imports/{id}). */
  importId: number;
  /** created: the entity came from row `row` of `fileName`; else the import changed it. */
  created: boolean;
  row: number | null;
  fileName: string | null;
}

/** The import an audit row is about, or null for a row of another kind of write. */
export function importOf(row: { action: string; after: unknown }): ImportRef | null {
  const after = (row.after && typeof row.after === 'object' ? row.after : {}) as Record<string, unknown>;
  if (typeof after.import_id !== 'number') return null;
  if (row.action === 'entity.import_create')
    return {
      importId: after.import_id,
      created: true,
      row: typeof after.import_row === 'number' ? after.import_row : null,
      fileName: typeof after.file_name === 'string' ? after.file_name : null,
    };
  if (row.action === 'entity.import') return { importId: after.import_id, created: false, row: null, fileName: null };
  return null;
}
