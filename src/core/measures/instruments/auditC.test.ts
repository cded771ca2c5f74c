import { describe, expect, it } from 'vitest';
import { DomainError } from '../../errors/domainError.js';
import { answersForTotal } from '../answersForTotal.js';
import { scoreInstrument } from '../score.js';
import type { Sex } from '../types.js';
import { AUDIT } from './audit.js';
import { AUDIT_C } from './auditC.js';

const bandAt = (total: number, sex: Sex): string | undefined =>
  scoreInstrument(AUDIT_C, { answers: answersForTotal(AUDIT_C, total) ?? [], sex }).band?.key;

describe('AUDIT-C', () => {
  it('asks the first three AUDIT questions with the same point values', () => {
    expect(AUDIT_C.items.map(({ text, options }) => ({ text, options }))).toEqual(
      AUDIT.items.slice(0, 3).map(({ text, options }) => ({ text, options })),
    );
    expect(scoreInstrument(AUDIT_C, { answers: [4, 4, 4], sex: 'male' }).total).toBe(12);
  });

  it.each([
    [2, 'female', 'negative'],
    [3, 'female', 'positive'],
    [3, 'male', 'negative'],
    [4, 'male', 'positive'],
    [0, 'male', 'negative'],
    [12, 'female', 'positive'],
  ] as const)('a total of %i for a %s patient is %s', (total, sex, band) => {
    expect(bandAt(total, sex)).toBe(band);
  });

  it.each([undefined, 'other'])('refuses to score without the patient’s sex (%s)', (sex) => {
    let error: unknown;
    try {
      scoreInstrument(AUDIT_C, { answers: [1, 1, 1], sex: sex as Sex | undefined });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).fields.map((f) => f.field)).toEqual(['/sex']);
  });
});
