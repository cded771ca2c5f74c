/**
 * Which channels a reminder goes out on (SPEC §2: contact preferences and SMS opt-in/STOP are obeyed
 * by every reminder). Every channel gets an answer — send, or skip with a reason — so a reminder that
 * is not sent is recorded as such rather than silently dropped.
 */

export const REMINDER_CHANNELS = ['email', 'sms'] as const;
export type ReminderChannel = (typeof REMINDER_CHANNELS)[number];

export const SKIP_REASONS = [
  'no_email',
  'no_phone',
  'sms_not_opted_in',
  'sms_opted_out',
  'texts_not_allowed',
  'session_cancelled',
] as const;
export type SkipReason = (typeof SKIP_REASONS)[number];

/** The parts of a patient's contact preferences a reminder must obey. */
export interface ReminderPreferences {
  textsOk: boolean;
  nameClinicOk: boolean;
  smsOptIn: boolean;
  /** Set when the patient texted STOP (or staff recorded the opt-out); wins over `smsOptIn`. */
  smsOptedOutAt: string | null;
}

export interface ReminderContact {
  email: string | null;
  phone: string | null;
  preferences: ReminderPreferences;
}

export type ChannelDecision =
  | { channel: ReminderChannel; send: true; to: string }
  | { channel: ReminderChannel; send: false; reason: SkipReason };

const present = (value: string | null): value is string => value !== null && value.trim() !== '';

export const decideEmail = (contact: ReminderContact): ChannelDecision =>
  present(contact.email)
    ? { channel: 'email', send: true, to: contact.email.trim() }
    : { channel: 'email', send: false, reason: 'no_email' };

/**
 * SMS needs all four: not opted out, opted in, texts allowed, a phone. An opt-out is checked first
 * because it is the patient's own word (TCPA/CTIA practice) and outranks anything staff recorded.
 */
export const decideSms = (contact: ReminderContact): ChannelDecision => {
  const { preferences } = contact;
  if (preferences.smsOptedOutAt !== null) return { channel: 'sms', send: false, reason: 'sms_opted_out' };
  if (!preferences.smsOptIn) return { channel: 'sms', send: false, reason: 'sms_not_opted_in' };
  if (!preferences.textsOk) return { channel: 'sms', send: false, reason: 'texts_not_allowed' };
  if (!present(contact.phone)) return { channel: 'sms', send: false, reason: 'no_phone' };
  return { channel: 'sms', send: true, to: contact.phone.trim() };
};

/** One decision per channel, email first. */
export const decideDeliveries = (contact: ReminderContact): ChannelDecision[] => [
  decideEmail(contact),
  decideSms(contact),
];

export const decideChannel = (contact: ReminderContact, channel: ReminderChannel): ChannelDecision =>
  channel === 'email' ? decideEmail(contact) : decideSms(contact);
