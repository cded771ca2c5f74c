import type { Kysely, Transaction } from 'kysely';
import type { Availability, AvailabilityWindow, PutAvailabilityBody } from '../../core/api/scheduleRuns.js';
import type { FieldError } from '../../core/errors/domainError.js';
import { recordAudit, recordReadAudit } from '../../db/audit.js';
import type { Database } from '../../db/schema.js';
import type { RequestContext } from '../context.js';
import type { AppDeps } from '../deps.js';
import { auditFor, authorizePatient } from './access.js';
import { invalid, stale } from './scheduleAccess.js';

type Executor = Kysely<Database> | Transaction<Database>;

/**
 * When a patient can attend (SPEC §5: "availability windows from work/school"): weekly windows in
 * the site's wall-clock time, replaced as a whole. Nothing recorded means "available whenever the
 * site runs sessions" — the scheduler then uses the site's programme hours (scheduleRunsInput.ts).
 */

const isWindow = (value: unknown): value is AvailabilityWindow =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as { weekday?: unknown }).weekday === 'number' &&
  typeof (value as { start?: unknown }).start === 'string' &&
  typeof (value as { end?: unknown }).end === 'string';

export const parseWindows = (json: string): AvailabilityWindow[] => {
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? value.filter(isWindow) : [];
  } catch {
    return [];
  }
};

/** Recorded windows of these patients; a patient with none recorded is absent from the map. */
export const availabilityOf = async (
  executor: Executor,
  patientIds: readonly string[],
): Promise<Map<string, AvailabilityWindow[]>> =>
  patientIds.length === 0
    ? new Map()
    : new Map(
        (
          await executor
            .selectFrom('patient_schedule_preferences')
            .select(['patient_id', 'availability'])
            .where('patient_id', 'in', [...patientIds])
            .execute()
        ).map((r) => [r.patient_id, parseWindows(r.availability)]),
      );

const sortWindows = (windows: readonly AvailabilityWindow[]): AvailabilityWindow[] =>
  [...windows].sort((a, b) => a.weekday - b.weekday || a.start.localeCompare(b.start));

const checkWindows = (windows: readonly AvailabilityWindow[]): FieldError[] => {
  const errors: FieldError[] = [];
  windows.forEach((w, i) => {
    if (w.end <= w.start) errors.push({ field: `/windows/${i}/end`, message: 'must be after start' });
  });
  const sorted = sortWindows(windows);
  for (let i = 1; i < sorted.length; i += 1) {
    const [a, b] = [sorted[i - 1], sorted[i]];
    if (a && b && a.weekday === b.weekday && b.start < a.end) {
      errors.push({ field: '/windows', message: `windows overlap on weekday ${b.weekday}; merge them` });
      break;
    }
  }
  return errors;
};

export const getAvailability = async (
  deps: AppDeps,
  ctx: RequestContext,
  patientId: string,
): Promise<Availability> => {
  await authorizePatient(deps, ctx, patientId, 'schedule.read');
  const row = await deps.db.kysely
    .selectFrom('patient_schedule_preferences')
    .selectAll()
    .where('patient_id', '=', patientId)
    .executeTakeFirst();
  await recordReadAudit(
    deps.db,
    {
      ...auditFor(ctx),
      action: 'schedule.availability.read',
      patientIds: [patientId],
      recordType: 'patient',
      recordId: patientId,
    },
    deps.clock.now(),
  );
  return row
    ? {
        patientId,
        recorded: true,
        windows: sortWindows(parseWindows(row.availability)),
        version: row.version,
      }
    : { patientId, recorded: false, windows: [], version: 0 };
};

export const putAvailability = async (
  deps: AppDeps,
  ctx: RequestContext,
  patientId: string,
  body: PutAvailabilityBody,
): Promise<Availability> => {
  await authorizePatient(deps, ctx, patientId, 'schedule.write');
  const errors = checkWindows(body.windows);
  if (errors.length > 0) throw invalid(errors, 'The availability is not valid.');
  const windows = sortWindows(body.windows);
  const now = deps.clock.now();
  const nowIso = now.toISOString();
  return deps.db.kysely.transaction().execute(async (trx) => {
    const current = await trx
      .selectFrom('patient_schedule_preferences')
      .select('version')
      .where('patient_id', '=', patientId)
      .executeTakeFirst();
    const currentVersion = current?.version ?? 0;
    if (body.version !== undefined && body.version !== currentVersion)
      throw stale('availability', currentVersion);
    const json = JSON.stringify(windows);
    if (current) {
      const result = await trx
        .updateTable('patient_schedule_preferences')
        .set({
          availability: json,
          updated_by: ctx.actor.userId,
          updated_at: nowIso,
          version: currentVersion + 1,
        })
        .where('patient_id', '=', patientId)
        .where('version', '=', currentVersion)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) === 0) throw stale('availability', currentVersion);
    } else {
      await trx
        .insertInto('patient_schedule_preferences')
        .values({
          patient_id: patientId,
          availability: json,
          updated_by: ctx.actor.userId,
          updated_at: nowIso,
          version: 1,
        })
        .execute();
    }
    await recordAudit(
      trx,
      {
        ...auditFor(ctx),
        action: 'schedule.availability.update',
        patientIds: [patientId],
        recordType: 'patient',
        recordId: patientId,
        detail: { windows: windows.length },
      },
      now,
    );
    return { patientId, recorded: true, windows, version: currentVersion + 1 };
  });
};
