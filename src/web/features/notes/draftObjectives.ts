import type { CurrentObjective } from '../../../core/api/plans.js';

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

/** An objective a review has since removed, or that the plan could not be loaded to name. */
export const UNKNOWN_OBJECTIVE = 'An objective not in the current plan';

/** Both lists of linked objectives, named by their statements, and how they differ. */
export const describeObjectiveConflict = (
  mine: string | undefined,
  theirs: string,
  objectives: readonly CurrentObjective[],
): ObjectiveConflictView => {
  const order = new Map(objectives.map((o, i) => [o.objectiveId, i]));
  const labelled = (ids: readonly string[]): ObjectiveLabel[] =>
    [...ids]
      .sort((a, b) => (order.get(a) ?? order.size) - (order.get(b) ?? order.size))
      .map((id) => ({
        id,
        label: objectives.find((o) => o.objectiveId === id)?.statement ?? UNKNOWN_OBJECTIVE,
      }));
  const mineIds = objectiveIdsOf(mine);
  const theirIds = objectiveIdsOf(theirs);
  return {
    theirs: labelled(theirIds),
    onlyTheirs: labelled(theirIds.filter((id) => !mineIds.includes(id))),
    onlyMine: labelled(mineIds.filter((id) => !theirIds.includes(id))),
  };
};
