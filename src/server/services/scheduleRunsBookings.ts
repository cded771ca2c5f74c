import { randomUUID } from 'node:crypto';
import type { BookOccurrenceBody, OccurrenceBooking } from '../../core/api/scheduleRuns.js';
import { DomainError } from '../../core/errors/domainError.js';
import type { LocalDate } from '../../core/schedule/localTime.js';
import { isBooked } from '../../core/schedule/membership.js';
import { changeToReach } from '../../core/schedule/occurrenceBookings.js';
import { recordAudit } from '../../db/audit.js';
import type { RequestContext } from '../context.js';
import type { AppDeps } from '../deps.js';
import { auditFor, authorizePatient } from './access.js';
import { mayOnSeries } from './scheduleAccess.js';
import {
  bookedIn,
  capacityOfOccurrence,
  loadCaps,
  membershipsBySeries,
  payersOf,
} from './scheduleCalendar.js';
import { bookingChangesOf, loadSeries, membershipsOf, occurrenceByKey } from './seriesStore.js';

/**
 * A staff move of one seat (SPEC §5: "staff can pin or move assignments by hand"): book a patient
 * into one session or take them out of it, pinned or not. Pins are kept by later scheduler runs.
 * Authorized like joining a series: the patient's `schedule.write`, and a series the caller sees.
 */
export const bookOccurrence = async (
  deps: AppDeps,
  ctx: RequestContext,
  seriesId: string,
  date: LocalDate,
  body: BookOccurrenceBody,
): Promise<OccurrenceBooking> => {
  const { facts } = await authorizePatient(deps, ctx, body.patientId, 'schedule.write');
  const db = deps.db.kysely;
  const stored = await loadSeries(db, seriesId);
  if (!stored || !mayOnSeries(ctx, stored, 'session.read'))
    throw new DomainError('NOT_FOUND', 'No such session series.');
  if (stored.row.site_id !== facts.siteId)
    throw new DomainError('VALIDATION_FAILED', 'The series is at another site than the patient.', {
      fields: [{ field: '/patientId', message: 'is a patient of another site than the series' }],
    });
  const found = await occurrenceByKey(db, `${seriesId}@${date}`);
  if (!found) throw new DomainError('NOT_FOUND', `The series has no session on ${date}.`);
  const { occurrence } = found;
  if (occurrence.cancellation !== null)
    throw new DomainError('INVALID_STATE', 'This session is cancelled; nobody can be booked into it.');
  const now = deps.clock.now();
  if (occurrence.startMs <= now.getTime())
    throw new DomainError('INVALID_STATE', 'This session has begun; record who came on its roll call.');
  const want = body.kind === 'add';

  return db.transaction().execute(async (trx) => {
    // Serializes bookings of one series, so two adds cannot both take the last place.
    await trx.updateTable('session_series').set({ id: seriesId }).where('id', '=', seriesId).execute();
    const rows = await membershipsOf(trx, [seriesId]);
    const members = membershipsBySeries(rows).get(seriesId) ?? [];
    const memberBooked = members.some((m) => m.patientId === body.patientId && isBooked(m, occurrence));
    await trx
      .deleteFrom('occurrence_bookings')
      .where('series_id', '=', seriesId)
      .where('scheduled_date', '=', occurrence.scheduledDate)
      .where('patient_id', '=', body.patientId)
      .execute();
    const changes = await bookingChangesOf(trx, [seriesId], {
      from: occurrence.scheduledDate,
      to: occurrence.scheduledDate,
    });
    const others = bookedIn(members, occurrence, changes).filter((p) => p !== body.patientId);
    if (want) {
      const caps = await loadCaps(trx);
      const room = occurrence.roomId
        ? await trx.selectFrom('rooms').select(['id', 'seats']).where('id', '=', occurrence.roomId).execute()
        : [];
      const payers = await payersOf(trx, [...others, body.patientId], caps);
      const capacity = capacityOfOccurrence(
        occurrence,
        new Map(room.map((r) => [r.id, r.seats])),
        caps,
        [...others, body.patientId].flatMap((p) => payers.get(p) ?? []),
      );
      if (others.length + 1 > capacity)
        throw new DomainError(
          'CONFLICT',
          `The session on ${occurrence.localDate} is full (${capacity} places).`,
          {
            extra: {
              reason: 'SESSION_FULL',
              fullOccurrences: [
                {
                  occurrenceKey: occurrence.key,
                  localDate: occurrence.localDate,
                  booked: others.length,
                  capacity,
                },
              ],
            },
          },
        );
    }
    // A pin that agrees with the membership is still stored: it is what later runs keep.
    const kind = changeToReach(memberBooked, want) ?? (body.pinned ? body.kind : null);
    if (kind !== null)
      await trx
        .insertInto('occurrence_bookings')
        .values({
          id: randomUUID(),
          series_id: seriesId,
          scheduled_date: occurrence.scheduledDate,
          patient_id: body.patientId,
          kind,
          pinned: body.pinned ? 1 : 0,
          source: 'staff',
          run_id: null,
          created_by: ctx.actor.userId,
          created_at: now.toISOString(),
        })
        .execute();
    await recordAudit(
      trx,
      {
        ...auditFor(ctx),
        action: 'schedule.booking.change',
        patientIds: [body.patientId],
        recordType: 'session_series',
        recordId: seriesId,
        detail: { occurrenceKey: occurrence.key, kind: body.kind, pinned: body.pinned },
      },
      now,
    );
    return {
      occurrenceKey: occurrence.key,
      patientId: body.patientId,
      booked: want,
      pinned: body.pinned,
      bookedCount: others.length + (want ? 1 : 0),
    };
  });
};
