import { isAlertSeverity } from '../../core/alerts/severity.js';
import type {
  Instrument,
  MeasureResponse,
  RaisedFlag,
  RiskLevel,
  SafetyAssessment,
  SafetyOutcome,
} from '../../core/api/measures.js';
import {
  type InstrumentDefinition,
  type Sex,
  SCREEN_NEGATIVE,
  SCREEN_POSITIVE,
  bandOf,
  totalRange,
} from '../../core/measures/index.js';
import type { MeasureResponsesTable, SafetyAssessmentsTable } from '../../db/schema.js';

/** Staff-facing presenters of instruments, responses and safety assessments: every field is named. */

export const presentInstrument = (def: InstrumentDefinition): Instrument => ({
  code: def.code,
  version: def.version,
  name: def.name,
  shortName: def.shortName,
  description: def.description,
  lookbackPeriod: def.lookbackPeriod,
  loincTotal: def.loinc?.total ?? null,
  needsSex: def.scoring.sexSpecificPositive !== undefined,
  totalRange: def.scoring.total ? totalRange(def) : null,
  bands: (def.scoring.bands ?? []).map((b) => ({ key: b.key, label: b.label, min: b.min, max: b.max })),
  subscales: (def.scoring.subscales ?? []).map((s) => ({ key: s.key, label: s.label, items: [...s.items] })),
  // Rules sharing a key are alternatives of one flag: list each flag once.
  flags: [
    ...new Map(
      (def.scoring.flags ?? []).map((f) => [f.key, { key: f.key, label: f.label, severity: f.severity }]),
    ).values(),
  ],
  items: def.items.map((item) => ({
    number: item.number,
    key: item.key,
    text: item.text,
    options: item.options.map((o) => ({ value: o.value, label: o.label })),
    reverseScored: item.reverseScored === true,
  })),
});

const parseJson = (text: string | null): unknown => {
  if (text === null) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
};

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export const parseFlags = (text: string): RaisedFlag[] => {
  const value = parseJson(text);
  if (!Array.isArray(value)) return [];
  return value.flatMap((f: unknown) =>
    isRecord(f) &&
    typeof f.key === 'string' &&
    typeof f.label === 'string' &&
    typeof f.severity === 'string' &&
    isAlertSeverity(f.severity)
      ? [{ key: f.key, label: f.label, severity: f.severity }]
      : [],
  );
};

export const parseSubscales = (text: string | null): Record<string, number> | null => {
  const value = parseJson(text);
  if (!isRecord(value)) return null;
  return Object.fromEntries(
    Object.entries(value).filter((entry): entry is [string, number] => typeof entry[1] === 'number'),
  );
};

const isSex = (value: string | null): value is Sex => value === 'male' || value === 'female';

/** The band a stored total fell in, labelled by the instrument edition that is built in today. */
export const bandRef = (
  def: InstrumentDefinition | undefined,
  key: string | null,
  total: number | null,
): { key: string; label: string } | null => {
  if (key === null) return null;
  if (key === SCREEN_POSITIVE.key) return { ...SCREEN_POSITIVE };
  if (key === SCREEN_NEGATIVE.key) return { ...SCREEN_NEGATIVE };
  const band =
    def?.scoring.bands?.find((b) => b.key === key) ??
    (total !== null && def ? bandOf(def, total) : undefined);
  return { key, label: band?.label ?? key };
};

export interface ResponseRow extends MeasureResponsesTable {
  administered_by_name: string | null;
}

export interface ResponseItemRow {
  response_id: string;
  item_number: number;
  answer: number;
  score: number;
}

export const presentMeasureResponse = (
  row: ResponseRow,
  def: InstrumentDefinition | undefined,
  items: readonly ResponseItemRow[],
): MeasureResponse => ({
  id: row.id,
  patientId: row.patient_id,
  instrument: row.instrument_code,
  shortName: def?.shortName ?? row.instrument_code,
  instrumentVersion: row.instrument_version,
  total: row.total,
  band: bandRef(def, row.band, row.total),
  subscales: parseSubscales(row.subscales),
  flags: parseFlags(row.flags),
  sex: isSex(row.sex) ? row.sex : null,
  source: row.source === 'portal' ? 'portal' : 'staff',
  administeredAt: row.administered_at,
  administeredBy:
    row.administered_by !== null
      ? { id: row.administered_by, displayName: row.administered_by_name ?? 'Former staff member' }
      : null,
  createdAt: row.created_at,
  items: items.map((i) => ({ number: i.item_number, answer: i.answer, score: i.score })),
});

export interface SafetyAssessmentRow extends SafetyAssessmentsTable {
  documented_by_name: string;
}

export const presentSafetyAssessment = (row: SafetyAssessmentRow): SafetyAssessment => ({
  id: row.id,
  patientId: row.patient_id,
  alertId: row.alert_id,
  outcome: row.outcome as SafetyOutcome,
  riskLevel: row.risk_level as RiskLevel | null,
  assessment: row.assessment,
  safetyPlan: row.safety_plan,
  emergencyAction: row.emergency_action,
  documentedBy: { id: row.documented_by, displayName: row.documented_by_name },
  documentedAt: row.documented_at,
});
