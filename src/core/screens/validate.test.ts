import { describe, expect, it } from 'vitest';
import { panelByCode } from './panels.js';
import { checkScreen, type ScreenInput } from './validate.js';

const TWELVE = panelByCode('urine_cup_12')?.analytes ?? [];
const valid: ScreenInput = {
  collectedOn: '2026-11-24',
  specimen: 'urine',
  panel: 'urine_cup_12',
  method: 'presumptive',
  refused: false,
  results: TWELVE.map((analyte) => ({ analyte, result: 'negative' })),
};
const fieldsOf = (input: Partial<ScreenInput>) =>
  checkScreen({ ...valid, ...input }, '2026-11-24').map((f) => f.field);

describe('checkScreen', () => {
  it('accepts a full panel collected today, and a refused specimen without results', () => {
    expect(fieldsOf({})).toEqual([]);
    expect(fieldsOf({ refused: true, results: [] })).toEqual([]);
  });

  it('refuses a future or impossible collection date', () => {
    expect(fieldsOf({ collectedOn: '2026-11-25' })).toEqual(['/collectedOn']);
    expect(fieldsOf({ collectedOn: '2026-02-30' })).toEqual(['/collectedOn']);
  });

  it('refuses an unknown panel and a specimen the panel does not take', () => {
    expect(fieldsOf({ panel: 'urine_cup_99' })).toEqual(['/panel']);
    expect(fieldsOf({ specimen: 'oral_fluid' })).toEqual(['/specimen']);
  });

  it('needs exactly one result per analyte of the panel', () => {
    expect(fieldsOf({ results: valid.results.slice(1) })).toEqual(['/results']);
    expect(fieldsOf({ results: [...valid.results, { analyte: 'AMP', result: 'positive' }] })).toEqual([
      '/results/12/analyte',
    ]);
    expect(fieldsOf({ results: [...valid.results, { analyte: 'FEN', result: 'negative' }] })).toEqual([
      '/results/12/analyte',
    ]);
  });

  it('a refused specimen carries no results, and only a laboratory result confirms another', () => {
    expect(fieldsOf({ refused: true })).toEqual(['/results']);
    expect(fieldsOf({ confirmsScreenId: 'x' })).toEqual(['/confirmsScreenId']);
  });
});
