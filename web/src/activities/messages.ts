// The activities' entry point (the Vietnamese, merged by i18n/vi.ts; the English: messages.en.ts): the
// programmes' list links to the activities with it. The pages' own texts are in strings.ts and load
// with the pages (the first screen's budget).
export const vi = {
  'nav.activities': 'Hoạt động',
} as const;
