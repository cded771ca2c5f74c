import { randomUUID } from 'node:crypto';
import { BREAK_GLASS_ROLES } from '../../core/access/patientPolicy.js';
import type {
  BreakGlassBody,
  BreakGlassGrant,
  BreakGlassLookupBody,
  PatientStub,
} from '../../core/api/audit.js';
import { DomainError } from '../../core/errors/domainError.js';
import { recordAudit, recordReadAudit } from '../../db/audit.js';
import type { RequestContext } from '../context.js';
import type { AppDeps } from '../deps.js';
import { auditFor, denyAndAudit } from './access.js';

const mayBreakGlass = (ctx: RequestContext) => BREAK_GLASS_ROLES.includes(ctx.actor.role);

/**
 * Exact lookup only (an MRN, or full name plus date of birth), so break-the-glass cannot be used to
 * browse: the answer is a minimal stub, and the lookup itself is audited.
 */
export const lookupForBreakGlass = async (
  deps: AppDeps,
  ctx: RequestContext,
  body: BreakGlassLookupBody,
): Promise<PatientStub> => {
  if (!mayBreakGlass(ctx))
    return denyAndAudit(deps, ctx, 'breakGlass.lookup', 'Your role may not break the glass.');
  let query = deps.db.kysely
    .selectFrom('patients')
    .select(['id', 'first_name', 'last_name', 'date_of_birth', 'mrn']);
  if ('mrn' in body) {
    query = query.where('mrn', '=', body.mrn.trim().toUpperCase());
  } else {
    const parts = body.fullName.trim().toLowerCase().split(/\s+/);
    if (parts.length < 2) {
      throw new DomainError('VALIDATION_FAILED', 'Give the first and last name.', {
        fields: [{ field: '/fullName', message: 'needs first and last name' }],
      });
    }
    const first = parts[0] ?? '';
    const last = parts.slice(1).join(' ');
    query = query
      .where('date_of_birth', '=', body.dateOfBirth)
      .where((eb) =>
        eb.and([
          eb(eb.fn('lower', ['first_name']), '=', first),
          eb(eb.fn('lower', ['last_name']), '=', last),
        ]),
      );
  }
  const matches = await query.limit(2).execute();
  const now = deps.clock.now();
  await recordReadAudit(
    deps.db,
    {
      ...auditFor(ctx),
      action: 'breakGlass.lookup',
      patientIds: matches.map((m) => m.id),
      detail: { by: 'mrn' in body ? 'mrn' : 'name_dob', matches: matches.length },
    },
    now,
  );
  const [match] = matches;
  if (!match || matches.length > 1) {
    throw new DomainError(
      'NOT_FOUND',
      matches.length > 1 ? 'More than one patient matches; use the MRN.' : 'No patient matches exactly.',
    );
  }
  return {
    id: match.id,
    name: `${match.first_name} ${match.last_name}`,
    dateOfBirth: match.date_of_birth,
    mrn: match.mrn,
  };
};

export const breakTheGlass = async (
  deps: AppDeps,
  ctx: RequestContext,
  body: BreakGlassBody,
): Promise<BreakGlassGrant> => {
  if (!mayBreakGlass(ctx))
    return denyAndAudit(deps, ctx, 'breakGlass.grant', 'Your role may not break the glass.');
  const reason = body.reason.trim();
  if (reason.length < 10) {
    throw new DomainError('VALIDATION_FAILED', 'Say why you need access (at least 10 characters).', {
      fields: [{ field: '/reason', message: 'needs at least 10 characters' }],
    });
  }
  const patient = await deps.db.kysely
    .selectFrom('patients')
    .select(['id', 'first_name', 'last_name'])
    .where('id', '=', body.patientId)
    .executeTakeFirst();
  if (!patient) throw new DomainError('NOT_FOUND', 'No such patient.');
  const now = deps.clock.now();
  const id = randomUUID();
  const expiresAt = new Date(now.getTime() + deps.config.breakGlassMinutes * 60_000).toISOString();
  await deps.db.kysely.transaction().execute(async (trx) => {
    await trx
      .insertInto('break_glass_grants')
      .values({
        id,
        user_id: ctx.actor.userId,
        patient_id: patient.id,
        reason,
        granted_at: now.toISOString(),
        expires_at: expiresAt,
        revoked_at: null,
      })
      .execute();
    await recordAudit(
      trx,
      {
        ...auditFor(ctx),
        action: 'breakGlass.grant',
        patientIds: [patient.id],
        recordType: 'break_glass_grant',
        recordId: id,
        detail: { reason, expiresAt },
      },
      now,
    );
  });
  const user = await deps.db.kysely
    .selectFrom('users')
    .select('display_name')
    .where('id', '=', ctx.actor.userId)
    .executeTakeFirstOrThrow();
  return {
    id,
    patientId: patient.id,
    patientName: `${patient.first_name} ${patient.last_name}`,
    user: { id: ctx.actor.userId, displayName: user.display_name },
    reason,
    grantedAt: now.toISOString(),
    expiresAt,
  };
};

/** Supervisors see their supervisees' grants; directors and admins see all of their sites' (SPEC §1: reported to supervisors). */
export const listBreakGlassGrants = async (
  deps: AppDeps,
  ctx: RequestContext,
): Promise<BreakGlassGrant[]> => {
  const { actor } = ctx;
  if (!['clinical_supervisor', 'program_director', 'admin'].includes(actor.role)) {
    return denyAndAudit(
      deps,
      ctx,
      'breakGlass.report',
      'Only supervisors, program directors and administrators see break-the-glass reports.',
    );
  }
  let query = deps.db.kysely
    .selectFrom('break_glass_grants as g')
    .innerJoin('patients as p', 'p.id', 'g.patient_id')
    .innerJoin('users as u', 'u.id', 'g.user_id')
    .select([
      'g.id',
      'g.patient_id',
      'p.first_name',
      'p.last_name',
      'p.site_id',
      'g.user_id',
      'u.display_name',
      'g.reason',
      'g.granted_at',
      'g.expires_at',
    ])
    .orderBy('g.granted_at', 'desc')
    .limit(500);
  if (actor.role === 'clinical_supervisor')
    query = query.where('g.user_id', 'in', [actor.userId, ...actor.superviseeIds]);
  if (actor.role === 'program_director')
    query = query.where('p.site_id', 'in', actor.siteIds.length > 0 ? [...actor.siteIds] : ['']);
  const rows = await query.execute();
  await recordReadAudit(
    deps.db,
    { ...auditFor(ctx), action: 'breakGlass.report', patientIds: rows.map((r) => r.patient_id) },
    deps.clock.now(),
  );
  return rows.map((r) => ({
    id: r.id,
    patientId: r.patient_id,
    patientName: `${r.first_name} ${r.last_name}`,
    user: { id: r.user_id, displayName: r.display_name },
    reason: r.reason,
    grantedAt: r.granted_at,
    expiresAt: r.expires_at,
  }));
};
