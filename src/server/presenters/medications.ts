import type { Medication } from '../../core/api/medications.js';
import {
  type MatType,
  MAT_TYPES,
  type MedicationRoute,
  MEDICATION_ROUTES,
} from '../../core/medications/mat.js';
import { activeOn } from '../../core/medications/validate.js';
import { ANALYTE_INFO } from '../../core/screens/analytes.js';
import { analytesForMedication } from '../../core/screens/medicationAnalytes.js';
import type { MedicationsTable } from '../../db/schema.js';

export type MedicationRow = MedicationsTable & { recorded_by_name: string };

export const matTypeOf = (value: string | null): MatType | null => MAT_TYPES.find((t) => t === value) ?? null;
const routeOf = (value: string | null): MedicationRoute | null =>
  MEDICATION_ROUTES.find((r) => r === value) ?? null;

/** Staff-facing: every field that leaves the server is named here. `today` is the site's calendar date. */
export const presentMedication = (row: MedicationRow, today: string): Medication => {
  const matType = matTypeOf(row.mat_type);
  const screens = analytesForMedication({ name: row.name, matType });
  return {
    id: row.id,
    patientId: row.patient_id,
    name: row.name,
    dose: row.dose,
    route: routeOf(row.route),
    frequency: row.frequency,
    prescriberName: row.prescriber_name,
    prescriberOrganization: row.prescriber_organization,
    startedOn: row.started_on,
    stoppedOn: row.stopped_on,
    stopReason: row.stop_reason,
    matType,
    otpName: row.otp_name,
    notes: row.notes,
    active: activeOn({ startedOn: row.started_on, stoppedOn: row.stopped_on }, today),
    screensAs: {
      expected: screens.expected.map((a) => ANALYTE_INFO[a].code),
      explains: screens.explains.map((a) => ANALYTE_INFO[a].code),
    },
    recordedBy: { id: row.recorded_by, displayName: row.recorded_by_name },
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: row.version,
  };
};
