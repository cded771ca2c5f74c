import type { CosignNote, CosignPlan, OverdueByClinician } from '../../../core/api/home.js';
import type { Actor } from '../../../core/access/actor.js';
import type { Executor } from '../notes/noteData.js';
import { collectDuePlans } from '../treatmentPlansDue.js';

const QUEUE_LIMIT = 50;
/** Roles whose work shows up in a director's overdue-by-clinician table. */
const CLINICAL_ROLES = ['clinician', 'case_manager', 'clinical_supervisor'];

const name = (first: string, last: string) => `${first} ${last}`;

/** Signed notes and plan versions waiting for this supervisor's co-signature, oldest first. */
export const cosignatureQueue = async (
  db: Executor,
  userId: string,
): Promise<{ notes: CosignNote[]; plans: CosignPlan[] }> => {
  const [notes, plans] = await Promise.all([
    db
      .selectFrom('clinical_notes as n')
      .innerJoin('users as u', 'u.id', 'n.author_user_id')
      .innerJoin('patients as p', 'p.id', 'n.patient_id')
      .select([
        'n.id',
        'n.title',
        'n.service_date',
        'n.signed_at',
        'n.author_user_id',
        'u.display_name',
        'p.id as patient_id',
        'p.first_name',
        'p.last_name',
      ])
      .where('n.cosigner_user_id', '=', userId)
      .where('n.status', '=', 'signed')
      .where('n.cosigned_at', 'is', null)
      .orderBy('n.signed_at')
      .orderBy('n.id')
      .limit(QUEUE_LIMIT)
      .execute(),
    db
      .selectFrom('treatment_plan_versions as v')
      .innerJoin('users as u', 'u.id', 'v.author_user_id')
      .innerJoin('patients as p', 'p.id', 'v.patient_id')
      .select([
        'v.id',
        'v.number',
        'v.kind',
        'v.signed_at',
        'v.author_user_id',
        'u.display_name',
        'p.id as patient_id',
        'p.first_name',
        'p.last_name',
      ])
      .where('v.cosigner_user_id', '=', userId)
      .where('v.status', '=', 'signed')
      .where('v.cosigned_at', 'is', null)
      .orderBy('v.signed_at')
      .orderBy('v.id')
      .limit(QUEUE_LIMIT)
      .execute(),
  ]);
  return {
    notes: notes.map((n) => ({
      id: n.id,
      title: n.title,
      serviceDate: n.service_date,
      signedAt: n.signed_at,
      author: { id: n.author_user_id, displayName: n.display_name },
      patient: { id: n.patient_id, name: name(n.first_name, n.last_name) },
    })),
    plans: plans.map((v) => ({
      versionId: v.id,
      number: v.number,
      kind: v.kind === 'review' ? 'review' : 'initial',
      signedAt: v.signed_at,
      author: { id: v.author_user_id, displayName: v.display_name },
      patient: { id: v.patient_id, name: name(v.first_name, v.last_name) },
    })),
  };
};

/**
 * Whose work a supervisor home watches: a supervisor's supervisees; a program director's clinical
 * staff at their sites.
 */
const watchedClinicians = async (
  db: Executor,
  actor: Actor,
): Promise<{ id: string; display_name: string }[]> => {
  if (actor.role === 'clinical_supervisor')
    return actor.superviseeIds.length === 0
      ? []
      : db
          .selectFrom('users')
          .select(['id', 'display_name'])
          .where('id', 'in', [...actor.superviseeIds])
          .execute();
  if (actor.siteIds.length === 0) return [];
  return db
    .selectFrom('users as u')
    .select(['u.id', 'u.display_name'])
    .where('u.active', '=', 1)
    .where('u.role', 'in', CLINICAL_ROLES)
    .where('u.id', 'in', (eb) =>
      eb
        .selectFrom('user_sites')
        .select('user_id')
        .where('site_id', 'in', [...actor.siteIds]),
    )
    .execute();
};

/**
 * Late notes and overdue plans per clinician a supervisor or director watches, worst first; those
 * with nothing overdue are left out. Also returns the patients the plans are about, for the audit.
 */
export const overdueByClinician = async (
  db: Executor,
  actor: Actor,
  now: Date,
): Promise<{ rows: OverdueByClinician[]; patientIds: string[] }> => {
  const clinicians = await watchedClinicians(db, actor);
  if (clinicians.length === 0) return { rows: [], patientIds: [] };
  const ids = clinicians.map((c) => c.id);
  const nowIso = now.toISOString();
  const siteFilter = actor.role === 'program_director' ? [...actor.siteIds] : null;
  const [noteCounts, groupCounts, plans] = await Promise.all([
    db
      .selectFrom('clinical_notes')
      .select(['author_user_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('status', '=', 'draft')
      .where('due_at', '<', nowIso)
      .where('author_user_id', 'in', ids)
      .$if(siteFilter !== null, (q) => q.where('site_id', 'in', siteFilter ?? []))
      .groupBy('author_user_id')
      .execute(),
    db
      .selectFrom('group_notes')
      .select(['author_user_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('status', '=', 'draft')
      .where('due_at', '<', nowIso)
      .where('author_user_id', 'in', ids)
      .$if(siteFilter !== null, (q) => q.where('site_id', 'in', siteFilter ?? []))
      .groupBy('author_user_id')
      .execute(),
    collectDuePlans(db, now, ids, actor.userId),
  ]);
  const overduePlans = plans.filter((p) => p.item.status === 'overdue');
  const rows = clinicians
    .map((c) => ({
      clinician: { id: c.id, displayName: c.display_name },
      lateNotes:
        Number(noteCounts.find((r) => r.author_user_id === c.id)?.n ?? 0) +
        Number(groupCounts.find((r) => r.author_user_id === c.id)?.n ?? 0),
      overduePlans: overduePlans.filter((p) => p.clinicianId === c.id).length,
    }))
    .filter((r) => r.lateNotes + r.overduePlans > 0)
    .sort(
      (a, b) =>
        b.lateNotes + b.overduePlans - (a.lateNotes + a.overduePlans) ||
        a.clinician.displayName.localeCompare(b.clinician.displayName),
    );
  return { rows, patientIds: overduePlans.map((p) => p.item.patientId) };
};
