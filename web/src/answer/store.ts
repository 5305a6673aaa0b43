// What the answer page keeps on the device, by link (token): the answers as typed, on every
// change, whether they wait to be sent (offline), and the last questionnaire received (so a page
// reopened without a connection still shows the form). localStorage may be missing or full (a
// private window): the page works on without it.
import type { AnswerPage } from './types';
import type { FormState } from './logic';

export interface Draft {
  state: FormState;
  /** The answers wait to be sent (sent on the `online` event and on the next load). */
  queued: boolean;
  saved_at: string;
}

export interface Kept {
  draft?: Draft;
  page?: AnswerPage;
}

const key = (token: string) => `hoptac.survey.${token}`;

function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

export function load(token: string): Kept {
  try {
    const text = storage()?.getItem(key(token));
    const kept = text ? (JSON.parse(text) as Kept) : {};
    return kept && typeof kept === 'object' ? kept : {};
  } catch {
    return {};
  }
}

export function save(token: string, kept: Kept): void {
  try {
    storage()?.setItem(key(token), JSON.stringify(kept));
  } catch {
    // Full or refused: the answers stay in the page.
  }
}

const LANG = 'hoptac.survey.lang';
export function savedLang(): 'vi' | 'en' | null {
  try {
    const v = storage()?.getItem(LANG);
    return v === 'en' || v === 'vi' ? v : null;
  } catch {
    return null;
  }
}
export function saveLang(lang: 'vi' | 'en'): void {
  try {
    storage()?.setItem(LANG, lang);
  } catch {
    // Not kept: Vietnamese next time.
  }
}
