import { randomUUID } from 'node:crypto';
import type { GroupNote, SaveGroupNoteBody, SignGroupNoteBody } from '../../../core/api/notes.js';
import { DomainError, type FieldError } from '../../../core/errors/domainError.js';
import {
  type GroupNoteAttendee as StoredAttendee,
  groupNoteCopies,
} from '../../../core/notes/groupNoteCopies.js';
import { attendeesNamedIn } from '../../../core/notes/namedAttendees.js';
import { isLate, noteDueAt } from '../../../core/notes/noteRules.js';
import { objectiveLinkProblems } from '../../../core/notes/objectiveLinks.js';
import { decideClinicalSignature } from '../../../core/signing/clinicalSigning.js';
import { recordAudit, recordReadAudit } from '../../../db/audit.js';
import type { ClinicalNotesTable, GroupNotesTable } from '../../../db/schema.js';
import type { RequestContext } from '../../context.js';
import type { AppDeps } from '../../deps.js';
import { auditFor, authorizePatient, denyAndAudit } from '../access.js';
import { roleMay } from '../../../core/access/patientPolicy.js';
import { siteTodayOf } from '../diagnoses.js';
import { currentPlanObjectiveIds } from '../treatmentPlanStore.js';
import { authorizeOccurrence } from '../rollCall.js';
import { contentHash, verifySigner } from '../signing.js';
import { signedNoteContent, writeNoteSigning } from './clinicalNotes.js';
import { type Executor, loadNoteDueHours } from './noteData.js';

const parseAttendees = (json: string): StoredAttendee[] => {
  try {
    const value: unknown = JSON.parse(json);
    if (!Array.isArray(value)) return [];
    return value.flatMap((a: unknown) => {
      if (typeof a !== 'object' || a === null) return [];
      const { patientId, minutes, section, objectiveIds } = a as Record<string, unknown>;
      if (typeof patientId !== 'string' || typeof minutes !== 'number' || typeof section !== 'string')
        return [];
      const ids = Array.isArray(objectiveIds)
        ? objectiveIds.filter((i): i is string => typeof i === 'string')
        : [];
      return [{ patientId, minutes, section, objectiveIds: ids }];
    });
  } catch {
    return [];
  }
};

interface AttendeeNames {
  patientId: string;
  firstName: string;
  lastName: string;
  preferredName: string | null;
}

const namesOf = async (
  executor: Executor,
  patientIds: readonly string[],
): Promise<Map<string, AttendeeNames>> => {
  if (patientIds.length === 0) return new Map();
  const rows = await executor
    .selectFrom('patients')
    .select(['id', 'first_name', 'last_name', 'preferred_name'])
    .where('id', 'in', [...patientIds])
    .execute();
  return new Map(
    rows.map((r) => [
      r.id,
      { patientId: r.id, firstName: r.first_name, lastName: r.last_name, preferredName: r.preferred_name },
    ]),
  );
};

const present = async (deps: AppDeps, row: GroupNotesTable): Promise<GroupNote> => {
  const attendees = parseAttendees(row.attendees);
  const names = await namesOf(
    deps.db.kysely,
    attendees.map((a) => a.patientId),
  );
  const [author, notes] = await Promise.all([
    deps.db.kysely
      .selectFrom('users')
      .select('display_name')
      .where('id', '=', row.author_user_id)
      .executeTakeFirstOrThrow(),
    deps.db.kysely.selectFrom('clinical_notes').select('id').where('group_note_id', '=', row.id).execute(),
  ]);
  const nameOf = (id: string) => {
    const n = names.get(id);
    return n ? `${n.preferredName ?? n.firstName} ${n.lastName}` : 'Unknown patient';
  };
  return {
    id: row.id,
    rollCallId: row.roll_call_id,
    seriesId: row.series_id,
    title: row.title,
    serviceDate: row.service_date,
    author: { id: row.author_user_id, displayName: author.display_name },
    narrative: row.narrative,
    attendees: attendees.map((a) => ({ ...a, objectiveIds: [...a.objectiveIds], name: nameOf(a.patientId) })),
    status: row.status === 'signed' ? 'signed' : 'draft',
    signedAt: row.signed_at,
    dueAt: row.due_at,
    late: isLate({ status: row.status, dueAt: row.due_at }, deps.clock.now()),
    namedInNarrative: attendeesNamedIn(row.narrative, [...names.values()]),
    noteIds: notes.map((n) => n.id),
    version: row.version,
  };
};

const auditRead = (deps: AppDeps, ctx: RequestContext, row: GroupNotesTable) =>
  recordReadAudit(
    deps.db,
    {
      ...auditFor(ctx),
      action: 'group_note.read',
      patientIds: parseAttendees(row.attendees).map((a) => a.patientId),
      recordType: 'group_note',
      recordId: row.id,
    },
    deps.clock.now(),
  );

/**
 * Opens the group note of a session, starting it from the roll call: the attendees and their
 * minutes come from who attended. Only the session's clinical staff write it, and only with
 * note-writing access to every attendee.
 */
export const openGroupNote = async (
  deps: AppDeps,
  ctx: RequestContext,
  occurrenceKey: string,
): Promise<GroupNote> => {
  const found = await authorizeOccurrence(deps, ctx, occurrenceKey, 'groupnote.write');
  if (found.occurrence.kind !== 'group')
    throw new DomainError(
      'INVALID_STATE',
      'Only group sessions have a group note; write an individual note from the chart.',
    );
  const rollCall = await deps.db.kysely
    .selectFrom('roll_calls')
    .selectAll()
    .where('occurrence_key', '=', occurrenceKey)
    .executeTakeFirst();
  if (!rollCall || rollCall.status !== 'held')
    throw new DomainError(
      'INVALID_STATE',
      'Take the roll call first: the group note starts from who attended.',
    );
  const existing = await deps.db.kysely
    .selectFrom('group_notes')
    .selectAll()
    .where('roll_call_id', '=', rollCall.id)
    .executeTakeFirst();
  if (existing) {
    if (existing.author_user_id !== ctx.actor.userId) {
      const author = await deps.db.kysely
        .selectFrom('users')
        .select('display_name')
        .where('id', '=', existing.author_user_id)
        .executeTakeFirstOrThrow();
      throw new DomainError('CONFLICT', `${author.display_name} is writing this session’s group note.`);
    }
    await auditRead(deps, ctx, existing);
    return present(deps, existing);
  }
  const attended = await deps.db.kysely
    .selectFrom('attendance_records as r')
    .innerJoin('patients as p', 'p.id', 'r.patient_id')
    .select(['r.patient_id', 'r.minutes'])
    .where('r.roll_call_id', '=', rollCall.id)
    .where('r.status', '=', 'attended')
    .where('r.minutes', '>', 0)
    .orderBy('p.last_name')
    .orderBy('p.first_name')
    .execute();
  if (attended.length === 0)
    throw new DomainError(
      'INVALID_STATE',
      'Nobody attended this session, so there is no group note to write.',
    );
  for (const a of attended) await authorizePatient(deps, ctx, a.patient_id, 'note.write');
  const now = deps.clock.now();
  const dueHours = await loadNoteDueHours(deps.db.kysely);
  const row: GroupNotesTable = {
    id: randomUUID(),
    site_id: found.occurrence.siteId,
    roll_call_id: rollCall.id,
    series_id: rollCall.series_id,
    service_date: rollCall.local_date,
    title: found.occurrence.title,
    author_user_id: ctx.actor.userId,
    narrative: '',
    attendees: JSON.stringify(
      attended.map((a) => ({ patientId: a.patient_id, minutes: a.minutes, section: '', objectiveIds: [] })),
    ),
    status: 'draft',
    signed_at: null,
    due_at: noteDueAt(new Date(rollCall.actual_end_at), dueHours).toISOString(),
    created_at: now.toISOString(),
    updated_at: now.toISOString(),
    version: 1,
  };
  await deps.db.kysely.transaction().execute(async (trx) => {
    await trx.insertInto('group_notes').values(row).execute();
    await recordAudit(
      trx,
      {
        ...auditFor(ctx),
        action: 'group_note.create',
        patientIds: attended.map((a) => a.patient_id),
        recordType: 'group_note',
        recordId: row.id,
        detail: { occurrenceKey, attendees: attended.length },
      },
      now,
    );
  });
  return present(deps, row);
};

const loadOwnGroupNote = async (deps: AppDeps, ctx: RequestContext, id: string): Promise<GroupNotesTable> => {
  if (!roleMay(ctx.actor.role, 'note.write'))
    await denyAndAudit(
      deps,
      ctx,
      'group_note.read',
      'Group notes are clinical documentation; your role does not write notes.',
    );
  const row = await deps.db.kysely
    .selectFrom('group_notes')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  // A group note names several patients: only its author ever reads it whole.
  if (!row || row.author_user_id !== ctx.actor.userId)
    throw new DomainError('NOT_FOUND', 'No such group note.');
  return row;
};

export const getGroupNote = async (deps: AppDeps, ctx: RequestContext, id: string): Promise<GroupNote> => {
  const row = await loadOwnGroupNote(deps, ctx, id);
  await auditRead(deps, ctx, row);
  return present(deps, row);
};

const stale = (currentVersion: number): DomainError =>
  new DomainError(
    'STALE_VERSION',
    'This group note was saved from somewhere else since you loaded it. Your text is kept: compare and save again.',
    { extra: { currentVersion } },
  );

const loadOwnDraft = async (
  deps: AppDeps,
  ctx: RequestContext,
  id: string,
  version: number,
): Promise<GroupNotesTable> => {
  const row = await loadOwnGroupNote(deps, ctx, id);
  if (row.status !== 'draft')
    throw new DomainError(
      'INVALID_STATE',
      'This group note is signed; add an addendum to a patient’s copy instead.',
    );
  if (row.version !== version) throw stale(row.version);
  return row;
};

export const saveGroupNote = async (
  deps: AppDeps,
  ctx: RequestContext,
  id: string,
  body: SaveGroupNoteBody,
): Promise<GroupNote> => {
  const row = await loadOwnDraft(deps, ctx, id, body.version);
  const attendees = parseAttendees(row.attendees);
  const fields: FieldError[] = [];
  const seen = new Set<string>();
  const linking = (body.attendees ?? []).filter((c) => (c.objectiveIds ?? []).length > 0);
  const plans = await currentPlanObjectiveIds(
    deps.db.kysely,
    linking.map((c) => c.patientId),
  );
  (body.attendees ?? []).forEach((change, i) => {
    const attendee = attendees.find((a) => a.patientId === change.patientId);
    if (!attendee || seen.has(change.patientId))
      fields.push({
        field: `/attendees/${i}/patientId`,
        message: 'is not an attendee of this session, or is listed twice',
      });
    // Each attendee links objectives of their own plan only: their copy alone carries them.
    else if (change.objectiveIds)
      fields.push(
        ...objectiveLinkProblems(
          change.objectiveIds,
          plans.get(change.patientId) ?? new Set(),
          attendee.objectiveIds,
          `/attendees/${i}/objectiveIds`,
        ),
      );
    seen.add(change.patientId);
  });
  if (fields.length > 0)
    throw new DomainError(
      'VALIDATION_FAILED',
      fields.map((f) => `${f.field.slice(1)} ${f.message}`).join('; '),
      { fields },
    );
  const updatedAttendees = attendees.map((a) => {
    const change = body.attendees?.find((c) => c.patientId === a.patientId);
    return change
      ? {
          ...a,
          section: change.section,
          objectiveIds: change.objectiveIds ? [...new Set(change.objectiveIds)] : a.objectiveIds,
        }
      : a;
  });
  const now = deps.clock.now();
  const saved = await deps.db.kysely.transaction().execute(async (trx) => {
    const result = await trx
      .updateTable('group_notes')
      .set({
        narrative: body.narrative ?? row.narrative,
        attendees: JSON.stringify(updatedAttendees),
        updated_at: now.toISOString(),
        version: row.version + 1,
      })
      .where('id', '=', row.id)
      .where('version', '=', row.version)
      .where('status', '=', 'draft')
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) return false;
    await recordAudit(
      trx,
      {
        ...auditFor(ctx),
        action: 'group_note.save',
        patientIds: attendees.map((a) => a.patientId),
        recordType: 'group_note',
        recordId: row.id,
        detail: { version: row.version + 1 },
      },
      now,
    );
    return true;
  });
  const current = await deps.db.kysely
    .selectFrom('group_notes')
    .selectAll()
    .where('id', '=', row.id)
    .executeTakeFirstOrThrow();
  if (!saved) throw stale(current.version);
  return present(deps, current);
};

/**
 * Signs once for the whole session: each attendee's chart receives its own signed note holding the
 * shared narrative and that attendee's section only (SPEC §7), each with its signature record.
 */
export const signGroupNote = async (
  deps: AppDeps,
  ctx: RequestContext,
  id: string,
  body: SignGroupNoteBody,
): Promise<GroupNote> => {
  const row = await loadOwnDraft(deps, ctx, id, body.version);
  const attendees = parseAttendees(row.attendees);
  if (attendees.length === 0)
    throw new DomainError(
      'INVALID_STATE',
      'This group note has no attendees, so there is no chart to sign it into.',
    );
  for (const a of attendees) await authorizePatient(deps, ctx, a.patientId, 'note.write');
  const now = deps.clock.now();
  const decision = decideClinicalSignature(
    ctx.actor.role,
    ctx.actor.credentials,
    await siteTodayOf(deps.db.kysely, row.site_id, now),
  );
  if (!decision.allowed) throw new DomainError(decision.code, decision.reason);
  const fields: FieldError[] = [];
  if (row.narrative.trim() === '')
    fields.push({ field: '/narrative', message: 'write the group narrative before signing' });
  attendees.forEach((a, i) => {
    if (a.section.trim() === '')
      fields.push({
        field: `/attendees/${i}/section`,
        message: 'write each attendee’s participation before signing',
      });
  });
  const names = await namesOf(
    deps.db.kysely,
    attendees.map((a) => a.patientId),
  );
  const named = attendeesNamedIn(row.narrative, [...names.values()]);
  if (named.length > 0 && body.acknowledgeNamedAttendees !== true)
    fields.push({
      field: '/narrative',
      message: `names ${named.length === 1 ? 'an attendee' : `${named.length} attendees`}; the narrative goes into every attendee’s chart. Remove the names, or confirm to sign anyway`,
    });
  if (fields.length > 0)
    throw new DomainError(
      'VALIDATION_FAILED',
      fields.map((f) => `${f.field.slice(1)} ${f.message}`).join('; '),
      { fields },
    );
  const signer = await verifySigner(deps, ctx, body.proof);
  const copies = groupNoteCopies({
    title: row.title,
    serviceDate: row.service_date,
    narrative: row.narrative,
    attendees,
  });
  const rollCall = await deps.db.kysely
    .selectFrom('roll_calls')
    .select('occurrence_key')
    .where('id', '=', row.roll_call_id)
    .executeTakeFirstOrThrow();
  const nowIso = now.toISOString();
  const noteIds: string[] = [];
  await deps.db.kysely.transaction().execute(async (trx) => {
    const result = await trx
      .updateTable('group_notes')
      .set({ status: 'signed', signed_at: nowIso, updated_at: nowIso })
      .where('id', '=', row.id)
      .where('version', '=', row.version)
      .where('status', '=', 'draft')
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) throw stale(row.version);
    const episodes = await trx
      .selectFrom('episodes')
      .select(['id', 'patient_id'])
      .where(
        'patient_id',
        'in',
        copies.map((c) => c.patientId),
      )
      .where('discharged_on', 'is', null)
      .execute();
    for (const copy of copies) {
      const noteId = randomUUID();
      noteIds.push(noteId);
      const note: ClinicalNotesTable = {
        id: noteId,
        patient_id: copy.patientId,
        site_id: row.site_id,
        episode_id: episodes.find((e) => e.patient_id === copy.patientId)?.id ?? null,
        note_type: 'group',
        template_key: 'group',
        title: copy.title,
        author_user_id: row.author_user_id,
        service_date: copy.serviceDate,
        roll_call_id: row.roll_call_id,
        occurrence_key: rollCall.occurrence_key,
        minutes: copy.minutes,
        group_note_id: row.id,
        body: JSON.stringify({ sections: copy.sections }),
        objective_ids: JSON.stringify(copy.objectiveIds),
        status: 'signed',
        needs_cosignature: decision.needsCosignature ? 1 : 0,
        cosigner_user_id: decision.cosignerUserId,
        signed_at: nowIso,
        cosigned_at: null,
        cosigned_by: null,
        due_at: row.due_at,
        created_at: nowIso,
        updated_at: nowIso,
        version: 1,
      };
      await trx.insertInto('clinical_notes').values(note).execute();
      const hash = contentHash(signedNoteContent(note));
      await writeNoteSigning(trx, note, signer, hash, now);
    }
    await recordAudit(
      trx,
      {
        ...auditFor(ctx),
        action: 'group_note.sign',
        patientIds: copies.map((c) => c.patientId),
        recordType: 'group_note',
        recordId: row.id,
        detail: { noteIds, method: signer.method, namedAttendeesAcknowledged: named.length > 0 },
      },
      now,
    );
  });
  return present(
    deps,
    await deps.db.kysely
      .selectFrom('group_notes')
      .selectAll()
      .where('id', '=', row.id)
      .executeTakeFirstOrThrow(),
  );
};
