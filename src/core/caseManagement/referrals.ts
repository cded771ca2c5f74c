/**
 * Referrals to outside organisations (SPEC §9 case management): a food bank, a legal-aid clinic, a
 * sober-living house. Not the level-of-care referrals made at placement (`referrals_out`).
 *
 * A referral is planned, then sent; the organisation accepts or declines; an accepted referral ends
 * completed, or as a no-show when the patient missed the appointment — which can be rebooked
 * (back to accepted). Declined and completed are final: a new attempt is a new referral, so the
 * history of tries stays visible.
 */

export const REFERRAL_STATUSES = ['planned', 'sent', 'accepted', 'declined', 'completed', 'no_show'] as const;
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number];

export const REFERRAL_STATUS_LABELS: Record<ReferralStatus, string> = {
  planned: 'Planned',
  sent: 'Sent',
  accepted: 'Accepted',
  declined: 'Declined',
  completed: 'Completed',
  no_show: 'No-show',
};

const REFERRAL_TRANSITIONS: Record<ReferralStatus, readonly ReferralStatus[]> = {
  planned: ['sent', 'declined'],
  sent: ['accepted', 'declined'],
  accepted: ['completed', 'no_show'],
  no_show: ['accepted'],
  declined: [],
  completed: [],
};

export const nextReferralStatuses = (from: ReferralStatus): readonly ReferralStatus[] =>
  REFERRAL_TRANSITIONS[from];

export const isReferralClosed = (status: ReferralStatus): boolean =>
  status === 'declined' || status === 'completed' || status === 'no_show';

/** Null when allowed (or no change); otherwise why not, in words. */
export const referralStatusRefusal = (from: ReferralStatus, to: ReferralStatus): string | null => {
  if (from === to || REFERRAL_TRANSITIONS[from].includes(to)) return null;
  const next = REFERRAL_TRANSITIONS[from];
  if (next.length === 0)
    return `A ${REFERRAL_STATUS_LABELS[from].toLowerCase()} referral is final; make a new referral instead.`;
  return `A ${REFERRAL_STATUS_LABELS[from].toLowerCase()} referral can only become ${next
    .map((s) => REFERRAL_STATUS_LABELS[s].toLowerCase())
    .join(' or ')}.`;
};

/** A declined or no-show referral says what happened: the next case manager needs to know. */
export const outcomeNoteRequired = (to: ReferralStatus): boolean => to === 'declined' || to === 'no_show';

/**
 * Which date column a status change fills: sent_on when it is sent, closed_on when it ends (and
 * cleared when a no-show is rebooked).
 */
export const referralDatesAfter = (
  to: ReferralStatus,
  on: string,
  current: { sentOn: string | null; closedOn: string | null },
): { sentOn: string | null; closedOn: string | null } => {
  switch (to) {
    case 'planned':
      return { sentOn: null, closedOn: null };
    case 'sent':
      return { sentOn: on, closedOn: null };
    case 'accepted':
      return { sentOn: current.sentOn ?? on, closedOn: null };
    case 'declined':
    case 'completed':
    case 'no_show':
      return { sentOn: current.sentOn, closedOn: on };
  }
};
