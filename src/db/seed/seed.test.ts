import { Secret } from 'otpauth';
import { describe, expect, it } from 'vitest';
import { totpCode, verifyTotp } from '../../core/auth/totp.js';
import { patientSearchText } from '../../core/patients/searchText.js';
import { formatMrn, syntheticPatient } from './patients.js';
import { addDays, seededRandom } from './random.js';
import { base32, demoEmail, demoTotpSecret, syntheticNpi } from './staff.js';
import { CLINIC_SITES } from './structure.js';

describe('demo staff', () => {
  it('derives emails from roles', () => {
    expect(demoEmail('clinical_supervisor')).toBe('clinical-supervisor@demo.openiop.org');
    expect(demoEmail('clinician2')).toBe('clinician2@demo.openiop.org');
  });

  it('derives the same 160-bit base32 TOTP secret for an email every time, usable by authenticators', () => {
    const secret = demoTotpSecret('clinician@demo.openiop.org');
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(demoTotpSecret('clinician@demo.openiop.org')).toBe(secret);
    expect(demoTotpSecret('clinician2@demo.openiop.org')).not.toBe(secret);
    const at = new Date('2026-11-24T10:00:00Z');
    expect(verifyTotp(secret, totpCode(secret, at), at)).toBe(true);
  });

  it('encodes base32 as RFC 4648 does', () => {
    const bytes = Uint8Array.from([0, 1, 2, 250, 251, 252, 253, 254, 255, 7, 9]);
    expect(base32(bytes)).toBe(new Secret({ buffer: bytes.buffer }).base32.replace(/=+$/, ''));
    expect(base32(new TextEncoder().encode('foobar'))).toBe('MZXW6YTBOI');
  });

  it('makes NPIs with a valid Luhn check digit', () => {
    // The check-digit example published with the NPI standard.
    expect(syntheticNpi('123456789')).toBe('1234567893');
  });
});

describe('synthetic patients', () => {
  it('are reproducible from the seed and carry their search text', () => {
    const site = CLINIC_SITES[0];
    if (!site) throw new Error('no site');
    const input = {
      id: 'p1',
      siteId: 's1',
      site,
      mrn: formatMrn(42),
      status: 'intake' as const,
      primaryClinicianId: null,
      createdAt: '2026-11-20T15:00:00.000Z',
    };
    const a = syntheticPatient(seededRandom(1), input);
    const b = syntheticPatient(seededRandom(1), input);
    expect(a).toEqual(b);
    expect(a.mrn).toBe('MRN-000042');
    expect(a.phone).toMatch(/^860-555-01\d\d$/);
    expect(a.search_text).toBe(
      patientSearchText({
        firstName: a.first_name,
        lastName: a.last_name,
        preferredName: a.preferred_name,
        mrn: a.mrn,
        dateOfBirth: a.date_of_birth,
      }),
    );
  });

  it('honours requested traits', () => {
    const site = CLINIC_SITES[1];
    if (!site) throw new Error('no site');
    const p = syntheticPatient(
      seededRandom(3),
      {
        id: 'p',
        siteId: 's',
        site,
        mrn: 'MRN-000001',
        status: 'intake',
        primaryClinicianId: null,
        createdAt: '2026-11-20T15:00:00.000Z',
      },
      { sex: 'female', language: 'es', birthYears: [1995, 1995], priority: 'pregnant' },
    );
    expect(p).toMatchObject({
      sex_at_birth: 'female',
      preferred_language: 'es',
      priority_population: 'pregnant',
    });
    expect(p.date_of_birth.startsWith('1995-')).toBe(true);
  });

  it('does calendar arithmetic across month and year ends', () => {
    expect(addDays('2026-12-30', 3)).toBe('2027-01-02');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });
});
