// The catalogues and translate(): `{name}` arguments, numbers formatted in the language. The
// Vietnamese catalogue is in the first screen; the English one is a chunk of its own, loaded by
// loadCatalogue() before the app draws in English (main.tsx, I18nProvider) — until then, and for a
// key it lacks, the Vietnamese text is shown.
import { vi, type MessageKey } from './vi';

export type Lang = 'vi' | 'en';
export const LANGS: Lang[] = ['vi', 'en'];
export type { MessageKey };
export const catalogues: { vi: Record<MessageKey, string>; en?: Record<MessageKey, string> } = { vi };

/** Whether the catalogue of `lang` is here (Vietnamese always; English once loaded). */
export function hasCatalogue(lang: Lang): boolean {
  return lang === 'vi' || !!catalogues.en;
}

/** Loads the catalogue of `lang` (English: its chunk) once. */
export async function loadCatalogue(lang: Lang): Promise<void> {
  if (lang === 'en' && !catalogues.en) catalogues.en = (await import('./en')).en;
}

export type Args = Record<string, string | number>;
export type Translate = (key: MessageKey, args?: Args) => string;

export function translate(lang: Lang, key: MessageKey, args?: Args): string {
  return fill(lang, catalogues[lang]?.[key] ?? catalogues.vi[key] ?? key, args);
}

/** A template with its {arguments} filled in, numbers formatted in the language. */
export function fill(lang: Lang, template: string, args?: Args): string {
  if (!args) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = args[name];
    if (value === undefined) return whole;
    if (typeof value === 'number') return new Intl.NumberFormat(lang === 'vi' ? 'vi-VN' : 'en-GB').format(value);
    return value;
  });
}

const STORAGE_KEY = 'hoptac.lang';

/** The remembered language, else Vietnamese. */
export function storedLang(): Lang {
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    return value === 'en' ? 'en' : 'vi';
  } catch {
    return 'vi';
  }
}

export function rememberLang(lang: Lang): void {
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    /* private mode: the choice lasts for this page only */
  }
}
