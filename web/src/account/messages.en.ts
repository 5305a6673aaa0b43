// Signing in and the account page: the English messages (the keys and the Vietnamese: ./messages.ts), in
// the English catalogue's chunk, loaded only when English is chosen (i18n/catalogue.ts).
import type { vi } from './messages';

export const en: Record<keyof typeof vi, string> = {
  'login.title': 'Sign in',
  'login.intro': 'The information system of the Vietnam Cooperative Alliance.',
  'login.username': 'Username',
  'login.password': 'Password',
  'login.submit': 'Sign in',
  'login.usernameRequired': 'Enter your username.',
  'login.passwordRequired': 'Enter your password.',
  'login.wrong': 'Wrong username or password (or the account is disabled).',
  'login.throttled': 'Too many failed sign-ins. Please try again in {seconds} seconds.',
  'login.throttledNow': 'You can try to sign in again.',
  'login.showPassword': 'Show password',

  'account.title': 'My account',
  'account.signOut': 'Sign out',
  'account.signedInAs': 'Signed in as {name}',
  'account.role': 'Role',
  'account.province': 'Province',
  'password.title': 'Change password',
  'password.current': 'Current password',
  'password.new': 'New password',
  'password.confirm': 'New password again',
  'password.rule': 'At least 10 characters, not your username, not a common password.',
  'password.tooShort': 'The new password needs at least 10 characters.',
  'password.mismatch': 'The two new passwords differ.',
  'password.changed': 'Your password has been changed.',
  'password.submit': 'Change password',
};
