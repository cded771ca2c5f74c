import type { Kysely, Transaction } from 'kysely';
import type { FamilySeries } from '../../core/api/recovery.js';
import { DomainError } from '../../core/errors/domainError.js';
import { calendarDateIn } from '../../core/runtime.js';
import { recordAudit, recordReadAudit } from '../../db/audit.js';
import type { Database } from '../../db/schema.js';
import type { RequestContext } from '../context.js';
import type { AppDeps } from '../deps.js';
import { auditFor, authorizePatient } from './access.js';

type Executor = Kysely<Database> | Transaction<Database>;

/**
 * Which support contacts take part in a patient's family sessions (SPEC §9 "Family"). Family sessions
 * are series of kind `family` in the schedule, the patient a member; a link names one contact in one
 * series. Adding and removing a link are idempotent, so two people editing at once cannot lose each
 * other's change.
 */

const today = async (executor: Executor, patientId: string, now: Date): Promise<string> => {
  const row = await executor
    .selectFrom('patients')
    .innerJoin('sites', 'sites.id', 'patients.site_id')
    .select('sites.time_zone')
    .where('patients.id', '=', patientId)
    .executeTakeFirstOrThrow();
  return calendarDateIn(now, row.time_zone);
};

const loadFamilySeries = async (
  executor: Executor,
  patientId: string,
  now: Date,
  seriesId?: string,
): Promise<FamilySeries[]> => {
  let query = executor
    .selectFrom('series_memberships as m')
    .innerJoin('session_series as s', 's.id', 'm.series_id')
    .innerJoin('users as u', 'u.id', 's.clinician_id')
    .select([
      's.id',
      's.title',
      's.clinician_id',
      'u.display_name',
      's.weekdays',
      's.start_time',
      'm.joined_on',
      'm.left_on',
    ])
    .where('m.patient_id', '=', patientId)
    .where('s.kind', '=', 'family')
    .where('s.archived_at', 'is', null);
  if (seriesId) query = query.where('s.id', '=', seriesId);
  const memberships = await query.orderBy('s.title').orderBy('m.joined_on', 'desc').execute();
  if (memberships.length === 0) return [];
  const links = await executor
    .selectFrom('family_session_contacts as f')
    .innerJoin('support_contacts as c', 'c.id', 'f.contact_id')
    .select(['f.series_id', 'f.contact_id', 'c.name', 'c.archived_at'])
    .where('f.patient_id', '=', patientId)
    .where(
      'f.series_id',
      'in',
      memberships.map((m) => m.id),
    )
    .orderBy('c.name')
    .execute();
  const day = await today(executor, patientId, now);
  const bySeries = new Map<string, FamilySeries>();
  for (const m of memberships) {
    const current = m.joined_on <= day && (m.left_on === null || m.left_on > day);
    const existing = bySeries.get(m.id);
    if (existing) {
      existing.current ||= current;
      continue;
    }
    bySeries.set(m.id, {
      seriesId: m.id,
      title: m.title,
      clinician: { id: m.clinician_id, displayName: m.display_name },
      weekdays: m.weekdays.split(',').map(Number),
      startTime: m.start_time,
      current,
      contacts: links
        .filter((l) => l.series_id === m.id)
        .map((l) => ({ contactId: l.contact_id, name: l.name, archived: l.archived_at !== null })),
    });
  }
  return [...bySeries.values()];
};

export const listFamilySessions = async (
  deps: AppDeps,
  ctx: RequestContext,
  patientId: string,
): Promise<FamilySeries[]> => {
  await authorizePatient(deps, ctx, patientId, 'recovery.read');
  const now = deps.clock.now();
  const series = await loadFamilySeries(deps.db.kysely, patientId, now);
  await recordReadAudit(
    deps.db,
    {
      ...auditFor(ctx),
      action: 'family_session.list',
      patientIds: [patientId],
      recordType: 'session_series',
      detail: { resultCount: series.length },
    },
    now,
  );
  return series;
};

/** Adds (or removes) one contact to (from) one family series of the patient. */
export const setFamilySessionContact = async (
  deps: AppDeps,
  ctx: RequestContext,
  patientId: string,
  seriesId: string,
  contactId: string,
  takesPart: boolean,
): Promise<FamilySeries> => {
  await authorizePatient(deps, ctx, patientId, 'recovery.write');
  const now = deps.clock.now();
  return deps.db.kysely.transaction().execute(async (trx) => {
    const [series] = await loadFamilySeries(trx, patientId, now, seriesId);
    if (!series) throw new DomainError('NOT_FOUND', 'No family series of this patient has that id.');
    const contact = await trx
      .selectFrom('support_contacts')
      .select(['id', 'archived_at'])
      .where('id', '=', contactId)
      .where('patient_id', '=', patientId)
      .executeTakeFirst();
    if (!contact) throw new DomainError('NOT_FOUND', 'No such contact for this patient.');
    const linked = series.contacts.some((c) => c.contactId === contactId);
    if (takesPart && !linked) {
      if (contact.archived_at !== null)
        throw new DomainError('INVALID_STATE', 'This contact is archived; restore it first.');
      await trx
        .insertInto('family_session_contacts')
        .values({
          series_id: seriesId,
          contact_id: contactId,
          patient_id: patientId,
          added_by: ctx.actor.userId,
          added_at: now.toISOString(),
        })
        .onConflict((oc) => oc.columns(['series_id', 'contact_id']).doNothing())
        .execute();
    } else if (!takesPart && linked) {
      await trx
        .deleteFrom('family_session_contacts')
        .where('series_id', '=', seriesId)
        .where('contact_id', '=', contactId)
        .execute();
    }
    if (takesPart !== linked)
      await recordAudit(
        trx,
        {
          ...auditFor(ctx),
          action: takesPart ? 'family_session.addContact' : 'family_session.removeContact',
          patientIds: [patientId],
          recordType: 'session_series',
          recordId: seriesId,
          detail: { contactId },
        },
        now,
      );
    const [updated] = await loadFamilySeries(trx, patientId, now, seriesId);
    if (!updated) throw new DomainError('NOT_FOUND', 'No family series of this patient has that id.');
    return updated;
  });
};
