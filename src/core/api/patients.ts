import { type Static, Type } from '@sinclair/typebox';
import { LEVELS_OF_CARE } from '../care/levels.js';
import { Id, IsoDate, IsoInstant, NonEmpty, Nullable, Version, StringEnum } from './common.js';

export const LevelOfCareSchema = StringEnum(LEVELS_OF_CARE);
export const PatientStatusSchema = StringEnum(['intake', 'active', 'discharged'] as const);
export const LanguageSchema = StringEnum(['en', 'es'] as const);

export const ContactPreferences = Type.Object({
  voicemailOk: Type.Boolean({ description: 'We may leave a voicemail' }),
  textsOk: Type.Boolean({ description: 'We may send text messages' }),
  nameClinicOk: Type.Boolean({ description: 'We may name the clinic in messages' }),
  smsOptIn: Type.Boolean({ description: 'Opted in to SMS reminders (STOP opts out)' }),
  smsOptedOutAt: Nullable(IsoInstant),
});
export type ContactPreferences = Static<typeof ContactPreferences>;

const Phone = Type.String({ maxLength: 32, pattern: '^[0-9+()\\-. ]{7,32}$' });
const Email = Type.String({ maxLength: 254, format: 'email' });

/** Editable demographic fields; create requires the first five. */
export const PatientFields = {
  firstName: NonEmpty(100),
  lastName: NonEmpty(100),
  dateOfBirth: IsoDate,
  siteId: Id,
  preferredName: Type.Optional(Nullable(Type.String({ maxLength: 100 }))),
  sexAtBirth: Type.Optional(Nullable(StringEnum(['female', 'male', 'intersex', 'unknown'] as const))),
  genderIdentity: Type.Optional(Nullable(Type.String({ maxLength: 100 }))),
  pronouns: Type.Optional(Nullable(Type.String({ maxLength: 40 }))),
  phone: Type.Optional(Nullable(Phone)),
  email: Type.Optional(Nullable(Email)),
  addressLine: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
  city: Type.Optional(Nullable(Type.String({ maxLength: 100 }))),
  state: Type.Optional(Nullable(Type.String({ maxLength: 50 }))),
  postalCode: Type.Optional(Nullable(Type.String({ maxLength: 20 }))),
  preferredLanguage: Type.Optional(LanguageSchema),
  priorityPopulation: Type.Optional(Nullable(StringEnum(['pregnant', 'injects_drugs'] as const))),
  contactPreferences: Type.Optional(
    Type.Object({
      voicemailOk: Type.Optional(Type.Boolean()),
      textsOk: Type.Optional(Type.Boolean()),
      nameClinicOk: Type.Optional(Type.Boolean()),
      smsOptIn: Type.Optional(Type.Boolean()),
    }),
  ),
};

export const CreatePatientBody = Type.Object(PatientFields, { additionalProperties: false });
export type CreatePatientBody = Static<typeof CreatePatientBody>;

const { siteId: _site, firstName, lastName, dateOfBirth, ...optionalFields } = PatientFields;
export const UpdatePatientBody = Type.Object(
  {
    version: Version,
    firstName: Type.Optional(firstName),
    lastName: Type.Optional(lastName),
    dateOfBirth: Type.Optional(dateOfBirth),
    ...optionalFields,
  },
  { additionalProperties: false },
);
export type UpdatePatientBody = Static<typeof UpdatePatientBody>;

export const StaffRef = Type.Object({ id: Id, displayName: Type.String() });

export const PatientSummary = Type.Object({
  id: Id,
  mrn: Type.String(),
  firstName: Type.String(),
  lastName: Type.String(),
  preferredName: Nullable(Type.String()),
  dateOfBirth: IsoDate,
  status: PatientStatusSchema,
  siteId: Id,
  levelOfCare: Nullable(LevelOfCareSchema),
  primaryClinician: Nullable(StaffRef),
});
export type PatientSummary = Static<typeof PatientSummary>;

export const PatientListQuery = Type.Object(
  {
    q: Type.Optional(
      Type.String({ maxLength: 100, description: 'Name, MRN or date of birth (YYYY-MM-DD or MM/DD/YYYY)' }),
    ),
    status: Type.Optional(PatientStatusSchema),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
    offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000, default: 0 })),
  },
  { additionalProperties: false },
);
export type PatientListQuery = Static<typeof PatientListQuery>;

export const PatientList = Type.Object({
  items: Type.Array(PatientSummary),
  total: Type.Integer(),
  limit: Type.Integer(),
  offset: Type.Integer(),
});
export type PatientList = Static<typeof PatientList>;

export const Segment = Type.Object({
  id: Id,
  programId: Id,
  programName: Type.String(),
  trackId: Nullable(Id),
  trackName: Nullable(Type.String()),
  levelOfCare: LevelOfCareSchema,
  startOn: IsoDate,
  endOn: Nullable(IsoDate),
  primaryClinician: StaffRef,
  assessmentId: Nullable(Type.String()),
  changeKind: StringEnum(['admission', 'step_up', 'step_down', 'lateral'] as const),
  changeReason: Nullable(Type.String()),
  backdateReason: Nullable(Type.String()),
  createdBy: StaffRef,
  createdAt: IsoInstant,
});
export type Segment = Static<typeof Segment>;

export const Episode = Type.Object({
  id: Id,
  patientId: Id,
  siteId: Id,
  status: StringEnum(['open', 'closed'] as const),
  admittedOn: IsoDate,
  dischargedOn: Nullable(IsoDate),
  dischargeType: Nullable(Type.String()),
  dischargeNote: Nullable(Type.String()),
  dischargeBackdateReason: Nullable(Type.String()),
  version: Type.Integer(),
  segments: Type.Array(Segment, {
    description: 'Oldest first; the last one is current while the episode is open',
  }),
});
export type Episode = Static<typeof Episode>;

/** Full record for the chart header; what a role may not see is null (e.g. front desk: no episode). */
export const Patient = Type.Object({
  id: Id,
  mrn: Type.String(),
  siteId: Id,
  siteName: Type.String(),
  siteTimeZone: Type.String(),
  firstName: Type.String(),
  lastName: Type.String(),
  preferredName: Nullable(Type.String()),
  dateOfBirth: IsoDate,
  sexAtBirth: Nullable(Type.String()),
  genderIdentity: Nullable(Type.String()),
  pronouns: Nullable(Type.String()),
  phone: Nullable(Type.String()),
  email: Nullable(Type.String()),
  addressLine: Nullable(Type.String()),
  city: Nullable(Type.String()),
  state: Nullable(Type.String()),
  postalCode: Nullable(Type.String()),
  preferredLanguage: LanguageSchema,
  priorityPopulation: Nullable(Type.String()),
  contactPreferences: ContactPreferences,
  status: PatientStatusSchema,
  primaryClinician: Nullable(StaffRef),
  currentEpisode: Nullable(Episode),
  openAlertCount: Nullable(Type.Integer()),
  /** How the caller came to see this record: caseload, site, break_glass … */
  accessBasis: Type.String(),
  version: Type.Integer(),
  createdAt: IsoInstant,
  updatedAt: IsoInstant,
});
export type Patient = Static<typeof Patient>;

export const AdmitBody = Type.Object(
  {
    programId: Id,
    trackId: Type.Optional(Nullable(Id)),
    levelOfCare: Type.Optional(LevelOfCareSchema),
    startOn: IsoDate,
    primaryClinicianId: Id,
    backdateReason: Type.Optional(NonEmpty(500)),
  },
  { additionalProperties: false },
);
export type AdmitBody = Static<typeof AdmitBody>;

export const ChangeSegmentBody = Type.Object(
  {
    version: Version,
    programId: Id,
    trackId: Type.Optional(Nullable(Id)),
    levelOfCare: LevelOfCareSchema,
    startOn: IsoDate,
    primaryClinicianId: Type.Optional(Id),
    reason: NonEmpty(1000, 'Why the level of care changes'),
    backdateReason: Type.Optional(NonEmpty(500)),
    assessmentId: Type.Optional(Nullable(Type.String({ maxLength: 64 }))),
  },
  { additionalProperties: false },
);
export type ChangeSegmentBody = Static<typeof ChangeSegmentBody>;

export const DischargeBody = Type.Object(
  {
    version: Version,
    dischargeType: StringEnum([
      'completed',
      'transferred',
      'left_against_advice',
      'administrative',
      'incarcerated',
      'deceased',
      'other',
    ] as const),
    dischargedOn: IsoDate,
    note: Type.Optional(Type.String({ maxLength: 2000 })),
    backdateReason: Type.Optional(NonEmpty(500)),
  },
  { additionalProperties: false },
);
export type DischargeBody = Static<typeof DischargeBody>;
