import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors/domainError.js';
import { placeLevelOfCare, type PlacementInput } from './placeLevelOfCare.js';
import { DEFAULT_RULE_TABLE, type Dimension, type PlacementRuleTable, type Rating } from './ruleTable.js';

const ZERO: Record<Dimension, Rating> = { d1: 0, d2: 0, d3: 0, d4: 0, d5: 0, d6: 0 };
const place = (ratings: Partial<Record<Dimension, Rating>>, rest: Omit<PlacementInput, 'ratings'> = {}) =>
  placeLevelOfCare({ ratings: { ...ZERO, ...ratings }, dsm5Criteria: 5, ...rest });
const codes = (result: ReturnType<typeof placeLevelOfCare>) => result.considerations.map((c) => c.code);

const editRow = (
  dimension: Dimension,
  row: PlacementRuleTable['rows'][Dimension],
  version = 'edited-1',
): PlacementRuleTable => ({ version, rows: { ...DEFAULT_RULE_TABLE.rows, [dimension]: row } });

describe('readiness to change (dimension 4)', () => {
  // Our reading of SPEC §3: d4 may place someone in IOP (the default table maps 2–4 to IOP) but
  // never higher; see READINESS_CAP in placeLevelOfCare.ts.
  it('places low readiness alone in IOP, as the default table says, with motivational enhancement', () => {
    for (const d4 of [2, 3, 4] as const) {
      const result = place({ d4 });
      expect(result.level).toBe('IOP');
      expect(result.drivers).toMatchObject([{ kind: 'dimension', dimension: 'd4', rating: d4 }]);
      expect(codes(result)).toContain('motivational_enhancement');
    }
    expect(codes(place({ d4: 1 }))).not.toContain('motivational_enhancement');
  });

  it('caps an edited table that sends low readiness higher, and says so', () => {
    const table = editRow('d4', [
      { level: 'OP' },
      { level: 'IOP' },
      { level: 'PHP' },
      { level: 'RES' },
      { level: 'INP' },
    ]);
    const result = placeLevelOfCare({ ratings: { ...ZERO, d4: 4 }, dsm5Criteria: 5 }, table);
    expect(result.level).toBe('IOP');
    expect(result.dimensions.d4.minimumLevel).toBe('IOP');
    expect(result.notHigher.join(' ')).toMatch(
      /readiness to change \(dimension 4\) rated 4 maps to medically managed inpatient \(INP\) in the rule table, but low readiness alone never calls for more/i,
    );
  });

  it('ignores a withdrawal need on d4 in a table that skipped validation', () => {
    const table = editRow('d4', [
      { level: 'OP' },
      { level: 'OP' },
      { level: 'IOP', withdrawalManagement: 'medically_managed' },
      { level: 'IOP', withdrawalManagement: 'medically_managed' },
      { level: 'IOP', withdrawalManagement: 'medically_managed' },
    ]);
    const result = placeLevelOfCare({ ratings: { ...ZERO, d4: 3 }, dsm5Criteria: 5 }, table);
    expect(result).toMatchObject({ level: 'IOP', withdrawalManagement: 'none' });
  });

  it('does not change a level other dimensions already set', () => {
    expect(place({ d4: 4, d3: 3 }).level).toBe('PHP');
    expect(place({ d4: 4, d3: 3 }).drivers.map((d) => d.kind === 'dimension' && d.dimension)).toEqual(['d3']);
  });
});

describe('withdrawal management', () => {
  it('takes the WM need from d1 and reports ambulatory WM inside OP and IOP', () => {
    expect(place({ d1: 1 })).toMatchObject({ level: 'OP', withdrawalManagement: 'ambulatory' });
    expect(place({ d1: 2 })).toMatchObject({ level: 'IOP', withdrawalManagement: 'ambulatory' });
    expect(codes(place({ d1: 2 }))).toContain('ambulatory_wm');
  });

  it('takes the highest WM of any cell and raises the level to what it needs', () => {
    const table = editRow('d2', [
      { level: 'OP' },
      { level: 'OP' },
      { level: 'IOP' },
      { level: 'IOP', withdrawalManagement: 'medically_monitored' },
      { level: 'INP', withdrawalManagement: 'medically_managed' },
    ]);
    const result = placeLevelOfCare({ ratings: { ...ZERO, d1: 1, d2: 3 }, dsm5Criteria: 5 }, table);
    expect(result).toMatchObject({ level: 'RES', withdrawalManagement: 'medically_monitored' });
    expect(result.drivers[0]?.reason).toBe(
      'Biomedical conditions (dimension 2) rated 3 calls for medically monitored withdrawal management, which needs at least residential (RES).',
    );
    expect(result.notLower).toEqual([
      'Partial hospitalization (PHP) is not enough: biomedical conditions (dimension 2) rated 3 calls for medically monitored withdrawal management, which PHP cannot provide.',
    ]);
  });

  it('explains at RES that managed WM is not needed, and at INP that nothing higher exists', () => {
    expect(place({ d1: 3 }).notHigher).toContain(
      'Medically monitored withdrawal management can be provided at residential (RES); medically managed withdrawal management is not needed.',
    );
    expect(place({ d1: 4 }).notHigher).toEqual([
      'Medically managed inpatient (INP) is the most intensive level of care; no imminent danger to self or others was recorded, so emergency care is not needed.',
    ]);
  });
});

describe('flags', () => {
  it('routes imminent danger to EMERGENCY above everything, with no level and the flag as driver', () => {
    const result = place({ d1: 4 }, { dsm5Criteria: 0, flags: { imminentDanger: true } });
    expect(result.level).toBe('EMERGENCY');
    expect(result.drivers).toEqual([
      expect.objectContaining({ kind: 'flag', flag: 'imminentDanger', minimumLevel: 'EMERGENCY' }),
    ]);
    expect(result.notHigher).toEqual([]);
    expect(codes(result)).toEqual(['emergency_referral']);
    expect(result.withdrawalManagement).toBe('medically_managed');
  });

  it('raises to RES for 24-hour supervision, naming the flag only when it set the level', () => {
    const res = place({ d3: 2 }, { flags: { needs24HourSupervision: true } });
    expect(res.level).toBe('RES');
    expect(res.drivers.map((d) => d.kind)).toEqual(['flag']);
    expect(res.notLower).toEqual([
      'Partial hospitalization (PHP) is not enough: a need for 24-hour supervision was recorded, which only residential or inpatient care provides.',
    ]);
    const inp = place({ d2: 4 }, { flags: { needs24HourSupervision: true } });
    expect(inp.level).toBe('INP');
    expect(inp.drivers.map((d) => d.kind)).toEqual(['dimension']);
  });
});

describe('fewer than 2 DSM-5 criteria', () => {
  it('gives no SUD level, and says why, when nothing safety-relevant is present', () => {
    for (const criteria of [0, 1]) {
      const result = place({ d5: 4, d6: 4, d4: 4, d1: 2 }, { dsm5Criteria: criteria });
      expect(result.level).toBe('NONE');
      expect(result.severity).toBe('none');
      expect(result.drivers).toEqual([expect.objectContaining({ kind: 'criteria', dsm5Criteria: criteria })]);
      expect(result.notLower).toEqual([]);
      expect(result.notHigher.join(' ')).toMatch(
        /relapse or continued-use potential \(dimension 5\) rated 4/,
      );
      expect(codes(result)).toContain('early_intervention');
    }
  });

  it('starts SUD placement at exactly 2 criteria', () => {
    expect(place({ d5: 2 }, { dsm5Criteria: 2 }).level).toBe('IOP');
  });

  it('still places safety-relevant needs by the table, with sub_threshold_criteria', () => {
    const cases: [Partial<Record<Dimension, Rating>>, Omit<PlacementInput, 'ratings'>, string][] = [
      [{ d1: 3 }, {}, 'RES'],
      [{ d1: 4 }, {}, 'INP'],
      [{ d2: 3 }, {}, 'RES'],
      [{ d3: 3, d5: 2 }, {}, 'PHP'],
      [{ d5: 4 }, { flags: { needs24HourSupervision: true } }, 'RES'],
    ];
    for (const [ratings, rest, level] of cases) {
      const result = place(ratings, { dsm5Criteria: 1, ...rest });
      expect(result.level).toBe(level);
      expect(codes(result)).toContain('sub_threshold_criteria');
    }
  });

  it('lets imminent danger win over the criteria rule', () => {
    expect(place({}, { dsm5Criteria: 0, flags: { imminentDanger: true } }).level).toBe('EMERGENCY');
  });

  it('places continuing care by the table: reassessment, early remission, controlled environment', () => {
    const continuing: Omit<PlacementInput, 'ratings'>[] = [
      { continuingCare: true },
      { diagnosisSpecifier: 'in_early_remission' },
      { diagnosisSpecifier: 'in_controlled_environment' },
    ];
    for (const rest of continuing) {
      const result = place({ d5: 2 }, { dsm5Criteria: 0, ...rest });
      expect(result.level).toBe('IOP');
      expect(codes(result)).toContain('continuing_care');
    }
  });

  it('does not treat sustained remission or maintenance therapy alone as continuing care (not in SPEC §3)', () => {
    expect(place({ d5: 2 }, { dsm5Criteria: 1, diagnosisSpecifier: 'in_sustained_remission' }).level).toBe(
      'NONE',
    );
    expect(place({ d5: 2 }, { dsm5Criteria: 1, diagnosisSpecifier: 'on_maintenance_therapy' }).level).toBe(
      'NONE',
    );
  });

  it('places by the table and asks for the count when it is not recorded', () => {
    const result = placeLevelOfCare({ ratings: { ...ZERO, d5: 2 } });
    expect(result.level).toBe('IOP');
    expect(result.severity).toBeNull();
    expect(codes(result)).toContain('dsm5_not_recorded');
  });
});

describe('rationale', () => {
  it('names the driving dimensions by label and rating, why lower is not enough and why higher is not needed', () => {
    const result = place({ d1: 1, d3: 2, d5: 2, d6: 1 });
    expect(result.level).toBe('IOP');
    expect(result.drivers.map((d) => d.reason)).toEqual([
      'Emotional, behavioural or cognitive conditions (dimension 3) rated 2 requires at least intensive outpatient (IOP).',
      'Relapse or continued-use potential (dimension 5) rated 2 requires at least intensive outpatient (IOP).',
    ]);
    expect(result.notLower).toEqual([
      'Outpatient (OP) is not enough: emotional, behavioural or cognitive conditions (dimension 3) rated 2 requires at least intensive outpatient (IOP).',
      'Outpatient (OP) is not enough: relapse or continued-use potential (dimension 5) rated 2 requires at least intensive outpatient (IOP).',
    ]);
    expect(result.notHigher).toEqual([
      'No dimension requires more than intensive outpatient (IOP).',
      'No need for 24-hour supervision was recorded.',
      'Ambulatory withdrawal management can be provided alongside intensive outpatient (IOP).',
    ]);
  });

  it('at OP names the dimensions rated above 0, or all six when every rating is 0', () => {
    expect(place({ d5: 1 }).drivers.map((d) => d.kind === 'dimension' && d.dimension)).toEqual(['d5']);
    expect(place({}).drivers).toHaveLength(6);
    expect(place({}, { dsm5Criteria: 3 }).notLower).toEqual([
      'Outpatient (OP) is the least intensive level of care; 3 DSM-5 criteria are met (mild substance use disorder), so treatment rather than education alone is indicated.',
    ]);
  });

  it('reports severity from the DSM-5 count', () => {
    expect(place({}, { dsm5Criteria: 3 }).severity).toBe('mild');
    expect(place({}, { dsm5Criteria: 5 }).severity).toBe('moderate');
    expect(place({}, { dsm5Criteria: 6 }).severity).toBe('severe');
  });

  it('reports every dimension minimum for override screens', () => {
    expect(place({ d1: 3, d4: 2 }).dimensions).toMatchObject({
      d1: { rating: 3, minimumLevel: 'RES', withdrawalManagement: 'medically_monitored' },
      d4: { rating: 2, minimumLevel: 'IOP', withdrawalManagement: 'none' },
      d6: { rating: 0, minimumLevel: 'OP', withdrawalManagement: 'none' },
    });
  });
});

describe('considerations from the decision factors', () => {
  it('suggests the evening track for work or school, the day track on request, nothing for caregiving alone', () => {
    expect(codes(place({ d5: 2 }, { factors: { responsibilities: ['school'] } }))).toContain('evening_track');
    expect(
      codes(place({ d5: 2 }, { factors: { responsibilities: ['work'], preferredSchedule: 'day' } })),
    ).toContain('day_track');
    const caregiving = codes(place({ d5: 2 }, { factors: { responsibilities: ['caregiving'] } }));
    expect(caregiving).not.toContain('evening_track');
    expect(caregiving).not.toContain('day_track');
  });

  it('asks for leave instead of a track at PHP and above', () => {
    const result = place(
      { d5: 3 },
      { factors: { responsibilities: ['work'], preferredSchedule: 'evening' } },
    );
    expect(result.level).toBe('PHP');
    expect(codes(result)).toContain('responsibilities_leave');
    expect(codes(result)).not.toContain('evening_track');
  });

  it('maps coverage, home, support and relapse history', () => {
    expect(codes(place({ d5: 2 }, { factors: { coverage: 'verified' } }))).toEqual(['prior_authorization']);
    expect(codes(place({}, { factors: { coverage: 'verified' } }))).toEqual([]);
    expect(codes(place({}, { factors: { coverage: 'unverified' } }))).toEqual(['coverage_unverified']);
    expect(codes(place({}, { factors: { coverage: 'none' } }))).toEqual(['no_coverage']);
    expect(codes(place({}, { factors: { coverage: 'self_pay' } }))).toEqual(['self_pay']);
    expect(
      codes(place({}, { factors: { homeSafe: false, supportPresent: false, relapseAfterTreatment: true } })),
    ).toEqual(['home_unsafe', 'no_support', 'relapse_history']);
    expect(codes(place({}, { factors: { homeSafe: true, supportPresent: true } }))).toEqual([]);
  });

  it('gives every consideration a text', () => {
    const result = place(
      { d1: 1, d4: 3 },
      { dsm5Criteria: 1, continuingCare: true, factors: { coverage: 'none', homeSafe: false } },
    );
    for (const c of result.considerations) expect(c.text.length).toBeGreaterThan(10);
  });
});

describe('input checks', () => {
  const fieldsOf = (run: () => unknown): string[] => {
    try {
      run();
    } catch (error) {
      if (error instanceof DomainError && error.code === 'VALIDATION_FAILED')
        return error.fields.map((f) => f.field);
      throw error;
    }
    return [];
  };

  it('refuses ratings outside 0–4, criteria outside 0–11 and unknown specifiers, naming each field', () => {
    const bad = {
      ratings: { ...ZERO, d3: 5, d6: 1.5 },
      dsm5Criteria: 12,
      diagnosisSpecifier: 'cured',
    } as unknown as PlacementInput;
    expect(fieldsOf(() => placeLevelOfCare(bad))).toEqual([
      '/ratings/d3',
      '/ratings/d6',
      '/dsm5Criteria',
      '/diagnosisSpecifier',
    ]);
    const missing = { ratings: { d1: 0 } } as unknown as PlacementInput;
    expect(fieldsOf(() => placeLevelOfCare(missing))).toEqual([
      '/ratings/d2',
      '/ratings/d3',
      '/ratings/d4',
      '/ratings/d5',
      '/ratings/d6',
    ]);
  });
});
