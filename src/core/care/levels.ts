/** Levels of care of SPEC §3 (labels configurable per clinic; codes fixed). */
export const LEVELS_OF_CARE = ['OP', 'IOP', 'PHP', 'RES', 'INP'] as const;
export type LevelOfCare = (typeof LEVELS_OF_CARE)[number];

export const LEVEL_LABELS: Record<LevelOfCare, string> = {
  OP: 'Outpatient',
  IOP: 'Intensive outpatient',
  PHP: 'Partial hospitalization',
  RES: 'Residential',
  INP: 'Medically managed inpatient',
};

/** Higher index = more intensive care. */
export const levelRank = (level: LevelOfCare): number => LEVELS_OF_CARE.indexOf(level);

export type Audience = 'adult' | 'adolescent';

/** Default weekly hour range per level (SPEC §3); programs may narrow it. `null` = no upper bound. */
export const DEFAULT_WEEKLY_HOURS: Record<
  LevelOfCare,
  Record<Audience, { min: number; max: number | null }>
> = {
  OP: { adult: { min: 0, max: 9 }, adolescent: { min: 0, max: 6 } },
  IOP: { adult: { min: 9, max: 19 }, adolescent: { min: 6, max: 19 } },
  PHP: { adult: { min: 20, max: null }, adolescent: { min: 20, max: null } },
  RES: { adult: { min: 0, max: null }, adolescent: { min: 0, max: null } },
  INP: { adult: { min: 0, max: null }, adolescent: { min: 0, max: null } },
};

/** Discharge types ending an episode (SPEC §11). */
export const DISCHARGE_TYPES = [
  'completed',
  'transferred',
  'left_against_advice',
  'administrative',
  'incarcerated',
  'deceased',
  'other',
] as const;
export type DischargeType = (typeof DISCHARGE_TYPES)[number];

export const DISCHARGE_LABELS: Record<DischargeType, string> = {
  completed: 'Completed treatment',
  transferred: 'Transferred to another provider',
  left_against_advice: 'Left against advice',
  administrative: 'Administrative',
  incarcerated: 'Incarcerated',
  deceased: 'Deceased',
  other: 'Other',
};

export type PatientStatus = 'intake' | 'active' | 'discharged';
