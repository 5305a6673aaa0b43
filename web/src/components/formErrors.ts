// Putting the API's field errors next to the form fields they name.
import type { FormInstance } from 'antd';
import type { ApiError } from '../api/client';

/**
 * Sets each field error of `error` on the form field of the same name (the API's field names are
 * the JSON member names, which the forms use too). Returns true when some errors name no field of
 * the form (or there are none), so the caller shows the general message.
 */
export function applyFieldErrors(form: FormInstance, error: ApiError, known?: string[]): boolean {
  const map = error.fieldMap();
  const names = Object.keys(map);
  const fields = names.filter((n) => !known || known.includes(n));
  form.setFields(fields.map((name) => ({ name, errors: map[name] })));
  return names.length === 0 || fields.length < names.length;
}


/** The API's field name as a form's path: "legal_basis[0].number" → ['legal_basis', 0, 'number']. */
export function fieldPath(field: string): (string | number)[] {
  const out: (string | number)[] = [];
  for (const part of field.split('.')) {
    const m = /^([^[\]]*)((?:\[\d+\])*)$/.exec(part);
    if (!m) {
      out.push(part);
      continue;
    }
    if (m[1]) out.push(m[1]);
    for (const index of m[2].matchAll(/\[(\d+)\]/g)) out.push(Number(index[1]));
  }
  return out;
}

/**
 * Puts each field error of `error` next to its field of `form` (those `known` accepts); returns
 * the messages of the errors no field shows, for a general message.
 */
export function showFieldErrors(form: Pick<FormInstance, 'setFields'>, error: ApiError, known: (path: (string | number)[]) => boolean): string[] {
  const shown = new Map<string, { name: (string | number)[]; errors: string[] }>();
  const rest: string[] = [];
  for (const f of error.fields) {
    const name = fieldPath(f.field);
    if (!known(name)) {
      rest.push(f.message);
      continue;
    }
    const key = JSON.stringify(name);
    const entry = shown.get(key) ?? { name, errors: [] };
    entry.errors.push(f.message);
    shown.set(key, entry);
  }
  form.setFields([...shown.values()]);
  if (!error.fields.length) rest.push(error.message);
  return rest;
}
