import type {
  AddendumBody,
  CosignNoteBody,
  CreateNoteBody,
  CreateProcessNoteBody,
  GroupNote,
  LateNotePage,
  LateNotesQuery,
  Note,
  NoteListQuery,
  NotePage,
  NoteTemplateList,
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
import type { Http } from './http.js';

const seg = encodeURIComponent;

/** Clinical notes: drafts autosaved on the server, signing, addenda, group notes, process notes. */
export const createNotesApi = (http: Http) => ({
  templates: (signal?: AbortSignal) => http.get<NoteTemplateList>('/note-templates', undefined, signal),
  saveTemplate: (key: string, body: SaveNoteTemplateBody) =>
    http.put<NoteTemplateView>(`/note-templates/${seg(key)}`, body),
  list: (patientId: string, query: NoteListQuery, signal?: AbortSignal) =>
    http.get<NotePage>(`/patients/${seg(patientId)}/notes`, { ...query }, signal),
  create: (patientId: string, body: CreateNoteBody) =>
    http.post<Note>(`/patients/${seg(patientId)}/notes`, body),
  get: (id: string, signal?: AbortSignal) => http.get<Note>(`/notes/${seg(id)}`, undefined, signal),
  save: (id: string, body: SaveNoteBody) => http.put<Note>(`/notes/${seg(id)}`, body),
  discard: (id: string, version: number) =>
    http.post<{ discarded: true }>(`/notes/${seg(id)}/discard`, { version }),
  sign: (id: string, body: SignNoteBody) => http.post<Note>(`/notes/${seg(id)}/sign`, body),
  cosign: (id: string, body: CosignNoteBody) => http.post<Note>(`/notes/${seg(id)}/cosign`, body),
  addAddendum: (id: string, body: AddendumBody) => http.post<Note>(`/notes/${seg(id)}/addenda`, body),
  openGroupNote: (occurrenceKey: string) =>
    http.post<GroupNote>(`/sessions/${seg(occurrenceKey)}/group-note`),
  groupNote: (id: string, signal?: AbortSignal) =>
    http.get<GroupNote>(`/group-notes/${seg(id)}`, undefined, signal),
  saveGroupNote: (id: string, body: SaveGroupNoteBody) =>
    http.put<GroupNote>(`/group-notes/${seg(id)}`, body),
  signGroupNote: (id: string, body: SignGroupNoteBody) =>
    http.post<GroupNote>(`/group-notes/${seg(id)}/sign`, body),
  processNotes: (patientId: string, signal?: AbortSignal) =>
    http.get<ProcessNoteList>(`/patients/${seg(patientId)}/process-notes`, undefined, signal),
  createProcessNote: (patientId: string, body: CreateProcessNoteBody) =>
    http.post<ProcessNote>(`/patients/${seg(patientId)}/process-notes`, body),
  saveProcessNote: (id: string, body: SaveProcessNoteBody) =>
    http.put<ProcessNote>(`/process-notes/${seg(id)}`, body),
  lateNotes: (query: LateNotesQuery, signal?: AbortSignal) =>
    http.get<LateNotePage>('/reports/late-notes', { ...query }, signal),
});
