import { ANALYTE_INFO, type Analyte } from './analytes.js';

/** Analyte codes as printed on cups and reports: "BUP, EtG". */
export const analyteCodes = (analytes: readonly Analyte[]): string =>
  analytes.map((a) => ANALYTE_INFO[a].code).join(', ');
