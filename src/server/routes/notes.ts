import { Type } from '@sinclair/typebox';
import { OccurrenceKeyParams } from '../../core/api/attendance.js';
import { IdParams, Problem } from '../../core/api/common.js';
import {
  AddendumBody,
  CosignNoteBody,
  CreateNoteBody,
  CreateProcessNoteBody,
  DiscardDraftBody,
  GroupNote,
  LateNotePage,
  LateNotesQuery,
  Note,
  NoteListQuery,
  NotePage,
  NoteTemplateList,
  NoteTemplateParams,
  NoteTemplateView,
  SaveNoteTemplateBody,
  ProcessNote,
  ProcessNoteList,
  SaveGroupNoteBody,
  SaveNoteBody,
  SaveProcessNoteBody,
  SignGroupNoteBody,
  SignNoteBody,
} from '../../core/api/notes.js';
import { contextOf } from '../context.js';
import type { AppDeps } from '../deps.js';
import {
  addAddendum,
  cosignNote,
  createNote,
  deleteDraftNote,
  getNote,
  listPatientNotes,
  saveNote,
  signNote,
} from '../services/notes/clinicalNotes.js';
import { getGroupNote, openGroupNote, saveGroupNote, signGroupNote } from '../services/notes/groupNotes.js';
import { listLateNotes } from '../services/notes/lateNotes.js';
import { loadNoteTemplates } from '../services/notes/noteData.js';
import { saveNoteTemplate } from '../services/notes/noteTemplates.js';
import { createProcessNote, listProcessNotes, saveProcessNote } from '../services/notes/processNotes.js';
import type { FastifyTypebox } from '../types.js';

const errors = { 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem, 423: Problem };
const tags = ['notes'];

/** Clinical notes (SPEC §7): drafts autosaved on the server, signing, co-signing, addenda, group notes, process notes. */
export const noteRoutes = (app: FastifyTypebox, deps: AppDeps): void => {
  app.get(
    '/api/v1/note-templates',
    {
      schema: {
        tags,
        summary: 'The clinic’s note templates: sections per note type',
        response: { 200: NoteTemplateList, ...errors },
      },
    },
    async () => ({ items: await loadNoteTemplates(deps.db.kysely) }),
  );

  app.put(
    '/api/v1/note-templates/:key',
    {
      schema: {
        tags,
        summary: 'Edit a note template’s name and sections (administrators, directors, supervisors)',
        params: NoteTemplateParams,
        body: SaveNoteTemplateBody,
        response: { 200: NoteTemplateView, ...errors },
      },
    },
    (request) => saveNoteTemplate(deps, contextOf(request), request.params.key, request.body),
  );

  app.get(
    '/api/v1/patients/:id/notes',
    {
      schema: {
        tags,
        summary: 'The patient’s signed notes and the caller’s own drafts, newest first (no bodies)',
        params: IdParams,
        querystring: NoteListQuery,
        response: { 200: NotePage, ...errors },
      },
    },
    (request) => listPatientNotes(deps, contextOf(request), request.params.id, request.query),
  );

  app.post(
    '/api/v1/patients/:id/notes',
    {
      schema: {
        tags,
        summary: 'Start a draft note from a template (group notes start from the session instead)',
        params: IdParams,
        body: CreateNoteBody,
        response: { 201: Note, ...errors },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createNote(deps, contextOf(request), request.params.id, request.body)),
  );

  app.get(
    '/api/v1/notes/:id',
    {
      schema: {
        tags,
        summary: 'One note with its body, signatures and addenda',
        params: IdParams,
        response: { 200: Note, ...errors },
      },
    },
    (request) => getNote(deps, contextOf(request), request.params.id),
  );

  app.put(
    '/api/v1/notes/:id',
    {
      schema: {
        tags,
        summary:
          'Autosave the author’s draft (send the version read; a stale version gets 409 and changes nothing)',
        params: IdParams,
        body: SaveNoteBody,
        response: { 200: Note, ...errors },
      },
    },
    (request) => saveNote(deps, contextOf(request), request.params.id, request.body),
  );

  app.post(
    '/api/v1/notes/:id/discard',
    {
      schema: {
        tags,
        summary: 'Discard the author’s unsigned draft',
        params: IdParams,
        body: DiscardDraftBody,
        response: { 200: Type.Object({ discarded: Type.Literal(true) }), ...errors },
      },
    },
    async (request) => {
      await deleteDraftNote(deps, contextOf(request), request.params.id, request.body.version);
      return { discarded: true as const };
    },
  );

  app.post(
    '/api/v1/notes/:id/sign',
    {
      schema: {
        tags,
        summary: 'Sign the draft: re-authenticate, lock it, record the signature over a hash of its content',
        params: IdParams,
        body: SignNoteBody,
        response: { 200: Note, ...errors },
      },
    },
    (request) => signNote(deps, contextOf(request), request.params.id, request.body),
  );

  app.post(
    '/api/v1/notes/:id/cosign',
    {
      schema: {
        tags,
        summary: 'Co-sign a supervisee’s signed note (the author’s recorded supervisor)',
        params: IdParams,
        body: CosignNoteBody,
        response: { 200: Note, ...errors },
      },
    },
    (request) => cosignNote(deps, contextOf(request), request.params.id, request.body),
  );

  app.post(
    '/api/v1/notes/:id/addenda',
    {
      schema: {
        tags,
        summary: 'Add a signed addendum to a signed note',
        params: IdParams,
        body: AddendumBody,
        response: { 201: Note, ...errors },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await addAddendum(deps, contextOf(request), request.params.id, request.body)),
  );

  app.post(
    '/api/v1/sessions/:id/group-note',
    {
      schema: {
        tags,
        summary: 'Open the session’s group note, starting it from the roll call’s attendees and minutes',
        params: OccurrenceKeyParams,
        response: { 200: GroupNote, ...errors },
      },
    },
    (request) => openGroupNote(deps, contextOf(request), request.params.id),
  );

  app.get(
    '/api/v1/group-notes/:id',
    {
      schema: {
        tags,
        summary: 'A group note, for its author',
        params: IdParams,
        response: { 200: GroupNote, ...errors },
      },
    },
    (request) => getGroupNote(deps, contextOf(request), request.params.id),
  );

  app.put(
    '/api/v1/group-notes/:id',
    {
      schema: {
        tags,
        summary: 'Autosave the group note: the shared narrative and each attendee’s section',
        params: IdParams,
        body: SaveGroupNoteBody,
        response: { 200: GroupNote, ...errors },
      },
    },
    (request) => saveGroupNote(deps, contextOf(request), request.params.id, request.body),
  );

  app.post(
    '/api/v1/group-notes/:id/sign',
    {
      schema: {
        tags,
        summary:
          'Sign once: each attendee’s chart receives a signed note with the narrative and only their own section',
        params: IdParams,
        body: SignGroupNoteBody,
        response: { 200: GroupNote, ...errors },
      },
    },
    (request) => signGroupNote(deps, contextOf(request), request.params.id, request.body),
  );

  app.get(
    '/api/v1/patients/:id/process-notes',
    {
      schema: {
        tags,
        summary: 'The caller’s own SUD counseling (process) notes about the patient; never in the chart',
        params: IdParams,
        response: { 200: ProcessNoteList, ...errors },
      },
    },
    (request) => listProcessNotes(deps, contextOf(request), request.params.id),
  );

  app.post(
    '/api/v1/patients/:id/process-notes',
    {
      schema: {
        tags,
        summary: 'Write a process note (visible to its author only)',
        params: IdParams,
        body: CreateProcessNoteBody,
        response: { 201: ProcessNote, ...errors },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await createProcessNote(deps, contextOf(request), request.params.id, request.body)),
  );

  app.put(
    '/api/v1/process-notes/:id',
    {
      schema: {
        tags,
        summary: 'Save the author’s process note',
        params: IdParams,
        body: SaveProcessNoteBody,
        response: { 200: ProcessNote, ...errors },
      },
    },
    (request) => saveProcessNote(deps, contextOf(request), request.params.id, request.body),
  );

  app.get(
    '/api/v1/reports/late-notes',
    {
      schema: {
        tags,
        summary: 'Notes still unsigned after they were due (own, supervisees’, or a director’s sites)',
        querystring: LateNotesQuery,
        response: { 200: LateNotePage, ...errors },
      },
    },
    (request) => listLateNotes(deps, contextOf(request), request.query),
  );
};
