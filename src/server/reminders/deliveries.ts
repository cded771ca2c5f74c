import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { ChannelDecision } from '../../core/reminders/channels.js';
import type { Database, ReminderDeliveriesTable } from '../../db/schema.js';

type Executor = Kysely<Database> | Transaction<Database>;

/** Tries of one delivery before it stays failed for someone to look at. */
export const MAX_DELIVERY_ATTEMPTS = 5;
/** How long a sender holds a delivery it is sending; a crashed sender's deliveries are free again after it. */
const CLAIM_MS = 5 * 60_000;

/**
 * Records a decision for one patient, occurrence and channel: queued to send, or skipped with its
 * reason. The unique index makes this the claim: a second run, or a second server, records nothing
 * and so sends nothing. Answers whether this call recorded it.
 */
export const recordDecision = async (
  executor: Executor,
  input: { patientId: string; occurrenceKey: string; occurrenceStart: string; decision: ChannelDecision },
  now: Date,
): Promise<boolean> => {
  const nowIso = now.toISOString();
  const { decision } = input;
  const inserted = await executor
    .insertInto('reminder_deliveries')
    .values({
      id: randomUUID(),
      patient_id: input.patientId,
      occurrence_key: input.occurrenceKey,
      occurrence_start: input.occurrenceStart,
      channel: decision.channel,
      status: decision.send ? 'queued' : 'skipped',
      reason: decision.send ? null : decision.reason,
      attempts: 0,
      claimed_until: null,
      provider_id: null,
      sent_at: null,
      created_at: nowIso,
      updated_at: nowIso,
    })
    .onConflict((oc) => oc.columns(['patient_id', 'occurrence_key', 'channel']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted !== undefined;
};

/** Queued or failed deliveries whose session has not begun, with tries left and nobody sending them. */
export const sendableDeliveries = (executor: Executor, now: Date): Promise<ReminderDeliveriesTable[]> => {
  const nowIso = now.toISOString();
  return executor
    .selectFrom('reminder_deliveries')
    .selectAll()
    .where('status', 'in', ['queued', 'failed'])
    .where('occurrence_start', '>', nowIso)
    .where('attempts', '<', MAX_DELIVERY_ATTEMPTS)
    .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<=', nowIso)]))
    .orderBy('occurrence_start')
    .orderBy('id')
    .execute();
};

/** Takes a delivery for sending; false when another sender took it (or it changed) in between. */
export const claimDelivery = async (
  executor: Executor,
  delivery: ReminderDeliveriesTable,
  now: Date,
): Promise<boolean> => {
  const nowIso = now.toISOString();
  const result = await executor
    .updateTable('reminder_deliveries')
    .set({
      attempts: delivery.attempts + 1,
      claimed_until: new Date(now.getTime() + CLAIM_MS).toISOString(),
      updated_at: nowIso,
    })
    .where('id', '=', delivery.id)
    .where('attempts', '=', delivery.attempts)
    .where('status', 'in', ['queued', 'failed'])
    .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<=', nowIso)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
};

export type DeliveryOutcome =
  | { status: 'sent'; providerId: string }
  | { status: 'skipped'; reason: string }
  | { status: 'failed'; reason: string };

export const settleDelivery = async (
  executor: Executor,
  deliveryId: string,
  outcome: DeliveryOutcome,
  now: Date,
): Promise<void> => {
  const nowIso = now.toISOString();
  await executor
    .updateTable('reminder_deliveries')
    .set({
      status: outcome.status,
      reason: outcome.status === 'sent' ? null : outcome.reason.slice(0, 500),
      provider_id: outcome.status === 'sent' ? outcome.providerId : null,
      sent_at: outcome.status === 'sent' ? nowIso : null,
      claimed_until: null,
      updated_at: nowIso,
    })
    .where('id', '=', deliveryId)
    .execute();
};
