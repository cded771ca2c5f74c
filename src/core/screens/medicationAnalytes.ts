import type { MatType } from '../medications/mat.js';
import type { Analyte } from './analytes.js';

/**
 * Which analytes a prescribed medication shows up as on a drug screen, as data (SPEC §9). A medication
 * is matched by its generic or brand names anywhere in the name as written ("Suboxone 8 mg/2 mg film"),
 * case-insensitively and as whole words, and by its MAT type when it has one.
 *
 * - `expected`: a patient taking the medication should test positive for at least one of these when
 *   the panel tests any of them; all of them negative is an expected negative (non-adherence or
 *   diversion risk).
 * - `explains`: further analytes the medication may turn positive (cross-reactivity, metabolites)
 *   without being reliably detected; a positive is explained, a negative means nothing.
 * - `detectableDaysAfterStop`: how long after the stop date a positive is still explained.
 *
 * Clonazepam and lorazepam are often missed by benzodiazepine immunoassays (their metabolites
 * cross-react poorly), so a negative BZO is not held against a patient taking them.
 */
export interface MedicationAnalyteEntry {
  key: string;
  label: string;
  /** Lower-case generic and brand names. */
  names: readonly string[];
  matTypes: readonly MatType[];
  expected: readonly Analyte[];
  explains: readonly Analyte[];
  detectableDaysAfterStop: number;
}

export const MEDICATION_ANALYTES: readonly MedicationAnalyteEntry[] = [
  {
    key: 'buprenorphine',
    label: 'buprenorphine',
    names: ['buprenorphine', 'suboxone', 'subutex', 'zubsolv', 'bunavail', 'butrans', 'belbuca', 'cassipa'],
    matTypes: ['buprenorphine'],
    expected: ['BUP'],
    explains: [],
    detectableDaysAfterStop: 10,
  },
  {
    // Monthly or weekly depots keep releasing for months after the last injection.
    key: 'buprenorphine_extended_release',
    label: 'extended-release buprenorphine',
    names: ['sublocade', 'brixadi', 'probuphine'],
    matTypes: [],
    expected: ['BUP'],
    explains: [],
    detectableDaysAfterStop: 120,
  },
  {
    key: 'methadone',
    label: 'methadone',
    names: ['methadone', 'methadose', 'dolophine', 'diskets'],
    matTypes: ['methadone_otp'],
    expected: ['MTD', 'EDDP'],
    explains: [],
    detectableDaysAfterStop: 10,
  },
  {
    key: 'naltrexone',
    label: 'naltrexone',
    names: ['naltrexone', 'vivitrol', 'revia', 'depade'],
    matTypes: ['naltrexone_oral', 'naltrexone_extended_release'],
    expected: [],
    explains: [],
    detectableDaysAfterStop: 0,
  },
  {
    key: 'oxycodone',
    label: 'oxycodone',
    names: ['oxycodone', 'oxycontin', 'roxicodone', 'roxybond', 'oxaydo', 'xtampza', 'percocet', 'endocet'],
    matTypes: [],
    expected: ['OXY'],
    explains: ['OPI'],
    detectableDaysAfterStop: 4,
  },
  {
    key: 'hydrocodone',
    label: 'hydrocodone',
    names: ['hydrocodone', 'norco', 'vicodin', 'lortab', 'hysingla', 'zohydro'],
    matTypes: [],
    expected: ['OPI'],
    explains: ['OXY'],
    detectableDaysAfterStop: 4,
  },
  {
    key: 'hydromorphone',
    label: 'hydromorphone',
    names: ['hydromorphone', 'dilaudid', 'exalgo'],
    matTypes: [],
    expected: [],
    explains: ['OPI'],
    detectableDaysAfterStop: 4,
  },
  {
    key: 'morphine',
    label: 'morphine',
    names: ['morphine', 'ms contin', 'kadian', 'arymo'],
    matTypes: [],
    expected: ['OPI'],
    explains: [],
    detectableDaysAfterStop: 4,
  },
  {
    key: 'codeine',
    label: 'codeine',
    names: ['codeine', 'tylenol 3', 'tylenol with codeine', 'tylenol #3'],
    matTypes: [],
    expected: ['OPI'],
    explains: [],
    detectableDaysAfterStop: 4,
  },
  {
    key: 'fentanyl',
    label: 'fentanyl',
    names: ['fentanyl', 'duragesic', 'actiq', 'fentora', 'subsys'],
    matTypes: [],
    expected: ['FEN'],
    explains: [],
    detectableDaysAfterStop: 4,
  },
  {
    key: 'benzodiazepine',
    label: 'a benzodiazepine',
    names: [
      'alprazolam',
      'xanax',
      'diazepam',
      'valium',
      'chlordiazepoxide',
      'librium',
      'temazepam',
      'restoril',
      'oxazepam',
      'clorazepate',
      'tranxene',
    ],
    matTypes: [],
    expected: ['BZO'],
    explains: [],
    detectableDaysAfterStop: 10,
  },
  {
    key: 'benzodiazepine_low_cross_reactivity',
    label: 'a benzodiazepine',
    names: ['clonazepam', 'klonopin', 'lorazepam', 'ativan'],
    matTypes: [],
    expected: [],
    explains: ['BZO'],
    detectableDaysAfterStop: 7,
  },
  {
    key: 'amphetamine',
    label: 'amphetamine',
    names: [
      'amphetamine',
      'amphetamine salts',
      'dextroamphetamine',
      'adderall',
      'mydayis',
      'evekeo',
      'dexedrine',
      'zenzedi',
      'adzenys',
      'lisdexamfetamine',
      'vyvanse',
    ],
    matTypes: [],
    expected: ['AMP'],
    explains: [],
    detectableDaysAfterStop: 4,
  },
  {
    key: 'methamphetamine',
    label: 'methamphetamine',
    names: ['methamphetamine', 'desoxyn'],
    matTypes: [],
    expected: ['MET'],
    explains: ['AMP'],
    detectableDaysAfterStop: 4,
  },
  {
    key: 'barbiturate',
    label: 'a barbiturate',
    names: ['phenobarbital', 'butalbital', 'fioricet', 'fiorinal', 'luminal'],
    matTypes: [],
    expected: ['BAR'],
    explains: [],
    detectableDaysAfterStop: 14,
  },
  {
    key: 'dronabinol',
    label: 'dronabinol',
    names: ['dronabinol', 'marinol', 'syndros'],
    matTypes: [],
    expected: ['THC'],
    explains: [],
    detectableDaysAfterStop: 10,
  },
];

/** Lower case, every run of non-letters and non-digits (hyphens, slashes, "#") one space, padded for whole-word search. */
const words = (text: string): string =>
  ` ${text
    .toLowerCase()
    .replace(/[^a-z0-9#]+/g, ' ')
    .trim()} `;

export interface MedicationForScreens {
  name: string;
  matType: MatType | null;
}

/** The mapping entries a medication matches: by MAT type, and by any of its names in the medication name. */
export const matchMedication = (med: MedicationForScreens): MedicationAnalyteEntry[] => {
  const name = words(med.name);
  return MEDICATION_ANALYTES.filter(
    (entry) =>
      (med.matType !== null && entry.matTypes.includes(med.matType)) ||
      entry.names.some((n) => name.includes(words(n))),
  );
};

export interface MedicationAnalytes {
  /** Analytes that should be positive while the medication is taken (at least one of those tested). */
  expected: Analyte[];
  /** Analytes whose positive the medication explains (includes `expected`). */
  explains: Analyte[];
  detectableDaysAfterStop: number;
  /** The mapping's name for what was matched ("buprenorphine"), or null when nothing was. */
  label: string | null;
}

export const analytesForMedication = (med: MedicationForScreens): MedicationAnalytes => {
  const entries = matchMedication(med);
  const expected = [...new Set(entries.flatMap((e) => e.expected))];
  const explains = [...new Set([...expected, ...entries.flatMap((e) => e.explains)])];
  return {
    expected,
    explains,
    detectableDaysAfterStop: Math.max(0, ...entries.map((e) => e.detectableDaysAfterStop)),
    label: entries[0]?.label ?? null,
  };
};
