import { selfCheckMessages } from '../placement/selfCheckMessages.js';

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

  // The public self-check ("Is IOP right for me?"): its questions, results and page texts are kept
  // with the placement rules they explain (core/placement/selfCheckMessages.ts) and merged here, so
  // the server and the web app read one catalogue; what only the page needs follows.
  ...selfCheckMessages.en,
  'selfCheck.link': 'Is IOP right for me? Take the self-check',
  'selfCheck.ui.start': 'Start the self-check',
  'selfCheck.ui.step': 'Step {current} of {total}',
  'selfCheck.ui.progress': 'Progress',
  'selfCheck.ui.next': 'Next',
  'selfCheck.ui.back': 'Back',
  'selfCheck.ui.chooseOne': 'Please choose an answer.',
  'selfCheck.ui.chooseAny': 'Please choose at least one answer.',
  'selfCheck.ui.startOver': 'Start over',
  'selfCheck.ui.working': 'Getting your result…',
  'selfCheck.ui.resultTitle': 'Your result',
  'selfCheck.ui.likelyLevel': 'Likely level of care: {level}',
  'selfCheck.ui.why': 'Why we say this',
  'selfCheck.ui.rateLimited':
    'There have been too many tries from this device. Please wait a few minutes and try again.',
  'selfCheck.ui.networkError': 'We could not reach our server. Check your connection and try again.',
  'selfCheck.ui.failed': 'Something went wrong. Please try again.',
  'selfCheck.ui.tryAgain': 'Try again',
  'selfCheck.ui.staffSignIn': 'Staff sign-in',
  'selfCheck.level.NONE': 'No treatment program needed right now',
  'selfCheck.level.OP': 'Outpatient care',
  'selfCheck.level.IOP': 'Intensive outpatient program (IOP)',
  'selfCheck.level.PHP': 'Day program (partial hospitalization)',
  'selfCheck.level.RES': 'Residential care',
  'selfCheck.level.INP': 'Hospital care',
  'selfCheck.callback.name': 'Your name',
  'selfCheck.callback.nameHint': 'A first name or a nickname is fine.',
  'selfCheck.callback.nameRequired': 'Please tell us a name we can ask for.',
  'selfCheck.callback.phone': 'Phone number',
  'selfCheck.callback.phoneInvalid': 'Please enter a phone number, like 555-123-4567.',
  'selfCheck.callback.when': 'Best time to call (optional)',
  'selfCheck.callback.whenHint': 'For example: weekday evenings after 6',
  'selfCheck.callback.how': 'How we may contact you',
  'selfCheck.callback.voicemail': 'You may leave me a voicemail',
  'selfCheck.callback.texts': 'You may send me text messages',
  'selfCheck.callback.nameClinic': 'You may say the name of the clinic in messages',
  'selfCheck.callback.consentLabel':
    'Yes, please contact me. I agree that you save my name, phone number and these choices to do so.',
  'selfCheck.callback.consentRequired': 'Please check this box so we may call you.',
  'selfCheck.callback.submit': 'Ask for a call',
  'selfCheck.callback.done.title': 'Thank you',
  'selfCheck.callback.done.text':
    'We got your request. Someone from our team will call you soon. If you need help right now, call or text 988, or call 911.',
} as const;

export type MessageKey = keyof typeof en;

/** What every other language must provide: the same keys, any wording. */
export type Catalogue = { readonly [K in MessageKey]: string };
