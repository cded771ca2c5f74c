import { randomUUID } from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import { type PriorityPopulation, priorityDeadline } from '../../core/intake/priority.js';
import type { InquiryStage, InquirySource } from '../../core/intake/stages.js';
import { recordAudit } from '../audit.js';
import type { CoveragesTable, Database, InquiriesTable } from '../schema.js';
import { FEMALE_GIVEN_NAMES, MALE_GIVEN_NAMES, SPANISH_SURNAMES, SURNAMES } from './names.js';
import { HOUR_MS, isoAfter, type Random, seededRandom } from './random.js';

type Executor = Kysely<Database> | Transaction<Database>;

/** 37 columns a row: 400 rows a statement stay under SQLite's bound-parameter limit. */
const ROWS_PER_INSERT = 400;

/** How many open inquiries the operator (bench) data holds: the intake board's benchmark load. */
export const BENCH_OPEN_INQUIRIES = 2000;

interface SeedContext {
  sites: { id: string; area: string }[];
  /** Active tracks per site. */
  tracks: Map<string, string[]>;
  intakeCoordinatorId: string;
  clinicianId: string | null;
}

/** Reads what inquiries hang off from the database, so the bench can top up an older data set too. */
const loadContext = async (db: Executor): Promise<SeedContext> => {
  const [sites, tracks, intake, clinician] = await Promise.all([
    db.selectFrom('sites').select(['id', 'name']).orderBy('created_at').orderBy('name').execute(),
    db
      .selectFrom('tracks')
      .innerJoin('programs', 'programs.id', 'tracks.program_id')
      .select(['tracks.id', 'programs.site_id'])
      .where('tracks.active', '=', 1)
      .where('programs.level_of_care', '=', 'IOP')
      .orderBy('programs.name')
      .orderBy('tracks.name')
      .execute(),
    db
      .selectFrom('users')
      .select('id')
      .where('role', '=', 'intake_coordinator')
      .orderBy('email')
      .executeTakeFirst(),
    db.selectFrom('users').select('id').where('role', '=', 'clinician').orderBy('email').executeTakeFirst(),
  ]);
  if (!intake) throw new Error('seed the staff before the inquiries');
  const bySite = new Map<string, string[]>();
  for (const t of tracks) bySite.set(t.site_id, [...(bySite.get(t.site_id) ?? []), t.id]);
  return {
    // Synthetic numbers in the 555-01xx range, reserved for fiction; one area code for every site.
    sites: sites.map((s) => ({ id: s.id, area: '203' })),
    tracks: bySite,
    intakeCoordinatorId: intake.id,
    clinicianId: clinician?.id ?? null,
  };
};

const pad2 = (n: number): string => String(n).padStart(2, '0');

interface InquirySpec {
  siteIndex: number;
  source: InquirySource;
  stage: InquiryStage;
  /** Hours before now the inquiry came in, and how many hours later it reached its stage. */
  hoursAgo: number;
  stageAfterHours: number;
  priority?: PriorityPopulation;
  waitlisted?: boolean;
  track?: number;
  language?: 'en' | 'es';
  referrer?: string;
  closeReason?: string;
  concern: string;
  substances: string[];
  assessmentInHours?: number;
  assigned?: 'intake' | 'clinician';
  coverage?: { payer: string; memberId: string; units: number | null };
  /** Link to an admitted patient of the site. */
  admitted?: boolean;
}

/** The demo clinic's inquiries: every stage of the pipeline, a pregnant caller on the waitlist, a referral, a closed one. */
const DEMO_INQUIRIES: readonly InquirySpec[] = [
  {
    siteIndex: 0,
    source: 'phone',
    stage: 'new',
    hoursAgo: 2,
    stageAfterHours: 0,
    concern: 'Drinking daily since a job loss; wants evening groups.',
    substances: ['alcohol'],
  },
  {
    siteIndex: 0,
    source: 'self_check',
    stage: 'new',
    hoursAgo: 7,
    stageAfterHours: 0,
    priority: 'pregnant',
    waitlisted: true,
    track: 1,
    concern: 'Pregnant (about 20 weeks); using pain pills most days; asked for a call back.',
    substances: ['opioids'],
    coverage: { payer: 'Medicaid (state plan)', memberId: 'M10442871', units: null },
  },
  {
    siteIndex: 0,
    source: 'referral',
    stage: 'new',
    hoursAgo: 20,
    stageAfterHours: 0,
    referrer: 'County Drug Court',
    concern: 'Court-referred after a second DUI; needs an assessment within two weeks.',
    substances: ['alcohol', 'cannabis'],
    coverage: { payer: 'Commercial plan', memberId: 'XJ4410021', units: 12 },
  },
  {
    siteIndex: 0,
    source: 'phone',
    stage: 'screened',
    hoursAgo: 30,
    stageAfterHours: 3,
    priority: 'injecting_drug_use',
    assigned: 'intake',
    concern: 'Injects heroin; recent overdose reversed with naloxone; wants to start now.',
    substances: ['opioids'],
  },
  {
    siteIndex: 0,
    source: 'phone',
    stage: 'screened',
    hoursAgo: 76,
    stageAfterHours: 20,
    waitlisted: true,
    track: 0,
    concern: 'Methamphetamine use on weekends; works nights.',
    substances: ['stimulants'],
  },
  {
    siteIndex: 0,
    source: 'phone',
    stage: 'assessment_scheduled',
    hoursAgo: 98,
    stageAfterHours: 26,
    assessmentInHours: 22,
    assigned: 'clinician',
    concern: 'Daily cannabis and alcohol; family asked them to get help.',
    substances: ['alcohol', 'cannabis'],
  },
  {
    siteIndex: 0,
    source: 'referral',
    stage: 'assessment_scheduled',
    hoursAgo: 52,
    stageAfterHours: 8,
    assessmentInHours: 46,
    referrer: 'Hartford Hospital ED',
    concern: 'Seen in the emergency department after alcohol withdrawal; detox completed.',
    substances: ['alcohol'],
    coverage: { payer: 'Medicare', memberId: '1EG4TE5MK72', units: 20 },
  },
  {
    siteIndex: 0,
    source: 'phone',
    stage: 'assessed',
    hoursAgo: 150,
    stageAfterHours: 100,
    assigned: 'clinician',
    concern: 'Benzodiazepine and alcohol use; assessed for IOP.',
    substances: ['sedatives', 'alcohol'],
  },
  {
    siteIndex: 0,
    source: 'phone',
    stage: 'closed',
    hoursAgo: 290,
    stageAfterHours: 200,
    closeReason: 'No answer after three calls and a letter.',
    concern: 'Asked about evening groups for alcohol use.',
    substances: ['alcohol'],
  },
  {
    siteIndex: 0,
    source: 'referral',
    stage: 'referred_out',
    hoursAgo: 220,
    stageAfterHours: 120,
    referrer: 'Community health center',
    concern: 'Needs medically monitored withdrawal first; referred to a residential program.',
    substances: ['opioids', 'sedatives'],
  },
  {
    siteIndex: 0,
    source: 'phone',
    stage: 'admitted',
    hoursAgo: 500,
    stageAfterHours: 300,
    admitted: true,
    concern: 'Alcohol use; admitted to the adult IOP.',
    substances: ['alcohol'],
  },
  {
    siteIndex: 1,
    source: 'phone',
    stage: 'new',
    hoursAgo: 5,
    stageAfterHours: 0,
    language: 'es',
    concern: 'Prefers Spanish; drinking after work every day.',
    substances: ['alcohol'],
  },
];

const buildRow = (
  rng: Random,
  ctx: SeedContext,
  spec: InquirySpec,
  now: Date,
  patientId: string | null,
): { inquiry: InquiriesTable; coverage: CoveragesTable | null } => {
  const site = ctx.sites[spec.siteIndex] ?? ctx.sites[0];
  if (!site) throw new Error('seed the sites before the inquiries');
  const id = randomUUID();
  const createdAt = isoAfter(now, -spec.hoursAgo * HOUR_MS);
  const stageChangedAt = isoAfter(now, (-spec.hoursAgo + spec.stageAfterHours) * HOUR_MS);
  const female =
    spec.priority === 'pregnant' || spec.priority === 'pregnant_and_injecting' || rng.chance(0.45);
  const firstName = rng.pick(female ? FEMALE_GIVEN_NAMES : MALE_GIVEN_NAMES);
  const lastName = rng.pick(spec.language === 'es' ? SPANISH_SURNAMES : SURNAMES);
  const tracks = ctx.tracks.get(site.id) ?? [];
  const open = !['admitted', 'referred_out', 'closed'].includes(spec.stage);
  const inquiry: InquiriesTable = {
    id,
    site_id: site.id,
    source: spec.source,
    stage: spec.stage,
    stage_changed_at: stageChangedAt,
    close_reason: spec.closeReason ?? null,
    first_name: firstName,
    last_name: rng.chance(0.9) ? lastName : null,
    date_of_birth: rng.chance(0.8)
      ? `${rng.int(1962, 2005)}-${pad2(rng.int(1, 12))}-${pad2(rng.int(1, 28))}`
      : null,
    phone: `${site.area}-555-01${pad2(rng.int(0, 99))}`,
    email: rng.chance(0.4) ? `${firstName.toLowerCase()}.${rng.int(10, 99)}@example.com` : null,
    preferred_language: spec.language ?? 'en',
    contact_window: rng.chance(0.5)
      ? rng.pick(['Weekday mornings', 'After 5 pm', 'Lunchtime', 'Any time'])
      : null,
    voicemail_ok: rng.chance(0.6) ? 1 : 0,
    texts_ok: rng.chance(0.6) ? 1 : 0,
    name_clinic_ok: rng.chance(0.3) ? 1 : 0,
    consent_to_contact: 1,
    referrer_name:
      spec.source === 'referral' ? rng.pick(['Dr. Lowe', 'J. Marsh, case worker', 'Intake desk']) : null,
    referrer_organization: spec.referrer ?? null,
    presenting_concern: spec.concern,
    substances: JSON.stringify(spec.substances),
    priority_population: spec.priority ?? null,
    priority_deadline: priorityDeadline(createdAt, spec.priority ?? null),
    preferred_schedule: rng.chance(0.5) ? rng.pick(['morning', 'evening']) : null,
    wanted_track_id: spec.track !== undefined ? (tracks[spec.track] ?? null) : null,
    waitlisted_at:
      spec.waitlisted && open ? isoAfter(now, (-spec.hoursAgo + spec.stageAfterHours + 1) * HOUR_MS) : null,
    assessment_at:
      spec.assessmentInHours !== undefined ? isoAfter(now, spec.assessmentInHours * HOUR_MS) : null,
    assigned_user_id:
      spec.assigned === 'intake'
        ? ctx.intakeCoordinatorId
        : spec.assigned === 'clinician'
          ? ctx.clinicianId
          : null,
    patient_id: patientId,
    notes: null,
    created_by: spec.source === 'self_check' ? null : ctx.intakeCoordinatorId,
    created_at: createdAt,
    updated_at: stageChangedAt,
    version: 1,
  };
  const coverage: CoveragesTable | null = spec.coverage
    ? {
        id: randomUUID(),
        inquiry_id: id,
        patient_id: null,
        payer_name: spec.coverage.payer,
        member_id: spec.coverage.memberId,
        authorization_number: null,
        authorized_units: spec.coverage.units,
        unit_kind: 'days',
        starts_on: null,
        ends_on: null,
        verified: 0,
        created_by: ctx.intakeCoordinatorId,
        created_at: createdAt,
        updated_at: createdAt,
        version: 1,
      }
    : null;
  return { inquiry, coverage };
};

const writeInquiries = async (
  trx: Transaction<Database>,
  inquiries: readonly InquiriesTable[],
  coverages: readonly CoveragesTable[],
  now: Date,
  step: string,
  patientIds: readonly string[],
): Promise<void> => {
  for (let i = 0; i < inquiries.length; i += ROWS_PER_INSERT)
    await trx
      .insertInto('inquiries')
      .values(inquiries.slice(i, i + ROWS_PER_INSERT))
      .execute();
  for (let i = 0; i < coverages.length; i += ROWS_PER_INSERT)
    await trx
      .insertInto('coverages')
      .values(coverages.slice(i, i + ROWS_PER_INSERT))
      .execute();
  await recordAudit(
    trx,
    {
      actorUserId: null,
      actorRole: 'system',
      action: 'demo.seed',
      patientIds,
      recordType: 'inquiry',
      detail: { step, inquiries: inquiries.length, coverages: coverages.length },
    },
    now,
  );
};

/** The demo clinic's dozen inquiries, at every stage of the pipeline. */
export const seedClinicInquiries = async (db: Kysely<Database>, now: Date): Promise<number> => {
  const rng = seededRandom(2_402);
  const ctx = await loadContext(db);
  const admittedPatient = await db
    .selectFrom('patients')
    .select('id')
    .where('site_id', '=', ctx.sites[0]?.id ?? '')
    .where('status', '=', 'active')
    .orderBy('mrn')
    .executeTakeFirst();
  const rows = DEMO_INQUIRIES.map((spec) =>
    buildRow(rng, ctx, spec, now, spec.admitted ? (admittedPatient?.id ?? null) : null),
  ).filter((r) => r.inquiry.stage !== 'admitted' || r.inquiry.patient_id !== null);
  await db.transaction().execute((trx) =>
    writeInquiries(
      trx,
      rows.map((r) => r.inquiry),
      rows.flatMap((r) => (r.coverage ? [r.coverage] : [])),
      now,
      'inquiries',
      rows.flatMap((r) => (r.inquiry.patient_id !== null ? [r.inquiry.patient_id] : [])),
    ),
  );
  return rows.length;
};

const BENCH_STAGES: readonly [InquiryStage, number][] = [
  ['new', 0.4],
  ['screened', 0.3],
  ['assessment_scheduled', 0.2],
  ['assessed', 0.1],
];
const BENCH_SUBSTANCES = ['alcohol', 'opioids', 'stimulants', 'cannabis', 'sedatives'];

const pickStage = (rng: Random): InquiryStage => {
  let left = rng.next();
  for (const [stage, share] of BENCH_STAGES) {
    left -= share;
    if (left < 0) return stage;
  }
  return 'new';
};

/**
 * Bench-scale intake: `count` open inquiries spread over every site and the four open stages, from
 * the last three weeks, about 5% priority populations and 15% on the waitlist.
 */
export const seedBenchInquiries = async (
  db: Kysely<Database>,
  now: Date,
  count = BENCH_OPEN_INQUIRIES,
): Promise<number> => {
  const rng = seededRandom(200_000);
  const ctx = await loadContext(db);
  const inquiries: InquiriesTable[] = [];
  const coverages: CoveragesTable[] = [];
  for (let n = 0; n < count; n += 1) {
    const stage = pickStage(rng);
    const hoursAgo = rng.int(1, 21 * 24);
    const roll = rng.next();
    const priority: PriorityPopulation | undefined =
      roll < 0.025 ? 'pregnant' : roll < 0.05 ? 'injecting_drug_use' : undefined;
    const sourceRoll = rng.next();
    const { inquiry, coverage } = buildRow(
      rng,
      ctx,
      {
        siteIndex: n % Math.max(1, ctx.sites.length),
        source: sourceRoll < 0.6 ? 'phone' : sourceRoll < 0.9 ? 'referral' : 'self_check',
        stage,
        hoursAgo,
        stageAfterHours: stage === 'new' ? 0 : rng.int(0, hoursAgo),
        ...(priority ? { priority } : {}),
        waitlisted: rng.chance(0.15),
        track: rng.int(0, 3),
        ...(stage === 'assessment_scheduled' ? { assessmentInHours: rng.int(1, 14 * 24) } : {}),
        ...(rng.chance(0.5) ? { assigned: 'intake' as const } : {}),
        ...(sourceRoll >= 0.6 && sourceRoll < 0.9 ? { referrer: 'Community referral partner' } : {}),
        ...(rng.chance(0.3)
          ? { coverage: { payer: 'Medicaid (state plan)', memberId: `M${rng.int(1e7, 9e7)}`, units: 30 } }
          : {}),
        concern: 'Synthetic bench inquiry.',
        substances: [rng.pick(BENCH_SUBSTANCES)],
      },
      now,
      null,
    );
    inquiries.push(inquiry);
    if (coverage) coverages.push(coverage);
  }
  await db
    .transaction()
    .execute((trx) => writeInquiries(trx, inquiries, coverages, now, 'bench_inquiries', []));
  return inquiries.length;
};

/**
 * For a bench data set seeded before intake existed: adds the bench's open inquiries when fewer are
 * there, and refreshes the planner's statistics. Returns how many were added.
 */
export const topUpBenchInquiries = async (db: Kysely<Database>, now: Date): Promise<number> => {
  const row = await db
    .selectFrom('inquiries')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where(
      'stage',
      'in',
      BENCH_STAGES.map(([s]) => s),
    )
    .executeTakeFirstOrThrow();
  if (Number(row.n) >= BENCH_OPEN_INQUIRIES) return 0;
  const added = await seedBenchInquiries(db, now, BENCH_OPEN_INQUIRIES - Number(row.n));
  await sql`analyze`.execute(db);
  return added;
};
