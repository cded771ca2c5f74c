import { describe, expect, it } from 'vitest';
import type { CredentialScope } from '../access/actor.js';
import { canonicalJson } from './canonicalJson.js';
import { credentialLine, decideClinicalSignature, decideCosignature } from './clinicalSigning.js';

const licensed: CredentialScope = {
  licenceExpiresOn: '2027-06-30',
  mayDiagnose: true,
  maySignPlacements: true,
  needsCosignature: false,
  supervisorId: null,
};

describe('canonicalJson', () => {
  it('spells equal values the same whatever the key order', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, 'x'], c: null } })).toBe(
      canonicalJson({ a: { c: null, d: [1, 'x'] }, b: 1 }),
    );
    expect(canonicalJson({ b: 1, a: 2 })).toBe('{"a":2,"b":1}');
  });
  it('drops undefined members and keeps array positions', () => {
    expect(canonicalJson({ a: undefined, b: [undefined, 2] })).toBe('{"b":[null,2]}');
  });
  it('refuses numbers JSON cannot carry', () => {
    expect(() => canonicalJson({ a: Number.NaN })).toThrow(/non-finite/);
  });
});

describe('decideClinicalSignature', () => {
  it('lets a licensed clinician sign without co-signature', () => {
    expect(decideClinicalSignature('clinician', licensed, '2026-11-24')).toEqual({
      allowed: true,
      needsCosignature: false,
      cosignerUserId: null,
    });
  });
  it('signs through the expiry date and refuses the day after', () => {
    expect(decideClinicalSignature('clinician', licensed, '2027-06-30').allowed).toBe(true);
    expect(decideClinicalSignature('clinician', licensed, '2027-07-01')).toMatchObject({
      allowed: false,
      code: 'CREDENTIAL_EXPIRED',
    });
  });
  it('sends an unlicensed or supervised author’s document to their supervisor', () => {
    const supervised = { ...licensed, needsCosignature: true, supervisorId: 'sup-1' };
    expect(decideClinicalSignature('clinician', supervised, '2026-11-24')).toEqual({
      allowed: true,
      needsCosignature: true,
      cosignerUserId: 'sup-1',
    });
    const unlicensed = { ...licensed, licenceExpiresOn: null, supervisorId: 'sup-2' };
    expect(decideClinicalSignature('case_manager', unlicensed, '2026-11-24')).toMatchObject({
      cosignerUserId: 'sup-2',
    });
  });
  it('lets an unlicensed case manager sign case management documentation alone', () => {
    expect(decideClinicalSignature('case_manager', null, '2026-11-24', { licenceRequired: false })).toEqual({
      allowed: true,
      needsCosignature: false,
      cosignerUserId: null,
    });
  });
  it('refuses when co-signature is needed but no supervisor is recorded', () => {
    expect(decideClinicalSignature('clinician', null, '2026-11-24')).toMatchObject({
      allowed: false,
      code: 'FORBIDDEN',
    });
  });
  it('refuses roles that do not sign clinical documents', () => {
    for (const role of ['admin', 'front_desk', 'biller', 'intake_coordinator', 'patient'] as const)
      expect(decideClinicalSignature(role, licensed, '2026-11-24').allowed).toBe(false);
  });
});

describe('decideCosignature', () => {
  it('lets only the recorded supervisor co-sign, with a valid licence', () => {
    const sup = { userId: 'sup-1', role: 'clinical_supervisor' as const, credentials: licensed };
    expect(decideCosignature(sup, 'sup-1', '2026-11-24')).toEqual({ allowed: true });
    expect(decideCosignature(sup, 'sup-2', '2026-11-24').allowed).toBe(false);
    expect(decideCosignature(sup, 'sup-1', '2027-07-01')).toMatchObject({ code: 'CREDENTIAL_EXPIRED' });
    expect(decideCosignature({ ...sup, credentials: null }, 'sup-1', '2026-11-24').allowed).toBe(false);
  });
});

describe('credentialLine', () => {
  it('names type, number, state and expiry as they stood', () => {
    expect(credentialLine({ type: 'LADC', number: 'CT-4512', state: 'CT', expiresOn: '2027-06-30' })).toBe(
      'LADC CT-4512 (CT), valid through 2027-06-30',
    );
    expect(credentialLine({ type: null, number: null, state: 'CT', expiresOn: null })).toBeNull();
  });
});
