import type { MeasureSchedule, MeasuresDue, UpdateMeasureScheduleBody } from '../../core/api/measures.js';
import { DomainError, type FieldError } from '../../core/errors/domainError.js';
import { INSTRUMENT_CODES } from '../../core/measures/index.js';
import { type MeasureScheduleEntry, measuresDue, scheduleRevision } from '../../core/measures/due.js';
import { calendarDateIn } from '../../core/runtime.js';
import { recordAudit, recordReadAudit } from '../../db/audit.js';
import { latestAdministrations, loadSchedule, replaceSchedule } from '../../db/repositories/measures.js';
import type { MeasureSchedulesTable } from '../../db/schema.js';
import type { RequestContext } from '../context.js';
import type { AppDeps } from '../deps.js';
import { auditFor, authorizePatient, denyAndAudit } from './access.js';
import { lockSourceKey } from './alerts.js';
import { builtInInstrument } from './measures.js';

const toEntry = (row: MeasureSchedulesTable): MeasureScheduleEntry => ({
  instrument: row.instrument_code,
  atAdmission: row.at_admission === 1,
  everyDays: row.every_days,
});

// --- A patient's due list ------------------------------------------------------------------------

/** The program of the patient's current enrolment segment, and the segment's first day. */
const loadCurrentSegment = (deps: AppDeps, patientId: string) =>
  deps.db.kysely
    .selectFrom('enrolment_segments as s')
    .innerJoin('episodes as e', 'e.id', 's.episode_id')
    .innerJoin('programs as p', 'p.id', 's.program_id')
    .innerJoin('sites as site', 'site.id', 'e.site_id')
    .select(['s.program_id', 'p.name as program_name', 's.start_on', 'site.time_zone'])
    .where('s.patient_id', '=', patientId)
    .where('e.status', '=', 'open')
    .where('s.end_on', 'is', null)
    .orderBy('s.start_on', 'desc')
    .limit(1)
    .executeTakeFirst();

/**
 * Which measures are due for the patient, from the schedule of the program they are in now. Without
 * an open episode nothing is scheduled, and the list is empty.
 */
export const getMeasuresDue = async (
  deps: AppDeps,
  ctx: RequestContext,
  patientId: string,
): Promise<MeasuresDue> => {
  const { facts } = await authorizePatient(deps, ctx, patientId, 'measure.read');
  const now = deps.clock.now();
  const [segment, latest, site] = await Promise.all([
    loadCurrentSegment(deps, patientId),
    latestAdministrations(deps.db.kysely, patientId),
    deps.db.kysely.selectFrom('sites').select('time_zone').where('id', '=', facts.siteId).executeTakeFirst(),
  ]);
  const timeZone = segment?.time_zone ?? site?.time_zone ?? deps.config.defaultTimeZone;
  const today = calendarDateIn(now, timeZone);
  const schedule = segment ? (await loadSchedule(deps.db.kysely, segment.program_id)).map(toEntry) : [];
  const lastGivenOn = Object.fromEntries(
    latest.flatMap((l) =>
      l.last_at !== null ? [[l.instrument_code, calendarDateIn(new Date(l.last_at), timeZone)]] : [],
    ),
  );
  await recordReadAudit(
    deps.db,
    {
      ...auditFor(ctx),
      action: 'measure.due',
      patientIds: [patientId],
      recordType: 'measure_response',
      detail: { programId: segment?.program_id ?? null },
    },
    now,
  );
  const items = segment
    ? measuresDue({ schedule, segmentStartOn: segment.start_on, today, lastGivenOn })
    : [];
  return {
    patientId,
    program: segment ? { id: segment.program_id, name: segment.program_name } : null,
    segmentStartOn: segment?.start_on ?? null,
    today,
    items: items.map((item) => {
      const def = builtInInstrument(item.instrument);
      return {
        ...item,
        shortName: def?.shortName ?? item.instrument,
        name: def?.name ?? item.instrument,
      };
    }),
  };
};

// --- A program's schedule (administrators and program directors) --------------------------------

const loadProgramFor = async (deps: AppDeps, ctx: RequestContext, programId: string, attempted: string) => {
  const { actor } = ctx;
  if (actor.role !== 'admin' && actor.role !== 'program_director')
    await denyAndAudit(
      deps,
      ctx,
      attempted,
      'Only administrators and program directors set measure schedules.',
    );
  const program = await deps.db.kysely
    .selectFrom('programs')
    .select(['id', 'name', 'site_id'])
    .where('id', '=', programId)
    .executeTakeFirst();
  if (!program) throw new DomainError('NOT_FOUND', 'No such program.');
  if (actor.role === 'program_director' && !actor.siteIds.includes(program.site_id))
    await denyAndAudit(
      deps,
      ctx,
      attempted,
      'Program directors set the schedules of their own sites’ programs.',
    );
  return program;
};

const present = (
  program: { id: string; name: string },
  entries: MeasureScheduleEntry[],
): MeasureSchedule => ({
  programId: program.id,
  programName: program.name,
  entries,
  revision: scheduleRevision(entries),
});

export const getProgramSchedule = async (
  deps: AppDeps,
  ctx: RequestContext,
  programId: string,
): Promise<MeasureSchedule> => {
  const program = await loadProgramFor(deps, ctx, programId, 'measureSchedule.read');
  return present(program, (await loadSchedule(deps.db.kysely, programId)).map(toEntry));
};

const checkEntries = (entries: UpdateMeasureScheduleBody['entries']): FieldError[] => {
  const fields: FieldError[] = [];
  const seen = new Set<string>();
  entries.forEach((entry, index) => {
    const at = `/entries/${index}`;
    if (!builtInInstrument(entry.instrument)) {
      fields.push({ field: `${at}/instrument`, message: `must be one of ${INSTRUMENT_CODES.join(', ')}` });
    } else if (seen.has(entry.instrument)) {
      fields.push({ field: `${at}/instrument`, message: 'is listed twice' });
    }
    seen.add(entry.instrument);
    if (!entry.atAdmission && entry.everyDays === null) {
      fields.push({
        field: `${at}/everyDays`,
        message: 'give it at admission, every so many days, or both; to stop scheduling it, leave it out',
      });
    }
  });
  return fields;
};

/**
 * Replaces a program's schedule. The table has no version column, so the schedule's revision (a
 * fingerprint of its entries) stands in: a change made from an older revision is refused with 409.
 */
export const updateProgramSchedule = async (
  deps: AppDeps,
  ctx: RequestContext,
  programId: string,
  body: UpdateMeasureScheduleBody,
): Promise<MeasureSchedule> => {
  const program = await loadProgramFor(deps, ctx, programId, 'measureSchedule.update');
  const fields = checkEntries(body.entries);
  const [first] = fields;
  if (first)
    throw new DomainError(
      'VALIDATION_FAILED',
      fields.length === 1 ? `The schedule entry ${first.message}.` : 'Some schedule entries are not valid.',
      { fields },
    );
  const entries: MeasureScheduleEntry[] = [...body.entries]
    .sort((a, b) => a.instrument.localeCompare(b.instrument))
    .map((e) => ({ instrument: e.instrument, atAdmission: e.atAdmission, everyDays: e.everyDays }));
  const now = deps.clock.now();
  await deps.db.kysely.transaction().execute(async (trx) => {
    await lockSourceKey(trx, deps, `measure-schedule:${programId}`);
    const current = (await loadSchedule(trx, programId)).map(toEntry);
    if (scheduleRevision(current) !== body.revision)
      throw new DomainError(
        'STALE_VERSION',
        'This schedule changed since you opened it. Reload it and make your change again.',
      );
    await replaceSchedule(
      trx,
      programId,
      entries.map((e) => ({
        program_id: programId,
        instrument_code: e.instrument,
        at_admission: e.atAdmission ? 1 : 0,
        every_days: e.everyDays,
      })),
    );
    await recordAudit(
      trx,
      {
        ...auditFor(ctx),
        action: 'measureSchedule.update',
        patientIds: [],
        recordType: 'program',
        recordId: programId,
        detail: { entries },
      },
      now,
    );
  });
  return present(program, entries);
};
