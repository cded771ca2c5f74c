import { DomainError } from '../errors/domainError.js';

/** DSM-5 SUD severity from the number of the 11 criteria met in the past 12 months (SPEC §3). */
export type SudSeverity = 'none' | 'mild' | 'moderate' | 'severe';

export const DSM5_CRITERIA_MAX = 11;

export const isCriteriaCount = (count: unknown): count is number =>
  typeof count === 'number' && Number.isInteger(count) && count >= 0 && count <= DSM5_CRITERIA_MAX;

/** 0–1 none (no SUD), 2–3 mild, 4–5 moderate, 6+ severe. */
export const severityFromCriteria = (count: number): SudSeverity => {
  if (!isCriteriaCount(count)) {
    throw new DomainError(
      'VALIDATION_FAILED',
      'The DSM-5 criteria count must be a whole number from 0 to 11.',
      {
        fields: [{ field: '/dsm5Criteria', message: 'must be a whole number from 0 to 11' }],
      },
    );
  }
  if (count >= 6) return 'severe';
  if (count >= 4) return 'moderate';
  if (count >= 2) return 'mild';
  return 'none';
};
