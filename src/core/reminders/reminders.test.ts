import { describe, expect, it } from 'vitest';
import { instantOf } from '../schedule/localTime.js';
import {
  composeReminder,
  decideDeliveries,
  formatAppointmentTime,
  isDueForReminder,
  leadHoursFrom,
  mayAppearInReminder,
  parseSmsKeyword,
  reminderSlotStart,
  smsKeywordReply,
  type ReminderAppointment,
  type ReminderContact,
} from './index.js';

const NEW_YORK = 'America/New_York';

const appointment = (overrides: Partial<ReminderAppointment> = {}): ReminderAppointment => ({
  startMs: instantOf('2026-03-03', '09:00', NEW_YORK),
  timeZone: NEW_YORK,
  kind: 'group',
  title: 'Coping skills',
  telehealth: false,
  siteName: 'Hartford Wellness Center',
  roomName: 'Room B',
  programName: 'Adult SUD IOP',
  ...overrides,
});

describe('channels', () => {
  const flags = [true, false];
  const cases = flags.flatMap((textsOk) =>
    flags.flatMap((smsOptIn) =>
      flags.flatMap((optedOut) =>
        flags.flatMap((hasPhone) =>
          flags.flatMap((hasEmail) =>
            flags.map((nameClinicOk) => ({ textsOk, smsOptIn, optedOut, hasPhone, hasEmail, nameClinicOk })),
          ),
        ),
      ),
    ),
  );

  it.each(cases)('decides every combination: %o', (c) => {
    const contact: ReminderContact = {
      email: c.hasEmail ? 'sam.rivera@example.com' : null,
      phone: c.hasPhone ? '860-555-0142' : null,
      preferences: {
        textsOk: c.textsOk,
        nameClinicOk: c.nameClinicOk,
        smsOptIn: c.smsOptIn,
        smsOptedOutAt: c.optedOut ? '2026-03-01T12:00:00.000Z' : null,
      },
    };
    const [email, sms] = decideDeliveries(contact);
    expect(email).toEqual(
      c.hasEmail
        ? { channel: 'email', send: true, to: 'sam.rivera@example.com' }
        : { channel: 'email', send: false, reason: 'no_email' },
    );
    const expected = c.optedOut
      ? 'sms_opted_out'
      : !c.smsOptIn
        ? 'sms_not_opted_in'
        : !c.textsOk
          ? 'texts_not_allowed'
          : !c.hasPhone
            ? 'no_phone'
            : null;
    expect(sms).toEqual(
      expected === null
        ? { channel: 'sms', send: true, to: '860-555-0142' }
        : { channel: 'sms', send: false, reason: expected },
    );
  });

  it('treats a blank address or phone as none', () => {
    const [email, sms] = decideDeliveries({
      email: '  ',
      phone: ' ',
      preferences: { textsOk: true, nameClinicOk: false, smsOptIn: true, smsOptedOutAt: null },
    });
    expect(email).toMatchObject({ send: false, reason: 'no_email' });
    expect(sms).toMatchObject({ send: false, reason: 'no_phone' });
  });
});

describe('composing a reminder', () => {
  it('is generic unless the patient allowed naming the clinic', () => {
    const email = composeReminder({
      appointment: appointment(),
      channel: 'email',
      language: 'en',
      nameClinicOk: false,
    });
    expect(email).toEqual({
      channel: 'email',
      subject: 'Appointment reminder',
      body: 'You have an appointment on Tue 3 Mar at 09:00.',
    });
    const sms = composeReminder({
      appointment: appointment(),
      channel: 'sms',
      language: 'es',
      nameClinicOk: false,
    });
    expect(sms).toEqual({
      channel: 'sms',
      subject: null,
      body: 'Tiene una cita el mar 3 mar a las 09:00. Responda STOP para cancelar',
    });
    for (const text of [email.subject ?? '', email.body, sms.body]) {
      expect(text).not.toMatch(/Hartford|Coping|Room B|IOP|SUD/);
    }
  });

  it('names the session, site and room when allowed, and says how it is held', () => {
    expect(
      composeReminder({ appointment: appointment(), channel: 'sms', language: 'en', nameClinicOk: true })
        .body,
    ).toBe('Hartford Wellness Center: Coping skills on Tue 3 Mar at 09:00, in Room B. Reply STOP to opt out');
    expect(
      composeReminder({
        appointment: appointment({ telehealth: true, roomName: null }),
        channel: 'email',
        language: 'es',
        nameClinicOk: true,
      }),
    ).toEqual({
      channel: 'email',
      subject: 'Recordatorio de cita: Hartford Wellness Center',
      body: 'Hartford Wellness Center: Coping skills el mar 3 mar a las 09:00, por video.',
    });
  });

  it.each([
    ['IOP process group', 'Group session'],
    ['Adult SUD IOP check-in', 'Group session'],
    ['Partial hospitalization orientation', 'Group session'],
    ['Opioid use disorder education', 'Group session'],
    ['F11.20 follow-up', 'Group session'],
    ['Diagnosis review', 'Group session'],
    ['Level of care review', 'Group session'],
  ])('never carries a level of care, diagnosis or program name: "%s"', (title, fallback) => {
    const body = composeReminder({
      appointment: appointment({ title }),
      channel: 'email',
      language: 'en',
      nameClinicOk: true,
    }).body;
    expect(body).toBe(`Hartford Wellness Center: ${fallback} on Tue 3 Mar at 09:00, in Room B.`);
  });

  it('leaves out a site name that gives the level of care away', () => {
    const email = composeReminder({
      appointment: appointment({ siteName: 'Riverside IOP', kind: 'individual', title: 'Check-in' }),
      channel: 'email',
      language: 'en',
      nameClinicOk: true,
    });
    expect(email).toEqual({
      channel: 'email',
      subject: 'Appointment reminder',
      body: 'Check-in on Tue 3 Mar at 09:00, in Room B.',
    });
  });

  it('tells words apart from codes inside them', () => {
    expect(mayAppearInReminder('Audio check-in', null)).toBe(true);
    expect(mayAppearInReminder('Support group', 'Adult SUD IOP')).toBe(true);
    expect(mayAppearInReminder('AUD group', null)).toBe(false);
    expect(mayAppearInReminder('Evening track', 'Evening track')).toBe(false);
  });
});

describe('local time across daylight-saving changes', () => {
  it.each([
    // New York springs forward on Sunday 8 March 2026 and falls back on Sunday 1 November 2026.
    ['2026-03-07', '09:00', 'en', 'Sat 7 Mar', '14:00:00.000Z'],
    ['2026-03-09', '09:00', 'en', 'Mon 9 Mar', '13:00:00.000Z'],
    ['2026-10-30', '18:30', 'es', 'vie 30 oct', '22:30:00.000Z'],
    ['2026-11-02', '18:30', 'es', 'lun 2 nov', '23:30:00.000Z'],
  ] as const)('%s %s in New York (%s)', (date, time, language, day, utc) => {
    const startMs = instantOf(date, time, NEW_YORK);
    expect(new Date(startMs).toISOString().slice(11)).toBe(utc);
    expect(formatAppointmentTime(startMs, NEW_YORK, language)).toEqual({ day, time });
  });

  it('reads the instant in the site’s zone, not the server’s', () => {
    const startMs = Date.parse('2026-11-25T02:30:00.000Z');
    expect(formatAppointmentTime(startMs, 'America/Los_Angeles', 'en')).toEqual({
      day: 'Tue 24 Nov',
      time: '18:30',
    });
    expect(formatAppointmentTime(startMs, NEW_YORK, 'es')).toEqual({ day: 'mar 24 nov', time: '21:30' });
  });
});

describe('SMS keywords', () => {
  it.each(['STOP', 'stop', ' Stop. ', 'STOPALL', 'unsubscribe', 'Cancel', 'END', 'quit!', 'Alto', 'PARAR'])(
    '"%s" opts out',
    (body) => {
      expect(parseSmsKeyword(body)?.intent).toBe('opt-out');
    },
  );

  it.each(['START', 'unstop', 'Start!'])('"%s" opts back in', (body) => {
    expect(parseSmsKeyword(body)).toEqual({ intent: 'opt-in', language: null });
  });

  it.each(['', 'please stop texting me', 'stopp', 'yes', 'HELP', 'don’t stop'])(
    '"%s" is no keyword',
    (body) => {
      expect(parseSmsKeyword(body)).toBeNull();
    },
  );

  it('answers in the keyword’s language, else the patient’s, and never names the clinic', () => {
    expect(smsKeywordReply(parseSmsKeyword('ALTO'), 'en')).toMatch(/^No recibirá/);
    expect(smsKeywordReply(parseSmsKeyword('STOP'), 'es')).toMatch(/^No recibirá/);
    expect(smsKeywordReply(parseSmsKeyword('STOP'), 'en')).toMatch(/Reply START/);
    expect(smsKeywordReply(parseSmsKeyword('START'), 'en')).toMatch(/Reply STOP to opt out/);
    expect(smsKeywordReply(null, 'en')).toMatch(/Reply STOP to opt out/);
  });
});

describe('the reminder window', () => {
  const now = Date.parse('2026-11-24T15:00:00.000Z');
  it('takes sessions starting after now and within the lead time', () => {
    expect(isDueForReminder(now, now, 24)).toBe(false);
    expect(isDueForReminder(now + 1, now, 24)).toBe(true);
    expect(isDueForReminder(now + 24 * 3_600_000, now, 24)).toBe(true);
    expect(isDueForReminder(now + 24 * 3_600_000 + 1, now, 24)).toBe(false);
    expect(isDueForReminder(now + 2 * 3_600_000, now, 1)).toBe(false);
  });

  it('reads the lead time setting, defaulting to a day', () => {
    expect(leadHoursFrom(48)).toBe(48);
    for (const bad of [0, -1, 1.5, 169, '24', null, undefined]) expect(leadHoursFrom(bad)).toBe(24);
  });

  it('runs once per quarter hour', () => {
    expect(new Date(reminderSlotStart(Date.parse('2026-11-24T15:14:59.999Z'))).toISOString()).toBe(
      '2026-11-24T15:00:00.000Z',
    );
    expect(new Date(reminderSlotStart(Date.parse('2026-11-24T15:15:00.000Z'))).toISOString()).toBe(
      '2026-11-24T15:15:00.000Z',
    );
  });
});
