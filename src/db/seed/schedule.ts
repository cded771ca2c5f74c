import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { calendarDateIn } from '../../core/runtime.js';
import { addDays, startOfLocalDay } from '../../core/schedule/localTime.js';
import { recordAudit } from '../audit.js';
import type { Database, RoomsTable, SeriesMembershipsTable, SessionSeriesTable } from '../schema.js';
import type { SeededStaff, StaffKey } from './staff.js';
import type { ProgramKey, SeededStructure, TrackKey } from './structure.js';

/**
 * The demo's schedule (SPEC §5): rooms at every site, the groups each track runs — two back-to-back
 * groups per track session, so a morning or evening is three hours — and memberships for the
 * admitted patients of each track, from the day they started (or the groups did).
 */

interface GroupSpec {
  title: string;
  startTime: string;
  durationMinutes: number;
}

const TRACK_GROUPS: Record<TrackKey, { weekdays: string; groups: GroupSpec[] }> = {
  morning: {
    weekdays: '1,3,5',
    groups: [
      { title: 'Relapse prevention', startTime: '09:00', durationMinutes: 90 },
      { title: 'CBT skills', startTime: '10:45', durationMinutes: 75 },
    ],
  },
  evening: {
    weekdays: '1,2,3,4',
    groups: [
      { title: 'Process group', startTime: '18:00', durationMinutes: 90 },
      { title: 'DBT skills', startTime: '19:45', durationMinutes: 75 },
    ],
  },
  day: {
    weekdays: '1,2,3,4,5',
    groups: [
      { title: 'Psychoeducation', startTime: '09:00', durationMinutes: 120 },
      { title: 'Life skills', startTime: '11:30', durationMinutes: 150 },
    ],
  },
};

/** Who leads which program's track, so nobody leads two groups at once at a site. */
const LEADERS: Record<ProgramKey, Partial<Record<TrackKey, StaffKey>>> = {
  adult_iop: { morning: 'clinician', evening: 'clinician2' },
  cooccurring_iop: { morning: 'clinician2', evening: 'clinician' },
  adult_php: { day: 'clinical_supervisor' },
};
const ROOM_OF: Record<ProgramKey, number> = { adult_iop: 0, cooccurring_iop: 1, adult_php: 2 };
const ROOMS = [
  { name: 'Group room A', seats: 14 },
  { name: 'Group room B', seats: 14 },
  { name: 'Group room C', seats: 12 },
  { name: 'Office 1', seats: 3 },
];
const GROUP_CAPACITY = 12;
/** The groups began twelve weeks ago: a typical IOP stay. */
const SERIES_WEEKS_AGO = 12;

export const seedSchedule = async (
  kysely: Kysely<Database>,
  structure: SeededStructure,
  staff: SeededStaff,
  now: Date,
): Promise<void> => {
  const nowIso = now.toISOString();
  const rooms: RoomsTable[] = [];
  const series: (SessionSeriesTable & { timeZone: string })[] = [];
  for (const site of structure.sites) {
    const siteRooms = ROOMS.map((r) => ({
      id: randomUUID(),
      site_id: site.id,
      name: r.name,
      seats: r.seats,
      active: 1,
      created_at: nowIso,
      updated_at: nowIso,
      version: 1,
    }));
    rooms.push(...siteRooms);
    const startsOn = addDays(calendarDateIn(now, site.spec.timeZone), -7 * SERIES_WEEKS_AGO);
    for (const program of Object.values(site.programs)) {
      for (const [trackKey, trackId] of Object.entries(program.tracks) as [TrackKey, string][]) {
        const leader = LEADERS[program.key][trackKey];
        if (!leader) continue;
        const pattern = TRACK_GROUPS[trackKey];
        for (const group of pattern.groups) {
          series.push({
            id: randomUUID(),
            site_id: site.id,
            program_id: program.id,
            track_id: trackId,
            kind: 'group',
            title: group.title,
            clinician_id: staff[leader].id,
            room_id: siteRooms[ROOM_OF[program.key]]?.id ?? null,
            telehealth_url: null,
            capacity: GROUP_CAPACITY,
            enrolment: 'rolling',
            audience: 'adult',
            gender: null,
            weekdays: pattern.weekdays,
            start_time: group.startTime,
            duration_minutes: group.durationMinutes,
            every_weeks: 1,
            starts_on: startsOn,
            ends_on: null,
            archived_at: null,
            created_by: staff.program_director.id,
            created_at: nowIso,
            updated_at: nowIso,
            version: 1,
            timeZone: site.spec.timeZone,
          });
        }
      }
    }
  }

  await kysely.transaction().execute(async (trx) => {
    await trx.insertInto('rooms').values(rooms).execute();
    await trx
      .insertInto('session_series')
      .values(series.map(({ timeZone: _zone, ...row }) => row))
      .execute();

    // Current members: admitted patients whose open enrolment names a track.
    const enrolled = await trx
      .selectFrom('enrolment_segments as s')
      .innerJoin('episodes as e', 'e.id', 's.episode_id')
      .select(['s.patient_id', 's.track_id', 's.start_on'])
      .where('s.end_on', 'is', null)
      .where('e.status', '=', 'open')
      .where('s.track_id', 'is not', null)
      .orderBy('s.start_on')
      .orderBy('s.patient_id')
      .execute();
    const memberships: SeriesMembershipsTable[] = [];
    for (const s of series) {
      const members = enrolled.filter((e) => e.track_id === s.track_id).slice(0, s.capacity);
      for (const member of members) {
        const joinedOn = member.start_on > s.starts_on ? member.start_on : s.starts_on;
        memberships.push({
          id: randomUUID(),
          series_id: s.id,
          patient_id: member.patient_id,
          joined_on: joinedOn,
          left_on: null,
          pinned: 0,
          // Recorded before the first booked session, so every session since is booked.
          recorded_at: new Date(startOfLocalDay(joinedOn, s.timeZone)).toISOString(),
          created_by: staff.front_desk.id,
          ended_by: null,
          updated_at: nowIso,
          version: 1,
        });
      }
    }
    if (memberships.length > 0) {
      await trx.insertInto('series_memberships').values(memberships).execute();
      await recordAudit(
        trx,
        {
          actorUserId: null,
          actorRole: 'system',
          action: 'demo.seed',
          patientIds: [...new Set(memberships.map((m) => m.patient_id))],
          detail: { step: 'group_memberships' },
        },
        now,
      );
    }
  });
};
