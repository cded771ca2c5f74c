/**
 * Scheduling's pure domain (SPEC §5): recurring session series and their occurrences, clinic
 * closures, rolling-group and closed-cohort membership, effective capacity, and move/create conflicts.
 *
 * Conventions every function here follows, and why:
 * - **Instants are epoch milliseconds** (`EpochMs`, a plain number), never `Date` or
 *   `Temporal.Instant` objects: they compare with `<`, cross JSON, the database and the scheduler's
 *   worker thread unchanged, and cost nothing to copy. Occurrences also carry ISO strings with the
 *   site's offset (`2026-03-09T09:00:00-04:00`) for people and iCal.
 * - **Calendar days and wall-clock times are site-local** (`YYYY-MM-DD`, `HH:MM`) in the site's
 *   IANA zone. Temporal (temporal-polyfill) does the zone arithmetic inside `localTime.ts`; no
 *   Temporal object crosses this module's boundary. (`rrule` is not used: its DST handling is wrong.)
 * - **Series times are wall-clock times**: a 09:00 group is at 09:00 local in winter and summer.
 *   A time that does not exist (spring-forward gap) moves forward by the gap (02:30 → 03:30); a time
 *   that happens twice (fall back) is its first occurrence — Temporal's `compatible` rule, as
 *   calendar apps do. Either way there is exactly one occurrence per scheduled date.
 * - **Durations are real minutes**: a 09:00–10:30 group lasts 90 elapsed minutes; a session spanning
 *   a clock change (only in the small hours) ends at a different wall time rather than shrinking.
 * - **Weeks start on Monday** (ISO 8601), in the site's zone.
 * - **A window `[from, to)` holds the occurrences that start in it**, so adjacent windows never
 *   show a session twice.
 * - Refusals that a person must fix are `DomainError`s with `extra.reason` (membership); checks that
 *   report several problems return lists (`FieldError[]`, `Conflict[]`).
 */
export {
  addDays,
  type EpochMs,
  instantOf,
  isoWeekdayOf,
  type IsoWeekday,
  isoWithOffset,
  type LocalDate,
  localDateAt,
  type LocalTime,
  localTimeAt,
  startOfLocalDay,
  weekStartOf,
} from './localTime.js';
export {
  DEFAULT_CAPACITY,
  expandAll,
  expandOccurrences,
  MAX_SESSION_MINUTES,
  type Occurrence,
  occurrenceKey,
  oneOffSession,
  patternIncludes,
  SESSION_KINDS,
  type SeriesException,
  type SessionKind,
  type SessionSeries,
  validateSeries,
} from './recurrence.js';
export {
  type Booking,
  type CancellationNotice,
  cancelledByClosures,
  type ClinicClosure,
  type ClosureCancellation,
  closureCovers,
  closureNotices,
  type ClosureSpan,
  type NotificationRecipient,
} from './closures.js';
export {
  bookingsFor,
  firstOccurrence,
  isBooked,
  joinSeries,
  type JoinRequest,
  leaveSeries,
  type MembershipRefusal,
  type SeriesMembership,
} from './membership.js';
export {
  type CapacityCap,
  capCovers,
  type CapacityFacts,
  type CapacityLimit,
  type EffectiveCapacity,
  effectiveCapacity,
  hasPlaceFor,
  lastDateBookingsDiffer,
  overbookedOccurrences,
} from './capacity.js';
export {
  type Conflict,
  type ConflictCode,
  movedPlacement,
  type Placement,
  placementConflicts,
  type ScheduleAround,
} from './conflicts.js';
