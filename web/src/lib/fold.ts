// One way to compare what people type with names in Vietnamese: without diacritics and case, with
// đ/Đ as d, so "lang son" finds Lạng Sơn and "dak lak" finds Đắk Lắk. Every select with a search box
// uses `foldFilter` (and `searchable` for the component library's showSearch setting).

/** Text without diacritics, lower case, đ → d, spaces collapsed: "Đắk  Lắk" → "dak lak". */
export function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** True when `label` contains what was typed, both folded. */
export function foldMatch(input: string, label: unknown): boolean {
  return fold(String(label ?? '')).includes(fold(input));
}

/** A Select's filterOption: matches the option's label (text) folded. */
export function foldFilter(input: string, option?: { label?: unknown }): boolean {
  return foldMatch(input, option?.label);
}

/** The showSearch setting every searchable Select uses. */
export const searchable = { filterOption: foldFilter } as const;
