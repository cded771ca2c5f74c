import { describe, expect, it } from 'vitest';
import {
  evaluateBodyOf,
  notesNeeded,
  type PlacementDraft,
  suggestionsFor,
  toUpdateBody,
  unratedDimensions,
} from './placementForm.js';

const blank: PlacementDraft = {
  answers: {},
  measures: {},
  ratings: {},
  notes: {},
  needs24HourSupervision: false,
  imminentDanger: false,
  dsm5Criteria: null,
  factors: {},
};

describe('the guided placement form', () => {
  it('suggests ratings from answers and intake measures, as the server does', () => {
    const suggestions = suggestionsFor({
      ...blank,
      answers: { 'd1.withdrawal_now': 'moderate', 'd6.use_at_home': true },
      measures: { phq9: { total: 21, item9: 0 } },
    });
    expect(suggestions.d1.rating).toBe(2);
    expect(suggestions.d3.rating).toBe(3);
    expect(suggestions.d6.rating).toBe(2);
    expect(suggestions.d2.rating).toBe(0);
  });

  it('keeps suggesting while a measure is half typed (item 9 above the total)', () => {
    const suggestions = suggestionsFor({
      ...blank,
      answers: { 'd1.withdrawal_now': 'mild' },
      measures: { phq9: { total: 1, item9: 3 } },
    });
    expect(suggestions.d1.rating).toBe(1);
    expect(suggestions.d3.rating).toBe(0);
  });

  it('asks for a note only where a rating differs from the suggestion', () => {
    const draft: PlacementDraft = {
      ...blank,
      answers: { 'd1.withdrawal_now': 'moderate' },
      ratings: { d1: 1, d2: 0 },
      notes: { d2: 'not needed' },
    };
    expect(Object.keys(notesNeeded(draft, suggestionsFor(draft)))).toEqual(['d1']);
    const noted = { ...draft, notes: { d1: 'Symptoms eased after the first dose.' } };
    expect(notesNeeded(noted, suggestionsFor(noted))).toEqual({});
    expect(unratedDimensions(draft)).toEqual(['d3', 'd4', 'd5', 'd6']);
  });

  it('evaluates unrated dimensions at their suggestion and saves without blank notes', () => {
    const draft: PlacementDraft = {
      ...blank,
      answers: { 'd5.recent_use': 'weekly' },
      ratings: { d1: 3 },
      notes: { d1: 'Seizure two years ago.', d2: '  ' },
      dsm5Criteria: 4,
      factors: { preferredSchedule: 'evening' },
    };
    const body = evaluateBodyOf(draft, suggestionsFor(draft), true);
    expect(body.ratings).toEqual({ d1: 3, d2: 0, d3: 0, d4: 0, d5: 2, d6: 0 });
    expect(body).toMatchObject({
      dsm5Criteria: 4,
      continuingCare: true,
      factors: { preferredSchedule: 'evening' },
    });
    expect(toUpdateBody(draft, 3)).toMatchObject({
      version: 3,
      ratingNotes: { d1: 'Seizure two years ago.' },
    });
  });
});
