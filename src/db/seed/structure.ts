import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { LevelOfCare } from '../../core/care/levels.js';
import type { Database } from '../schema.js';

/** A site and the local details its synthetic patients get (area code, city, postal code). */
export interface SiteSpec {
  name: string;
  timeZone: string;
  city: string;
  state: string;
  areaCode: string;
  postalCode: string;
}

export const ORGANIZATION_NAME = 'Riverbend Recovery (demo)';

/** Two sites in different time zones, so every date and time shown has to pick the right one. */
export const CLINIC_SITES: readonly SiteSpec[] = [
  {
    name: 'Riverbend — Hartford',
    timeZone: 'America/New_York',
    city: 'Hartford',
    state: 'CT',
    areaCode: '860',
    postalCode: '06105',
  },
  {
    name: 'Riverbend — Sacramento',
    timeZone: 'America/Los_Angeles',
    city: 'Sacramento',
    state: 'CA',
    areaCode: '916',
    postalCode: '95814',
  },
];

const site = (
  city: string,
  state: string,
  timeZone: string,
  areaCode: string,
  postalCode: string,
): SiteSpec => ({
  name: `Riverbend — ${city}`,
  timeZone,
  city,
  state,
  areaCode,
  postalCode,
});

/** The multi-site operator: ten sites over six time zones (Phoenix keeps no daylight saving time). */
export const OPERATOR_SITES: readonly SiteSpec[] = [
  ...CLINIC_SITES,
  site('Denver', 'CO', 'America/Denver', '303', '80202'),
  site('Phoenix', 'AZ', 'America/Phoenix', '602', '85004'),
  site('Chicago', 'IL', 'America/Chicago', '312', '60607'),
  site('Atlanta', 'GA', 'America/New_York', '404', '30303'),
  site('Seattle', 'WA', 'America/Los_Angeles', '206', '98104'),
  site('Austin', 'TX', 'America/Chicago', '512', '78701'),
  site('Albuquerque', 'NM', 'America/Denver', '505', '87102'),
  site('Anchorage', 'AK', 'America/Anchorage', '907', '99501'),
];

export interface WeeklySlot {
  /** ISO weekday: 1 = Monday … 7 = Sunday. */
  weekday: number;
  start: string;
  end: string;
}

const slots = (weekdays: number[], start: string, end: string): WeeklySlot[] =>
  weekdays.map((weekday) => ({ weekday, start, end }));

export type ProgramKey = 'adult_iop' | 'cooccurring_iop' | 'adult_php';
export type TrackKey = 'morning' | 'evening' | 'day';

interface ProgramSpec {
  key: ProgramKey;
  name: string;
  levelOfCare: LevelOfCare;
  minWeeklyHours: number;
  maxWeeklyHours: number | null;
  typicalWeeks: [number, number];
  tracks: { key: TrackKey; name: string; pattern: WeeklySlot[] }[];
}

// Morning: 3 × 3 h = 9 h, the adult IOP minimum. Evening: 4 × 3 h = 12 h, for people who work days.
const IOP_TRACKS: ProgramSpec['tracks'] = [
  { key: 'morning', name: 'Morning (Mon/Wed/Fri 9:00–12:00)', pattern: slots([1, 3, 5], '09:00', '12:00') },
  { key: 'evening', name: 'Evening (Mon–Thu 18:00–21:00)', pattern: slots([1, 2, 3, 4], '18:00', '21:00') },
];

const PROGRAMS: Record<ProgramKey, ProgramSpec> = {
  adult_iop: {
    key: 'adult_iop',
    name: 'Adult SUD IOP',
    levelOfCare: 'IOP',
    minWeeklyHours: 9,
    maxWeeklyHours: 19,
    typicalWeeks: [8, 12],
    tracks: IOP_TRACKS,
  },
  cooccurring_iop: {
    key: 'cooccurring_iop',
    name: 'Co-occurring IOP',
    levelOfCare: 'IOP',
    minWeeklyHours: 9,
    maxWeeklyHours: 19,
    typicalWeeks: [8, 12],
    tracks: IOP_TRACKS,
  },
  // 5 × 5 h = 25 h a week: partial hospitalization starts at 20.
  adult_php: {
    key: 'adult_php',
    name: 'Adult PHP',
    levelOfCare: 'PHP',
    minWeeklyHours: 20,
    maxWeeklyHours: null,
    typicalWeeks: [2, 4],
    tracks: [
      { key: 'day', name: 'Day (Mon–Fri 9:00–14:00)', pattern: slots([1, 2, 3, 4, 5], '09:00', '14:00') },
    ],
  },
};

export interface SeededProgram {
  id: string;
  key: ProgramKey;
  levelOfCare: LevelOfCare;
  tracks: Partial<Record<TrackKey, string>>;
}

export interface SeededSite {
  id: string;
  spec: SiteSpec;
  programs: Partial<Record<ProgramKey, SeededProgram>>;
}

export interface SeededStructure {
  organizationId: string;
  sites: SeededSite[];
}

/**
 * Creates the organization, its sites and their programs and tracks. Every site runs both IOP
 * programs; the first also runs PHP so that a PHP → IOP step-down can be shown. The on-call user is
 * set later, once staff exist.
 */
export const createStructure = async (
  trx: Transaction<Database>,
  siteSpecs: readonly SiteSpec[],
  nowIso: string,
): Promise<SeededStructure> => {
  const organizationId = randomUUID();
  await trx
    .insertInto('organizations')
    .values({ id: organizationId, name: ORGANIZATION_NAME, created_at: nowIso })
    .execute();
  const sites: SeededSite[] = siteSpecs.map((spec) => ({ id: randomUUID(), spec, programs: {} }));
  await trx
    .insertInto('sites')
    .values(
      sites.map((s) => ({
        id: s.id,
        organization_id: organizationId,
        name: s.spec.name,
        time_zone: s.spec.timeZone,
        on_call_user_id: null,
        created_at: nowIso,
        updated_at: nowIso,
        version: 1,
      })),
    )
    .execute();

  const programRows: Database['programs'][] = [];
  const trackRows: Database['tracks'][] = [];
  sites.forEach((s, index) => {
    const keys: ProgramKey[] =
      index === 0 ? ['adult_iop', 'cooccurring_iop', 'adult_php'] : ['adult_iop', 'cooccurring_iop'];
    for (const key of keys) {
      const spec = PROGRAMS[key];
      const program: SeededProgram = { id: randomUUID(), key, levelOfCare: spec.levelOfCare, tracks: {} };
      s.programs[key] = program;
      programRows.push({
        id: program.id,
        site_id: s.id,
        name: spec.name,
        level_of_care: spec.levelOfCare,
        audience: 'adult',
        min_weekly_hours: spec.minWeeklyHours,
        max_weekly_hours: spec.maxWeeklyHours,
        typical_weeks_min: spec.typicalWeeks[0],
        typical_weeks_max: spec.typicalWeeks[1],
        active: 1,
        created_at: nowIso,
        updated_at: nowIso,
        version: 1,
      });
      for (const track of spec.tracks) {
        const id = randomUUID();
        program.tracks[track.key] = id;
        trackRows.push({
          id,
          program_id: program.id,
          name: track.name,
          weekly_pattern: JSON.stringify(track.pattern),
          active: 1,
          created_at: nowIso,
          updated_at: nowIso,
          version: 1,
        });
      }
    }
  });
  await trx.insertInto('programs').values(programRows).execute();
  await trx.insertInto('tracks').values(trackRows).execute();
  return { organizationId, sites };
};

/** The program and track an IOP admission lands in, or throws if the site lacks it (a seeding bug). */
export const programAt = (site: SeededSite, key: ProgramKey): SeededProgram => {
  const program = site.programs[key];
  if (!program) throw new Error(`${site.spec.name} has no ${key} program`);
  return program;
};

export const trackOf = (program: SeededProgram, key: TrackKey): string => {
  const track = program.tracks[key];
  if (!track) throw new Error(`program ${program.key} has no ${key} track`);
  return track;
};
