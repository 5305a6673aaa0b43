// The programmes' menu entries (the Vietnamese, merged by i18n/vi.ts; the English: messages.en.ts). The pages'
// own texts are in strings.ts and load with the pages: the shell's catalogue is part of the
// first screen, whose budget (scripts/postbuild.mjs) has no room for them.
export const vi = {
  'nav.programmes': 'Chương trình',
  'nav.partners': 'Đối tác',
} as const;
