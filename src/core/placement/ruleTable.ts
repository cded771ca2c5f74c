import { LEVELS_OF_CARE, type LevelOfCare, levelRank } from '../care/levels.js';
import type { FieldError } from '../errors/domainError.js';

/**
 * The placement rule table of SPEC §3: for each of six dimensions, the minimum level of care each
 * rating 0–4 requires, and the withdrawal-management (WM) need some ratings carry. Clinics may edit
 * the table; every placement records the version it used, so a stored result can be explained later.
 */

export const DIMENSION_IDS = ['d1', 'd2', 'd3', 'd4', 'd5', 'd6'] as const;
export type Dimension = (typeof DIMENSION_IDS)[number];

export const RATINGS = [0, 1, 2, 3, 4] as const;
export type Rating = (typeof RATINGS)[number];

export const isRating = (value: unknown): value is Rating =>
  typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 4;

export interface DimensionInfo {
  id: Dimension;
  number: 1 | 2 | 3 | 4 | 5 | 6;
  /** Sentence-case label used in rationale prose, e.g. "Readiness to change (dimension 4) rated 2". */
  label: string;
}

export const DIMENSIONS: Readonly<Record<Dimension, DimensionInfo>> = {
  d1: { id: 'd1', number: 1, label: 'Intoxication and withdrawal potential' },
  d2: { id: 'd2', number: 2, label: 'Biomedical conditions' },
  d3: { id: 'd3', number: 3, label: 'Emotional, behavioural or cognitive conditions' },
  d4: { id: 'd4', number: 4, label: 'Readiness to change' },
  d5: { id: 'd5', number: 5, label: 'Relapse or continued-use potential' },
  d6: { id: 'd6', number: 6, label: 'Recovery and living environment' },
};

/** Least to most intensive. */
export const WITHDRAWAL_MANAGEMENT_LEVELS = [
  'none',
  'ambulatory',
  'medically_monitored',
  'medically_managed',
] as const;
export type WithdrawalManagement = (typeof WITHDRAWAL_MANAGEMENT_LEVELS)[number];

export const withdrawalRank = (wm: WithdrawalManagement): number => WITHDRAWAL_MANAGEMENT_LEVELS.indexOf(wm);

export const WITHDRAWAL_MANAGEMENT_LABELS: Record<WithdrawalManagement, string> = {
  none: 'no withdrawal management',
  ambulatory: 'ambulatory withdrawal management',
  medically_monitored: 'medically monitored withdrawal management',
  medically_managed: 'medically managed withdrawal management',
};

/**
 * The least intensive level that can deliver each WM need. SPEC §3's hard rule: monitored or managed
 * WM excludes IOP; monitored WM needs 24-hour nursing (RES), managed WM needs a hospital (INP).
 */
export const WITHDRAWAL_FLOOR: Record<WithdrawalManagement, LevelOfCare> = {
  none: 'OP',
  ambulatory: 'OP',
  medically_monitored: 'RES',
  medically_managed: 'INP',
};

export interface RuleCell {
  level: LevelOfCare;
  withdrawalManagement?: WithdrawalManagement;
}

/** One cell per rating, index = rating. */
export type RuleRow = [RuleCell, RuleCell, RuleCell, RuleCell, RuleCell];

export interface PlacementRuleTable {
  version: string;
  rows: Record<Dimension, RuleRow>;
}

const deepFreeze = <T>(value: T): T => {
  if (typeof value === 'object' && value !== null) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
};

const cell = (level: LevelOfCare, withdrawalManagement?: WithdrawalManagement): RuleCell =>
  withdrawalManagement ? { level, withdrawalManagement } : { level };

/** SPEC §3 default table, verbatim. Frozen because every caller shares it. */
export const DEFAULT_RULE_TABLE: PlacementRuleTable = deepFreeze({
  version: 'default-2026-11',
  rows: {
    d1: [
      cell('OP'),
      cell('OP', 'ambulatory'),
      cell('IOP', 'ambulatory'),
      cell('RES', 'medically_monitored'),
      cell('INP', 'medically_managed'),
    ],
    d2: [cell('OP'), cell('OP'), cell('IOP'), cell('RES'), cell('INP')],
    d3: [cell('OP'), cell('OP'), cell('IOP'), cell('PHP'), cell('INP')],
    d4: [cell('OP'), cell('OP'), cell('IOP'), cell('IOP'), cell('IOP')],
    d5: [cell('OP'), cell('OP'), cell('IOP'), cell('PHP'), cell('RES')],
    d6: [cell('OP'), cell('OP'), cell('IOP'), cell('PHP'), cell('RES')],
  },
});

export const MAX_VERSION_LENGTH = 64;

export type RuleTableValidation =
  { ok: true; table: PlacementRuleTable } | { ok: false; fields: FieldError[] };

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const isLevel = (value: unknown): value is LevelOfCare =>
  typeof value === 'string' && (LEVELS_OF_CARE as readonly string[]).includes(value);

const isWithdrawal = (value: unknown): value is WithdrawalManagement =>
  typeof value === 'string' && (WITHDRAWAL_MANAGEMENT_LEVELS as readonly string[]).includes(value);

const validateCell = (path: string, dimension: Dimension, input: unknown, errors: FieldError[]) => {
  if (!isRecord(input)) {
    errors.push({ field: path, message: 'must be an object with a level' });
    return null;
  }
  let ok = true;
  for (const key of Object.keys(input)) {
    if (key !== 'level' && key !== 'withdrawalManagement') {
      errors.push({ field: `${path}/${key}`, message: 'is not a known property' });
      ok = false;
    }
  }
  if (!isLevel(input.level)) {
    errors.push({ field: `${path}/level`, message: `must be one of ${LEVELS_OF_CARE.join(', ')}` });
    ok = false;
  }
  const wm = input.withdrawalManagement;
  if (wm !== undefined && !isWithdrawal(wm)) {
    errors.push({
      field: `${path}/withdrawalManagement`,
      message: `must be one of ${WITHDRAWAL_MANAGEMENT_LEVELS.join(', ')}`,
    });
    ok = false;
  }
  // Readiness is never a withdrawal finding, and a WM need on d4 would let low readiness alone force
  // a more intensive level through the WM hard rule (SPEC §3 forbids that).
  if (dimension === 'd4' && wm !== undefined && wm !== 'none') {
    errors.push({
      field: `${path}/withdrawalManagement`,
      message: 'readiness to change does not set a withdrawal-management need',
    });
    ok = false;
  }
  if (!ok || !isLevel(input.level)) return null;
  return cell(input.level, isWithdrawal(wm) && wm !== 'none' ? wm : undefined);
};

const validateRow = (dimension: Dimension, input: unknown, errors: FieldError[]): RuleRow | null => {
  const path = `/rows/${dimension}`;
  if (input === undefined) {
    errors.push({ field: path, message: 'is missing' });
    return null;
  }
  if (!Array.isArray(input) || input.length !== RATINGS.length) {
    errors.push({ field: path, message: 'must list exactly 5 cells, for ratings 0 to 4' });
    return null;
  }
  const cells = (input as unknown[]).map((c, rating) =>
    validateCell(`${path}/${rating}`, dimension, c, errors),
  );
  for (let rating = 1; rating < cells.length; rating++) {
    const previous = cells[rating - 1];
    const current = cells[rating];
    if (!previous || !current) continue;
    if (levelRank(current.level) < levelRank(previous.level)) {
      errors.push({
        field: `${path}/${rating}`,
        message: `level ${current.level} is lower than ${previous.level} at rating ${rating - 1}; a row may not decrease`,
      });
    }
    const wmBefore = previous.withdrawalManagement ?? 'none';
    const wmNow = current.withdrawalManagement ?? 'none';
    if (withdrawalRank(wmNow) < withdrawalRank(wmBefore)) {
      errors.push({
        field: `${path}/${rating}/withdrawalManagement`,
        message: `${wmNow} is lower than ${wmBefore} at rating ${rating - 1}; a row may not decrease`,
      });
    }
  }
  if (cells.some((c) => c === null)) return null;
  return cells as RuleRow;
};

/** Checks an admin-edited table (SPEC §3: known levels, six full rows, each non-decreasing). */
export const validateRuleTable = (input: unknown): RuleTableValidation => {
  if (!isRecord(input)) return { ok: false, fields: [{ field: '/', message: 'must be an object' }] };
  const errors: FieldError[] = [];
  const { version, rows } = input;
  if (typeof version !== 'string' || version.trim() === '') {
    errors.push({ field: '/version', message: 'must be a non-empty string' });
  } else if (version.length > MAX_VERSION_LENGTH) {
    errors.push({ field: '/version', message: `must be at most ${MAX_VERSION_LENGTH} characters` });
  }
  for (const key of Object.keys(input)) {
    if (key !== 'version' && key !== 'rows')
      errors.push({ field: `/${key}`, message: 'is not a known property' });
  }
  if (!isRecord(rows)) {
    errors.push({ field: '/rows', message: 'must be an object with rows d1 to d6' });
    return { ok: false, fields: errors };
  }
  for (const key of Object.keys(rows)) {
    if (!(DIMENSION_IDS as readonly string[]).includes(key)) {
      errors.push({ field: `/rows/${key}`, message: 'is not a known dimension (d1 to d6)' });
    }
  }
  const validRows: Partial<Record<Dimension, RuleRow>> = {};
  for (const dimension of DIMENSION_IDS) {
    const row = validateRow(dimension, rows[dimension], errors);
    if (row) validRows[dimension] = row;
  }
  if (errors.length > 0 || typeof version !== 'string') return { ok: false, fields: errors };
  return { ok: true, table: { version, rows: validRows as Record<Dimension, RuleRow> } };
};
