import type { PatientStatus } from '../care/levels.js';
import type { Actor } from './actor.js';
import type { Role } from './roles.js';

/**
 * Everything the server may do to one patient's record. Deny by default: an action absent from a
 * role's grants below is refused, and every new route must name one of these.
 */
export const PATIENT_ACTIONS = [
  'patient.read', // demographics and contact preferences (chart header, lists)
  'patient.update',
  'episode.read', // episodes, segments, level of care
  'episode.admit',
  'episode.changeSegment',
  'episode.discharge',
  'alert.read', // clinical alerts and tasks about the patient
  'audit.read', // "who looked at this patient"
  'caseload.assign',
  'disclosure.request',
  'coverage.read', // payer, member id, authorization (billing builds on it)
  'coverage.write',
  'paperwork.read', // admission paperwork checklist
  'paperwork.write',
  'diagnosis.read',
  'diagnosis.write', // also needs credentials that allow diagnosis
  'placement.read', // placement assessments and referrals out
  'placement.draft', // screening answers and draft ratings
  'placement.sign', // also needs credentials that allow signing placements
  'referral.write',
  'measure.read', // PHQ-9, GAD-7 … responses and trends
  'measure.administer',
  'safety.document', // suicide-risk assessment and safety plan, overdose safety
  'schedule.read', // the patient's sessions, group memberships and calendar feed
  'schedule.write', // join or leave a series, book a one-off session, calendar feed opt-in
  'attendance.read', // minutes attended, weekly hours and compliance
  'note.read', // clinical notes in the general chart (never another clinician's process notes)
  'note.write', // drafts, autosave, addenda; signing re-authenticates and needs valid credentials
  'note.cosign', // supervisors co-sign the notes of the clinicians they supervise
  'plan.read', // treatment plans and their reviews
  'plan.write', // drafts, reviews and the clinician's signature
  'recovery.read', // relapse prevention plan, family and support contacts
  'recovery.write',
  'screen.read', // drug screens and their results
  'screen.write',
  'medication.read', // medications, including MAT
  'medication.write',
  'case.read', // case management: needs, referrals to outside organisations, their tasks
  'case.write',
] as const;
export type PatientAction = (typeof PATIENT_ACTIONS)[number];

/** How the actor is related to the patient; the server gathers these facts, the policy judges them. */
export interface PatientAccessFacts {
  siteId: string;
  status: PatientStatus;
  /** Staff with an active caseload assignment for the patient. */
  caseloadUserIds: readonly string[];
  /** Clinicians leading a current session series the patient is a member of (SPEC §1: "members of groups they lead"). */
  groupLeaderUserIds: readonly string[];
  /** The actor holds an unexpired break-the-glass grant for this patient. */
  breakGlass: boolean;
}

export type AccessBasis =
  'organization' | 'site' | 'caseload' | 'group' | 'supervision' | 'intake' | 'break_glass';

export type AccessDecision = { allowed: true; basis: AccessBasis } | { allowed: false; reason: string };

type Relationship = Exclude<AccessBasis, 'organization'> | 'organization';

/** Intake, placement, measures and safety work that every clinical role (director, supervisor, clinician) does. */
const CLINICAL_CARE_ACTIONS: readonly PatientAction[] = [
  'coverage.read',
  'coverage.write',
  'paperwork.read',
  'paperwork.write',
  'diagnosis.read',
  'diagnosis.write', // credentials must also allow diagnosis
  'placement.read',
  'placement.draft',
  'placement.sign', // credentials must also allow signing placements
  'referral.write',
  'measure.read',
  'measure.administer',
  'safety.document',
  'schedule.read',
  'schedule.write',
  'attendance.read',
  'note.read',
  'note.write',
  'plan.read',
  'plan.write',
  'recovery.read',
  'recovery.write',
  'screen.read',
  'screen.write',
  'medication.read',
  'medication.write',
  'case.read',
  'case.write',
];

/** Which actions each role may take, and through which relationships (SPEC §1 "sees"). */
const GRANTS: Record<Role, { via: readonly Relationship[]; actions: readonly PatientAction[] }> = {
  admin: {
    // Admins run the clinic's data but are not clinical: no episode changes, no clinical alerts.
    via: ['organization'],
    actions: [
      'patient.read',
      'patient.update',
      'episode.read',
      'audit.read',
      'caseload.assign',
      'coverage.read',
      'coverage.write',
      'paperwork.read',
      'schedule.read',
      'attendance.read',
    ],
  },
  program_director: {
    via: ['site'],
    actions: [
      'patient.read',
      'patient.update',
      'episode.read',
      'episode.admit',
      'episode.changeSegment',
      'episode.discharge',
      'alert.read',
      'audit.read',
      'caseload.assign',
      'disclosure.request',
      ...CLINICAL_CARE_ACTIONS,
    ],
  },
  clinical_supervisor: {
    via: ['caseload', 'group', 'supervision', 'break_glass'],
    actions: [
      'patient.read',
      'patient.update',
      'episode.read',
      'episode.admit',
      'episode.changeSegment',
      'episode.discharge',
      'alert.read',
      'audit.read',
      'caseload.assign',
      'disclosure.request',
      'note.cosign',
      ...CLINICAL_CARE_ACTIONS,
    ],
  },
  clinician: {
    via: ['caseload', 'group', 'break_glass'],
    actions: [
      'patient.read',
      'patient.update',
      'episode.read',
      'episode.admit',
      'episode.changeSegment',
      'episode.discharge',
      'alert.read',
      'disclosure.request',
      ...CLINICAL_CARE_ACTIONS,
    ],
  },
  case_manager: {
    // Needs, referrals and aftercare: reads the clinical picture, administers no measures.
    via: ['caseload', 'break_glass'],
    actions: [
      'patient.read',
      'patient.update',
      'episode.read',
      'alert.read',
      'coverage.read',
      'paperwork.read',
      'diagnosis.read',
      'placement.read',
      'referral.write',
      'measure.read',
      'schedule.read',
      'schedule.write',
      'attendance.read',
      // Case management notes, needs, referrals out; reads the plan and supports it works towards.
      'note.read',
      'note.write',
      'plan.read',
      'recovery.read',
      'recovery.write',
      'screen.read',
      'medication.read',
      'case.read',
      'case.write',
    ],
  },
  intake_coordinator: {
    // Screens and drafts; a credentialed clinician rates, diagnoses and signs.
    via: ['intake'],
    actions: [
      'patient.read',
      'patient.update',
      'episode.read',
      'episode.admit',
      'coverage.read',
      'coverage.write',
      'paperwork.read',
      'paperwork.write',
      'diagnosis.read',
      'placement.read',
      'placement.draft',
      'referral.write',
      'measure.read',
      'measure.administer',
      // Intake books the first sessions of someone about to be admitted.
      'schedule.read',
      'schedule.write',
      // The medication list and support contacts are taken at intake.
      'medication.read',
      'medication.write',
      'recovery.read',
      'recovery.write',
    ],
  },
  front_desk: {
    // Demographics, schedule and attendance (check-in) only: no clinical content.
    via: ['site'],
    actions: ['patient.read', 'schedule.read', 'schedule.write', 'attendance.read'],
  },
  biller: {
    // Minimum clinical data for billing: the level of care and dates of each episode.
    via: ['site'],
    actions: [
      'patient.read',
      'episode.read',
      'coverage.read',
      'coverage.write',
      'diagnosis.read',
      'attendance.read',
    ],
  },
  patient: { via: [], actions: [] },
  family_member: { via: [], actions: [] },
};

/** Roles that may start a break-the-glass grant (SPEC §1: "gives a clinician temporary access"). */
export const BREAK_GLASS_ROLES: readonly Role[] = ['clinician', 'clinical_supervisor', 'case_manager'];

/** Roles that may create patient records (registration happens at intake). */
export const PATIENT_CREATOR_ROLES: readonly Role[] = [
  'admin',
  'program_director',
  'clinical_supervisor',
  'clinician',
  'intake_coordinator',
];

const relationshipHolds = (actor: Actor, facts: PatientAccessFacts, via: Relationship): boolean => {
  switch (via) {
    case 'organization':
      return true;
    case 'site':
      return actor.siteIds.includes(facts.siteId);
    case 'caseload':
      return facts.caseloadUserIds.includes(actor.userId);
    case 'group':
      return facts.groupLeaderUserIds.includes(actor.userId);
    case 'supervision':
      return (
        facts.caseloadUserIds.some((id) => actor.superviseeIds.includes(id)) ||
        facts.groupLeaderUserIds.some((id) => actor.superviseeIds.includes(id))
      );
    case 'intake':
      return facts.status === 'intake' && actor.siteIds.includes(facts.siteId);
    case 'break_glass':
      return facts.breakGlass;
  }
};

export const decidePatientAccess = (
  actor: Actor,
  facts: PatientAccessFacts,
  action: PatientAction,
): AccessDecision => {
  const grant = GRANTS[actor.role];
  if (!grant.actions.includes(action)) {
    return { allowed: false, reason: `role ${actor.role} may not ${action}` };
  }
  const basis = grant.via.find((via) => relationshipHolds(actor, facts, via));
  if (!basis) return { allowed: false, reason: `no relationship with the patient allows ${action}` };
  return { allowed: true, basis };
};

export const roleMay = (role: Role, action: PatientAction): boolean => GRANTS[role].actions.includes(action);

/**
 * Which patients a list or search may show, as data the repository turns into a WHERE clause.
 * Break-the-glass grants are added by the repository for roles that may hold them.
 */
export type PatientScope =
  | { kind: 'all' }
  | { kind: 'none' }
  | { kind: 'sites'; siteIds: readonly string[] }
  | { kind: 'intake'; siteIds: readonly string[] }
  | {
      kind: 'caseload';
      /** Patients on these users' caseloads or in the current groups they lead. */
      userIds: readonly string[];
      includeBreakGlassOf: string;
      /** Memberships that ended before this site-local date no longer count. */
      today: string;
    };

export const patientListScope = (actor: Actor, today: string): PatientScope => {
  const grant = GRANTS[actor.role];
  if (!grant.actions.includes('patient.read')) return { kind: 'none' };
  if (grant.via.includes('organization')) return { kind: 'all' };
  if (grant.via.includes('site')) return { kind: 'sites', siteIds: actor.siteIds };
  if (grant.via.includes('intake')) return { kind: 'intake', siteIds: actor.siteIds };
  if (grant.via.includes('caseload')) {
    const userIds = grant.via.includes('supervision')
      ? [actor.userId, ...actor.superviseeIds]
      : [actor.userId];
    return { kind: 'caseload', userIds, includeBreakGlassOf: actor.userId, today };
  }
  return { kind: 'none' };
};
