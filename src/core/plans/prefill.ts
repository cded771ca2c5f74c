import type { PlanProblem, PlanTemplateContent } from '../api/plans.js';
import type { PlacementDriver } from '../placement/placementTypes.js';
import { DIMENSION_IDS, type Dimension } from '../placement/ruleTable.js';
import { addDays } from '../schedule/localTime.js';

/** What a template needs to become a problem of a draft. Ids come from outside: core makes none. */
export interface Instantiation {
  newId: () => string;
  /** The day the plan is started: target dates count from it. */
  today: string;
  /** Pre-filled as responsible for every intervention, usually the primary clinician. */
  responsibleUserId: string | null;
  /** Diagnoses to link to problems about use itself (withdrawal, relapse and continued use). */
  diagnosisIds: readonly string[];
}

/** Dimensions whose problems are about the substance use the diagnoses describe. */
const USE_DIMENSIONS: readonly Dimension[] = ['d1', 'd5'];

export const problemFromTemplate = (
  template: { dimension: Dimension; content: PlanTemplateContent },
  options: Instantiation,
): PlanProblem => ({
  id: options.newId(),
  statement: template.content.problem,
  dimensions: [template.dimension],
  diagnosisIds: USE_DIMENSIONS.includes(template.dimension) ? [...options.diagnosisIds] : [],
  goals: template.content.goals.map((goal) => ({
    id: options.newId(),
    // The goal is the patient's to word; the template only asks the question.
    statement: '',
    prompt: goal.prompt,
    objectives: goal.objectives.map((objective) => ({
      id: options.newId(),
      statement: objective.statement,
      targetDate: addDays(options.today, objective.targetDays),
      interventions: objective.interventions.map((intervention) => ({
        id: options.newId(),
        description: intervention.description,
        modality: intervention.modality,
        frequency: intervention.frequency,
        responsibleUserId: options.responsibleUserId,
      })),
    })),
  })),
});

export interface PlacementFacts {
  drivers: readonly PlacementDriver[];
  /** Every dimension's rating, when the result carries them. */
  ratings: Partial<Record<Dimension, number>>;
}

/** Ratings from 2 (moderate) up need a problem of their own even when another dimension set the level. */
export const PROBLEM_RATING = 2;

/**
 * The dimensions a plan should address after a placement: the drivers first (they decided the
 * level), then any other dimension rated moderate or worse, in dimension order.
 */
export const dimensionsToAddress = (facts: PlacementFacts): Dimension[] => {
  const drivers = facts.drivers.flatMap((d) => (d.kind === 'dimension' ? [d.dimension] : []));
  const rated = DIMENSION_IDS.filter((d) => (facts.ratings[d] ?? 0) >= PROBLEM_RATING);
  return [...new Set([...drivers, ...rated])];
};

/** One problem per dimension to address, from the first active template of that dimension. */
export const problemsFromPlacement = (
  facts: PlacementFacts,
  templates: readonly { dimension: Dimension; content: PlanTemplateContent }[],
  options: Instantiation,
): { problems: PlanProblem[]; withoutTemplate: Dimension[] } => {
  const problems: PlanProblem[] = [];
  const withoutTemplate: Dimension[] = [];
  for (const dimension of dimensionsToAddress(facts)) {
    const template = templates.find((t) => t.dimension === dimension);
    if (template) problems.push(problemFromTemplate(template, options));
    else withoutTemplate.push(dimension);
  }
  return { problems, withoutTemplate };
};
