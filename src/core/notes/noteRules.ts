import type { FieldError } from '../errors/domainError.js';
import { SECTION_MAX_CHARS, type NoteSection } from './noteTypes.js';

/** Hours after the session a note is due, by default (SPEC §7). */
export const DEFAULT_NOTE_DUE_HOURS = 24;

/** A note is due this long after its session ended (or after it was started, with no session). */
export const noteDueAt = (sessionEndOrStart: Date, dueHours: number): Date =>
  new Date(sessionEndOrStart.getTime() + dueHours * 3_600_000);

export const isLate = (note: { status: string; dueAt: string | null }, now: Date): boolean =>
  note.status === 'draft' && note.dueAt !== null && note.dueAt < now.toISOString();

/** Whole hours since a note fell due (0 within its first hour late, and before it is due). */
export const hoursOverdue = (dueAt: string, now: Date): number =>
  Math.max(0, Math.floor((now.getTime() - new Date(dueAt).getTime()) / 3_600_000));

/** Section text problems on save: unknown sections and over-long text (saving a draft needs nothing else). */
export const sectionProblems = (
  sections: Readonly<Record<string, string>>,
  template: readonly NoteSection[],
  path = '/sections',
): FieldError[] => {
  const known = new Set(template.map((t) => t.key));
  return Object.entries(sections).flatMap(([key, text]) => {
    if (!known.has(key))
      return [{ field: `${path}/${key}`, message: 'is not a section of this note’s template' }];
    if (text.length > SECTION_MAX_CHARS)
      return [{ field: `${path}/${key}`, message: `must be at most ${SECTION_MAX_CHARS} characters` }];
    return [];
  });
};

/** Signing needs every section written: an empty section is usually a forgotten one. */
export const unsignableSections = (
  sections: Readonly<Record<string, string>>,
  template: readonly NoteSection[],
  path = '/sections',
): FieldError[] =>
  template
    .filter((t) => (sections[t.key] ?? '').trim() === '')
    .map((t) => ({
      field: `${path}/${t.key}`,
      message: `write the ${t.label.toLowerCase()} before signing`,
    }));
