import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type {
  CommunityReferral,
  CreateReferralBody,
  UpdateReferralBody,
} from '../../core/api/caseManagement.js';
import type { NeedDomain } from '../../core/caseManagement/needs.js';
import {
  outcomeNoteRequired,
  referralDatesAfter,
  type ReferralStatus,
  referralStatusRefusal,
} from '../../core/caseManagement/referrals.js';
import { DomainError, type FieldError } from '../../core/errors/domainError.js';
import { normalisePhone } from '../../core/recovery/phone.js';
import { isRealDate } from '../../core/runtime.js';
import { recordAudit } from '../../db/audit.js';
import type { Database } from '../../db/schema.js';
import type { RequestContext } from '../context.js';
import type { AppDeps } from '../deps.js';
import { auditFor, authorizePatient } from './access.js';
import { siteTodayOf } from './diagnoses.js';
import { invalid, stale } from './scheduleAccess.js';

type Executor = Kysely<Database> | Transaction<Database>;

/**
 * Referrals to outside organisations (SPEC §9 case management) — a food bank, legal aid, sober
 * living — with their status. Not the level-of-care referrals of placement (`referrals_out`).
 */

const selectReferrals = (executor: Executor) =>
  executor
    .selectFrom('community_referrals as r')
    .innerJoin('users as u', 'u.id', 'r.created_by')
    .selectAll('r')
    .select('u.display_name as created_by_name');

type ReferralRow = Awaited<ReturnType<ReturnType<typeof selectReferrals>['execute']>>[number];

const presentReferral = (row: ReferralRow): CommunityReferral => ({
  id: row.id,
  patientId: row.patient_id,
  needId: row.need_id,
  organisation: row.organisation,
  contactName: row.contact_name,
  phone: row.phone,
  domain: row.domain as NeedDomain,
  status: row.status as ReferralStatus,
  referredOn: row.referred_on,
  sentOn: row.sent_on,
  closedOn: row.closed_on,
  outcomeNote: row.outcome_note,
  createdBy: { id: row.created_by, displayName: row.created_by_name },
  createdAt: row.created_at,
  updatedAt: row.updated_at,
  version: row.version,
});

export const loadReferrals = async (executor: Executor, patientId: string): Promise<CommunityReferral[]> =>
  (
    await selectReferrals(executor)
      .where('r.patient_id', '=', patientId)
      .orderBy('r.referred_on', 'desc')
      .orderBy('r.created_at', 'desc')
      .execute()
  ).map(presentReferral);

const loadReferral = async (executor: Executor, id: string): Promise<CommunityReferral> =>
  presentReferral(await selectReferrals(executor).where('r.id', '=', id).executeTakeFirstOrThrow());

const orNull = (value: string | null | undefined): string | null => {
  const trimmed = value?.trim() ?? '';
  return trimmed.length > 0 ? trimmed : null;
};

const checkPhone = (phone: string | null | undefined, errors: FieldError[]): string | null => {
  const value = orNull(phone);
  if (value === null) return null;
  const check = normalisePhone(value);
  if (!check.ok) {
    errors.push({ field: '/phone', message: check.message });
    return null;
  }
  return check.e164;
};

/** A real date, not after today at the site. */
const checkDate = (value: string, today: string, field: string, errors: FieldError[]): void => {
  if (!isRealDate(value)) errors.push({ field, message: 'must be a real calendar date' });
  else if (value > today) errors.push({ field, message: 'must not be in the future' });
};

export const createReferral = async (
  deps: AppDeps,
  ctx: RequestContext,
  patientId: string,
  body: CreateReferralBody,
): Promise<CommunityReferral> => {
  const { facts } = await authorizePatient(deps, ctx, patientId, 'case.write');
  const now = deps.clock.now();
  const nowIso = now.toISOString();
  const db = deps.db.kysely;
  const today = await siteTodayOf(db, facts.siteId, now);
  const errors: FieldError[] = [];
  const phone = checkPhone(body.phone, errors);
  const referredOn = body.referredOn ?? today;
  checkDate(referredOn, today, '/referredOn', errors);
  const needId = body.needId ?? null;
  if (needId !== null) {
    const need = await db
      .selectFrom('case_needs')
      .select(['domain'])
      .where('id', '=', needId)
      .where('patient_id', '=', patientId)
      .executeTakeFirst();
    if (!need) errors.push({ field: '/needId', message: 'is not a need of this patient' });
    else if (need.domain !== body.domain)
      errors.push({ field: '/domain', message: `must match the need's domain (${need.domain})` });
  }
  if (errors.length > 0) throw invalid(errors, 'The referral is not valid.');
  const status = body.status ?? 'planned';
  const id = randomUUID();
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('community_referrals')
      .values({
        id,
        patient_id: patientId,
        need_id: needId,
        organisation: body.organisation.trim(),
        contact_name: orNull(body.contactName),
        phone,
        domain: body.domain,
        status,
        referred_on: referredOn,
        sent_on: status === 'sent' ? referredOn : null,
        closed_on: null,
        outcome_note: orNull(body.outcomeNote),
        created_by: ctx.actor.userId,
        created_at: nowIso,
        updated_at: nowIso,
        version: 1,
      })
      .execute();
    await recordAudit(
      trx,
      {
        ...auditFor(ctx),
        action: 'community_referral.create',
        patientIds: [patientId],
        recordType: 'community_referral',
        recordId: id,
        detail: { domain: body.domain, status, needId },
      },
      now,
    );
  });
  return loadReferral(db, id);
};

export const updateReferral = async (
  deps: AppDeps,
  ctx: RequestContext,
  patientId: string,
  referralId: string,
  body: UpdateReferralBody,
): Promise<CommunityReferral> => {
  const { facts } = await authorizePatient(deps, ctx, patientId, 'case.write');
  const now = deps.clock.now();
  const nowIso = now.toISOString();
  const db = deps.db.kysely;
  const today = await siteTodayOf(db, facts.siteId, now);
  await db.transaction().execute(async (trx) => {
    const current = await trx
      .selectFrom('community_referrals')
      .selectAll()
      .where('id', '=', referralId)
      .where('patient_id', '=', patientId)
      .executeTakeFirst();
    if (!current) throw new DomainError('NOT_FOUND', 'No such referral for this patient.');
    if (current.version !== body.version) throw stale('referral', current.version);
    const errors: FieldError[] = [];
    const from = current.status as ReferralStatus;
    const to = body.status ?? from;
    const refusal = referralStatusRefusal(from, to);
    if (refusal) errors.push({ field: '/status', message: refusal });
    const statusOn = body.statusOn ?? today;
    if (to !== from) {
      checkDate(statusOn, today, '/statusOn', errors);
      if (statusOn < current.referred_on)
        errors.push({ field: '/statusOn', message: 'must not be before the referral was made' });
    }
    const outcomeNote = body.outcomeNote !== undefined ? orNull(body.outcomeNote) : current.outcome_note;
    if (to !== from && outcomeNoteRequired(to) && outcomeNote === null)
      errors.push({
        field: '/outcomeNote',
        message: 'say what happened when a referral is declined or missed',
      });
    const phone = body.phone !== undefined ? checkPhone(body.phone, errors) : current.phone;
    if (errors.length > 0) throw invalid(errors, 'The referral change is not valid.');
    const dates =
      to !== from
        ? referralDatesAfter(to, statusOn, { sentOn: current.sent_on, closedOn: current.closed_on })
        : { sentOn: current.sent_on, closedOn: current.closed_on };
    const result = await trx
      .updateTable('community_referrals')
      .set({
        status: to,
        sent_on: dates.sentOn,
        closed_on: dates.closedOn,
        organisation: body.organisation?.trim() ?? current.organisation,
        contact_name: body.contactName !== undefined ? orNull(body.contactName) : current.contact_name,
        phone,
        outcome_note: outcomeNote,
        updated_at: nowIso,
        version: current.version + 1,
      })
      .where('id', '=', referralId)
      .where('version', '=', body.version)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) throw stale('referral', current.version + 1);
    await recordAudit(
      trx,
      {
        ...auditFor(ctx),
        action: 'community_referral.update',
        patientIds: [patientId],
        recordType: 'community_referral',
        recordId: referralId,
        detail: { from, to },
      },
      now,
    );
  });
  return loadReferral(db, referralId);
};
