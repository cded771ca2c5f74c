import { describe, expect, it } from 'vitest';
import type { CredentialScope } from '../access/actor.js';
import { checkSignatureChoice, maySignPlacement, missingRatings, ratingNoteProblems } from './signing.js';

const credentials = (overrides: Partial<CredentialScope> = {}): CredentialScope => ({
  licenceExpiresOn: '2027-06-30',
  mayDiagnose: true,
  maySignPlacements: true,
  needsCosignature: false,
  supervisorId: null,
  ...overrides,
});

describe('who may sign a placement', () => {
  it('needs the scope flag and a licence valid through today', () => {
    expect(maySignPlacement(credentials(), '2026-11-24')).toEqual({ allowed: true });
    expect(maySignPlacement(credentials({ licenceExpiresOn: '2026-11-24' }), '2026-11-24')).toEqual({
      allowed: true,
    });
    expect(maySignPlacement(credentials({ licenceExpiresOn: '2026-11-23' }), '2026-11-24')).toMatchObject({
      allowed: false,
      code: 'CREDENTIAL_EXPIRED',
    });
    expect(maySignPlacement(credentials({ maySignPlacements: false }), '2026-11-24')).toMatchObject({
      allowed: false,
      code: 'FORBIDDEN',
    });
    expect(maySignPlacement(credentials({ licenceExpiresOn: null }), '2026-11-24')).toMatchObject({
      allowed: false,
      code: 'FORBIDDEN',
    });
    expect(maySignPlacement(null, '2026-11-24')).toMatchObject({ allowed: false, code: 'FORBIDDEN' });
  });
});

describe('ratings and notes', () => {
  const suggested = { d1: 2, d2: 0, d3: 1, d4: 0, d5: 0, d6: 0 } as const;

  it('asks for a note only where a rating differs from the suggestion', () => {
    expect(ratingNoteProblems({ d1: 2, d3: 3 }, {}, suggested).map((p) => p.field)).toEqual([
      '/ratingNotes/d3',
    ]);
    expect(
      ratingNoteProblems({ d1: 1, d3: 3 }, { d1: '  ', d3: 'Psychosis last week.' }, suggested),
    ).toHaveLength(1);
    expect(ratingNoteProblems({ d1: 1 }, {}, suggested, ['d2'])).toEqual([]);
  });

  it('names every unrated dimension', () => {
    expect(missingRatings({ d1: 0, d4: 2 }).map((p) => p.field)).toEqual([
      '/ratings/d2',
      '/ratings/d3',
      '/ratings/d5',
      '/ratings/d6',
    ]);
  });
});

describe('accepting or overriding', () => {
  it('accepts the recommendation, refusing a different level or a reason', () => {
    expect(checkSignatureChoice({ decision: 'accepted' }, 'IOP', 'v1')).toEqual({
      ok: true,
      finalLevel: 'IOP',
      overrideReason: null,
    });
    const other = checkSignatureChoice({ decision: 'accepted', finalLevel: 'PHP' }, 'IOP', 'v1');
    expect(other.ok).toBe(false);
    if (!other.ok) expect(other.fields[0]?.message).toMatch(/recommendation is IOP \(rule table v1\)/);
    const reason = checkSignatureChoice({ decision: 'accepted', overrideReason: 'because' }, 'IOP', 'v1');
    expect(reason.ok ? [] : reason.fields.map((f) => f.field)).toEqual(['/overrideReason']);
  });

  it('overrides to another level with a reason', () => {
    expect(
      checkSignatureChoice(
        { decision: 'overridden', finalLevel: 'RES', overrideReason: ' Unsafe home. ' },
        'IOP',
        'v1',
      ),
    ).toEqual({ ok: true, finalLevel: 'RES', overrideReason: 'Unsafe home.' });
    const missing = checkSignatureChoice({ decision: 'overridden' }, 'IOP', 'v1');
    expect(missing.ok ? [] : missing.fields.map((f) => f.field)).toEqual(['/finalLevel', '/overrideReason']);
    const same = checkSignatureChoice(
      { decision: 'overridden', finalLevel: 'IOP', overrideReason: 'x' },
      'IOP',
      'v1',
    );
    expect(same.ok ? [] : same.fields.map((f) => f.field)).toEqual(['/finalLevel']);
  });
});
