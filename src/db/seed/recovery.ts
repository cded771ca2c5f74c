import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { MatType, MedicationRoute } from '../../core/medications/mat.js';
import { calendarDateIn } from '../../core/runtime.js';
import type { Analyte } from '../../core/screens/analytes.js';
import { interpretScreen, medicationsOnCollectionDate } from '../../core/screens/interpretScreen.js';
import { analytesForMedication } from '../../core/screens/medicationAnalytes.js';
import { panelByCode } from '../../core/screens/panels.js';
import { recordAudit } from '../audit.js';
import type { Database, DrugScreensTable, MedicationsTable } from '../schema.js';
import { instantOn } from './common.js';
import { addDays } from './random.js';

interface DemoMedication {
  name: string;
  dose: string;
  route: MedicationRoute;
  frequency: string;
  matType: MatType | null;
  otpName?: string;
  /** Days before admission it was started. */
  startedBefore: number;
}

const SUBOXONE: DemoMedication = {
  name: 'Suboxone (buprenorphine/naloxone) 8 mg/2 mg film',
  dose: '8 mg/2 mg',
  route: 'sublingual',
  frequency: 'One film under the tongue once daily',
  matType: 'buprenorphine',
  startedBefore: 3,
};
const METHADONE: DemoMedication = {
  name: 'Methadone oral concentrate',
  dose: '90 mg',
  route: 'oral',
  frequency: 'Once daily, observed at the program',
  matType: 'methadone_otp',
  otpName: 'Capitol Region Opioid Treatment Program',
  startedBefore: 120,
};
const VIVITROL: DemoMedication = {
  name: 'Vivitrol (naltrexone extended-release) 380 mg',
  dose: '380 mg',
  route: 'intramuscular_injection',
  frequency: 'Every 4 weeks',
  matType: 'naltrexone_extended_release',
  startedBefore: 0,
};
const SERTRALINE: DemoMedication = {
  name: 'Sertraline 50 mg',
  dose: '50 mg',
  route: 'oral',
  frequency: 'Once daily',
  matType: null,
  startedBefore: 200,
};

/** Who gets what: the first opioid patients MAT (two buprenorphine, one methadone), the first alcohol patient Vivitrol. */
const PLAN: { substance: string; medications: DemoMedication[]; panel: string }[] = [
  { substance: 'opioid', medications: [SUBOXONE, SERTRALINE], panel: 'urine_cup_14' },
  { substance: 'opioid', medications: [SUBOXONE], panel: 'urine_cup_12' },
  { substance: 'opioid', medications: [METHADONE], panel: 'urine_cup_14' },
  { substance: 'alcohol', medications: [VIVITROL], panel: 'urine_cup_14' },
];

/**
 * Demo medications and weekly drug screens for a few admitted patients, every one read against the
 * medications like a recorded screen and every one as a patient doing well would give: prescribed
 * medications detected, nothing else. The unexpected results are left for people trying the demo.
 */
export const seedRecovery = async (kysely: Kysely<Database>, now: Date): Promise<void> => {
  const candidates = await kysely
    .selectFrom('diagnoses as d')
    .innerJoin('episodes as e', (j) =>
      j.onRef('e.patient_id', '=', 'd.patient_id').on('e.status', '=', 'open'),
    )
    .innerJoin('enrolment_segments as s', (j) =>
      j.onRef('s.episode_id', '=', 'e.id').on('s.end_on', 'is', null),
    )
    .innerJoin('sites as site', 'site.id', 'e.site_id')
    .select(['d.patient_id', 'd.substance', 'e.admitted_on', 's.primary_clinician_id', 'site.time_zone'])
    // The longest in care first: they have weeks of screens to show.
    .orderBy('e.admitted_on')
    .orderBy('d.patient_id')
    .execute();
  const medications: MedicationsTable[] = [];
  const screens: DrugScreensTable[] = [];
  const used = new Set<string>();
  for (const plan of PLAN) {
    // Admitted at least two days ago, so there is a first weekly screen to show.
    const patient = candidates.find(
      (c) =>
        c.substance === plan.substance &&
        !used.has(c.patient_id) &&
        addDays(c.admitted_on, 2) <= calendarDateIn(now, c.time_zone),
    );
    if (!patient) continue;
    used.add(patient.patient_id);
    const today = calendarDateIn(now, patient.time_zone);
    const own = plan.medications.map((m) => {
      const startedOn = addDays(patient.admitted_on, -m.startedBefore);
      const at = instantOn(patient.admitted_on, now, 40);
      const row: MedicationsTable = {
        id: randomUUID(),
        patient_id: patient.patient_id,
        name: m.name,
        dose: m.dose,
        route: m.route,
        frequency: m.frequency,
        prescriber_name: m.matType === 'methadone_otp' ? 'Dr. Lena Okafor' : 'Dr. Samuel Whitcomb',
        prescriber_organization:
          m.matType === 'methadone_otp' ? (m.otpName ?? null) : 'Riverbend Addiction Medicine',
        started_on: startedOn,
        stopped_on: null,
        stop_reason: null,
        stopped_by: null,
        mat_type: m.matType,
        otp_name: m.otpName ?? null,
        notes: null,
        removed_at: null,
        removed_by: null,
        removed_reason: null,
        recorded_by: patient.primary_clinician_id,
        created_at: at,
        updated_at: at,
        version: 1,
      };
      return row;
    });
    medications.push(...own);
    const forScreens = own.map((m, i) => ({
      id: m.id,
      name: m.name,
      matType: plan.medications[i]?.matType ?? null,
      startedOn: m.started_on,
      stoppedOn: null,
    }));
    const detected = new Set<Analyte>(forScreens.flatMap((m) => analytesForMedication(m).expected));
    const panel = panelByCode(plan.panel);
    if (!panel) continue;
    for (let day = 2; addDays(patient.admitted_on, day) <= today; day += 7) {
      const collectedOn = addDays(patient.admitted_on, day);
      const results = panel.analytes.map((analyte) => ({
        analyte,
        result: detected.has(analyte) ? ('positive' as const) : ('negative' as const),
      }));
      const reading = interpretScreen(
        { refused: false, results },
        medicationsOnCollectionDate(forScreens, collectedOn),
      );
      const id = randomUUID();
      screens.push({
        id,
        patient_id: patient.patient_id,
        original_id: id,
        corrects_id: null,
        correction_reason: null,
        collected_on: collectedOn,
        specimen: 'urine',
        panel: panel.code,
        method: 'presumptive',
        refused: 0,
        results: JSON.stringify(results),
        confirms_id: null,
        notes: null,
        interpretation: JSON.stringify(reading),
        needs_review: reading.needsReview ? 1 : 0,
        recorded_by: patient.primary_clinician_id,
        recorded_at: instantOn(collectedOn, now, 60),
      });
    }
  }
  if (medications.length === 0) return;
  await kysely.transaction().execute(async (trx) => {
    await trx.insertInto('medications').values(medications).execute();
    for (let i = 0; i < screens.length; i += 40)
      await trx
        .insertInto('drug_screens')
        .values(screens.slice(i, i + 40))
        .execute();
    await recordAudit(
      trx,
      {
        actorUserId: null,
        actorRole: 'system',
        action: 'demo.seed',
        patientIds: [...used],
        detail: { step: 'medications_and_drug_screens' },
      },
      now,
    );
  });
};
