/**
 * Case management needs (SPEC §9): one row per domain of the patient's life that needs work, with
 * where it stands. Statuses move forward, and back only for a reason a case manager meets every day:
 * a met need that comes back (lost housing) reopens as in progress; a declined one is identified
 * again when the patient changes their mind.
 */

export const NEED_DOMAINS = [
  'housing',
  'employment',
  'education',
  'legal',
  'transport',
  'childcare',
  'benefits',
  'food',
] as const;
export type NeedDomain = (typeof NEED_DOMAINS)[number];

export const NEED_DOMAIN_LABELS: Record<NeedDomain, string> = {
  housing: 'Housing',
  employment: 'Employment',
  education: 'Education',
  legal: 'Legal',
  transport: 'Transport',
  childcare: 'Childcare',
  benefits: 'Benefits',
  food: 'Food',
};

export const NEED_STATUSES = ['identified', 'in_progress', 'met', 'declined'] as const;
export type NeedStatus = (typeof NEED_STATUSES)[number];

export const NEED_STATUS_LABELS: Record<NeedStatus, string> = {
  identified: 'Identified',
  in_progress: 'In progress',
  met: 'Met',
  declined: 'Declined',
};

export const NEED_PRIORITIES = ['high', 'medium', 'low'] as const;
export type NeedPriority = (typeof NEED_PRIORITIES)[number];

export const NEED_PRIORITY_LABELS: Record<NeedPriority, string> = {
  high: 'High',
  medium: 'Medium',
  low: 'Low',
};

const NEED_TRANSITIONS: Record<NeedStatus, readonly NeedStatus[]> = {
  identified: ['in_progress', 'met', 'declined'],
  in_progress: ['identified', 'met', 'declined'],
  met: ['in_progress'],
  declined: ['identified'],
};

export const nextNeedStatuses = (from: NeedStatus): readonly NeedStatus[] => NEED_TRANSITIONS[from];

/** Null when the change is allowed (or no change); otherwise why not, in words. */
export const needStatusRefusal = (from: NeedStatus, to: NeedStatus): string | null => {
  if (from === to || NEED_TRANSITIONS[from].includes(to)) return null;
  const allowed = NEED_TRANSITIONS[from].map((s) => NEED_STATUS_LABELS[s].toLowerCase()).join(' or ');
  return `A ${NEED_STATUS_LABELS[from].toLowerCase()} need can only become ${allowed}.`;
};

/** Open needs first, high priority first within them. */
export const needOrder = (a: { status: NeedStatus; priority: NeedPriority }, b: typeof a): number => {
  const open = (s: NeedStatus) => (s === 'identified' || s === 'in_progress' ? 0 : 1);
  return (
    open(a.status) - open(b.status) ||
    NEED_PRIORITIES.indexOf(a.priority) - NEED_PRIORITIES.indexOf(b.priority)
  );
};
