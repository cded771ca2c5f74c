import { type Static, Type } from '@sinclair/typebox';
import {
  INQUIRY_LANGUAGES,
  INQUIRY_SUBSTANCES,
  LIMITS,
  PHONE_PATTERN,
  UNIT_KINDS,
} from '../intake/fields.js';
import { PRIORITY_POPULATIONS } from '../intake/priority.js';
import { DUPLICATE_REASONS } from '../intake/duplicates.js';
import { REFERRAL_COLUMNS } from '../intake/referrals.js';
import { INQUIRY_SOURCES, INQUIRY_STAGES } from '../intake/stages.js';
import {
  Id,
  IsoDate,
  IsoInstant,
  NonEmpty,
  Nullable,
  PageQuery,
  Problem,
  StringEnum,
  Version,
} from './common.js';
import { StaffRef } from './patients.js';

export const InquiryStageSchema = StringEnum(INQUIRY_STAGES);
export const InquirySourceSchema = StringEnum(INQUIRY_SOURCES);
export const PriorityPopulationSchema = StringEnum(PRIORITY_POPULATIONS);
export const SubstanceSchema = StringEnum(INQUIRY_SUBSTANCES);
export const UnitKindSchema = StringEnum(UNIT_KINDS);
const Language = StringEnum(INQUIRY_LANGUAGES);

const Phone = Type.String({ maxLength: LIMITS.phone, pattern: PHONE_PATTERN });
const Email = Type.String({ maxLength: LIMITS.email, format: 'email' });
const Text = (maxLength: number) => Type.String({ maxLength });

const InquiryContactPreferences = Type.Object({
  voicemailOk: Type.Boolean({ description: 'We may leave a voicemail' }),
  textsOk: Type.Boolean({ description: 'We may send text messages' }),
  nameClinicOk: Type.Boolean({ description: 'We may name the clinic in messages' }),
});

/** One card of the intake board: who, where in the pipeline, how long, how urgent. No clinical detail. */
export const InquirySummary = Type.Object({
  id: Id,
  siteId: Id,
  source: InquirySourceSchema,
  stage: InquiryStageSchema,
  stageChangedAt: IsoInstant,
  firstName: Type.String(),
  lastName: Nullable(Type.String()),
  phone: Nullable(Type.String()),
  priorityPopulation: Nullable(PriorityPopulationSchema),
  /** 48 hours after the inquiry for priority populations (SPEC §2). */
  priorityDeadline: Nullable(IsoInstant),
  waitlistedAt: Nullable(IsoInstant),
  assessmentAt: Nullable(IsoInstant),
  wantedTrackId: Nullable(Id),
  assignedTo: Nullable(StaffRef),
  patientId: Nullable(Id),
  createdAt: IsoInstant,
  /** Minutes since the inquiry came in. */
  ageMinutes: Type.Integer(),
  /** Minutes in the current stage. */
  stageAgeMinutes: Type.Integer(),
  version: Type.Integer(),
});
export type InquirySummary = Static<typeof InquirySummary>;

const StageCounts = Type.Object(
  Object.fromEntries(INQUIRY_STAGES.map((s) => [s, Type.Integer()])) as Record<
    (typeof INQUIRY_STAGES)[number],
    ReturnType<typeof Type.Integer>
  >,
);

export const InquiryBoard = Type.Object({
  items: Type.Array(InquirySummary),
  total: Type.Integer(),
  limit: Type.Integer(),
  offset: Type.Integer(),
  /** Inquiries per stage under the same filters, whatever stage is listed. */
  counts: StageCounts,
});
export type InquiryBoard = Static<typeof InquiryBoard>;

export const InquiryBoardQuery = Type.Object(
  {
    stage: Type.Optional(
      StringEnum([...INQUIRY_STAGES, 'open'] as const, {
        description: 'One stage, or `open` for every stage that is not final (the default)',
      }),
    ),
    siteId: Type.Optional(Id),
    source: Type.Optional(InquirySourceSchema),
    priorityOnly: Type.Optional(Type.Boolean({ description: 'Only priority populations' })),
    assignedUserId: Type.Optional(Id),
    q: Type.Optional(Type.String({ maxLength: 100, description: 'Start of a first or last name' })),
    ...PageQuery,
  },
  { additionalProperties: false },
);
export type InquiryBoardQuery = Static<typeof InquiryBoardQuery>;

/** The full inquiry, for the staff who work on it. */
export const Inquiry = Type.Object({
  ...InquirySummary.properties,
  siteName: Type.String(),
  siteTimeZone: Type.String(),
  closeReason: Nullable(Type.String()),
  dateOfBirth: Nullable(IsoDate),
  email: Nullable(Type.String()),
  preferredLanguage: Language,
  contactWindow: Nullable(Type.String()),
  contactPreferences: InquiryContactPreferences,
  consentToContact: Type.Boolean(),
  referrerName: Nullable(Type.String()),
  referrerOrganization: Nullable(Type.String()),
  presentingConcern: Nullable(Type.String()),
  substances: Type.Array(SubstanceSchema),
  preferredSchedule: Nullable(Type.String()),
  wantedTrackName: Nullable(Type.String()),
  notes: Nullable(Type.String()),
  createdBy: Nullable(StaffRef),
  updatedAt: IsoInstant,
  /** Stages the inquiry may move to now. */
  nextStages: Type.Array(InquiryStageSchema),
});
export type Inquiry = Static<typeof Inquiry>;

/** Editable fields; create requires `firstName` and `siteId`. */
const inquiryFields = {
  firstName: NonEmpty(LIMITS.name),
  lastName: Type.Optional(Nullable(Text(LIMITS.name))),
  dateOfBirth: Type.Optional(Nullable(IsoDate)),
  phone: Type.Optional(Nullable(Phone)),
  email: Type.Optional(Nullable(Email)),
  preferredLanguage: Type.Optional(Language),
  contactWindow: Type.Optional(Nullable(Text(LIMITS.contactWindow))),
  contactPreferences: Type.Optional(
    Type.Object(
      {
        voicemailOk: Type.Optional(Type.Boolean()),
        textsOk: Type.Optional(Type.Boolean()),
        nameClinicOk: Type.Optional(Type.Boolean()),
      },
      { additionalProperties: false },
    ),
  ),
  consentToContact: Type.Optional(Type.Boolean()),
  referrerName: Type.Optional(Nullable(Text(LIMITS.referrer))),
  referrerOrganization: Type.Optional(Nullable(Text(LIMITS.referrer))),
  presentingConcern: Type.Optional(Nullable(Text(LIMITS.presentingConcern))),
  substances: Type.Optional(
    Type.Array(SubstanceSchema, { maxItems: INQUIRY_SUBSTANCES.length, uniqueItems: true }),
  ),
  priorityPopulation: Type.Optional(Nullable(PriorityPopulationSchema)),
  preferredSchedule: Type.Optional(Nullable(Text(LIMITS.preferredSchedule))),
  wantedTrackId: Type.Optional(Nullable(Id)),
  assignedUserId: Type.Optional(Nullable(Id)),
  notes: Type.Optional(Nullable(Text(LIMITS.notes))),
};

export const CreateInquiryBody = Type.Object(
  {
    siteId: Id,
    source: Type.Optional(StringEnum(['phone', 'referral'] as const, { description: 'Default: phone' })),
    ...inquiryFields,
  },
  { additionalProperties: false },
);
export type CreateInquiryBody = Static<typeof CreateInquiryBody>;

const { firstName: editableFirstName, ...otherFields } = inquiryFields;
export const UpdateInquiryBody = Type.Object(
  {
    version: Version,
    firstName: Type.Optional(editableFirstName),
    ...otherFields,
    assessmentAt: Type.Optional(Nullable(IsoInstant)),
  },
  { additionalProperties: false },
);
export type UpdateInquiryBody = Static<typeof UpdateInquiryBody>;

export const MoveStageBody = Type.Object(
  {
    version: Version,
    to: InquiryStageSchema,
    reason: Type.Optional(Text(LIMITS.closeReason)),
    assessmentAt: Type.Optional(IsoInstant),
  },
  { additionalProperties: false },
);
export type MoveStageBody = Static<typeof MoveStageBody>;

export const WaitlistBody = Type.Object(
  {
    version: Version,
    wantedTrackId: Type.Optional(Nullable(Id)),
  },
  { additionalProperties: false },
);
export type WaitlistBody = Static<typeof WaitlistBody>;

export const VersionBody = Type.Object({ version: Version }, { additionalProperties: false });
export type VersionBody = Static<typeof VersionBody>;

export const WaitlistEntry = Type.Object({
  ...InquirySummary.properties,
  /** 1-based place in the order: priority deadlines first, then the longest wait. */
  position: Type.Integer(),
  wantedTrackName: Nullable(Type.String()),
});
export type WaitlistEntry = Static<typeof WaitlistEntry>;

export const WaitlistQuery = Type.Object(
  { siteId: Type.Optional(Id), trackId: Type.Optional(Id), ...PageQuery },
  { additionalProperties: false },
);
export type WaitlistQuery = Static<typeof WaitlistQuery>;

export const Waitlist = Type.Object({
  items: Type.Array(WaitlistEntry),
  total: Type.Integer(),
  limit: Type.Integer(),
  offset: Type.Integer(),
});
export type Waitlist = Static<typeof Waitlist>;

export const TrackCapacity = Type.Object({
  trackId: Id,
  trackName: Type.String(),
  programId: Id,
  programName: Type.String(),
  levelOfCare: Type.String(),
  siteId: Id,
  /** Places on the track, from the clinic's settings; null when the clinic has not set one. */
  capacity: Nullable(Type.Integer()),
  /** Patients whose current enrolment segment is on this track. */
  enrolled: Type.Integer(),
  /** Open inquiries on the waitlist who asked for this track. */
  waitlisted: Type.Integer(),
  /** Places left (never below 0); null when capacity is unknown. */
  available: Nullable(Type.Integer()),
});
export type TrackCapacity = Static<typeof TrackCapacity>;

export const CapacityQuery = Type.Object({ siteId: Type.Optional(Id) }, { additionalProperties: false });

export const Coverage = Type.Object({
  id: Id,
  inquiryId: Nullable(Id),
  patientId: Nullable(Id),
  payerName: Type.String(),
  memberId: Nullable(Type.String()),
  authorizationNumber: Nullable(Type.String()),
  authorizedUnits: Nullable(Type.Integer()),
  unitKind: UnitKindSchema,
  startsOn: Nullable(IsoDate),
  endsOn: Nullable(IsoDate),
  verified: Type.Boolean(),
  createdAt: IsoInstant,
  updatedAt: IsoInstant,
  version: Type.Integer(),
});
export type Coverage = Static<typeof Coverage>;

const coverageFields = {
  memberId: Type.Optional(Nullable(Text(LIMITS.memberId))),
  authorizationNumber: Type.Optional(Nullable(Text(LIMITS.authorizationNumber))),
  authorizedUnits: Type.Optional(Nullable(Type.Integer({ minimum: 0, maximum: 10_000 }))),
  unitKind: Type.Optional(UnitKindSchema),
  startsOn: Type.Optional(Nullable(IsoDate)),
  endsOn: Type.Optional(Nullable(IsoDate)),
  verified: Type.Optional(Type.Boolean()),
};

export const CreateCoverageBody = Type.Object(
  { payerName: NonEmpty(LIMITS.payerName), ...coverageFields },
  { additionalProperties: false },
);
export type CreateCoverageBody = Static<typeof CreateCoverageBody>;

export const UpdateCoverageBody = Type.Object(
  { version: Version, payerName: Type.Optional(NonEmpty(LIMITS.payerName)), ...coverageFields },
  { additionalProperties: false },
);
export type UpdateCoverageBody = Static<typeof UpdateCoverageBody>;

export const CoverageParams = Type.Object({ id: Id, coverageId: Id });

/** A patient record that looks like the inquiry's person: a minimal stub, as break-the-glass lookups give. */
export const DuplicateCandidate = Type.Object({
  patientId: Id,
  mrn: Type.String(),
  firstName: Type.String(),
  lastName: Type.String(),
  dateOfBirth: IsoDate,
  status: Type.String(),
  siteName: Type.String(),
  matchedOn: Type.Array(StringEnum(DUPLICATE_REASONS)),
  /** Whether the caller may open this patient's chart. */
  mayOpen: Type.Boolean(),
});
export type DuplicateCandidate = Static<typeof DuplicateCandidate>;

export const DuplicatesQuery = Type.Object(
  {
    mrn: Type.Optional(
      Type.String({ minLength: 1, maxLength: LIMITS.mrn, description: 'An MRN the person gave, if any' }),
    ),
  },
  { additionalProperties: false },
);

export const ConvertBody = Type.Object(
  {
    version: Version,
    /** Link to this existing patient (one of the duplicate candidates) instead of creating a record. */
    existingPatientId: Type.Optional(Id),
    /** Create a new record even though candidates were found (they are not the same person). */
    createAnyway: Type.Optional(Type.Boolean()),
    /** An MRN the person gave, checked like the other duplicate rules. */
    mrn: Type.Optional(Type.String({ minLength: 1, maxLength: LIMITS.mrn })),
    /** Completes the inquiry where a patient record needs more than the inquiry holds. */
    lastName: Type.Optional(NonEmpty(LIMITS.name)),
    dateOfBirth: Type.Optional(IsoDate),
  },
  { additionalProperties: false },
);
export type ConvertBody = Static<typeof ConvertBody>;

export const ConvertResult = Type.Object({
  inquiry: Inquiry,
  patientId: Id,
  /** True when a new patient record was created, false when the inquiry was linked to an existing one. */
  created: Type.Boolean(),
  /** Coverage entries now on the patient's record. */
  coverageMoved: Type.Integer(),
});
export type ConvertResult = Static<typeof ConvertResult>;

/** 409 CONFLICT from a conversion: the problem lists the candidates to choose from. */
export const DuplicateProblem = Type.Object({
  ...Problem.properties,
  candidates: Type.Optional(Type.Array(DuplicateCandidate)),
});

export const ImportQuery = Type.Object(
  {
    dryRun: Type.Optional(
      Type.Boolean({ default: true, description: 'true (default): only preview; false: import every row' }),
    ),
  },
  { additionalProperties: false },
);

export const ImportBody = Type.Object(
  {
    siteId: Id,
    csv: Type.String({ minLength: 1, maxLength: 500_000, description: 'The referral file as CSV text' }),
  },
  { additionalProperties: false },
);
export type ImportBody = Static<typeof ImportBody>;

const ReferralColumnSchema = StringEnum(REFERRAL_COLUMNS);

export const ImportRow = Type.Object({
  row: Type.Integer(),
  line: Type.Integer(),
  values: Type.Object({
    firstName: Type.String(),
    lastName: Nullable(Type.String()),
    dateOfBirth: Nullable(IsoDate),
    phone: Nullable(Type.String()),
    email: Nullable(Type.String()),
    preferredLanguage: Language,
    referrerName: Nullable(Type.String()),
    referrerOrganization: Nullable(Type.String()),
    priorityPopulation: Nullable(PriorityPopulationSchema),
    substances: Type.Array(SubstanceSchema),
    payerName: Nullable(Type.String()),
    memberId: Nullable(Type.String()),
    authorizedUnits: Nullable(Type.Integer()),
  }),
  errors: Type.Array(Type.Object({ column: Nullable(ReferralColumnSchema), message: Type.String() })),
});
export type ImportRow = Static<typeof ImportRow>;

export const ImportResult = Type.Object({
  dryRun: Type.Boolean(),
  /** Problems with the file as a whole; no row is read then. */
  fileErrors: Type.Array(Type.String()),
  columns: Type.Array(ReferralColumnSchema),
  rows: Type.Array(ImportRow),
  /** Rows with at least one error. */
  rowsWithErrors: Type.Integer(),
  /** Inquiries created (0 for a preview). */
  created: Type.Integer(),
  inquiryIds: Type.Array(Id),
});
export type ImportResult = Static<typeof ImportResult>;
