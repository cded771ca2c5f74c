import { describe, expect, it } from 'vitest';
import {
  NO_LONGER_IN_PLAN,
  UNKNOWN_OBJECTIVE,
  describeObjectiveConflict,
  linksOutsidePlan,
  objectiveIdsOf,
  objectivesText,
} from './draftObjectives.js';

const objective = (objectiveId: string, statement: string) => ({
  objectiveId,
  statement,
  targetDate: null,
  goal: 'I want to keep my job.',
  problem: 'Drinks most evenings.',
});
const plan = {
  planVersionId: 'v2',
  items: [
    objective('o-b', 'Names 5 triggers and a coping response for each.'),
    objective('o-a', 'Attends 3 groups a week.'),
    objective('o-c', 'Calls a support person before using.'),
  ],
  // A review dropped this one from the first version.
  removed: [objective('o-old', 'Keeps a daily craving log.')],
};

describe('linked objectives in a draft', () => {
  it('round-trip as a sorted list without repeats, and read garbage as none', () => {
    expect(objectivesText(['o-c', 'o-a', 'o-c'])).toBe('["o-a","o-c"]');
    expect(objectiveIdsOf(objectivesText(['o-b']))).toEqual(['o-b']);
    expect(objectiveIdsOf(undefined)).toEqual([]);
    expect(objectiveIdsOf('not json')).toEqual([]);
    expect(objectiveIdsOf('{"o-a":1}')).toEqual([]);
    expect(objectiveIdsOf('["o-a",7]')).toEqual(['o-a']);
  });

  it('name both sides by statement, in plan order, and say what differs', () => {
    const view = describeObjectiveConflict(
      objectivesText(['o-a', 'o-b']),
      objectivesText(['o-c', 'o-b']),
      plan,
    );
    expect(view).toEqual({
      theirs: [
        { id: 'o-b', label: 'Names 5 triggers and a coping response for each.' },
        { id: 'o-c', label: 'Calls a support person before using.' },
      ],
      onlyTheirs: [{ id: 'o-c', label: 'Calls a support person before using.' }],
      onlyMine: [{ id: 'o-a', label: 'Attends 3 groups a week.' }],
    });
    expect(JSON.stringify(view)).not.toContain('["');
  });

  it('shows an objective outside the current plan as such, never as a raw id', () => {
    const view = describeObjectiveConflict('[]', objectivesText(['gone', 'o-a', 'o-old']), plan);
    expect(view.theirs).toEqual([
      { id: 'o-a', label: 'Attends 3 groups a week.' },
      { id: 'gone', label: UNKNOWN_OBJECTIVE },
      { id: 'o-old', label: `Keeps a daily craving log. ${NO_LONGER_IN_PLAN}` },
    ]);
    expect(describeObjectiveConflict(undefined, '[]', plan)).toEqual({
      theirs: [],
      onlyTheirs: [],
      onlyMine: [],
    });
  });

  it('lists the links a plan review has since removed, by statement, so the writer can unlink them', () => {
    expect(linksOutsidePlan(['o-a', 'o-old', 'gone'], plan)).toEqual([
      { id: 'o-old', label: 'Keeps a daily craving log. (no longer in the current plan)' },
      { id: 'gone', label: UNKNOWN_OBJECTIVE },
    ]);
    expect(linksOutsidePlan(['o-a', 'o-b'], plan)).toEqual([]);
  });
});
