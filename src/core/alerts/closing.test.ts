import { describe, expect, it } from 'vitest';
import { STAFF_ROLES } from '../access/roles.js';
import { DomainError } from '../errors/domainError.js';
import { checkResolution, closingRuleFor, SAFETY_ALERT_KIND } from './closing.js';

const codeOf = (run: () => void): string | null => {
  try {
    run();
    return null;
  } catch (error) {
    return error instanceof DomainError ? error.code : 'OTHER';
  }
};

describe('closingRuleFor', () => {
  it('lets a note close ordinary alerts, whoever may act on them', () => {
    expect(closingRuleFor('missed_sessions')).toEqual({
      plainNoteSuffices: true,
      resolverRoles: null,
      requirement: null,
    });
    for (const role of STAFF_ROLES) expect(codeOf(() => checkResolution('missed_sessions', role))).toBeNull();
  });

  it('keeps safety alerts for clinical roles, with the documented assessment or emergency action', () => {
    const rule = closingRuleFor(SAFETY_ALERT_KIND);
    expect(rule.requirement).toMatch(
      /suicide-risk assessment and safety plan, or a note of the emergency action taken/,
    );
    const allowed = STAFF_ROLES.filter(
      (role) => codeOf(() => checkResolution(SAFETY_ALERT_KIND, role)) === null,
    );
    expect(allowed).toEqual(['program_director', 'clinical_supervisor', 'clinician']);
    expect(codeOf(() => checkResolution(SAFETY_ALERT_KIND, 'front_desk'))).toBe('FORBIDDEN');
    expect(codeOf(() => checkResolution(SAFETY_ALERT_KIND, 'admin'))).toBe('FORBIDDEN');
  });
});
