import { describe, expect, it } from 'vitest';
import { DEFAULT_PLAN_TEMPLATES } from './defaultTemplates.js';
import { dimensionsToAddress, problemFromTemplate, problemsFromPlacement } from './prefill.js';
import { objectivesOf, planModalities } from './review.js';

const counter = () => {
  let n = 0;
  return () => `00000000-0000-4000-8000-${String((n += 1)).padStart(12, '0')}`;
};
const options = (diagnosisIds: string[] = []) => ({
  newId: counter(),
  today: '2026-11-24',
  responsibleUserId: 'clinician-1',
  diagnosisIds,
});

describe('pre-filling from the placement', () => {
  it('addresses the drivers first, then other dimensions rated 2 or more, once each', () => {
    expect(
      dimensionsToAddress({
        drivers: [
          {
            kind: 'dimension',
            dimension: 'd5',
            rating: 3,
            minimumLevel: 'IOP',
            withdrawalManagement: 'none',
            reason: '',
          },
          { kind: 'flag', flag: 'needs24HourSupervision', minimumLevel: 'RES', reason: '' },
        ],
        ratings: { d1: 1, d3: 2, d5: 3, d6: 4 },
      }),
    ).toEqual(['d5', 'd3', 'd6']);
  });

  it('builds one problem per dimension from the first template for it, and reports dimensions without one', () => {
    const templates = DEFAULT_PLAN_TEMPLATES.filter((t) => t.dimension !== 'd6');
    const { problems, withoutTemplate } = problemsFromPlacement(
      { drivers: [], ratings: { d3: 2, d6: 3 } },
      templates,
      options(),
    );
    expect(problems.map((p) => p.dimensions)).toEqual([['d3']]);
    expect(withoutTemplate).toEqual(['d6']);
  });

  it("leaves goals for the patient's own words, dates objectives from today and names the responsible clinician", () => {
    const relapse = DEFAULT_PLAN_TEMPLATES.find((t) => t.dimension === 'd5')!;
    const problem = problemFromTemplate(relapse, options(['dx-1']));
    expect(problem.diagnosisIds).toEqual(['dx-1']);
    expect(problem.goals[0]).toMatchObject({ statement: '', prompt: relapse.content.goals[0]!.prompt });
    expect(objectivesOf({ problems: [problem] }).map((o) => o.targetDate)).toEqual([
      '2026-12-08',
      '2026-12-24',
    ]);
    expect(problem.goals[0]!.objectives[0]!.interventions[0]!.responsibleUserId).toBe('clinician-1');
    // Every id is new and distinct: objectives are later linked to by notes.
    const ids = [
      problem.id,
      ...problem.goals.flatMap((g) => [
        g.id,
        ...g.objectives.flatMap((o) => [o.id, ...o.interventions.map((i) => i.id)]),
      ]),
    ];
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('links diagnoses only to problems about use itself', () => {
    const mood = DEFAULT_PLAN_TEMPLATES.find((t) => t.dimension === 'd3')!;
    expect(problemFromTemplate(mood, options(['dx-1'])).diagnosisIds).toEqual([]);
  });

  it('offers a template for every dimension, each using the scheduler’s session kinds', () => {
    expect(new Set(DEFAULT_PLAN_TEMPLATES.map((t) => t.dimension)).size).toBe(6);
    const all = DEFAULT_PLAN_TEMPLATES.map((t) => problemFromTemplate(t, options()));
    expect(planModalities({ problems: all })).toEqual([
      'medication',
      'case-management',
      'individual',
      'group',
      'family',
    ]);
  });
});
