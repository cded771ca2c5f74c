import { describe, expect, it } from 'vitest';
import { formatPhone, normaliseCrisisNumber, normalisePhone } from './phone.js';

describe('support contact phone numbers', () => {
  it.each([
    ['(860) 555-0123', '+18605550123'],
    ['860.555.0123', '+18605550123'],
    ['1 860 555 0123', '+18605550123'],
    ['+1 860-555-0123', '+18605550123'],
    ['+44 20 7946 0958', '+442079460958'],
  ])('stores %s as %s', (input, e164) => {
    expect(normalisePhone(input)).toEqual({ ok: true, e164 });
  });

  it.each([
    ['', 'is required'],
    ['555-0123', 'must be a 10-digit'],
    ['(060) 555-0123', 'must be a 10-digit'],
    ['+1 060 555 0123', 'North American'],
    ['+0 123 456 789', '8 to 15 digits'],
    ['860-555-O123', 'may contain only'],
    ['860+5550123', 'may contain only'],
    ['+4412345', '8 to 15 digits'],
  ])('refuses %j', (input, fragment) => {
    const check = normalisePhone(input);
    expect(check.ok).toBe(false);
    if (!check.ok) expect(check.message).toContain(fragment);
  });

  it('keeps crisis short codes as dialled and checks longer numbers like phones', () => {
    expect(normaliseCrisisNumber(' 988 ')).toEqual({ ok: true, e164: '988' });
    expect(normaliseCrisisNumber('741741')).toEqual({ ok: true, e164: '741741' });
    expect(normaliseCrisisNumber('1-800-662-4357')).toEqual({ ok: true, e164: '+18006624357' });
    expect(normaliseCrisisNumber('98').ok).toBe(false);
  });

  it('formats North American numbers for reading', () => {
    expect(formatPhone('+18605550123')).toBe('(860) 555-0123');
    expect(formatPhone('988')).toBe('988');
    expect(formatPhone('+442079460958')).toBe('+442079460958');
  });
});
