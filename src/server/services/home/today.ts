import type { Today } from '../../../core/api/home.js';
import { SUPERVISING_ROLES, TODAY_ROLES } from '../../../core/access/today.js';
import { isAlertSeverity } from '../../../core/alerts/severity.js';
import { calendarDateIn } from '../../../core/runtime.js';
import { recordReadAudit } from '../../../db/audit.js';
import type { RequestContext } from '../../context.js';
import type { AppDeps } from '../../deps.js';
import { auditFor, denyAndAudit } from '../access.js';
import type { Executor } from '../notes/noteData.js';
import { collectDuePlans } from '../treatmentPlansDue.js';
import { cosignatureQueue, overdueByClinician } from './supervision.js';
import { sessionsLedToday } from './todaySessions.js';

/** How many of each list the page shows; the counts cover all of them. */
const TOP = { notes: 10, plans: 10, alerts: 5, tasks: 5 };

const name = (first: string, last: string) => `${first} ${last}`;

const myDraftNotes = async (db: Executor, userId: string, nowIso: string) => {
  const [notes, groups] = await Promise.all([
    db
      .selectFrom('clinical_notes as n')
      .innerJoin('patients as p', 'p.id', 'n.patient_id')
      .select([
        'n.id',
        'n.title',
        'n.service_date',
        'n.due_at',
        'p.id as patient_id',
        'p.first_name',
        'p.last_name',
      ])
      .where('n.author_user_id', '=', userId)
      .where('n.status', '=', 'draft')
      .execute(),
    db
      .selectFrom('group_notes as g')
      .select(['g.id', 'g.title', 'g.service_date', 'g.due_at', 'g.attendees'])
      .where('g.author_user_id', '=', userId)
      .where('g.status', '=', 'draft')
      .execute(),
  ]);
  const attendeeCount = (json: string): number => {
    try {
      const value: unknown = JSON.parse(json);
      return Array.isArray(value) ? value.length : 0;
    } catch {
      return 0;
    }
  };
  const items: Today['notes']['items'] = [
    ...notes.map((n) => ({
      kind: 'note' as const,
      id: n.id,
      title: n.title,
      serviceDate: n.service_date,
      dueAt: n.due_at,
      late: n.due_at !== null && n.due_at < nowIso,
      patient: { id: n.patient_id, name: name(n.first_name, n.last_name) },
      attendeeCount: null,
    })),
    ...groups.map((g) => ({
      kind: 'group_note' as const,
      id: g.id,
      title: g.title,
      serviceDate: g.service_date,
      dueAt: g.due_at,
      late: g.due_at !== null && g.due_at < nowIso,
      patient: null,
      attendeeCount: attendeeCount(g.attendees),
    })),
  ];
  // Soonest due first; drafts with no due time (not tied to a session) last.
  items.sort(
    (a, b) =>
      (a.dueAt ?? '~').localeCompare(b.dueAt ?? '~') ||
      a.serviceDate.localeCompare(b.serviceDate) ||
      a.id.localeCompare(b.id),
  );
  return items;
};

const SEVERITY_ORDER: Readonly<Record<string, number>> = { urgent: 0, high: 1, normal: 2 };

const myOpenAlerts = async (db: Executor, userId: string): Promise<Today['alerts']['items']> => {
  const rows = await db
    .selectFrom('alerts as a')
    .leftJoin('patients as p', 'p.id', 'a.patient_id')
    .select([
      'a.id',
      'a.severity',
      'a.title',
      'a.raised_at',
      'a.status',
      'p.id as patient_id',
      'p.first_name',
      'p.last_name',
    ])
    .where('a.recipient_user_id', '=', userId)
    .where('a.status', 'in', ['open', 'acknowledged'])
    .execute();
  return rows
    .sort(
      (a, b) =>
        (SEVERITY_ORDER[a.severity] ?? 3) - (SEVERITY_ORDER[b.severity] ?? 3) ||
        b.raised_at.localeCompare(a.raised_at),
    )
    .map((a) => ({
      id: a.id,
      patient:
        a.patient_id !== null && a.first_name !== null && a.last_name !== null
          ? { id: a.patient_id, name: name(a.first_name, a.last_name) }
          : null,
      severity: isAlertSeverity(a.severity) ? a.severity : ('normal' as const),
      title: a.title,
      raisedAt: a.raised_at,
      acknowledged: a.status === 'acknowledged',
    }));
};

const myOpenTasks = async (db: Executor, userId: string, nowIso: string) => {
  const rows = await db
    .selectFrom('tasks as t')
    .leftJoin('patients as p', 'p.id', 't.patient_id')
    .select(['t.id', 't.title', 't.due_at', 'p.id as patient_id', 'p.first_name', 'p.last_name'])
    .where('t.owner_user_id', '=', userId)
    .where('t.status', '=', 'open')
    .orderBy('t.due_at')
    .orderBy('t.id')
    .execute();
  return rows.map((t) => ({
    id: t.id,
    patient:
      t.patient_id !== null && t.first_name !== null && t.last_name !== null
        ? { id: t.patient_id, name: name(t.first_name, t.last_name) }
        : null,
    title: t.title,
    dueAt: t.due_at,
    overdue: t.due_at < nowIso,
  }));
};

/**
 * The clinician's day on one page: sessions I lead today with their roll call and note, my notes
 * due and late, plans due on my caseload, my open alerts and tasks; for supervisors and directors
 * also the co-signature queue and who is behind. One read audit event names every patient shown.
 */
export const getToday = async (deps: AppDeps, ctx: RequestContext): Promise<Today> => {
  const { actor } = ctx;
  if (!TODAY_ROLES.includes(actor.role))
    return denyAndAudit(deps, ctx, 'home.today', 'Today is for clinical staff; your role has its own pages.');
  const db = deps.db.kysely;
  const now = deps.clock.now();
  const nowIso = now.toISOString();
  const firstSite =
    actor.siteIds.length === 0
      ? undefined
      : await db
          .selectFrom('sites')
          .select('time_zone')
          .where('id', '=', actor.siteIds[0] ?? '')
          .executeTakeFirst();
  const timeZone = firstSite?.time_zone ?? 'UTC';
  const supervising = SUPERVISING_ROLES.includes(actor.role);
  const [sessions, notes, plans, alerts, tasks, queue, overdue] = await Promise.all([
    sessionsLedToday(db, actor.userId, actor.siteIds, now),
    myDraftNotes(db, actor.userId, nowIso),
    collectDuePlans(db, now, [actor.userId], actor.userId),
    myOpenAlerts(db, actor.userId),
    myOpenTasks(db, actor.userId, nowIso),
    supervising ? cosignatureQueue(db, actor.userId) : null,
    supervising ? overdueByClinician(db, actor, now) : null,
  ]);
  const today: Today = {
    date: calendarDateIn(now, timeZone),
    timeZone,
    sessions,
    notes: {
      dueCount: notes.length,
      lateCount: notes.filter((n) => n.late).length,
      items: notes.slice(0, TOP.notes),
    },
    plans: {
      dueCount: plans.filter((p) => p.item.status === 'due').length,
      overdueCount: plans.filter((p) => p.item.status === 'overdue').length,
      items: plans.slice(0, TOP.plans).map((p) => p.item),
    },
    alerts: { count: alerts.length, items: alerts.slice(0, TOP.alerts) },
    tasks: {
      count: tasks.length,
      overdueCount: tasks.filter((t) => t.overdue).length,
      items: tasks.slice(0, TOP.tasks),
    },
    supervision: queue && overdue ? { awaitingCosignature: queue, overdueByClinician: overdue.rows } : null,
  };
  const patientIds = [
    ...today.notes.items.flatMap((n) => (n.patient ? [n.patient.id] : [])),
    ...today.plans.items.map((p) => p.patientId),
    ...today.alerts.items.flatMap((a) => (a.patient ? [a.patient.id] : [])),
    ...today.tasks.items.flatMap((t) => (t.patient ? [t.patient.id] : [])),
    ...(queue?.notes.map((n) => n.patient.id) ?? []),
    ...(queue?.plans.map((p) => p.patient.id) ?? []),
    ...(overdue?.patientIds ?? []),
  ];
  await recordReadAudit(
    deps.db,
    { ...auditFor(ctx), action: 'home.today', patientIds, recordType: 'report', recordId: null },
    now,
  );
  return today;
};
