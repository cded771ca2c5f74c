import type { MatType } from '../medications/mat.js';
import { activeOn } from '../medications/validate.js';
import { type Analyte, type AnalyteResultEntry, SPECIMEN_ISSUE_RESULTS } from './analytes.js';
import { analytesForMedication } from './medicationAnalytes.js';

export interface ScreenMedication {
  id: string;
  name: string;
  matType: MatType | null;
  startedOn: string;
  stoppedOn: string | null;
}

/** What was collected: either a whole specimen refused, or a result per analyte of the panel. */
export interface ScreenResults {
  refused: boolean;
  results: readonly AnalyteResultEntry[];
}

export interface MedicationsOnCollectionDate {
  /** Being taken on the collection date: their analytes are expected. */
  active: readonly ScreenMedication[];
  /** Stopped before the collection date but recently enough to still be detectable: they explain positives only. */
  recentlyStopped: readonly ScreenMedication[];
}

const addDays = (date: string, days: number): string => {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};

/** Sorts a patient's medications by what they mean for a screen collected on `collectedOn`. */
export const medicationsOnCollectionDate = (
  medications: readonly ScreenMedication[],
  collectedOn: string,
): MedicationsOnCollectionDate => ({
  active: medications.filter((m) => activeOn(m, collectedOn)),
  recentlyStopped: medications.filter(
    (m) =>
      m.stoppedOn !== null &&
      m.startedOn <= collectedOn &&
      m.stoppedOn <= collectedOn &&
      collectedOn <= addDays(m.stoppedOn, analytesForMedication(m).detectableDaysAfterStop),
  ),
});

export interface ExpectedNegative {
  medicationId: string;
  medicationName: string;
  /** What the mapping calls the medication ("buprenorphine"). */
  label: string;
  /** The expected analytes the panel tested, all negative. */
  analytes: Analyte[];
}

export interface ScreenInterpretation {
  specimenRefused: boolean;
  /** Positive analytes no active or recently stopped medication explains. */
  unexpectedPositives: Analyte[];
  /** Positive analytes a medication explains, with the medications that do. */
  explainedPositives: { analyte: Analyte; medicationIds: string[] }[];
  /** Active medications whose analytes were tested and all came back negative: non-adherence or diversion risk. */
  expectedNegatives: ExpectedNegative[];
  /** Active medications that should show on a screen, but not on this panel. */
  notTested: { medicationId: string; medicationName: string; label: string }[];
  /** Analytes reported dilute, invalid or refused. */
  specimenIssues: AnalyteResultEntry[];
  needsReview: boolean;
}

/**
 * Reads a drug screen against the patient's medications (SPEC §9): unexpected positives and expected
 * negatives both need a clinician's review, and so does a specimen refused, dilute or invalid.
 */
export const interpretScreen = (
  screen: ScreenResults,
  medications: MedicationsOnCollectionDate,
): ScreenInterpretation => {
  if (screen.refused)
    return {
      specimenRefused: true,
      unexpectedPositives: [],
      explainedPositives: [],
      expectedNegatives: [],
      notTested: [],
      specimenIssues: [],
      needsReview: true,
    };
  const resultOf = new Map(screen.results.map((r) => [r.analyte, r.result]));
  const explainers = [...medications.active, ...medications.recentlyStopped].map((m) => ({
    id: m.id,
    explains: analytesForMedication(m).explains,
  }));

  const unexpectedPositives: Analyte[] = [];
  const explainedPositives: ScreenInterpretation['explainedPositives'] = [];
  for (const { analyte, result } of screen.results) {
    if (result !== 'positive') continue;
    const by = explainers.filter((m) => m.explains.includes(analyte)).map((m) => m.id);
    if (by.length > 0) explainedPositives.push({ analyte, medicationIds: by });
    else unexpectedPositives.push(analyte);
  }

  const expectedNegatives: ExpectedNegative[] = [];
  const notTested: ScreenInterpretation['notTested'] = [];
  for (const med of medications.active) {
    const mapped = analytesForMedication(med);
    if (mapped.expected.length === 0 || mapped.label === null) continue;
    const tested = mapped.expected.filter((a) => resultOf.has(a));
    const entry = { medicationId: med.id, medicationName: med.name, label: mapped.label };
    if (tested.length === 0) notTested.push(entry);
    else if (tested.every((a) => resultOf.get(a) === 'negative'))
      expectedNegatives.push({ ...entry, analytes: tested });
  }

  const specimenIssues = screen.results.filter((r) => SPECIMEN_ISSUE_RESULTS.includes(r.result));
  return {
    specimenRefused: false,
    unexpectedPositives,
    explainedPositives,
    expectedNegatives,
    notTested,
    specimenIssues,
    needsReview: unexpectedPositives.length > 0 || expectedNegatives.length > 0 || specimenIssues.length > 0,
  };
};
