import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { addDays } from './random.js';
import { calendarDateIn } from '../../core/runtime.js';
import type { PlanContent } from '../../core/recovery/relapsePlan.js';
import { recordAudit } from '../audit.js';
import type { Database } from '../schema.js';

/**
 * Demo recovery supports (SPEC §9) for the first few patients a case manager works with: two support
 * contacts, a relapse prevention plan (the first patient's revised once, so the history has two
 * versions), and a housing need being worked on with a referral sent. Every name and number is
 * invented; phone numbers are in the 555-01xx range reserved for fiction.
 */

const CONTACTS = [
  [
    {
      name: 'Maria Alvarez',
      relationship: 'parent',
      detail: 'mother',
      phone: '+18605550131',
      emergency: 1,
      family: 1,
    },
    {
      name: 'Dev Patel',
      relationship: 'sponsor',
      detail: null,
      phone: '+18605550132',
      emergency: 0,
      family: 0,
    },
  ],
  [
    {
      name: 'Chris Morgan',
      relationship: 'partner',
      detail: null,
      phone: '+18605550133',
      emergency: 1,
      family: 1,
    },
    {
      name: 'Lee Whitfield',
      relationship: 'friend',
      detail: 'from the Tuesday meeting',
      phone: '+18605550134',
      emergency: 0,
      family: 0,
    },
  ],
  [
    {
      name: 'Pat Okoro',
      relationship: 'sibling',
      detail: 'older brother',
      phone: '+18605550135',
      emergency: 1,
      family: 0,
    },
    {
      name: 'Sam Ruiz',
      relationship: 'sponsor',
      detail: null,
      phone: '+18605550136',
      emergency: 0,
      family: 0,
    },
  ],
] as const;

const RELATIONSHIP_WORDS: Record<string, string> = {
  parent: 'Parent',
  partner: 'Partner / spouse',
  sibling: 'Sibling',
  friend: 'Friend',
  sponsor: 'Sponsor',
};

const baseContent = (people: PlanContent['supportContacts']): PlanContent => ({
  triggers: ['Payday Fridays', 'Arguments at home', 'Driving past my old bar on Route 9'],
  warningSigns: [
    'Skipping meals and sleep',
    'Telling myself one drink is fine',
    'Missing group without calling',
  ],
  copingStrategies: [
    'Call my sponsor before deciding anything',
    'Walk for twenty minutes',
    'Go to an evening meeting',
  ],
  supportContacts: people,
  otherSupports: ['Tuesday night SMART Recovery meeting'],
  crisisSteps: [
    'Leave wherever I am',
    'Call someone on my list',
    'If I have used, tell my counselor the same day',
  ],
  crisisLines: [{ name: '988 Suicide & Crisis Lifeline (call or text)', number: '988' }],
  reasonsForRecovery: ['Being there for my kids', 'Keeping my job', 'Feeling well in the mornings'],
});

export const seedRecoverySupports = async (kysely: Kysely<Database>, now: Date): Promise<void> => {
  const nowIso = now.toISOString();
  const patients = await kysely
    .selectFrom('caseload_assignments as c')
    .innerJoin('patients as p', 'p.id', 'c.patient_id')
    .innerJoin('sites as s', 's.id', 'p.site_id')
    .select(['p.id', 'c.user_id', 's.time_zone'])
    .where('c.kind', '=', 'case_manager')
    .where('c.ended_at', 'is', null)
    .where('p.status', '=', 'active')
    .orderBy('p.mrn')
    .limit(CONTACTS.length)
    .execute();
  const audit = { actorUserId: null, actorRole: 'system', action: 'demo.seed' } as const;
  await kysely.transaction().execute(async (trx) => {
    for (const [index, patient] of patients.entries()) {
      const by = patient.user_id;
      const today = calendarDateIn(now, patient.time_zone);
      const people: PlanContent['supportContacts'] = [];
      for (const c of CONTACTS[index] ?? []) {
        const id = randomUUID();
        await trx
          .insertInto('support_contacts')
          .values({
            id,
            patient_id: patient.id,
            name: c.name,
            relationship: c.relationship,
            relationship_detail: c.detail,
            phone: c.phone,
            email: null,
            emergency_contact: c.emergency,
            in_relapse_plan: 1,
            family_session_participant: c.family,
            notes: null,
            archived_at: null,
            archived_by: null,
            created_by: by,
            created_at: nowIso,
            updated_at: nowIso,
            version: 1,
          })
          .execute();
        const word = RELATIONSHIP_WORDS[c.relationship] ?? 'Other';
        people.push({
          contactId: id,
          name: c.name,
          relationship: c.detail ? `${word} (${c.detail})` : word,
          phone: c.phone,
        });
      }

      const planId = randomUUID();
      const first = baseContent(people);
      const versions: PlanContent[] =
        index === 0
          ? [
              {
                ...first,
                triggers: first.triggers.slice(0, 2),
                reasonsForRecovery: first.reasonsForRecovery.slice(0, 1),
              },
              first,
            ]
          : [first];
      await trx
        .insertInto('relapse_prevention_plans')
        .values({
          id: planId,
          patient_id: patient.id,
          current_version: versions.length,
          patient_visible: index === 0 ? 1 : 0,
          created_by: by,
          created_at: nowIso,
          updated_at: nowIso,
          version: versions.length,
        })
        .execute();
      for (const [i, content] of versions.entries()) {
        const savedAt = new Date(now.getTime() - (versions.length - i) * 7 * 86_400_000).toISOString();
        await trx
          .insertInto('relapse_prevention_plan_versions')
          .values({
            id: randomUUID(),
            plan_id: planId,
            patient_id: patient.id,
            version_number: i + 1,
            content: JSON.stringify(content),
            saved_by: by,
            saved_at: savedAt,
          })
          .execute();
      }

      const needId = randomUUID();
      await trx
        .insertInto('case_needs')
        .values({
          id: needId,
          patient_id: patient.id,
          domain: 'housing',
          status: 'in_progress',
          priority: 'high',
          note: 'Staying with a cousin until the end of the month; needs a sober-living bed.',
          identified_on: addDays(today, -12),
          status_changed_at: nowIso,
          created_by: by,
          created_at: nowIso,
          updated_at: nowIso,
          version: 1,
        })
        .execute();
      await trx
        .insertInto('community_referrals')
        .values({
          id: randomUUID(),
          patient_id: patient.id,
          need_id: needId,
          organisation: 'Harbor Street Recovery Residences',
          contact_name: 'Intake coordinator',
          phone: '+18605550140',
          domain: 'housing',
          status: 'sent',
          referred_on: addDays(today, -10),
          sent_on: addDays(today, -9),
          closed_on: null,
          outcome_note: null,
          created_by: by,
          created_at: nowIso,
          updated_at: nowIso,
          version: 1,
        })
        .execute();
      await recordAudit(
        trx,
        { ...audit, patientIds: [patient.id], recordType: 'recovery_supports', recordId: patient.id },
        now,
      );
    }
  });
};
