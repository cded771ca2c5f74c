export type * from './types.js';
export { validateInstrumentDefinition } from './validate.js';
export {
  BUILT_IN_INSTRUMENTS,
  INSTRUMENT_CODES,
  type InstrumentCode,
  isInstrumentCode,
} from './catalogue.js';
export { scoreInstrument } from './score.js';
export { RELIABLE_WORSENING_RULES, reliableWorsening, type Worsening, type WorseningRule } from './change.js';
export { withThresholds, type ThresholdSettings } from './thresholds.js';
export { SCREEN_NEGATIVE, SCREEN_POSITIVE, bandOf } from './bands.js';
export { optionRange, scoreItem, totalRange, type ScoreRange } from './itemScoring.js';
export { describeAllowedValues } from './allowedValues.js';
