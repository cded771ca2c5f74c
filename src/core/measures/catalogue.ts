import { AUDIT } from './instruments/audit.js';
import { AUDIT_C } from './instruments/auditC.js';
import { BAM } from './instruments/bam.js';
import { CIWA_AR } from './instruments/ciwaAr.js';
import { COWS } from './instruments/cows.js';
import { CRAVING } from './instruments/craving.js';
import { DAST10 } from './instruments/dast10.js';
import { GAD7 } from './instruments/gad7.js';
import { PHQ9 } from './instruments/phq9.js';
import { READINESS } from './instruments/readiness.js';
import type { InstrumentDefinition } from './types.js';

/** Codes of the instruments every clinic has (SPEC §4); stored with each response, so fixed. */
export const INSTRUMENT_CODES = [
  'phq9',
  'gad7',
  'audit',
  'audit-c',
  'dast10',
  'bam',
  'ciwa-ar',
  'cows',
  'craving',
  'readiness',
] as const;
export type InstrumentCode = (typeof INSTRUMENT_CODES)[number];

export const isInstrumentCode = (value: string): value is InstrumentCode =>
  (INSTRUMENT_CODES as readonly string[]).includes(value);

/** Frozen all the way down: the catalogue is shared, and one caller's edit must not rescore another's. */
const deepFreeze = <T>(value: T): T => {
  if (typeof value === 'object' && value !== null) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
};

export const BUILT_IN_INSTRUMENTS: Readonly<Record<InstrumentCode, InstrumentDefinition>> = deepFreeze({
  phq9: PHQ9,
  gad7: GAD7,
  audit: AUDIT,
  'audit-c': AUDIT_C,
  dast10: DAST10,
  bam: BAM,
  'ciwa-ar': CIWA_AR,
  cows: COWS,
  craving: CRAVING,
  readiness: READINESS,
});
