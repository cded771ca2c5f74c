import type {
  Diagnosis,
  OverdoseSafetyRecord,
  PaperworkChecklist,
  PaperworkEntry,
} from '../../core/api/admission.js';
import type { DiagnosisStatus } from '../../core/diagnoses/validate.js';
import type { Severity } from '../../core/diagnoses/severity.js';
import type { Specifier } from '../../core/diagnoses/specifiers.js';
import type { Substance } from '../../core/diagnoses/substances.js';
import {
  PAPERWORK_ITEMS,
  PAPERWORK_LABELS,
  type PaperworkStatus,
  paperworkGate,
} from '../../core/intake/paperwork.js';

/** Staff-facing presenters of the admission checklist, diagnoses and overdose safety: every field is named. */

export interface PaperworkRow {
  item: string;
  status: string;
  waived_reason: string | null;
  recorded_by: string;
  recorded_by_name: string;
  recorded_at: string;
}

/** Every checklist item in order; an item never recorded is pending. */
export const presentChecklist = (patientId: string, rows: readonly PaperworkRow[]): PaperworkChecklist => {
  const byItem = new Map(rows.map((r) => [r.item, r]));
  const items = PAPERWORK_ITEMS.map((item): PaperworkEntry => {
    const row = byItem.get(item);
    return {
      item,
      label: PAPERWORK_LABELS[item],
      status: (row?.status as PaperworkStatus | undefined) ?? 'pending',
      waivedReason: row?.waived_reason ?? null,
      recordedBy: row ? { id: row.recorded_by, displayName: row.recorded_by_name } : null,
      recordedAt: row?.recorded_at ?? null,
    };
  });
  const gate = paperworkGate(
    rows.map((r) => ({ item: r.item, status: r.status, waivedReason: r.waived_reason })),
  );
  return { patientId, items, complete: gate.complete, missing: gate.missing };
};

export interface DiagnosisRow {
  id: string;
  patient_id: string;
  substance: string;
  icd10_code: string;
  dsm5_criteria: number;
  severity: string;
  specifiers: string;
  diagnosed_on: string;
  diagnosed_by: string;
  diagnosed_by_name: string;
  status: string;
  status_reason: string | null;
  created_at: string;
  updated_at: string;
  version: number;
}

export const parseSpecifiers = (json: string): Specifier[] => {
  const value: unknown = JSON.parse(json);
  return Array.isArray(value) ? value.filter((v): v is Specifier => typeof v === 'string') : [];
};

export const presentDiagnosis = (row: DiagnosisRow): Diagnosis => ({
  id: row.id,
  patientId: row.patient_id,
  substance: row.substance as Substance,
  icd10Code: row.icd10_code,
  dsm5Criteria: Number(row.dsm5_criteria),
  severity: row.severity as Severity,
  specifiers: parseSpecifiers(row.specifiers),
  diagnosedOn: row.diagnosed_on,
  diagnosedBy: { id: row.diagnosed_by, displayName: row.diagnosed_by_name },
  status: row.status as DiagnosisStatus,
  statusReason: row.status_reason,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
  version: Number(row.version),
});

export interface OverdoseSafetyRow {
  naloxone_status: string;
  education_given_on: string | null;
  updated_by: string;
  updated_by_name: string;
  updated_at: string;
  version: number;
}

export const presentOverdoseSafety = (row: OverdoseSafetyRow): OverdoseSafetyRecord => ({
  naloxoneStatus: row.naloxone_status as OverdoseSafetyRecord['naloxoneStatus'],
  educationGivenOn: row.education_given_on,
  updatedBy: { id: row.updated_by, displayName: row.updated_by_name },
  updatedAt: row.updated_at,
  version: Number(row.version),
});
