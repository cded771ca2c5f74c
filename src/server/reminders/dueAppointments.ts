import type { Kysely, Transaction } from 'kysely';
import type { ReminderContact } from '../../core/reminders/channels.js';
import {
  type ReminderAppointment,
  type ReminderLanguage,
  reminderLanguageOf,
} from '../../core/reminders/compose.js';
import { isDueForReminder, reminderWindow } from '../../core/reminders/window.js';
import { cancelledByClosures } from '../../core/schedule/closures.js';
import { addDays, localDateAt } from '../../core/schedule/localTime.js';
import { expandOccurrences, type Occurrence } from '../../core/schedule/recurrence.js';
import type { Database } from '../../db/schema.js';
import { activeClosures } from '../services/scheduleCalendar.js';
import { bookedPatientIds, loadSeriesByIds, occurrenceByKey } from '../services/seriesStore.js';

type Executor = Kysely<Database> | Transaction<Database>;

/** A moved occurrence stays within a month of its date (see seriesStore.occurrenceByKey). */
const MOVE_SLACK_DAYS = 32;

export interface ReminderRecipient {
  patientId: string;
  language: ReminderLanguage;
  contact: ReminderContact;
}

export interface DueAppointment {
  occurrence: Occurrence;
  appointment: ReminderAppointment;
}

/** The words a reminder may use about an occurrence: its site, room and program names. */
const appointmentsOf = async (
  executor: Executor,
  occurrences: readonly Occurrence[],
): Promise<DueAppointment[]> => {
  if (occurrences.length === 0) return [];
  const siteIds = [...new Set(occurrences.map((o) => o.siteId))];
  const roomIds = [...new Set(occurrences.flatMap((o) => (o.roomId !== null ? [o.roomId] : [])))];
  const programIds = [...new Set(occurrences.flatMap((o) => (o.programId !== null ? [o.programId] : [])))];
  const [sites, rooms, programs] = await Promise.all([
    executor.selectFrom('sites').select(['id', 'name']).where('id', 'in', siteIds).execute(),
    roomIds.length > 0
      ? executor.selectFrom('rooms').select(['id', 'name']).where('id', 'in', roomIds).execute()
      : Promise.resolve([]),
    programIds.length > 0
      ? executor.selectFrom('programs').select(['id', 'name']).where('id', 'in', programIds).execute()
      : Promise.resolve([]),
  ]);
  const name = (rows: { id: string; name: string }[], id: string | null) =>
    id === null ? null : (rows.find((r) => r.id === id)?.name ?? null);
  return occurrences.map((occurrence) => ({
    occurrence,
    appointment: {
      startMs: occurrence.startMs,
      timeZone: occurrence.timeZone,
      kind: occurrence.kind,
      title: occurrence.title,
      telehealth: occurrence.roomId === null && occurrence.telehealthUrl !== null,
      siteName: name(sites, occurrence.siteId) ?? '',
      roomName: name(rooms, occurrence.roomId),
      programName: name(programs, occurrence.programId),
    },
  }));
};

/** Drops occurrences cancelled on their own or by a clinic closure. */
const stillHappening = async (executor: Executor, occurrences: Occurrence[]): Promise<Occurrence[]> => {
  const open = occurrences.filter((o) => o.cancellation === null);
  const closures = await activeClosures(executor, [...new Set(open.map((o) => o.siteId))]);
  const closed = new Set(cancelledByClosures(closures, open).map((c) => c.occurrenceKey));
  return open.filter((o) => !closed.has(o.key));
};

/**
 * Every occurrence, at every site, starting within the lead time and still happening. Series are
 * narrowed by date in SQL (generously, for moves) and expanded in each site's zone.
 */
export const dueAppointments = async (
  executor: Executor,
  now: Date,
  leadHours: number,
): Promise<DueAppointment[]> => {
  const { fromMs, toMs } = reminderWindow(now.getTime(), leadHours);
  // UTC dates bracket every zone's local dates within a day either side.
  const firstDay = addDays(localDateAt(fromMs, 'UTC'), -1);
  const lastDay = addDays(localDateAt(toMs, 'UTC'), 1);
  const ids = (
    await executor
      .selectFrom('session_series')
      .select('id')
      .where('archived_at', 'is', null)
      .where('starts_on', '<=', addDays(lastDay, MOVE_SLACK_DAYS))
      .where((eb) =>
        eb.or([eb('ends_on', 'is', null), eb('ends_on', '>=', addDays(firstDay, -MOVE_SLACK_DAYS))]),
      )
      .execute()
  ).map((r) => r.id);
  const occurrences = (await loadSeriesByIds(executor, ids))
    .flatMap((s) => expandOccurrences(s.series, fromMs + 1, toMs + 1))
    .filter((o) => isDueForReminder(o.startMs, now.getTime(), leadHours))
    .sort((a, b) => a.startMs - b.startMs || a.key.localeCompare(b.key));
  return appointmentsOf(executor, await stillHappening(executor, occurrences));
};

/** One occurrence by key as it stands now, or null when it no longer happens (cancelled, closed, gone). */
export const appointmentByKey = async (executor: Executor, key: string): Promise<DueAppointment | null> => {
  const found = await occurrenceByKey(executor, key);
  if (!found) return null;
  const [occurrence] = await stillHappening(executor, [found.occurrence]);
  return occurrence ? ((await appointmentsOf(executor, [occurrence]))[0] ?? null) : null;
};

/**
 * The patients booked for an occurrence who are in care: admitted (active) with an open episode.
 * Booking is whatever `bookedPatientIds` says, so per-occurrence bookings count as they are added.
 */
export const reminderRecipients = async (
  executor: Executor,
  occurrence: Occurrence,
): Promise<ReminderRecipient[]> => {
  const booked = await bookedPatientIds(executor, occurrence);
  return recipientsByIds(executor, booked);
};

export const recipientsByIds = async (
  executor: Executor,
  patientIds: readonly string[],
): Promise<ReminderRecipient[]> => {
  if (patientIds.length === 0) return [];
  const rows = await executor
    .selectFrom('patients')
    .select([
      'id',
      'email',
      'phone',
      'preferred_language',
      'texts_ok',
      'name_clinic_ok',
      'sms_opt_in',
      'sms_opted_out_at',
    ])
    .where('id', 'in', [...new Set(patientIds)])
    .where('status', '=', 'active')
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('episodes')
          .select('episodes.id')
          .whereRef('episodes.patient_id', '=', 'patients.id')
          .where('episodes.status', '=', 'open'),
      ),
    )
    .orderBy('id')
    .execute();
  return rows.map((row) => ({
    patientId: row.id,
    language: reminderLanguageOf(row.preferred_language),
    contact: {
      email: row.email,
      phone: row.phone,
      preferences: {
        textsOk: row.texts_ok === 1,
        nameClinicOk: row.name_clinic_ok === 1,
        smsOptIn: row.sms_opt_in === 1,
        smsOptedOutAt: row.sms_opted_out_at,
      },
    },
  }));
};
