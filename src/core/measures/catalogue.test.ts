import { describe, expect, it } from 'vitest';
import { BUILT_IN_INSTRUMENTS, INSTRUMENT_CODES, isInstrumentCode } from './catalogue.js';

describe('catalogue', () => {
  it('holds each built-in instrument under its own code', () => {
    expect(Object.keys(BUILT_IN_INSTRUMENTS).sort()).toEqual([...INSTRUMENT_CODES].sort());
    for (const code of INSTRUMENT_CODES) expect(BUILT_IN_INSTRUMENTS[code].code).toBe(code);
  });

  it('keys every item <code>.<number>', () => {
    for (const def of Object.values(BUILT_IN_INSTRUMENTS)) {
      expect(def.items.map((item) => item.key)).toEqual(
        def.items.map((item) => `${def.code}.${item.number}`),
      );
    }
  });

  it('recognises only the built-in codes', () => {
    expect(isInstrumentCode('audit-c')).toBe(true);
    expect(isInstrumentCode('c-ssrs')).toBe(false);
  });

  it('cannot be changed by a caller', () => {
    const bands = BUILT_IN_INSTRUMENTS.phq9.scoring.bands;
    expect(Object.isFrozen(BUILT_IN_INSTRUMENTS.phq9)).toBe(true);
    expect(Object.isFrozen(bands?.[0])).toBe(true);
    expect(Object.isFrozen(BUILT_IN_INSTRUMENTS.cows.items[0]?.options)).toBe(true);
  });
});
