import { describe, expect, it } from 'vitest';
import type { PlanContent } from '../api/plans.js';
import {
  alignProgress,
  initialProgress,
  objectivesOf,
  planModalities,
  progressCounts,
  removedObjectives,
} from './review.js';

const plan: PlanContent = {
  problems: [
    {
      id: 'p1',
      statement: 'Problem one',
      dimensions: ['d5'],
      diagnosisIds: [],
      goals: [
        {
          id: 'g1',
          statement: 'Goal one',
          objectives: [
            { id: 'o1', statement: 'Objective one', targetDate: '2026-12-01', interventions: [] },
            {
              id: 'o2',
              statement: 'Objective two',
              targetDate: null,
              interventions: [
                {
                  id: 'i1',
                  description: 'Group',
                  modality: 'group',
                  frequency: 'Weekly',
                  responsibleUserId: null,
                },
                {
                  id: 'i2',
                  description: 'Group again',
                  modality: 'group',
                  frequency: 'Weekly',
                  responsibleUserId: null,
                },
                {
                  id: 'i3',
                  description: 'Family',
                  modality: 'family',
                  frequency: 'Monthly',
                  responsibleUserId: null,
                },
              ],
            },
          ],
        },
      ],
    },
  ],
};

describe('review progress', () => {
  it('lists objectives with their goal and problem', () => {
    expect(objectivesOf(plan)).toEqual([
      {
        objectiveId: 'o1',
        statement: 'Objective one',
        targetDate: '2026-12-01',
        goal: 'Goal one',
        problem: 'Problem one',
      },
      {
        objectiveId: 'o2',
        statement: 'Objective two',
        targetDate: null,
        goal: 'Goal one',
        problem: 'Problem one',
      },
    ]);
  });

  it('starts with an empty entry per objective and keeps saved entries aligned to the reviewed objectives', () => {
    expect(initialProgress(plan)).toEqual([
      { objectiveId: 'o1', status: null, comment: '' },
      { objectiveId: 'o2', status: null, comment: '' },
    ]);
    expect(
      alignProgress(plan, [
        { objectiveId: 'o2', status: 'met', comment: 'Done' },
        { objectiveId: 'gone', status: 'met', comment: '' },
      ]),
    ).toEqual([
      { objectiveId: 'o1', status: null, comment: '' },
      { objectiveId: 'o2', status: 'met', comment: 'Done' },
    ]);
  });

  it('lists the objectives reviews removed, each once in its last wording', () => {
    const withObjectives = (objectives: { id: string; statement: string }[]): PlanContent => ({
      problems: [
        {
          id: 'p1',
          statement: 'Problem one',
          dimensions: ['d5'],
          diagnosisIds: [],
          goals: [
            {
              id: 'g1',
              statement: 'Goal one',
              objectives: objectives.map((o) => ({ ...o, targetDate: null, interventions: [] })),
            },
          ],
        },
      ],
    });
    const first = withObjectives([
      { id: 'o1', statement: 'First wording' },
      { id: 'o2', statement: 'Kept' },
    ]);
    const second = withObjectives([
      { id: 'o1', statement: 'Reworded' },
      { id: 'o2', statement: 'Kept' },
    ]);
    const third = withObjectives([{ id: 'o2', statement: 'Kept' }]);
    expect(removedObjectives([third, second, first])).toEqual([
      {
        objectiveId: 'o1',
        statement: 'Reworded',
        targetDate: null,
        goal: 'Goal one',
        problem: 'Problem one',
      },
    ]);
    expect(removedObjectives([second, first])).toEqual([]);
    expect(removedObjectives([])).toEqual([]);
  });

  it('counts statuses and lists each modality once', () => {
    expect(
      progressCounts([
        { objectiveId: 'o1', status: 'met', comment: '' },
        { objectiveId: 'o2', status: null, comment: '' },
      ]),
    ).toEqual({
      met: 1,
      progressing: 0,
      not_met: 0,
      revised: 0,
    });
    expect(planModalities(plan)).toEqual(['group', 'family']);
  });
});
