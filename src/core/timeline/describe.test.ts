import { describe, expect, it } from 'vitest';
import { describeMeasure, describeNote, describeScreen, describeSegment } from './describe.js';

describe('timeline entry lines', () => {
  it('names a level change by its direction and level', () => {
    expect(
      describeSegment({
        changeKind: 'step_up',
        levelOfCare: 'PHP',
        programName: 'Day program',
        reason: 'Relapse',
      }),
    ).toEqual({ title: 'Stepped up to Partial hospitalization', summary: 'Day program · Relapse' });
    expect(
      describeSegment({ changeKind: 'admission', levelOfCare: 'IOP', programName: 'Adult IOP', reason: null })
        .title,
    ).toBe('Admitted to Intensive outpatient');
  });

  it('gives a measure its band label and never more than the total', () => {
    expect(describeMeasure({ instrumentCode: 'phq9', total: 14, bandKey: 'moderate' })).toEqual({
      title: 'PHQ-9',
      summary: 'Score 14 · Moderate',
      band: 'Moderate',
    });
  });

  it('tells a screen by its unexpected positives and expected negatives, and survives a bad interpretation', () => {
    const line = describeScreen({
      panel: 'urine_cup_12',
      method: 'presumptive',
      refused: false,
      interpretationJson: JSON.stringify({
        unexpectedPositives: ['FEN', 'nonsense'],
        expectedNegatives: [{ label: 'Buprenorphine', analytes: ['BUP'] }],
      }),
    });
    expect(line.summary).toContain('Unexpected positive: FEN');
    expect(line.summary).toContain('Expected negative: Buprenorphine');
    expect(
      describeScreen({ panel: 'x', method: 'confirmed', refused: false, interpretationJson: '{' }).summary,
    ).toBe('Confirmed (laboratory) · As expected');
  });

  it('says when a note is the reader’s draft or waits for co-signature', () => {
    const base = { title: 'Session', noteType: 'individual', authorName: 'Dana', minutes: 50 };
    expect(describeNote({ ...base, status: 'draft', awaitingCosignature: false }).summary).toBe(
      'Individual session · Dana · 50 min · draft (yours)',
    );
    expect(describeNote({ ...base, status: 'signed', awaitingCosignature: true }).summary).toContain(
      'awaiting co-signature',
    );
  });
});
