import type { CurrentObjectives } from '../../../core/api/plans.js';

/**
 * Linked plan objectives ride in the autosaved draft as one more section holding a sorted JSON
 * list, so a stale save merges them like text (core/notes/draftMerge). These turn that list back
 * into something a writer can read when both sides changed it.
 */
export const objectivesText = (ids: readonly string[]): string => JSON.stringify([...new Set(ids)].sort());

export const objectiveIdsOf = (text: string | undefined): string[] => {
  try {
    const value: unknown = JSON.parse(text ?? '[]');
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  } catch {
    return [];
  }
};

export interface ObjectiveLabel {
  id: string;
  label: string;
}

export interface ObjectiveConflictView {
  /** What the other version links, in plan order, then any it links outside the current plan. */
  theirs: ObjectiveLabel[];
  /** Linked in the other version but not in this editor. */
  onlyTheirs: ObjectiveLabel[];
  /** Linked in this editor but not in the other version. */
  onlyMine: ObjectiveLabel[];
}

/** An objective neither the current plan nor its earlier versions name (an earlier episode's plan). */
export const UNKNOWN_OBJECTIVE = 'An objective not in the current plan';

/** Said after a linked objective a plan review has since removed: the link stays until the writer unlinks it. */
export const NO_LONGER_IN_PLAN = '(no longer in the current plan)';

/** A linked objective by its statement, marked when a review has removed it from the plan. */
export const objectiveLabel = (id: string, objectives: CurrentObjectives): string => {
  const current = objectives.items.find((o) => o.objectiveId === id);
  if (current) return current.statement;
  const removed = objectives.removed.find((o) => o.objectiveId === id);
  return removed ? `${removed.statement} ${NO_LONGER_IN_PLAN}` : UNKNOWN_OBJECTIVE;
};

/** The linked objectives the current plan no longer holds, in the order they are linked. */
export const linksOutsidePlan = (ids: readonly string[], objectives: CurrentObjectives): ObjectiveLabel[] =>
  ids
    .filter((id) => !objectives.items.some((o) => o.objectiveId === id))
    .map((id) => ({ id, label: objectiveLabel(id, objectives) }));

/** Both lists of linked objectives, named by their statements, and how they differ. */
export const describeObjectiveConflict = (
  mine: string | undefined,
  theirs: string,
  objectives: CurrentObjectives,
): ObjectiveConflictView => {
  const order = new Map(objectives.items.map((o, i) => [o.objectiveId, i]));
  const labelled = (ids: readonly string[]): ObjectiveLabel[] =>
    [...ids]
      .sort((a, b) => (order.get(a) ?? order.size) - (order.get(b) ?? order.size))
      .map((id) => ({ id, label: objectiveLabel(id, objectives) }));
  const mineIds = objectiveIdsOf(mine);
  const theirIds = objectiveIdsOf(theirs);
  return {
    theirs: labelled(theirIds),
    onlyTheirs: labelled(theirIds.filter((id) => !mineIds.includes(id))),
    onlyMine: labelled(mineIds.filter((id) => !theirIds.includes(id))),
  };
};
