// The shapes of the survey answer page (the contract of issue 17, "The public answer page"):
// the questionnaire's definition, the answer of GET /s/{token} and of POST /s/{token}. The staff
// pages (src/surveys) use the same definition types.

export const QUESTION_TYPES = ['likert', 'single', 'multiple', 'integer', 'decimal', 'yes_no', 'text', 'long_text', 'note'] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];

/** A text in both languages (English may be empty: Vietnamese is shown then). */
export interface Label {
  vi: string;
  en: string;
}

/** Skip logic, parsed by the server from the XLSForm's `relevant` column. */
export type Condition =
  | { op: '=' | '!=' | '<' | '<=' | '>' | '>='; ref: string; value: string | number; numeric?: boolean }
  | { op: 'selected'; ref: string; value: string }
  | { op: 'and' | 'or' | 'not'; args: Condition[] };

export interface Choice {
  name: string;
  label: Label;
}

export interface Question {
  name: string;
  type: QuestionType;
  label: Label;
  hint?: Label;
  required: boolean;
  choices?: Choice[];
  relevant?: string;
  condition?: Condition | null;
}

export interface Section {
  name: string;
  label: Label;
  relevant?: string;
  condition?: Condition | null;
  questions: Question[];
}

export interface Questionnaire {
  id: number;
  form_id: string;
  version: string;
  title: Label;
  sections: Section[];
  question_count?: number;
  campaign_count?: number;
  created_at?: string;
  created_by?: string;
  may_delete?: boolean;
}

/** A value sent for one question: likert and numbers as numbers, multiple as choice names. */
export type AnswerValue = string | number | string[];
export type Answers = Record<string, AnswerValue>;

export interface ReceivedResponse {
  answers: Answers;
  received_at: string;
  updated_at?: string;
}

/** GET /s/{token} with Accept: application/json. */
export interface AnswerPage {
  campaign: { id: number; title: Label; year: number; opens_on: string; closes_on: string; status: 'scheduled' | 'open' | 'closed' };
  entity: { id: number; name: string };
  questionnaire: Questionnaire;
  response: ReceivedResponse | null;
  lang?: string;
}

/** POST /s/{token}: what the server recorded. */
export interface Receipt {
  received_at: string;
  updated_at?: string;
  updated: boolean;
}
