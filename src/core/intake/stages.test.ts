import { describe, expect, it } from 'vitest';
import {
  allowedNextStages,
  followingStage,
  INQUIRY_STAGES,
  isTerminalStage,
  OPEN_STAGES,
  stageChangeProblems,
  TERMINAL_STAGES,
} from './stages.js';

describe('the stage machine', () => {
  it('walks the happy path new → screened → assessment scheduled → assessed → admitted', () => {
    const path = ['new'] as (typeof INQUIRY_STAGES)[number][];
    for (let next = followingStage('new'); next !== null; next = followingStage(next)) path.push(next);
    expect(path).toEqual(['new', 'screened', 'assessment_scheduled', 'assessed', 'admitted']);
    for (let i = 1; i < path.length; i += 1) {
      const from = path[i - 1];
      const to = path[i];
      if (!from || !to) throw new Error('unreachable');
      expect(allowedNextStages(from)).toContain(to);
    }
  });

  it('lets every open stage close and no terminal stage move', () => {
    for (const stage of OPEN_STAGES) {
      expect(isTerminalStage(stage)).toBe(false);
      expect(allowedNextStages(stage)).toContain('closed');
    }
    for (const stage of TERMINAL_STAGES) {
      expect(isTerminalStage(stage)).toBe(true);
      expect(allowedNextStages(stage)).toEqual([]);
      expect(followingStage(stage)).toBeNull();
    }
  });

  it('judges every pair of stages exactly as the transition table says (exhaustive)', () => {
    for (const from of INQUIRY_STAGES) {
      for (const to of INQUIRY_STAGES) {
        const problems = stageChangeProblems({
          from,
          to,
          reason: 'Chose a program closer to home',
          assessmentAt: '2026-11-26T15:00:00.000Z',
          hasPatient: true,
        });
        expect(problems.length === 0, `${from} → ${to}`).toBe(allowedNextStages(from).includes(to));
      }
    }
  });

  it('needs a reason to close, and says so', () => {
    for (const reason of [undefined, null, '', '   ']) {
      expect(stageChangeProblems({ from: 'new', to: 'closed', reason, hasPatient: false })).toEqual([
        { kind: 'missing', field: 'reason', message: 'Say why the inquiry is closed.' },
      ]);
    }
    expect(
      stageChangeProblems({
        from: 'new',
        to: 'closed',
        reason: 'No answer after three calls',
        hasPatient: false,
      }),
    ).toEqual([]);
  });

  it('needs an assessment time to schedule, and a patient record to admit', () => {
    expect(
      stageChangeProblems({ from: 'screened', to: 'assessment_scheduled', hasPatient: false }),
    ).toMatchObject([{ kind: 'missing', field: 'assessmentAt' }]);
    expect(stageChangeProblems({ from: 'assessed', to: 'admitted', hasPatient: false })).toMatchObject([
      { kind: 'not_allowed' },
    ]);
    expect(stageChangeProblems({ from: 'assessed', to: 'admitted', hasPatient: true })).toEqual([]);
  });

  it('explains a refused move with the moves that are possible', () => {
    const [problem] = stageChangeProblems({ from: 'new', to: 'assessed', hasPatient: false });
    expect(problem?.message).toBe('An inquiry that is new can move to screened or closed, not to assessed.');
    const [final] = stageChangeProblems({ from: 'closed', to: 'new', hasPatient: false });
    expect(final?.message).toMatch(/final/);
    const [same] = stageChangeProblems({ from: 'screened', to: 'screened', hasPatient: false });
    expect(same?.message).toMatch(/already/);
  });
});
