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

  it('never closes a safety alert with a plain note: only the documented assessment does, by clinical roles', () => {
    const rule = closingRuleFor(SAFETY_ALERT_KIND);
    expect(rule.plainNoteSuffices).toBe(false);
    expect(rule.requirement).toMatch(
      /suicide-risk assessment and safety plan, or a note of the emergency action taken/,
    );
    expect(rule.resolverRoles).toEqual(['clinician', 'clinical_supervisor', 'program_director']);
    for (const role of STAFF_ROLES)
      expect(codeOf(() => checkResolution(SAFETY_ALERT_KIND, role))).toBe('INVALID_STATE');
  });
});
