import type { TodaySession } from '../../../core/api/home.js';
import { cancelledByClosures } from '../../../core/schedule/closures.js';
import { addDays } from '../../../core/schedule/localTime.js';
import { expandOccurrences, type Occurrence } from '../../../core/schedule/recurrence.js';
import { calendarDateIn } from '../../../core/runtime.js';
import type { Executor } from '../notes/noteData.js';
import { activeClosures, bookedIn, membershipsBySeries, windowOf } from '../scheduleCalendar.js';
import { bookingChangesOf, loadSeriesByIds, membershipsOf } from '../seriesStore.js';

/** Moves stay within a few weeks of their date (scheduleOccurrences MAX_MOVE_DAYS). */
const MOVE_SLACK_DAYS = 32;

const noteState = (status: string | undefined): TodaySession['note']['status'] =>
  status === 'signed' ? 'signed' : status === 'draft' ? 'draft' : 'none';

/**
 * The sessions a clinician leads today at their sites (each site's own today), with what is still
 * to do for each: the roll call, then the note.
 */
export const sessionsLedToday = async (
  db: Executor,
  userId: string,
  siteIds: readonly string[],
  now: Date,
): Promise<TodaySession[]> => {
  if (siteIds.length === 0) return [];
  const dayOf = (timeZone: string) => calendarDateIn(now, timeZone);
  const utcToday = calendarDateIn(now, 'UTC');
  const candidates = await db
    .selectFrom('session_series')
    .select('id')
    .where('archived_at', 'is', null)
    .where('site_id', 'in', [...siteIds])
    .where('starts_on', '<=', addDays(utcToday, MOVE_SLACK_DAYS))
    .where((eb) =>
      eb.or([eb('ends_on', 'is', null), eb('ends_on', '>=', addDays(utcToday, -MOVE_SLACK_DAYS))]),
    )
    .where((eb) =>
      eb.or([
        eb('clinician_id', '=', userId),
        eb(
          'id',
          'in',
          eb.selectFrom('series_exceptions').select('series_id').where('clinician_id', '=', userId),
        ),
      ]),
    )
    .execute();
  const stored = await loadSeriesByIds(
    db,
    candidates.map((c) => c.id),
  );
  const occurrences: Occurrence[] = stored.flatMap(({ series }) => {
    const today = dayOf(series.timeZone);
    const [fromMs, toMs] = windowOf(today, today, series.timeZone);
    return expandOccurrences(series, fromMs, toMs).filter((o) => o.clinicianId === userId);
  });
  if (occurrences.length === 0) return [];
  const keys = occurrences.map((o) => o.key);
  const seriesIds = [...new Set(occurrences.map((o) => o.seriesId))];
  const roomIds = [...new Set(occurrences.flatMap((o) => (o.roomId === null ? [] : [o.roomId])))];
  const [rollCalls, closures, memberships, changes, rooms, notes] = await Promise.all([
    db
      .selectFrom('roll_calls')
      .select(['id', 'occurrence_key', 'status'])
      .where('occurrence_key', 'in', keys)
      .execute(),
    activeClosures(db, [...new Set(occurrences.map((o) => o.siteId))]),
    membershipsOf(db, seriesIds),
    bookingChangesOf(db, seriesIds),
    roomIds.length === 0
      ? Promise.resolve([])
      : db.selectFrom('rooms').select(['id', 'name']).where('id', 'in', roomIds).execute(),
    db
      .selectFrom('clinical_notes')
      .select(['id', 'occurrence_key', 'status'])
      .where('occurrence_key', 'in', keys)
      .where('group_note_id', 'is', null)
      .where((eb) => eb.or([eb('status', '=', 'signed'), eb('author_user_id', '=', userId)]))
      .execute(),
  ]);
  const rollCallIds = rollCalls.map((r) => r.id);
  const groupNotes =
    rollCallIds.length === 0
      ? []
      : await db
          .selectFrom('group_notes')
          .select(['id', 'roll_call_id', 'status'])
          .where('roll_call_id', 'in', rollCallIds)
          .execute();
  const closedKeys = new Set(cancelledByClosures(closures, occurrences).map((c) => c.occurrenceKey));
  const bySeries = membershipsBySeries(memberships);
  const roomName = new Map(rooms.map((r) => [r.id, r.name]));
  return occurrences
    .sort((a, b) => a.startMs - b.startMs || a.key.localeCompare(b.key))
    .map((o) => {
      const rollCall = rollCalls.find((r) => r.occurrence_key === o.key);
      const cancelled = o.cancellation !== null || closedKeys.has(o.key) || rollCall?.status === 'cancelled';
      let note: TodaySession['note'];
      if (o.kind === 'group') {
        const groupNote = rollCall ? groupNotes.find((g) => g.roll_call_id === rollCall.id) : undefined;
        note = { kind: 'group_note', status: noteState(groupNote?.status), id: groupNote?.id ?? null };
      } else {
        const own = notes.filter((n) => n.occurrence_key === o.key);
        const shown = own.find((n) => n.status === 'signed') ?? own[0];
        note = { kind: 'note', status: noteState(shown?.status), id: shown?.id ?? null };
      }
      return {
        occurrenceKey: o.key,
        seriesId: o.seriesId,
        title: o.title,
        kind: o.kind,
        start: new Date(o.startMs).toISOString(),
        end: new Date(o.endMs).toISOString(),
        localStartTime: o.localStartTime,
        room: o.roomId === null ? null : (roomName.get(o.roomId) ?? null),
        bookedCount: bookedIn(bySeries.get(o.seriesId), o, changes).length,
        rollCall: cancelled ? 'cancelled' : rollCall?.status === 'held' ? 'held' : 'not_taken',
        note,
      };
    });
};
