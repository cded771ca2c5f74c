/**
 * Medications for opioid and alcohol use disorder (MAT/MOUD, SPEC §9). Since 2023 any prescriber with
 * a Schedule III DEA registration may prescribe buprenorphine: there is no "X-waiver" to record.
 * Methadone for opioid use disorder is dispensed only by an opioid treatment program (OTP).
 */
export const MAT_TYPES = [
  'buprenorphine',
  'naltrexone_oral',
  'naltrexone_extended_release',
  'methadone_otp',
] as const;
export type MatType = (typeof MAT_TYPES)[number];

export const MAT_TYPE_LABELS: Readonly<Record<MatType, string>> = {
  buprenorphine: 'Buprenorphine',
  naltrexone_oral: 'Naltrexone (oral)',
  naltrexone_extended_release: 'Naltrexone (extended-release injection)',
  methadone_otp: 'Methadone (opioid treatment program)',
};

export const MEDICATION_ROUTES = [
  'oral',
  'sublingual',
  'buccal',
  'subcutaneous_injection',
  'intramuscular_injection',
  'transdermal',
  'intranasal',
  'inhaled',
  'other',
] as const;
export type MedicationRoute = (typeof MEDICATION_ROUTES)[number];

export const MEDICATION_ROUTE_LABELS: Readonly<Record<MedicationRoute, string>> = {
  oral: 'Oral',
  sublingual: 'Sublingual',
  buccal: 'Buccal',
  subcutaneous_injection: 'Subcutaneous injection',
  intramuscular_injection: 'Intramuscular injection',
  transdermal: 'Transdermal',
  intranasal: 'Intranasal',
  inhaled: 'Inhaled',
  other: 'Other',
};
