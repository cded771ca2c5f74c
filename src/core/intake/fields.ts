/** Shared vocabularies and limits of intake records: the API schemas and the CSV import use the same. */
export const INQUIRY_SUBSTANCES = [
  'alcohol',
  'opioids',
  'stimulants',
  'cannabis',
  'sedatives',
  'hallucinogens',
  'inhalants',
  'tobacco',
  'other',
] as const;
export type InquirySubstance = (typeof INQUIRY_SUBSTANCES)[number];

export const SUBSTANCE_LABELS: Record<InquirySubstance, string> = {
  alcohol: 'Alcohol',
  opioids: 'Opioids',
  stimulants: 'Stimulants',
  cannabis: 'Cannabis',
  sedatives: 'Sedatives',
  hallucinogens: 'Hallucinogens',
  inhalants: 'Inhalants',
  tobacco: 'Tobacco or nicotine',
  other: 'Other',
};

export const isSubstance = (value: string): value is InquirySubstance =>
  (INQUIRY_SUBSTANCES as readonly string[]).includes(value);

/** What an authorization counts (SPEC §12 builds on it): treatment days by default. */
export const UNIT_KINDS = ['days', 'sessions', 'units', 'hours'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

export const isUnitKind = (value: string): value is UnitKind =>
  (UNIT_KINDS as readonly string[]).includes(value);

export const INQUIRY_LANGUAGES = ['en', 'es'] as const;
export type InquiryLanguage = (typeof INQUIRY_LANGUAGES)[number];

/** Maximum lengths, in characters. */
export const LIMITS = {
  name: 100,
  phone: 32,
  email: 254,
  contactWindow: 200,
  referrer: 200,
  presentingConcern: 2000,
  preferredSchedule: 100,
  notes: 4000,
  closeReason: 1000,
  payerName: 200,
  memberId: 64,
  authorizationNumber: 64,
  mrn: 32,
} as const;

/** The most units one authorization can carry: a generous bound that still catches typos. */
export const MAX_AUTHORIZED_UNITS = 10_000;

/** Same rule as the patient record's phone. */
export const PHONE_PATTERN = '^[0-9+()\\-. ]{7,32}$';
export const isPhone = (value: string): boolean => new RegExp(PHONE_PATTERN).test(value);

/** A pragmatic check: one @, something on each side, a dot in the domain, no spaces. */
export const isEmail = (value: string): boolean =>
  value.length <= LIMITS.email && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value);

/** A real calendar date `YYYY-MM-DD` (rejects 2026-02-30). */
export const isCalendarDate = (value: string): boolean => {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
};

/** A birth date people can have: real, not after today, not before 1900. */
export const isPlausibleBirthDate = (value: string, today: string): boolean =>
  isCalendarDate(value) && value <= today && value >= '1900-01-01';

export interface CoverageFacts {
  payerName: string;
  authorizedUnits: number | null;
  startsOn: string | null;
  endsOn: string | null;
}

/** What is wrong with a coverage entry, by field name; empty when nothing is. */
export const coverageProblems = (coverage: CoverageFacts): { field: string; message: string }[] => {
  const problems: { field: string; message: string }[] = [];
  if (coverage.payerName.trim() === '') problems.push({ field: 'payerName', message: 'name the payer' });
  const units = coverage.authorizedUnits;
  if (units !== null && (!Number.isInteger(units) || units < 0 || units > MAX_AUTHORIZED_UNITS)) {
    problems.push({
      field: 'authorizedUnits',
      message: `must be a whole number from 0 to ${MAX_AUTHORIZED_UNITS}`,
    });
  }
  for (const key of ['startsOn', 'endsOn'] as const) {
    const value = coverage[key];
    if (value !== null && !isCalendarDate(value))
      problems.push({ field: key, message: 'must be a real date' });
  }
  if (
    coverage.startsOn !== null &&
    coverage.endsOn !== null &&
    isCalendarDate(coverage.startsOn) &&
    isCalendarDate(coverage.endsOn) &&
    coverage.endsOn < coverage.startsOn
  ) {
    problems.push({ field: 'endsOn', message: 'must not be before the start date' });
  }
  return problems;
};
