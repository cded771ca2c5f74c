import { describe, expect, it } from 'vitest';
import { BUILT_IN_INSTRUMENTS, INSTRUMENT_CODES } from './catalogue.js';
import type { InstrumentDefinition, Scoring } from './types.js';
import { validateInstrumentDefinition } from './validate.js';

const ZERO_TO_TWO = [
  { value: 0, label: 'Never' },
  { value: 1, label: 'Sometimes' },
  { value: 2, label: 'Often' },
];

/** A sound three-item clinic instrument (total 0–6) that each test breaks in one way. */
const CUSTOM: InstrumentDefinition = {
  code: 'sleep-check',
  version: '1',
  name: 'Sleep check',
  shortName: 'Sleep',
  description: 'How the patient has been sleeping.',
  lookbackPeriod: 'This week',
  items: [1, 2, 3].map((number) => ({
    number,
    key: `sleep-check.${number}`,
    text: `Question ${number}`,
    options: ZERO_TO_TWO,
  })),
  scoring: {
    total: true,
    bands: [
      { key: 'good', label: 'Good', min: 0, max: 2 },
      { key: 'poor', label: 'Poor', min: 3, max: 6 },
    ],
    subscales: [{ key: 'onset', label: 'Falling asleep', items: [1, 2] }],
    flags: [{ key: 'no-sleep', label: 'Barely sleeping', severity: 'high', when: { item: 3, atLeast: 2 } }],
  },
};

const withScoring = (scoring: Partial<Scoring>): InstrumentDefinition => ({
  ...CUSTOM,
  scoring: { ...CUSTOM.scoring, ...scoring },
});

const fieldsOf = (def: InstrumentDefinition): string[] =>
  validateInstrumentDefinition(def).map((e) => e.field);

describe('validateInstrumentDefinition', () => {
  it.each(INSTRUMENT_CODES)('accepts the built-in %s', (code) => {
    expect(validateInstrumentDefinition(BUILT_IN_INSTRUMENTS[code])).toEqual([]);
  });

  it('accepts a sound custom definition', () => {
    expect(validateInstrumentDefinition(CUSTOM)).toEqual([]);
  });

  it('rejects bands that leave a gap', () => {
    const def = withScoring({
      bands: [
        { key: 'good', label: 'Good', min: 0, max: 2 },
        { key: 'poor', label: 'Poor', min: 4, max: 6 },
      ],
    });
    expect(validateInstrumentDefinition(def)).toEqual([
      {
        field: '/scoring/bands/1/min',
        message: 'Bands leave no gap and do not overlap: this band starts at 3.',
      },
    ]);
  });

  it('rejects bands that overlap', () => {
    const def = withScoring({
      bands: [
        { key: 'good', label: 'Good', min: 0, max: 3 },
        { key: 'poor', label: 'Poor', min: 3, max: 6 },
      ],
    });
    expect(fieldsOf(def)).toEqual(['/scoring/bands/1/min']);
  });

  it('rejects bands that do not reach either end of the total range', () => {
    const def = withScoring({
      bands: [
        { key: 'good', label: 'Good', min: 1, max: 2 },
        { key: 'poor', label: 'Poor', min: 3, max: 5 },
      ],
    });
    expect(validateInstrumentDefinition(def)).toEqual([
      { field: '/scoring/bands/0/min', message: 'The first band starts at the lowest total, 0.' },
      { field: '/scoring/bands/1/max', message: 'The last band ends at the highest total, 6.' },
    ]);
  });

  it('rejects a band that ends before it starts, and repeated band keys', () => {
    const def = withScoring({
      bands: [
        { key: 'good', label: 'Good', min: 0, max: 2 },
        { key: 'good', label: 'Also good', min: 3, max: 2 },
        { key: 'poor', label: 'Poor', min: 3, max: 6 },
      ],
    });
    expect(fieldsOf(def)).toEqual(['/scoring/bands/1/max', '/scoring/bands']);
  });

  it('rejects bands without a total', () => {
    expect(fieldsOf(withScoring({ total: false }))).toEqual(['/scoring/bands']);
  });

  it('rejects items numbered out of order, repeated keys and repeated option values or labels', () => {
    const [first, second, third] = CUSTOM.items;
    if (!first || !second || !third) throw new Error('fixture');
    const def: InstrumentDefinition = {
      ...CUSTOM,
      items: [
        first,
        { ...third, key: first.key },
        {
          ...second,
          number: 3,
          options: [
            { value: 0, label: 'Never' },
            { value: 0, label: 'Rarely' },
            { value: 1, label: 'Never' },
          ],
        },
      ],
    };
    expect(validateInstrumentDefinition(def)).toEqual([
      { field: '/items/1/number', message: 'Items are numbered 1 to n in order; expected 2.' },
      { field: '/items/2/options', message: 'The value 0 appears more than once.' },
      { field: '/items/2/options', message: 'The label "Never" appears more than once.' },
      { field: '/items', message: 'The item key sleep-check.1 appears more than once.' },
    ]);
  });

  it('rejects fractional option values and items with a single option', () => {
    const [first, second, third] = CUSTOM.items;
    if (!first || !second || !third) throw new Error('fixture');
    const def: InstrumentDefinition = {
      ...CUSTOM,
      items: [
        { ...first, options: [{ value: 0.5, label: 'Half' }, ...ZERO_TO_TWO.slice(1)] },
        { ...second, options: [{ value: 0, label: 'Only' }] },
        third,
      ],
    };
    expect(fieldsOf(def)).toEqual(['/items/0/options/0/value', '/items/1/options']);
  });

  it('rejects subscales and flags naming items that do not exist', () => {
    const def = withScoring({
      subscales: [{ key: 'onset', label: 'Falling asleep', items: [1, 4] }],
      flags: [{ key: 'no-sleep', label: 'Barely sleeping', severity: 'high', when: { item: 0, atLeast: 2 } }],
    });
    expect(validateInstrumentDefinition(def)).toEqual([
      { field: '/scoring/subscales/0/items/1', message: 'There is no item 4.' },
      { field: '/scoring/flags/0/when/item', message: 'There is no item 0.' },
    ]);
  });

  it('rejects flag thresholds that would always or never hold', () => {
    const def = withScoring({
      flags: [
        { key: 'always', label: 'Always', severity: 'normal', when: { item: 1, atLeast: 0 } },
        { key: 'never', label: 'Never', severity: 'normal', when: { total: { atLeast: 7 } } },
      ],
    });
    expect(fieldsOf(def)).toEqual(['/scoring/flags/0/when/atLeast', '/scoring/flags/1/when/total/atLeast']);
  });

  it('rejects rules of one flag that disagree on its label or severity', () => {
    const def = withScoring({
      flags: [
        { key: 'no-sleep', label: 'Barely sleeping', severity: 'high', when: { item: 3, atLeast: 2 } },
        { key: 'no-sleep', label: 'Barely sleeping', severity: 'urgent', when: { total: { atLeast: 6 } } },
      ],
    });
    expect(fieldsOf(def)).toEqual(['/scoring/flags/1']);
  });

  it('rejects a sex-specific cut-off alongside bands or outside the range', () => {
    expect(fieldsOf(withScoring({ sexSpecificPositive: { male: 3, female: 2 } }))).toEqual([
      '/scoring/sexSpecificPositive',
    ]);
    expect(fieldsOf(withScoring({ bands: undefined, sexSpecificPositive: { male: 7, female: 0 } }))).toEqual([
      '/scoring/sexSpecificPositive/male',
      '/scoring/sexSpecificPositive/female',
    ]);
  });

  it('rejects a malformed header', () => {
    const def = { ...CUSTOM, code: 'Sleep Check', version: ' ', description: 'Two\nlines' };
    expect(fieldsOf(def)).toEqual(['/code', '/version', '/description']);
  });
});
