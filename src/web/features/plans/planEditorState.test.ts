import { describe, expect, it } from 'vitest';
import {
  addIntervention,
  blankIntervention,
  blankProblem,
  changeObjective,
  edit,
  editorFrom,
  removalLabel,
  removeAt,
  undo,
} from './planEditorState.js';

const ids = () => {
  let n = 0;
  return () => `id-${(n += 1)}`;
};

describe('plan editor state', () => {
  it('changes, adds and removes at every level without touching the rest', () => {
    const newId = ids();
    const start = { problems: [blankProblem(newId), blankProblem(newId)] };
    const dated = changeObjective(start, { p: 1, g: 0, o: 0 }, { targetDate: '2026-12-24' });
    expect(dated.problems[1]?.goals[0]?.objectives[0]?.targetDate).toBe('2026-12-24');
    expect(dated.problems[0]).toBe(start.problems[0]);
    const withIntervention = addIntervention(
      dated,
      { p: 1, g: 0, o: 0 },
      blankIntervention(newId, 'staff-1'),
    );
    expect(withIntervention.problems[1]?.goals[0]?.objectives[0]?.interventions).toEqual([
      { id: 'id-7', description: '', modality: 'group', frequency: '', responsibleUserId: 'staff-1' },
    ]);
    const removed = removeAt(withIntervention, { p: 1, g: 0, o: 0, i: 0 });
    expect(removed.problems[1]?.goals[0]?.objectives[0]?.interventions).toEqual([]);
    expect(removeAt(removed, { p: 0 }).problems.map((p) => p.id)).toEqual(['id-4']);
    expect(removeAt(removed, { p: 1, g: 0 }).problems[1]?.goals).toEqual([]);
  });

  it('undoes a labelled step, restoring exactly what was there', () => {
    const newId = ids();
    const state = editorFrom({ content: { problems: [blankProblem(newId)] }, progress: [] });
    const typed = edit(state, {
      content: changeObjective(state.content, { p: 0, g: 0, o: 0 }, { statement: 'x' }),
    });
    expect(typed.history).toEqual([]);
    const removed = edit(
      typed,
      { content: removeAt(typed.content, { p: 0, g: 0, o: 0 }) },
      removalLabel({ p: 0, g: 0, o: 0 }),
    );
    expect(removed.history.at(-1)?.label).toBe('Removed objective 1 of goal 1');
    expect(removed.content.problems[0]?.goals[0]?.objectives).toEqual([]);
    const back = undo(removed);
    expect(back.content).toBe(typed.content);
    expect(back.history).toEqual([]);
    expect(back.dirty).toBe(true);
    expect(undo(back)).toBe(back);
  });
});
