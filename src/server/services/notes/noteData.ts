import type { Kysely, Transaction } from 'kysely';
import type { NoteSummary, NoteTemplateView } from '../../../core/api/notes.js';
import { isLate } from '../../../core/notes/noteRules.js';
import { DEFAULT_NOTE_DUE_HOURS } from '../../../core/notes/noteRules.js';
import {
  DEFAULT_NOTE_TEMPLATES,
  type NoteSection,
  NOTE_TYPES,
  type NoteType,
} from '../../../core/notes/noteTypes.js';
import type { ClinicalNotesTable, Database } from '../../../db/schema.js';

export type Executor = Kysely<Database> | Transaction<Database>;

/** The setting that holds how many hours after a session its note is due (SPEC §7: 24 by default). */
export const NOTE_DUE_HOURS_SETTING = 'notes.dueHours';

export const loadNoteDueHours = async (executor: Executor): Promise<number> => {
  const row = await executor
    .selectFrom('settings')
    .select('value')
    .where('key', '=', NOTE_DUE_HOURS_SETTING)
    .executeTakeFirst();
  try {
    const value: unknown = row ? JSON.parse(row.value) : null;
    return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 720
      ? value
      : DEFAULT_NOTE_DUE_HOURS;
  } catch {
    return DEFAULT_NOTE_DUE_HOURS;
  }
};

const isNoteType = (value: string): value is NoteType => (NOTE_TYPES as readonly string[]).includes(value);

/** A stored note type; the column holds one of NOTE_TYPES, checked rather than cast. */
export const noteTypeOf = (value: string): NoteType => (isNoteType(value) ? value : 'individual');

const parseSections = (json: string): NoteSection[] | null => {
  try {
    const value: unknown = JSON.parse(json);
    if (!Array.isArray(value)) return null;
    const sections = value.filter(
      (s): s is NoteSection =>
        typeof s === 'object' &&
        s !== null &&
        typeof (s as NoteSection).key === 'string' &&
        typeof (s as NoteSection).label === 'string' &&
        typeof (s as NoteSection).hint === 'string',
    );
    return sections.length > 0 ? sections : null;
  } catch {
    return null;
  }
};

/** The clinic's templates: its own edits where it made them, the defaults elsewhere. */
export const loadNoteTemplates = async (executor: Executor): Promise<NoteTemplateView[]> => {
  const rows = await executor.selectFrom('note_templates').selectAll().where('active', '=', 1).execute();
  const edited = new Map(rows.map((r) => [r.key, r]));
  const templates: NoteTemplateView[] = DEFAULT_NOTE_TEMPLATES.map((t) => {
    const row = edited.get(t.key);
    const sections = row ? parseSections(row.sections) : null;
    return {
      key: t.key,
      noteType: t.noteType,
      name: row?.name ?? t.name,
      sections: sections ?? [...t.sections],
      version: row?.version ?? 0,
    };
  });
  for (const row of rows) {
    if (DEFAULT_NOTE_TEMPLATES.some((t) => t.key === row.key) || !isNoteType(row.note_type)) continue;
    const sections = parseSections(row.sections);
    if (sections)
      templates.push({
        key: row.key,
        noteType: row.note_type,
        name: row.name,
        sections,
        version: row.version,
      });
  }
  return templates;
};

export const noteTemplate = async (executor: Executor, key: string): Promise<NoteTemplateView | undefined> =>
  (await loadNoteTemplates(executor)).find((t) => t.key === key);

export const parseBody = (json: string): Record<string, string> => {
  try {
    const value: unknown = JSON.parse(json);
    const sections = (value as { sections?: unknown }).sections;
    if (typeof sections !== 'object' || sections === null) return {};
    return Object.fromEntries(
      Object.entries(sections).filter((e): e is [string, string] => typeof e[1] === 'string'),
    );
  } catch {
    return {};
  }
};

export const parseIds = (json: string): string[] => {
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  } catch {
    return [];
  }
};

export interface NoteRow extends ClinicalNotesTable {
  author_name: string;
  cosigner_name: string | null;
  addendum_count: number;
}

export const selectNotes = (executor: Executor) =>
  executor
    .selectFrom('clinical_notes as n')
    .innerJoin('users as a', 'a.id', 'n.author_user_id')
    .leftJoin('users as c', 'c.id', 'n.cosigner_user_id')
    .selectAll('n')
    .select((eb) => [
      'a.display_name as author_name',
      'c.display_name as cosigner_name',
      eb
        .selectFrom('note_addenda as d')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('d.note_id', '=', 'n.id')
        .as('addendum_count'),
    ]);

export const loadNoteRow = async (executor: Executor, noteId: string): Promise<NoteRow | undefined> => {
  const row = await selectNotes(executor).where('n.id', '=', noteId).executeTakeFirst();
  return row ? { ...row, addendum_count: Number(row.addendum_count ?? 0) } : undefined;
};

export const presentNoteSummary = (row: NoteRow, now: Date): NoteSummary => ({
  id: row.id,
  patientId: row.patient_id,
  noteType: noteTypeOf(row.note_type),
  title: row.title,
  serviceDate: row.service_date,
  minutes: row.minutes,
  author: { id: row.author_user_id, displayName: row.author_name },
  status: row.status === 'signed' ? 'signed' : 'draft',
  awaitingCosignature: row.status === 'signed' && row.needs_cosignature === 1 && row.cosigned_at === null,
  cosigner: row.cosigner_user_id ? { id: row.cosigner_user_id, displayName: row.cosigner_name ?? '' } : null,
  signedAt: row.signed_at,
  cosignedAt: row.cosigned_at,
  dueAt: row.due_at,
  late: isLate({ status: row.status, dueAt: row.due_at }, now),
  addendumCount: Number(row.addendum_count),
  version: row.version,
});
