import { type EpochMs, type LocalDate, overlaps } from './localTime.js';
import type { Occurrence } from './recurrence.js';

/**
 * Clinic closures (SPEC §5: holidays cancel the sessions they cover and notify those booked). A
 * closure is whole local days (a holiday, a snow day) or a span of time (closing at 13:00 before a
 * holiday, a fire drill).
 */
export type ClosureSpan =
  { kind: 'days'; from: LocalDate; to: LocalDate } | { kind: 'instants'; startMs: EpochMs; endMs: EpochMs };

export interface ClinicClosure {
  id: string;
  siteId: string;
  reason: string;
  span: ClosureSpan;
}

export interface ClosureCancellation {
  occurrenceKey: string;
  closureId: string;
  reason: string;
}

/**
 * Whether a closure covers an occurrence. Days are inclusive, on the site's calendar. A time span
 * covers any session it touches: a group cannot run half its time, so a partial overlap cancels it.
 */
export const closureCovers = (
  closure: ClinicClosure,
  occurrence: Pick<Occurrence, 'siteId' | 'localDate' | 'startMs' | 'endMs'>,
): boolean => {
  if (closure.siteId !== occurrence.siteId) return false;
  const span = closure.span;
  return span.kind === 'days'
    ? occurrence.localDate >= span.from && occurrence.localDate <= span.to
    : overlaps(span.startMs, span.endMs, occurrence.startMs, occurrence.endMs);
};

/**
 * The occurrences closures cancel, one line per occurrence (the first closure covering it, in the
 * order given). Occurrences already cancelled on their own are left as they are: their patients
 * were told already.
 */
export const cancelledByClosures = (
  closures: readonly ClinicClosure[],
  occurrences: readonly Occurrence[],
): ClosureCancellation[] => {
  const cancelled: ClosureCancellation[] = [];
  for (const occurrence of occurrences) {
    if (occurrence.cancellation !== null) continue;
    const closure = closures.find((c) => closureCovers(c, occurrence));
    if (closure)
      cancelled.push({ occurrenceKey: occurrence.key, closureId: closure.id, reason: closure.reason });
  }
  return cancelled;
};

export interface Booking {
  occurrenceKey: string;
  patientId: string;
}

export type NotificationRecipient =
  { kind: 'patient'; patientId: string } | { kind: 'staff'; userId: string };

export interface CancellationNotice {
  recipient: NotificationRecipient;
  occurrenceKey: string;
  closureId: string;
  reason: string;
  localDate: LocalDate;
  /** The start with the site's offset, for the message text. */
  startIso: string;
  /** Repeat-safe: one notice per recipient per cancelled occurrence. */
  dedupeKey: string;
}

/**
 * Who to tell about each cancellation: every patient booked for it and its clinician. The sender
 * (and the patient's contact preferences) decide how; this only decides who and about what.
 */
export const closureNotices = (
  cancellations: readonly ClosureCancellation[],
  occurrences: readonly Occurrence[],
  bookings: readonly Booking[],
): CancellationNotice[] => {
  const byKey = new Map(occurrences.map((o) => [o.key, o]));
  const notices = new Map<string, CancellationNotice>();
  const add = (recipient: NotificationRecipient, c: ClosureCancellation, o: Occurrence) => {
    const who = recipient.kind === 'patient' ? `patient:${recipient.patientId}` : `staff:${recipient.userId}`;
    const dedupeKey = `closure:${c.closureId}:${o.key}:${who}`;
    if (notices.has(dedupeKey)) return;
    notices.set(dedupeKey, {
      recipient,
      occurrenceKey: o.key,
      closureId: c.closureId,
      reason: c.reason,
      localDate: o.localDate,
      startIso: o.startIso,
      dedupeKey,
    });
  };
  for (const c of cancellations) {
    const occurrence = byKey.get(c.occurrenceKey);
    if (!occurrence) continue;
    for (const booking of bookings) {
      if (booking.occurrenceKey === c.occurrenceKey)
        add({ kind: 'patient', patientId: booking.patientId }, c, occurrence);
    }
    add({ kind: 'staff', userId: occurrence.clinicianId }, c, occurrence);
  }
  return [...notices.values()];
};
