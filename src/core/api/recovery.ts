import { type Static, Type } from '@sinclair/typebox';
import { RELATIONSHIPS } from '../recovery/supportContacts.js';
import { Id, IsoInstant, NonEmpty, Nullable, StringEnum, Version } from './common.js';
import { StaffRef } from './patients.js';

/**
 * Recovery supports of one patient (SPEC §9): family and support contacts, the family series they
 * take part in, and the versioned relapse prevention plan.
 */

// --- Support contacts ----------------------------------------------------------------------------

export const RelationshipSchema = StringEnum(RELATIONSHIPS, {
  description: 'parent, partner (or spouse), child, sibling, friend, sponsor or other (then say who)',
});
const Phone = Type.String({
  minLength: 1,
  maxLength: 40,
  description: 'A phone number; stored as E.164 (+18605550123). Without a country code: North American',
});
const Email = Type.String({ maxLength: 254, format: 'email' });
const RelationshipDetail = Type.String({ maxLength: 80 });
const ContactNotes = Type.String({ maxLength: 1000 });

export const FamilySeriesRef = Type.Object({ seriesId: Id, title: Type.String() });

export const SupportContact = Type.Object({
  id: Id,
  patientId: Id,
  name: Type.String(),
  relationship: RelationshipSchema,
  relationshipDetail: Nullable(Type.String()),
  phone: Type.String({ description: 'E.164' }),
  email: Nullable(Type.String()),
  emergencyContact: Type.Boolean(),
  inRelapsePlan: Type.Boolean(),
  familySessionParticipant: Type.Boolean(),
  notes: Nullable(Type.String()),
  archived: Type.Boolean(),
  archivedAt: Nullable(IsoInstant),
  /** Family series of the patient this contact takes part in. */
  familySeries: Type.Array(FamilySeriesRef),
  createdAt: IsoInstant,
  updatedAt: IsoInstant,
  version: Type.Integer(),
});
export type SupportContact = Static<typeof SupportContact>;

export const SupportContactListQuery = Type.Object(
  { includeArchived: Type.Optional(Type.Boolean({ default: false })) },
  { additionalProperties: false },
);

export const CreateSupportContactBody = Type.Object(
  {
    name: NonEmpty(120),
    relationship: RelationshipSchema,
    relationshipDetail: Type.Optional(Nullable(RelationshipDetail)),
    phone: Phone,
    email: Type.Optional(Nullable(Email)),
    emergencyContact: Type.Optional(Type.Boolean()),
    inRelapsePlan: Type.Optional(Type.Boolean()),
    familySessionParticipant: Type.Optional(Type.Boolean()),
    notes: Type.Optional(Nullable(ContactNotes)),
  },
  { additionalProperties: false },
);
export type CreateSupportContactBody = Static<typeof CreateSupportContactBody>;

export const UpdateSupportContactBody = Type.Object(
  {
    version: Version,
    name: Type.Optional(NonEmpty(120)),
    relationship: Type.Optional(RelationshipSchema),
    relationshipDetail: Type.Optional(Nullable(RelationshipDetail)),
    phone: Type.Optional(Phone),
    email: Type.Optional(Nullable(Email)),
    emergencyContact: Type.Optional(Type.Boolean()),
    inRelapsePlan: Type.Optional(Type.Boolean()),
    familySessionParticipant: Type.Optional(Type.Boolean()),
    notes: Type.Optional(Nullable(ContactNotes)),
  },
  { additionalProperties: false },
);
export type UpdateSupportContactBody = Static<typeof UpdateSupportContactBody>;

export const ContactParams = Type.Object({ id: Id, contactId: Id });
export const VersionBody = Type.Object({ version: Version }, { additionalProperties: false });

// --- Family sessions -----------------------------------------------------------------------------

export const FamilySeries = Type.Object({
  seriesId: Id,
  title: Type.String(),
  clinician: StaffRef,
  weekdays: Type.Array(Type.Integer()),
  startTime: Type.String(),
  /** The patient is a member today (false: they left, or have not started yet). */
  current: Type.Boolean(),
  contacts: Type.Array(Type.Object({ contactId: Id, name: Type.String(), archived: Type.Boolean() })),
});
export type FamilySeries = Static<typeof FamilySeries>;

export const FamilySessionContactParams = Type.Object({ id: Id, seriesId: Id, contactId: Id });

// --- Relapse prevention plan ---------------------------------------------------------------------

const Items = Type.Array(Type.String({ maxLength: 1000 }), {
  maxItems: 100,
  description: 'Short items; trimmed, empty and repeated ones dropped',
});
export const CrisisLineSchema = Type.Object(
  {
    name: Type.String({ maxLength: 200 }),
    number: Type.String({ maxLength: 40, description: 'A short code such as 988, or a phone number' }),
  },
  { additionalProperties: false },
);

export const PlanDraftSchema = Type.Object(
  {
    triggers: Items,
    warningSigns: Items,
    copingStrategies: Items,
    supportContactIds: Type.Array(Id, { maxItems: 100, description: "The patient's support contacts" }),
    otherSupports: Items,
    crisisSteps: Items,
    crisisLines: Type.Array(CrisisLineSchema, { maxItems: 20 }),
    reasonsForRecovery: Items,
  },
  { additionalProperties: false },
);
export type PlanDraftBody = Static<typeof PlanDraftSchema>;

export const PlanContentSchema = Type.Object({
  triggers: Type.Array(Type.String()),
  warningSigns: Type.Array(Type.String()),
  copingStrategies: Type.Array(Type.String()),
  supportContacts: Type.Array(
    Type.Object({
      contactId: Id,
      name: Type.String(),
      relationship: Type.String(),
      phone: Type.String(),
    }),
  ),
  otherSupports: Type.Array(Type.String()),
  crisisSteps: Type.Array(Type.String()),
  crisisLines: Type.Array(Type.Object({ name: Type.String(), number: Type.String() })),
  reasonsForRecovery: Type.Array(Type.String()),
});

export const SectionChangeSchema = Type.Object({
  section: Type.String(),
  added: Type.Array(Type.String()),
  removed: Type.Array(Type.String()),
});

export const PlanVersion = Type.Object({
  versionNumber: Type.Integer(),
  savedAt: IsoInstant,
  savedBy: StaffRef,
  /** The newest version; older ones are read-only history. */
  current: Type.Boolean(),
  content: PlanContentSchema,
  /** What changed from the version before (empty for version 1). */
  changes: Type.Array(SectionChangeSchema),
});
export type PlanVersion = Static<typeof PlanVersion>;

export const PlanVersionSummary = Type.Object({
  versionNumber: Type.Integer(),
  savedAt: IsoInstant,
  savedBy: StaffRef,
  changeSummary: Type.String(),
});
export type PlanVersionSummary = Static<typeof PlanVersionSummary>;

export const RelapsePreventionPlan = Type.Object({
  patientId: Id,
  exists: Type.Boolean(),
  /** Concurrency token of the whole plan; 0 before the first save. */
  version: Type.Integer({ minimum: 0 }),
  patientVisible: Type.Boolean(),
  current: Nullable(PlanVersion),
  /** Newest first. */
  versions: Type.Array(PlanVersionSummary),
  suggestedCrisisLines: Type.Array(Type.Object({ name: Type.String(), number: Type.String() })),
});
export type RelapsePreventionPlan = Static<typeof RelapsePreventionPlan>;

export const SavePlanBody = Type.Object(
  {
    version: Type.Integer({
      minimum: 0,
      description: 'The plan version the edit started from; 0 when creating the first version',
    }),
    patientVisible: Type.Boolean(),
    content: PlanDraftSchema,
  },
  { additionalProperties: false },
);
export type SavePlanBody = Static<typeof SavePlanBody>;

export const PlanVersionParams = Type.Object({
  id: Id,
  versionNumber: Type.Integer({ minimum: 1, maximum: 100_000 }),
});
