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
