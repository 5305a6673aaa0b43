// The surveys' shapes (the contract of issue 17: "Surveys", "Survey campaigns"): questionnaires
// (their definition is the answer page's, ../answer/types), campaigns, their targets, results and
// the satisfaction index year on year.
import type { Label } from '../answer/types';
export type { Condition, Label, Question, QuestionType, Questionnaire, Section } from '../answer/types';
export { QUESTION_TYPES } from '../answer/types';

/** A questionnaire in the list (without its sections). */
export interface QuestionnaireSummary {
  id: number;
  form_id: string;
  version: string;
  title: Label;
  question_count: number;
  campaign_count: number;
  created_at: string;
  created_by?: string;
}

export const CAMPAIGN_STATUSES = ['scheduled', 'open', 'closed'] as const;
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];

export interface CampaignScope {
  province: string | null;
  kinds: string[];
  sectors: string[];
}

export interface Campaign {
  id: number;
  questionnaire_id: number;
  questionnaire: { id: number; form_id: string; title: Label };
  title: Label;
  year: number;
  opens_on: string;
  closes_on: string;
  status: CampaignStatus;
  closed_early_on: string | null;
  scope: CampaignScope;
  targets: number;
  responses: number;
  response_rate: number | null;
  created_at?: string;
  created_by?: string;
  may_write?: boolean;
}

/** A cooperative's open campaign (GET /api/v1/survey-campaigns/mine). */
export interface MyCampaign extends Campaign {
  link: string;
  responded_at: string | null;
}

export interface Target {
  entity: { id: number; name: string; province: string | null };
  link: string;
  responded_at: string | null;
  via: 'link' | 'account' | null;
}

export interface ProvinceResult {
  province: string;
  name: string;
  targets: number;
  responses: number;
  response_rate: number | null;
  satisfaction_index: number | null;
  withheld: boolean;
}

export interface QuestionResult {
  name: string;
  type: string;
  label: Label;
  answered: number | null;
  withheld: boolean;
  distribution: { choice: string; label: Label; count: number | null }[] | null;
  mean: number | null;
  numbers: { count: number; mean: number | null; median: number | null; min: number | null; max: number | null } | null;
  texts: number | null;
}

export interface Results {
  campaign: Campaign;
  targets: number;
  responses: number;
  response_rate: number | null;
  by_province: ProvinceResult[];
  satisfaction_index: number | null;
  satisfaction_responses: number | null;
  withheld?: boolean;
  questions: QuestionResult[];
}

export interface SatisfactionYear {
  year: number;
  campaign_id: number;
  index: number | null;
  responses: number | null;
  withheld: boolean;
}
