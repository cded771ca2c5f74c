import { timingSafeEqual, createHash } from 'node:crypto';
import type {
  OutboxPage,
  OutboxQuery,
  PatientReminders,
  SmsInboundBody,
  SmsInboundReply,
} from '../../core/api/reminders.js';
import { DomainError } from '../../core/errors/domainError.js';
import { normalizePhone } from '../../core/intake/duplicates.js';
import { type ReminderLanguage, reminderLanguageOf } from '../../core/reminders/compose.js';
import { parseSmsKeyword, smsKeywordReply } from '../../core/reminders/smsKeywords.js';
import { recordAudit, recordReadAudit } from '../../db/audit.js';
import type { RequestContext } from '../context.js';
import type { AppDeps } from '../deps.js';
import { auditFor, authorizePatient, denyAndAudit } from '../services/access.js';

const digest = (value: string): Buffer => createHash('sha256').update(value, 'utf8').digest();

/** Compares digests, so neither the length nor the content of the secret leaks through timing. */
const secretMatches = (given: string | undefined, expected: string): boolean =>
  given !== undefined && timingSafeEqual(digest(given), digest(expected));

const channelOf = (value: string): 'email' | 'sms' => (value === 'sms' ? 'sms' : 'email');
const statusOf = (value: string): 'queued' | 'sent' | 'skipped' | 'failed' =>
  value === 'sent' || value === 'skipped' || value === 'failed' ? value : 'queued';

/**
 * The SMS gateway's webhook: STOP (and synonyms) opts every patient with that phone number out of
 * SMS, START opts back in those who had opted out. Audited with the gateway as the actor; always
 * answered with a text for the gateway to send back, which names neither the clinic nor treatment.
 */
export const receiveInboundSms = async (
  deps: AppDeps,
  secret: string | undefined,
  body: SmsInboundBody,
): Promise<SmsInboundReply> => {
  const expected = deps.config.smsInboundSecret;
  // Without a configured secret the webhook does not exist: nobody could call it safely.
  if (expected === null) throw new DomainError('NOT_FOUND', 'No such route.');
  if (!secretMatches(secret, expected))
    throw new DomainError('UNAUTHENTICATED', 'The x-sms-secret header is missing or wrong.');

  const keyword = parseSmsKeyword(body.body);
  const phone = normalizePhone(body.from);
  if (keyword === null || phone === null) return { reply: smsKeywordReply(null, 'en') };

  const now = deps.clock.now();
  const nowIso = now.toISOString();
  // Phones are stored as typed; narrow by the last four digits in SQL, then compare normalized.
  const matches = (
    await deps.db.kysely
      .selectFrom('patients')
      .select(['id', 'phone', 'preferred_language', 'sms_opt_in', 'sms_opted_out_at', 'version'])
      .where('phone', 'like', `%${phone.slice(-4, -2)}%${phone.slice(-2)}`)
      .execute()
  ).filter((p) => normalizePhone(p.phone) === phone);
  const language: ReminderLanguage =
    matches.length > 0 && matches.every((p) => reminderLanguageOf(p.preferred_language) === 'es')
      ? 'es'
      : 'en';

  const changing =
    keyword.intent === 'opt-out'
      ? matches.filter((p) => p.sms_opt_in === 1 || p.sms_opted_out_at === null)
      : matches.filter((p) => p.sms_opted_out_at !== null);
  if (changing.length > 0) {
    await deps.db.kysely.transaction().execute(async (trx) => {
      for (const patient of changing) {
        await trx
          .updateTable('patients')
          .set(
            keyword.intent === 'opt-out'
              ? { sms_opt_in: 0, sms_opted_out_at: patient.sms_opted_out_at ?? nowIso }
              : { sms_opt_in: 1, sms_opted_out_at: null },
          )
          .set((eb) => ({ version: eb('version', '+', 1), updated_at: nowIso }))
          .where('id', '=', patient.id)
          .execute();
      }
      await recordAudit(
        trx,
        {
          actorUserId: null,
          actorRole: null,
          action: keyword.intent === 'opt-out' ? 'patient.sms_opt_out' : 'patient.sms_opt_in',
          patientIds: changing.map((p) => p.id),
          recordType: 'patient',
          detail: { via: 'sms_gateway', fields: ['smsOptIn', 'smsOptedOutAt'] },
        },
        now,
      );
    });
  }
  return { reply: smsKeywordReply(keyword, language) };
};

/** Admin → Outbox, newest first. Messages may name patients, so the read is audited naming them. */
export const listOutbox = async (
  deps: AppDeps,
  ctx: RequestContext,
  query: OutboxQuery,
): Promise<OutboxPage> => {
  if (ctx.actor.role !== 'admin')
    await denyAndAudit(deps, ctx, 'outbox.read', 'Only administrators may read the outbox.');
  const limit = query.limit ?? 50;
  const offset = query.offset ?? 0;
  const db = deps.db.kysely;
  const [rows, count] = await Promise.all([
    db
      .selectFrom('outbox_messages as m')
      .leftJoin('reminder_deliveries as d', 'd.id', 'm.delivery_id')
      .select(['m.id', 'm.channel', 'm.to', 'm.subject', 'm.body', 'm.created_at', 'd.patient_id'])
      .orderBy('m.created_at', 'desc')
      .orderBy('m.id', 'desc')
      .limit(limit)
      .offset(offset)
      .execute(),
    db
      .selectFrom('outbox_messages')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  await recordReadAudit(
    deps.db,
    {
      ...auditFor(ctx),
      action: 'outbox.read',
      patientIds: rows.flatMap((r) => (r.patient_id !== null ? [r.patient_id] : [])),
      detail: { limit, offset, shown: rows.length },
    },
    deps.clock.now(),
  );
  return {
    items: rows.map((r) => ({
      id: r.id,
      channel: channelOf(r.channel),
      to: r.to,
      subject: r.subject,
      body: r.body,
      createdAt: r.created_at,
    })),
    total: Number(count.n),
    limit,
    offset,
  };
};

/** The reminders of one patient, newest session first, for staff who may see the patient's schedule. */
export const listPatientReminders = async (
  deps: AppDeps,
  ctx: RequestContext,
  patientId: string,
): Promise<PatientReminders> => {
  await authorizePatient(deps, ctx, patientId, 'schedule.read');
  const rows = await deps.db.kysely
    .selectFrom('reminder_deliveries')
    .selectAll()
    .where('patient_id', '=', patientId)
    .orderBy('occurrence_start', 'desc')
    .orderBy('channel')
    .limit(200)
    .execute();
  await recordReadAudit(
    deps.db,
    {
      ...auditFor(ctx),
      action: 'reminder.list',
      patientIds: [patientId],
      recordType: 'patient',
      recordId: patientId,
      detail: { shown: rows.length },
    },
    deps.clock.now(),
  );
  return {
    items: rows.map((r) => ({
      id: r.id,
      occurrenceKey: r.occurrence_key,
      occurrenceStart: r.occurrence_start,
      channel: channelOf(r.channel),
      status: statusOf(r.status),
      reason: r.reason,
      attempts: r.attempts,
      sentAt: r.sent_at,
      createdAt: r.created_at,
    })),
  };
};
