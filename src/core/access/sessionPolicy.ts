import type { Actor } from './actor.js';
import type { Role } from './roles.js';

/**
 * Sessions on the calendar (SPEC §5–§6): who may see, arrange and take the roll of one. A session's
 * time, room and leader are not clinical; who is booked into it is, so rosters go through the
 * patient policy (`schedule.read`) or through leading the session.
 */
export const SESSION_ACTIONS = [
  'session.read', // the calendar: times, rooms, leaders, how many are booked
  'session.manage', // create and edit series, cancel or move occurrences, closures, rooms
  'rollcall.record', // take and correct the roll call, with its roster
  'groupnote.write', // write the session's group note (clinical staff who led it, or supervise the site)
] as const;
export type SessionAction = (typeof SESSION_ACTIONS)[number];

/** The session's facts the decision needs. */
export interface SessionFacts {
  siteId: string;
  /** The scheduled leader (a moved occurrence may name another). */
  clinicianId: string;
}

const SITE_GRANTS: Partial<Record<Role, readonly SessionAction[]>> = {
  program_director: ['session.read', 'session.manage', 'rollcall.record', 'groupnote.write'],
  clinical_supervisor: ['session.read', 'session.manage', 'rollcall.record', 'groupnote.write'],
  // Front desk runs check-in and the schedule (SPEC §1).
  front_desk: ['session.read', 'session.manage', 'rollcall.record'],
  clinician: ['session.read'],
  case_manager: ['session.read'],
  intake_coordinator: ['session.read'],
  biller: ['session.read'],
};

/** Leading a session lets its clinician take the roll and move it (a substitute is recorded on the roll call). */
const LEADER_GRANTS: readonly SessionAction[] = ['session.read', 'session.manage', 'rollcall.record'];
const LEADER_ROLES: readonly Role[] = [
  'clinician',
  'clinical_supervisor',
  'case_manager',
  'program_director',
];

/** Group notes are clinical documentation: written by the clinicians who lead groups, not by case managers. */
const GROUP_NOTE_ROLES: readonly Role[] = ['clinician', 'clinical_supervisor', 'program_director'];

export type SessionAccessDecision =
  { allowed: true; basis: 'organization' | 'site' | 'leader' } | { allowed: false; reason: string };

export const decideSessionAccess = (
  actor: Actor,
  session: SessionFacts,
  action: SessionAction,
): SessionAccessDecision => {
  if (actor.role === 'admin') {
    // Administrators build the calendar; they take no roll (it is attendance, a clinical fact).
    return action === 'rollcall.record' || action === 'groupnote.write'
      ? { allowed: false, reason: 'administrators do not take roll calls or write notes' }
      : { allowed: true, basis: 'organization' };
  }
  if (
    LEADER_ROLES.includes(actor.role) &&
    actor.userId === session.clinicianId &&
    (LEADER_GRANTS.includes(action) ||
      (action === 'groupnote.write' && GROUP_NOTE_ROLES.includes(actor.role)))
  )
    return { allowed: true, basis: 'leader' };
  const grants = SITE_GRANTS[actor.role] ?? [];
  if (!grants.includes(action)) return { allowed: false, reason: `role ${actor.role} may not ${action}` };
  if (!actor.siteIds.includes(session.siteId))
    return { allowed: false, reason: 'the session is at a site the user does not work at' };
  return { allowed: true, basis: 'site' };
};

/** Whether a role may create sessions at its sites (a series has no leader before it exists). */
export const roleMayManageSessions = (role: Role): boolean =>
  role === 'admin' || (SITE_GRANTS[role] ?? []).includes('session.manage');
