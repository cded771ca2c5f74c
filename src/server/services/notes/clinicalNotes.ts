import { randomUUID } from 'node:crypto';
import type {
  AddendumBody,
  CosignNoteBody,
  CreateNoteBody,
  Note,
  NoteListQuery,
  NotePage,
  SaveNoteBody,
  SignNoteBody,
} from '../../../core/api/notes.js';
import { roleMay } from '../../../core/access/patientPolicy.js';
import { DomainError, type FieldError } from '../../../core/errors/domainError.js';
import { noteDueAt, sectionProblems, unsignableSections } from '../../../core/notes/noteRules.js';
import { NOTE_TYPE_LABELS, noteTypesWrittenBy, type NoteType } from '../../../core/notes/noteTypes.js';
import { objectiveLinkProblems } from '../../../core/notes/objectiveLinks.js';
import { decideClinicalSignature, decideCosignature } from '../../../core/signing/clinicalSigning.js';
import { recordAudit, recordReadAudit } from '../../../db/audit.js';
import type { ClinicalNotesTable } from '../../../db/schema.js';
import type { RequestContext } from '../../context.js';
import type { AppDeps } from '../../deps.js';
import { auditFor, authorizePatient } from '../access.js';
import { siteTodayOf } from '../diagnoses.js';
import { currentPlanObjectiveIds } from '../treatmentPlanStore.js';
import {
  contentHash,
  recordSignature,
  signaturesOf,
  signedBy,
  type VerifiedSigner,
  verifySigner,
} from '../signing.js';
import {
  type Executor,
  loadNoteDueHours,
  loadNoteRow,
  loadNoteTemplates,
  noteTemplate,
  type NoteRow,
  parseBody,
  parseIds,
  presentNoteSummary,
  selectNotes,
} from './noteData.js';

const invalid = (fields: FieldError[]): DomainError =>
  new DomainError('VALIDATION_FAILED', fields.map((f) => `${f.field.slice(1)} ${f.message}`).join('; '), {
    fields,
  });

const stale = (currentVersion: number): DomainError =>
  new DomainError(
    'STALE_VERSION',
    'This draft was saved from somewhere else (another tab or device) since you loaded it. Your text is kept: compare and save again.',
    { extra: { currentVersion } },
  );

/** The content a signature covers: everything the chart shows of the note, nothing about the signer. */
export const signedNoteContent = (row: ClinicalNotesTable) => ({
  noteId: row.id,
  patientId: row.patient_id,
  noteType: row.note_type,
  templateKey: row.template_key,
  title: row.title,
  serviceDate: row.service_date,
  minutes: row.minutes,
  authorUserId: row.author_user_id,
  sections: parseBody(row.body),
  objectiveIds: parseIds(row.objective_ids),
});

/** A note the caller may see: signed notes in the chart, and their own drafts. */
const loadVisibleNote = async (deps: AppDeps, ctx: RequestContext, noteId: string): Promise<NoteRow> => {
  const row = await loadNoteRow(deps.db.kysely, noteId);
  if (!row) throw new DomainError('NOT_FOUND', 'No such note.');
  await authorizePatient(deps, ctx, row.patient_id, 'note.read');
  if (row.status === 'draft' && row.author_user_id !== ctx.actor.userId)
    throw new DomainError('NOT_FOUND', 'No such note.');
  return row;
};

const presentNote = async (deps: AppDeps, ctx: RequestContext, row: NoteRow): Promise<Note> => {
  const template = await noteTemplate(deps.db.kysely, row.template_key);
  const [signatures, addenda] = await Promise.all([
    signaturesOf(deps.db.kysely, 'note', [row.id]),
    deps.db.kysely
      .selectFrom('note_addenda as d')
      .innerJoin('users as u', 'u.id', 'd.author_user_id')
      .select(['d.id', 'd.body', 'd.created_at', 'd.author_user_id', 'u.display_name'])
      .where('d.note_id', '=', row.id)
      .orderBy('d.created_at')
      .execute(),
  ]);
  const addendumSignatures = await signaturesOf(
    deps.db.kysely,
    'note_addendum',
    addenda.map((a) => a.id),
  );
  const body = parseBody(row.body);
  const now = deps.clock.now();
  const signed = row.status === 'signed';
  return {
    ...presentNoteSummary(row, now),
    templateKey: row.template_key,
    // A section the clinic has since removed from the template still shows in the notes that have it.
    sections: [
      ...(template?.sections ?? []),
      ...Object.keys(body)
        .filter((key) => !template?.sections.some((t) => t.key === key))
        .map((key) => ({ key, label: key.replaceAll('_', ' '), hint: '' })),
    ],
    body,
    objectiveIds: parseIds(row.objective_ids),
    signatures: signatures.get(row.id) ?? [],
    addenda: addenda.map((a) => ({
      id: a.id,
      author: { id: a.author_user_id, displayName: a.display_name },
      body: a.body,
      createdAt: a.created_at,
      signature: addendumSignatures.get(a.id)?.[0] ?? null,
    })),
    mayEdit: !signed && row.author_user_id === ctx.actor.userId,
    mayCosign:
      signed &&
      row.needs_cosignature === 1 &&
      row.cosigned_at === null &&
      row.cosigner_user_id === ctx.actor.userId &&
      roleMay(ctx.actor.role, 'note.cosign'),
    mayAddAddendum: signed && roleMay(ctx.actor.role, 'note.write'),
  };
};

const auditRead = (deps: AppDeps, ctx: RequestContext, row: NoteRow) =>
  recordReadAudit(
    deps.db,
    {
      ...auditFor(ctx),
      action: 'note.read',
      patientIds: [row.patient_id],
      recordType: 'clinical_note',
      recordId: row.id,
    },
    deps.clock.now(),
  );

export const getNote = async (deps: AppDeps, ctx: RequestContext, noteId: string): Promise<Note> => {
  const row = await loadVisibleNote(deps, ctx, noteId);
  const note = await presentNote(deps, ctx, row);
  await auditRead(deps, ctx, row);
  return note;
};

export const listPatientNotes = async (
  deps: AppDeps,
  ctx: RequestContext,
  patientId: string,
  query: NoteListQuery,
): Promise<NotePage> => {
  await authorizePatient(deps, ctx, patientId, 'note.read');
  const limit = query.limit ?? 50;
  const offset = query.offset ?? 0;
  const visible = (db: Executor) => {
    let q = selectNotes(db)
      .where('n.patient_id', '=', patientId)
      .where((eb) => eb.or([eb('n.status', '=', 'signed'), eb('n.author_user_id', '=', ctx.actor.userId)]));
    if (query.type) q = q.where('n.note_type', '=', query.type);
    if (query.status) q = q.where('n.status', '=', query.status);
    return q;
  };
  const [rows, total] = await Promise.all([
    visible(deps.db.kysely)
      .orderBy('n.service_date', 'desc')
      .orderBy('n.created_at', 'desc')
      .limit(limit)
      .offset(offset)
      .execute(),
    visible(deps.db.kysely)
      .clearSelect()
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  const now = deps.clock.now();
  await recordReadAudit(
    deps.db,
    {
      ...auditFor(ctx),
      action: 'note.list',
      patientIds: [patientId],
      recordType: 'patient',
      recordId: patientId,
    },
    now,
  );
  return {
    items: rows.map((r) => presentNoteSummary({ ...r, addendum_count: Number(r.addendum_count ?? 0) }, now)),
    total: Number(total.n),
    limit,
    offset,
  };
};

const currentEpisodeId = async (executor: Executor, patientId: string): Promise<string | null> =>
  (
    await executor
      .selectFrom('episodes')
      .select('id')
      .where('patient_id', '=', patientId)
      .where('discharged_on', 'is', null)
      .orderBy('admitted_on', 'desc')
      .executeTakeFirst()
  )?.id ?? null;

export const createNote = async (
  deps: AppDeps,
  ctx: RequestContext,
  patientId: string,
  body: CreateNoteBody,
): Promise<Note> => {
  const { facts } = await authorizePatient(deps, ctx, patientId, 'note.write');
  const noteType: NoteType = body.noteType;
  if (noteType === 'group')
    throw new DomainError(
      'INVALID_STATE',
      'Group notes are written once for the whole session, from its roll call.',
    );
  if (!noteTypesWrittenBy(ctx.actor.role).includes(noteType))
    throw new DomainError(
      'FORBIDDEN',
      `Your role does not write ${NOTE_TYPE_LABELS[noteType].toLowerCase()} notes.`,
    );
  const templates = await loadNoteTemplates(deps.db.kysely);
  const template =
    body.templateKey === undefined
      ? templates.find((t) => t.noteType === noteType)
      : templates.find((t) => t.key === body.templateKey);
  const fields: FieldError[] = [];
  if (!template || template.noteType !== noteType)
    fields.push({
      field: '/templateKey',
      message: `is not a template for ${NOTE_TYPE_LABELS[noteType].toLowerCase()} notes`,
    });
  const now = deps.clock.now();
  const today = await siteTodayOf(deps.db.kysely, facts.siteId, now);
  if (body.serviceDate > today) fields.push({ field: '/serviceDate', message: 'cannot be in the future' });
  const sections = body.sections ?? {};
  if (template) fields.push(...sectionProblems(sections, template.sections));
  let session: { id: string; occurrence_key: string; actual_end_at: string; local_date: string } | undefined;
  let minutes = body.minutes ?? null;
  if (body.rollCallId) {
    session = await deps.db.kysely
      .selectFrom('roll_calls')
      .select(['id', 'occurrence_key', 'actual_end_at', 'local_date'])
      .where('id', '=', body.rollCallId)
      .executeTakeFirst();
    const attended = session
      ? await deps.db.kysely
          .selectFrom('attendance_records')
          .select(['minutes', 'status'])
          .where('roll_call_id', '=', session.id)
          .where('patient_id', '=', patientId)
          .executeTakeFirst()
      : undefined;
    if (!session || !attended)
      fields.push({ field: '/rollCallId', message: 'is not a session this patient was on the roll of' });
    else minutes ??= attended.minutes > 0 ? attended.minutes : null;
  }
  if (fields.length > 0 || !template) throw invalid(fields);
  const id = randomUUID();
  const nowIso = now.toISOString();
  const dueHours = await loadNoteDueHours(deps.db.kysely);
  const dueFrom = session ? new Date(session.actual_end_at) : now;
  await deps.db.kysely.transaction().execute(async (trx) => {
    await trx
      .insertInto('clinical_notes')
      .values({
        id,
        patient_id: patientId,
        site_id: facts.siteId,
        episode_id: await currentEpisodeId(trx, patientId),
        note_type: noteType,
        template_key: template.key,
        title: body.title?.trim() ?? NOTE_TYPE_LABELS[noteType],
        author_user_id: ctx.actor.userId,
        service_date: body.serviceDate,
        roll_call_id: session?.id ?? null,
        occurrence_key: session?.occurrence_key ?? null,
        minutes,
        group_note_id: null,
        body: JSON.stringify({ sections }),
        objective_ids: '[]',
        status: 'draft',
        needs_cosignature: 0,
        cosigner_user_id: null,
        signed_at: null,
        cosigned_at: null,
        cosigned_by: null,
        due_at: noteDueAt(dueFrom, dueHours).toISOString(),
        created_at: nowIso,
        updated_at: nowIso,
        version: 1,
      })
      .execute();
    await recordAudit(
      trx,
      {
        ...auditFor(ctx),
        action: 'note.create',
        patientIds: [patientId],
        recordType: 'clinical_note',
        recordId: id,
        detail: { noteType, templateKey: template.key },
      },
      now,
    );
  });
  return getNote(deps, ctx, id);
};

/** The author's own draft, for saving, deleting or signing. */
const loadOwnDraft = async (
  deps: AppDeps,
  ctx: RequestContext,
  noteId: string,
  version: number,
): Promise<NoteRow> => {
  const row = await loadVisibleNote(deps, ctx, noteId);
  await authorizePatient(deps, ctx, row.patient_id, 'note.write');
  if (row.author_user_id !== ctx.actor.userId)
    throw new DomainError('FORBIDDEN', 'Only the author edits or signs a note; add an addendum instead.');
  if (row.status !== 'draft')
    throw new DomainError(
      'INVALID_STATE',
      'This note is signed and cannot be changed. Add an addendum instead.',
    );
  if (row.version !== version) throw stale(row.version);
  return row;
};

export const saveNote = async (
  deps: AppDeps,
  ctx: RequestContext,
  noteId: string,
  body: SaveNoteBody,
): Promise<Note> => {
  const row = await loadOwnDraft(deps, ctx, noteId, body.version);
  const template = await noteTemplate(deps.db.kysely, row.template_key);
  const now = deps.clock.now();
  const fields: FieldError[] = [];
  const sections = body.sections ? { ...parseBody(row.body), ...body.sections } : parseBody(row.body);

  // A draft keeps the sections it was started with, even if the clinic has edited the template since.
  const existing = parseBody(row.body);
  const known = [
    ...(template?.sections ?? []),
    ...Object.keys(existing).map((key) => ({ key, label: key, hint: '' })),
  ];
  if (body.sections) fields.push(...sectionProblems(body.sections, known));
  if (body.serviceDate && body.serviceDate > (await siteTodayOf(deps.db.kysely, row.site_id, now)))
    fields.push({ field: '/serviceDate', message: 'cannot be in the future' });
  if (body.objectiveIds && body.objectiveIds.length > 0) {
    const plans = await currentPlanObjectiveIds(deps.db.kysely, [row.patient_id]);
    fields.push(
      ...objectiveLinkProblems(
        body.objectiveIds,
        plans.get(row.patient_id) ?? new Set(),
        parseIds(row.objective_ids),
        '/objectiveIds',
      ),
    );
  }
  if (fields.length > 0) throw invalid(fields);
  const updated = await deps.db.kysely.transaction().execute(async (trx) => {
    const result = await trx
      .updateTable('clinical_notes')
      .set({
        title: body.title?.trim() ?? row.title,
        service_date: body.serviceDate ?? row.service_date,
        minutes: body.minutes === undefined ? row.minutes : body.minutes,
        body: JSON.stringify({ sections }),
        objective_ids: body.objectiveIds
          ? JSON.stringify([...new Set(body.objectiveIds)])
          : row.objective_ids,
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
        action: 'note.save',
        patientIds: [row.patient_id],
        recordType: 'clinical_note',
        recordId: row.id,
        detail: { version: row.version + 1, sections: Object.keys(body.sections ?? {}) },
      },
      now,
    );
    return true;
  });
  if (!updated) {
    const current = await loadNoteRow(deps.db.kysely, row.id);
    throw stale(current?.version ?? row.version);
  }
  return getNote(deps, ctx, row.id);
};

export const deleteDraftNote = async (
  deps: AppDeps,
  ctx: RequestContext,
  noteId: string,
  version: number,
): Promise<void> => {
  const row = await loadOwnDraft(deps, ctx, noteId, version);
  if (row.group_note_id !== null)
    throw new DomainError(
      'INVALID_STATE',
      'This note came from a group note; it cannot be deleted on its own.',
    );
  const now = deps.clock.now();
  await deps.db.kysely.transaction().execute(async (trx) => {
    const result = await trx
      .deleteFrom('clinical_notes')
      .where('id', '=', row.id)
      .where('version', '=', row.version)
      .where('status', '=', 'draft')
      .executeTakeFirst();
    if (Number(result.numDeletedRows) !== 1) throw stale(row.version);
    await recordAudit(
      trx,
      {
        ...auditFor(ctx),
        action: 'note.delete_draft',
        patientIds: [row.patient_id],
        recordType: 'clinical_note',
        recordId: row.id,
        detail: { noteType: row.note_type },
      },
      now,
    );
  });
};

export const signNote = async (
  deps: AppDeps,
  ctx: RequestContext,
  noteId: string,
  body: SignNoteBody,
): Promise<Note> => {
  const row = await loadOwnDraft(deps, ctx, noteId, body.version);
  const now = deps.clock.now();
  const today = await siteTodayOf(deps.db.kysely, row.site_id, now);
  const decision = decideClinicalSignature(ctx.actor.role, ctx.actor.credentials, today, {
    licenceRequired: row.note_type !== 'case_management',
  });
  if (!decision.allowed) throw new DomainError(decision.code, decision.reason);
  const template = await noteTemplate(deps.db.kysely, row.template_key);
  const missing = template ? unsignableSections(parseBody(row.body), template.sections) : [];
  if (missing.length > 0) throw invalid(missing);
  const signer = await verifySigner(deps, ctx, body.proof);
  const hash = contentHash(signedNoteContent(row));
  await deps.db.kysely.transaction().execute(async (trx) => {
    const result = await trx
      .updateTable('clinical_notes')
      .set({
        status: 'signed',
        signed_at: now.toISOString(),
        needs_cosignature: decision.needsCosignature ? 1 : 0,
        cosigner_user_id: decision.cosignerUserId,
        updated_at: now.toISOString(),
      })
      .where('id', '=', row.id)
      .where('version', '=', row.version)
      .where('status', '=', 'draft')
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) throw stale(row.version);
    await writeNoteSigning(trx, row, signer, hash, now);
    await recordAudit(
      trx,
      {
        ...auditFor(ctx),
        action: 'note.sign',
        patientIds: [row.patient_id],
        recordType: 'clinical_note',
        recordId: row.id,
        detail: { contentHash: hash, method: signer.method, needsCosignature: decision.needsCosignature },
      },
      now,
    );
  });
  return getNote(deps, ctx, row.id);
};

/** The signature record and the objective links a signed note leaves behind. */
export const writeNoteSigning = async (
  trx: Executor,
  row: Pick<NoteRow, 'id' | 'patient_id' | 'objective_ids' | 'service_date'>,
  signer: VerifiedSigner,
  hash: string,
  now: Date,
): Promise<void> => {
  await recordSignature(
    trx,
    {
      patientId: row.patient_id,
      subjectType: 'note',
      subjectId: row.id,
      purpose: 'author',
      ...signedBy(signer),
      contentHash: hash,
    },
    now,
  );
  const objectives = parseIds(row.objective_ids);
  if (objectives.length > 0)
    await trx
      .insertInto('note_objectives')
      .values(
        objectives.map((objectiveId) => ({
          note_id: row.id,
          patient_id: row.patient_id,
          objective_id: objectiveId,
          service_date: row.service_date,
        })),
      )
      .execute();
};

export const cosignNote = async (
  deps: AppDeps,
  ctx: RequestContext,
  noteId: string,
  body: CosignNoteBody,
): Promise<Note> => {
  const row = await loadVisibleNote(deps, ctx, noteId);
  await authorizePatient(deps, ctx, row.patient_id, 'note.cosign');
  if (row.status !== 'signed' || row.needs_cosignature !== 1)
    throw new DomainError('INVALID_STATE', 'This note does not wait for a co-signature.');
  if (row.cosigned_at !== null) throw new DomainError('CONFLICT', 'This note is already co-signed.');
  const now = deps.clock.now();
  const decision = decideCosignature(
    ctx.actor,
    row.cosigner_user_id,
    await siteTodayOf(deps.db.kysely, row.site_id, now),
  );
  if (!decision.allowed) throw new DomainError(decision.code, decision.reason);
  const signer = await verifySigner(deps, ctx, body.proof);
  const hash = contentHash(signedNoteContent(row));
  await deps.db.kysely.transaction().execute(async (trx) => {
    const result = await trx
      .updateTable('clinical_notes')
      .set({ cosigned_at: now.toISOString(), cosigned_by: ctx.actor.userId })
      .where('id', '=', row.id)
      .where('cosigned_at', 'is', null)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1)
      throw new DomainError('CONFLICT', 'This note is already co-signed.');
    await recordSignature(
      trx,
      {
        patientId: row.patient_id,
        subjectType: 'note',
        subjectId: row.id,
        purpose: 'cosigner',
        ...signedBy(signer),
        contentHash: hash,
      },
      now,
    );
    await recordAudit(
      trx,
      {
        ...auditFor(ctx),
        action: 'note.cosign',
        patientIds: [row.patient_id],
        recordType: 'clinical_note',
        recordId: row.id,
        detail: { contentHash: hash, method: signer.method },
      },
      now,
    );
  });
  return getNote(deps, ctx, row.id);
};

export const addAddendum = async (
  deps: AppDeps,
  ctx: RequestContext,
  noteId: string,
  body: AddendumBody,
): Promise<Note> => {
  const row = await loadVisibleNote(deps, ctx, noteId);
  await authorizePatient(deps, ctx, row.patient_id, 'note.write');
  if (row.status !== 'signed')
    throw new DomainError('INVALID_STATE', 'Addenda are for signed notes; edit the draft instead.');
  const now = deps.clock.now();
  const decision = decideClinicalSignature(
    ctx.actor.role,
    ctx.actor.credentials,
    await siteTodayOf(deps.db.kysely, row.site_id, now),
  );
  if (!decision.allowed && decision.code === 'CREDENTIAL_EXPIRED')
    throw new DomainError(decision.code, decision.reason);
  const signer = await verifySigner(deps, ctx, body.proof);
  const id = randomUUID();
  const text = body.body.trim();
  const hash = contentHash({
    addendumId: id,
    noteId: row.id,
    patientId: row.patient_id,
    authorUserId: ctx.actor.userId,
    body: text,
  });
  await deps.db.kysely.transaction().execute(async (trx) => {
    await trx
      .insertInto('note_addenda')
      .values({
        id,
        note_id: row.id,
        patient_id: row.patient_id,
        author_user_id: ctx.actor.userId,
        body: text,
        created_at: now.toISOString(),
      })
      .execute();
    await recordSignature(
      trx,
      {
        patientId: row.patient_id,
        subjectType: 'note_addendum',
        subjectId: id,
        purpose: 'author',
        ...signedBy(signer),
        contentHash: hash,
      },
      now,
    );
    await recordAudit(
      trx,
      {
        ...auditFor(ctx),
        action: 'note.addendum',
        patientIds: [row.patient_id],
        recordType: 'clinical_note',
        recordId: row.id,
        detail: { addendumId: id, contentHash: hash },
      },
      now,
    );
  });
  return getNote(deps, ctx, row.id);
};
