// The petitions' entry point (the Vietnamese, merged by i18n/vi.ts; the English: messages.en.ts):
// the header's "Kiến nghị" and the administration menu's themes. The pages' own texts are in
// strings.ts and load with the pages (the first screen's budget).
export const vi = {
  'nav.petitions': 'Kiến nghị',
  'nav.petitionThemes': 'Lĩnh vực kiến nghị',
} as const;
