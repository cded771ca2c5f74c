import { randomUUID } from 'node:crypto';
import { type Kysely, sql, type Transaction } from 'kysely';
import {
  decideInquiryAccess,
  type InquiryAction,
  inquiryListSites,
  roleMayInquiry,
} from '../../core/access/inquiryPolicy.js';
import { isRole } from '../../core/access/roles.js';
import type {
  CreateInquiryBody,
  Inquiry,
  InquiryBoard,
  InquiryBoardQuery,
  MoveStageBody,
  UpdateInquiryBody,
  VersionBody,
  WaitlistBody,
} from '../../core/api/intake.js';
import { DomainError, type FieldError } from '../../core/errors/domainError.js';
import { isPhone, isPlausibleBirthDate, LIMITS } from '../../core/intake/fields.js';
import { type PriorityPopulation, priorityDeadline } from '../../core/intake/priority.js';
import {
  INQUIRY_STAGES,
  type InquiryStage,
  isTerminalStage,
  OPEN_STAGES,
  stageChangeProblems,
} from '../../core/intake/stages.js';
import { calendarDateIn } from '../../core/runtime.js';
import { recordAudit, recordReadAudit } from '../../db/audit.js';
import type { Database, InquiriesTable } from '../../db/schema.js';
import type { RequestContext } from '../context.js';
import type { AppDeps } from '../deps.js';
import { type InquiryDetailRow, presentInquiry, presentInquirySummary } from '../presenters/inquiries.js';
import { auditFor } from './access.js';

type Executor = Kysely<Database> | Transaction<Database>;

/** What the access check needs of an inquiry, and what most writes start from. */
export type InquiryRow = InquiriesTable;

// ---------------------------------------------------------------------------------------------
// Access
// ---------------------------------------------------------------------------------------------

const denial = async (
  deps: AppDeps,
  ctx: RequestContext,
  attempted: string,
  reason: string,
  recordId: string | null,
): Promise<void> => {
  await recordAudit(
    deps.db.kysely,
    {
      ...auditFor(ctx),
      action: 'access.denied',
      patientIds: [],
      recordType: 'inquiry',
      recordId,
      detail: { attempted, reason },
    },
    deps.clock.now(),
  );
};

/**
 * Authorizes one action on one inquiry. A caller who may not read inquiries at its site gets 404, as
 * if it did not exist; one who may read but not do this gets 403. Every refusal is audited.
 */
export const authorizeInquiry = async (
  deps: AppDeps,
  ctx: RequestContext,
  inquiryId: string,
  action: InquiryAction,
  executor: Executor = deps.db.kysely,
): Promise<InquiryRow> => {
  const row = await executor
    .selectFrom('inquiries')
    .selectAll()
    .where('id', '=', inquiryId)
    .executeTakeFirst();
  if (!row) throw new DomainError('NOT_FOUND', 'No such inquiry.');
  const decision = decideInquiryAccess(ctx.actor, row.site_id, action);
  if (decision.allowed) return row;
  await denial(deps, ctx, action, decision.reason, inquiryId);
  if (decideInquiryAccess(ctx.actor, row.site_id, 'inquiry.read').allowed)
    throw new DomainError('FORBIDDEN', `Your role may not do this (${action}).`);
  throw new DomainError('NOT_FOUND', 'No such inquiry.');
};

/** For lists and pick lists: refuses roles that see no inquiries at all, with an audit row. */
export const requireInquiryReader = async (
  deps: AppDeps,
  ctx: RequestContext,
  attempted: string,
): Promise<void> => {
  if (roleMayInquiry(ctx.actor.role, 'inquiry.read')) return;
  await denial(deps, ctx, attempted, `role ${ctx.actor.role} may not inquiry.read`, null);
  throw new DomainError('FORBIDDEN', 'Your role does not work with inquiries.');
};

/** Creating at a site: the site must exist (400), and the caller must write inquiries there (403). */
const authorizeSiteWrite = async (
  deps: AppDeps,
  ctx: RequestContext,
  siteId: string,
  attempted: string,
): Promise<{ id: string; time_zone: string }> => {
  const site = await deps.db.kysely
    .selectFrom('sites')
    .select(['id', 'time_zone'])
    .where('id', '=', siteId)
    .executeTakeFirst();
  if (!site) {
    throw new DomainError('VALIDATION_FAILED', 'Unknown site.', {
      fields: [{ field: '/siteId', message: 'does not exist' }],
    });
  }
  const decision = decideInquiryAccess(ctx.actor, site.id, 'inquiry.write');
  if (!decision.allowed) {
    await denial(deps, ctx, attempted, decision.reason, null);
    throw new DomainError('FORBIDDEN', 'You may not record inquiries at that site.');
  }
  return site;
};

export const staleInquiry = (currentVersion: number): DomainError =>
  new DomainError(
    'STALE_VERSION',
    'Someone else changed this inquiry since you opened it. Reload to see their changes.',
    { extra: { currentVersion } },
  );

// ---------------------------------------------------------------------------------------------
// Reading
// ---------------------------------------------------------------------------------------------

const detailQuery = (executor: Executor) =>
  executor
    .selectFrom('inquiries')
    .innerJoin('sites', 'sites.id', 'inquiries.site_id')
    .leftJoin('users as assigned', 'assigned.id', 'inquiries.assigned_user_id')
    .leftJoin('users as creator', 'creator.id', 'inquiries.created_by')
    .leftJoin('tracks', 'tracks.id', 'inquiries.wanted_track_id')
    .selectAll('inquiries')
    .select([
      'assigned.display_name as assigned_name',
      'creator.display_name as creator_name',
      'tracks.name as track_name',
      'sites.name as site_name',
      'sites.time_zone as site_time_zone',
    ]);

/** The presented inquiry, after the caller was authorized. */
export const loadInquiry = async (
  deps: AppDeps,
  inquiryId: string,
  executor?: Executor,
): Promise<Inquiry> => {
  const row: InquiryDetailRow | undefined = await detailQuery(executor ?? deps.db.kysely)
    .where('inquiries.id', '=', inquiryId)
    .executeTakeFirst();
  if (!row) throw new DomainError('NOT_FOUND', 'No such inquiry.');
  return presentInquiry(row, deps.clock.now());
};

export const getInquiry = async (deps: AppDeps, ctx: RequestContext, inquiryId: string): Promise<Inquiry> => {
  const row = await authorizeInquiry(deps, ctx, inquiryId, 'inquiry.read');
  const inquiry = await loadInquiry(deps, inquiryId);
  await recordReadAudit(
    deps.db,
    {
      ...auditFor(ctx),
      action: 'inquiry.read',
      patientIds: row.patient_id !== null ? [row.patient_id] : [],
      recordType: 'inquiry',
      recordId: inquiryId,
    },
    deps.clock.now(),
  );
  return inquiry;
};

export const SUMMARY_COLUMNS = [
  'inquiries.id',
  'inquiries.site_id',
  'inquiries.source',
  'inquiries.stage',
  'inquiries.stage_changed_at',
  'inquiries.first_name',
  'inquiries.last_name',
  'inquiries.phone',
  'inquiries.priority_population',
  'inquiries.priority_deadline',
  'inquiries.waitlisted_at',
  'inquiries.assessment_at',
  'inquiries.wanted_track_id',
  'inquiries.assigned_user_id',
  'inquiries.patient_id',
  'inquiries.created_at',
  'inquiries.version',
] as const;

const likeEscape = (term: string): string => term.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * The intake board: one stage (or every open one), oldest and most urgent first, with the count of
 * every stage under the same filters. One read-audit event lists the inquiries shown.
 */
export const listInquiryBoard = async (
  deps: AppDeps,
  ctx: RequestContext,
  query: InquiryBoardQuery,
): Promise<InquiryBoard> => {
  await requireInquiryReader(deps, ctx, 'inquiry.list');
  const now = deps.clock.now();
  const limit = query.limit ?? 50;
  const offset = query.offset ?? 0;
  const allowed = inquiryListSites(ctx.actor);
  const sites = query.siteId !== undefined ? allowed.filter((s) => s === query.siteId) : [...allowed];
  const stage = query.stage ?? 'open';
  const stages: readonly InquiryStage[] = stage === 'open' ? OPEN_STAGES : [stage];
  const db = deps.db.kysely;

  const filtered = () => {
    let qb = db.selectFrom('inquiries').where('inquiries.site_id', 'in', sites.length > 0 ? sites : ['']);
    if (query.source !== undefined) qb = qb.where('inquiries.source', '=', query.source);
    if (query.priorityOnly === true) qb = qb.where('inquiries.priority_population', 'is not', null);
    if (query.assignedUserId !== undefined)
      qb = qb.where('inquiries.assigned_user_id', '=', query.assignedUserId);
    const q = (query.q ?? '').trim().toLowerCase();
    if (q !== '') {
      const pattern = `${likeEscape(q)}%`;
      qb = qb.where((eb) =>
        eb.or([
          sql<boolean>`lower(inquiries.first_name) like ${pattern} escape '\\'`,
          sql<boolean>`lower(inquiries.last_name) like ${pattern} escape '\\'`,
        ]),
      );
    }
    return qb;
  };

  const terminal = stages.length === 1 && stages[0] !== undefined && isTerminalStage(stages[0]);
  const [countRows, rows] = await Promise.all([
    filtered()
      .select(['inquiries.stage', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('inquiries.stage')
      .execute(),
    filtered()
      .where('inquiries.stage', 'in', [...stages])
      .leftJoin('users as assigned', 'assigned.id', 'inquiries.assigned_user_id')
      .select([...SUMMARY_COLUMNS, 'assigned.display_name as assigned_name'])
      // Open work: priority deadlines first, then the oldest. Finished work: the latest first.
      .$if(terminal, (qb) => qb.orderBy('inquiries.stage_changed_at', 'desc'))
      .$if(!terminal, (qb) =>
        qb
          .orderBy(sql`case when inquiries.priority_deadline is null then 1 else 0 end`)
          .orderBy('inquiries.priority_deadline')
          .orderBy('inquiries.created_at'),
      )
      .orderBy('inquiries.id')
      .limit(limit)
      .offset(offset)
      .execute(),
  ]);
  const counts = Object.fromEntries(INQUIRY_STAGES.map((s) => [s, 0])) as InquiryBoard['counts'];
  for (const row of countRows) {
    if ((INQUIRY_STAGES as readonly string[]).includes(row.stage))
      counts[row.stage as InquiryStage] = Number(row.n);
  }
  const total = stages.reduce((sum, s) => sum + counts[s], 0);
  await recordReadAudit(
    deps.db,
    {
      ...auditFor(ctx),
      action: 'inquiry.list',
      patientIds: rows.flatMap((r) => (r.patient_id !== null ? [r.patient_id] : [])),
      recordType: 'inquiry',
      detail: { stage, resultCount: rows.length, total, inquiryIds: rows.map((r) => r.id) },
    },
    now,
  );
  return { items: rows.map((r) => presentInquirySummary(r, now)), total, limit, offset, counts };
};

// ---------------------------------------------------------------------------------------------
// Checks shared by create and update
// ---------------------------------------------------------------------------------------------

const checkTrack = async (
  executor: Executor,
  siteId: string,
  trackId: string,
  field: string,
): Promise<void> => {
  const track = await executor
    .selectFrom('tracks')
    .innerJoin('programs', 'programs.id', 'tracks.program_id')
    .select('tracks.id')
    .where('tracks.id', '=', trackId)
    .where('programs.site_id', '=', siteId)
    .where('tracks.active', '=', 1)
    .where('programs.active', '=', 1)
    .executeTakeFirst();
  if (!track) {
    throw new DomainError('VALIDATION_FAILED', 'That track is not offered at this site.', {
      fields: [{ field, message: 'is not an active track at the inquiry’s site' }],
    });
  }
};

/** The assignee must be active staff who may work on inquiries at the site. */
const checkAssignee = async (executor: Executor, siteId: string, userId: string): Promise<void> => {
  const user = await executor
    .selectFrom('users')
    .innerJoin('user_sites', 'user_sites.user_id', 'users.id')
    .select(['users.role'])
    .where('users.id', '=', userId)
    .where('users.active', '=', 1)
    .where('user_sites.site_id', '=', siteId)
    .executeTakeFirst();
  if (!user || !isRole(user.role) || !roleMayInquiry(user.role, 'inquiry.write')) {
    throw new DomainError('VALIDATION_FAILED', 'That person cannot take this inquiry.', {
      fields: [{ field: '/assignedUserId', message: 'is not staff who works on inquiries at this site' }],
    });
  }
};

const siteTimeZone = async (executor: Executor, siteId: string): Promise<string> => {
  const site = await executor
    .selectFrom('sites')
    .select('time_zone')
    .where('id', '=', siteId)
    .executeTakeFirstOrThrow();
  return site.time_zone;
};

const checkBirthDate = (dateOfBirth: string, today: string): void => {
  if (!isPlausibleBirthDate(dateOfBirth, today)) {
    throw new DomainError('VALIDATION_FAILED', 'Date of birth is not a valid past date.', {
      fields: [{ field: '/dateOfBirth', message: 'must be a real date between 1900-01-01 and today' }],
    });
  }
};

const YEAR_MS = 365 * 24 * 3_600_000;

/** An assessment is booked within a year either way of now: further means a typo in the year. */
const checkAssessmentAt = (assessmentAt: string, now: Date, field: string): string => {
  const at = Date.parse(assessmentAt);
  if (Number.isNaN(at) || Math.abs(at - now.getTime()) > YEAR_MS) {
    throw new DomainError('VALIDATION_FAILED', 'The assessment time is not plausible.', {
      fields: [{ field, message: 'must be within a year of today' }],
    });
  }
  return new Date(at).toISOString();
};

const trimmedOrNull = (value: string | null | undefined): string | null => {
  const text = value?.trim() ?? '';
  return text === '' ? null : text;
};

type InquiryFields = Omit<UpdateInquiryBody, 'version'>;

/** Columns for the fields present in a create or update body (absent fields are left alone). */
const columnsOf = (body: InquiryFields, createdAt: string): Partial<InquiriesTable> => {
  const c: Partial<InquiriesTable> = {};
  if (body.firstName !== undefined) c.first_name = body.firstName.trim();
  if (body.lastName !== undefined) c.last_name = trimmedOrNull(body.lastName);
  if (body.dateOfBirth !== undefined) c.date_of_birth = body.dateOfBirth;
  if (body.phone !== undefined) c.phone = trimmedOrNull(body.phone);
  if (body.email !== undefined) c.email = trimmedOrNull(body.email);
  if (body.preferredLanguage !== undefined) c.preferred_language = body.preferredLanguage;
  if (body.contactWindow !== undefined) c.contact_window = trimmedOrNull(body.contactWindow);
  const prefs = body.contactPreferences;
  if (prefs?.voicemailOk !== undefined) c.voicemail_ok = prefs.voicemailOk ? 1 : 0;
  if (prefs?.textsOk !== undefined) c.texts_ok = prefs.textsOk ? 1 : 0;
  if (prefs?.nameClinicOk !== undefined) c.name_clinic_ok = prefs.nameClinicOk ? 1 : 0;
  if (body.consentToContact !== undefined) c.consent_to_contact = body.consentToContact ? 1 : 0;
  if (body.referrerName !== undefined) c.referrer_name = trimmedOrNull(body.referrerName);
  if (body.referrerOrganization !== undefined)
    c.referrer_organization = trimmedOrNull(body.referrerOrganization);
  if (body.presentingConcern !== undefined) c.presenting_concern = trimmedOrNull(body.presentingConcern);
  if (body.substances !== undefined) c.substances = JSON.stringify([...new Set(body.substances)]);
  if (body.priorityPopulation !== undefined) {
    c.priority_population = body.priorityPopulation;
    c.priority_deadline = priorityDeadline(createdAt, body.priorityPopulation);
  }
  if (body.preferredSchedule !== undefined) c.preferred_schedule = trimmedOrNull(body.preferredSchedule);
  if (body.wantedTrackId !== undefined) c.wanted_track_id = body.wantedTrackId;
  if (body.assignedUserId !== undefined) c.assigned_user_id = body.assignedUserId;
  if (body.notes !== undefined) c.notes = trimmedOrNull(body.notes);
  return c;
};

const checkFields = async (
  executor: Executor,
  siteId: string,
  body: InquiryFields,
  now: Date,
): Promise<void> => {
  if (body.firstName !== undefined && body.firstName.trim() === '') {
    throw new DomainError('VALIDATION_FAILED', 'Enter a first name.', {
      fields: [{ field: '/firstName', message: 'must not be blank' }],
    });
  }
  if (body.dateOfBirth !== undefined && body.dateOfBirth !== null)
    checkBirthDate(body.dateOfBirth, calendarDateIn(now, await siteTimeZone(executor, siteId)));
  if (body.wantedTrackId !== undefined && body.wantedTrackId !== null)
    await checkTrack(executor, siteId, body.wantedTrackId, '/wantedTrackId');
  if (body.assignedUserId !== undefined && body.assignedUserId !== null)
    await checkAssignee(executor, siteId, body.assignedUserId);
};

/** A complete row with every column at its "not given" value. */
export const blankInquiry = (id: string, siteId: string, source: string, nowIso: string): InquiriesTable => ({
  id,
  site_id: siteId,
  source,
  stage: 'new',
  stage_changed_at: nowIso,
  close_reason: null,
  first_name: '',
  last_name: null,
  date_of_birth: null,
  phone: null,
  email: null,
  preferred_language: 'en',
  contact_window: null,
  voicemail_ok: 0,
  texts_ok: 0,
  name_clinic_ok: 0,
  consent_to_contact: 0,
  referrer_name: null,
  referrer_organization: null,
  presenting_concern: null,
  substances: '[]',
  priority_population: null,
  priority_deadline: null,
  preferred_schedule: null,
  wanted_track_id: null,
  waitlisted_at: null,
  assessment_at: null,
  assigned_user_id: null,
  patient_id: null,
  notes: null,
  created_by: null,
  created_at: nowIso,
  updated_at: nowIso,
  version: 1,
});

// ---------------------------------------------------------------------------------------------
// Writing
// ---------------------------------------------------------------------------------------------

/** A phone call or a referral taken by staff: stage `new`, priority deadline from now. */
export const createInquiry = async (
  deps: AppDeps,
  ctx: RequestContext,
  body: CreateInquiryBody,
): Promise<Inquiry> => {
  const site = await authorizeSiteWrite(deps, ctx, body.siteId, 'inquiry.create');
  const now = deps.clock.now();
  const nowIso = now.toISOString();
  await checkFields(deps.db.kysely, site.id, body, now);
  const id = randomUUID();
  const source = body.source ?? 'phone';
  await deps.db.kysely.transaction().execute(async (trx) => {
    await trx
      .insertInto('inquiries')
      .values({
        ...blankInquiry(id, site.id, source, nowIso),
        ...columnsOf(body, nowIso),
        created_by: ctx.actor.userId,
      })
      .execute();
    await recordAudit(
      trx,
      {
        ...auditFor(ctx),
        action: 'inquiry.create',
        patientIds: [],
        recordType: 'inquiry',
        recordId: id,
        detail: { source, siteId: site.id },
      },
      now,
    );
  });
  return loadInquiry(deps, id);
};

/** Runs `change` on the current row when `version` still matches, then writes it with its audit event. */
const updateVersioned = async (
  deps: AppDeps,
  ctx: RequestContext,
  row: InquiryRow,
  version: number,
  change: (
    trx: Transaction<Database>,
    current: InquiryRow,
  ) => Promise<{
    columns: Partial<InquiriesTable>;
    action: string;
    detail: Record<string, unknown>;
  }>,
): Promise<Inquiry> => {
  const now = deps.clock.now();
  const nowIso = now.toISOString();
  await deps.db.kysely.transaction().execute(async (trx) => {
    const current = await trx.selectFrom('inquiries').selectAll().where('id', '=', row.id).executeTakeFirst();
    if (!current) throw new DomainError('NOT_FOUND', 'No such inquiry.');
    if (current.version !== version) throw staleInquiry(current.version);
    const { columns, action, detail } = await change(trx, current);
    const result = await trx
      .updateTable('inquiries')
      .set({ ...columns, updated_at: nowIso, version: current.version + 1 })
      .where('id', '=', row.id)
      .where('version', '=', version)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) throw staleInquiry(current.version + 1);
    await recordAudit(
      trx,
      {
        ...auditFor(ctx),
        action,
        patientIds: current.patient_id !== null ? [current.patient_id] : [],
        recordType: 'inquiry',
        recordId: row.id,
        detail,
      },
      now,
    );
  });
  return loadInquiry(deps, row.id);
};

export const updateInquiry = async (
  deps: AppDeps,
  ctx: RequestContext,
  inquiryId: string,
  body: UpdateInquiryBody,
): Promise<Inquiry> => {
  const row = await authorizeInquiry(deps, ctx, inquiryId, 'inquiry.write');
  const now = deps.clock.now();
  return updateVersioned(deps, ctx, row, body.version, async (trx, current) => {
    await checkFields(trx, current.site_id, body, now);
    const columns = columnsOf(body, current.created_at);
    if (body.assessmentAt !== undefined) {
      columns.assessment_at =
        body.assessmentAt === null ? null : checkAssessmentAt(body.assessmentAt, now, '/assessmentAt');
    }
    const changed = Object.keys(columns).filter(
      (k) => current[k as keyof InquiriesTable] !== columns[k as keyof InquiriesTable],
    );
    // Field names only: what an inquiry says about substance use never goes into the audit detail.
    return { columns, action: 'inquiry.update', detail: { fields: changed } };
  });
};

export const moveInquiryStage = async (
  deps: AppDeps,
  ctx: RequestContext,
  inquiryId: string,
  body: MoveStageBody,
): Promise<Inquiry> => {
  const row = await authorizeInquiry(deps, ctx, inquiryId, 'inquiry.write');
  const now = deps.clock.now();
  const nowIso = now.toISOString();
  return updateVersioned(deps, ctx, row, body.version, (_trx, current) => {
    const from = current.stage as InquiryStage;
    const problems = stageChangeProblems({
      from,
      to: body.to,
      reason: body.reason,
      assessmentAt: body.assessmentAt,
      hasPatient: current.patient_id !== null,
    });
    const refused = problems.find((p) => p.kind === 'not_allowed');
    if (refused) throw new DomainError('INVALID_STATE', refused.message);
    const missing: FieldError[] = problems.flatMap((p) =>
      p.kind === 'missing' ? [{ field: `/${p.field}`, message: p.message }] : [],
    );
    if (missing.length > 0)
      throw new DomainError('VALIDATION_FAILED', missing.map((m) => m.message).join(' '), {
        fields: missing,
      });
    const columns: Partial<InquiriesTable> = { stage: body.to, stage_changed_at: nowIso };
    if (body.to === 'closed') columns.close_reason = (body.reason ?? '').trim();
    if (body.to === 'assessment_scheduled' && body.assessmentAt !== undefined)
      columns.assessment_at = checkAssessmentAt(body.assessmentAt, now, '/assessmentAt');
    // A missed assessment goes back to be booked again.
    if (from === 'assessment_scheduled' && body.to === 'screened') columns.assessment_at = null;
    // Someone whose inquiry is finished is no longer waiting for a place.
    if (isTerminalStage(body.to)) columns.waitlisted_at = null;
    return Promise.resolve({ columns, action: 'inquiry.stage', detail: { from, to: body.to } });
  });
};

export const waitlistInquiry = async (
  deps: AppDeps,
  ctx: RequestContext,
  inquiryId: string,
  body: WaitlistBody,
): Promise<Inquiry> => {
  const row = await authorizeInquiry(deps, ctx, inquiryId, 'inquiry.write');
  const nowIso = deps.clock.now().toISOString();
  return updateVersioned(deps, ctx, row, body.version, async (trx, current) => {
    if (isTerminalStage(current.stage as InquiryStage))
      throw new DomainError('INVALID_STATE', 'A finished inquiry cannot wait for a place.');
    if (body.wantedTrackId !== undefined && body.wantedTrackId !== null)
      await checkTrack(trx, current.site_id, body.wantedTrackId, '/wantedTrackId');
    const columns: Partial<InquiriesTable> = {};
    // Already waiting: only the wanted track changes, the place in line is kept.
    if (current.waitlisted_at === null) columns.waitlisted_at = nowIso;
    if (body.wantedTrackId !== undefined) columns.wanted_track_id = body.wantedTrackId;
    return {
      columns,
      action: 'inquiry.waitlist',
      detail: {
        added: current.waitlisted_at === null,
        wantedTrackId: body.wantedTrackId ?? current.wanted_track_id,
      },
    };
  });
};

export const removeFromWaitlist = async (
  deps: AppDeps,
  ctx: RequestContext,
  inquiryId: string,
  body: VersionBody,
): Promise<Inquiry> => {
  const row = await authorizeInquiry(deps, ctx, inquiryId, 'inquiry.write');
  return updateVersioned(deps, ctx, row, body.version, (_trx, current) => {
    if (current.waitlisted_at === null)
      throw new DomainError('INVALID_STATE', 'This inquiry is not on the waitlist.');
    return Promise.resolve({
      columns: { waitlisted_at: null },
      action: 'inquiry.waitlist.remove',
      detail: { waitedSince: current.waitlisted_at },
    });
  });
};

// ---------------------------------------------------------------------------------------------
// The public self-check's call-back request
// ---------------------------------------------------------------------------------------------

export interface CallbackRequest {
  firstName: string;
  lastName?: string | null;
  phone: string;
  /** When the person can take a call, in their words ("weekday evenings"). */
  contactWindow?: string | null;
  voicemailOk: boolean;
  textsOk: boolean;
  /** We may name the clinic in voicemails and texts (default: no). */
  nameClinicOk?: boolean;
  consentToContact: boolean;
  preferredLanguage: 'en' | 'es';
  email?: string | null;
  /** A priority population the person told the self-check about: starts the 48-hour clock. */
  priorityPopulation?: PriorityPopulation | null;
  /** Default: the organization's first site. */
  siteId?: string;
  /** Where the request came from, for the audit trail. */
  origin?: { ip: string | null; requestId: string | null };
}

/**
 * Records a call-back request from the public self-check as a `new` inquiry (source `self_check`).
 * Nobody is signed in: the audit event has no actor. Returns the new inquiry's id and site.
 */
export const createInquiryFromCallback = async (
  deps: Pick<AppDeps, 'db' | 'clock'>,
  input: CallbackRequest,
): Promise<{ id: string; siteId: string }> => {
  const fields: FieldError[] = [];
  const firstName = input.firstName.trim();
  if (firstName === '' || firstName.length > LIMITS.name)
    fields.push({ field: '/firstName', message: `must be 1 to ${LIMITS.name} characters` });
  const lastName = trimmedOrNull(input.lastName);
  if (lastName !== null && lastName.length > LIMITS.name)
    fields.push({ field: '/lastName', message: `must be at most ${LIMITS.name} characters` });
  const phone = input.phone.trim();
  if (!isPhone(phone)) fields.push({ field: '/phone', message: 'is not a phone number' });
  const contactWindow = trimmedOrNull(input.contactWindow);
  if (contactWindow !== null && contactWindow.length > LIMITS.contactWindow)
    fields.push({ field: '/contactWindow', message: `must be at most ${LIMITS.contactWindow} characters` });
  const email = trimmedOrNull(input.email);
  if (email !== null && email.length > LIMITS.email)
    fields.push({ field: '/email', message: `must be at most ${LIMITS.email} characters` });
  if (fields.length > 0)
    throw new DomainError('VALIDATION_FAILED', 'The call-back request is not complete.', { fields });

  const db = deps.db.kysely;
  const site =
    input.siteId !== undefined
      ? await db.selectFrom('sites').select('id').where('id', '=', input.siteId).executeTakeFirst()
      : await db
          .selectFrom('sites')
          .select('id')
          .orderBy('created_at')
          .orderBy('name')
          .limit(1)
          .executeTakeFirst();
  if (!site) {
    throw new DomainError('VALIDATION_FAILED', 'Unknown site.', {
      fields: [{ field: '/siteId', message: 'does not exist' }],
    });
  }
  const now = deps.clock.now();
  const nowIso = now.toISOString();
  const id = randomUUID();
  const priority = input.priorityPopulation ?? null;
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('inquiries')
      .values({
        ...blankInquiry(id, site.id, 'self_check', nowIso),
        first_name: firstName,
        last_name: lastName,
        phone,
        email,
        preferred_language: input.preferredLanguage,
        contact_window: contactWindow,
        voicemail_ok: input.voicemailOk ? 1 : 0,
        texts_ok: input.textsOk ? 1 : 0,
        name_clinic_ok: input.nameClinicOk ? 1 : 0,
        consent_to_contact: input.consentToContact ? 1 : 0,
        priority_population: priority,
        priority_deadline: priorityDeadline(now, priority),
      })
      .execute();
    await recordAudit(
      trx,
      {
        actorUserId: null,
        actorRole: null,
        ip: input.origin?.ip ?? null,
        requestId: input.origin?.requestId ?? null,
        action: 'inquiry.create',
        patientIds: [],
        recordType: 'inquiry',
        recordId: id,
        detail: { source: 'self_check', siteId: site.id },
      },
      now,
    );
  });
  return { id, siteId: site.id };
};
