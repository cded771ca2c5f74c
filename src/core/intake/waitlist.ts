/** What orders the waitlist: priority deadlines first (soonest first), then whoever has waited longest. */
export interface WaitlistPosition {
  id: string;
  priorityDeadline: string | null;
  waitlistedAt: string | null;
  createdAt: string;
}

const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Instants are compared as ISO-8601 UTC text, which sorts chronologically. Without a deadline, the
 * time on the waitlist decides; the inquiry's age and its id break ties so the order is stable.
 */
export const compareWaitlist = (a: WaitlistPosition, b: WaitlistPosition): number => {
  if (a.priorityDeadline !== null || b.priorityDeadline !== null) {
    if (a.priorityDeadline === null) return 1;
    if (b.priorityDeadline === null) return -1;
    const byDeadline = byText(a.priorityDeadline, b.priorityDeadline);
    if (byDeadline !== 0) return byDeadline;
  }
  const byWaiting = byText(a.waitlistedAt ?? a.createdAt, b.waitlistedAt ?? b.createdAt);
  if (byWaiting !== 0) return byWaiting;
  return byText(a.createdAt, b.createdAt) || byText(a.id, b.id);
};

export const sortWaitlist = <T extends WaitlistPosition>(entries: readonly T[]): T[] =>
  [...entries].sort(compareWaitlist);
