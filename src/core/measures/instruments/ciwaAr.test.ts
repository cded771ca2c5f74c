import { describe, expect, it } from 'vitest';
import { answersForTotal } from '../answersForTotal.js';
import { scoreInstrument } from '../score.js';
import { CIWA_AR } from './ciwaAr.js';

const scoreAt = (total: number) =>
  scoreInstrument(CIWA_AR, { answers: answersForTotal(CIWA_AR, total) ?? [] });

describe('CIWA-Ar', () => {
  it('rates nine items 0–7 and orientation (item 10) 0–4', () => {
    expect(CIWA_AR.items).toHaveLength(10);
    for (const item of CIWA_AR.items) {
      const top = item.number === 10 ? 4 : 7;
      expect(item.options.map((o) => o.value)).toEqual(Array.from({ length: top + 1 }, (_, v) => v));
    }
    expect(scoreInstrument(CIWA_AR, { answers: [7, 7, 7, 7, 7, 7, 7, 7, 7, 4] }).total).toBe(67);
  });

  it('flags severe withdrawal from 16, not at 15', () => {
    expect(scoreAt(15).flags).toEqual([]);
    expect(scoreAt(16).flags).toEqual([
      { key: 'severe-withdrawal', label: 'Severe alcohol withdrawal', severity: 'high' },
    ]);
  });

  it('refuses 8 on a 0–7 item and 5 on orientation', () => {
    expect(() => scoreInstrument(CIWA_AR, { answers: [8, 0, 0, 0, 0, 0, 0, 0, 0, 0] })).toThrow(
      'Item 1 of CIWA-Ar takes a whole number from 0 to 7.',
    );
    expect(() => scoreInstrument(CIWA_AR, { answers: [0, 0, 0, 0, 0, 0, 0, 0, 0, 5] })).toThrow(
      'Item 10 of CIWA-Ar takes 0, 1, 2, 3 or 4.',
    );
  });
});
