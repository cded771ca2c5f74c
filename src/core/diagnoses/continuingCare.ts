/** What the continuing-care check needs of a diagnosis. */
export interface DiagnosisCourse {
  status: string;
  specifiers: readonly string[];
}

/**
 * Whether any active diagnosis is specified "in early remission" or "in a controlled environment":
 * the DSM-5 course specifiers under which placement considers continuing care for someone who meets
 * fewer than 2 criteria now (SPEC §3).
 */
export const continuingCareSpecifier = (diagnoses: readonly DiagnosisCourse[]): boolean =>
  diagnoses.some(
    (d) =>
      d.status === 'active' &&
      (d.specifiers.includes('in_early_remission') || d.specifiers.includes('in_controlled_environment')),
  );
