// The support fund's entry point (the Vietnamese, merged by i18n/vi.ts; the English:
// messages.en.ts): the header's "Công tác" menu entry. The pages' own texts are in strings.ts
// and load with the pages (the first screen's budget).
export const vi = {
  'nav.fund': 'Quỹ hỗ trợ',
} as const;
