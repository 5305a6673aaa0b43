// The products' entry point (the Vietnamese, merged by i18n/vi.ts; the English: messages.en.ts):
// the "Công tác" menu's "Sản phẩm". The pages' own texts are in strings.ts and load with them.
export const vi = {
  'nav.products': 'Sản phẩm',
} as const;
