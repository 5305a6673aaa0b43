// Administrative units (docs/api/openapi.yaml): the API's rows and the provinces the app keeps.

export interface AdminUnit {
  code: string;
  name: string;
  level?: string;
  [key: string]: unknown;
}

export interface Province {
  code: string;
  name: string;
  name_en: string;
  valid_from?: string;
  valid_to?: string | null;
}
