// The products' entry point: the English (the keys and the Vietnamese: ./messages.ts), in the
// English catalogue's chunk, loaded only when English is chosen (i18n/catalogue.ts).
import type { vi } from './messages';

export const en: Record<keyof typeof vi, string> = {
  'nav.products': 'Products',
};
