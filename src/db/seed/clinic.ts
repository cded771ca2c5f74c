import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DischargeType } from '../../core/care/levels.js';
import { calendarDateIn } from '../../core/runtime.js';
import { recordAudit } from '../audit.js';
import { PAPERWORK_ITEMS, type PaperworkItem } from '../../core/intake/paperwork.js';
import type {
  AdmissionPaperworkTable,
  AlertsTable,
  CaseloadAssignmentsTable,
  Database,
  DiagnosesTable,
  EnrolmentSegmentsTable,
  EpisodesTable,
  OverdoseSafetyTable,
  PatientsTable,
  TasksTable,
} from '../schema.js';
import { instantOn, reserveMrns } from './common.js';
import { formatMrn, type PatientTraits, syntheticPatient } from './patients.js';
import { addDays, DAY_MS, HOUR_MS, isoAfter, seededRandom } from './random.js';
import type { SeededStaff } from './staff.js';
import {
  programAt,
  type ProgramKey,
  type SeededSite,
  type SeededStructure,
  type TrackKey,
  trackOf,
} from './structure.js';

type ClinicianKey = 'clinician' | 'clinician2';

interface Admission {
  admittedDaysAgo: number;
  program: ProgramKey;
  track: TrackKey;
  clinician: ClinicianKey;
  caseManager: boolean;
  /** Days in PHP before stepping down to IOP (first site only). */
  phpDays: number | null;
  discharge: { type: DischargeType; afterDays: number; note: string } | null;
}

interface PatientPlan {
  status: 'intake' | 'active' | 'discharged';
  site: SeededSite;
  traits: PatientTraits;
  createdDaysAgo: number;
  admission: Admission | null;
}

const DISCHARGES: { type: DischargeType; days: [number, number]; note: string }[] = [
  {
    type: 'completed',
    days: [60, 80],
    note: 'Completed the program; continuing in weekly outpatient and the alumni group.',
  },
  {
    type: 'left_against_advice',
    days: [12, 30],
    note: 'Stopped attending; two outreach calls and a letter went unanswered.',
  },
  {
    type: 'completed',
    days: [56, 75],
    note: 'Completed the program; aftercare plan shared, 30-day follow-up scheduled.',
  },
  {
    type: 'transferred',
    days: [20, 35],
    note: 'Transferred to residential treatment at a partner program after a return to use.',
  },
  {
    type: 'completed',
    days: [60, 84],
    note: 'Completed the program; stepped down to outpatient counseling.',
  },
  {
    type: 'administrative',
    days: [18, 40],
    note: 'Discharged for non-attendance under the program agreement; referral list given.',
  },
  {
    type: 'left_against_advice',
    days: [8, 20],
    note: 'Left against advice after a conflict at work over the evening schedule.',
  },
  {
    type: 'completed',
    days: [58, 70],
    note: 'Completed the program; moving to sober living with MAT continued.',
  },
];

/** Demo diagnoses, cycled over the admitted patients. */
const DEMO_DIAGNOSES: readonly {
  substance: string;
  code: string;
  criteria: number;
  severity: 'mild' | 'moderate' | 'severe';
  specifiers: string[];
}[] = [
  { substance: 'alcohol', code: 'F10.20', criteria: 5, severity: 'moderate', specifiers: [] },
  {
    substance: 'opioid',
    code: 'F11.20',
    criteria: 8,
    severity: 'severe',
    specifiers: ['on_maintenance_therapy'],
  },
  { substance: 'alcohol', code: 'F10.20', criteria: 7, severity: 'severe', specifiers: [] },
  { substance: 'other_stimulant', code: 'F15.20', criteria: 4, severity: 'moderate', specifiers: [] },
  { substance: 'opioid', code: 'F11.20', criteria: 6, severity: 'severe', specifiers: [] },
  { substance: 'cannabis', code: 'F12.10', criteria: 3, severity: 'mild', specifiers: [] },
];
const NALOXONE_MIX = ['has_kit', 'prescribed', 'has_kit', 'declined'] as const;

const STEP_DOWN_REASON =
  'Withdrawal resolved and mood stable after PHP; can keep working and continue safely at IOP intensity.';

/** The 40 demo patients: 8 in intake, 24 in care (4 stepped down from PHP), 8 discharged. */
const planPatients = (structure: SeededStructure): PatientPlan[] => {
  const rng = seededRandom(20261124);
  const [first, second] = structure.sites;
  if (!first || !second) throw new Error('the demo clinic needs two sites');
  const plans: PatientPlan[] = [];

  const intakeTraits: PatientTraits[] = [
    {},
    { priority: 'pregnant', sex: 'female', birthYears: [1991, 2003] },
    {},
    { language: 'es' },
    {},
    { priority: 'injects_drugs' },
    {},
    {},
  ];
  intakeTraits.forEach((traits, i) => {
    plans.push({
      status: 'intake',
      site: i % 2 === 0 ? first : second,
      traits,
      createdDaysAgo: i,
      admission: null,
    });
  });

  for (let j = 0; j < 24; j += 1) {
    const admittedDaysAgo = Math.round((j * 69) / 23);
    const stepDown = [9, 12, 15, 18].includes(j);
    const traits: PatientTraits =
      j === 4 ? { priority: 'injects_drugs' } : j === 7 || j === 20 ? { language: 'es' } : {};
    plans.push({
      status: 'active',
      site: j % 3 === 2 ? second : first,
      traits,
      createdDaysAgo: admittedDaysAgo + rng.int(2, 9),
      admission: {
        admittedDaysAgo,
        program: !stepDown && j % 5 === 3 ? 'cooccurring_iop' : 'adult_iop',
        track: rng.chance(0.5) ? 'morning' : 'evening',
        clinician: j % 2 === 0 ? 'clinician' : 'clinician2',
        caseManager: j % 4 === 1,
        phpDays: stepDown ? rng.int(14, 21) : null,
        discharge: null,
      },
    });
  }

  DISCHARGES.forEach((d, k) => {
    const admittedDaysAgo = 80 + k * 9;
    plans.push({
      status: 'discharged',
      site: k % 2 === 0 ? first : second,
      traits: k === 5 ? { language: 'es' } : {},
      createdDaysAgo: admittedDaysAgo + rng.int(3, 10),
      admission: {
        admittedDaysAgo,
        program: k % 3 === 1 ? 'cooccurring_iop' : 'adult_iop',
        track: rng.chance(0.5) ? 'morning' : 'evening',
        clinician: k % 2 === 0 ? 'clinician' : 'clinician2',
        caseManager: false,
        phpDays: null,
        discharge: {
          type: d.type,
          afterDays: Math.min(rng.int(d.days[0], d.days[1]), admittedDaysAgo - 3),
          note: d.note,
        },
      },
    });
  });
  return plans;
};

interface SeededPatient {
  id: string;
  plan: PatientPlan;
  clinicianId: string | null;
}

/**
 * Seeds the demo clinic's patients in three audited steps (patients; episodes and caseloads;
 * alerts and tasks), each in its own transaction with its audit event.
 */
export const seedClinicPatients = async (
  kysely: Kysely<Database>,
  structure: SeededStructure,
  staff: SeededStaff,
  now: Date,
  onProgress: (done: number, total: number) => void,
): Promise<number> => {
  const plans = planPatients(structure);
  const rng = seededRandom(7_040_2026);
  const todayAt = (site: SeededSite): string => calendarDateIn(now, site.spec.timeZone);
  const audit = { actorUserId: null, actorRole: 'system', action: 'demo.seed' } as const;
  onProgress(0, plans.length);

  const patients: SeededPatient[] = plans.map((plan) => ({
    id: randomUUID(),
    plan,
    clinicianId: plan.admission ? staff[plan.admission.clinician].id : null,
  }));

  await kysely.transaction().execute(async (trx) => {
    const firstMrn = await reserveMrns(trx, patients.length);
    const rows: PatientsTable[] = patients.map((p, i) =>
      syntheticPatient(
        rng,
        {
          id: p.id,
          siteId: p.plan.site.id,
          site: p.plan.site.spec,
          mrn: formatMrn(firstMrn + i),
          status: p.plan.status,
          primaryClinicianId: p.clinicianId,
          createdAt: instantOn(addDays(todayAt(p.plan.site), -p.plan.createdDaysAgo), now, i),
        },
        p.plan.traits,
      ),
    );
    await trx.insertInto('patients').values(rows).execute();
    await recordAudit(
      trx,
      { ...audit, patientIds: patients.map((p) => p.id), detail: { step: 'patients' } },
      now,
    );
  });
  onProgress(Math.round(plans.length / 2), plans.length);

  const admitted = patients.filter((p) => p.plan.admission !== null);
  await kysely.transaction().execute(async (trx) => {
    const episodes: EpisodesTable[] = [];
    const segments: EnrolmentSegmentsTable[] = [];
    const caseloads: CaseloadAssignmentsTable[] = [];
    for (const p of admitted) {
      const admission = p.plan.admission;
      if (!admission || !p.clinicianId) continue;
      const today = todayAt(p.plan.site);
      const admittedOn = addDays(today, -admission.admittedDaysAgo);
      const admittedAt = instantOn(admittedOn, now);
      const dischargedOn = admission.discharge ? addDays(admittedOn, admission.discharge.afterDays) : null;
      const episodeId = randomUUID();
      episodes.push({
        id: episodeId,
        patient_id: p.id,
        site_id: p.plan.site.id,
        admitted_on: admittedOn,
        discharged_on: dischargedOn,
        discharge_type: admission.discharge?.type ?? null,
        discharge_note: admission.discharge?.note ?? null,
        discharge_backdate_reason: null,
        status: dischargedOn ? 'closed' : 'open',
        created_by: staff.intake_coordinator.id,
        created_at: admittedAt,
        updated_at: dischargedOn ? instantOn(dischargedOn, now) : admittedAt,
        version: dischargedOn ? 2 : 1,
      });
      const segment = (
        programKey: ProgramKey,
        trackKey: TrackKey,
        startOn: string,
        endOn: string | null,
        change: { kind: 'admission' | 'step_down'; reason: string | null },
      ): EnrolmentSegmentsTable => {
        const program = programAt(p.plan.site, programKey);
        return {
          id: randomUUID(),
          episode_id: episodeId,
          patient_id: p.id,
          program_id: program.id,
          track_id: trackOf(program, trackKey),
          level_of_care: program.levelOfCare,
          start_on: startOn,
          end_on: endOn,
          primary_clinician_id: p.clinicianId ?? '',
          assessment_id: null,
          change_kind: change.kind,
          change_reason: change.reason,
          backdate_reason: null,
          created_by: p.clinicianId ?? '',
          created_at: instantOn(startOn, now),
        };
      };
      if (admission.phpDays !== null) {
        // A step-down closes the PHP segment the day before the IOP segment starts (segments never overlap).
        const iopStart = addDays(admittedOn, admission.phpDays);
        segments.push(
          segment('adult_php', 'day', admittedOn, addDays(iopStart, -1), { kind: 'admission', reason: null }),
        );
        segments.push(
          segment(admission.program, admission.track, iopStart, dischargedOn, {
            kind: 'step_down',
            reason: STEP_DOWN_REASON,
          }),
        );
      } else {
        segments.push(
          segment(admission.program, admission.track, admittedOn, dischargedOn, {
            kind: 'admission',
            reason: null,
          }),
        );
      }
      const endedAt = dischargedOn ? instantOn(dischargedOn, now, 30) : null;
      caseloads.push({
        id: randomUUID(),
        patient_id: p.id,
        user_id: p.clinicianId,
        kind: 'primary_clinician',
        assigned_at: admittedAt,
        assigned_by: staff.clinical_supervisor.id,
        ended_at: endedAt,
      });
      if (admission.caseManager) {
        caseloads.push({
          id: randomUUID(),
          patient_id: p.id,
          user_id: staff.case_manager.id,
          kind: 'case_manager',
          assigned_at: admittedAt,
          assigned_by: staff.clinical_supervisor.id,
          ended_at: endedAt,
        });
      }
    }
    await trx.insertInto('episodes').values(episodes).execute();
    await trx.insertInto('enrolment_segments').values(segments).execute();
    await trx.insertInto('caseload_assignments').values(caseloads).execute();
    await recordAudit(
      trx,
      { ...audit, patientIds: admitted.map((p) => p.id), detail: { step: 'episodes_and_caseloads' } },
      now,
    );

    // Admission waits for the paperwork checklist (SPEC §2): every admitted patient passed it the day
    // before admission, one with the program agreement waived; two people in intake are part-way through.
    const paperwork: AdmissionPaperworkTable[] = [];
    const record = (p: SeededPatient, item: PaperworkItem, on: string, waivedReason: string | null = null) =>
      paperwork.push({
        patient_id: p.id,
        item,
        status: waivedReason ? 'waived' : 'complete',
        waived_reason: waivedReason,
        recorded_by: staff.intake_coordinator.id,
        recorded_at: instantOn(on, now),
      });
    const waivedAgreement = admitted.find((p) => p.plan.traits.language === 'es');
    for (const p of admitted) {
      const admittedOn = addDays(todayAt(p.plan.site), -(p.plan.admission?.admittedDaysAgo ?? 0));
      for (const item of PAPERWORK_ITEMS) {
        const waived = p === waivedAgreement && item === 'program_agreement';
        record(
          p,
          item,
          addDays(admittedOn, -1),
          waived ? 'Spanish edition still at the printer; agreement read aloud with an interpreter.' : null,
        );
      }
    }
    const partWay = patients.filter((p) => p.plan.status === 'intake').slice(0, 2);
    for (const p of partWay) {
      for (const item of ['consent_to_treatment', 'part2_notice'] as const)
        record(p, item, addDays(todayAt(p.plan.site), -1));
    }
    await trx.insertInto('admission_paperwork').values(paperwork).execute();
    await recordAudit(
      trx,
      {
        ...audit,
        patientIds: [...new Set(paperwork.map((r) => r.patient_id))],
        detail: { step: 'admission_paperwork' },
      },
      now,
    );

    // One use-disorder diagnosis per admitted patient, made at the assessment the day before admission
    // by a clinician whose credentials allow it (the counselor in training's patients by the supervisor).
    const diagnoses: DiagnosesTable[] = [];
    const safety: OverdoseSafetyTable[] = [];
    const diagnosisOf = (k: number) => DEMO_DIAGNOSES[k % DEMO_DIAGNOSES.length] ?? DEMO_DIAGNOSES[0];
    // One patient of the demo clinician with opioid use disorder still waits for overdose safety: the chart asks.
    const awaitingSafety = admitted.find(
      (p, k) =>
        diagnosisOf(k)?.substance === 'opioid' &&
        p.plan.status === 'active' &&
        p.plan.admission?.clinician === 'clinician',
    );
    admitted.forEach((p, k) => {
      const admission = p.plan.admission;
      if (!admission) return;
      const today = todayAt(p.plan.site);
      const admittedOn = addDays(today, -admission.admittedDaysAgo);
      const diagnosedOn = addDays(admittedOn, -1);
      const spec = diagnosisOf(k);
      if (!spec) return;
      const at = instantOn(diagnosedOn, now, 20);
      diagnoses.push({
        id: randomUUID(),
        patient_id: p.id,
        icd10_code: spec.code,
        substance: spec.substance,
        dsm5_criteria: spec.criteria,
        severity: spec.severity,
        specifiers: JSON.stringify(spec.specifiers),
        diagnosed_on: diagnosedOn,
        diagnosed_by: admission.clinician === 'clinician' ? staff.clinician.id : staff.clinical_supervisor.id,
        status: 'active',
        status_reason: null,
        created_at: at,
        updated_at: at,
        version: 1,
      });
      if (spec.substance === 'opioid' && p !== awaitingSafety) {
        const educatedOn = addDays(admittedOn, 2) < today ? addDays(admittedOn, 2) : today;
        safety.push({
          patient_id: p.id,
          education_given_on: educatedOn,
          naloxone_status: NALOXONE_MIX[k % NALOXONE_MIX.length] ?? 'has_kit',
          updated_by: diagnoses[diagnoses.length - 1]?.diagnosed_by ?? staff.clinical_supervisor.id,
          updated_at: instantOn(educatedOn, now, 40),
          version: 1,
        });
      }
    });
    await trx.insertInto('diagnoses').values(diagnoses).execute();
    if (safety.length > 0) await trx.insertInto('overdose_safety').values(safety).execute();
    await recordAudit(
      trx,
      { ...audit, patientIds: diagnoses.map((d) => d.patient_id), detail: { step: 'diagnoses' } },
      now,
    );
  });

  const activeOf = (clinician: ClinicianKey): SeededPatient[] =>
    patients.filter((p) => p.plan.status === 'active' && p.plan.admission?.clinician === clinician);
  const pick = (list: SeededPatient[], index: number): SeededPatient => {
    const p = list[index % list.length];
    if (!p) throw new Error('the demo needs active patients for every clinician');
    return p;
  };
  const intakeWaiting = patients.find(
    (p) => p.plan.traits.priority === 'pregnant' && p.plan.status === 'intake',
  );
  const caseManaged = patients.find((p) => p.plan.status === 'active' && p.plan.admission?.caseManager);

  await kysely.transaction().execute(async (trx) => {
    const alert = (
      p: SeededPatient,
      recipientId: string,
      fields: Pick<AlertsTable, 'kind' | 'severity' | 'title' | 'detail'>,
      raisedAgoMs: number,
      escalateAfterMs: number | null,
    ): AlertsTable => {
      const raisedAt = new Date(now.getTime() - raisedAgoMs);
      return {
        id: randomUUID(),
        patient_id: p.id,
        site_id: p.plan.site.id,
        ...fields,
        source_type: null,
        source_id: null,
        recipient_user_id: recipientId,
        status: 'open',
        raised_at: raisedAt.toISOString(),
        escalation_level: 0,
        escalate_at: escalateAfterMs === null ? null : isoAfter(raisedAt, escalateAfterMs),
        acknowledged_at: null,
        acknowledged_by: null,
        resolved_at: null,
        resolved_by: null,
        resolution_note: null,
        version: 1,
      };
    };
    const alerts: AlertsTable[] = [
      alert(
        pick(activeOf('clinician2'), 1),
        staff.clinician2.id,
        {
          kind: 'safety',
          severity: 'urgent',
          title: 'PHQ-9 item 9 answered above 0',
          detail:
            'Thoughts of self-harm reported on today’s PHQ-9. Complete a suicide-risk assessment and safety plan.',
        },
        35 * 60_000,
        // Urgent alerts not acknowledged within 2 hours escalate to the supervisor (SPEC §4b).
        2 * HOUR_MS,
      ),
      alert(
        pick(activeOf('clinician'), 2),
        staff.clinician.id,
        {
          kind: 'missed_sessions',
          severity: 'normal',
          title: 'Two unexcused absences in a row',
          detail: 'Missed the last two group sessions without notice. Call to check in.',
        },
        DAY_MS,
        null,
      ),
      alert(
        pick(activeOf('clinician2'), 3),
        staff.clinician2.id,
        {
          kind: 'missed_sessions',
          severity: 'normal',
          title: 'Two unexcused absences in a row',
          detail: 'Missed Monday and Tuesday evening group. Call to check in.',
        },
        5 * HOUR_MS,
        null,
      ),
      alert(
        pick(activeOf('clinician'), 4),
        staff.clinician.id,
        {
          kind: 'measure_worsening',
          severity: 'high',
          title: 'PHQ-9 rose by 7 points',
          detail:
            'PHQ-9 went from 8 (mild) to 15 (moderately severe) in two weeks. Review the treatment plan.',
        },
        3 * HOUR_MS,
        null,
      ),
    ];
    const task = (
      p: SeededPatient,
      ownerId: string,
      title: string,
      detail: string,
      dueInMs: number,
    ): TasksTable => ({
      id: randomUUID(),
      patient_id: p.id,
      title,
      detail,
      owner_user_id: ownerId,
      due_at: isoAfter(now, dueInMs),
      status: 'open',
      source_type: null,
      source_id: null,
      created_by: staff.clinical_supervisor.id,
      created_at: isoAfter(now, -2 * DAY_MS),
      completed_at: null,
      completed_by: null,
      version: 1,
    });
    const tasks: TasksTable[] = [
      task(
        pick(activeOf('clinician'), 2),
        staff.clinician.id,
        'Follow-up call after missed sessions',
        'Check in and offer the evening track if work is the obstacle.',
        DAY_MS,
      ),
      task(
        pick(activeOf('clinician2'), 3),
        staff.clinician2.id,
        'Follow-up call after missed sessions',
        'No answer yesterday; try again and send a letter if unreachable.',
        -DAY_MS,
      ),
      task(
        pick(activeOf('clinician'), 5),
        staff.clinician.id,
        'Treatment plan review due',
        'Thirty-day plan review with the patient.',
        3 * DAY_MS,
      ),
    ];
    if (caseManaged) {
      tasks.push(
        task(
          caseManaged,
          staff.case_manager.id,
          'Housing referral follow-up',
          'Ask the sober-living house whether a bed opened this week.',
          2 * DAY_MS,
        ),
      );
    }
    if (intakeWaiting) {
      // Priority populations must be admitted or given interim services within 48 hours (SPEC §2).
      tasks.push(
        task(
          intakeWaiting,
          staff.intake_coordinator.id,
          'Call back to schedule the intake assessment',
          'Priority population: pregnant. Admission or interim services due within 48 hours.',
          4 * HOUR_MS,
        ),
      );
    }
    await trx.insertInto('alerts').values(alerts).execute();
    await trx.insertInto('tasks').values(tasks).execute();
    const concerned = [...alerts.map((a) => a.patient_id), ...tasks.map((t) => t.patient_id)].filter(
      (id): id is string => id !== null,
    );
    await recordAudit(trx, { ...audit, patientIds: concerned, detail: { step: 'alerts_and_tasks' } }, now);
  });
  onProgress(plans.length, plans.length);
  return patients.length;
};
