import { createHash, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { PlanContent } from '../../core/api/plans.js';
import { DEFAULT_PLAN_TEMPLATES } from '../../core/plans/defaultTemplates.js';
import { problemFromTemplate } from '../../core/plans/prefill.js';
import { calendarDateIn } from '../../core/runtime.js';
import { addDays } from '../../core/schedule/localTime.js';
import { canonicalJson } from '../../core/signing/canonicalJson.js';
import { recordAudit } from '../audit.js';
import type { Database } from '../schema.js';
import type { SeededStaff } from './staff.js';

/** Invented goals, in the voice a patient might use. */
const GOALS: readonly (readonly [string, string])[] = [
  [
    'I want to stop drinking so I can keep my job and coach my daughter’s team again.',
    'I want to sleep without needing a drink first.',
  ],
  [
    'I want to be someone my kids can count on on weekends.',
    'I want to handle stress at work without using.',
  ],
];

/**
 * A signed treatment plan, two weeks old, for the first two admitted patients on the demo
 * clinician's caseload: relapse prevention and mood problems from the default library, signed by the
 * clinician and, in person, by the patient. Everything in it is invented.
 */
export const seedTreatmentPlans = async (
  kysely: Kysely<Database>,
  staff: SeededStaff,
  now: Date,
): Promise<void> => {
  const clinician = staff.clinician;
  const patients = await kysely
    .selectFrom('patients as p')
    .innerJoin('caseload_assignments as ca', 'ca.patient_id', 'p.id')
    .innerJoin('episodes as e', 'e.patient_id', 'p.id')
    .innerJoin('sites as s', 's.id', 'p.site_id')
    .select(['p.id', 'p.first_name', 'p.last_name', 'e.id as episode_id', 'e.admitted_on', 's.time_zone'])
    .where('ca.user_id', '=', clinician.id)
    .where('ca.ended_at', 'is', null)
    .where('p.status', '=', 'active')
    .where('e.status', '=', 'open')
    .orderBy('p.mrn', 'desc')
    .limit(2)
    .execute();
  const templates = ['d5', 'd3'].flatMap((d) => DEFAULT_PLAN_TEMPLATES.filter((t) => t.dimension === d));
  await kysely.transaction().execute(async (trx) => {
    for (const [n, patient] of patients.entries()) {
      const signedAt = new Date(now.getTime() - 14 * 86_400_000);
      const startedOn = calendarDateIn(signedAt, patient.time_zone);
      const goals = GOALS[n % GOALS.length] ?? GOALS[0];
      const content: PlanContent = {
        problems: templates.map((template, t) => {
          const problem = problemFromTemplate(template, {
            newId: randomUUID,
            today: startedOn,
            responsibleUserId: clinician.id,
            diagnosisIds: [],
          });
          problem.goals.forEach((goal) => {
            goal.statement = goals?.[t] ?? '';
          });
          return problem;
        }),
      };
      // Keep every target ahead of the plan's own start, however the templates are edited.
      content.problems.forEach((p) =>
        p.goals.forEach((g) =>
          g.objectives.forEach((o) => {
            o.targetDate = o.targetDate ?? addDays(startedOn, 30);
          }),
        ),
      );
      const planId = randomUUID();
      const versionId = randomUUID();
      const signedIso = signedAt.toISOString();
      await trx
        .insertInto('treatment_plans')
        .values({
          id: planId,
          patient_id: patient.id,
          episode_id: patient.episode_id,
          created_by: clinician.id,
          created_at: signedIso,
        })
        .execute();
      // The same canonical content the server hashes when a clinician signs.
      const hash = createHash('sha256')
        .update(
          canonicalJson({
            planId,
            versionId,
            patientId: patient.id,
            number: 1,
            kind: 'initial',
            content,
            progress: [],
            reviewsVersionId: null,
          }),
        )
        .digest('hex');
      await trx
        .insertInto('treatment_plan_versions')
        .values({
          id: versionId,
          plan_id: planId,
          patient_id: patient.id,
          number: 1,
          kind: 'initial',
          status: 'signed',
          content: JSON.stringify(content),
          progress: '[]',
          reviews_version_id: null,
          author_user_id: clinician.id,
          updated_by: clinician.id,
          signed_at: signedIso,
          signed_by: clinician.id,
          content_hash: hash,
          needs_cosignature: 0,
          cosigner_user_id: null,
          cosigned_at: null,
          cosigned_by: null,
          patient_signed_at: signedIso,
          created_at: signedIso,
          updated_at: signedIso,
          version: 2,
        })
        .execute();
      const signature = {
        patient_id: patient.id,
        subject_type: 'plan_version',
        subject_id: versionId,
        content_hash: hash,
        signed_at: signedIso,
      };
      await trx
        .insertInto('signatures')
        .values([
          {
            ...signature,
            id: randomUUID(),
            purpose: 'author',
            user_id: clinician.id,
            signer_name: clinician.displayName,
            credential: null,
            method: 'password',
          },
          {
            ...signature,
            id: randomUUID(),
            purpose: 'patient',
            user_id: clinician.id,
            signer_name: `${patient.first_name} ${patient.last_name}`,
            credential: null,
            method: 'in_person',
          },
        ])
        .execute();
    }
    if (patients.length > 0)
      await recordAudit(
        trx,
        {
          actorUserId: null,
          actorRole: 'system',
          action: 'demo.seed',
          patientIds: patients.map((p) => p.id),
          detail: { step: 'treatment plans' },
        },
        now,
      );
  });
};
