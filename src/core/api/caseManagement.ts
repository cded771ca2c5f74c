import { type Static, Type } from '@sinclair/typebox';
import { NEED_DOMAINS, NEED_PRIORITIES, NEED_STATUSES } from '../caseManagement/needs.js';
import { REFERRAL_STATUSES } from '../caseManagement/referrals.js';
import { Task } from './alerts.js';
import { Id, IsoDate, IsoInstant, NonEmpty, Nullable, StringEnum, Version } from './common.js';
import { StaffRef } from './patients.js';

/**
 * Case management of one patient (SPEC §9): needs by domain, referrals to outside organisations and
 * the tasks that move them, which live in the owners' worklists.
 */

export const NeedDomainSchema = StringEnum(NEED_DOMAINS);
export const NeedStatusSchema = StringEnum(NEED_STATUSES);
export const NeedPrioritySchema = StringEnum(NEED_PRIORITIES);
export const ReferralStatusSchema = StringEnum(REFERRAL_STATUSES);
const Note = Type.String({ maxLength: 2000 });
const Phone = Type.String({ minLength: 1, maxLength: 40, description: 'Stored as E.164' });

export const CaseNeed = Type.Object({
  id: Id,
  patientId: Id,
  domain: NeedDomainSchema,
  status: NeedStatusSchema,
  priority: NeedPrioritySchema,
  note: Nullable(Type.String()),
  identifiedOn: IsoDate,
  statusChangedAt: IsoInstant,
  createdBy: StaffRef,
  createdAt: IsoInstant,
  updatedAt: IsoInstant,
  version: Type.Integer(),
});
export type CaseNeed = Static<typeof CaseNeed>;

export const CreateNeedBody = Type.Object(
  {
    domain: NeedDomainSchema,
    priority: NeedPrioritySchema,
    status: Type.Optional(NeedStatusSchema),
    note: Type.Optional(Nullable(Note)),
  },
  { additionalProperties: false },
);
export type CreateNeedBody = Static<typeof CreateNeedBody>;

export const UpdateNeedBody = Type.Object(
  {
    version: Version,
    status: Type.Optional(NeedStatusSchema),
    priority: Type.Optional(NeedPrioritySchema),
    note: Type.Optional(Nullable(Note)),
  },
  { additionalProperties: false },
);
export type UpdateNeedBody = Static<typeof UpdateNeedBody>;

export const NeedParams = Type.Object({ id: Id, needId: Id });

export const CommunityReferral = Type.Object({
  id: Id,
  patientId: Id,
  needId: Nullable(Id),
  organisation: Type.String(),
  contactName: Nullable(Type.String()),
  phone: Nullable(Type.String()),
  domain: NeedDomainSchema,
  status: ReferralStatusSchema,
  referredOn: IsoDate,
  sentOn: Nullable(IsoDate),
  closedOn: Nullable(IsoDate),
  outcomeNote: Nullable(Type.String()),
  createdBy: StaffRef,
  createdAt: IsoInstant,
  updatedAt: IsoInstant,
  version: Type.Integer(),
});
export type CommunityReferral = Static<typeof CommunityReferral>;

export const CreateReferralBody = Type.Object(
  {
    needId: Type.Optional(Nullable(Id)),
    organisation: NonEmpty(160),
    contactName: Type.Optional(Nullable(Type.String({ maxLength: 120 }))),
    phone: Type.Optional(Nullable(Phone)),
    domain: NeedDomainSchema,
    status: Type.Optional(StringEnum(['planned', 'sent'] as const)),
    referredOn: Type.Optional(IsoDate),
    outcomeNote: Type.Optional(Nullable(Note)),
  },
  { additionalProperties: false },
);
export type CreateReferralBody = Static<typeof CreateReferralBody>;

export const UpdateReferralBody = Type.Object(
  {
    version: Version,
    status: Type.Optional(ReferralStatusSchema),
    /** When the status change happened (site-local date); today when omitted. */
    statusOn: Type.Optional(IsoDate),
    organisation: Type.Optional(NonEmpty(160)),
    contactName: Type.Optional(Nullable(Type.String({ maxLength: 120 }))),
    phone: Type.Optional(Nullable(Phone)),
    outcomeNote: Type.Optional(Nullable(Note)),
  },
  { additionalProperties: false },
);
export type UpdateReferralBody = Static<typeof UpdateReferralBody>;

export const ReferralParams = Type.Object({ id: Id, referralId: Id });

export const CaseTaskSourceType = StringEnum(['case_need', 'community_referral'] as const);

export const CaseTask = Type.Object({
  task: Task,
  sourceType: CaseTaskSourceType,
  /** What the task moves, e.g. "Housing need" or "Referral to Northside Food Bank". */
  sourceLabel: Type.String(),
});
export type CaseTask = Static<typeof CaseTask>;

export const CreateCaseTaskBody = Type.Object(
  {
    sourceType: CaseTaskSourceType,
    sourceId: Id,
    title: NonEmpty(200),
    detail: Type.Optional(Type.String({ maxLength: 2000 })),
    ownerUserId: Type.Optional(Id),
    dueAt: IsoInstant,
  },
  { additionalProperties: false },
);
export type CreateCaseTaskBody = Static<typeof CreateCaseTaskBody>;

export const CaseManagement = Type.Object({
  patientId: Id,
  needs: Type.Array(CaseNeed),
  referrals: Type.Array(CommunityReferral),
  /** Open tasks first (soonest due first), then done ones. */
  tasks: Type.Array(CaseTask),
});
export type CaseManagement = Static<typeof CaseManagement>;
