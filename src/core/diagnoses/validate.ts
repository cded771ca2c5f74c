import type { FieldError } from '../errors/domainError.js';
import { isRealDate } from '../runtime.js';
import { checkCode, normalizeCode } from './icd10.js';
import { DSM5_CRITERIA_MAX, DSM5_CRITERIA_MIN, type Severity, severityFromCriteria } from './severity.js';
import { checkSpecifiers, type Specifier } from './specifiers.js';
import type { Substance } from './substances.js';

export const DIAGNOSIS_STATUSES = ['active', 'resolved', 'entered_in_error'] as const;
export type DiagnosisStatus = (typeof DIAGNOSIS_STATUSES)[number];

export const DIAGNOSIS_STATUS_LABELS: Readonly<Record<DiagnosisStatus, string>> = {
  active: 'Active',
  resolved: 'Resolved',
  entered_in_error: 'Entered in error',
};

export interface DiagnosisInput {
  substance: Substance;
  icd10Code: string;
  dsm5Criteria: number;
  specifiers: readonly Specifier[];
  diagnosedOn: string;
}

export type DiagnosisCheck =
  { ok: true; code: string; severity: Severity } | { ok: false; fields: FieldError[] };

/**
 * Checks a new diagnosis: a use disorder (2 or more of the 11 DSM-5 criteria), specifiers that go
 * together, a code that agrees with the substance, severity and remission, and a real date that is
 * not after `today` (the site's calendar date).
 */
export const checkDiagnosis = (input: DiagnosisInput, today: string): DiagnosisCheck => {
  const fields: FieldError[] = [];
  const severity = severityFromCriteria(input.dsm5Criteria);
  if (severity === null)
    fields.push({
      field: '/dsm5Criteria',
      message:
        input.dsm5Criteria < DSM5_CRITERIA_MIN && input.dsm5Criteria >= 0
          ? `fewer than ${DSM5_CRITERIA_MIN} of the DSM-5 criteria is not a use disorder`
          : `must be a whole number from ${DSM5_CRITERIA_MIN} to ${DSM5_CRITERIA_MAX}`,
    });
  fields.push(...checkSpecifiers(input.substance, input.specifiers));
  if (severity !== null)
    fields.push(...checkCode(input.substance, input.icd10Code, severity, input.specifiers));
  if (!isRealDate(input.diagnosedOn))
    fields.push({ field: '/diagnosedOn', message: 'is not a real calendar date' });
  else if (input.diagnosedOn > today)
    fields.push({ field: '/diagnosedOn', message: 'cannot be in the future' });
  if (fields.length > 0 || severity === null) return { ok: false, fields };
  return { ok: true, code: normalizeCode(input.icd10Code), severity };
};

/** Why a status change cannot be made, or null when it can. */
export const statusChangeRefusal = (from: DiagnosisStatus, to: DiagnosisStatus): string | null => {
  if (from === 'entered_in_error')
    return 'A diagnosis marked entered in error stays so; record a new diagnosis instead.';
  if (from === to) return `The diagnosis is already ${DIAGNOSIS_STATUS_LABELS[to].toLowerCase()}.`;
  return null;
};
