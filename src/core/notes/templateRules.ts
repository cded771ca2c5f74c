import type { Role, StaffRole } from '../access/roles.js';
import type { FieldError } from '../errors/domainError.js';
import type { NoteSection } from './noteTypes.js';

/** Who edits the clinic's note templates (as for plan templates): administrators, directors, supervisors. */
export const NOTE_TEMPLATE_EDITORS: readonly StaffRole[] = [
  'admin',
  'program_director',
  'clinical_supervisor',
];

export const mayEditNoteTemplates = (role: Role): boolean =>
  (NOTE_TEMPLATE_EDITORS as readonly Role[]).includes(role);

const KEY = /^[a-z][a-z0-9_]{0,39}$/;

/**
 * A template's sections as the clinic edits them: labels and hints freely; keys stable (a note's body
 * is stored by key), unique, and at least one section. A section removed from the template stays
 * readable in the notes that have it.
 */
export const templateSectionProblems = (sections: readonly NoteSection[]): FieldError[] => {
  const problems: FieldError[] = [];
  if (sections.length === 0) problems.push({ field: '/sections', message: 'must have at least one section' });
  const seen = new Set<string>();
  sections.forEach((section, i) => {
    if (!KEY.test(section.key))
      problems.push({
        field: `/sections/${i}/key`,
        message: 'must be lower-case letters, digits or _ (start with a letter)',
      });
    else if (seen.has(section.key)) problems.push({ field: `/sections/${i}/key`, message: 'is used twice' });
    seen.add(section.key);
    if (section.label.trim() === '')
      problems.push({ field: `/sections/${i}/label`, message: 'must not be empty' });
  });
  return problems;
};

/** A key for a new section from its label: "Risk review" → "risk_review". */
export const sectionKeyFrom = (label: string, taken: readonly string[]): string => {
  const base =
    label
      .toLowerCase()
      .normalize('NFD')
      .replace(/\p{M}/gu, '')
      .replace(/[^a-z0-9]+/g, '_')
      .replace(/^[^a-z]+|_+$/g, '')
      .slice(0, 32) || 'section';
  let key = base;
  for (let n = 2; taken.includes(key); n += 1) key = `${base}_${n}`;
  return key;
};
