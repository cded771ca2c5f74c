import { randomUUID } from 'node:crypto';
import { sql, type Transaction } from 'kysely';
import type { DischargeType } from '../../core/care/levels.js';
import { calendarDateIn } from '../../core/runtime.js';
import { recordAudit } from '../audit.js';
import type { Db } from '../createDb.js';
import type {
  AlertsTable,
  CaseloadAssignmentsTable,
  Database,
  EnrolmentSegmentsTable,
  EpisodesTable,
  PatientsTable,
  TasksTable,
} from '../schema.js';
import { instantOn, reserveMrns } from './common.js';
import { seedBenchInquiries } from './inquiries.js';
import { formatMrn, type PatientTraits, syntheticPatient } from './patients.js';
import { addDays, DAY_MS, HOUR_MS, isoAfter, type Random, seededRandom } from './random.js';
import type { SeededStaff } from './staff.js';
import { programAt, type SeededSite, type SeededStructure, trackOf } from './structure.js';

/**
 * Rows per multi-row INSERT. A patient row binds 30 parameters, so 1,000 rows stay under SQLite's
 * 32,766 and PostgreSQL's 65,535 bound-parameter limits.
 */
export const BATCH_SIZE = 1000;

/**
 * Batches per transaction. Random UUID keys spread every batch over the whole of each index; a
 * bigger transaction writes each touched page once instead of once per batch (measured on SQLite:
 * 100,000 patients in ~30 s with one batch per transaction, ~17 s with ten).
 */
const BATCHES_PER_TRANSACTION = 10;

const DISCHARGE_MIX: { type: DischargeType; weight: number; days: [number, number] }[] = [
  { type: 'completed', weight: 50, days: [56, 90] },
  { type: 'left_against_advice', weight: 25, days: [7, 40] },
  { type: 'transferred', weight: 12, days: [10, 50] },
  { type: 'administrative', weight: 8, days: [14, 45] },
  { type: 'other', weight: 5, days: [5, 60] },
];

const pickDischarge = (rng: Random): (typeof DISCHARGE_MIX)[number] => {
  let left = rng.next() * 100;
  for (const d of DISCHARGE_MIX) {
    left -= d.weight;
    if (left < 0) return d;
  }
  return DISCHARGE_MIX[0] as (typeof DISCHARGE_MIX)[number];
};

interface BatchRows {
  patients: PatientsTable[];
  episodes: EpisodesTable[];
  segments: EnrolmentSegmentsTable[];
  caseloads: CaseloadAssignmentsTable[];
  alerts: AlertsTable[];
  tasks: TasksTable[];
}

interface BatchContext {
  rng: Random;
  structure: SeededStructure;
  staff: SeededStaff;
  now: Date;
  todayBySite: Map<string, string>;
}

/** Builds the rows of patients number `from` … `from + count - 1`, whose MRNs start at `firstMrn`. */
const buildBatch = (ctx: BatchContext, from: number, count: number, firstMrn: number): BatchRows => {
  const { rng, structure, staff, now } = ctx;
  const clinicians = [staff.clinician.id, staff.clinician2.id];
  const rows: BatchRows = { patients: [], episodes: [], segments: [], caseloads: [], alerts: [], tasks: [] };
  for (let i = 0; i < count; i += 1) {
    const n = from + i;
    const site = structure.sites[n % structure.sites.length] as SeededSite;
    const today = ctx.todayBySite.get(site.id) ?? calendarDateIn(now, site.spec.timeZone);
    const roll = rng.next();
    const status = roll < 0.15 ? 'intake' : roll < 0.75 ? 'active' : 'discharged';
    const clinicianId =
      status === 'intake' ? null : (clinicians[n % clinicians.length] ?? staff.clinician.id);
    const female = rng.chance(0.45);
    const pregnant = female && rng.chance(0.02);
    const traits: PatientTraits = {
      sex: female ? 'female' : 'male',
      priority: pregnant ? 'pregnant' : rng.chance(0.04) ? 'injects_drugs' : null,
      ...(pregnant ? { birthYears: [1984, 2006] as [number, number] } : {}),
    };
    const admittedDaysAgo = status === 'active' ? rng.int(0, 83) : rng.int(60, 1_100);
    const createdDaysAgo = status === 'intake' ? rng.int(0, 20) : admittedDaysAgo + rng.int(1, 14);
    const minute = i % 480;
    const id = randomUUID();
    rows.patients.push(
      syntheticPatient(
        rng,
        {
          id,
          siteId: site.id,
          site: site.spec,
          mrn: formatMrn(firstMrn + i),
          status,
          primaryClinicianId: clinicianId,
          createdAt: instantOn(addDays(today, -createdDaysAgo), now, minute),
        },
        traits,
      ),
    );
    if (clinicianId === null) continue;

    const admittedOn = addDays(today, -admittedDaysAgo);
    const admittedAt = instantOn(admittedOn, now, minute);
    const discharge = status === 'discharged' ? pickDischarge(rng) : null;
    const dischargedOn = discharge
      ? addDays(admittedOn, Math.min(rng.int(discharge.days[0], discharge.days[1]), admittedDaysAgo - 1))
      : null;
    const episodeId = randomUUID();
    rows.episodes.push({
      id: episodeId,
      patient_id: id,
      site_id: site.id,
      admitted_on: admittedOn,
      discharged_on: dischargedOn,
      discharge_type: discharge?.type ?? null,
      discharge_note: null,
      discharge_backdate_reason: null,
      status: dischargedOn ? 'closed' : 'open',
      created_by: staff.intake_coordinator.id,
      created_at: admittedAt,
      updated_at: dischargedOn ? instantOn(dischargedOn, now) : admittedAt,
      version: dischargedOn ? 2 : 1,
    });

    const program = programAt(site, rng.chance(0.3) ? 'cooccurring_iop' : 'adult_iop');
    const track = trackOf(program, rng.chance(0.5) ? 'morning' : 'evening');
    const php = site.programs.adult_php;
    const phpDays = php && admittedDaysAgo >= 21 && rng.chance(0.1) ? rng.int(10, 20) : null;
    const iopStart = phpDays === null ? admittedOn : addDays(admittedOn, phpDays);
    const segment = {
      episode_id: episodeId,
      patient_id: id,
      primary_clinician_id: clinicianId,
      assessment_id: null,
      backdate_reason: null,
      created_by: clinicianId,
    };
    if (php && phpDays !== null && (dischargedOn === null || dischargedOn >= iopStart)) {
      rows.segments.push(
        {
          ...segment,
          id: randomUUID(),
          program_id: php.id,
          track_id: trackOf(php, 'day'),
          level_of_care: 'PHP',
          start_on: admittedOn,
          end_on: addDays(iopStart, -1),
          change_kind: 'admission',
          change_reason: null,
          created_at: admittedAt,
        },
        {
          ...segment,
          id: randomUUID(),
          program_id: program.id,
          track_id: track,
          level_of_care: 'IOP',
          start_on: iopStart,
          end_on: dischargedOn,
          change_kind: 'step_down',
          change_reason: 'Stable after PHP; continuing at IOP intensity.',
          created_at: instantOn(iopStart, now, minute),
        },
      );
    } else {
      rows.segments.push({
        ...segment,
        id: randomUUID(),
        program_id: program.id,
        track_id: track,
        level_of_care: 'IOP',
        start_on: admittedOn,
        end_on: dischargedOn,
        change_kind: 'admission',
        change_reason: null,
        created_at: admittedAt,
      });
    }

    const endedAt = dischargedOn ? instantOn(dischargedOn, now, 30) : null;
    const assignment = {
      patient_id: id,
      assigned_at: admittedAt,
      assigned_by: staff.clinical_supervisor.id,
      ended_at: endedAt,
    };
    rows.caseloads.push({ ...assignment, id: randomUUID(), user_id: clinicianId, kind: 'primary_clinician' });
    if (rng.chance(0.25)) {
      rows.caseloads.push({
        ...assignment,
        id: randomUUID(),
        user_id: staff.case_manager.id,
        kind: 'case_manager',
      });
    }

    if (status === 'active' && n % 40 === 0) {
      rows.alerts.push({
        id: randomUUID(),
        patient_id: id,
        site_id: site.id,
        kind: 'missed_sessions',
        severity: 'normal',
        title: 'Two unexcused absences in a row',
        detail: null,
        source_type: null,
        source_id: null,
        recipient_user_id: clinicianId,
        status: 'open',
        raised_at: isoAfter(now, -rng.int(1, 72) * HOUR_MS),
        escalation_level: 0,
        escalate_at: null,
        acknowledged_at: null,
        acknowledged_by: null,
        resolved_at: null,
        resolved_by: null,
        resolution_note: null,
        version: 1,
      });
    }
    if (status === 'active' && n % 60 === 1) {
      rows.tasks.push({
        id: randomUUID(),
        patient_id: id,
        title: 'Follow-up call',
        detail: null,
        owner_user_id: clinicianId,
        due_at: isoAfter(now, rng.int(-3, 5) * DAY_MS),
        status: 'open',
        source_type: null,
        source_id: null,
        created_by: staff.clinical_supervisor.id,
        created_at: isoAfter(now, -4 * DAY_MS),
        completed_at: null,
        completed_by: null,
        version: 1,
      });
    }
  }
  return rows;
};

/** Inserts rows in statements of at most BATCH_SIZE rows. */
const insertChunked = async <T extends keyof Database>(
  trx: Transaction<Database>,
  table: T,
  rows: readonly Database[T][],
): Promise<void> => {
  for (let i = 0; i < rows.length; i += BATCH_SIZE) {
    // Kysely cannot narrow the insert type of a generic table; each row is exactly a row of `table`.
    await trx
      .insertInto(table)
      .values(rows.slice(i, i + BATCH_SIZE) as never)
      .execute();
  }
};

const writeBatch = async (
  trx: Transaction<Database>,
  rows: BatchRows,
  from: number,
  now: Date,
): Promise<void> => {
  await insertChunked(trx, 'patients', rows.patients);
  await insertChunked(trx, 'episodes', rows.episodes);
  await insertChunked(trx, 'enrolment_segments', rows.segments);
  await insertChunked(trx, 'caseload_assignments', rows.caseloads);
  await insertChunked(trx, 'alerts', rows.alerts);
  await insertChunked(trx, 'tasks', rows.tasks);
  await recordAudit(
    trx,
    {
      actorUserId: null,
      actorRole: 'system',
      action: 'demo.seed',
      patientIds: rows.patients.map((p) => p.id),
      detail: { step: 'bench_patients', from: from + 1, to: from + rows.patients.length },
    },
    now,
  );
};

/** SQLite's page cache (KiB) while seeding: the default 2 MB makes every random-key insert a read. */
const SQLITE_SEED_CACHE_KIB = 65_536;

/**
 * Bench-scale data: `total` patients spread over every site, about 15% in intake, 60% in care and
 * 25% discharged (over the last three years), with episodes, segments, caseloads and a sprinkling of
 * alerts and tasks. Each batch of BATCH_SIZE patients gets one audit event naming them.
 */
export const seedOperatorPatients = async (
  db: Db,
  structure: SeededStructure,
  staff: SeededStaff,
  total: number,
  now: Date,
  onProgress: (done: number, total: number) => void,
): Promise<number> => {
  const ctx: BatchContext = {
    rng: seededRandom(100_000),
    structure,
    staff,
    now,
    todayBySite: new Map(structure.sites.map((s) => [s.id, calendarDateIn(now, s.spec.timeZone)])),
  };
  const previousCache: unknown = db.sqlite?.pragma('cache_size', { simple: true });
  db.sqlite?.pragma(`cache_size = -${SQLITE_SEED_CACHE_KIB}`);
  try {
    onProgress(0, total);
    let done = 0;
    while (done < total) {
      const end = Math.min(total, done + BATCHES_PER_TRANSACTION * BATCH_SIZE);
      await db.kysely.transaction().execute(async (trx) => {
        while (done < end) {
          const count = Math.min(BATCH_SIZE, end - done);
          const firstMrn = await reserveMrns(trx, count);
          await writeBatch(trx, buildBatch(ctx, done, count, firstMrn), done, now);
          done += count;
          onProgress(done, total);
        }
      });
    }
    await seedBenchInquiries(db.kysely, now);
    // Fresh planner statistics, so the first benchmark queries do not plan for empty tables.
    await sql`analyze`.execute(db.kysely);
    return done;
  } finally {
    if (typeof previousCache === 'number') db.sqlite?.pragma(`cache_size = ${previousCache}`);
  }
};
