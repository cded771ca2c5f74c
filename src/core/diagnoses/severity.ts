/**
 * DSM-5 severity of a substance use disorder from the number of its 11 criteria met within a
 * 12-month period: 2–3 mild, 4–5 moderate, 6 or more severe. Fewer than 2 is not a use disorder.
 * For a disorder in remission, the count is of the criteria met when it was last active (DSM-5
 * codes a disorder in remission by that severity).
 */
export const DSM5_CRITERIA_MAX = 11;
/** The fewest criteria that make a use disorder. */
export const DSM5_CRITERIA_MIN = 2;

export const SEVERITIES = ['mild', 'moderate', 'severe'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const SEVERITY_LABELS: Readonly<Record<Severity, string>> = {
  mild: 'Mild',
  moderate: 'Moderate',
  severe: 'Severe',
};

/** The severity for a count of criteria, or null when the count is not a use disorder (or not a count). */
export const severityFromCriteria = (criteria: number): Severity | null => {
  if (!Number.isInteger(criteria) || criteria < DSM5_CRITERIA_MIN || criteria > DSM5_CRITERIA_MAX)
    return null;
  if (criteria >= 6) return 'severe';
  if (criteria >= 4) return 'moderate';
  return 'mild';
};
