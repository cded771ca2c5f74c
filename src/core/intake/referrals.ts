import { parseCsv } from './csv.js';
import {
  coverageProblems,
  type InquiryLanguage,
  type InquirySubstance,
  isCalendarDate,
  isEmail,
  isPhone,
  isPlausibleBirthDate,
  isSubstance,
  isUnitKind,
  LIMITS,
  MAX_AUTHORIZED_UNITS,
  type UnitKind,
} from './fields.js';
import { isPriorityPopulation, type PriorityPopulation } from './priority.js';

/**
 * Referrals sent as a spreadsheet (CSV): one referred person per row. The import is all or nothing,
 * so every row is checked first and each problem is reported with its row and column.
 */
export const REFERRAL_COLUMNS = [
  'first_name',
  'last_name',
  'date_of_birth',
  'phone',
  'email',
  'preferred_language',
  'referrer_name',
  'referrer_organization',
  'presenting_concern',
  'substances',
  'priority_population',
  'preferred_schedule',
  'contact_window',
  'voicemail_ok',
  'texts_ok',
  'name_clinic_ok',
  'consent_to_contact',
  'notes',
  'payer_name',
  'member_id',
  'authorization_number',
  'authorized_units',
  'unit_kind',
  'coverage_starts_on',
  'coverage_ends_on',
] as const;
export type ReferralColumn = (typeof REFERRAL_COLUMNS)[number];

/** Other names referral sources use for the same columns. */
const ALIASES: Readonly<Record<string, ReferralColumn>> = {
  first: 'first_name',
  given_name: 'first_name',
  last: 'last_name',
  surname: 'last_name',
  family_name: 'last_name',
  dob: 'date_of_birth',
  birth_date: 'date_of_birth',
  phone_number: 'phone',
  telephone: 'phone',
  email_address: 'email',
  language: 'preferred_language',
  referrer: 'referrer_name',
  referring_provider: 'referrer_name',
  referring_organization: 'referrer_organization',
  referral_source: 'referrer_organization',
  reason_for_referral: 'presenting_concern',
  priority: 'priority_population',
  payer: 'payer_name',
  insurance: 'payer_name',
  member_number: 'member_id',
  authorization: 'authorization_number',
  auth_number: 'authorization_number',
  units: 'authorized_units',
};

/** The most rows one import takes; larger files are split by the sender. */
export const MAX_REFERRAL_ROWS = 1000;

export interface ReferralCoverage {
  payerName: string;
  memberId: string | null;
  authorizationNumber: string | null;
  authorizedUnits: number | null;
  unitKind: UnitKind;
  startsOn: string | null;
  endsOn: string | null;
}

export interface ReferralValues {
  firstName: string;
  lastName: string | null;
  dateOfBirth: string | null;
  phone: string | null;
  email: string | null;
  preferredLanguage: InquiryLanguage;
  referrerName: string | null;
  referrerOrganization: string | null;
  presentingConcern: string | null;
  substances: InquirySubstance[];
  priorityPopulation: PriorityPopulation | null;
  preferredSchedule: string | null;
  contactWindow: string | null;
  voicemailOk: boolean;
  textsOk: boolean;
  nameClinicOk: boolean;
  consentToContact: boolean;
  notes: string | null;
  coverage: ReferralCoverage | null;
}

export interface ReferralRowError {
  column: ReferralColumn | null;
  message: string;
}

export interface ReferralRow {
  /** 1-based data row (the header is row 0), as a spreadsheet user counts them below the header. */
  row: number;
  /** Line in the file where the row starts. */
  line: number;
  /** What was read, as far as it could be: shown in the preview next to the row's errors. */
  values: ReferralValues;
  errors: ReferralRowError[];
}

export interface ReferralFile {
  /** Problems with the file as a whole (no header, unknown columns …); rows are not read then. */
  fileErrors: string[];
  columns: ReferralColumn[];
  rows: ReferralRow[];
}

export const normalizeHeader = (header: string): string =>
  header
    .trim()
    .toLowerCase()
    .replace(/[\s\-/.]+/g, '_')
    .replace(/[^a-z0-9_]/g, '');

const columnOf = (header: string): ReferralColumn | null => {
  const name = normalizeHeader(header);
  if ((REFERRAL_COLUMNS as readonly string[]).includes(name)) return name as ReferralColumn;
  return ALIASES[name] ?? null;
};

const YES = new Set(['yes', 'y', 'true', '1', 'x']);
const NO = new Set(['no', 'n', 'false', '0', '']);

/** `MM/DD/YYYY` (how US spreadsheets write dates) or `YYYY-MM-DD`, to `YYYY-MM-DD`. */
export const parseSheetDate = (value: string): string | null => {
  const us = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(value);
  const iso = us ? `${us[3]}-${us[1]?.padStart(2, '0')}-${us[2]?.padStart(2, '0')}` : value;
  return isCalendarDate(iso) ? iso : null;
};

const LANGUAGES: Readonly<Record<string, InquiryLanguage>> = {
  '': 'en',
  en: 'en',
  english: 'en',
  es: 'es',
  spanish: 'es',
  espanol: 'es',
  español: 'es',
};

interface RowReader {
  text(column: ReferralColumn, max: number): string | null;
  flag(column: ReferralColumn): boolean;
  errors: ReferralRowError[];
}

const rowReader = (cells: ReadonlyMap<ReferralColumn, string>): RowReader => {
  const errors: ReferralRowError[] = [];
  return {
    errors,
    text: (column, max) => {
      const value = (cells.get(column) ?? '').trim();
      if (value === '') return null;
      if (value.length > max) {
        errors.push({ column, message: `is longer than ${max} characters` });
        return null;
      }
      return value;
    },
    flag: (column) => {
      const value = (cells.get(column) ?? '').trim().toLowerCase();
      if (YES.has(value)) return true;
      if (!NO.has(value)) errors.push({ column, message: 'must be yes or no' });
      return false;
    },
  };
};

/** Reads one row's cells into values, collecting every problem instead of stopping at the first. */
const readValues = (
  cells: ReadonlyMap<ReferralColumn, string>,
  today: string,
): { values: ReferralValues; errors: ReferralRowError[] } => {
  const r = rowReader(cells);
  const { errors } = r;
  const firstName = r.text('first_name', LIMITS.name);
  if (firstName === null && !errors.some((e) => e.column === 'first_name'))
    errors.push({ column: 'first_name', message: 'is required' });
  const lastName = r.text('last_name', LIMITS.name);

  const dobText = r.text('date_of_birth', 10);
  let dateOfBirth: string | null = null;
  if (dobText !== null) {
    dateOfBirth = parseSheetDate(dobText);
    if (dateOfBirth === null || !isPlausibleBirthDate(dateOfBirth, today)) {
      errors.push({
        column: 'date_of_birth',
        message: 'must be a real past date (YYYY-MM-DD or MM/DD/YYYY)',
      });
      dateOfBirth = null;
    }
  }

  const phone = r.text('phone', LIMITS.phone);
  if (phone !== null && !isPhone(phone)) errors.push({ column: 'phone', message: 'is not a phone number' });
  const email = r.text('email', LIMITS.email);
  if (email !== null && !isEmail(email)) errors.push({ column: 'email', message: 'is not an email address' });
  if (phone === null && email === null && !errors.some((e) => e.column === 'phone' || e.column === 'email'))
    errors.push({ column: 'phone', message: 'give a phone number or an email address to reach the person' });

  const languageText = (cells.get('preferred_language') ?? '').trim().toLowerCase();
  const preferredLanguage = LANGUAGES[languageText];
  if (preferredLanguage === undefined)
    errors.push({ column: 'preferred_language', message: 'must be en (English) or es (Spanish)' });

  const referrerName = r.text('referrer_name', LIMITS.referrer);
  const referrerOrganization = r.text('referrer_organization', LIMITS.referrer);
  if (referrerName === null && referrerOrganization === null)
    errors.push({ column: 'referrer_organization', message: 'name who referred the person' });

  const substances: InquirySubstance[] = [];
  for (const part of (cells.get('substances') ?? '').split(/[;|]/)) {
    const value = part.trim().toLowerCase();
    if (value === '') continue;
    if (isSubstance(value)) {
      if (!substances.includes(value)) substances.push(value);
    } else {
      errors.push({ column: 'substances', message: `does not know "${value.slice(0, 40)}"` });
    }
  }

  const priorityText = (cells.get('priority_population') ?? '').trim().toLowerCase();
  let priorityPopulation: PriorityPopulation | null = null;
  if (priorityText !== '' && priorityText !== 'none') {
    if (isPriorityPopulation(priorityText)) priorityPopulation = priorityText;
    else
      errors.push({
        column: 'priority_population',
        message: 'must be pregnant, injecting_drug_use, pregnant_and_injecting or empty',
      });
  }

  const values = {
    firstName: firstName ?? '',
    lastName,
    dateOfBirth,
    phone,
    email,
    preferredLanguage: preferredLanguage ?? 'en',
    referrerName,
    referrerOrganization,
    presentingConcern: r.text('presenting_concern', LIMITS.presentingConcern),
    substances,
    priorityPopulation,
    preferredSchedule: r.text('preferred_schedule', LIMITS.preferredSchedule),
    contactWindow: r.text('contact_window', LIMITS.contactWindow),
    voicemailOk: r.flag('voicemail_ok'),
    textsOk: r.flag('texts_ok'),
    nameClinicOk: r.flag('name_clinic_ok'),
    consentToContact: r.flag('consent_to_contact'),
    notes: r.text('notes', LIMITS.notes),
    coverage: readCoverage(cells, r),
  } satisfies ReferralValues;
  return { values, errors };
};

const COVERAGE_COLUMNS: readonly ReferralColumn[] = [
  'payer_name',
  'member_id',
  'authorization_number',
  'authorized_units',
  'unit_kind',
  'coverage_starts_on',
  'coverage_ends_on',
];

const COVERAGE_FIELD_COLUMN: Readonly<Record<string, ReferralColumn>> = {
  payerName: 'payer_name',
  authorizedUnits: 'authorized_units',
  startsOn: 'coverage_starts_on',
  endsOn: 'coverage_ends_on',
};

const readCoverage = (cells: ReadonlyMap<ReferralColumn, string>, r: RowReader): ReferralCoverage | null => {
  if (COVERAGE_COLUMNS.every((c) => (cells.get(c) ?? '').trim() === '')) return null;
  const { errors } = r;
  const payerName = r.text('payer_name', LIMITS.payerName) ?? '';
  const unitsText = (cells.get('authorized_units') ?? '').trim();
  let authorizedUnits: number | null = null;
  if (unitsText !== '') {
    authorizedUnits = /^\d{1,6}$/.test(unitsText) ? Number(unitsText) : Number.NaN;
  }
  const unitText = (cells.get('unit_kind') ?? '').trim().toLowerCase();
  let unitKind: UnitKind = 'days';
  if (unitText !== '') {
    if (isUnitKind(unitText)) unitKind = unitText;
    else errors.push({ column: 'unit_kind', message: 'must be days, sessions, units or hours' });
  }
  const dateOf = (column: ReferralColumn): string | null => {
    const text = (cells.get(column) ?? '').trim();
    if (text === '') return null;
    const parsed = parseSheetDate(text);
    if (parsed === null) errors.push({ column, message: 'must be a real date (YYYY-MM-DD or MM/DD/YYYY)' });
    return parsed;
  };
  const startsOn = dateOf('coverage_starts_on');
  const endsOn = dateOf('coverage_ends_on');
  for (const problem of coverageProblems({
    payerName,
    authorizedUnits: authorizedUnits !== null && Number.isNaN(authorizedUnits) ? -1 : authorizedUnits,
    startsOn,
    endsOn,
  })) {
    const column = COVERAGE_FIELD_COLUMN[problem.field] ?? null;
    if (problem.field === 'payerName') {
      errors.push({ column, message: 'name the payer when giving coverage details' });
    } else if (problem.field === 'authorizedUnits') {
      errors.push({ column, message: `must be a whole number from 0 to ${MAX_AUTHORIZED_UNITS}` });
    } else {
      errors.push({ column, message: problem.message });
    }
  }
  return {
    payerName,
    memberId: r.text('member_id', LIMITS.memberId),
    authorizationNumber: r.text('authorization_number', LIMITS.authorizationNumber),
    authorizedUnits: authorizedUnits !== null && Number.isNaN(authorizedUnits) ? null : authorizedUnits,
    unitKind,
    startsOn,
    endsOn,
  };
};

/**
 * Reads a referral CSV: a header row naming columns (REFERRAL_COLUMNS or a known alias, any case),
 * then one person per row. `today` is the calendar date at the receiving site (birth dates after it
 * are refused).
 */
export const readReferralCsv = (text: string, today: string): ReferralFile => {
  const parsed = parseCsv(text);
  if (!parsed.ok) {
    return { fileErrors: [`Line ${parsed.line}: ${parsed.message}.`], columns: [], rows: [] };
  }
  const [header, ...records] = parsed.records;
  if (!header)
    return {
      fileErrors: ['The file is empty: it needs a header row and one row per person.'],
      columns: [],
      rows: [],
    };
  const fileErrors: string[] = [];
  const columns: (ReferralColumn | null)[] = header.fields.map(columnOf);
  header.fields.forEach((name, i) => {
    if (columns[i] === null && name.trim() !== '')
      fileErrors.push(`Unknown column "${name.trim().slice(0, 60)}".`);
  });
  const seen = new Set<ReferralColumn>();
  for (const column of columns) {
    if (column === null) continue;
    if (seen.has(column)) fileErrors.push(`The column ${column} appears twice.`);
    seen.add(column);
  }
  if (!seen.has('first_name')) fileErrors.push('The header has no first_name column.');
  if (records.length === 0) fileErrors.push('The file has a header but no rows.');
  if (records.length > MAX_REFERRAL_ROWS)
    fileErrors.push(`The file has ${records.length} rows; import at most ${MAX_REFERRAL_ROWS} at a time.`);
  const known = columns.filter((c): c is ReferralColumn => c !== null);
  if (fileErrors.length > 0) return { fileErrors, columns: known, rows: [] };

  const rows = records.map((record, index): ReferralRow => {
    const errors: ReferralRowError[] = [];
    if (record.fields.length !== header.fields.length) {
      errors.push({
        column: null,
        message: `has ${record.fields.length} fields where the header has ${header.fields.length}`,
      });
    }
    const cells = new Map<ReferralColumn, string>();
    columns.forEach((column, i) => {
      if (column !== null) cells.set(column, record.fields[i] ?? '');
    });
    const { values, errors: found } = readValues(cells, today);
    errors.push(...found);
    return { row: index + 1, line: record.line, values, errors };
  });
  return { fileErrors, columns: known, rows };
};
