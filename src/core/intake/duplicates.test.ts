import { describe, expect, it } from 'vitest';
import {
  duplicateReasons,
  normalizeMrn,
  normalizeName,
  normalizePhone,
  type PersonFacts,
} from './duplicates.js';

const person = (over: Partial<PersonFacts>): PersonFacts => ({
  firstName: 'Rosa',
  lastName: 'Delgado',
  dateOfBirth: '1991-04-12',
  phone: null,
  mrn: null,
  ...over,
});

describe('normalizing', () => {
  it('names: case, accents, punctuation and spacing do not matter', () => {
    expect(normalizeName('  José  María ')).toBe('jose maria');
    expect(normalizeName("O'Neil-Ávila")).toBe('oneilavila');
    expect(normalizeName('ÅNGSTRÖM')).toBe('angstrom');
    expect(normalizeName(null)).toBe('');
  });

  it('phones: digits only, without the North American country code', () => {
    expect(normalizePhone('+1 (860) 555-0100')).toBe('8605550100');
    expect(normalizePhone('860.555.0100')).toBe('8605550100');
    expect(normalizePhone('18605550100')).toBe('8605550100');
    expect(normalizePhone('555-0100')).toBe('5550100');
    expect(normalizePhone('12-34')).toBeNull();
    expect(normalizePhone(null)).toBeNull();
  });

  it('MRNs: trimmed, upper case, empty means none', () => {
    expect(normalizeMrn(' mrn-000042 ')).toBe('MRN-000042');
    expect(normalizeMrn('  ')).toBeNull();
  });
});

describe('duplicate matching', () => {
  it('matches the same name and date of birth, however they were typed', () => {
    expect(
      duplicateReasons(person({ firstName: 'rosa ', lastName: 'DELGADO' }), person({ mrn: 'MRN-000001' })),
    ).toEqual(['name_dob']);
  });

  it('does not match a name without the date of birth, or a different birthday', () => {
    expect(duplicateReasons(person({ dateOfBirth: null }), person({}))).toEqual([]);
    expect(duplicateReasons(person({}), person({ dateOfBirth: '1991-04-13' }))).toEqual([]);
    expect(duplicateReasons(person({ lastName: null }), person({ lastName: null }))).toEqual([]);
  });

  it('matches the same phone line, and the MRN the person gives', () => {
    const inquiry = person({ firstName: 'R', lastName: 'D', phone: '(860) 555-0100', mrn: 'mrn-000042' });
    expect(
      duplicateReasons(inquiry, person({ firstName: 'Other', phone: '+1 860 555 0100', mrn: 'MRN-000042' })),
    ).toEqual(['phone', 'mrn']);
    expect(duplicateReasons(inquiry, person({ phone: '860-555-0101', mrn: 'MRN-000043' }))).toEqual([]);
  });

  it('reports every reason that holds', () => {
    const facts = person({ phone: '860-555-0100', mrn: 'MRN-7' });
    expect(duplicateReasons(facts, facts)).toEqual(['name_dob', 'phone', 'mrn']);
  });
});
