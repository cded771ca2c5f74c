import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ANALYTE_RESULTS, type Analyte, type AnalyteResultEntry } from './analytes.js';
import { interpretScreen, medicationsOnCollectionDate, type ScreenMedication } from './interpretScreen.js';
import { analytesForMedication } from './medicationAnalytes.js';
import { panelByCode } from './panels.js';

const TWELVE = panelByCode('urine_cup_12')?.analytes ?? [];
const FOURTEEN = panelByCode('urine_cup_14')?.analytes ?? [];

/** Every analyte of a panel negative, except the ones given. */
const cup = (
  overrides: Partial<Record<Analyte, AnalyteResultEntry['result']>> = {},
  panel: readonly Analyte[] = TWELVE,
) => ({
  refused: false,
  results: panel.map((analyte) => ({ analyte, result: overrides[analyte] ?? 'negative' })),
});

const med = (name: string, extra: Partial<ScreenMedication> = {}): ScreenMedication => ({
  id: `med-${name}`,
  name,
  matType: null,
  startedOn: '2026-10-01',
  stoppedOn: null,
  ...extra,
});

const on = (meds: ScreenMedication[], date = '2026-11-24') => medicationsOnCollectionDate(meds, date);

describe('interpretScreen', () => {
  it('a buprenorphine patient with BUP negative is an expected negative', () => {
    const suboxone = med('Suboxone 8 mg/2 mg', { matType: 'buprenorphine' });
    const reading = interpretScreen(cup(), on([suboxone]));
    expect(reading.expectedNegatives).toEqual([
      {
        medicationId: suboxone.id,
        medicationName: 'Suboxone 8 mg/2 mg',
        label: 'buprenorphine',
        analytes: ['BUP'],
      },
    ]);
    expect(reading.unexpectedPositives).toEqual([]);
    expect(reading.needsReview).toBe(true);
  });

  it('BUP positive on buprenorphine is explained; a fentanyl positive is not', () => {
    const reading = interpretScreen(
      cup({ BUP: 'positive', FEN: 'positive' }, FOURTEEN),
      on([med('Suboxone', { matType: 'buprenorphine' })]),
    );
    expect(reading.expectedNegatives).toEqual([]);
    expect(reading.explainedPositives).toEqual([{ analyte: 'BUP', medicationIds: ['med-Suboxone'] }]);
    expect(reading.unexpectedPositives).toEqual(['FEN']);
  });

  it('methadone is detected when either MTD or EDDP is positive', () => {
    const methadone = med('Methadone 90 mg', { matType: 'methadone_otp' });
    const lab = panelByCode('lab_confirmation')?.analytes ?? [];
    expect(interpretScreen(cup({ EDDP: 'positive' }, lab), on([methadone])).expectedNegatives).toEqual([]);
    expect(interpretScreen(cup({}, lab), on([methadone])).expectedNegatives[0]?.analytes).toEqual([
      'MTD',
      'EDDP',
    ]);
    // The 12-panel cup tests MTD only.
    expect(interpretScreen(cup(), on([methadone])).expectedNegatives[0]?.analytes).toEqual(['MTD']);
  });

  it('a medication the panel does not test is listed as not tested, not as an expected negative', () => {
    const reading = interpretScreen(
      cup({}, panelByCode('urine_etg')?.analytes ?? []),
      on([med('Suboxone', { matType: 'buprenorphine' })]),
    );
    expect(reading.expectedNegatives).toEqual([]);
    expect(reading.notTested.map((n) => n.label)).toEqual(['buprenorphine']);
    expect(reading.needsReview).toBe(false);
  });

  it('naltrexone expects nothing, so an all-negative screen needs no review', () => {
    const reading = interpretScreen(
      cup(),
      on([med('Vivitrol 380 mg', { matType: 'naltrexone_extended_release' })]),
    );
    expect(reading).toMatchObject({ expectedNegatives: [], notTested: [], needsReview: false });
  });

  it('an oxycodone prescription explains OXY and OPI positives', () => {
    const reading = interpretScreen(cup({ OXY: 'positive', OPI: 'positive' }), on([med('Oxycodone 5 mg')]));
    expect(reading.unexpectedPositives).toEqual([]);
    expect(reading.explainedPositives.map((p) => p.analyte)).toEqual(['OPI', 'OXY']);
  });

  it('a medication not started yet or stopped long ago explains nothing and expects nothing', () => {
    const later = med('Xanax', { startedOn: '2026-11-25' });
    const longAgo = med('Adderall', { startedOn: '2026-01-01', stoppedOn: '2026-03-01' });
    const reading = interpretScreen(cup({ BZO: 'positive', AMP: 'positive' }), on([later, longAgo]));
    expect(reading.unexpectedPositives).toEqual(['AMP', 'BZO']);
    expect(reading.expectedNegatives).toEqual([]);
  });

  it('a medication stopped a few days before still explains its positive, but is no longer expected', () => {
    const stopped = med('Suboxone', { matType: 'buprenorphine', stoppedOn: '2026-11-20' });
    expect(on([stopped]).active).toEqual([]);
    expect(on([stopped]).recentlyStopped).toEqual([stopped]);
    expect(interpretScreen(cup({ BUP: 'positive' }), on([stopped])).unexpectedPositives).toEqual([]);
    expect(interpretScreen(cup(), on([stopped])).expectedNegatives).toEqual([]);
  });

  it('a stop date is the first day without the medication', () => {
    const stoppedToday = med('Suboxone', { matType: 'buprenorphine', stoppedOn: '2026-11-24' });
    expect(on([stoppedToday]).active).toEqual([]);
    expect(on([stoppedToday], '2026-11-23').active).toEqual([stoppedToday]);
  });

  it('dilute, invalid and refused analytes are specimen issues and never count as negative', () => {
    const reading = interpretScreen(
      cup({ BUP: 'dilute', THC: 'invalid' }),
      on([med('Suboxone', { matType: 'buprenorphine' })]),
    );
    expect(reading.expectedNegatives).toEqual([]);
    expect(reading.specimenIssues).toEqual([
      { analyte: 'BUP', result: 'dilute' },
      { analyte: 'THC', result: 'invalid' },
    ]);
    expect(reading.needsReview).toBe(true);
  });

  it('a refused specimen needs review and says nothing else', () => {
    const reading = interpretScreen(
      { refused: true, results: [] },
      on([med('Suboxone', { matType: 'buprenorphine' })]),
    );
    expect(reading).toMatchObject({ specimenRefused: true, expectedNegatives: [], needsReview: true });
  });
});

// --- Properties -----------------------------------------------------------------------------------

const MED_NAMES = [
  'Suboxone',
  'Sublocade',
  'Methadone',
  'Vivitrol',
  'Oxycodone',
  'Norco',
  'Xanax',
  'Klonopin',
  'Adderall',
  'Desoxyn',
  'Fioricet',
  'Marinol',
  'Sertraline',
] as const;

const arbMed = fc.record({
  id: fc.uuid(),
  name: fc.constantFrom(...MED_NAMES),
  matType: fc.constant(null),
  startedOn: fc.constantFrom('2026-01-01', '2026-11-01', '2026-11-24', '2026-12-01'),
  stoppedOn: fc.constantFrom(null, '2026-06-01', '2026-11-20', '2026-11-24', '2026-12-10'),
});
const arbMeds = fc
  .array(arbMed, { maxLength: 5 })
  .map((meds) => meds.filter((m) => !m.stoppedOn || m.stoppedOn >= m.startedOn));
const arbScreen = fc
  .tuple(
    fc.constantFrom(TWELVE, FOURTEEN, panelByCode('lab_confirmation')?.analytes ?? []),
    fc.array(fc.constantFrom(...ANALYTE_RESULTS), { minLength: 15, maxLength: 15 }),
  )
  .map(([panel, results]) => ({
    refused: false,
    results: panel.map((analyte, i) => ({ analyte, result: results[i] ?? 'negative' })),
  }));

describe('interpretScreen under any results and medications', () => {
  it('every positive is either unexpected or explained, never both', () => {
    fc.assert(
      fc.property(arbScreen, arbMeds, (screen, meds) => {
        const reading = interpretScreen(screen, on(meds));
        const positives = screen.results.filter((r) => r.result === 'positive').map((r) => r.analyte);
        const explained = reading.explainedPositives.map((p) => p.analyte);
        expect([...reading.unexpectedPositives, ...explained].sort()).toEqual([...positives].sort());
        expect(reading.unexpectedPositives.filter((a) => explained.includes(a))).toEqual([]);
      }),
    );
  });

  it('with no medications, the unexpected positives are exactly the positives and nothing is expected', () => {
    fc.assert(
      fc.property(arbScreen, (screen) => {
        const reading = interpretScreen(screen, on([]));
        expect(reading.unexpectedPositives).toEqual(
          screen.results.filter((r) => r.result === 'positive').map((r) => r.analyte),
        );
        expect(reading.expectedNegatives).toEqual([]);
      }),
    );
  });

  it('adding a medication never adds an unexpected positive', () => {
    fc.assert(
      fc.property(arbScreen, arbMeds, arbMed, (screen, meds, extra) => {
        if (extra.stoppedOn && extra.stoppedOn < extra.startedOn) return;
        const before = interpretScreen(screen, on(meds)).unexpectedPositives;
        const after = interpretScreen(screen, on([...meds, extra])).unexpectedPositives;
        expect(after.every((a) => before.includes(a))).toBe(true);
      }),
    );
  });

  it('an expected negative is an active medication whose tested analytes are all negative', () => {
    fc.assert(
      fc.property(arbScreen, arbMeds, (screen, meds) => {
        const active = on(meds).active;
        const reading = interpretScreen(screen, on(meds));
        for (const e of reading.expectedNegatives) {
          const m = active.find((a) => a.id === e.medicationId);
          expect(m).toBeDefined();
          if (!m) continue;
          expect(e.analytes.length).toBeGreaterThan(0);
          expect(e.analytes.every((a) => analytesForMedication(m).expected.includes(a))).toBe(true);
          for (const a of e.analytes)
            expect(screen.results.find((r) => r.analyte === a)?.result).toBe('negative');
        }
      }),
    );
  });

  it('needs review exactly when something is unexpected, missing or wrong with the specimen', () => {
    fc.assert(
      fc.property(arbScreen, arbMeds, (screen, meds) => {
        const r = interpretScreen(screen, on(meds));
        expect(r.needsReview).toBe(
          r.unexpectedPositives.length + r.expectedNegatives.length + r.specimenIssues.length > 0,
        );
      }),
    );
  });
});
