import { randomUUID } from 'node:crypto';
import type { Static } from '@sinclair/typebox';
import type {
  ApiToken,
  CaseloadBody,
  CreateApiTokenBody,
  CreateUserBody,
  Credentials,
  Program,
  ProgramBody,
  Site,
  SiteBody,
  StaffUser,
  TrackBody,
  UpdateProgramBody,
  UpdateSiteBody,
  UpdateTrackBody,
  UpdateUserBody,
  WeeklySlot,
} from '../../core/api/admin.js';
import { DomainError } from '../../core/errors/domainError.js';
import { isValidTimeZone } from '../../core/runtime.js';
import { recordAudit } from '../../db/audit.js';
import type { CredentialsTable, UsersTable } from '../../db/schema.js';
import { newToken, tokenHash } from '../auth/tokens.js';
import type { RequestContext } from '../context.js';
import type { AppDeps } from '../deps.js';
import { forgetUserSessions } from '../auth/sessionCache.js';
import { auditFor, authorizePatient, denyAndAudit } from './access.js';
import { listPrograms, presentTrack } from './programs.js';

const requireAdmin = async (deps: AppDeps, ctx: RequestContext, attempted: string): Promise<void> => {
  if (ctx.actor.role !== 'admin')
    await denyAndAudit(deps, ctx, attempted, 'Only administrators may do this.');
};

const stale = (what: string, currentVersion: number): DomainError =>
  new DomainError(
    'STALE_VERSION',
    `Someone else changed this ${what} since you opened it. Reload to see their changes.`,
    {
      extra: { currentVersion },
    },
  );

const invalid = (field: string, message: string): DomainError =>
  new DomainError('VALIDATION_FAILED', `${field.slice(1)} ${message}`, { fields: [{ field, message }] });

const presentCredentials = (row: CredentialsTable | undefined): Credentials | null =>
  row
    ? {
        licenceType: row.licence_type,
        licenceNumber: row.licence_number,
        licenceState: row.licence_state,
        licenceExpiresOn: row.licence_expires_on,
        npi: row.npi,
        mayDiagnose: row.may_diagnose === 1,
        maySignPlacements: row.may_sign_placements === 1,
        needsCosignature: row.needs_cosignature === 1,
        supervisorId: row.supervisor_id,
      }
    : null;

const presentUser = (
  row: UsersTable,
  siteIds: string[],
  credentials: CredentialsTable | undefined,
): StaffUser => ({
  id: row.id,
  email: row.email,
  displayName: row.display_name,
  role: row.role as StaffUser['role'],
  active: row.active === 1,
  siteIds,
  mfaEnrolled: row.totp_enrolled_at !== null,
  lockedUntil: row.locked_until,
  credentials: presentCredentials(credentials),
  version: row.version,
});

export const listUsers = async (deps: AppDeps, ctx: RequestContext): Promise<StaffUser[]> => {
  await requireAdmin(deps, ctx, 'admin.users.list');
  const db = deps.db.kysely;
  const [users, sites, credentials] = await Promise.all([
    db.selectFrom('users').selectAll().orderBy('display_name').execute(),
    db.selectFrom('user_sites').selectAll().execute(),
    db.selectFrom('credentials').selectAll().execute(),
  ]);
  return users.map((u) =>
    presentUser(
      u,
      sites.filter((s) => s.user_id === u.id).map((s) => s.site_id),
      credentials.find((c) => c.user_id === u.id),
    ),
  );
};

const loadUser = async (deps: AppDeps, userId: string): Promise<StaffUser> => {
  const db = deps.db.kysely;
  const user = await db.selectFrom('users').selectAll().where('id', '=', userId).executeTakeFirst();
  if (!user) throw new DomainError('NOT_FOUND', 'No such user.');
  const [sites, credentials] = await Promise.all([
    db.selectFrom('user_sites').select('site_id').where('user_id', '=', userId).execute(),
    db.selectFrom('credentials').selectAll().where('user_id', '=', userId).executeTakeFirst(),
  ]);
  return presentUser(
    user,
    sites.map((s) => s.site_id),
    credentials,
  );
};

const checkSites = async (deps: AppDeps, siteIds: readonly string[]): Promise<void> => {
  if (siteIds.length === 0) return;
  const found = await deps.db.kysely
    .selectFrom('sites')
    .select('id')
    .where('id', 'in', [...siteIds])
    .execute();
  if (found.length !== new Set(siteIds).size) throw invalid('/siteIds', 'names a site that does not exist');
};

const checkCredentials = async (
  deps: AppDeps,
  userId: string | null,
  credentials: Credentials,
): Promise<void> => {
  if (credentials.supervisorId) {
    if (credentials.supervisorId === userId)
      throw invalid('/credentials/supervisorId', 'cannot be the user themself');
    const supervisor = await deps.db.kysely
      .selectFrom('users')
      .select(['role', 'active'])
      .where('id', '=', credentials.supervisorId)
      .executeTakeFirst();
    if (
      !supervisor ||
      supervisor.active !== 1 ||
      !['clinical_supervisor', 'program_director'].includes(supervisor.role)
    ) {
      throw invalid('/credentials/supervisorId', 'must be an active clinical supervisor or program director');
    }
  }
  if (credentials.licenceState !== null && !/^[A-Z]{2}$/.test(credentials.licenceState)) {
    throw invalid('/credentials/licenceState', 'must be a two-letter state code');
  }
};

const credentialColumns = (credentials: Credentials, nowIso: string) => ({
  licence_type: credentials.licenceType,
  licence_number: credentials.licenceNumber,
  licence_state: credentials.licenceState,
  licence_expires_on: credentials.licenceExpiresOn,
  npi: credentials.npi,
  may_diagnose: credentials.mayDiagnose ? 1 : 0,
  may_sign_placements: credentials.maySignPlacements ? 1 : 0,
  needs_cosignature: credentials.needsCosignature ? 1 : 0,
  supervisor_id: credentials.supervisorId,
  updated_at: nowIso,
});

export const createUser = async (
  deps: AppDeps,
  ctx: RequestContext,
  body: CreateUserBody,
): Promise<StaffUser> => {
  await requireAdmin(deps, ctx, 'admin.users.create');
  const email = body.email.trim().toLowerCase();
  const existing = await deps.db.kysely
    .selectFrom('users')
    .select('id')
    .where('email', '=', email)
    .executeTakeFirst();
  if (existing)
    throw new DomainError('CONFLICT', 'A user with that email already exists.', {
      fields: [{ field: '/email', message: 'is already in use' }],
    });
  await checkSites(deps, body.siteIds);
  if (body.credentials) await checkCredentials(deps, null, body.credentials);
  const passwordHash = await deps.hasher.hash(body.password);
  const now = deps.clock.now();
  const nowIso = now.toISOString();
  const id = randomUUID();
  await deps.db.kysely.transaction().execute(async (trx) => {
    await trx
      .insertInto('users')
      .values({
        id,
        email,
        display_name: body.displayName.trim(),
        role: body.role,
        password_hash: passwordHash,
        totp_secret: null,
        totp_enrolled_at: null,
        active: 1,
        failed_logins: 0,
        locked_until: null,
        last_login_at: null,
        created_at: nowIso,
        updated_at: nowIso,
        version: 1,
      })
      .execute();
    if (body.siteIds.length > 0) {
      await trx
        .insertInto('user_sites')
        .values([...new Set(body.siteIds)].map((siteId) => ({ user_id: id, site_id: siteId })))
        .execute();
    }
    if (body.credentials) {
      await trx
        .insertInto('credentials')
        .values({ user_id: id, ...credentialColumns(body.credentials, nowIso), version: 1 })
        .execute();
    }
    await recordAudit(
      trx,
      {
        ...auditFor(ctx),
        action: 'admin.user.create',
        patientIds: [],
        recordType: 'user',
        recordId: id,
        detail: { role: body.role },
      },
      now,
    );
  });
  return loadUser(deps, id);
};

export const updateUser = async (
  deps: AppDeps,
  ctx: RequestContext,
  userId: string,
  body: UpdateUserBody,
): Promise<StaffUser> => {
  await requireAdmin(deps, ctx, 'admin.users.update');
  const current = await deps.db.kysely
    .selectFrom('users')
    .selectAll()
    .where('id', '=', userId)
    .executeTakeFirst();
  if (!current) throw new DomainError('NOT_FOUND', 'No such user.');
  if (current.version !== body.version) throw stale('user', current.version);
  if (
    userId === ctx.actor.userId &&
    (body.active === false || (body.role !== undefined && body.role !== 'admin'))
  ) {
    throw new DomainError(
      'INVALID_STATE',
      'You cannot deactivate yourself or remove your own administrator role.',
    );
  }
  if (body.siteIds) await checkSites(deps, body.siteIds);
  if (body.credentials) await checkCredentials(deps, userId, body.credentials);
  const passwordHash = body.password ? await deps.hasher.hash(body.password) : undefined;
  const now = deps.clock.now();
  const nowIso = now.toISOString();
  await deps.db.kysely.transaction().execute(async (trx) => {
    const result = await trx
      .updateTable('users')
      .set({
        ...(body.displayName !== undefined ? { display_name: body.displayName.trim() } : {}),
        ...(body.role !== undefined ? { role: body.role } : {}),
        ...(body.active !== undefined ? { active: body.active ? 1 : 0 } : {}),
        ...(passwordHash ? { password_hash: passwordHash } : {}),
        ...(body.resetMfa ? { totp_secret: null, totp_enrolled_at: null } : {}),
        ...(body.unlock ? { locked_until: null, failed_logins: 0 } : {}),
        updated_at: nowIso,
        version: current.version + 1,
      })
      .where('id', '=', userId)
      .where('version', '=', body.version)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) throw stale('user', current.version + 1);
    if (body.siteIds) {
      await trx.deleteFrom('user_sites').where('user_id', '=', userId).execute();
      if (body.siteIds.length > 0) {
        await trx
          .insertInto('user_sites')
          .values([...new Set(body.siteIds)].map((siteId) => ({ user_id: userId, site_id: siteId })))
          .execute();
      }
    }
    if (body.credentials !== undefined) {
      await trx.deleteFrom('credentials').where('user_id', '=', userId).execute();
      if (body.credentials) {
        await trx
          .insertInto('credentials')
          .values({ user_id: userId, ...credentialColumns(body.credentials, nowIso), version: 1 })
          .execute();
      }
    }
    // Deactivating, resetting a password or MFA ends the user's sessions at once.
    if (body.active === false || passwordHash || body.resetMfa || body.role !== undefined) {
      await trx.deleteFrom('auth_sessions').where('user_id', '=', userId).execute();
      forgetUserSessions(deps.db, userId);
    }
    const fields = Object.keys(body).filter((k) => k !== 'version' && k !== 'password');
    if (passwordHash) fields.push('password');
    await recordAudit(
      trx,
      {
        ...auditFor(ctx),
        action: 'admin.user.update',
        patientIds: [],
        recordType: 'user',
        recordId: userId,
        detail: { fields },
      },
      now,
    );
  });
  return loadUser(deps, userId);
};

const presentSite = (row: {
  id: string;
  name: string;
  time_zone: string;
  on_call_user_id: string | null;
  version: number;
}): Site => ({
  id: row.id,
  name: row.name,
  timeZone: row.time_zone,
  onCallUserId: row.on_call_user_id,
  version: row.version,
});

export const listSites = async (deps: AppDeps, ctx: RequestContext): Promise<Site[]> => {
  const rows = await deps.db.kysely.selectFrom('sites').selectAll().orderBy('name').execute();
  // Staff see the sites they work at (for pick lists); administrators see all.
  return rows.filter((r) => ctx.actor.role === 'admin' || ctx.actor.siteIds.includes(r.id)).map(presentSite);
};

const checkOnCall = async (deps: AppDeps, userId: string | null | undefined): Promise<void> => {
  if (!userId) return;
  const user = await deps.db.kysely
    .selectFrom('users')
    .select(['active', 'role'])
    .where('id', '=', userId)
    .executeTakeFirst();
  if (
    !user ||
    user.active !== 1 ||
    !['clinician', 'clinical_supervisor', 'program_director'].includes(user.role)
  ) {
    throw invalid('/onCallUserId', 'must be an active clinician, supervisor or program director');
  }
};

export const createSite = async (
  deps: AppDeps,
  ctx: RequestContext,
  body: Static<typeof SiteBody>,
): Promise<Site> => {
  await requireAdmin(deps, ctx, 'admin.sites.create');
  if (!isValidTimeZone(body.timeZone))
    throw invalid('/timeZone', 'is not an IANA time zone such as America/New_York');
  await checkOnCall(deps, body.onCallUserId);
  const org = await deps.db.kysely.selectFrom('organizations').select('id').executeTakeFirst();
  if (!org) throw new DomainError('INVALID_STATE', 'No organization exists yet; run the set-up first.');
  const now = deps.clock.now();
  const id = randomUUID();
  await deps.db.kysely.transaction().execute(async (trx) => {
    await trx
      .insertInto('sites')
      .values({
        id,
        organization_id: org.id,
        name: body.name.trim(),
        time_zone: body.timeZone,
        on_call_user_id: body.onCallUserId ?? null,
        created_at: now.toISOString(),
        updated_at: now.toISOString(),
        version: 1,
      })
      .execute();
    await recordAudit(
      trx,
      { ...auditFor(ctx), action: 'admin.site.create', patientIds: [], recordType: 'site', recordId: id },
      now,
    );
  });
  return presentSite(
    await deps.db.kysely.selectFrom('sites').selectAll().where('id', '=', id).executeTakeFirstOrThrow(),
  );
};

export const updateSite = async (
  deps: AppDeps,
  ctx: RequestContext,
  siteId: string,
  body: Static<typeof UpdateSiteBody>,
): Promise<Site> => {
  await requireAdmin(deps, ctx, 'admin.sites.update');
  const current = await deps.db.kysely
    .selectFrom('sites')
    .selectAll()
    .where('id', '=', siteId)
    .executeTakeFirst();
  if (!current) throw new DomainError('NOT_FOUND', 'No such site.');
  if (current.version !== body.version) throw stale('site', current.version);
  if (body.timeZone !== undefined && !isValidTimeZone(body.timeZone))
    throw invalid('/timeZone', 'is not an IANA time zone such as America/New_York');
  await checkOnCall(deps, body.onCallUserId);
  const now = deps.clock.now();
  await deps.db.kysely.transaction().execute(async (trx) => {
    const result = await trx
      .updateTable('sites')
      .set({
        ...(body.name !== undefined ? { name: body.name.trim() } : {}),
        ...(body.timeZone !== undefined ? { time_zone: body.timeZone } : {}),
        ...(body.onCallUserId !== undefined ? { on_call_user_id: body.onCallUserId } : {}),
        updated_at: now.toISOString(),
        version: current.version + 1,
      })
      .where('id', '=', siteId)
      .where('version', '=', body.version)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) throw stale('site', current.version + 1);
    await recordAudit(
      trx,
      { ...auditFor(ctx), action: 'admin.site.update', patientIds: [], recordType: 'site', recordId: siteId },
      now,
    );
  });
  return presentSite(
    await deps.db.kysely.selectFrom('sites').selectAll().where('id', '=', siteId).executeTakeFirstOrThrow(),
  );
};

const checkProgramHours = (min: number, max: number | null, weeksMin: number, weeksMax: number): void => {
  if (max !== null && max < min)
    throw invalid('/maxWeeklyHours', 'must not be below the minimum weekly hours');
  if (weeksMax < weeksMin) throw invalid('/typicalWeeksMax', 'must not be below the minimum length');
};

const checkPattern = (pattern: readonly WeeklySlot[]): void => {
  pattern.forEach((slot, i) => {
    if (slot.end <= slot.start) throw invalid(`/weeklyPattern/${i}/end`, 'must be after the start time');
  });
};

const loadProgram = async (deps: AppDeps, programId: string): Promise<Program> => {
  const [program] = (await listPrograms(deps.db, 'all')).filter((p) => p.id === programId);
  if (!program) throw new DomainError('NOT_FOUND', 'No such program.');
  return program;
};

export const createProgram = async (
  deps: AppDeps,
  ctx: RequestContext,
  body: ProgramBody,
): Promise<Program> => {
  await requireAdmin(deps, ctx, 'admin.programs.create');
  const site = await deps.db.kysely
    .selectFrom('sites')
    .select('id')
    .where('id', '=', body.siteId)
    .executeTakeFirst();
  if (!site) throw invalid('/siteId', 'does not exist');
  checkProgramHours(body.minWeeklyHours, body.maxWeeklyHours, body.typicalWeeksMin, body.typicalWeeksMax);
  const now = deps.clock.now();
  const id = randomUUID();
  await deps.db.kysely.transaction().execute(async (trx) => {
    await trx
      .insertInto('programs')
      .values({
        id,
        site_id: body.siteId,
        name: body.name.trim(),
        level_of_care: body.levelOfCare,
        audience: body.audience,
        min_weekly_hours: body.minWeeklyHours,
        max_weekly_hours: body.maxWeeklyHours,
        typical_weeks_min: body.typicalWeeksMin,
        typical_weeks_max: body.typicalWeeksMax,
        active: 1,
        created_at: now.toISOString(),
        updated_at: now.toISOString(),
        version: 1,
      })
      .execute();
    await recordAudit(
      trx,
      {
        ...auditFor(ctx),
        action: 'admin.program.create',
        patientIds: [],
        recordType: 'program',
        recordId: id,
      },
      now,
    );
  });
  return loadProgram(deps, id);
};

export const updateProgram = async (
  deps: AppDeps,
  ctx: RequestContext,
  programId: string,
  body: Static<typeof UpdateProgramBody>,
): Promise<Program> => {
  await requireAdmin(deps, ctx, 'admin.programs.update');
  const current = await deps.db.kysely
    .selectFrom('programs')
    .selectAll()
    .where('id', '=', programId)
    .executeTakeFirst();
  if (!current) throw new DomainError('NOT_FOUND', 'No such program.');
  if (current.version !== body.version) throw stale('program', current.version);
  checkProgramHours(
    body.minWeeklyHours ?? current.min_weekly_hours,
    body.maxWeeklyHours !== undefined ? body.maxWeeklyHours : current.max_weekly_hours,
    body.typicalWeeksMin ?? current.typical_weeks_min,
    body.typicalWeeksMax ?? current.typical_weeks_max,
  );
  const now = deps.clock.now();
  await deps.db.kysely.transaction().execute(async (trx) => {
    const result = await trx
      .updateTable('programs')
      .set({
        ...(body.name !== undefined ? { name: body.name.trim() } : {}),
        ...(body.minWeeklyHours !== undefined ? { min_weekly_hours: body.minWeeklyHours } : {}),
        ...(body.maxWeeklyHours !== undefined ? { max_weekly_hours: body.maxWeeklyHours } : {}),
        ...(body.typicalWeeksMin !== undefined ? { typical_weeks_min: body.typicalWeeksMin } : {}),
        ...(body.typicalWeeksMax !== undefined ? { typical_weeks_max: body.typicalWeeksMax } : {}),
        ...(body.active !== undefined ? { active: body.active ? 1 : 0 } : {}),
        updated_at: now.toISOString(),
        version: current.version + 1,
      })
      .where('id', '=', programId)
      .where('version', '=', body.version)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) throw stale('program', current.version + 1);
    await recordAudit(
      trx,
      {
        ...auditFor(ctx),
        action: 'admin.program.update',
        patientIds: [],
        recordType: 'program',
        recordId: programId,
      },
      now,
    );
  });
  return loadProgram(deps, programId);
};

export const createTrack = async (
  deps: AppDeps,
  ctx: RequestContext,
  programId: string,
  body: Static<typeof TrackBody>,
) => {
  await requireAdmin(deps, ctx, 'admin.tracks.create');
  const program = await deps.db.kysely
    .selectFrom('programs')
    .select('id')
    .where('id', '=', programId)
    .executeTakeFirst();
  if (!program) throw new DomainError('NOT_FOUND', 'No such program.');
  checkPattern(body.weeklyPattern);
  const now = deps.clock.now();
  const id = randomUUID();
  await deps.db.kysely.transaction().execute(async (trx) => {
    await trx
      .insertInto('tracks')
      .values({
        id,
        program_id: programId,
        name: body.name.trim(),
        weekly_pattern: JSON.stringify(body.weeklyPattern),
        active: 1,
        created_at: now.toISOString(),
        updated_at: now.toISOString(),
        version: 1,
      })
      .execute();
    await recordAudit(
      trx,
      { ...auditFor(ctx), action: 'admin.track.create', patientIds: [], recordType: 'track', recordId: id },
      now,
    );
  });
  return presentTrack(
    await deps.db.kysely.selectFrom('tracks').selectAll().where('id', '=', id).executeTakeFirstOrThrow(),
  );
};

export const updateTrack = async (
  deps: AppDeps,
  ctx: RequestContext,
  trackId: string,
  body: Static<typeof UpdateTrackBody>,
) => {
  await requireAdmin(deps, ctx, 'admin.tracks.update');
  const current = await deps.db.kysely
    .selectFrom('tracks')
    .selectAll()
    .where('id', '=', trackId)
    .executeTakeFirst();
  if (!current) throw new DomainError('NOT_FOUND', 'No such track.');
  if (current.version !== body.version) throw stale('track', current.version);
  if (body.weeklyPattern) checkPattern(body.weeklyPattern);
  const now = deps.clock.now();
  await deps.db.kysely.transaction().execute(async (trx) => {
    const result = await trx
      .updateTable('tracks')
      .set({
        ...(body.name !== undefined ? { name: body.name.trim() } : {}),
        ...(body.weeklyPattern !== undefined ? { weekly_pattern: JSON.stringify(body.weeklyPattern) } : {}),
        ...(body.active !== undefined ? { active: body.active ? 1 : 0 } : {}),
        updated_at: now.toISOString(),
        version: current.version + 1,
      })
      .where('id', '=', trackId)
      .where('version', '=', body.version)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) throw stale('track', current.version + 1);
    await recordAudit(
      trx,
      {
        ...auditFor(ctx),
        action: 'admin.track.update',
        patientIds: [],
        recordType: 'track',
        recordId: trackId,
      },
      now,
    );
  });
  return presentTrack(
    await deps.db.kysely.selectFrom('tracks').selectAll().where('id', '=', trackId).executeTakeFirstOrThrow(),
  );
};

const CASELOAD_ROLES: Record<CaseloadBody['kind'], readonly string[]> = {
  primary_clinician: ['clinician', 'clinical_supervisor', 'program_director'],
  clinician: ['clinician', 'clinical_supervisor', 'program_director'],
  case_manager: ['case_manager', 'clinician'],
};

/** Assigns a patient to a staff member's caseload (admins, directors and supervisors). */
export const assignCaseload = async (
  deps: AppDeps,
  ctx: RequestContext,
  body: CaseloadBody,
): Promise<{ id: string }> => {
  await authorizePatient(deps, ctx, body.patientId, 'caseload.assign');
  const user = await deps.db.kysely
    .selectFrom('users')
    .select(['role', 'active'])
    .where('id', '=', body.userId)
    .executeTakeFirst();
  if (!user || user.active !== 1 || !CASELOAD_ROLES[body.kind].includes(user.role)) {
    throw invalid(
      '/userId',
      `must be an active ${CASELOAD_ROLES[body.kind].join(' or ').replaceAll('_', ' ')}`,
    );
  }
  const now = deps.clock.now();
  const nowIso = now.toISOString();
  const id = randomUUID();
  await deps.db.kysely.transaction().execute(async (trx) => {
    if (body.kind === 'primary_clinician') {
      await trx
        .updateTable('caseload_assignments')
        .set({ ended_at: nowIso })
        .where('patient_id', '=', body.patientId)
        .where('kind', '=', 'primary_clinician')
        .where('ended_at', 'is', null)
        .execute();
      await trx
        .updateTable('patients')
        .set({ primary_clinician_id: body.userId, updated_at: nowIso })
        .where('id', '=', body.patientId)
        .execute();
    }
    await trx
      .insertInto('caseload_assignments')
      .values({
        id,
        patient_id: body.patientId,
        user_id: body.userId,
        kind: body.kind,
        assigned_at: nowIso,
        assigned_by: ctx.actor.userId,
        ended_at: null,
      })
      .execute();
    await recordAudit(
      trx,
      {
        ...auditFor(ctx),
        action: 'caseload.assign',
        patientIds: [body.patientId],
        recordType: 'caseload_assignment',
        recordId: id,
        detail: { userId: body.userId, kind: body.kind },
      },
      now,
    );
  });
  return { id };
};

export const listApiTokens = async (
  deps: AppDeps,
  ctx: RequestContext,
): Promise<Static<typeof ApiToken>[]> => {
  await requireAdmin(deps, ctx, 'admin.apiTokens.list');
  const rows = await deps.db.kysely
    .selectFrom('api_tokens as t')
    .innerJoin('users as u', 'u.id', 't.user_id')
    .select([
      't.id',
      't.name',
      't.user_id',
      'u.display_name',
      't.created_at',
      't.expires_at',
      't.revoked_at',
      't.last_used_at',
    ])
    .orderBy('t.created_at', 'desc')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    user: { id: r.user_id, displayName: r.display_name },
    createdAt: r.created_at,
    expiresAt: r.expires_at,
    revokedAt: r.revoked_at,
    lastUsedAt: r.last_used_at,
  }));
};

export const createApiToken = async (
  deps: AppDeps,
  ctx: RequestContext,
  body: Static<typeof CreateApiTokenBody>,
) => {
  await requireAdmin(deps, ctx, 'admin.apiTokens.create');
  const user = await deps.db.kysely
    .selectFrom('users')
    .select(['active', 'display_name'])
    .where('id', '=', body.userId)
    .executeTakeFirst();
  if (!user || user.active !== 1) throw invalid('/userId', 'must be an active user');
  const now = deps.clock.now();
  const token = newToken('oiop_');
  const id = randomUUID();
  const expiresAt = new Date(now.getTime() + body.expiresInDays * 86_400_000).toISOString();
  await deps.db.kysely.transaction().execute(async (trx) => {
    await trx
      .insertInto('api_tokens')
      .values({
        id,
        user_id: body.userId,
        name: body.name.trim(),
        token_hash: tokenHash(token),
        created_by: ctx.actor.userId,
        created_at: now.toISOString(),
        expires_at: expiresAt,
        revoked_at: null,
        last_used_at: null,
      })
      .execute();
    await recordAudit(
      trx,
      {
        ...auditFor(ctx),
        action: 'admin.apiToken.create',
        patientIds: [],
        recordType: 'api_token',
        recordId: id,
        detail: { userId: body.userId },
      },
      now,
    );
  });
  return {
    token,
    apiToken: {
      id,
      name: body.name.trim(),
      user: { id: body.userId, displayName: user.display_name },
      createdAt: now.toISOString(),
      expiresAt,
      revokedAt: null,
      lastUsedAt: null,
    },
  };
};

export const revokeApiToken = async (deps: AppDeps, ctx: RequestContext, tokenId: string): Promise<void> => {
  await requireAdmin(deps, ctx, 'admin.apiTokens.revoke');
  const now = deps.clock.now();
  await deps.db.kysely.transaction().execute(async (trx) => {
    const result = await trx
      .updateTable('api_tokens')
      .set({ revoked_at: now.toISOString() })
      .where('id', '=', tokenId)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) throw new DomainError('NOT_FOUND', 'No such active token.');
    await recordAudit(
      trx,
      {
        ...auditFor(ctx),
        action: 'admin.apiToken.revoke',
        patientIds: [],
        recordType: 'api_token',
        recordId: tokenId,
      },
      now,
    );
  });
};
