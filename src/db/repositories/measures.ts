import type { Kysely, Transaction } from 'kysely';
import type {
  Database,
  MeasureResponseItemsTable,
  MeasureResponsesTable,
  MeasureSchedulesTable,
} from '../schema.js';

type Executor = Kysely<Database> | Transaction<Database>;

/** A response with the name of the staff member who gave it. */
export interface MeasureResponseRow extends MeasureResponsesTable {
  administered_by_name: string | null;
}

const responsesWithNames = (executor: Executor) =>
  executor
    .selectFrom('measure_responses as r')
    .leftJoin('users as u', 'u.id', 'r.administered_by')
    .selectAll('r')
    .select('u.display_name as administered_by_name');

/** Newest first; optionally one instrument only. */
export const listMeasureResponses = (
  executor: Executor,
  patientId: string,
  options: { instrument?: string | undefined; limit: number },
): Promise<MeasureResponseRow[]> =>
  responsesWithNames(executor)
    .where('r.patient_id', '=', patientId)
    .$if(options.instrument !== undefined, (qb) =>
      qb.where('r.instrument_code', '=', options.instrument ?? ''),
    )
    .orderBy('r.administered_at', 'desc')
    .orderBy('r.created_at', 'desc')
    .orderBy('r.id', 'desc')
    .limit(options.limit)
    .execute();

export const listResponseItems = async (
  executor: Executor,
  responseIds: readonly string[],
): Promise<MeasureResponseItemsTable[]> => {
  if (responseIds.length === 0) return [];
  return executor
    .selectFrom('measure_response_items')
    .selectAll()
    .where('response_id', 'in', [...responseIds])
    .orderBy('response_id')
    .orderBy('item_number')
    .execute();
};

/** The latest response of an instrument given at or before an instant: what a new one is compared with. */
export const findPreviousResponse = (
  executor: Executor,
  patientId: string,
  instrumentCode: string,
  atOrBefore: string,
): Promise<Pick<MeasureResponsesTable, 'id' | 'total' | 'instrument_version'> | undefined> =>
  executor
    .selectFrom('measure_responses')
    .select(['id', 'total', 'instrument_version'])
    .where('patient_id', '=', patientId)
    .where('instrument_code', '=', instrumentCode)
    .where('administered_at', '<=', atOrBefore)
    .orderBy('administered_at', 'desc')
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();

export const insertMeasureResponse = async (
  trx: Transaction<Database>,
  row: MeasureResponsesTable,
  items: readonly MeasureResponseItemsTable[],
): Promise<void> => {
  await trx.insertInto('measure_responses').values(row).execute();
  if (items.length > 0)
    await trx
      .insertInto('measure_response_items')
      .values([...items])
      .execute();
};

/** Totals of one instrument oldest first, for a trend chart. */
export const listTrendRows = (
  executor: Executor,
  patientId: string,
  instrumentCode: string,
  limit: number,
): Promise<
  Pick<MeasureResponsesTable, 'id' | 'administered_at' | 'total' | 'band' | 'subscales' | 'flags'>[]
> =>
  executor
    .selectFrom('measure_responses')
    .select(['id', 'administered_at', 'total', 'band', 'subscales', 'flags'])
    .where('patient_id', '=', patientId)
    .where('instrument_code', '=', instrumentCode)
    .orderBy('administered_at', 'desc')
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute()
    .then((rows) => rows.reverse());

/** The latest instant each instrument was given to the patient. */
export const latestAdministrations = (
  executor: Executor,
  patientId: string,
): Promise<{ instrument_code: string; last_at: string | null }[]> =>
  executor
    .selectFrom('measure_responses')
    .select((eb) => ['instrument_code', eb.fn.max('administered_at').as('last_at')])
    .where('patient_id', '=', patientId)
    .groupBy('instrument_code')
    .execute();

export const loadSchedule = (executor: Executor, programId: string): Promise<MeasureSchedulesTable[]> =>
  executor
    .selectFrom('measure_schedules')
    .selectAll()
    .where('program_id', '=', programId)
    .orderBy('instrument_code')
    .execute();

export const replaceSchedule = async (
  trx: Transaction<Database>,
  programId: string,
  rows: readonly MeasureSchedulesTable[],
): Promise<void> => {
  await trx.deleteFrom('measure_schedules').where('program_id', '=', programId).execute();
  if (rows.length > 0)
    await trx
      .insertInto('measure_schedules')
      .values([...rows])
      .execute();
};

/**
 * The first rungs of a patient's alert chain (primary clinician → their supervisor → the site's
 * on-call person, with who is active) and the escalation time of an alert just raised, in one round
 * trip. `loadRecipientContext` gathers the same rungs one query at a time plus the fallback people,
 * which the caller loads only when these rungs run out.
 */
export const loadChainHead = (trx: Transaction<Database>, patientId: string, alertId: string) =>
  trx
    .selectFrom('patients as p')
    .innerJoin('sites as s', 's.id', 'p.site_id')
    .leftJoin('users as pc', 'pc.id', 'p.primary_clinician_id')
    .leftJoin('credentials as c', 'c.user_id', 'p.primary_clinician_id')
    .leftJoin('users as sup', 'sup.id', 'c.supervisor_id')
    .leftJoin('users as oc', 'oc.id', 's.on_call_user_id')
    .select((eb) => [
      'p.primary_clinician_id',
      'pc.active as primary_active',
      'c.supervisor_id',
      'sup.active as supervisor_active',
      's.on_call_user_id',
      'oc.active as on_call_active',
      eb.selectFrom('alerts as a').select('a.escalate_at').where('a.id', '=', alertId).as('escalate_at'),
    ])
    .where('p.id', '=', patientId)
    .executeTakeFirst();
