import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LEVELS_OF_CARE, type LevelOfCare } from '../care/levels.js';
import { placeLevelOfCare, type PlacementInput } from './placeLevelOfCare.js';
import {
  DEFAULT_RULE_TABLE,
  DIMENSION_IDS,
  type Dimension,
  type PlacementRuleTable,
  type Rating,
  type RuleCell,
  type RuleRow,
  validateRuleTable,
  WITHDRAWAL_MANAGEMENT_LEVELS,
} from './ruleTable.js';

// Own ranking, not the module's: EMERGENCY above every level, NONE below OP.
const RANK = ['NONE', 'OP', 'IOP', 'PHP', 'RES', 'INP', 'EMERGENCY'];
const rank = (level: string) => RANK.indexOf(level);

const rating = fc.constantFrom<Rating>(0, 1, 2, 3, 4);
const ratings = fc.record<Record<Dimension, Rating>>({
  d1: rating,
  d2: rating,
  d3: rating,
  d4: rating,
  d5: rating,
  d6: rating,
});

const input = fc.record(
  {
    ratings,
    flags: fc.record({ needs24HourSupervision: fc.boolean(), imminentDanger: fc.boolean() }),
    dsm5Criteria: fc.integer({ min: 0, max: 11 }),
    continuingCare: fc.boolean(),
    diagnosisSpecifier: fc.constantFrom(
      'in_early_remission',
      'in_sustained_remission',
      'in_controlled_environment',
      'on_maintenance_therapy',
    ),
  },
  { requiredKeys: ['ratings'] },
) as fc.Arbitrary<PlacementInput>;

/** Any table an admin could save: each row non-decreasing in level and WM; no WM on d4. */
const row = (dimension: Dimension): fc.Arbitrary<RuleRow> =>
  fc
    .tuple(
      fc.array(fc.integer({ min: 0, max: LEVELS_OF_CARE.length - 1 }), { minLength: 5, maxLength: 5 }),
      fc.array(fc.integer({ min: 0, max: WITHDRAWAL_MANAGEMENT_LEVELS.length - 1 }), {
        minLength: 5,
        maxLength: 5,
      }),
      fc.boolean(),
    )
    .map(([levels, wms, withWm]) => {
      const sortedLevels = [...levels].sort((a, b) => a - b);
      const sortedWms = [...wms].sort((a, b) => a - b);
      return sortedLevels.map((l, i): RuleCell => {
        const level = LEVELS_OF_CARE[l] as LevelOfCare;
        const wm = WITHDRAWAL_MANAGEMENT_LEVELS[sortedWms[i]!]!;
        return withWm && dimension !== 'd4' ? { level, withdrawalManagement: wm } : { level };
      }) as RuleRow;
    });

const table: fc.Arbitrary<PlacementRuleTable> = fc.record({
  version: fc.string({ minLength: 1, maxLength: 64 }).filter((v) => v.trim() !== ''),
  rows: fc.record<Record<Dimension, RuleRow>>({
    d1: row('d1'),
    d2: row('d2'),
    d3: row('d3'),
    d4: row('d4'),
    d5: row('d5'),
    d6: row('d6'),
  }),
});
const anyTable = fc.oneof(fc.constant(DEFAULT_RULE_TABLE), table);

describe('placeLevelOfCare properties', () => {
  it('generates only tables validateRuleTable accepts', () => {
    fc.assert(fc.property(table, (t) => validateRuleTable(t).ok));
  });

  it('never lowers the level when any rating is raised', () => {
    fc.assert(
      fc.property(
        input,
        anyTable,
        fc.constantFrom(...DIMENSION_IDS),
        fc.integer({ min: 1, max: 4 }),
        (base, t, dimension, step) => {
          const raised = Math.min(4, base.ratings[dimension] + step) as Rating;
          const higherInput = { ...base, ratings: { ...base.ratings, [dimension]: raised } };
          expect(rank(placeLevelOfCare(higherInput, t).level)).toBeGreaterThanOrEqual(
            rank(placeLevelOfCare(base, t).level),
          );
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('never lowers the level when a flag is set', () => {
    fc.assert(
      fc.property(input, fc.constantFrom('needs24HourSupervision', 'imminentDanger'), (base, flag) => {
        const flagged = { ...base, flags: { ...base.flags, [flag]: true } };
        expect(rank(placeLevelOfCare(flagged).level)).toBeGreaterThanOrEqual(
          rank(placeLevelOfCare(base).level),
        );
      }),
    );
  });

  it('names at least one driver unless the answer is NONE, and echoes the table version', () => {
    fc.assert(
      fc.property(input, anyTable, (i, t) => {
        const result = placeLevelOfCare(i, t);
        if (result.level !== 'NONE') expect(result.drivers.length).toBeGreaterThan(0);
        expect(result.tableVersion).toBe(t.version);
      }),
      { numRuns: 1000 },
    );
  });

  it('never returns IOP (or OP or PHP) when WM is monitored/managed or 24-hour supervision is flagged', () => {
    fc.assert(
      fc.property(input, anyTable, (i, t) => {
        const result = placeLevelOfCare(i, t);
        const excluded =
          result.withdrawalManagement === 'medically_monitored' ||
          result.withdrawalManagement === 'medically_managed' ||
          i.flags?.needs24HourSupervision === true;
        if (excluded) expect(['RES', 'INP', 'EMERGENCY']).toContain(result.level);
        if (result.withdrawalManagement === 'medically_managed') {
          expect(['INP', 'EMERGENCY']).toContain(result.level);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('returns EMERGENCY exactly when imminent danger is flagged', () => {
    fc.assert(
      fc.property(input, (i) => {
        expect(placeLevelOfCare(i).level === 'EMERGENCY').toBe(i.flags?.imminentDanger === true);
      }),
    );
  });

  it('never lets readiness alone lift the level above IOP, whatever the table says', () => {
    fc.assert(
      fc.property(input, anyTable, rating, (i, t, readiness) => {
        const without = placeLevelOfCare({ ...i, ratings: { ...i.ratings, d4: 0 } }, t).level;
        const withReadiness = placeLevelOfCare({ ...i, ratings: { ...i.ratings, d4: readiness } }, t).level;
        expect(rank(withReadiness)).toBeLessThanOrEqual(Math.max(rank(without), rank('IOP')));
      }),
      { numRuns: 1000 },
    );
  });

  it("places at or above every non-readiness dimension's table level unless NONE or EMERGENCY", () => {
    fc.assert(
      fc.property(input, anyTable, (i, t) => {
        const result = placeLevelOfCare(i, t);
        if (result.level === 'NONE' || result.level === 'EMERGENCY') return;
        for (const d of DIMENSION_IDS) {
          if (d === 'd4') continue;
          expect(rank(result.level)).toBeGreaterThanOrEqual(rank(t.rows[d][i.ratings[d]].level));
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('states why lower is not enough and why higher is not needed for every placed level', () => {
    fc.assert(
      fc.property(input, (i) => {
        const result = placeLevelOfCare(i);
        if (result.level !== 'NONE') expect(result.notLower.length).toBeGreaterThan(0);
        if (result.level !== 'EMERGENCY') expect(result.notHigher.length).toBeGreaterThan(0);
      }),
    );
  });
});
