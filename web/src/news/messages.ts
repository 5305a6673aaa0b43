// The news' entry point (the Vietnamese, merged by i18n/vi.ts; the English: messages.en.ts): the
// "Công tác" menu's "Tin tức". The pages' own texts are in strings.ts and load with the pages.
export const vi = {
  'nav.news': 'Tin tức',
} as const;
