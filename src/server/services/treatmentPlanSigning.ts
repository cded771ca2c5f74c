import type {
  CosignPlanBody,
  PatientSignatureBody,
  PlanVersion,
  SignPlanBody,
} from '../../core/api/plans.js';
import { DomainError } from '../../core/errors/domainError.js';
import { planSignProblems, planStructureProblems, reviewSignProblems } from '../../core/plans/validate.js';
import { decideClinicalSignature, decideCosignature } from '../../core/signing/clinicalSigning.js';
import { recordAudit } from '../../db/audit.js';
import type { RequestContext } from '../context.js';
import type { AppDeps } from '../deps.js';
import { auditFor } from './access.js';
import { contentHash, recordSignature, verifySigner } from './signing.js';
import { loadDraftForWrite, planChart, presentOptions, reviewedObjectives } from './treatmentPlans.js';
import {
  loadVersion,
  PLAN_SUBJECT,
  parseContent,
  parseProgress,
  presentVersion,
  type VersionRow,
} from './treatmentPlanStore.js';

/** A credential refusal is audited like any other denial; the draft is untouched. */
const refuse = async (
  deps: AppDeps,
  ctx: RequestContext,
  patientId: string,
  attempted: string,
  decision: { code: 'FORBIDDEN' | 'CREDENTIAL_EXPIRED'; reason: string },
): Promise<never> => {
  await recordAudit(
    deps.db.kysely,
    {
      ...auditFor(ctx),
      action: 'access.denied',
      patientIds: [patientId],
      recordType: 'patient',
      recordId: patientId,
      detail: {
        attempted,
        reason: decision.code === 'CREDENTIAL_EXPIRED' ? 'licence expired' : decision.reason,
      },
    },
    deps.clock.now(),
  );
  throw new DomainError(decision.code, decision.reason);
};

/** What a signature covers: the version's identity, content and review, canonicalised then hashed. */
const signedContent = (row: VersionRow) => ({
  planId: row.plan_id,
  versionId: row.id,
  patientId: row.patient_id,
  number: row.number,
  kind: row.kind,
  content: parseContent(row.content),
  progress: parseProgress(row.progress),
  reviewsVersionId: row.reviews_version_id,
});

const activeStaffAt = async (deps: AppDeps, siteId: string): Promise<Set<string>> => {
  const rows = await deps.db.kysely
    .selectFrom('users as u')
    .innerJoin('user_sites as us', 'us.user_id', 'u.id')
    .select('u.id')
    .where('us.site_id', '=', siteId)
    .where('u.active', '=', 1)
    .where('u.role', 'not in', ['patient', 'family_member'])
    .execute();
  return new Set(rows.map((r) => r.id));
};

const signedVersion = async (deps: AppDeps, patientId: string, versionId: string): Promise<VersionRow> => {
  const row = await loadVersion(deps.db.kysely, patientId, versionId);
  if (!row) throw new DomainError('NOT_FOUND', 'No such version of the treatment plan.');
  if (row.status !== 'signed')
    throw new DomainError(
      'INVALID_STATE',
      'The clinician signs the plan first; this version is still a draft.',
    );
  return row;
};

/**
 * The clinician's signature (SPEC §7 "Signed"): the draft must be complete, the signer's licence
 * valid, and the password or code right. Only then is the version locked and the signature record
 * written, in one transaction. An author who needs supervision signs, and the version waits for the
 * supervisor's co-signature.
 */
export const signPlanVersion = async (
  deps: AppDeps,
  ctx: RequestContext,
  patientId: string,
  versionId: string,
  body: SignPlanBody,
): Promise<PlanVersion> => {
  const chart = await planChart(deps, ctx, patientId, 'plan.write');
  const decision = decideClinicalSignature(ctx.actor.role, ctx.actor.credentials, chart.today);
  if (!decision.allowed) return refuse(deps, ctx, patientId, 'plan.sign', decision);
  const db = deps.db.kysely;
  const row = await loadDraftForWrite(db, ctx, chart, patientId, versionId, body.version);
  const content = parseContent(row.content);
  const diagnosisIds = new Set(
    (await db.selectFrom('diagnoses').select('id').where('patient_id', '=', patientId).execute()).map(
      (r) => r.id,
    ),
  );
  const carriedOver = new Map(
    (await reviewedObjectives(db, row)).map((o) => [o.objectiveId, o.targetDate] as const),
  );
  const fields = [
    ...planStructureProblems(content, diagnosisIds),
    ...planSignProblems(content, {
      today: chart.today,
      staffIds: await activeStaffAt(deps, chart.facts.siteId),
      carriedOver,
    }),
    ...(row.kind === 'review'
      ? reviewSignProblems(parseProgress(row.progress), [...carriedOver.keys()])
      : []),
  ];
  if (fields.length > 0)
    throw new DomainError('VALIDATION_FAILED', 'The plan is not ready to sign: complete the fields marked.', {
      fields,
    });
  const signer = await verifySigner(deps, ctx, body.proof);
  const now = deps.clock.now();
  const nowIso = now.toISOString();
  const hash = contentHash(signedContent(row));
  await db.transaction().execute(async (trx) => {
    const result = await trx
      .updateTable('treatment_plan_versions')
      .set({
        status: 'signed',
        signed_at: nowIso,
        signed_by: ctx.actor.userId,
        content_hash: hash,
        needs_cosignature: decision.needsCosignature ? 1 : 0,
        cosigner_user_id: decision.cosignerUserId,
        updated_at: nowIso,
        version: row.version + 1,
      })
      .where('id', '=', versionId)
      .where('version', '=', body.version)
      .where('status', '=', 'draft')
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1)
      throw new DomainError(
        'STALE_VERSION',
        'The draft changed while you were signing. Review it and sign again.',
        {
          extra: { currentVersion: row.version + 1 },
        },
      );
    await recordSignature(
      trx,
      {
        patientId,
        subjectType: PLAN_SUBJECT,
        subjectId: versionId,
        purpose: 'author',
        userId: signer.userId,
        signerName: signer.name,
        credential: signer.credential,
        method: signer.method,
        contentHash: hash,
      },
      now,
    );
    await recordAudit(
      trx,
      {
        ...auditFor(ctx),
        action: 'plan.sign',
        patientIds: [patientId],
        recordType: 'plan_version',
        recordId: versionId,
        detail: {
          number: row.number,
          kind: row.kind,
          needsCosignature: decision.needsCosignature,
          contentHash: hash,
        },
      },
      now,
    );
  });
  return presentVersion(db, await signedVersion(deps, patientId, versionId), presentOptions(ctx, chart));
};

const normalName = (name: string): string => name.trim().toLowerCase().replace(/\s+/g, ' ');

/**
 * The patient signs in person on the clinic's device (SPEC §8; the portal comes later), witnessed
 * by the signed-in staff member: the record names the patient as signer and the witness as user.
 */
export const patientSignPlanVersion = async (
  deps: AppDeps,
  ctx: RequestContext,
  patientId: string,
  versionId: string,
  body: PatientSignatureBody,
): Promise<PlanVersion> => {
  const chart = await planChart(deps, ctx, patientId, 'plan.write');
  const row = await signedVersion(deps, patientId, versionId);
  if (row.patient_signed_at !== null)
    throw new DomainError('CONFLICT', 'The patient has already signed this version.');
  const patient = await deps.db.kysely
    .selectFrom('patients')
    .select(['first_name', 'last_name', 'preferred_name'])
    .where('id', '=', patientId)
    .executeTakeFirstOrThrow();
  const accepted = [patient.first_name, patient.preferred_name]
    .filter((n): n is string => n !== null && n.trim() !== '')
    .map((first) => normalName(`${first} ${patient.last_name}`));
  if (!accepted.includes(normalName(body.typedName)))
    throw new DomainError('VALIDATION_FAILED', 'The name typed does not match the name on the chart.', {
      fields: [
        {
          field: '/typedName',
          message: `must be the patient's name as on the chart (${patient.first_name} ${patient.last_name})`,
        },
      ],
    });
  const now = deps.clock.now();
  await deps.db.kysely.transaction().execute(async (trx) => {
    const result = await trx
      .updateTable('treatment_plan_versions')
      .set({ patient_signed_at: now.toISOString() })
      .where('id', '=', versionId)
      .where('patient_signed_at', 'is', null)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1)
      throw new DomainError('CONFLICT', 'The patient has already signed this version.');
    await recordSignature(
      trx,
      {
        patientId,
        subjectType: PLAN_SUBJECT,
        subjectId: versionId,
        purpose: 'patient',
        userId: ctx.actor.userId,
        signerName: `${patient.first_name} ${patient.last_name}`,
        credential: null,
        method: 'in_person',
        contentHash: row.content_hash ?? contentHash(signedContent(row)),
      },
      now,
    );
    await recordAudit(
      trx,
      {
        ...auditFor(ctx),
        action: 'plan.patientSign',
        patientIds: [patientId],
        recordType: 'plan_version',
        recordId: versionId,
        detail: { number: row.number, method: 'in_person', witnessUserId: ctx.actor.userId },
      },
      now,
    );
  });
  return presentVersion(
    deps.db.kysely,
    await signedVersion(deps, patientId, versionId),
    presentOptions(ctx, chart),
  );
};

/** The supervisor named when the author signed co-signs, re-authenticating like any signer. */
export const cosignPlanVersion = async (
  deps: AppDeps,
  ctx: RequestContext,
  patientId: string,
  versionId: string,
  body: CosignPlanBody,
): Promise<PlanVersion> => {
  const chart = await planChart(deps, ctx, patientId, 'plan.write');
  const row = await signedVersion(deps, patientId, versionId);
  if (row.needs_cosignature !== 1)
    throw new DomainError('INVALID_STATE', 'This version does not need a co-signature.');
  if (row.cosigned_at !== null) throw new DomainError('CONFLICT', 'This version is already co-signed.');
  const decision = decideCosignature(ctx.actor, row.cosigner_user_id, chart.today);
  if (!decision.allowed) return refuse(deps, ctx, patientId, 'plan.cosign', decision);
  const signer = await verifySigner(deps, ctx, body.proof);
  const now = deps.clock.now();
  await deps.db.kysely.transaction().execute(async (trx) => {
    const result = await trx
      .updateTable('treatment_plan_versions')
      .set({ cosigned_at: now.toISOString(), cosigned_by: ctx.actor.userId })
      .where('id', '=', versionId)
      .where('cosigned_at', 'is', null)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1)
      throw new DomainError('CONFLICT', 'This version is already co-signed.');
    await recordSignature(
      trx,
      {
        patientId,
        subjectType: PLAN_SUBJECT,
        subjectId: versionId,
        purpose: 'cosigner',
        userId: signer.userId,
        signerName: signer.name,
        credential: signer.credential,
        method: signer.method,
        contentHash: row.content_hash ?? contentHash(signedContent(row)),
      },
      now,
    );
    await recordAudit(
      trx,
      {
        ...auditFor(ctx),
        action: 'plan.cosign',
        patientIds: [patientId],
        recordType: 'plan_version',
        recordId: versionId,
        detail: { number: row.number },
      },
      now,
    );
  });
  return presentVersion(
    deps.db.kysely,
    await signedVersion(deps, patientId, versionId),
    presentOptions(ctx, chart),
  );
};
