import { describe, expect, it } from 'vitest';
import { coverageProblems, isCalendarDate, isEmail, isPhone, isPlausibleBirthDate } from './fields.js';

describe('intake field rules', () => {
  it('recognize phones, emails and real dates', () => {
    expect(isPhone('+1 (860) 555-0100')).toBe(true);
    expect(isPhone('call me')).toBe(false);
    expect(isEmail('rosa@example.com')).toBe(true);
    expect(isEmail('rosa@example')).toBe(false);
    expect(isCalendarDate('2024-02-29')).toBe(true);
    expect(isCalendarDate('2026-02-29')).toBe(false);
    expect(isPlausibleBirthDate('2026-11-25', '2026-11-24')).toBe(false);
    expect(isPlausibleBirthDate('1899-12-31', '2026-11-24')).toBe(false);
  });

  it('check a coverage entry', () => {
    expect(
      coverageProblems({
        payerName: 'Medicaid',
        authorizedUnits: 30,
        startsOn: '2026-11-01',
        endsOn: '2026-11-30',
      }),
    ).toEqual([]);
    expect(
      coverageProblems({ payerName: ' ', authorizedUnits: -1, startsOn: '2026-02-30', endsOn: null }).map(
        (p) => p.field,
      ),
    ).toEqual(['payerName', 'authorizedUnits', 'startsOn']);
    expect(
      coverageProblems({
        payerName: 'X',
        authorizedUnits: 1.5,
        startsOn: '2026-12-01',
        endsOn: '2026-11-01',
      }),
    ).toEqual([
      { field: 'authorizedUnits', message: 'must be a whole number from 0 to 10000' },
      { field: 'endsOn', message: 'must not be before the start date' },
    ]);
  });
});
