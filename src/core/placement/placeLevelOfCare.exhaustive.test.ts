import { describe, expect, it } from 'vitest';
import { placeLevelOfCare, type PlacementInput } from './placeLevelOfCare.js';
import type { Rating } from './ruleTable.js';

/**
 * Every combination of the six ratings × both flags × continuing care × DSM-5 counts, against the
 * default table of SPEC §3 restated here by hand (deliberately not using the module's helpers).
 */

const ORDER = ['NONE', 'OP', 'IOP', 'PHP', 'RES', 'INP', 'EMERGENCY'];
const higher = (a: string, b: string) => (ORDER.indexOf(a) >= ORDER.indexOf(b) ? a : b);

// SPEC §3 default table, one array per dimension, index = rating.
const D1 = ['OP', 'OP', 'IOP', 'RES', 'INP'];
const D1_WM = ['none', 'ambulatory', 'ambulatory', 'medically_monitored', 'medically_managed'];
const D2 = ['OP', 'OP', 'IOP', 'RES', 'INP'];
const D3 = ['OP', 'OP', 'IOP', 'PHP', 'INP'];
const D4 = ['OP', 'OP', 'IOP', 'IOP', 'IOP'];
const D5 = ['OP', 'OP', 'IOP', 'PHP', 'RES'];
const D6 = ['OP', 'OP', 'IOP', 'PHP', 'RES'];

interface Case {
  r: number[];
  supervision: boolean;
  danger: boolean;
  continuing: boolean;
  criteria: number | undefined;
}

const expected = ({ r, supervision, danger, continuing, criteria }: Case) => {
  const [r1 = 0, r2 = 0, r3 = 0, r4 = 0, r5 = 0, r6 = 0] = r;
  const wm = D1_WM[r1]!;
  if (danger) return { level: 'EMERGENCY', wm, drivers: ['flag:imminentDanger'] };
  const mins = [D1[r1]!, D2[r2]!, D3[r3]!, D4[r4]!, D5[r5]!, D6[r6]!];
  let level = mins.reduce(higher, 'OP');
  if (supervision) level = higher(level, 'RES');
  const safety = supervision || r1 >= 3 || r2 >= 3 || r3 >= 3;
  if (criteria !== undefined && criteria < 2 && !continuing && !safety) {
    return { level: 'NONE', wm, drivers: ['criteria'] };
  }
  const atLevel = [0, 1, 2, 3, 4, 5].filter((i) => mins[i] === level);
  const rated = atLevel.filter((i) => r[i]! > 0);
  const drivers = (rated.length > 0 ? rated : atLevel).map((i) => `d${i + 1}`);
  if (supervision && level === 'RES') drivers.push('flag:needs24HourSupervision');
  return { level, wm, drivers };
};

describe('placeLevelOfCare over the whole default-table space', () => {
  it('matches the hand-written restatement for all 5^6 ratings × flags × continuing care × DSM-5 counts', () => {
    const mismatches: string[] = [];
    let checked = 0;
    const r = [0, 0, 0, 0, 0, 0];
    for (let code = 0; code < 5 ** 6; code++) {
      let rest = code;
      for (let i = 0; i < 6; i++) {
        r[i] = rest % 5;
        rest = Math.floor(rest / 5);
      }
      const ratings = {
        d1: r[0] as Rating,
        d2: r[1] as Rating,
        d3: r[2] as Rating,
        d4: r[3] as Rating,
        d5: r[4] as Rating,
        d6: r[5] as Rating,
      };
      for (const supervision of [false, true]) {
        for (const danger of [false, true]) {
          for (const continuing of [false, true]) {
            for (const criteria of [undefined, 1, 2]) {
              const input: PlacementInput = {
                ratings,
                flags: { needs24HourSupervision: supervision, imminentDanger: danger },
                continuingCare: continuing,
                ...(criteria === undefined ? {} : { dsm5Criteria: criteria }),
              };
              const actual = placeLevelOfCare(input);
              const want = expected({ r, supervision, danger, continuing, criteria });
              const got = actual.drivers.map((d) =>
                d.kind === 'dimension' ? d.dimension : d.kind === 'flag' ? `flag:${d.flag}` : 'criteria',
              );
              checked++;
              if (
                actual.level !== want.level ||
                actual.withdrawalManagement !== want.wm ||
                got.join() !== want.drivers.join() ||
                actual.tableVersion !== 'default-2026-11' ||
                (actual.level !== 'NONE' && actual.notLower.length === 0) ||
                (actual.level !== 'EMERGENCY' && actual.notHigher.length === 0)
              ) {
                if (mismatches.length < 20) {
                  mismatches.push(
                    `${JSON.stringify({ r, supervision, danger, continuing, criteria })}: got ${actual.level}/${actual.withdrawalManagement}/${got.join()} want ${want.level}/${want.wm}/${want.drivers.join()}`,
                  );
                }
              }
            }
          }
        }
      }
    }
    expect(mismatches).toEqual([]);
    expect(checked).toBe(5 ** 6 * 2 * 2 * 2 * 3);
  });
});
