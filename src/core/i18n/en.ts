/**
 * English messages. Keys are grouped by screen; `{name}` marks a parameter. Every key here must
 * exist in every other catalogue (the compiler checks es.ts against this one).
 */
export const en = {
  'app.name': 'OpenIOP',
  'language.label': 'Language',
  'language.en': 'English',
  'language.es': 'Español',

  'signIn.title': 'Sign in',
  'signIn.intro': 'Sign in with your email address and password.',
  'signIn.email': 'Email',
  'signIn.password': 'Password',
  'signIn.togglePassword': 'Show or hide the characters',
  'signIn.submit': 'Sign in',
  'signIn.back': 'Back',
  'signIn.working': 'Signing in…',
  'signIn.sessionEnded': 'Your session ended. Please sign in again.',
  'signIn.idle': 'You were signed out because there was no activity for a while. Please sign in again.',
  'signIn.signedOut': 'You have signed out.',
  'signIn.totp.title': 'Enter your code',
  'signIn.totp.help': 'Open your authenticator app and enter the 6-digit code it shows for {app}.',
  'signIn.totp.label': '6-digit code',
  'signIn.totp.invalidFormat': 'Enter the 6 digits shown in your authenticator app.',
  'signIn.totp.submit': 'Verify',
  'signIn.enrol.title': 'Set up two-step sign-in',
  'signIn.enrol.intro':
    'Your account needs an authenticator app. Add your account to the app with the setup key or the setup link below, then enter the 6-digit code the app shows.',
  'signIn.enrol.secret': 'Setup key',
  'signIn.enrol.uri': 'Setup link',
  'signIn.enrol.copy': 'Copy',
  'signIn.enrol.copied': 'Copied',

  'crisis.region': 'Crisis resources',
  'crisis.heading': 'Need help now?',
  'crisis.text': 'If you are in crisis, call or text 988 (Suicide & Crisis Lifeline) or call 911.',
  'crisis.call988': 'Call 988',
  'crisis.text988': 'Text 988',
  'crisis.call911': 'Call 911',
} as const;

export type MessageKey = keyof typeof en;

/** What every other language must provide: the same keys, any wording. */
export type Catalogue = { readonly [K in MessageKey]: string };
