// Saved views: the English messages (the keys and the Vietnamese: ./messages.ts), in
// the English catalogue's chunk, loaded only when English is chosen (i18n/catalogue.ts).
import type { vi } from './messages';

export const en: Record<keyof typeof vi, string> = {
  'nav.views': 'Saved views',
  'views.title': 'Saved views',
  'views.save': 'Save view',
  'views.saveTitle': 'Save the current view',
  'views.name': 'Name',
  'views.namePlaceholder': 'E.g. cooperatives by province and kind',
  'views.visibility': 'Who may see it',
  'views.private': 'Only me',
  'views.province': 'My province’s officials',
  'views.country': 'Every user',
  'views.open': 'Open a view…',
  'views.saved': 'Saved “{name}”.',
  'views.none': 'No saved views yet.',
  'views.page': 'Page',
  'views.pageDashboard': 'Overview',
  'views.pagePivot': 'Pivot table',
  'views.owner': 'Owner',
  'views.rename': 'Rename',
  'views.delete': 'Delete',
  'views.deleteConfirm': 'Delete the view “{name}”?',
  'views.makeStart': 'Make it my start page',
  'views.isStart': 'Start page',
  'views.clearStart': 'No start page',
  'views.startSet': 'From your next sign-in, your start page is “{name}”.',
  'views.actions': 'Actions',
};
