// The surveys' entry point (the Vietnamese, merged by i18n/vi.ts; the English: messages.en.ts): the
// header's "Khảo sát". The pages' own texts are in strings.ts and load with the pages.
export const vi = {
  'nav.surveys': 'Khảo sát',
} as const;
