import { describe, expect, it } from 'vitest';
import { activeOn, checkOtpName, checkStartedOn, checkStoppedOn } from './validate.js';

describe('medication rules', () => {
  it('a start date is real and not in the future', () => {
    expect(checkStartedOn('2026-11-24', '2026-11-24')).toEqual([]);
    expect(checkStartedOn('2026-11-25', '2026-11-24').map((f) => f.field)).toEqual(['/startedOn']);
    expect(checkStartedOn('2026-02-29', '2026-11-24').map((f) => f.field)).toEqual(['/startedOn']);
  });

  it('a stop date falls between the start and today', () => {
    expect(checkStoppedOn('2026-11-20', '2026-11-01', '2026-11-24')).toEqual([]);
    expect(checkStoppedOn('2026-11-01', '2026-11-01', '2026-11-24')).toEqual([]);
    expect(checkStoppedOn('2026-10-31', '2026-11-01', '2026-11-24')[0]?.message).toContain(
      'before the start',
    );
    expect(checkStoppedOn('2026-11-25', '2026-11-01', '2026-11-24')[0]?.message).toContain('future');
  });

  it('methadone from an opioid treatment program names the program, and nothing else does', () => {
    expect(checkOtpName('methadone_otp', 'Harbor OTP')).toEqual([]);
    expect(checkOtpName('methadone_otp', '  ')).toHaveLength(1);
    expect(checkOtpName('buprenorphine', 'Harbor OTP')).toHaveLength(1);
    expect(checkOtpName(null, null)).toEqual([]);
  });

  it('is active from its start date up to the day before its stop date', () => {
    const med = { startedOn: '2026-11-01', stoppedOn: '2026-11-10' };
    expect(['2026-10-31', '2026-11-01', '2026-11-09', '2026-11-10'].map((d) => activeOn(med, d))).toEqual([
      false,
      true,
      true,
      false,
    ]);
    expect(activeOn({ startedOn: '2026-11-01', stoppedOn: null }, '2030-01-01')).toBe(true);
  });
});
