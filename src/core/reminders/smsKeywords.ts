import type { ReminderLanguage } from './compose.js';

/**
 * Inbound SMS keywords (CTIA messaging principles: STOP and its synonyms must opt the number out,
 * START or UNSTOP opts it back in). Carriers match the whole message, ignoring case and punctuation;
 * a longer message that merely contains "stop" is not a keyword.
 */

export type SmsKeywordIntent = 'opt-out' | 'opt-in';

export interface SmsKeyword {
  intent: SmsKeywordIntent;
  /** The language the keyword itself is in, when it says (ALTO, PARAR); null for the English ones. */
  language: ReminderLanguage | null;
}

const OPT_OUT_EN = ['STOP', 'STOPALL', 'UNSUBSCRIBE', 'CANCEL', 'END', 'QUIT'];
const OPT_OUT_ES = ['ALTO', 'PARAR'];
const OPT_IN = ['START', 'UNSTOP'];

const normalize = (body: string): string =>
  body
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[^\p{L}\p{N}]/gu, '')
    .toUpperCase();

/** The keyword a message is, or null for anything else. */
export const parseSmsKeyword = (body: string): SmsKeyword | null => {
  const word = normalize(body);
  if (OPT_OUT_EN.includes(word)) return { intent: 'opt-out', language: null };
  if (OPT_OUT_ES.includes(word)) return { intent: 'opt-out', language: 'es' };
  if (OPT_IN.includes(word)) return { intent: 'opt-in', language: null };
  return null;
};

const REPLIES: Readonly<Record<ReminderLanguage, Readonly<Record<SmsKeywordIntent | 'other', string>>>> = {
  en: {
    'opt-out': 'You will not get any more text reminders from this number. Reply START to get them again.',
    'opt-in': 'Text reminders are on again. Reply STOP to opt out.',
    other: 'This number only sends appointment reminders and cannot read replies. Reply STOP to opt out.',
  },
  es: {
    'opt-out':
      'No recibirá más recordatorios por texto de este número. Responda START para recibirlos de nuevo.',
    'opt-in': 'Los recordatorios por texto están activados de nuevo. Responda STOP para cancelar.',
    other:
      'Este número solo envía recordatorios de citas y no puede leer respuestas. Responda STOP para cancelar.',
  },
};

/** The text the gateway sends back; it names nothing about the clinic or treatment. */
export const smsKeywordReply = (keyword: SmsKeyword | null, language: ReminderLanguage): string =>
  REPLIES[keyword?.language ?? language][keyword?.intent ?? 'other'];
