import { type Static, Type } from '@sinclair/typebox';
import { SESSION_KINDS } from '../schedule/recurrence.js';
import { AlertSeverity } from './alerts.js';
import { Id, IsoDate, IsoInstant, Nullable, StringEnum } from './common.js';
import { PlanDueItem } from './plans.js';

/** The clinician's "Today" and the supervisor's home (issue "The chart and the worklist"). */

const PatientRef = Type.Object({ id: Id, name: Type.String() });
const StaffRef = Type.Object({ id: Id, displayName: Type.String() });

export const ROLL_CALL_STATES = ['not_taken', 'held', 'cancelled'] as const;
export const SESSION_NOTE_STATES = ['none', 'draft', 'signed'] as const;

export const TodaySession = Type.Object({
  occurrenceKey: Type.String(),
  seriesId: Id,
  title: Type.String(),
  kind: StringEnum(SESSION_KINDS),
  start: IsoInstant,
  end: IsoInstant,
  localStartTime: Type.String(),
  room: Nullable(Type.String()),
  bookedCount: Type.Integer(),
  rollCall: StringEnum(ROLL_CALL_STATES),
  /** Group sessions: the group note; other sessions: whether a note in a chart names this session. */
  note: Type.Object({
    kind: StringEnum(['group_note', 'note'] as const),
    status: StringEnum(SESSION_NOTE_STATES),
    id: Nullable(Id),
  }),
});
export type TodaySession = Static<typeof TodaySession>;

export const DueNote = Type.Object({
  kind: StringEnum(['note', 'group_note'] as const),
  id: Id,
  title: Type.String(),
  serviceDate: IsoDate,
  dueAt: Nullable(IsoInstant),
  late: Type.Boolean(),
  /** Null for a group note, which is about several patients. */
  patient: Nullable(PatientRef),
  attendeeCount: Nullable(Type.Integer()),
});
export type DueNote = Static<typeof DueNote>;

export const TodayAlert = Type.Object({
  id: Id,
  patient: Nullable(PatientRef),
  severity: AlertSeverity,
  title: Type.String(),
  raisedAt: IsoInstant,
  acknowledged: Type.Boolean(),
});
export type TodayAlert = Static<typeof TodayAlert>;

export const TodayTask = Type.Object({
  id: Id,
  patient: Nullable(PatientRef),
  title: Type.String(),
  dueAt: IsoInstant,
  overdue: Type.Boolean(),
});
export type TodayTask = Static<typeof TodayTask>;

export const CosignNote = Type.Object({
  id: Id,
  title: Type.String(),
  serviceDate: IsoDate,
  signedAt: Nullable(IsoInstant),
  author: StaffRef,
  patient: PatientRef,
});
export type CosignNote = Static<typeof CosignNote>;

export const CosignPlan = Type.Object({
  versionId: Id,
  number: Type.Integer(),
  kind: StringEnum(['initial', 'review'] as const),
  signedAt: Nullable(IsoInstant),
  author: StaffRef,
  patient: PatientRef,
});
export type CosignPlan = Static<typeof CosignPlan>;

export const OverdueByClinician = Type.Object({
  clinician: StaffRef,
  lateNotes: Type.Integer(),
  overduePlans: Type.Integer(),
});
export type OverdueByClinician = Static<typeof OverdueByClinician>;

export const Today = Type.Object({
  /** Today at the caller's first site, and that site's zone. */
  date: IsoDate,
  timeZone: Type.String(),
  sessions: Type.Array(TodaySession),
  notes: Type.Object({
    dueCount: Type.Integer(),
    lateCount: Type.Integer(),
    items: Type.Array(DueNote),
  }),
  plans: Type.Object({
    dueCount: Type.Integer(),
    overdueCount: Type.Integer(),
    items: Type.Array(PlanDueItem),
  }),
  alerts: Type.Object({ count: Type.Integer(), items: Type.Array(TodayAlert) }),
  tasks: Type.Object({ count: Type.Integer(), overdueCount: Type.Integer(), items: Type.Array(TodayTask) }),
  /** Clinical supervisors and program directors; null for everyone else. */
  supervision: Nullable(
    Type.Object({
      awaitingCosignature: Type.Object({ notes: Type.Array(CosignNote), plans: Type.Array(CosignPlan) }),
      overdueByClinician: Type.Array(OverdueByClinician),
    }),
  ),
});
export type Today = Static<typeof Today>;
