import type { Analyte } from './analytes.js';

/** Specimens a clinic collects; breath is left out (a breathalyser is not a panel of analytes). */
export const SPECIMENS = ['urine', 'oral_fluid', 'blood', 'hair'] as const;
export type Specimen = (typeof SPECIMENS)[number];

export const SPECIMEN_LABELS: Readonly<Record<Specimen, string>> = {
  urine: 'Urine',
  oral_fluid: 'Oral fluid',
  blood: 'Blood',
  hair: 'Hair',
};

/** Point-of-care cups and strips read on site (presumptive), or a laboratory's confirmation (LC-MS/MS). */
export const SCREEN_METHODS = ['presumptive', 'confirmed'] as const;
export type ScreenMethod = (typeof SCREEN_METHODS)[number];

export const SCREEN_METHOD_LABELS: Readonly<Record<ScreenMethod, string>> = {
  presumptive: 'Presumptive (point of care)',
  confirmed: 'Confirmed (laboratory)',
};

export interface Panel {
  code: string;
  name: string;
  specimens: readonly Specimen[];
  /** In the order the cup or requisition prints them. */
  analytes: readonly Analyte[];
}

const TWELVE: readonly Analyte[] = [
  'AMP',
  'BAR',
  'BZO',
  'BUP',
  'COC',
  'MDMA',
  'MET',
  'MTD',
  'OPI',
  'OXY',
  'PCP',
  'THC',
];

/**
 * Panels as data. A clinic buying a different cup adds a row here; recorded screens keep their panel
 * code and their own list of analytes, so an edited panel never rewrites history.
 */
export const PANELS: readonly Panel[] = [
  { code: 'urine_cup_12', name: '12-panel urine cup', specimens: ['urine'], analytes: TWELVE },
  {
    code: 'urine_cup_14',
    name: '14-panel urine cup (12-panel + fentanyl + EtG)',
    specimens: ['urine'],
    analytes: [...TWELVE, 'FEN', 'ETG'],
  },
  { code: 'urine_fentanyl', name: 'Fentanyl test strip', specimens: ['urine'], analytes: ['FEN'] },
  { code: 'urine_etg', name: 'EtG (alcohol) urine test', specimens: ['urine'], analytes: ['ETG'] },
  {
    code: 'oral_fluid_10',
    name: '10-panel oral fluid swab',
    specimens: ['oral_fluid'],
    analytes: ['AMP', 'BZO', 'BUP', 'COC', 'MET', 'MTD', 'OPI', 'OXY', 'PCP', 'THC'],
  },
  {
    code: 'lab_confirmation',
    name: 'Laboratory confirmation (LC-MS/MS)',
    specimens: ['urine', 'oral_fluid', 'blood', 'hair'],
    analytes: [...TWELVE, 'EDDP', 'FEN', 'ETG'],
  },
];

export const panelByCode = (code: string): Panel | undefined => PANELS.find((p) => p.code === code);

export const PANEL_CODES = PANELS.map((p) => p.code);
