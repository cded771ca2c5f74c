import { randomUUID } from 'node:crypto';
import { type Kysely, sql, type Transaction } from 'kysely';
import type { AdmitBody, ChangeSegmentBody, DischargeBody, Episode } from '../../core/api/patients.js';
import {
  checkAdmission,
  checkDischarge,
  checkSegmentChange,
  classifyLevelChange,
  dayBefore,
} from '../../core/care/episodes.js';
import { type LevelOfCare } from '../../core/care/levels.js';
import { DomainError } from '../../core/errors/domainError.js';
import { calendarDateIn } from '../../core/runtime.js';
import { recordAudit, recordReadAudit } from '../../db/audit.js';
import { parameter, preparedQuery } from '../../db/prepared.js';
import type { Database, EpisodesTable } from '../../db/schema.js';
import type { RequestContext } from '../context.js';
import type { AppDeps } from '../deps.js';
import { presentEpisode, type SegmentRow } from '../presenters/patients.js';
import { auditFor, authorizePatient } from './access.js';
import { admitLinkedInquiries } from './inquiryAdmission.js';
import { requireCompletePaperwork } from './paperwork.js';

type Executor = Kysely<Database> | Transaction<Database>;

/** Every column the segment presenter needs, from segments joined to programs (p), tracks (t) and users (c, by). */
const SEGMENT_COLUMNS = [
  's.id',
  's.episode_id',
  's.program_id',
  'p.name as program_name',
  's.track_id',
  't.name as track_name',
  's.level_of_care',
  's.start_on',
  's.end_on',
  's.primary_clinician_id',
  'c.display_name as clinician_name',
  's.assessment_id',
  's.change_kind',
  's.change_reason',
  's.backdate_reason',
  's.created_by',
  'by.display_name as created_by_name',
  's.created_at',
] as const;

const segmentsOf = async (db: Executor, episodeIds: string[]): Promise<SegmentRow[]> => {
  if (episodeIds.length === 0) return [];
  const rows = await db
    .selectFrom('enrolment_segments as s')
    .innerJoin('programs as p', 'p.id', 's.program_id')
    .leftJoin('tracks as t', 't.id', 's.track_id')
    .innerJoin('users as c', 'c.id', 's.primary_clinician_id')
    .innerJoin('users as by', 'by.id', 's.created_by')
    .select(SEGMENT_COLUMNS)
    .where('s.episode_id', 'in', episodeIds)
    .orderBy('s.start_on')
    .orderBy('s.created_at')
    .execute();
  return rows;
};

/**
 * The open episode of a patient with its segments, one row per segment. `patient` says which patient:
 * the `patientId` parameter, or (PostgreSQL's one-statement chart read) the outer query's patient row.
 */
export const currentEpisodeQuery = (db: Kysely<Database>, patient: 'parameter' | 'outer patients row') =>
  db
    .selectFrom('episodes as e')
    .innerJoin('enrolment_segments as s', 's.episode_id', 'e.id')
    .innerJoin('programs as p', 'p.id', 's.program_id')
    .leftJoin('tracks as t', 't.id', 's.track_id')
    .innerJoin('users as c', 'c.id', 's.primary_clinician_id')
    .innerJoin('users as by', 'by.id', 's.created_by')
    .select([
      'e.id as e_id',
      'e.patient_id as e_patient_id',
      'e.site_id as e_site_id',
      'e.admitted_on as e_admitted_on',
      'e.discharged_on as e_discharged_on',
      'e.discharge_type as e_discharge_type',
      'e.discharge_note as e_discharge_note',
      'e.discharge_backdate_reason as e_discharge_backdate_reason',
      'e.status as e_status',
      'e.created_by as e_created_by',
      'e.created_at as e_created_at',
      'e.updated_at as e_updated_at',
      'e.version as e_version',
    ])
    .select(SEGMENT_COLUMNS)
    .$if(patient === 'parameter', (qb) => qb.where('e.patient_id', '=', parameter('patientId')))
    // The outer row is not in this builder's scope, so its column is named in SQL.
    .$if(patient === 'outer patients row', (qb) =>
      qb.where('e.patient_id', '=', sql.ref<string>('patients.id')),
    )
    .where('e.status', '=', 'open')
    .orderBy('s.start_on')
    .orderBy('s.created_at');

/** The open episode with its segments in one round trip: the chart header reads it on every visit. */
const currentEpisodeRows = preparedQuery((db: Kysely<Database>) => currentEpisodeQuery(db, 'parameter'));

export type CurrentEpisodeRow = Awaited<ReturnType<typeof currentEpisodeRows>>[number];

/** The rows of `currentEpisodeQuery` as an episode; null when there is no open episode. */
export const episodeFromRows = (rows: readonly CurrentEpisodeRow[]): Episode | null => {
  const [first] = rows;
  if (!first) return null;
  return presentEpisode(
    {
      id: first.e_id,
      patient_id: first.e_patient_id,
      site_id: first.e_site_id,
      admitted_on: first.e_admitted_on,
      discharged_on: first.e_discharged_on,
      discharge_type: first.e_discharge_type,
      discharge_note: first.e_discharge_note,
      discharge_backdate_reason: first.e_discharge_backdate_reason,
      status: first.e_status,
      created_by: first.e_created_by,
      created_at: first.e_created_at,
      updated_at: first.e_updated_at,
      version: first.e_version,
    },
    [...rows],
  );
};

export const loadCurrentEpisode = async (db: Executor, patientId: string): Promise<Episode | null> =>
  episodeFromRows(await currentEpisodeRows(db, { patientId }));

const loadEpisode = async (db: Executor, episodeId: string): Promise<Episode> => {
  const episode = await db
    .selectFrom('episodes')
    .selectAll()
    .where('id', '=', episodeId)
    .executeTakeFirstOrThrow();
  return presentEpisode(episode, await segmentsOf(db, [episode.id]));
};

export const listEpisodes = async (
  deps: AppDeps,
  ctx: RequestContext,
  patientId: string,
): Promise<Episode[]> => {
  await authorizePatient(deps, ctx, patientId, 'episode.read');
  const db = deps.db.kysely;
  const episodes = await db
    .selectFrom('episodes')
    .selectAll()
    .where('patient_id', '=', patientId)
    .orderBy('admitted_on', 'desc')
    .orderBy('created_at', 'desc')
    .execute();
  const segments = await segmentsOf(
    db,
    episodes.map((e) => e.id),
  );
  await recordReadAudit(
    deps.db,
    { ...auditFor(ctx), action: 'episode.list', patientIds: [patientId], recordType: 'episode' },
    deps.clock.now(),
  );
  return episodes.map((e) =>
    presentEpisode(
      e,
      segments.filter((s) => (s as SegmentRow & { episode_id: string }).episode_id === e.id),
    ),
  );
};

const resolveProgram = async (
  db: Executor,
  siteId: string,
  programId: string,
  trackId: string | null | undefined,
): Promise<{ id: string; level_of_care: string; trackId: string | null }> => {
  const program = await db
    .selectFrom('programs')
    .select(['id', 'site_id', 'level_of_care', 'active'])
    .where('id', '=', programId)
    .executeTakeFirst();
  if (!program || program.active !== 1) {
    throw new DomainError('VALIDATION_FAILED', 'Unknown or inactive program.', {
      fields: [{ field: '/programId', message: 'does not exist or is inactive' }],
    });
  }
  if (program.site_id !== siteId) {
    throw new DomainError('VALIDATION_FAILED', "The program is not offered at the patient's site.", {
      fields: [{ field: '/programId', message: "is not offered at the patient's site" }],
    });
  }
  if (trackId) {
    const track = await db
      .selectFrom('tracks')
      .select(['id', 'active'])
      .where('id', '=', trackId)
      .where('program_id', '=', programId)
      .executeTakeFirst();
    if (!track || track.active !== 1) {
      throw new DomainError('VALIDATION_FAILED', 'The track does not belong to the program.', {
        fields: [{ field: '/trackId', message: 'is not an active track of the program' }],
      });
    }
  }
  return { id: program.id, level_of_care: program.level_of_care, trackId: trackId ?? null };
};

const CLINICAL_ROLES = ['clinician', 'clinical_supervisor', 'program_director'];

const resolveClinician = async (db: Executor, userId: string): Promise<void> => {
  const user = await db
    .selectFrom('users')
    .select(['role', 'active'])
    .where('id', '=', userId)
    .executeTakeFirst();
  if (!user || user.active !== 1 || !CLINICAL_ROLES.includes(user.role)) {
    throw new DomainError('VALIDATION_FAILED', 'The primary clinician must be an active clinician.', {
      fields: [{ field: '/primaryClinicianId', message: 'is not an active clinician' }],
    });
  }
};

const setPrimaryClinician = async (
  trx: Transaction<Database>,
  patientId: string,
  userId: string,
  by: string,
  nowIso: string,
) => {
  await trx
    .updateTable('caseload_assignments')
    .set({ ended_at: nowIso })
    .where('patient_id', '=', patientId)
    .where('kind', '=', 'primary_clinician')
    .where('user_id', '!=', userId)
    .where('ended_at', 'is', null)
    .execute();
  const existing = await trx
    .selectFrom('caseload_assignments')
    .select('id')
    .where('patient_id', '=', patientId)
    .where('kind', '=', 'primary_clinician')
    .where('user_id', '=', userId)
    .where('ended_at', 'is', null)
    .executeTakeFirst();
  if (!existing) {
    await trx
      .insertInto('caseload_assignments')
      .values({
        id: randomUUID(),
        patient_id: patientId,
        user_id: userId,
        kind: 'primary_clinician',
        assigned_at: nowIso,
        assigned_by: by,
        ended_at: null,
      })
      .execute();
  }
};

const siteToday = async (db: Executor, siteId: string, now: Date): Promise<string> => {
  const site = await db
    .selectFrom('sites')
    .select('time_zone')
    .where('id', '=', siteId)
    .executeTakeFirstOrThrow();
  return calendarDateIn(now, site.time_zone);
};

const bumpEpisode = async (
  trx: Transaction<Database>,
  episode: EpisodesTable,
  expectedVersion: number,
  changes: Partial<EpisodesTable>,
  nowIso: string,
) => {
  if (episode.version !== expectedVersion) {
    throw new DomainError(
      'STALE_VERSION',
      'The episode changed since you opened it. Reload to see the current level of care.',
      {
        extra: { currentVersion: episode.version },
      },
    );
  }
  const result = await trx
    .updateTable('episodes')
    .set({ ...changes, updated_at: nowIso, version: episode.version + 1 })
    .where('id', '=', episode.id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) {
    throw new DomainError(
      'STALE_VERSION',
      'The episode changed since you opened it. Reload to see the current level of care.',
    );
  }
};

export const admitPatient = async (
  deps: AppDeps,
  ctx: RequestContext,
  patientId: string,
  body: AdmitBody,
): Promise<Episode> => {
  const { facts } = await authorizePatient(deps, ctx, patientId, 'episode.admit');
  const now = deps.clock.now();
  const nowIso = now.toISOString();
  const episodeId = randomUUID();
  await deps.db.kysely.transaction().execute(async (trx) => {
    const program = await resolveProgram(trx, facts.siteId, body.programId, body.trackId);
    await resolveClinician(trx, body.primaryClinicianId);
    const [open, last] = await Promise.all([
      trx
        .selectFrom('episodes')
        .select('id')
        .where('patient_id', '=', patientId)
        .where('status', '=', 'open')
        .executeTakeFirst(),
      trx
        .selectFrom('episodes')
        .select('discharged_on')
        .where('patient_id', '=', patientId)
        .where('status', '=', 'closed')
        .orderBy('discharged_on', 'desc')
        .limit(1)
        .executeTakeFirst(),
    ]);
    checkAdmission({
      hasOpenEpisode: open !== undefined,
      startOn: body.startOn,
      today: await siteToday(trx, facts.siteId, now),
      backdateReason: body.backdateReason,
      dischargedOnOfLastEpisode: last?.discharged_on ?? null,
    });
    await requireCompletePaperwork(trx, patientId);
    await trx
      .insertInto('episodes')
      .values({
        id: episodeId,
        patient_id: patientId,
        site_id: facts.siteId,
        admitted_on: body.startOn,
        discharged_on: null,
        discharge_type: null,
        discharge_note: null,
        discharge_backdate_reason: null,
        status: 'open',
        created_by: ctx.actor.userId,
        created_at: nowIso,
        updated_at: nowIso,
        version: 1,
      })
      .execute();
    const segmentId = randomUUID();
    await trx
      .insertInto('enrolment_segments')
      .values({
        id: segmentId,
        episode_id: episodeId,
        patient_id: patientId,
        program_id: program.id,
        track_id: program.trackId,
        level_of_care: body.levelOfCare ?? program.level_of_care,
        start_on: body.startOn,
        end_on: null,
        primary_clinician_id: body.primaryClinicianId,
        assessment_id: null,
        change_kind: 'admission',
        change_reason: null,
        backdate_reason: body.backdateReason?.trim() ?? null,
        created_by: ctx.actor.userId,
        created_at: nowIso,
      })
      .execute();
    await setPrimaryClinician(trx, patientId, body.primaryClinicianId, ctx.actor.userId, nowIso);
    const patient = await trx
      .selectFrom('patients')
      .select('version')
      .where('id', '=', patientId)
      .executeTakeFirstOrThrow();
    await trx
      .updateTable('patients')
      .set({
        status: 'active',
        primary_clinician_id: body.primaryClinicianId,
        updated_at: nowIso,
        version: patient.version + 1,
      })
      .where('id', '=', patientId)
      .execute();
    await recordAudit(
      trx,
      {
        ...auditFor(ctx),
        action: 'episode.admit',
        patientIds: [patientId],
        recordType: 'episode',
        recordId: episodeId,
        detail: { segmentId, levelOfCare: body.levelOfCare ?? program.level_of_care, startOn: body.startOn },
      },
      now,
    );
    await admitLinkedInquiries(trx, patientId, auditFor(ctx), now);
  });
  return loadEpisode(deps.db.kysely, episodeId);
};

const openEpisodeOf = async (trx: Executor, patientId: string, episodeId: string) => {
  const episode = await trx
    .selectFrom('episodes')
    .selectAll()
    .where('id', '=', episodeId)
    .where('patient_id', '=', patientId)
    .executeTakeFirst();
  if (!episode) throw new DomainError('NOT_FOUND', 'No such episode for this patient.');
  const current = await trx
    .selectFrom('enrolment_segments')
    .selectAll()
    .where('episode_id', '=', episodeId)
    .where('end_on', 'is', null)
    .executeTakeFirst();
  return { episode, current };
};

export const changeSegment = async (
  deps: AppDeps,
  ctx: RequestContext,
  patientId: string,
  episodeId: string,
  body: ChangeSegmentBody,
  /** Runs inside the change's transaction with the new segment's id (placement links its assessment). */
  alongside?: (trx: Transaction<Database>, segmentId: string) => Promise<void>,
): Promise<Episode> => {
  const { facts } = await authorizePatient(deps, ctx, patientId, 'episode.changeSegment');
  const now = deps.clock.now();
  const nowIso = now.toISOString();
  await deps.db.kysely.transaction().execute(async (trx) => {
    const { episode, current } = await openEpisodeOf(trx, patientId, episodeId);
    if (!current || episode.status !== 'open')
      throw new DomainError('INVALID_STATE', 'The episode is closed; admit the patient again instead.');
    checkSegmentChange({
      episodeOpen: true,
      currentSegmentStart: current.start_on,
      startOn: body.startOn,
      today: await siteToday(trx, facts.siteId, now),
      backdateReason: body.backdateReason,
    });
    const program = await resolveProgram(trx, facts.siteId, body.programId, body.trackId);
    const clinicianId = body.primaryClinicianId ?? current.primary_clinician_id;
    await resolveClinician(trx, clinicianId);
    await bumpEpisode(trx, episode, body.version, {}, nowIso);
    const kind = classifyLevelChange(current.level_of_care as LevelOfCare, body.levelOfCare);
    await trx
      .updateTable('enrolment_segments')
      .set({ end_on: dayBefore(body.startOn) })
      .where('id', '=', current.id)
      .execute();
    const segmentId = randomUUID();
    await trx
      .insertInto('enrolment_segments')
      .values({
        id: segmentId,
        episode_id: episodeId,
        patient_id: patientId,
        program_id: program.id,
        track_id: program.trackId,
        level_of_care: body.levelOfCare,
        start_on: body.startOn,
        end_on: null,
        primary_clinician_id: clinicianId,
        assessment_id: body.assessmentId ?? null,
        change_kind: kind,
        change_reason: body.reason.trim(),
        backdate_reason: body.backdateReason?.trim() ?? null,
        created_by: ctx.actor.userId,
        created_at: nowIso,
      })
      .execute();
    if (clinicianId !== current.primary_clinician_id) {
      await setPrimaryClinician(trx, patientId, clinicianId, ctx.actor.userId, nowIso);
      await trx
        .updateTable('patients')
        .set({ primary_clinician_id: clinicianId, updated_at: nowIso })
        .where('id', '=', patientId)
        .execute();
    }
    await recordAudit(
      trx,
      {
        ...auditFor(ctx),
        action: 'episode.changeSegment',
        patientIds: [patientId],
        recordType: 'enrolment_segment',
        recordId: segmentId,
        detail: {
          kind,
          from: current.level_of_care,
          to: body.levelOfCare,
          startOn: body.startOn,
          backdated: Boolean(body.backdateReason),
        },
      },
      now,
    );
    if (alongside) await alongside(trx, segmentId);
  });
  return loadEpisode(deps.db.kysely, episodeId);
};

export const dischargePatient = async (
  deps: AppDeps,
  ctx: RequestContext,
  patientId: string,
  episodeId: string,
  body: DischargeBody,
): Promise<Episode> => {
  const { facts } = await authorizePatient(deps, ctx, patientId, 'episode.discharge');
  const now = deps.clock.now();
  const nowIso = now.toISOString();
  await deps.db.kysely.transaction().execute(async (trx) => {
    const { episode, current } = await openEpisodeOf(trx, patientId, episodeId);
    checkDischarge({
      episodeOpen: episode.status === 'open' && current !== undefined,
      admittedOn: episode.admitted_on,
      currentSegmentStart: current?.start_on ?? episode.admitted_on,
      dischargedOn: body.dischargedOn,
      today: await siteToday(trx, facts.siteId, now),
      backdateReason: body.backdateReason,
    });
    await bumpEpisode(
      trx,
      episode,
      body.version,
      {
        status: 'closed',
        discharged_on: body.dischargedOn,
        discharge_type: body.dischargeType,
        discharge_note: body.note?.trim() || null,
        discharge_backdate_reason: body.backdateReason?.trim() ?? null,
      },
      nowIso,
    );
    if (current)
      await trx
        .updateTable('enrolment_segments')
        .set({ end_on: body.dischargedOn })
        .where('id', '=', current.id)
        .execute();
    await trx
      .updateTable('patients')
      .set({ status: 'discharged', updated_at: nowIso })
      .where('id', '=', patientId)
      .execute();
    await recordAudit(
      trx,
      {
        ...auditFor(ctx),
        action: 'episode.discharge',
        patientIds: [patientId],
        recordType: 'episode',
        recordId: episodeId,
        detail: {
          dischargeType: body.dischargeType,
          dischargedOn: body.dischargedOn,
          backdated: body.backdateReason !== undefined,
        },
      },
      now,
    );
  });
  return loadEpisode(deps.db.kysely, episodeId);
};
