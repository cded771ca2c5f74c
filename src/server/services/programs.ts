import type { Program, Track, WeeklySlot } from '../../core/api/admin.js';
import type { Db } from '../../db/createDb.js';
import type { ProgramsTable, TracksTable } from '../../db/schema.js';

const minutes = (hhmm: string): number => {
  const [h, m] = hhmm.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
};

/** Scheduled hours per week of a track's pattern. */
export const weeklyHoursOf = (pattern: readonly WeeklySlot[]): number =>
  Math.round(
    (pattern.reduce((sum, slot) => sum + Math.max(0, minutes(slot.end) - minutes(slot.start)), 0) / 60) * 100,
  ) / 100;

export const presentTrack = (row: TracksTable): Track => {
  const weeklyPattern = JSON.parse(row.weekly_pattern) as WeeklySlot[];
  return {
    id: row.id,
    programId: row.program_id,
    name: row.name,
    weeklyPattern,
    weeklyHours: weeklyHoursOf(weeklyPattern),
    active: row.active === 1,
    version: row.version,
  };
};

export const presentProgram = (row: ProgramsTable, tracks: TracksTable[]): Program => ({
  id: row.id,
  siteId: row.site_id,
  name: row.name,
  levelOfCare: row.level_of_care as Program['levelOfCare'],
  audience: row.audience as Program['audience'],
  minWeeklyHours: row.min_weekly_hours,
  maxWeeklyHours: row.max_weekly_hours,
  typicalWeeksMin: row.typical_weeks_min,
  typicalWeeksMax: row.typical_weeks_max,
  active: row.active === 1,
  tracks: tracks.filter((t) => t.program_id === row.id).map(presentTrack),
  version: row.version,
});

export const listPrograms = async (db: Db, siteIds: readonly string[] | 'all'): Promise<Program[]> => {
  let query = db.kysely.selectFrom('programs').selectAll().orderBy('name');
  if (siteIds !== 'all') query = query.where('site_id', 'in', siteIds.length > 0 ? [...siteIds] : ['']);
  const programs = await query.execute();
  const tracks =
    programs.length === 0
      ? []
      : await db.kysely
          .selectFrom('tracks')
          .selectAll()
          .where(
            'program_id',
            'in',
            programs.map((p) => p.id),
          )
          .orderBy('name')
          .execute();
  return programs.map((p) => presentProgram(p, tracks));
};
