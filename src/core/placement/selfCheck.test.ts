import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors/domainError.js';
import {
  evaluateSelfCheck,
  SELF_CHECK_ALWAYS_SHOWN,
  SELF_CHECK_MESSAGE_KEYS,
  SELF_CHECK_QUESTIONS,
  type SelfCheckAnswers,
} from './selfCheck.js';

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

const placed = (answers: SelfCheckAnswers) => {
  const result = evaluateSelfCheck(answers);
  if (result.outcome !== 'placement') throw new Error('expected a placement');
  return result;
};

const STEADY: SelfCheckAnswers = {
  safety_now: 'no',
  main_substance: 'cannabis',
  use_frequency: 'weekly',
  past_year_problems: ['more_than_meant', 'cravings', 'missed_duties'],
  withdrawal: 'none',
  health: 'none',
  mood: 'okay',
  home: 'safe',
  support: 'yes',
  past_treatment: 'never',
  readiness: 'ready',
  responsibilities: ['work'],
  schedule: 'either',
  coverage: 'insurance',
};

describe('evaluateSelfCheck: crisis', () => {
  it('answers "in danger now" with crisis before reading anything else', () => {
    expect(evaluateSelfCheck({ safety_now: 'yes' })).toEqual({
      outcome: 'crisis',
      reasons: ['selfCheck.reason.crisis'],
    });
    // Garbage elsewhere must not delay the crisis message.
    expect(evaluateSelfCheck({ safety_now: 'yes', mood: 'purple', nonsense: 1 }).outcome).toBe('crisis');
  });

  it('still refuses an unknown answer to the safety question itself', () => {
    expect(fieldsOf(() => evaluateSelfCheck({ safety_now: 'maybe' }))).toEqual(['/answers/safety_now']);
  });
});

describe('evaluateSelfCheck: likely level', () => {
  it('suggests outpatient care for mild, steady use with support', () => {
    const result = placed(STEADY);
    expect(result.likelyLevel).toBe('OP');
    expect(result.reasons[0]).toBe('selfCheck.likely.OP');
    expect(result.reasons).toContain('selfCheck.reason.problems_some');
    expect(result.reasons).toContain('selfCheck.reason.check_coverage');
    expect(result.placement.severity).toBe('mild');
  });

  it('suggests IOP for daily drinking with mild withdrawal, and the evening track for a worker', () => {
    const result = placed({
      ...STEADY,
      main_substance: 'alcohol',
      use_frequency: 'daily',
      past_year_problems: ['more_than_meant', 'cant_cut_down', 'cravings', 'need_more', 'withdrawal'],
      withdrawal: 'mild',
    });
    expect(result.likelyLevel).toBe('IOP');
    expect(result.placement.withdrawalManagement).toBe('ambulatory');
    expect(result.reasons).toEqual([
      'selfCheck.likely.IOP',
      'selfCheck.reason.problems_many',
      'selfCheck.reason.daily_alcohol_or_sedatives',
      'selfCheck.reason.use_often',
      'selfCheck.reason.evening_track',
      'selfCheck.reason.check_coverage',
    ]);
  });

  it('suggests residential care with monitored withdrawal after a withdrawal seizure', () => {
    const result = placed({ ...STEADY, main_substance: 'alcohol', withdrawal: 'seizure_or_dts' });
    expect(result.likelyLevel).toBe('RES');
    expect(result.placement.withdrawalManagement).toBe('medically_monitored');
    expect(result.reasons).toContain('selfCheck.reason.withdrawal_seizure');
    expect(result.reasons).toContain('selfCheck.reason.time_away');
  });

  it('suggests a day program when home is unsafe', () => {
    const result = placed({ ...STEADY, home: 'unsafe' });
    expect(result.likelyLevel).toBe('PHP');
    expect(result.reasons).toContain('selfCheck.reason.home_unsafe');
  });

  it('suggests no program for few problems, unless a safety need is present', () => {
    const few = placed({ ...STEADY, past_year_problems: ['risky_situations'] });
    expect(few.likelyLevel).toBe('NONE');
    expect(few.reasons).toEqual(['selfCheck.likely.NONE', 'selfCheck.reason.few_problems']);
    const none = placed({ ...STEADY, past_year_problems: ['none'] });
    expect(none.likelyLevel).toBe('NONE');
    const seizure = placed({
      ...STEADY,
      past_year_problems: ['none'],
      withdrawal: 'seizure_or_dts',
      main_substance: 'sedatives',
    });
    expect(seizure.likelyLevel).toBe('RES');
    expect(seizure.reasons).toContain('selfCheck.reason.health_first');
  });

  it('always explains thoughts of death, with 988, whatever the level', () => {
    const result = placed({ ...STEADY, mood: 'thoughts_of_death' });
    expect(result.likelyLevel).toBe('PHP');
    expect(result.reasons).toContain('selfCheck.reason.thoughts_of_death');
  });

  it('does not send low readiness alone beyond IOP and explains it kindly', () => {
    const result = placed({ ...STEADY, readiness: 'not_ready' });
    expect(result.likelyLevel).toBe('IOP');
    expect(result.reasons).toContain('selfCheck.reason.readiness_low');
  });

  it('works with nothing answered, and says the result is less certain', () => {
    const result = placed({});
    expect(result.likelyLevel).toBe('OP');
    expect(result.reasons).toContain('selfCheck.reason.problems_skipped');
  });

  it('only ever returns message keys the catalogues must hold', () => {
    const samples: SelfCheckAnswers[] = [
      STEADY,
      { ...STEADY, pregnant: 'yes', health: 'very_sick', support: 'no', past_treatment: 'yes_used_again' },
      { ...STEADY, coverage: 'none', schedule: 'day', responsibilities: ['caregiving'] },
      { ...STEADY, coverage: 'self_pay', use_frequency: 'daily', home: 'others_use', readiness: 'unsure' },
    ];
    const known = new Set<string>(SELF_CHECK_MESSAGE_KEYS);
    for (const answers of samples) {
      for (const key of evaluateSelfCheck(answers).reasons) expect(known.has(key), key).toBe(true);
    }
  });
});

describe('evaluateSelfCheck: validation', () => {
  it('names unknown questions and options', () => {
    expect(
      fieldsOf(() => evaluateSelfCheck({ safety_now: 'no', shoe_size: '9', mood: 'great', home: 3 })),
    ).toEqual(['/answers/shoe_size', '/answers/mood', '/answers/home']);
  });

  it('checks multiple-choice answers', () => {
    expect(fieldsOf(() => evaluateSelfCheck({ responsibilities: 'work' }))).toEqual([
      '/answers/responsibilities',
    ]);
    expect(fieldsOf(() => evaluateSelfCheck({ responsibilities: ['work', 'golf'] }))).toEqual([
      '/answers/responsibilities',
    ]);
    expect(fieldsOf(() => evaluateSelfCheck({ past_year_problems: ['none', 'cravings'] }))).toEqual([
      '/answers/past_year_problems',
    ]);
    expect(fieldsOf(() => evaluateSelfCheck({ past_year_problems: ['cravings', 'cravings'] }))).toEqual([
      '/answers/past_year_problems',
    ]);
    expect(fieldsOf(() => evaluateSelfCheck({ mood: ['okay'] }))).toEqual(['/answers/mood']);
  });
});

describe('self-check questions and keys', () => {
  it('asks about safety first and about every decision factor of the seeds', () => {
    const ids = SELF_CHECK_QUESTIONS.map((q) => q.id);
    expect(ids[0]).toBe('safety_now');
    for (const factor of [
      'use_frequency',
      'past_year_problems',
      'withdrawal',
      'health',
      'mood',
      'home',
      'support',
      'past_treatment',
      'responsibilities',
      'schedule',
      'coverage',
    ]) {
      expect(ids).toContain(factor);
    }
  });

  it('gives every question and option a stable key', () => {
    for (const q of SELF_CHECK_QUESTIONS) {
      expect(q.key).toBe(`selfCheck.q.${q.id}`);
      for (const o of q.options) expect(o.key).toBe(`selfCheck.q.${q.id}.${o.id}`);
    }
    expect(new Set(SELF_CHECK_MESSAGE_KEYS).size).toBe(SELF_CHECK_MESSAGE_KEYS.length);
    for (const key of SELF_CHECK_ALWAYS_SHOWN) expect(SELF_CHECK_MESSAGE_KEYS).toContain(key);
  });

  it('offers 11 problems, one per DSM-5 criterion, plus "none"', () => {
    const problems = SELF_CHECK_QUESTIONS.find((q) => q.id === 'past_year_problems');
    expect(problems?.multiple).toBe(true);
    expect(problems?.options.filter((o) => o.id !== 'none')).toHaveLength(11);
  });
});
