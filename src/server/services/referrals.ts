import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { CreateReferralBody, ReferralOut, SendReferralBody } from '../../core/api/placement.js';
import type { LevelOfCare } from '../../core/care/levels.js';
import { type DisclosureRequest, mayDisclose } from '../../core/consents/mayDisclose.js';
import { DomainError } from '../../core/errors/domainError.js';
import { calendarDateIn } from '../../core/runtime.js';
import { recordAudit, recordReadAudit } from '../../db/audit.js';
import type { Database, ReferralsOutTable } from '../../db/schema.js';
import type { RequestContext } from '../context.js';
import type { AppDeps } from '../deps.js';
import { auditFor, authorizePatient } from './access.js';
import { authorizeInquiry } from './inquiries.js';
import { assessmentBelongs, type Subject } from './placementAssessments.js';

type Executor = Kysely<Database> | Transaction<Database>;

/**
 * Referrals out (SPEC §3): when the level that fits is not offered here, the person is referred
 * elsewhere with a referral packet. A packet is SUD information, so sending it goes through the
 * consent gate (SPEC §10, `mayDisclose`), which refuses until consents exist in the product: the
 * referral is then marked blocked with the reason, and nothing leaves the program.
 */

interface Access {
  patientIds: string[];
  siteId: string;
  /** Who the consent would be for: the patient, or the inquirer before there is a chart. */
  discloseAbout: string;
}

const authorize = async (
  deps: AppDeps,
  ctx: RequestContext,
  subject: Subject,
  need: 'read' | 'write',
): Promise<Access> => {
  if (subject.kind === 'patient') {
    const { facts } = await authorizePatient(
      deps,
      ctx,
      subject.patientId,
      need === 'read' ? 'placement.read' : 'referral.write',
    );
    return { patientIds: [subject.patientId], siteId: facts.siteId, discloseAbout: subject.patientId };
  }
  const inquiry = await authorizeInquiry(
    deps,
    ctx,
    subject.inquiryId,
    need === 'read' ? 'inquiry.read' : 'inquiry.write',
  );
  return {
    patientIds: inquiry.patient_id !== null ? [inquiry.patient_id] : [],
    siteId: inquiry.site_id,
    discloseAbout: inquiry.patient_id ?? inquiry.id,
  };
};

/** What sending a referral packet discloses, as the consent gate judges it. */
export const referralPacketRequest = (
  about: string,
  recipient: string,
  level: string,
): DisclosureRequest => ({
  patientId: about,
  recipient,
  purpose: 'referral',
  information: `a referral packet for ${level} care (placement assessment and rationale)`,
});

const selectReferrals = (db: Executor) =>
  db
    .selectFrom('referrals_out as r')
    .innerJoin('users as u', 'u.id', 'r.created_by')
    .leftJoin('inquiries as i', 'i.id', 'r.inquiry_id')
    .selectAll('r')
    .select(['u.display_name as created_by_name', 'i.patient_id as inquiry_patient_id']);

type ReferralRow = ReferralsOutTable & { created_by_name: string; inquiry_patient_id: string | null };

const whereSubject = (db: Executor, subject: Subject) => {
  const query = selectReferrals(db);
  if (subject.kind === 'inquiry') return query.where('r.inquiry_id', '=', subject.inquiryId);
  return query.where((eb) =>
    eb.or([
      eb('r.patient_id', '=', subject.patientId),
      eb.and([eb('r.patient_id', 'is', null), eb('i.patient_id', '=', subject.patientId)]),
    ]),
  );
};

const present = (row: ReferralRow): ReferralOut => ({
  id: row.id,
  subject: {
    kind: row.inquiry_id !== null ? 'inquiry' : 'patient',
    patientId: row.patient_id ?? row.inquiry_patient_id,
    inquiryId: row.inquiry_id,
  },
  assessmentId: row.assessment_id,
  toOrganization: row.to_organization,
  level: row.level as LevelOfCare,
  status: row.status as ReferralOut['status'],
  statusReason: row.status_reason,
  createdBy: { id: row.created_by, displayName: row.created_by_name },
  createdAt: row.created_at,
  updatedAt: row.updated_at,
  version: row.version,
});

const loadRow = async (db: Executor, subject: Subject, referralId: string): Promise<ReferralRow> => {
  const row = await whereSubject(db, subject).where('r.id', '=', referralId).executeTakeFirst();
  if (!row) throw new DomainError('NOT_FOUND', 'No such referral.');
  return row;
};

export const listReferrals = async (
  deps: AppDeps,
  ctx: RequestContext,
  subject: Subject,
): Promise<ReferralOut[]> => {
  const access = await authorize(deps, ctx, subject, 'read');
  const rows = await whereSubject(deps.db.kysely, subject)
    .orderBy('r.created_at', 'desc')
    .orderBy('r.id')
    .limit(200)
    .execute();
  await recordReadAudit(
    deps.db,
    {
      ...auditFor(ctx),
      action: 'referral.list',
      patientIds: access.patientIds,
      recordType: 'referral_out',
      ...(subject.kind === 'inquiry' ? { detail: { inquiryId: subject.inquiryId } } : {}),
    },
    deps.clock.now(),
  );
  return rows.map(present);
};

export const createReferral = async (
  deps: AppDeps,
  ctx: RequestContext,
  subject: Subject,
  body: CreateReferralBody,
): Promise<ReferralOut> => {
  const access = await authorize(deps, ctx, subject, 'write');
  const db = deps.db.kysely;
  const assessmentId = body.assessmentId ?? null;
  if (assessmentId !== null && !(await assessmentBelongs(db, subject, assessmentId))) {
    throw new DomainError('VALIDATION_FAILED', 'The assessment is not one of this person’s.', {
      fields: [{ field: '/assessmentId', message: 'is not a placement assessment of this person' }],
    });
  }
  const now = deps.clock.now();
  const nowIso = now.toISOString();
  const id = randomUUID();
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('referrals_out')
      .values({
        id,
        inquiry_id: subject.kind === 'inquiry' ? subject.inquiryId : null,
        patient_id: subject.kind === 'patient' ? subject.patientId : null,
        assessment_id: assessmentId,
        to_organization: body.toOrganization.trim(),
        level: body.level,
        status: 'draft',
        status_reason: null,
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
        action: 'referral.create',
        patientIds: access.patientIds,
        recordType: 'referral_out',
        recordId: id,
        detail: { level: body.level, assessmentId },
      },
      now,
    );
  });
  return present(await loadRow(db, subject, id));
};

/**
 * Sends the referral packet. The consent gate decides first; while it refuses (no consent on file),
 * the referral is recorded as blocked with the reason — once: a repeated refusal changes nothing but
 * the audit trail — and the caller gets 403 NO_CONSENT_ON_FILE. Nothing is disclosed and nothing is
 * half-sent: the disclosure log and the 'sent' status are written only together, after an allowed decision.
 */
export const sendReferral = async (
  deps: AppDeps,
  ctx: RequestContext,
  subject: Subject,
  referralId: string,
  body: SendReferralBody,
): Promise<ReferralOut> => {
  const access = await authorize(deps, ctx, subject, 'write');
  const db = deps.db.kysely;
  const row = await loadRow(db, subject, referralId);
  if (row.version !== body.version)
    throw new DomainError('STALE_VERSION', 'The referral changed since you opened it. Reload to see it.', {
      extra: { currentVersion: row.version },
    });
  if (row.status === 'sent') throw new DomainError('INVALID_STATE', 'This referral was already sent.');
  const now = deps.clock.now();
  const nowIso = now.toISOString();
  const site = await db
    .selectFrom('sites')
    .select('time_zone')
    .where('id', '=', access.siteId)
    .executeTakeFirstOrThrow();
  const request = referralPacketRequest(access.discloseAbout, row.to_organization, row.level);
  // No consent records exist yet (SPEC §10): the gate refuses every disclosure until they do.
  const decision = mayDisclose(request, [], calendarDateIn(now, site.time_zone));
  if (!decision.allowed) {
    await db.transaction().execute(async (trx) => {
      if (row.status !== 'blocked_no_consent' || row.status_reason !== decision.reason) {
        const updated = await trx
          .updateTable('referrals_out')
          .set({
            status: 'blocked_no_consent',
            status_reason: decision.reason,
            updated_at: nowIso,
            version: row.version + 1,
          })
          .where('id', '=', referralId)
          .where('version', '=', body.version)
          .executeTakeFirst();
        if (Number(updated.numUpdatedRows) !== 1)
          throw new DomainError(
            'STALE_VERSION',
            'The referral changed since you opened it. Reload to see it.',
          );
      }
      await recordAudit(
        trx,
        {
          ...auditFor(ctx),
          action: 'disclosure.refused',
          patientIds: access.patientIds,
          recordType: 'referral_out',
          recordId: referralId,
          detail: {
            recipient: request.recipient,
            purpose: request.purpose,
            information: request.information,
          },
        },
        now,
      );
    });
    throw new DomainError(decision.code, decision.reason);
  }
  const patientId = access.patientIds[0];
  if (patientId === undefined)
    throw new DomainError(
      'INVALID_STATE',
      'Register the person as a patient before sending a referral packet: disclosures are logged on the chart.',
    );
  await db.transaction().execute(async (trx) => {
    const updated = await trx
      .updateTable('referrals_out')
      .set({ status: 'sent', status_reason: null, updated_at: nowIso, version: row.version + 1 })
      .where('id', '=', referralId)
      .where('version', '=', body.version)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1)
      throw new DomainError('STALE_VERSION', 'The referral changed since you opened it. Reload to see it.');
    await trx
      .insertInto('disclosures')
      .values({
        id: randomUUID(),
        patient_id: patientId,
        recipient: request.recipient,
        purpose: request.purpose,
        information: request.information,
        consent_id: decision.consentId,
        disclosed_at: nowIso,
        disclosed_by: ctx.actor.userId,
        method: 'referral_packet',
      })
      .execute();
    await recordAudit(
      trx,
      {
        ...auditFor(ctx),
        action: 'disclosure.allowed',
        patientIds: access.patientIds,
        recordType: 'referral_out',
        recordId: referralId,
        detail: { recipient: request.recipient, purpose: request.purpose, consentId: decision.consentId },
      },
      now,
    );
  });
  return present(await loadRow(db, subject, referralId));
};
