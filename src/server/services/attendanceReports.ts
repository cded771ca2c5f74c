import { randomUUID } from 'node:crypto';
import { decidePatientAccess } from '../../core/access/patientPolicy.js';
import type {
  AttendanceTaper,
  ComplianceReport,
  ComplianceReportQuery,
  CreateTaperBody,
} from '../../core/api/attendance.js';
import {
  complianceReport,
  isTaperWeek,
  isWeekComplete,
  type Taper,
  taperWeeks,
  type TrackEnrolmentWeek,
  weeklyHoursAttended,
} from '../../core/attendance/index.js';
import type { PatientStatus } from '../../core/care/levels.js';
import { DomainError } from '../../core/errors/domainError.js';
import { isRealDate } from '../../core/runtime.js';
import { addDays, daysFrom, localDateAt, weekStartOf } from '../../core/schedule/localTime.js';
import { recordAudit, recordReadAudit } from '../../db/audit.js';
import type { RequestContext } from '../context.js';
import type { AppDeps } from '../deps.js';
import { auditFor, authorizePatient, denyAndAudit } from './access.js';
import { loadComplianceSettings, patientSite, segmentRange, taperFromRow } from './attendanceData.js';

/** Roles that read the compliance report, for the sites they work at (SPEC §1: directors see compliance). */
const REPORT_ROLES = ['program_director', 'clinical_supervisor'] as const;

const invalid = (field: string, message: string): DomainError =>
  new DomainError('VALIDATION_FAILED', `${field.slice(1)} ${message}`, { fields: [{ field, message }] });

/**
 * The compliance report of a site for one week, by track (SPEC §6). Directors see every patient of
 * their sites; supervisors only the patients the patient policy lets them read (their supervisees'
 * caseloads and groups), so the report never widens what a role sees. Audited, naming every patient.
 */
export const getComplianceReport = async (
  deps: AppDeps,
  ctx: RequestContext,
  query: ComplianceReportQuery,
): Promise<ComplianceReport> => {
  const { actor } = ctx;
  if (!(REPORT_ROLES as readonly string[]).includes(actor.role) || !actor.siteIds.includes(query.siteId))
    return denyAndAudit(
      deps,
      ctx,
      'report.compliance',
      'Only program directors and clinical supervisors of the site read its compliance report.',
    );
  const db = deps.db.kysely;
  const site = await db
    .selectFrom('sites')
    .select('time_zone')
    .where('id', '=', query.siteId)
    .executeTakeFirst();
  if (!site) throw new DomainError('NOT_FOUND', 'No such site.');
  const now = deps.clock.now();
  const today = localDateAt(now.getTime(), site.time_zone);
  if (query.week !== undefined && !isRealDate(query.week)) throw invalid('/week', 'is not a real date');
  // Default: the last complete week, the one worth acting on.
  const weekStart = weekStartOf(query.week ?? addDays(today, -7));
  const weekEnd = addDays(weekStart, 6);

  const tracks = await db
    .selectFrom('tracks')
    .innerJoin('programs', 'programs.id', 'tracks.program_id')
    .select(['tracks.id', 'tracks.name'])
    .where('programs.site_id', '=', query.siteId)
    .execute();
  if (query.trackId !== undefined && !tracks.some((t) => t.id === query.trackId))
    throw invalid('/trackId', 'is not a track of the site');

  let segmentsQuery = db
    .selectFrom('enrolment_segments as s')
    .innerJoin('programs as p', 'p.id', 's.program_id')
    .innerJoin('patients as pt', 'pt.id', 's.patient_id')
    .select([
      's.patient_id',
      's.start_on',
      's.end_on',
      's.track_id',
      's.level_of_care',
      'p.audience',
      'p.level_of_care as program_level',
      'p.min_weekly_hours',
      'p.max_weekly_hours',
      'pt.status',
      'pt.mrn',
      'pt.first_name',
      'pt.last_name',
    ])
    .where('p.site_id', '=', query.siteId)
    .where('s.start_on', '<=', weekEnd)
    .where((eb) => eb.or([eb('s.end_on', 'is', null), eb('s.end_on', '>=', weekStart)]));
  if (query.trackId !== undefined) segmentsQuery = segmentsQuery.where('s.track_id', '=', query.trackId);
  const segments = await segmentsQuery.execute();
  const candidateIds = [...new Set(segments.map((s) => s.patient_id))];

  const [caseloads, groups] =
    candidateIds.length === 0
      ? [[], []]
      : await Promise.all([
          db
            .selectFrom('caseload_assignments')
            .select(['patient_id', 'user_id'])
            .where('patient_id', 'in', candidateIds)
            .where('ended_at', 'is', null)
            .execute(),
          db
            .selectFrom('series_memberships as m')
            .innerJoin('session_series as ss', 'ss.id', 'm.series_id')
            .select(['m.patient_id', 'ss.clinician_id', 'm.left_on'])
            .where('m.patient_id', 'in', candidateIds)
            .where('ss.archived_at', 'is', null)
            .execute(),
        ]);
  const statusOf = new Map(segments.map((s) => [s.patient_id, s.status as PatientStatus]));
  const visible = new Set(
    candidateIds.filter(
      (id) =>
        decidePatientAccess(
          actor,
          {
            siteId: query.siteId,
            status: statusOf.get(id) ?? 'active',
            caseloadUserIds: caseloads.filter((c) => c.patient_id === id).map((c) => c.user_id),
            groupLeaderUserIds: groups
              .filter((g) => g.patient_id === id && (g.left_on === null || g.left_on > today))
              .map((g) => g.clinician_id),
            breakGlass: false,
          },
          'attendance.read',
        ).allowed,
    ),
  );
  const patientIds = [...visible];

  const [records, taperRows, settings] = await Promise.all([
    patientIds.length === 0
      ? []
      : db
          .selectFrom('attendance_records')
          .select(['patient_id', 'local_date', 'minutes'])
          .where('patient_id', 'in', patientIds)
          .where('local_date', '>=', weekStart)
          .where('local_date', '<=', weekEnd)
          .execute(),
    patientIds.length === 0
      ? []
      : db
          .selectFrom('attendance_tapers')
          .select(['patient_id', 'starts_on', 'weeks'])
          .where('patient_id', 'in', patientIds)
          .execute(),
    loadComplianceSettings(db),
  ]);
  const tapersOf = (id: string): Taper[] => taperRows.filter((t) => t.patient_id === id).map(taperFromRow);

  // At a change of level mid-week the lowest minimum applies (see weekRange): lowest first, first wins.
  const enrolments: TrackEnrolmentWeek[] = segments
    .filter((s) => visible.has(s.patient_id))
    .map((s) => ({
      trackId: s.track_id ?? '',
      patientId: s.patient_id,
      weekStart,
      range: segmentRange(s).range,
      tapering: isTaperWeek(weekStart, tapersOf(s.patient_id), settings),
    }))
    .sort((a, b) => a.range.minimum - b.range.minimum);
  const groupsOut = complianceReport(
    enrolments,
    weeklyHoursAttended(
      records.map((r) => ({ patientId: r.patient_id, localDate: r.local_date, minutes: r.minutes })),
    ),
  );
  const patientRow = new Map(segments.map((s) => [s.patient_id, s]));
  const trackName = new Map(tracks.map((t) => [t.id, t.name]));
  await recordReadAudit(
    deps.db,
    {
      ...auditFor(ctx),
      action: 'report.compliance',
      patientIds,
      recordType: 'site',
      recordId: query.siteId,
      detail: { weekStart, trackId: query.trackId ?? null, resultCount: patientIds.length },
    },
    now,
  );
  return {
    siteId: query.siteId,
    weekStart,
    complete: isWeekComplete(weekStart, today),
    groups: groupsOut.map((g) => ({
      trackId: g.trackId === '' ? null : g.trackId,
      trackName: g.trackId === '' ? null : (trackName.get(g.trackId) ?? null),
      counts: g.counts,
      patients: g.patients.map((p) => {
        const row = patientRow.get(p.patientId);
        return {
          patientId: p.patientId,
          mrn: row?.mrn ?? '',
          name: row ? `${row.last_name}, ${row.first_name}` : 'Patient',
          minutes: p.minutes,
          hours: p.hours,
          minimumMinutes: p.minimumMinutes,
          maximumMinutes: p.maximumMinutes,
          status: p.status,
          tapering: p.tapering,
        };
      }),
    })),
  };
};

/** A taper may be recorded a little after it began (the decision is often written up later), not long after. */
const TAPER_BACKDATE_DAYS = 14;
const TAPER_AHEAD_DAYS = 90;

/**
 * A step-down taper (SPEC §6): the patient stays in IOP below the minimum for 1–2 weeks before
 * moving to OP, without deficit alerts. Changing the level of care is the same authority, so it
 * takes `episode.changeSegment`; it needs an open episode.
 */
export const createTaper = async (
  deps: AppDeps,
  ctx: RequestContext,
  patientId: string,
  body: CreateTaperBody,
): Promise<AttendanceTaper> => {
  await authorizePatient(deps, ctx, patientId, 'episode.changeSegment');
  const db = deps.db.kysely;
  const site = await patientSite(db, patientId);
  if (!site) throw new DomainError('NOT_FOUND', 'No such patient.');
  const now = deps.clock.now();
  const today = localDateAt(now.getTime(), site.timeZone);
  const settings = await loadComplianceSettings(db);
  if (!isRealDate(body.startsOn)) throw invalid('/startsOn', 'is not a real date');
  const offset = daysFrom(today, body.startsOn);
  if (offset < -TAPER_BACKDATE_DAYS || offset > TAPER_AHEAD_DAYS)
    throw invalid(
      '/startsOn',
      `must be between ${TAPER_BACKDATE_DAYS} days ago and ${TAPER_AHEAD_DAYS} days from today`,
    );
  if (body.weeks > settings.taperMaxWeeks)
    throw invalid(
      '/weeks',
      settings.taperMaxWeeks === 0
        ? 'cannot be set: this clinic does not use step-down tapers'
        : `must be at most ${settings.taperMaxWeeks} (the clinic’s setting)`,
    );
  const episode = await db
    .selectFrom('episodes')
    .select('id')
    .where('patient_id', '=', patientId)
    .where('status', '=', 'open')
    .executeTakeFirst();
  if (!episode)
    throw new DomainError(
      'INVALID_STATE',
      'The patient has no open episode: there is no level of care to taper.',
    );

  const id = randomUUID();
  const reason = body.reason.trim();
  const nowIso = now.toISOString();
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('attendance_tapers')
      .values({
        id,
        patient_id: patientId,
        starts_on: body.startsOn,
        weeks: body.weeks,
        reason,
        created_by: ctx.actor.userId,
        created_at: nowIso,
      })
      .execute();
    await recordAudit(
      trx,
      {
        ...auditFor(ctx),
        action: 'attendance.taper.create',
        patientIds: [patientId],
        recordType: 'attendance_taper',
        recordId: id,
        detail: { startsOn: body.startsOn, weeks: body.weeks },
      },
      now,
    );
  });
  const me = await db
    .selectFrom('users')
    .select('display_name')
    .where('id', '=', ctx.actor.userId)
    .executeTakeFirst();
  const taper = taperFromRow({ starts_on: body.startsOn, weeks: body.weeks });
  return {
    id,
    patientId,
    startsOn: body.startsOn,
    weeks: body.weeks,
    weekStarts: [...taperWeeks(taper, settings.taperMaxWeeks)].sort(),
    reason,
    createdBy: { id: ctx.actor.userId, displayName: me?.display_name ?? 'Staff member' },
    createdAt: nowIso,
  };
};
