import type {
  ObjectiveProgress,
  PlanContent,
  PlanGoal,
  PlanIntervention,
  PlanObjective,
  PlanProblem,
} from '../../../core/api/plans.js';

/**
 * The plan editor's edits as pure functions over the content: add, change and remove at any level,
 * with an undo history, so a removal is one keystroke from being taken back.
 */

export interface Where {
  p: number;
  g?: number;
  o?: number;
  i?: number;
}

export const blankProblem = (newId: () => string): PlanProblem => ({
  id: newId(),
  statement: '',
  dimensions: [],
  diagnosisIds: [],
  goals: [blankGoal(newId)],
});
export const blankGoal = (newId: () => string): PlanGoal => ({
  id: newId(),
  statement: '',
  objectives: [blankObjective(newId)],
});
export const blankObjective = (newId: () => string): PlanObjective => ({
  id: newId(),
  statement: '',
  targetDate: null,
  interventions: [],
});
export const blankIntervention = (
  newId: () => string,
  responsibleUserId: string | null,
): PlanIntervention => ({
  id: newId(),
  description: '',
  modality: 'group',
  frequency: '',
  responsibleUserId,
});

const replaceAt = <T>(list: readonly T[], index: number, update: (item: T) => T): T[] =>
  list.map((item, n) => (n === index ? update(item) : item));

const mapGoal = (content: PlanContent, w: Where, update: (g: PlanGoal) => PlanGoal): PlanContent => ({
  problems: replaceAt(content.problems, w.p, (p) => ({ ...p, goals: replaceAt(p.goals, w.g ?? 0, update) })),
});
const mapObjective = (content: PlanContent, w: Where, update: (o: PlanObjective) => PlanObjective) =>
  mapGoal(content, w, (g) => ({ ...g, objectives: replaceAt(g.objectives, w.o ?? 0, update) }));

export const changeProblem = (content: PlanContent, w: Where, patch: Partial<PlanProblem>): PlanContent => ({
  problems: replaceAt(content.problems, w.p, (p) => ({ ...p, ...patch })),
});
export const changeGoal = (content: PlanContent, w: Where, patch: Partial<PlanGoal>): PlanContent =>
  mapGoal(content, w, (g) => ({ ...g, ...patch }));
export const changeObjective = (content: PlanContent, w: Where, patch: Partial<PlanObjective>): PlanContent =>
  mapObjective(content, w, (o) => ({ ...o, ...patch }));
export const changeIntervention = (
  content: PlanContent,
  w: Where,
  patch: Partial<PlanIntervention>,
): PlanContent =>
  mapObjective(content, w, (o) => ({
    ...o,
    interventions: replaceAt(o.interventions, w.i ?? 0, (i) => ({ ...i, ...patch })),
  }));

export const addProblems = (content: PlanContent, problems: readonly PlanProblem[]): PlanContent => ({
  problems: [...content.problems, ...problems],
});
export const addGoal = (content: PlanContent, w: Where, goal: PlanGoal): PlanContent => ({
  problems: replaceAt(content.problems, w.p, (p) => ({ ...p, goals: [...p.goals, goal] })),
});
export const addObjective = (content: PlanContent, w: Where, objective: PlanObjective): PlanContent =>
  mapGoal(content, w, (g) => ({ ...g, objectives: [...g.objectives, objective] }));
export const addIntervention = (
  content: PlanContent,
  w: Where,
  intervention: PlanIntervention,
): PlanContent =>
  mapObjective(content, w, (o) => ({ ...o, interventions: [...o.interventions, intervention] }));

const without = <T>(list: readonly T[], index: number): T[] => list.filter((_, n) => n !== index);

/** Removes the deepest item `w` names. */
export const removeAt = (content: PlanContent, w: Where): PlanContent => {
  if (w.i !== undefined)
    return mapObjective(content, w, (o) => ({ ...o, interventions: without(o.interventions, w.i ?? 0) }));
  if (w.o !== undefined)
    return mapGoal(content, w, (g) => ({ ...g, objectives: without(g.objectives, w.o ?? 0) }));
  if (w.g !== undefined)
    return {
      problems: replaceAt(content.problems, w.p, (p) => ({ ...p, goals: without(p.goals, w.g ?? 0) })),
    };
  return { problems: without(content.problems, w.p) };
};

/** What a removal says in the undo bar, e.g. `Removed objective 2 of goal 1`. */
export const removalLabel = (w: Where): string => {
  if (w.i !== undefined) return `Removed intervention ${w.i + 1} of objective ${(w.o ?? 0) + 1}`;
  if (w.o !== undefined) return `Removed objective ${w.o + 1} of goal ${(w.g ?? 0) + 1}`;
  if (w.g !== undefined) return `Removed goal ${w.g + 1} of problem ${w.p + 1}`;
  return `Removed problem ${w.p + 1}`;
};

export interface Draft {
  content: PlanContent;
  progress: ObjectiveProgress[];
}

export interface EditorState extends Draft {
  /** Earlier states, newest last, each with what the step did. */
  history: { draft: Draft; label: string }[];
  /** Changed since the last save or load. */
  dirty: boolean;
}

export const editorFrom = (draft: Draft): EditorState => ({ ...draft, history: [], dirty: false });

/** Applies an edit; `label` marks a step worth offering to undo (removals and additions from the library). */
export const edit = (state: EditorState, next: Partial<Draft>, label?: string): EditorState => ({
  content: next.content ?? state.content,
  progress: next.progress ?? state.progress,
  history: label
    ? [...state.history.slice(-19), { draft: { content: state.content, progress: state.progress }, label }]
    : state.history,
  dirty: true,
});

export const undo = (state: EditorState): EditorState => {
  const last = state.history.at(-1);
  if (!last) return state;
  return { ...last.draft, history: state.history.slice(0, -1), dirty: true };
};

export const setProgress = (
  progress: readonly ObjectiveProgress[],
  objectiveId: string,
  patch: Partial<ObjectiveProgress>,
): ObjectiveProgress[] => progress.map((p) => (p.objectiveId === objectiveId ? { ...p, ...patch } : p));
