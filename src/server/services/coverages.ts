import { randomUUID } from 'node:crypto';
import type { Coverage, CreateCoverageBody, UpdateCoverageBody, VersionBody } from '../../core/api/intake.js';
import { DomainError } from '../../core/errors/domainError.js';
import { coverageProblems } from '../../core/intake/fields.js';
import { recordAudit, recordReadAudit } from '../../db/audit.js';
import type { CoveragesTable } from '../../db/schema.js';
import type { RequestContext } from '../context.js';
import type { AppDeps } from '../deps.js';
import { presentCoverage } from '../presenters/inquiries.js';
import { auditFor, authorizePatient } from './access.js';
import { authorizeInquiry } from './inquiries.js';

/**
 * Minimal coverage at intake (payer, member id, authorization, units, dates), on an inquiry before
 * there is a chart and on the patient after. Billing builds on these rows.
 */
export type CoverageOwner = { kind: 'inquiry'; id: string } | { kind: 'patient'; id: string };

const ownerColumn = (owner: CoverageOwner) => (owner.kind === 'inquiry' ? 'inquiry_id' : 'patient_id');

/** Authorizes the owner; inquiry-side writes stop once the inquiry has become a patient. */
const authorizeOwner = async (
  deps: AppDeps,
  ctx: RequestContext,
  owner: CoverageOwner,
  write: boolean,
): Promise<{ patientIds: string[] }> => {
  if (owner.kind === 'patient') {
    await authorizePatient(deps, ctx, owner.id, write ? 'coverage.write' : 'coverage.read');
    return { patientIds: [owner.id] };
  }
  const inquiry = await authorizeInquiry(deps, ctx, owner.id, write ? 'inquiry.write' : 'inquiry.read');
  if (write && inquiry.patient_id !== null) {
    throw new DomainError(
      'INVALID_STATE',
      "This inquiry became a patient record: change its coverage on the patient's record.",
    );
  }
  return { patientIds: inquiry.patient_id !== null ? [inquiry.patient_id] : [] };
};

const check = (row: Pick<CoveragesTable, 'payer_name' | 'authorized_units' | 'starts_on' | 'ends_on'>) => {
  const problems = coverageProblems({
    payerName: row.payer_name,
    authorizedUnits: row.authorized_units,
    startsOn: row.starts_on,
    endsOn: row.ends_on,
  });
  if (problems.length > 0) {
    throw new DomainError('VALIDATION_FAILED', 'The coverage is not valid.', {
      fields: problems.map((p) => ({ field: `/${p.field}`, message: p.message })),
    });
  }
};

const optional = (value: string | null | undefined): string | null => {
  const text = value?.trim() ?? '';
  return text === '' ? null : text;
};

const columnsOf = (body: Omit<UpdateCoverageBody, 'version'>): Partial<CoveragesTable> => {
  const c: Partial<CoveragesTable> = {};
  if (body.payerName !== undefined) c.payer_name = body.payerName.trim();
  if (body.memberId !== undefined) c.member_id = optional(body.memberId);
  if (body.authorizationNumber !== undefined) c.authorization_number = optional(body.authorizationNumber);
  if (body.authorizedUnits !== undefined) c.authorized_units = body.authorizedUnits;
  if (body.unitKind !== undefined) c.unit_kind = body.unitKind;
  if (body.startsOn !== undefined) c.starts_on = body.startsOn;
  if (body.endsOn !== undefined) c.ends_on = body.endsOn;
  if (body.verified !== undefined) c.verified = body.verified ? 1 : 0;
  return c;
};

export const listCoverage = async (
  deps: AppDeps,
  ctx: RequestContext,
  owner: CoverageOwner,
): Promise<Coverage[]> => {
  const { patientIds } = await authorizeOwner(deps, ctx, owner, false);
  const rows = await deps.db.kysely
    .selectFrom('coverages')
    .selectAll()
    .where(ownerColumn(owner), '=', owner.id)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  await recordReadAudit(
    deps.db,
    {
      ...auditFor(ctx),
      action: 'coverage.read',
      patientIds,
      recordType: owner.kind,
      recordId: owner.id,
      detail: { resultCount: rows.length },
    },
    deps.clock.now(),
  );
  return rows.map(presentCoverage);
};

export const createCoverage = async (
  deps: AppDeps,
  ctx: RequestContext,
  owner: CoverageOwner,
  body: CreateCoverageBody,
): Promise<Coverage> => {
  const { patientIds } = await authorizeOwner(deps, ctx, owner, true);
  const now = deps.clock.now();
  const nowIso = now.toISOString();
  const row: CoveragesTable = {
    id: randomUUID(),
    inquiry_id: owner.kind === 'inquiry' ? owner.id : null,
    patient_id: owner.kind === 'patient' ? owner.id : null,
    payer_name: '',
    member_id: null,
    authorization_number: null,
    authorized_units: null,
    unit_kind: 'days',
    starts_on: null,
    ends_on: null,
    verified: 0,
    ...columnsOf(body),
    created_by: ctx.actor.userId,
    created_at: nowIso,
    updated_at: nowIso,
    version: 1,
  };
  check(row);
  await deps.db.kysely.transaction().execute(async (trx) => {
    await trx.insertInto('coverages').values(row).execute();
    await recordAudit(
      trx,
      {
        ...auditFor(ctx),
        action: 'coverage.create',
        patientIds,
        recordType: 'coverage',
        recordId: row.id,
        detail: { [owner.kind === 'inquiry' ? 'inquiryId' : 'patientId']: owner.id },
      },
      now,
    );
  });
  return presentCoverage(row);
};

const staleCoverage = (currentVersion: number) =>
  new DomainError('STALE_VERSION', 'This coverage changed since you opened it. Reload to see it.', {
    extra: { currentVersion },
  });

/** Edits (`changes`) or removes (`null`) one coverage entry of the owner, checking its version. */
const changeCoverage = async (
  deps: AppDeps,
  ctx: RequestContext,
  owner: CoverageOwner,
  coverageId: string,
  version: number,
  changes: Partial<CoveragesTable> | null,
): Promise<CoveragesTable | null> => {
  const { patientIds } = await authorizeOwner(deps, ctx, owner, true);
  const now = deps.clock.now();
  const nowIso = now.toISOString();
  return deps.db.kysely.transaction().execute(async (trx) => {
    const current = await trx
      .selectFrom('coverages')
      .selectAll()
      .where('id', '=', coverageId)
      .where(ownerColumn(owner), '=', owner.id)
      .executeTakeFirst();
    if (!current) throw new DomainError('NOT_FOUND', 'No such coverage entry.');
    if (current.version !== version) throw staleCoverage(current.version);
    let next: CoveragesTable | null = null;
    if (changes === null) {
      const result = await trx
        .deleteFrom('coverages')
        .where('id', '=', coverageId)
        .where('version', '=', version)
        .executeTakeFirst();
      if (Number(result.numDeletedRows) !== 1) throw staleCoverage(current.version + 1);
    } else {
      next = { ...current, ...changes, updated_at: nowIso, version: current.version + 1 };
      check(next);
      const result = await trx
        .updateTable('coverages')
        .set({ ...changes, updated_at: nowIso, version: current.version + 1 })
        .where('id', '=', coverageId)
        .where('version', '=', version)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) !== 1) throw staleCoverage(current.version + 1);
    }
    await recordAudit(
      trx,
      {
        ...auditFor(ctx),
        action: changes === null ? 'coverage.remove' : 'coverage.update',
        patientIds: [
          ...new Set([...patientIds, ...(current.patient_id !== null ? [current.patient_id] : [])]),
        ],
        recordType: 'coverage',
        recordId: coverageId,
        detail: {
          [owner.kind === 'inquiry' ? 'inquiryId' : 'patientId']: owner.id,
          ...(changes !== null ? { fields: Object.keys(changes) } : {}),
        },
      },
      now,
    );
    return next;
  });
};

export const updateCoverage = async (
  deps: AppDeps,
  ctx: RequestContext,
  owner: CoverageOwner,
  coverageId: string,
  body: UpdateCoverageBody,
): Promise<Coverage> => {
  const { version, ...fields } = body;
  const row = await changeCoverage(deps, ctx, owner, coverageId, version, columnsOf(fields));
  if (!row) throw new DomainError('NOT_FOUND', 'No such coverage entry.');
  return presentCoverage(row);
};

export const removeCoverage = async (
  deps: AppDeps,
  ctx: RequestContext,
  owner: CoverageOwner,
  coverageId: string,
  body: VersionBody,
): Promise<void> => {
  await changeCoverage(deps, ctx, owner, coverageId, body.version, null);
};
