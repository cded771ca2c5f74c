import type {
  EvaluateBody,
  PlacementAssessment,
  PlacementFactorsBody,
  SupportingMeasuresBody,
  UpdateAssessmentBody,
} from '../../../core/api/placement.js';
import { LEVEL_LABELS } from '../../../core/care/levels.js';
import { type RatingSuggestion, suggestRating } from '../../../core/placement/dimensionQuestions.js';
import type { PlacementLevel } from '../../../core/placement/placementTypes.js';
import {
  DIMENSION_IDS,
  type Dimension,
  type Rating,
  WITHDRAWAL_MANAGEMENT_LABELS,
  type WithdrawalManagement,
} from '../../../core/placement/ruleTable.js';
import { ratingNoteProblems } from '../../../core/placement/signing.js';

/** What the guided form edits; saved whole with each draft save. */
export interface PlacementDraft {
  answers: Record<string, boolean | string>;
  measures: SupportingMeasuresBody;
  ratings: Partial<Record<Dimension, Rating>>;
  notes: Partial<Record<Dimension, string>>;
  needs24HourSupervision: boolean;
  imminentDanger: boolean;
  dsm5Criteria: number | null;
  factors: PlacementFactorsBody;
}

export const draftFrom = (a: PlacementAssessment): PlacementDraft => ({
  answers: { ...a.answers },
  measures: { ...a.measures },
  ratings: { ...(a.ratings as Partial<Record<Dimension, Rating>>) },
  notes: { ...a.ratingNotes },
  needs24HourSupervision: a.flags.needs24HourSupervision === true,
  imminentDanger: a.flags.imminentDanger === true,
  dsm5Criteria: a.dsm5Criteria,
  factors: { ...a.factors },
});

const withoutBlankNotes = (notes: PlacementDraft['notes']): PlacementDraft['notes'] =>
  Object.fromEntries(Object.entries(notes).filter(([, n]) => typeof n === 'string' && n.trim() !== ''));

export const toUpdateBody = (draft: PlacementDraft, version: number): UpdateAssessmentBody => ({
  version,
  answers: draft.answers,
  measures: draft.measures,
  ratings: draft.ratings,
  ratingNotes: withoutBlankNotes(draft.notes),
  flags: { needs24HourSupervision: draft.needs24HourSupervision, imminentDanger: draft.imminentDanger },
  dsm5Criteria: draft.dsm5Criteria,
  factors: draft.factors,
});

/** The answers of one dimension (question ids start with the dimension, e.g. `d1.withdrawal_now`). */
const answersOf = (draft: PlacementDraft, dimension: Dimension) =>
  Object.fromEntries(Object.entries(draft.answers).filter(([id]) => id.startsWith(`${dimension}.`)));

/** Suggested ratings as the server computes them, live while the form is filled in. */
export const suggestionsFor = (draft: PlacementDraft): Record<Dimension, RatingSuggestion> => {
  const measures = draft.measures;
  const out = {} as Record<Dimension, RatingSuggestion>;
  for (const dimension of DIMENSION_IDS) {
    try {
      out[dimension] = suggestRating(dimension, answersOf(draft, dimension), measures);
    } catch {
      // A half-typed measure (item 9 above the total) must not blank the form; the server names it on save.
      out[dimension] = suggestRating(dimension, answersOf(draft, dimension));
    }
  }
  return out;
};

export const suggestedRatings = (
  suggestions: Record<Dimension, RatingSuggestion>,
): Record<Dimension, Rating> =>
  Object.fromEntries(DIMENSION_IDS.map((d) => [d, suggestions[d].rating])) as Record<Dimension, Rating>;

/** Dimensions whose rating differs from the suggestion without a note, with what to say. */
export const notesNeeded = (
  draft: PlacementDraft,
  suggestions: Record<Dimension, RatingSuggestion>,
): Partial<Record<Dimension, string>> =>
  Object.fromEntries(
    ratingNoteProblems(draft.ratings, draft.notes, suggestedRatings(suggestions)).map((p) => [
      p.field.replace('/ratingNotes/', ''),
      p.message,
    ]),
  );

export const unratedDimensions = (draft: PlacementDraft): Dimension[] =>
  DIMENSION_IDS.filter((d) => draft.ratings[d] === undefined);

/**
 * The body for the live recommendation: the clinician's ratings, and the suggestion where a
 * dimension is not rated yet (the panel says so).
 */
export const evaluateBodyOf = (
  draft: PlacementDraft,
  suggestions: Record<Dimension, RatingSuggestion>,
  continuingCare: boolean,
): EvaluateBody => ({
  ratings: Object.fromEntries(
    DIMENSION_IDS.map((d) => [d, draft.ratings[d] ?? suggestions[d].rating]),
  ) as EvaluateBody['ratings'],
  flags: { needs24HourSupervision: draft.needs24HourSupervision, imminentDanger: draft.imminentDanger },
  ...(draft.dsm5Criteria !== null ? { dsm5Criteria: draft.dsm5Criteria } : {}),
  continuingCare,
  factors: draft.factors,
});

export const PLACEMENT_LEVEL_LABELS: Record<PlacementLevel, string> = {
  NONE: 'No SUD level of care (education / early intervention)',
  ...LEVEL_LABELS,
  EMERGENCY: 'Emergency services now',
};

export const placementLevelLabel = (level: PlacementLevel | null | undefined): string =>
  level
    ? level === 'NONE' || level === 'EMERGENCY'
      ? PLACEMENT_LEVEL_LABELS[level]
      : `${level} · ${PLACEMENT_LEVEL_LABELS[level]}`
    : '—';

export const withdrawalLabel = (wm: WithdrawalManagement): string => {
  const text = WITHDRAWAL_MANAGEMENT_LABELS[wm];
  return text.charAt(0).toUpperCase() + text.slice(1);
};

export const SEVERITY_TEXT = {
  none: 'Below the threshold for a use disorder (0–1 criteria)',
  mild: 'Mild (2–3 criteria)',
  moderate: 'Moderate (4–5 criteria)',
  severe: 'Severe (6 or more criteria)',
} as const;
