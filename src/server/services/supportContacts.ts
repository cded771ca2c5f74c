import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type {
  CreateSupportContactBody,
  SupportContact,
  UpdateSupportContactBody,
} from '../../core/api/recovery.js';
import { DomainError, type FieldError } from '../../core/errors/domainError.js';
import { normalisePhone } from '../../core/recovery/phone.js';
import type { Relationship } from '../../core/recovery/supportContacts.js';
import { recordAudit, recordReadAudit } from '../../db/audit.js';
import type { Database, SupportContactsTable } from '../../db/schema.js';
import type { RequestContext } from '../context.js';
import type { AppDeps } from '../deps.js';
import { auditFor, authorizePatient } from './access.js';
import { invalid, stale } from './scheduleAccess.js';

type Executor = Kysely<Database> | Transaction<Database>;

/**
 * Family and support contacts (SPEC §9). A contact is a phone-book entry: nothing here grants access
 * or permits disclosure (SPEC §10). Contacts are archived, never deleted — old relapse prevention
 * plan versions and family series still name them.
 */

const familySeriesOf = async (executor: Executor, contactIds: readonly string[]) => {
  if (contactIds.length === 0) return new Map<string, { seriesId: string; title: string }[]>();
  const rows = await executor
    .selectFrom('family_session_contacts as f')
    .innerJoin('session_series as s', 's.id', 'f.series_id')
    .select(['f.contact_id', 'f.series_id', 's.title'])
    .where('f.contact_id', 'in', [...contactIds])
    .orderBy('s.title')
    .execute();
  const map = new Map<string, { seriesId: string; title: string }[]>();
  for (const row of rows) {
    const list = map.get(row.contact_id) ?? [];
    list.push({ seriesId: row.series_id, title: row.title });
    map.set(row.contact_id, list);
  }
  return map;
};

const present = (
  row: SupportContactsTable,
  familySeries: { seriesId: string; title: string }[],
): SupportContact => ({
  id: row.id,
  patientId: row.patient_id,
  name: row.name,
  relationship: row.relationship as Relationship,
  relationshipDetail: row.relationship_detail,
  phone: row.phone,
  email: row.email,
  emergencyContact: row.emergency_contact === 1,
  inRelapsePlan: row.in_relapse_plan === 1,
  familySessionParticipant: row.family_session_participant === 1,
  notes: row.notes,
  archived: row.archived_at !== null,
  archivedAt: row.archived_at,
  familySeries,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
  version: row.version,
});

export const loadContacts = async (
  executor: Executor,
  patientId: string,
  options: { includeArchived: boolean; ids?: readonly string[] },
): Promise<SupportContact[]> => {
  let query = executor.selectFrom('support_contacts').selectAll().where('patient_id', '=', patientId);
  if (!options.includeArchived) query = query.where('archived_at', 'is', null);
  if (options.ids) query = query.where('id', 'in', options.ids.length > 0 ? [...options.ids] : ['']);
  const rows = await query.orderBy('name').orderBy('id').execute();
  const series = await familySeriesOf(
    executor,
    rows.map((r) => r.id),
  );
  // Active first, then by name: an archived contact is history.
  return rows
    .map((row) => present(row, series.get(row.id) ?? []))
    .sort((a, b) => Number(a.archived) - Number(b.archived));
};

const loadContact = async (
  executor: Executor,
  patientId: string,
  contactId: string,
): Promise<SupportContact> => {
  const [contact] = await loadContacts(executor, patientId, { includeArchived: true, ids: [contactId] });
  if (!contact) throw new DomainError('NOT_FOUND', 'No such contact for this patient.');
  return contact;
};

export const listSupportContacts = async (
  deps: AppDeps,
  ctx: RequestContext,
  patientId: string,
  query: { includeArchived?: boolean | undefined },
): Promise<SupportContact[]> => {
  await authorizePatient(deps, ctx, patientId, 'recovery.read');
  const contacts = await loadContacts(deps.db.kysely, patientId, {
    includeArchived: query.includeArchived ?? false,
  });
  await recordReadAudit(
    deps.db,
    {
      ...auditFor(ctx),
      action: 'support_contact.list',
      patientIds: [patientId],
      recordType: 'support_contact',
      detail: { resultCount: contacts.length },
    },
    deps.clock.now(),
  );
  return contacts;
};

interface ContactFields {
  name: string;
  relationship: Relationship;
  relationshipDetail: string | null;
  phone: string;
  email: string | null;
  notes: string | null;
}

const orNull = (value: string | null | undefined): string | null => {
  const trimmed = value?.trim() ?? '';
  return trimmed.length > 0 ? trimmed : null;
};

/** Cleans and checks the fields a contact must satisfy as a whole, naming each wrong one. */
const checkContact = (fields: ContactFields): ContactFields => {
  const errors: FieldError[] = [];
  const phone = normalisePhone(fields.phone);
  if (!phone.ok) errors.push({ field: '/phone', message: phone.message });
  const detail = orNull(fields.relationshipDetail);
  if (fields.relationship === 'other' && detail === null)
    errors.push({
      field: '/relationshipDetail',
      message: 'say who they are when the relationship is "other"',
    });
  if (errors.length > 0 || !phone.ok) throw invalid(errors, 'The contact is not valid.');
  return {
    name: fields.name.trim(),
    relationship: fields.relationship,
    relationshipDetail: detail,
    phone: phone.e164,
    email: orNull(fields.email),
    notes: orNull(fields.notes),
  };
};

export const createSupportContact = async (
  deps: AppDeps,
  ctx: RequestContext,
  patientId: string,
  body: CreateSupportContactBody,
): Promise<SupportContact> => {
  await authorizePatient(deps, ctx, patientId, 'recovery.write');
  const fields = checkContact({
    name: body.name,
    relationship: body.relationship,
    relationshipDetail: body.relationshipDetail ?? null,
    phone: body.phone,
    email: body.email ?? null,
    notes: body.notes ?? null,
  });
  const now = deps.clock.now();
  const nowIso = now.toISOString();
  const id = randomUUID();
  await deps.db.kysely.transaction().execute(async (trx) => {
    await trx
      .insertInto('support_contacts')
      .values({
        id,
        patient_id: patientId,
        name: fields.name,
        relationship: fields.relationship,
        relationship_detail: fields.relationshipDetail,
        phone: fields.phone,
        email: fields.email,
        emergency_contact: body.emergencyContact ? 1 : 0,
        in_relapse_plan: body.inRelapsePlan ? 1 : 0,
        family_session_participant: body.familySessionParticipant ? 1 : 0,
        notes: fields.notes,
        archived_at: null,
        archived_by: null,
        created_by: ctx.actor.userId,
        created_at: nowIso,
        updated_at: nowIso,
        version: 1,
      })
      .execute();
    await recordAudit(
      trx,
      {
        ...auditFor(ctx),
        action: 'support_contact.create',
        patientIds: [patientId],
        recordType: 'support_contact',
        recordId: id,
        detail: { relationship: fields.relationship },
      },
      now,
    );
  });
  return loadContact(deps.db.kysely, patientId, id);
};

/** Applies one versioned change to a contact, inside a transaction with its audit event. */
const changeContact = async (
  deps: AppDeps,
  ctx: RequestContext,
  patientId: string,
  contactId: string,
  version: number,
  action: string,
  change: (
    current: SupportContactsTable,
  ) => Partial<SupportContactsTable> & { detail?: Record<string, unknown> },
): Promise<SupportContact> => {
  await authorizePatient(deps, ctx, patientId, 'recovery.write');
  const now = deps.clock.now();
  await deps.db.kysely.transaction().execute(async (trx) => {
    const current = await trx
      .selectFrom('support_contacts')
      .selectAll()
      .where('id', '=', contactId)
      .where('patient_id', '=', patientId)
      .executeTakeFirst();
    if (!current) throw new DomainError('NOT_FOUND', 'No such contact for this patient.');
    if (current.version !== version) throw stale('contact', current.version);
    const { detail, ...changes } = change(current);
    const result = await trx
      .updateTable('support_contacts')
      .set({ ...changes, updated_at: now.toISOString(), version: current.version + 1 })
      .where('id', '=', contactId)
      .where('version', '=', version)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) throw stale('contact', current.version + 1);
    await recordAudit(
      trx,
      {
        ...auditFor(ctx),
        action,
        patientIds: [patientId],
        recordType: 'support_contact',
        recordId: contactId,
        detail: detail ?? null,
      },
      now,
    );
  });
  return loadContact(deps.db.kysely, patientId, contactId);
};

export const updateSupportContact = (
  deps: AppDeps,
  ctx: RequestContext,
  patientId: string,
  contactId: string,
  body: UpdateSupportContactBody,
): Promise<SupportContact> =>
  changeContact(deps, ctx, patientId, contactId, body.version, 'support_contact.update', (current) => {
    const fields = checkContact({
      name: body.name ?? current.name,
      relationship: body.relationship ?? (current.relationship as Relationship),
      relationshipDetail:
        body.relationshipDetail !== undefined ? body.relationshipDetail : current.relationship_detail,
      phone: body.phone ?? current.phone,
      email: body.email !== undefined ? body.email : current.email,
      notes: body.notes !== undefined ? body.notes : current.notes,
    });
    const flag = (value: boolean | undefined, was: number) => (value === undefined ? was : value ? 1 : 0);
    return {
      name: fields.name,
      relationship: fields.relationship,
      relationship_detail: fields.relationshipDetail,
      phone: fields.phone,
      email: fields.email,
      notes: fields.notes,
      emergency_contact: flag(body.emergencyContact, current.emergency_contact),
      in_relapse_plan: flag(body.inRelapsePlan, current.in_relapse_plan),
      family_session_participant: flag(body.familySessionParticipant, current.family_session_participant),
      detail: {
        fields: Object.keys(body).filter((k) => k !== 'version'),
      },
    };
  });

/** Archives a contact (kept for history, hidden from lists), or brings it back: the undo. */
export const setContactArchived = (
  deps: AppDeps,
  ctx: RequestContext,
  patientId: string,
  contactId: string,
  version: number,
  archived: boolean,
): Promise<SupportContact> =>
  changeContact(
    deps,
    ctx,
    patientId,
    contactId,
    version,
    archived ? 'support_contact.archive' : 'support_contact.restore',
    (current) => {
      if ((current.archived_at !== null) === archived)
        throw new DomainError(
          'INVALID_STATE',
          archived ? 'This contact is already archived.' : 'This contact is not archived.',
        );
      return archived
        ? { archived_at: deps.clock.now().toISOString(), archived_by: ctx.actor.userId }
        : { archived_at: null, archived_by: null };
    },
  );
