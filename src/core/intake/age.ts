const MINUTE_MS = 60_000;

/** Whole minutes from an instant to now; never negative (a clock a little ahead is not "in the future"). */
export const minutesSince = (since: string, now: Date): number => {
  const start = Date.parse(since);
  if (Number.isNaN(start)) return 0;
  return Math.max(0, Math.floor((now.getTime() - start) / MINUTE_MS));
};

/**
 * An age as the board shows it: "just now", "12 min", "3 h", "2 d". Hours up to two days, so
 * "36 h" reads against the 48-hour priority window; days after that.
 */
export const formatAge = (minutes: number): string => {
  if (minutes < 1) return 'just now';
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h`;
  return `${Math.floor(hours / 24)} d`;
};

/** "just now", "12 min ago", "2 d ago". */
export const formatAgeAgo = (minutes: number): string =>
  minutes < 1 ? 'just now' : `${formatAge(minutes)} ago`;

/** Time left until a deadline: "5 h left", "40 min left", "overdue by 3 h". */
export const formatTimeLeft = (deadline: string, now: Date): string => {
  const left = Math.floor((Date.parse(deadline) - now.getTime()) / MINUTE_MS);
  if (Number.isNaN(left)) return '';
  if (left <= 0) {
    const over = -left;
    return over < 1 ? 'due now' : `overdue by ${formatAge(over)}`;
  }
  return `${formatAge(left)} left`;
};
