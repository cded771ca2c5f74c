import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors/domainError.js';
import { escalationChain, nextRecipient, type RecipientFacts, resolveAlertRecipient } from './recipients.js';

const everyone: RecipientFacts = {
  primaryClinicianId: 'clinician',
  primaryClinicianActive: true,
  supervisorId: 'supervisor',
  supervisorActive: true,
  onCallUserId: 'on-call',
  onCallActive: true,
  fallbackUserIds: ['director', 'admin'],
};

describe('resolveAlertRecipient', () => {
  it('goes to the primary clinician when active', () => {
    expect(resolveAlertRecipient(everyone)).toEqual({ userId: 'clinician', via: 'primary_clinician' });
  });

  // Every combination of who is missing or inactive on the three named rungs, with and without fallback.
  const cases = [];
  for (let mask = 0; mask < 2 ** 6; mask++) {
    for (const fallback of [[], ['director'], ['director', 'admin']]) cases.push({ mask, fallback });
  }
  it.each(cases)('picks the first active rung (mask $mask, fallback $fallback)', ({ mask, fallback }) => {
    const bit = (n: number) => (mask & (1 << n)) !== 0;
    const facts: RecipientFacts = {
      primaryClinicianId: bit(0) ? 'clinician' : null,
      primaryClinicianActive: bit(1),
      supervisorId: bit(2) ? 'supervisor' : null,
      supervisorActive: bit(3),
      onCallUserId: bit(4) ? 'on-call' : null,
      onCallActive: bit(5),
      fallbackUserIds: fallback,
    };
    const expected =
      bit(0) && bit(1)
        ? { userId: 'clinician', via: 'primary_clinician' }
        : bit(2) && bit(3)
          ? { userId: 'supervisor', via: 'supervisor' }
          : bit(4) && bit(5)
            ? { userId: 'on-call', via: 'on_call' }
            : fallback[0]
              ? { userId: fallback[0], via: 'fallback' }
              : null;
    if (expected === null) {
      expect(() => resolveAlertRecipient(facts)).toThrow(DomainError);
      try {
        resolveAlertRecipient(facts);
      } catch (error) {
        expect((error as DomainError).code).toBe('INVALID_STATE');
      }
    } else {
      expect(resolveAlertRecipient(facts)).toEqual(expected);
    }
  });

  it('skips an inactive clinician for their supervisor', () => {
    expect(resolveAlertRecipient({ ...everyone, primaryClinicianActive: false })).toEqual({
      userId: 'supervisor',
      via: 'supervisor',
    });
  });

  it('falls through to the on-call person, then the fallback list', () => {
    expect(resolveAlertRecipient({ ...everyone, primaryClinicianId: null, supervisorId: null })).toEqual({
      userId: 'on-call',
      via: 'on_call',
    });
    expect(
      resolveAlertRecipient({
        ...everyone,
        primaryClinicianId: null,
        supervisorId: null,
        onCallActive: false,
      }),
    ).toEqual({
      userId: 'director',
      via: 'fallback',
    });
  });
});

describe('escalationChain', () => {
  it('lists every active person once, in order', () => {
    expect(escalationChain(everyone).map((r) => r.userId)).toEqual([
      'clinician',
      'supervisor',
      'on-call',
      'director',
      'admin',
    ]);
  });

  it('keeps a person at their first rung only', () => {
    const chain = escalationChain({
      ...everyone,
      onCallUserId: 'supervisor',
      fallbackUserIds: ['supervisor', 'director'],
    });
    expect(chain).toEqual([
      { userId: 'clinician', via: 'primary_clinician' },
      { userId: 'supervisor', via: 'supervisor' },
      { userId: 'director', via: 'fallback' },
    ]);
  });

  it('is empty when nobody is active', () => {
    expect(
      escalationChain({
        ...everyone,
        primaryClinicianActive: false,
        supervisorActive: false,
        onCallActive: false,
        fallbackUserIds: [],
      }),
    ).toEqual([]);
  });
});

describe('nextRecipient', () => {
  const chain = escalationChain(everyone);

  it('moves one rung up', () => {
    expect(nextRecipient(chain, 'clinician')).toEqual({ userId: 'supervisor', via: 'supervisor' });
    expect(nextRecipient(chain, 'on-call')).toEqual({ userId: 'director', via: 'fallback' });
  });

  it('stops at the end of the chain', () => {
    expect(nextRecipient(chain, 'admin')).toBeNull();
  });

  it('hands an alert whose holder left the chain to the first person now in it', () => {
    expect(nextRecipient(chain, 'someone-deactivated')).toEqual({
      userId: 'clinician',
      via: 'primary_clinician',
    });
    expect(nextRecipient([], 'anyone')).toBeNull();
  });
});
