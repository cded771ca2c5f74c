import { describe, expect, it } from 'vitest';
import type { PlanContent } from '../api/plans.js';
import {
  planSignProblems,
  planStructureProblems,
  progressStructureProblems,
  reviewSignProblems,
} from './validate.js';

const STAFF = 'a0000000-0000-4000-8000-000000000001';
const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

const complete = (): PlanContent => ({
  problems: [
    {
      id: id(1),
      statement: 'Drinks most evenings.',
      dimensions: ['d5'],
      diagnosisIds: [],
      goals: [
        {
          id: id(2),
          statement: 'I want to keep my job.',
          objectives: [
            {
              id: id(3),
              statement: 'Writes a relapse prevention plan.',
              targetDate: '2026-12-24',
              interventions: [
                {
                  id: id(4),
                  description: 'Relapse prevention group',
                  modality: 'group',
                  frequency: 'Weekly',
                  responsibleUserId: STAFF,
                },
              ],
            },
          ],
        },
      ],
    },
  ],
});

const facts = { today: '2026-11-24', staffIds: new Set([STAFF]) };

describe('planStructureProblems', () => {
  it('accepts a plan with unique ids and the patient’s own diagnoses', () => {
    const plan = complete();
    plan.problems[0]!.diagnosisIds = [id(9)];
    expect(planStructureProblems(plan, new Set([id(9)]))).toEqual([]);
  });

  it('names ids used twice, repeated dimensions and diagnoses of someone else', () => {
    const plan = complete();
    const problem = plan.problems[0]!;
    problem.dimensions = ['d5', 'd5'];
    problem.diagnosisIds = [id(8)];
    problem.goals[0]!.objectives[0]!.interventions[0]!.id = id(3);
    expect(planStructureProblems(plan, new Set()).map((f) => f.field)).toEqual([
      '/content/problems/0/dimensions',
      '/content/problems/0/diagnosisIds/0',
      '/content/problems/0/goals/0/objectives/0/interventions/0/id',
    ]);
  });

  it('lets a draft be incomplete', () => {
    const plan = complete();
    plan.problems[0]!.goals[0]!.statement = '';
    plan.problems[0]!.goals[0]!.objectives = [];
    expect(planStructureProblems(plan, new Set())).toEqual([]);
  });
});

describe('planSignProblems', () => {
  it('accepts a complete plan', () => {
    expect(planSignProblems(complete(), facts)).toEqual([]);
  });

  it('asks for at least one problem', () => {
    expect(planSignProblems({ problems: [] }, facts)).toEqual([
      { field: '/content/problems', message: 'add at least one problem' },
    ]);
  });

  it('names every missing or wrong field, at every level', () => {
    const plan = complete();
    const problem = plan.problems[0]!;
    problem.statement = ' ';
    problem.dimensions = [];
    const goal = problem.goals[0]!;
    goal.statement = '';
    const objective = goal.objectives[0]!;
    objective.statement = '';
    objective.targetDate = '2026-11-23';
    const intervention = objective.interventions[0]!;
    intervention.description = '';
    intervention.frequency = '';
    intervention.responsibleUserId = id(7);
    plan.problems.push({ id: id(10), statement: 'x', dimensions: ['d1'], diagnosisIds: [], goals: [] });
    expect(planSignProblems(plan, facts)).toEqual([
      { field: '/content/problems/0/statement', message: 'describe the problem' },
      { field: '/content/problems/0/dimensions', message: 'link at least one placement dimension' },
      {
        field: '/content/problems/0/goals/0/statement',
        message: "write the goal in the patient's own words",
      },
      {
        field: '/content/problems/0/goals/0/objectives/0/statement',
        message: 'describe a measurable objective',
      },
      {
        field: '/content/problems/0/goals/0/objectives/0/targetDate',
        message: 'must not be before today (2026-11-24)',
      },
      {
        field: '/content/problems/0/goals/0/objectives/0/interventions/0/description',
        message: 'describe the intervention',
      },
      {
        field: '/content/problems/0/goals/0/objectives/0/interventions/0/frequency',
        message: 'say how often',
      },
      {
        field: '/content/problems/0/goals/0/objectives/0/interventions/0/responsibleUserId',
        message: 'is not an active staff member',
      },
      { field: '/content/problems/1/goals', message: 'add at least one goal' },
    ]);
  });

  it("keeps a review's unchanged past targets, but a changed target must lie ahead", () => {
    const plan = complete();
    const objective = plan.problems[0]!.goals[0]!.objectives[0]!;
    objective.targetDate = '2026-11-01';
    const carriedOver = new Map([[id(3), '2026-11-01']]);
    expect(planSignProblems(plan, { ...facts, carriedOver })).toEqual([]);
    objective.targetDate = '2026-11-02';
    expect(planSignProblems(plan, { ...facts, carriedOver }).map((f) => f.field)).toEqual([
      '/content/problems/0/goals/0/objectives/0/targetDate',
    ]);
  });

  it('asks for target dates, objectives and interventions', () => {
    const plan = complete();
    const goal = plan.problems[0]!.goals[0]!;
    goal.objectives[0]!.targetDate = null;
    goal.objectives[0]!.interventions = [];
    goal.objectives.push({ id: id(11), statement: 'x', targetDate: '2026-11-24', interventions: [] });
    expect(planSignProblems(plan, facts).map((f) => `${f.field} ${f.message}`)).toEqual([
      '/content/problems/0/goals/0/objectives/0/targetDate set a target date',
      '/content/problems/0/goals/0/objectives/0/interventions add at least one intervention',
      '/content/problems/0/goals/0/objectives/1/interventions add at least one intervention',
    ]);
  });
});

describe('review progress', () => {
  it('accepts entries for reviewed objectives only, once each', () => {
    const reviewed = new Set([id(3)]);
    expect(progressStructureProblems([{ objectiveId: id(3), status: 'met', comment: '' }], reviewed)).toEqual(
      [],
    );
    expect(
      progressStructureProblems(
        [
          { objectiveId: id(3), status: 'met', comment: '' },
          { objectiveId: id(3), status: 'met', comment: '' },
          { objectiveId: id(5), status: null, comment: '' },
        ],
        reviewed,
      ).map((f) => `${f.field} ${f.message}`),
    ).toEqual([
      '/progress/1/objectiveId is reviewed twice',
      '/progress/2/objectiveId is not an objective of the reviewed plan',
    ]);
  });

  it('needs a status for every reviewed objective and a reason when not met or revised', () => {
    const ids = [id(3), id(4), id(5), id(6)];
    const progress = [
      { objectiveId: id(3), status: 'met' as const, comment: '' },
      { objectiveId: id(4), status: 'not_met' as const, comment: ' ' },
      { objectiveId: id(5), status: 'revised' as const, comment: 'Target moved.' },
      { objectiveId: id(6), status: null, comment: '' },
    ];
    expect(reviewSignProblems(progress, ids).map((f) => f.field)).toEqual([
      '/progress/1/comment',
      '/progress/3/status',
    ]);
    expect(reviewSignProblems([], [id(3)])).toEqual([
      { field: '/progress', message: `record the progress on objective ${id(3)}` },
    ]);
  });
});
