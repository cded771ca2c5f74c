import { mayDisclose, type DisclosureRequest } from '../../core/consents/mayDisclose.js';
import { DomainError } from '../../core/errors/domainError.js';
import { calendarDateIn } from '../../core/runtime.js';
import { recordAudit } from '../../db/audit.js';
import type { RequestContext } from '../context.js';
import type { AppDeps } from '../deps.js';
import { auditFor, authorizePatient } from './access.js';

/**
 * Every path that sends patient data outside the program calls this first. It refuses until the consents
 * module exists (no consent can be on file yet) and logs the refused attempt in the audit trail; an allowed
 * disclosure is written to the disclosures log, kept six years for the accounting of disclosures.
 */
export const requestDisclosure = async (
  deps: AppDeps,
  ctx: RequestContext,
  request: DisclosureRequest,
): Promise<never> => {
  await authorizePatient(deps, ctx, request.patientId, 'disclosure.request');
  const now = deps.clock.now();
  const decision = mayDisclose(request, [], calendarDateIn(now, deps.config.defaultTimeZone));
  await recordAudit(
    deps.db.kysely,
    {
      ...auditFor(ctx),
      action: decision.allowed ? 'disclosure.allowed' : 'disclosure.refused',
      patientIds: [request.patientId],
      detail: { recipient: request.recipient, purpose: request.purpose, information: request.information },
    },
    now,
  );
  if (!decision.allowed) throw new DomainError('NO_CONSENT_ON_FILE', decision.reason);
  // Unreachable until consents exist: no consent records are passed above.
  throw new DomainError('INVALID_STATE', 'Disclosure delivery is not available.');
};
