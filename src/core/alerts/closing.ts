import type { Role } from '../access/roles.js';
import { DomainError } from '../errors/domainError.js';

/** PHQ-9 item 9 and any other suicide-risk signal raise alerts of this kind (SPEC §4). */
export const SAFETY_ALERT_KIND = 'safety';

/** Roles trusted with a clinical judgement about a patient's safety. */
export const CLINICAL_RESOLVER_ROLES: readonly Role[] = [
  'clinician',
  'clinical_supervisor',
  'program_director',
];

export interface ClosingRule {
  /** Whether a free-text note saying what was done is enough to resolve the alert. */
  plainNoteSuffices: boolean;
  /** Roles that may close the alert (through the general resolve action, or the kind's own form); null: anyone who may act on it. */
  resolverRoles: readonly Role[] | null;
  /** What closing the alert requires, shown when a resolution is refused. */
  requirement: string | null;
}

const PLAIN_NOTE: ClosingRule = { plainNoteSuffices: true, resolverRoles: null, requirement: null };

export const SAFETY_CLOSING_REQUIREMENT =
  'Safety alerts close with a documented suicide-risk assessment and safety plan, or a note of the emergency action taken, by a clinician, clinical supervisor or program director. Document it as a safety assessment: a resolution note does not close it.';

/**
 * How an alert of a given kind may be closed. This is the hook for kind-specific closing rules.
 *
 * SPEC §4: an item-9 safety alert is closed only by a documented suicide-risk assessment and safety
 * plan, or a note of the emergency action taken. A plain note never closes it: the general resolve
 * action refuses it with the requirement, and the safety-assessment form
 * (`POST /api/v1/patients/{id}/safety-assessments` with the alert's id) closes it when it is saved,
 * by the clinical roles listed here. Anyone holding it (an on-call or fallback recipient too) can
 * still acknowledge it.
 */
export const closingRuleFor = (kind: string): ClosingRule => {
  if (kind === SAFETY_ALERT_KIND) {
    return {
      plainNoteSuffices: false,
      resolverRoles: CLINICAL_RESOLVER_ROLES,
      requirement: SAFETY_CLOSING_REQUIREMENT,
    };
  }
  return PLAIN_NOTE;
};

/** Refuses a resolution its kind's closing rule does not allow. */
export const checkResolution = (kind: string, resolverRole: Role): void => {
  const rule = closingRuleFor(kind);
  if (!rule.plainNoteSuffices) {
    throw new DomainError('INVALID_STATE', rule.requirement ?? 'This alert cannot be closed with a note.');
  }
  if (rule.resolverRoles !== null && !rule.resolverRoles.includes(resolverRole)) {
    throw new DomainError('FORBIDDEN', rule.requirement ?? 'Your role may not close this alert.');
  }
};
