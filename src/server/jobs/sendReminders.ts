import type { ChannelDecision } from '../../core/reminders/channels.js';
import { decideChannel, decideDeliveries, REMINDER_CHANNELS } from '../../core/reminders/channels.js';
import { composeReminder } from '../../core/reminders/compose.js';
import { leadHoursFrom, REMINDER_SLOT_MS, reminderSlotStart } from '../../core/reminders/window.js';
import { recordAudit } from '../../db/audit.js';
import type { Db } from '../../db/createDb.js';
import { enqueueJob, type JobHandler } from '../../db/jobs.js';
import type { ReminderDeliveriesTable } from '../../db/schema.js';
import {
  claimDelivery,
  recordDecision,
  sendableDeliveries,
  settleDelivery,
  type DeliveryOutcome,
} from '../reminders/deliveries.js';
import {
  appointmentByKey,
  type DueAppointment,
  dueAppointments,
  recipientsByIds,
  reminderRecipients,
} from '../reminders/dueAppointments.js';
import type { ReminderSenders } from '../reminders/sender.js';

export const SEND_REMINDERS_JOB = 'reminders.send';
export const LEAD_HOURS_SETTING = 'reminders.leadHours';

export interface ReminderRun {
  /** Deliveries recorded by this run: queued ones and skipped ones. */
  recorded: number;
  sent: number;
  skipped: number;
  failed: number;
}

export const loadLeadHours = async (db: Db): Promise<number> => {
  const row = await db.kysely
    .selectFrom('settings')
    .select('value')
    .where('key', '=', LEAD_HOURS_SETTING)
    .executeTakeFirst();
  if (!row) return leadHoursFrom(undefined);
  try {
    return leadHoursFrom(JSON.parse(row.value));
  } catch {
    return leadHoursFrom(undefined);
  }
};

/** Records a decision per booked patient and channel for every due occurrence; existing ones stay as they are. */
const recordDueDeliveries = async (
  db: Db,
  due: readonly DueAppointment[],
  now: Date,
  run: ReminderRun,
  touched: Set<string>,
): Promise<void> => {
  for (const { occurrence } of due) {
    const recipients = await reminderRecipients(db.kysely, occurrence);
    if (recipients.length === 0) continue;
    await db.kysely.transaction().execute(async (trx) => {
      for (const recipient of recipients) {
        for (const decision of decideDeliveries(recipient.contact)) {
          const recorded = await recordDecision(
            trx,
            {
              patientId: recipient.patientId,
              occurrenceKey: occurrence.key,
              occurrenceStart: new Date(occurrence.startMs).toISOString(),
              decision,
            },
            now,
          );
          if (!recorded) continue;
          run.recorded += 1;
          touched.add(recipient.patientId);
          if (!decision.send) run.skipped += 1;
        }
      }
    });
  }
};

/**
 * Sends one claimed delivery. Preferences and the session are read again first: a STOP texted or a
 * session cancelled since the delivery was queued turns it into a skip.
 */
const sendOne = async (
  db: Db,
  senders: ReminderSenders,
  delivery: ReminderDeliveriesTable,
  appointments: Map<string, DueAppointment | null>,
): Promise<DeliveryOutcome> => {
  if (!appointments.has(delivery.occurrence_key))
    appointments.set(delivery.occurrence_key, await appointmentByKey(db.kysely, delivery.occurrence_key));
  const due = appointments.get(delivery.occurrence_key) ?? null;
  if (due === null) return { status: 'skipped', reason: 'session_cancelled' };
  const [recipient] = await recipientsByIds(db.kysely, [delivery.patient_id]);
  if (!recipient) return { status: 'skipped', reason: 'not_in_care' };
  const channel = REMINDER_CHANNELS.find((c) => c === delivery.channel) ?? 'email';
  const decision: ChannelDecision = decideChannel(recipient.contact, channel);
  if (!decision.send) return { status: 'skipped', reason: decision.reason };
  const message = composeReminder({
    appointment: due.appointment,
    channel,
    language: recipient.language,
    nameClinicOk: recipient.contact.preferences.nameClinicOk,
  });
  try {
    const { providerId } = await senders[channel].send({
      deliveryId: delivery.id,
      channel,
      to: decision.to,
      subject: message.subject,
      body: message.body,
    });
    return { status: 'sent', providerId };
  } catch (error) {
    return { status: 'failed', reason: error instanceof Error ? error.message : String(error) };
  }
};

/**
 * One reminder run (SPEC §5): every booked patient in care gets a decision per channel for each
 * session starting within the lead time, then every queued (or earlier failed) delivery is sent.
 * The use of patients' contact details is audited as one system event naming them. A run with
 * failures throws after recording them, so the jobs runner tries again later.
 */
export const sendDueReminders = async (db: Db, senders: ReminderSenders, now: Date): Promise<ReminderRun> => {
  const run: ReminderRun = { recorded: 0, sent: 0, skipped: 0, failed: 0 };
  const touched = new Set<string>();
  const due = await dueAppointments(db.kysely, now, await loadLeadHours(db));
  await recordDueDeliveries(db, due, now, run, touched);

  const appointments = new Map<string, DueAppointment | null>(due.map((d) => [d.occurrence.key, d]));
  const occurrenceKeys = new Set<string>();
  for (const delivery of await sendableDeliveries(db.kysely, now)) {
    if (!(await claimDelivery(db.kysely, delivery, now))) continue;
    const outcome = await sendOne(db, senders, delivery, appointments);
    await settleDelivery(db.kysely, delivery.id, outcome, now);
    touched.add(delivery.patient_id);
    occurrenceKeys.add(delivery.occurrence_key);
    run[outcome.status] += 1;
  }

  if (touched.size > 0) {
    await recordAudit(
      db.kysely,
      {
        actorUserId: null,
        actorRole: null,
        action: 'reminder.send',
        patientIds: [...touched].sort(),
        recordType: 'reminder_batch',
        detail: { ...run, occurrenceKeys: [...occurrenceKeys].sort() },
      },
      now,
    );
  }
  if (run.failed > 0)
    throw new Error(`${run.failed} reminder(s) could not be sent; they will be tried again`);
  return run;
};

/**
 * Enqueues this quarter hour's run and the next (one dedupe key per slot, so any number of servers
 * enqueue each run once). Safe to call as often as you like.
 */
export const scheduleReminderJobs = async (db: Db, now: Date): Promise<void> => {
  const slot = reminderSlotStart(now.getTime());
  for (const at of [slot, slot + REMINDER_SLOT_MS]) {
    const runAt = new Date(at);
    await enqueueJob(
      db.kysely,
      {
        kind: SEND_REMINDERS_JOB,
        runAt,
        dedupeKey: `${SEND_REMINDERS_JOB}:${runAt.toISOString().slice(0, 16)}`,
        maxAttempts: 3,
      },
      now,
    );
  }
};

/** The job: keeps the quarter-hour schedule going first, so a failing run does not stop the next ones. */
export const sendRemindersHandler =
  (db: Db, senders: ReminderSenders): JobHandler =>
  async (_payload, context) => {
    await scheduleReminderJobs(db, context.now);
    await sendDueReminders(db, senders, context.now);
  };
