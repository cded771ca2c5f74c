import type { FieldError } from '../errors/domainError.js';

/**
 * Which plan objectives a note may link (SPEC §7: each note records the objectives it addressed, and
 * plan reviews list the notes by objective): those of the patient's own current plan, so a review
 * never counts a note against someone else's objective. A link the draft already holds stays
 * allowed after a plan review drops its objective: it was valid when made, and refusing it would
 * lock the writer out of autosaving a draft whose picker no longer shows that objective.
 */
export const objectiveLinkProblems = (
  requested: readonly string[],
  currentPlan: ReadonlySet<string>,
  alreadyLinked: readonly string[],
  path: string,
): FieldError[] =>
  requested.flatMap((id, i) =>
    currentPlan.has(id) || alreadyLinked.includes(id)
      ? []
      : [{ field: `${path}/${i}`, message: 'is not an objective of this patient’s current treatment plan' }],
  );
