import type { ObjectiveProgress, PlanContent } from '../api/plans.js';
import type { FieldError } from '../errors/domainError.js';

/**
 * Checks of a plan's content. `planStructureProblems` runs on every save: a draft may be incomplete,
 * but its ids must be unique (objective ids are what notes link to) and it may link only the
 * patient's own diagnoses. `planSignProblems` is what signing needs (SPEC §8). Paths point into the
 * save body, e.g. `/content/problems/0/goals/1/statement`, so the editor shows each message next to
 * its field.
 */

const blank = (text: string): boolean => text.trim().length === 0;

export const problemPath = (p: number) => `/content/problems/${p}`;
export const goalPath = (p: number, g: number) => `${problemPath(p)}/goals/${g}`;
export const objectivePath = (p: number, g: number, o: number) => `${goalPath(p, g)}/objectives/${o}`;
export const interventionPath = (p: number, g: number, o: number, i: number) =>
  `${objectivePath(p, g, o)}/interventions/${i}`;

export const planStructureProblems = (
  content: PlanContent,
  patientDiagnosisIds: ReadonlySet<string>,
): FieldError[] => {
  const fields: FieldError[] = [];
  const seen = new Set<string>();
  const once = (id: string, path: string) => {
    if (seen.has(id)) fields.push({ field: `${path}/id`, message: 'is used twice in this plan' });
    seen.add(id);
  };
  content.problems.forEach((problem, p) => {
    once(problem.id, problemPath(p));
    if (new Set(problem.dimensions).size !== problem.dimensions.length)
      fields.push({ field: `${problemPath(p)}/dimensions`, message: 'names a dimension twice' });
    problem.diagnosisIds.forEach((id, d) => {
      if (!patientDiagnosisIds.has(id))
        fields.push({
          field: `${problemPath(p)}/diagnosisIds/${d}`,
          message: "is not one of the patient's diagnoses",
        });
    });
    problem.goals.forEach((goal, g) => {
      once(goal.id, goalPath(p, g));
      goal.objectives.forEach((objective, o) => {
        once(objective.id, objectivePath(p, g, o));
        objective.interventions.forEach((intervention, i) =>
          once(intervention.id, interventionPath(p, g, o, i)),
        );
      });
    });
  });
  return fields;
};

export interface SignFacts {
  /** Site-local date of signing: target dates may not lie before it. */
  today: string;
  /** Active staff who may be named as responsible for an intervention. */
  staffIds: ReadonlySet<string>;
  /**
   * A review's objectives carried over from the reviewed version, with their target dates there: an
   * unchanged past target is history (the objective may well be met), a changed one must lie ahead.
   */
  carriedOver?: ReadonlyMap<string, string | null>;
}

export const planSignProblems = (content: PlanContent, facts: SignFacts): FieldError[] => {
  const fields: FieldError[] = [];
  const add = (field: string, message: string) => fields.push({ field, message });
  if (content.problems.length === 0) add('/content/problems', 'add at least one problem');
  content.problems.forEach((problem, p) => {
    const at = problemPath(p);
    if (blank(problem.statement)) add(`${at}/statement`, 'describe the problem');
    if (problem.dimensions.length === 0) add(`${at}/dimensions`, 'link at least one placement dimension');
    if (problem.goals.length === 0) add(`${at}/goals`, 'add at least one goal');
    problem.goals.forEach((goal, g) => {
      const gAt = goalPath(p, g);
      if (blank(goal.statement)) add(`${gAt}/statement`, "write the goal in the patient's own words");
      if (goal.objectives.length === 0) add(`${gAt}/objectives`, 'add at least one objective');
      goal.objectives.forEach((objective, o) => {
        const oAt = objectivePath(p, g, o);
        if (blank(objective.statement)) add(`${oAt}/statement`, 'describe a measurable objective');
        if (objective.targetDate === null) add(`${oAt}/targetDate`, 'set a target date');
        else if (
          objective.targetDate < facts.today &&
          facts.carriedOver?.get(objective.id) !== objective.targetDate
        )
          add(`${oAt}/targetDate`, `must not be before today (${facts.today})`);
        if (objective.interventions.length === 0)
          add(`${oAt}/interventions`, 'add at least one intervention');
        objective.interventions.forEach((intervention, i) => {
          const iAt = interventionPath(p, g, o, i);
          if (blank(intervention.description)) add(`${iAt}/description`, 'describe the intervention');
          if (blank(intervention.frequency)) add(`${iAt}/frequency`, 'say how often');
          if (intervention.responsibleUserId === null)
            add(`${iAt}/responsibleUserId`, 'name the responsible staff member');
          else if (!facts.staffIds.has(intervention.responsibleUserId))
            add(`${iAt}/responsibleUserId`, 'is not an active staff member');
        });
      });
    });
  });
  return fields;
};

/** Progress entries may only name objectives of the reviewed version, once each. */
export const progressStructureProblems = (
  progress: readonly ObjectiveProgress[],
  reviewedObjectiveIds: ReadonlySet<string>,
): FieldError[] => {
  const fields: FieldError[] = [];
  const seen = new Set<string>();
  progress.forEach((entry, n) => {
    if (!reviewedObjectiveIds.has(entry.objectiveId))
      fields.push({
        field: `/progress/${n}/objectiveId`,
        message: 'is not an objective of the reviewed plan',
      });
    else if (seen.has(entry.objectiveId))
      fields.push({ field: `/progress/${n}/objectiveId`, message: 'is reviewed twice' });
    seen.add(entry.objectiveId);
  });
  return fields;
};

/**
 * A review records progress on every objective of the reviewed version; an objective not met or
 * revised says why (SPEC §8: "a review records progress per objective").
 */
export const reviewSignProblems = (
  progress: readonly ObjectiveProgress[],
  reviewedObjectiveIds: readonly string[],
): FieldError[] => {
  const fields: FieldError[] = [];
  reviewedObjectiveIds.forEach((objectiveId) => {
    const n = progress.findIndex((entry) => entry.objectiveId === objectiveId);
    const entry = progress[n];
    if (!entry || entry.status === null) {
      fields.push({
        field: n >= 0 ? `/progress/${n}/status` : `/progress`,
        message:
          n >= 0
            ? 'record the progress on this objective'
            : `record the progress on objective ${objectiveId}`,
      });
      return;
    }
    if ((entry.status === 'not_met' || entry.status === 'revised') && blank(entry.comment))
      fields.push({
        field: `/progress/${n}/comment`,
        message:
          entry.status === 'revised'
            ? 'say how and why the objective was revised'
            : 'say why the objective was not met',
      });
  });
  return fields;
};
