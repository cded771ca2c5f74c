import { describe, expect, it } from 'vitest';
import { ANALYTES } from './analytes.js';
import { analytesForMedication, MEDICATION_ANALYTES, matchMedication } from './medicationAnalytes.js';
import { PANELS } from './panels.js';

const of = (name: string, matType: Parameters<typeof analytesForMedication>[0]['matType'] = null) =>
  analytesForMedication({ name, matType });

describe('medication → analyte mapping', () => {
  it.each([
    ['buprenorphine', ['BUP']],
    ['Buprenorphine-naloxone 8 mg/2 mg film', ['BUP']],
    ['SUBOXONE 8/2', ['BUP']],
    ['Subutex', ['BUP']],
    ['Zubsolv 5.7/1.4 mg', ['BUP']],
    ['Sublocade 300 mg monthly', ['BUP']],
    ['Brixadi weekly', ['BUP']],
    ['Methadone 80 mg', ['MTD', 'EDDP']],
    ['Methadose oral concentrate', ['MTD', 'EDDP']],
    ['OxyContin 10 mg', ['OXY']],
    ['Percocet 5/325', ['OXY']],
    ['Norco 5/325', ['OPI']],
    ['Alprazolam 0.5 mg', ['BZO']],
    ['Xanax', ['BZO']],
    ['Adderall XR 20 mg', ['AMP']],
    ['dextroamphetamine-amphetamine', ['AMP']],
    ['Vyvanse', ['AMP']],
    ['Desoxyn', ['MET']],
    ['Fioricet', ['BAR']],
    ['Marinol', ['THC']],
    ['Tylenol #3', ['OPI']],
  ])('%s is expected to show as %j', (name, expected) => {
    expect(of(name).expected).toEqual(expected);
  });

  it.each(['Naltrexone 50 mg', 'Vivitrol 380 mg', 'Sertraline 50 mg', 'Acamprosate', 'Gabapentin'])(
    '%s is not detected by common panels',
    (name) => {
      expect(of(name)).toMatchObject({ expected: [], explains: [] });
    },
  );

  it('matches on the MAT type when the name does not say it', () => {
    expect(of('Bup film (generic)', 'buprenorphine').expected).toEqual(['BUP']);
    expect(of('Liquid dose', 'methadone_otp').expected).toEqual(['MTD', 'EDDP']);
    expect(of('Monthly injection', 'naltrexone_extended_release').expected).toEqual([]);
  });

  it('matches whole words only: methamphetamine is not amphetamine, and no substring of another word counts', () => {
    expect(matchMedication({ name: 'Methamphetamine (Desoxyn)', matType: null }).map((e) => e.key)).toEqual([
      'methamphetamine',
    ]);
    expect(of('Oxybutynin 5 mg').explains).toEqual([]);
    expect(of('Morphinelike placeholder').explains).toEqual([]);
  });

  it('oxycodone explains an opiate positive without expecting one', () => {
    expect(of('Oxycodone 5 mg')).toMatchObject({ expected: ['OXY'], explains: ['OXY', 'OPI'] });
  });

  it('clonazepam and lorazepam explain a benzodiazepine positive but are not expected to show', () => {
    expect(of('Klonopin 0.5 mg')).toMatchObject({ expected: [], explains: ['BZO'] });
    expect(of('lorazepam')).toMatchObject({ expected: [], explains: ['BZO'] });
  });

  it('extended-release buprenorphine stays detectable for months after the last injection', () => {
    expect(of('Sublocade', 'buprenorphine').detectableDaysAfterStop).toBeGreaterThanOrEqual(60);
    expect(of('Suboxone', 'buprenorphine').detectableDaysAfterStop).toBeLessThan(30);
  });

  it('names only analytes the screens know, and every analyte appears on some panel', () => {
    const known = new Set<string>(ANALYTES);
    for (const entry of MEDICATION_ANALYTES) {
      for (const a of [...entry.expected, ...entry.explains]) expect(known.has(a)).toBe(true);
      for (const n of entry.names) expect(n).toBe(n.toLowerCase());
    }
    const onPanels = new Set(PANELS.flatMap((p) => p.analytes));
    expect(ANALYTES.filter((a) => !onPanels.has(a))).toEqual([]);
  });

  it('the 12-panel cup holds the usual twelve analytes', () => {
    expect(PANELS.find((p) => p.code === 'urine_cup_12')?.analytes).toEqual([
      'AMP',
      'BAR',
      'BZO',
      'BUP',
      'COC',
      'MDMA',
      'MET',
      'MTD',
      'OPI',
      'OXY',
      'PCP',
      'THC',
    ]);
  });
});
