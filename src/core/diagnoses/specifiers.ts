import type { FieldError } from '../errors/domainError.js';
import type { Substance } from './substances.js';

/** DSM-5 course specifiers of a substance use disorder. */
export const SPECIFIERS = [
  'in_early_remission',
  'in_sustained_remission',
  'in_controlled_environment',
  'on_maintenance_therapy',
] as const;
export type Specifier = (typeof SPECIFIERS)[number];

export const SPECIFIER_LABELS: Readonly<Record<Specifier, string>> = {
  in_early_remission: 'In early remission',
  in_sustained_remission: 'In sustained remission',
  in_controlled_environment: 'In a controlled environment',
  on_maintenance_therapy: 'On maintenance therapy',
};

/** DSM-5 offers "on maintenance therapy" only for opioid and tobacco use disorders (agonist or replacement medication). */
export const MAINTENANCE_SUBSTANCES: readonly Substance[] = ['opioid', 'nicotine'];

export const isSpecifier = (value: string): value is Specifier =>
  (SPECIFIERS as readonly string[]).includes(value);

export const inRemission = (specifiers: readonly string[]): boolean =>
  specifiers.includes('in_early_remission') || specifiers.includes('in_sustained_remission');

/** Specifiers that cannot go together or do not apply to the substance. */
export const checkSpecifiers = (substance: Substance, specifiers: readonly Specifier[]): FieldError[] => {
  const fields: FieldError[] = [];
  if (new Set(specifiers).size !== specifiers.length)
    fields.push({ field: '/specifiers', message: 'lists a specifier twice' });
  if (specifiers.includes('in_early_remission') && specifiers.includes('in_sustained_remission'))
    fields.push({
      field: '/specifiers',
      message:
        'cannot be both in early remission (3–12 months) and in sustained remission (12 months or more)',
    });
  if (specifiers.includes('on_maintenance_therapy') && !MAINTENANCE_SUBSTANCES.includes(substance))
    fields.push({
      field: '/specifiers',
      message: '"on maintenance therapy" applies to opioid and tobacco use disorders only',
    });
  return fields;
};
