import { DomainError } from '../errors/domainError.js';

/** How an alert reached its recipient: the first rung of the chain that had an active person. */
export type RecipientVia = 'primary_clinician' | 'supervisor' | 'on_call' | 'fallback';

/**
 * Who could receive an alert about one patient (or one site), gathered by the server.
 * `fallbackUserIds` are already active and in order: the site's program directors, then admins.
 */
export interface RecipientFacts {
  primaryClinicianId: string | null;
  primaryClinicianActive: boolean;
  /** The primary clinician's supervisor from their credentials (asked even when the clinician is inactive). */
  supervisorId: string | null;
  supervisorActive: boolean;
  onCallUserId: string | null;
  onCallActive: boolean;
  fallbackUserIds: readonly string[];
}

export interface AlertRecipient {
  userId: string;
  via: RecipientVia;
}

/**
 * Everyone who may hold the alert, in the order it travels (SPEC §4b): primary clinician → their
 * supervisor → the site's on-call person → fallback. Inactive people are skipped and each person
 * appears once, at their first rung.
 */
export const escalationChain = (facts: RecipientFacts): AlertRecipient[] => {
  const rungs: { userId: string | null; active: boolean; via: RecipientVia }[] = [
    { userId: facts.primaryClinicianId, active: facts.primaryClinicianActive, via: 'primary_clinician' },
    { userId: facts.supervisorId, active: facts.supervisorActive, via: 'supervisor' },
    { userId: facts.onCallUserId, active: facts.onCallActive, via: 'on_call' },
    ...facts.fallbackUserIds.map((userId) => ({ userId, active: true, via: 'fallback' as const })),
  ];
  const chain: AlertRecipient[] = [];
  const seen = new Set<string>();
  for (const rung of rungs) {
    if (rung.userId === null || !rung.active || seen.has(rung.userId)) continue;
    seen.add(rung.userId);
    chain.push({ userId: rung.userId, via: rung.via });
  }
  return chain;
};

/** The first active person of the chain. An alert is never raised to nobody: with no one at all, it is refused. */
export const resolveAlertRecipient = (facts: RecipientFacts): AlertRecipient => {
  const first = escalationChain(facts)[0];
  if (!first) {
    throw new DomainError(
      'INVALID_STATE',
      'No one can receive this alert: the patient has no active primary clinician or supervisor, the site has no on-call person, and there is no active program director or administrator.',
    );
  }
  return first;
};

/**
 * Who an unacknowledged alert moves to: the person after its current holder. When the holder has
 * left the chain (deactivated, reassigned), the alert goes to the first person now in it, so that an
 * active person always holds it. Null when the chain is exhausted: the alert stays where it is.
 */
export const nextRecipient = (
  chain: readonly AlertRecipient[],
  currentUserId: string,
): AlertRecipient | null => {
  const index = chain.findIndex((r) => r.userId === currentUserId);
  if (index === -1) return chain[0] ?? null;
  return chain[index + 1] ?? null;
};
