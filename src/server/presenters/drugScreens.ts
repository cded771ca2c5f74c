import type { DrugScreen, DrugScreenVersion } from '../../core/api/drugScreens.js';
import type { ScreenInterpretation } from '../../core/screens/interpretScreen.js';
import { ANALYTE_RESULTS, type AnalyteResultEntry, isAnalyte } from '../../core/screens/analytes.js';
import { panelByCode, SCREEN_METHODS, SPECIMENS } from '../../core/screens/panels.js';
import type { DrugScreensTable } from '../../db/schema.js';

export type DrugScreenRow = DrugScreensTable & { recorded_by_name: string };

const EMPTY_READING: ScreenInterpretation = {
  specimenRefused: false,
  unexpectedPositives: [],
  explainedPositives: [],
  expectedNegatives: [],
  notTested: [],
  specimenIssues: [],
  needsReview: false,
};

const parse = (json: string): unknown => {
  try {
    return JSON.parse(json);
  } catch {
    return null;
  }
};

const isResult = (value: unknown): value is AnalyteResultEntry => {
  if (typeof value !== 'object' || value === null) return false;
  const { analyte, result } = value as { analyte?: unknown; result?: unknown };
  return (
    typeof analyte === 'string' &&
    isAnalyte(analyte) &&
    typeof result === 'string' &&
    (ANALYTE_RESULTS as readonly string[]).includes(result)
  );
};

const INTERPRETATION_LISTS = [
  'unexpectedPositives',
  'explainedPositives',
  'expectedNegatives',
  'notTested',
  'specimenIssues',
] as const;

/** The stored reading is the server's own writing, so its shape is checked, not each entry. */
const isInterpretation = (value: unknown): value is ScreenInterpretation => {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return (
    typeof record.needsReview === 'boolean' &&
    typeof record.specimenRefused === 'boolean' &&
    INTERPRETATION_LISTS.every((key) => Array.isArray(record[key]))
  );
};

/** Stored JSON is the server's own writing; anything unreadable shows as nothing rather than failing the chart. */
export const resultsOf = (json: string): AnalyteResultEntry[] => {
  const value = parse(json);
  return Array.isArray(value) ? value.filter(isResult) : [];
};

const interpretationOf = (json: string): ScreenInterpretation => {
  const value = parse(json);
  return isInterpretation(value) ? value : EMPTY_READING;
};

const presentVersion = (row: DrugScreenRow): DrugScreenVersion => ({
  id: row.id,
  collectedOn: row.collected_on,
  specimen: SPECIMENS.find((s) => s === row.specimen) ?? 'urine',
  panel: row.panel,
  panelName: panelByCode(row.panel)?.name ?? row.panel,
  method: SCREEN_METHODS.find((m) => m === row.method) ?? 'presumptive',
  refused: row.refused === 1,
  results: resultsOf(row.results),
  notes: row.notes,
  interpretation: interpretationOf(row.interpretation),
  correctionReason: row.correction_reason,
  recordedBy: { id: row.recorded_by, displayName: row.recorded_by_name },
  recordedAt: row.recorded_at,
});

/** The versions a row corrects, newest first, following each correction back to the first record. */
const chainBefore = (row: DrugScreenRow, byId: ReadonlyMap<string, DrugScreenRow>): DrugScreenRow[] => {
  const chain: DrugScreenRow[] = [];
  let previous = row.corrects_id ? byId.get(row.corrects_id) : undefined;
  while (previous && chain.length < byId.size) {
    chain.push(previous);
    previous = previous.corrects_id ? byId.get(previous.corrects_id) : undefined;
  }
  return chain;
};

/**
 * Folds a patient's screen rows into screens: each chain of corrections becomes its current version
 * with the earlier ones as history, and laboratory confirmations are linked both ways.
 */
export const presentDrugScreens = (rows: readonly DrugScreenRow[]): DrugScreen[] => {
  const corrected = new Set(rows.flatMap((r) => (r.corrects_id ? [r.corrects_id] : [])));
  const current = rows.filter((r) => !corrected.has(r.id));
  const byOriginal = new Map(current.map((r) => [r.original_id, r]));
  const byId = new Map(rows.map((r) => [r.id, r]));
  return current
    .map((row) => {
      const confirms = row.confirms_id ? byOriginal.get(row.confirms_id) : undefined;
      return {
        ...presentVersion(row),
        patientId: row.patient_id,
        originalId: row.original_id,
        confirms: row.confirms_id
          ? { originalId: row.confirms_id, collectedOn: confirms?.collected_on ?? row.collected_on }
          : null,
        confirmedBy: current
          .filter((c) => c.confirms_id === row.original_id)
          .map((c) => ({ id: c.id, collectedOn: c.collected_on })),
        history: chainBefore(row, byId).map(presentVersion),
      };
    })
    .sort((a, b) => b.collectedOn.localeCompare(a.collectedOn) || b.recordedAt.localeCompare(a.recordedAt));
};
