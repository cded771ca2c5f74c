import type { ObjectiveProgress, PlanContent, PlanModality, ProgressStatus } from '../api/plans.js';

export interface ObjectiveInContext {
  objectiveId: string;
  statement: string;
  targetDate: string | null;
  goal: string;
  problem: string;
}

/** Every objective of a plan with its goal and problem, in reading order. */
export const objectivesOf = (content: PlanContent): ObjectiveInContext[] =>
  content.problems.flatMap((problem) =>
    problem.goals.flatMap((goal) =>
      goal.objectives.map((objective) => ({
        objectiveId: objective.id,
        statement: objective.statement,
        targetDate: objective.targetDate,
        goal: goal.statement,
        problem: problem.statement,
      })),
    ),
  );

/**
 * Objectives an earlier version held that the newest no longer does, each in its last wording
 * (versions newest first): a note that linked one before a review can still name it.
 */
export const removedObjectives = (newestFirst: readonly PlanContent[]): ObjectiveInContext[] => {
  const seen = new Set<string>();
  return newestFirst.flatMap((content, i) =>
    objectivesOf(content).filter((o) => {
      if (seen.has(o.objectiveId)) return false;
      seen.add(o.objectiveId);
      return i > 0;
    }),
  );
};

/** A review starts with one empty progress entry per objective of the version it reviews. */
export const initialProgress = (reviewed: PlanContent): ObjectiveProgress[] =>
  objectivesOf(reviewed).map((o) => ({ objectiveId: o.objectiveId, status: null, comment: '' }));

/**
 * Keeps a saved progress list in step with the reviewed objectives: entries for each of them in
 * order, what was recorded kept, nothing else.
 */
export const alignProgress = (
  reviewed: PlanContent,
  saved: readonly ObjectiveProgress[],
): ObjectiveProgress[] => {
  const byId = new Map(saved.map((entry) => [entry.objectiveId, entry]));
  return objectivesOf(reviewed).map(
    (o) => byId.get(o.objectiveId) ?? { objectiveId: o.objectiveId, status: null, comment: '' },
  );
};

export const PROGRESS_LABELS: Record<ProgressStatus, string> = {
  met: 'Met',
  progressing: 'Progressing',
  not_met: 'Not met',
  revised: 'Revised',
};

export const progressCounts = (progress: readonly ObjectiveProgress[]): Record<ProgressStatus, number> => {
  const counts: Record<ProgressStatus, number> = { met: 0, progressing: 0, not_met: 0, revised: 0 };
  for (const entry of progress) if (entry.status !== null) counts[entry.status] += 1;
  return counts;
};

/**
 * The modalities a signed plan asks the scheduler to book each week: those of its interventions,
 * once each, in the order they first appear.
 */
export const planModalities = (content: PlanContent): PlanModality[] => [
  ...new Set(
    content.problems.flatMap((p) =>
      p.goals.flatMap((g) => g.objectives.flatMap((o) => o.interventions.map((i) => i.modality))),
    ),
  ),
];
