import { describe, expect, it } from 'vitest';
import {
  type ConsiderationCode,
  placeLevelOfCare,
  type PlacementInput,
  type PlacementLevel,
} from './placeLevelOfCare.js';
import type { Rating, WithdrawalManagement } from './ruleTable.js';

/**
 * Golden vignettes: short synthetic patient stories, rated the way an intake clinician would rate
 * them, with the level, WM need and drivers the clinician would name. Ratings are written as a
 * six-digit string d1..d6 to keep each story readable.
 */

interface Vignette {
  story: string;
  ratings: string;
  input?: Omit<PlacementInput, 'ratings'>;
  level: PlacementLevel;
  wm: WithdrawalManagement;
  drivers: string[];
  considerations?: ConsiderationCode[];
}

const VIGNETTES: Vignette[] = [
  {
    // A 52-year-old man drinks a litre of vodka a day; he had a withdrawal seizure two years ago when
    // he stopped abruptly. Last drink 10 hours ago, CIWA-Ar 14 and climbing. Controlled hypertension.
    // Wants help, lives with his supportive sister.
    story: 'alcohol with prior withdrawal seizures',
    ratings: '311131',
    input: { dsm5Criteria: 8 },
    level: 'RES',
    wm: 'medically_monitored',
    drivers: ['d1'],
  },
  {
    // A 47-year-old woman brought in by her daughter three days after her last drink: confused, sees
    // insects on the wall, heart rate 128, tremor, sweating. History of DTs.
    story: 'alcohol withdrawal delirium now',
    ratings: '421232',
    input: { dsm5Criteria: 9 },
    level: 'INP',
    wm: 'medically_managed',
    drivers: ['d1'],
  },
  {
    // A 34-year-old electrician uses fentanyl daily, COWS 9 at intake, wants buprenorphine. Lives with
    // his wife, who supports treatment; works 7–3:30 and cannot lose the job. Insurance verified.
    story: 'opioid use, mild COWS, stable home, working',
    ratings: '201121',
    input: {
      dsm5Criteria: 6,
      factors: {
        responsibilities: ['work'],
        preferredSchedule: 'either',
        homeSafe: true,
        supportPresent: true,
        coverage: 'verified',
      },
    },
    level: 'IOP',
    wm: 'ambulatory',
    drivers: ['d1', 'd5'],
    considerations: ['ambulatory_wm', 'evening_track', 'prior_authorization'],
  },
  {
    // A 29-year-old with methamphetamine use says she has a gun at home and intends to use it tonight.
    story: 'active suicidal intent',
    ratings: '004121',
    input: { dsm5Criteria: 7, flags: { imminentDanger: true } },
    level: 'EMERGENCY',
    wm: 'none',
    drivers: ['flag:imminentDanger'],
    considerations: ['emergency_referral'],
  },
  {
    // A 20-year-old student referred after one episode of driving after drinking at a party; no other
    // problems in the past year. One DSM-5 criterion (hazardous use).
    story: 'one DSM-5 criterion',
    ratings: '000110',
    input: { dsm5Criteria: 1 },
    level: 'NONE',
    wm: 'none',
    drivers: ['criteria'],
    considerations: ['early_intervention'],
  },
  {
    // A 41-year-old man finishing 28 days of residential care for methamphetamine use. No use for 4
    // weeks, some craving (1 criterion now), in early remission. Returning to his mother's house;
    // still at risk of use when back in his neighbourhood.
    story: 'continuing-care step-down from residential',
    ratings: '001121',
    input: { dsm5Criteria: 1, continuingCare: true, diagnosisSpecifier: 'in_early_remission' },
    level: 'IOP',
    wm: 'none',
    drivers: ['d5'],
    considerations: ['continuing_care'],
  },
  {
    // A 38-year-old woman using crack cocaine several times a week lives with a partner who uses and
    // has hit her. She has nowhere else to stay yet.
    story: 'unsafe home',
    ratings: '001123',
    input: { dsm5Criteria: 6, factors: { homeSafe: false, supportPresent: false } },
    level: 'PHP',
    wm: 'none',
    drivers: ['d6'],
    considerations: ['home_unsafe', 'no_support'],
  },
  {
    // A 45-year-old man sleeping in his car after eviction, drinking daily, no contacts, was assaulted
    // twice at the camp where he sometimes stays.
    story: 'no home and danger where he stays',
    ratings: '111124',
    input: { dsm5Criteria: 7, factors: { homeSafe: false } },
    level: 'RES',
    wm: 'ambulatory',
    drivers: ['d6'],
    considerations: ['ambulatory_wm', 'home_unsafe'],
  },
  {
    // A 26-year-old court-referred after a cannabis possession charge: says he has no problem and is
    // only here for the judge. Three criteria; no withdrawal, health or mood problems; lives with
    // supportive parents; uses on weekends.
    story: 'low readiness alone',
    ratings: '000310',
    input: { dsm5Criteria: 3 },
    level: 'IOP',
    wm: 'none',
    drivers: ['d4'],
    considerations: ['motivational_enhancement'],
  },
  {
    // A 33-year-old teacher with alcohol use disorder and depression (PHQ-9 16, item 9 = 0), drinking
    // most nights; wants evening sessions to keep teaching.
    story: 'co-occurring depression, evening preference',
    ratings: '102121',
    input: { dsm5Criteria: 5, factors: { preferredSchedule: 'evening', responsibilities: ['work'] } },
    level: 'IOP',
    wm: 'ambulatory',
    drivers: ['d3', 'd5'],
    considerations: ['ambulatory_wm', 'evening_track'],
  },
  {
    // A 30-year-old man with schizophrenia stopped his medication, hears voices telling him to drink,
    // has no thoughts of harming anyone, and needs daily structure to restart treatment.
    story: 'decompensating psychosis with alcohol use',
    ratings: '113221',
    input: { dsm5Criteria: 4 },
    level: 'PHP',
    wm: 'ambulatory',
    drivers: ['d3'],
  },
  {
    // A 27-year-old pregnant woman (20 weeks) on methadone, occasional heroin use, prenatal care to
    // coordinate; cares for a toddler and wants day sessions while the child is at day care.
    story: 'pregnant, on methadone, caregiving',
    ratings: '021121',
    input: {
      dsm5Criteria: 5,
      diagnosisSpecifier: 'on_maintenance_therapy',
      factors: { responsibilities: ['caregiving'], preferredSchedule: 'day' },
    },
    level: 'IOP',
    wm: 'none',
    drivers: ['d2', 'd5'],
    considerations: ['day_track'],
  },
  {
    // A 58-year-old man with decompensated alcoholic cirrhosis (ascites, needs daily nursing checks)
    // who drinks daily; moderate withdrawal expected, no seizure history.
    story: 'serious medical condition needing daily nursing',
    ratings: '231121',
    input: { dsm5Criteria: 6, factors: { responsibilities: ['work'] } },
    level: 'RES',
    wm: 'ambulatory',
    drivers: ['d2'],
    considerations: ['ambulatory_wm', 'responsibilities_leave'],
  },
  {
    // A 71-year-old widow with early dementia drinks wine all day and forgets meals and medication;
    // she cannot be left alone, though each dimension alone would fit outpatient care.
    story: 'needs 24-hour supervision',
    ratings: '112111',
    input: { dsm5Criteria: 4, flags: { needs24HourSupervision: true } },
    level: 'RES',
    wm: 'ambulatory',
    drivers: ['flag:needs24HourSupervision'],
  },
  {
    // A 44-year-old nurse, 3 criteria for opioid use disorder (diverted pills), stopped 2 weeks ago,
    // motivated, strong family support, some craving. Works day shifts.
    story: 'mild disorder, motivated, good support',
    ratings: '000011',
    input: { dsm5Criteria: 3, factors: { responsibilities: ['work'], supportPresent: true } },
    level: 'OP',
    wm: 'none',
    drivers: ['d5', 'd6'],
    considerations: ['evening_track'],
  },
  {
    // A walk-in whose screening is not finished: daily cannabis and alcohol, returning to use after a
    // previous IOP; criteria not yet counted.
    story: 'DSM-5 criteria not yet recorded',
    ratings: '101021',
    input: { factors: { relapseAfterTreatment: true, coverage: 'unverified' } },
    level: 'IOP',
    wm: 'ambulatory',
    drivers: ['d5'],
    considerations: ['dsm5_not_recorded', 'ambulatory_wm', 'relapse_history', 'coverage_unverified'],
  },
  {
    // A 50-year-old takes alprazolam exactly as prescribed (so tolerance and withdrawal do not count
    // as criteria: 1 criterion) and had a seizure on a past rapid taper. She now asks to come off it.
    story: 'sub-threshold but needs monitored withdrawal',
    ratings: '310010',
    input: { dsm5Criteria: 1 },
    level: 'RES',
    wm: 'medically_monitored',
    drivers: ['d1'],
    considerations: ['sub_threshold_criteria'],
  },
  {
    // A 36-year-old has relapsed after two IOPs and a residential stay; using heroin daily with
    // overwhelming craving; stable home; no insurance.
    story: 'repeated relapse after treatment, uninsured',
    ratings: '201131',
    input: { dsm5Criteria: 8, factors: { relapseAfterTreatment: true, coverage: 'none' } },
    level: 'PHP',
    wm: 'ambulatory',
    drivers: ['d5'],
    considerations: ['relapse_history', 'no_coverage'],
  },
  {
    // A 23-year-old intoxicated on PCP threatens to kill his brother, in the waiting room.
    story: 'imminent danger to others while intoxicated',
    ratings: '203331',
    input: { dsm5Criteria: 6, flags: { imminentDanger: true } },
    level: 'EMERGENCY',
    wm: 'ambulatory',
    drivers: ['flag:imminentDanger'],
  },
];

const ratingsOf = (digits: string) => {
  const [d1, d2, d3, d4, d5, d6] = [...digits].map((c) => Number(c) as Rating);
  return { d1: d1!, d2: d2!, d3: d3!, d4: d4!, d5: d5!, d6: d6! };
};

describe('golden vignettes', () => {
  it('has enough of them', () => {
    expect(VIGNETTES.length).toBeGreaterThanOrEqual(15);
  });

  it.each(VIGNETTES)('$story → $level', (v) => {
    const result = placeLevelOfCare({ ratings: ratingsOf(v.ratings), ...v.input });
    expect(result.level).toBe(v.level);
    expect(result.withdrawalManagement).toBe(v.wm);
    const drivers = result.drivers.map((d) =>
      d.kind === 'dimension' ? d.dimension : d.kind === 'flag' ? `flag:${d.flag}` : 'criteria',
    );
    expect(drivers).toEqual(v.drivers);
    const codes = result.considerations.map((c) => c.code);
    for (const code of v.considerations ?? []) expect(codes).toContain(code);
    for (const driver of result.drivers) expect(driver.reason.length).toBeGreaterThan(0);
    if (v.level !== 'NONE') expect(result.notLower.length).toBeGreaterThan(0);
    if (v.level !== 'EMERGENCY') expect(result.notHigher.length).toBeGreaterThan(0);
  });
});
