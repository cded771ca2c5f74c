import { LEVEL_LABELS, LEVELS_OF_CARE } from '../care/levels.js';
import { type EpochMs, isoWeekdayOf, localDateAt, localTimeAt } from '../schedule/localTime.js';
import type { SessionKind } from '../schedule/recurrence.js';
import type { ReminderChannel } from './channels.js';

/**
 * The words of a reminder. A phone's lock screen, a shared inbox or a family member reading over a
 * shoulder must not learn that someone is in SUD treatment (42 CFR Part 2, SPEC §10): unless the
 * patient allowed naming the clinic, a reminder says only that there is an appointment and when.
 * Even then it never carries a diagnosis, a level of care or a program name — a session title or
 * site name that does falls back to the generic wording.
 */

export const REMINDER_LANGUAGES = ['en', 'es'] as const;
export type ReminderLanguage = (typeof REMINDER_LANGUAGES)[number];

export const reminderLanguageOf = (preferred: string): ReminderLanguage => (preferred === 'es' ? 'es' : 'en');

export interface ReminderAppointment {
  startMs: EpochMs;
  /** The site's IANA zone: the time is the wall-clock time where the session happens. */
  timeZone: string;
  kind: SessionKind;
  /** Staff-facing title ("Relapse prevention"). */
  title: string;
  telehealth: boolean;
  siteName: string;
  roomName: string | null;
  /** The series' program, so its name is kept out of the message. */
  programName: string | null;
}

export interface ComposedReminder {
  channel: ReminderChannel;
  /** Email only. */
  subject: string | null;
  body: string;
}

const WEEKDAYS: Readonly<Record<ReminderLanguage, readonly string[]>> = {
  en: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'],
  es: ['lun', 'mar', 'mié', 'jue', 'vie', 'sáb', 'dom'],
};
const MONTHS: Readonly<Record<ReminderLanguage, readonly string[]>> = {
  en: ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'],
  es: ['ene', 'feb', 'mar', 'abr', 'may', 'jun', 'jul', 'ago', 'sep', 'oct', 'nov', 'dic'],
};

const KIND_TITLES: Readonly<Record<ReminderLanguage, Readonly<Record<SessionKind, string>>>> = {
  en: {
    group: 'Group session',
    individual: 'Individual session',
    family: 'Family session',
    medication: 'Medication appointment',
    'case-management': 'Case management appointment',
  },
  es: {
    group: 'Sesión de grupo',
    individual: 'Sesión individual',
    family: 'Sesión familiar',
    medication: 'Cita de medicación',
    'case-management': 'Cita de gestión de casos',
  },
};

/**
 * The day and time at the site, e.g. `{ day: 'Tue 3 Mar', time: '09:00' }`. Our own tables rather
 * than Intl's, whose abbreviations and punctuation change between ICU versions.
 */
export const formatAppointmentTime = (
  startMs: EpochMs,
  timeZone: string,
  language: ReminderLanguage,
): { day: string; time: string } => {
  const date = localDateAt(startMs, timeZone);
  const weekday = WEEKDAYS[language][isoWeekdayOf(date) - 1] ?? '';
  const month = MONTHS[language][Number(date.slice(5, 7)) - 1] ?? '';
  return { day: `${weekday} ${Number(date.slice(8, 10))} ${month}`, time: localTimeAt(startMs, timeZone) };
};

const LEVEL_TERMS = [
  ...LEVELS_OF_CARE.filter((code) => code.length > 2),
  ...Object.values(LEVEL_LABELS),
  'intensive outpatient',
  'level of care',
];
const DIAGNOSIS_TERMS = ['use disorder', 'dependence', 'SUD', 'OUD', 'AUD'];
const PREFIXES = [/\bdiagnos/i, /\bpartial hospitali/i, /\bF1\d\b/i, /\bF1\d\.\w+/i];

const containsWord = (text: string, term: string): boolean =>
  new RegExp(
    `(^|[^\\p{L}\\p{N}])${term.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^\\p{L}\\p{N}])`,
    'iu',
  ).test(text);

/** Whether a staff-written name may appear in a reminder: no level of care, diagnosis or program name. */
export const mayAppearInReminder = (text: string, programName: string | null): boolean =>
  text.trim() !== '' &&
  !PREFIXES.some((prefix) => prefix.test(text)) &&
  ![...LEVEL_TERMS, ...DIAGNOSIS_TERMS].some((term) => containsWord(text, term)) &&
  !(
    programName !== null &&
    programName.trim() !== '' &&
    text.toLowerCase().includes(programName.trim().toLowerCase())
  );

const SMS_FOOTER: Readonly<Record<ReminderLanguage, string>> = {
  en: 'Reply STOP to opt out',
  es: 'Responda STOP para cancelar',
};

const generic = (language: ReminderLanguage, day: string, time: string): string =>
  language === 'es'
    ? `Tiene una cita el ${day} a las ${time}.`
    : `You have an appointment on ${day} at ${time}.`;

const named = (
  language: ReminderLanguage,
  appointment: ReminderAppointment,
  day: string,
  time: string,
): { subject: string; body: string } => {
  const title = mayAppearInReminder(appointment.title, appointment.programName)
    ? appointment.title.trim()
    : KIND_TITLES[language][appointment.kind];
  const site = mayAppearInReminder(appointment.siteName, appointment.programName)
    ? appointment.siteName.trim()
    : null;
  const room =
    appointment.roomName !== null && mayAppearInReminder(appointment.roomName, appointment.programName)
      ? appointment.roomName.trim()
      : null;
  if (language === 'es') {
    const place = appointment.telehealth ? 'por video' : room !== null ? `en ${room}` : 'en persona';
    return {
      subject: site !== null ? `Recordatorio de cita: ${site}` : 'Recordatorio de cita',
      body: `${site !== null ? `${site}: ` : ''}${title} el ${day} a las ${time}, ${place}.`,
    };
  }
  const place = appointment.telehealth ? 'by video' : room !== null ? `in ${room}` : 'in person';
  return {
    subject: site !== null ? `Appointment reminder: ${site}` : 'Appointment reminder',
    body: `${site !== null ? `${site}: ` : ''}${title} on ${day} at ${time}, ${place}.`,
  };
};

/** The message for one channel. SMS ends with the opt-out instruction carriers require. */
export const composeReminder = (input: {
  appointment: ReminderAppointment;
  channel: ReminderChannel;
  language: ReminderLanguage;
  nameClinicOk: boolean;
}): ComposedReminder => {
  const { appointment, channel, language } = input;
  const { day, time } = formatAppointmentTime(appointment.startMs, appointment.timeZone, language);
  const text = input.nameClinicOk
    ? named(language, appointment, day, time)
    : {
        subject: language === 'es' ? 'Recordatorio de cita' : 'Appointment reminder',
        body: generic(language, day, time),
      };
  return channel === 'sms'
    ? { channel, subject: null, body: `${text.body} ${SMS_FOOTER[language]}` }
    : { channel, subject: text.subject, body: text.body };
};
