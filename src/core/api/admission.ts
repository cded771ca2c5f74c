import { type Static, Type } from '@sinclair/typebox';
import { DSM5_CRITERIA_MAX } from '../diagnoses/severity.js';
import { SEVERITIES } from '../diagnoses/severity.js';
import { SPECIFIERS } from '../diagnoses/specifiers.js';
import { SUBSTANCES } from '../diagnoses/substances.js';
import { DIAGNOSIS_STATUSES } from '../diagnoses/validate.js';
import { PAPERWORK_ITEMS, PAPERWORK_STATUSES } from '../intake/paperwork.js';
import { Id, IsoDate, IsoInstant, NonEmpty, Nullable, StringEnum, Version } from './common.js';
import { StaffRef } from './patients.js';

// --- Admission paperwork (SPEC §2) -------------------------------------------------------------

export const PaperworkItemSchema = StringEnum(PAPERWORK_ITEMS);
export const PaperworkStatusSchema = StringEnum(PAPERWORK_STATUSES);

export const PaperworkParams = Type.Object({ id: Id, item: PaperworkItemSchema });

export const PaperworkEntry = Type.Object({
  item: PaperworkItemSchema,
  label: Type.String(),
  status: PaperworkStatusSchema,
  waivedReason: Nullable(Type.String()),
  /** Null while the item has never been recorded. */
  recordedBy: Nullable(StaffRef),
  recordedAt: Nullable(IsoInstant),
});
export type PaperworkEntry = Static<typeof PaperworkEntry>;

export const PaperworkChecklist = Type.Object({
  patientId: Id,
  items: Type.Array(PaperworkEntry, { description: 'Every checklist item, in checklist order' }),
  complete: Type.Boolean({
    description: 'Every item is complete or waived with a reason: admission may go ahead',
  }),
  missing: Type.Array(PaperworkItemSchema),
});
export type PaperworkChecklist = Static<typeof PaperworkChecklist>;

export const RecordPaperworkBody = Type.Object(
  {
    status: PaperworkStatusSchema,
    waivedReason: Type.Optional(NonEmpty(1000, 'Why the item is waived; required when status is waived')),
  },
  { additionalProperties: false },
);
export type RecordPaperworkBody = Static<typeof RecordPaperworkBody>;

// --- Diagnoses (SPEC §2) ------------------------------------------------------------------------

export const SubstanceSchema = StringEnum(SUBSTANCES);
export const SeveritySchema = StringEnum(SEVERITIES);
export const SpecifierSchema = StringEnum(SPECIFIERS);
export const DiagnosisStatusSchema = StringEnum(DIAGNOSIS_STATUSES);

export const DiagnosisParams = Type.Object({ id: Id, diagnosisId: Id });

export const Diagnosis = Type.Object({
  id: Id,
  patientId: Id,
  substance: SubstanceSchema,
  icd10Code: Type.String(),
  dsm5Criteria: Type.Integer(),
  severity: SeveritySchema,
  specifiers: Type.Array(SpecifierSchema),
  diagnosedOn: IsoDate,
  diagnosedBy: StaffRef,
  status: DiagnosisStatusSchema,
  statusReason: Nullable(Type.String()),
  createdAt: IsoInstant,
  updatedAt: IsoInstant,
  version: Type.Integer(),
});
export type Diagnosis = Static<typeof Diagnosis>;

export const DiagnosisList = Type.Object({
  items: Type.Array(Diagnosis, { description: 'Active first, then newest first' }),
  /** Whether the caller may record or change diagnoses of this patient now (role, credentials, licence). */
  mayDiagnose: Type.Boolean(),
  /** Why not, when mayDiagnose is false. */
  mayDiagnoseReason: Nullable(Type.String()),
});
export type DiagnosisList = Static<typeof DiagnosisList>;

export const CreateDiagnosisBody = Type.Object(
  {
    substance: SubstanceSchema,
    icd10Code: Type.String({ minLength: 1, maxLength: 10, description: 'ICD-10-CM code, e.g. F10.20' }),
    dsm5Criteria: Type.Integer({
      minimum: 0,
      maximum: DSM5_CRITERIA_MAX,
      description: 'DSM-5 criteria met (of 11); 2 or more make a use disorder',
    }),
    specifiers: Type.Optional(Type.Array(SpecifierSchema, { maxItems: 4, uniqueItems: true })),
    diagnosedOn: IsoDate,
  },
  { additionalProperties: false },
);
export type CreateDiagnosisBody = Static<typeof CreateDiagnosisBody>;

export const UpdateDiagnosisBody = Type.Object(
  {
    version: Version,
    status: DiagnosisStatusSchema,
    reason: NonEmpty(1000, 'Why the status changes'),
  },
  { additionalProperties: false },
);
export type UpdateDiagnosisBody = Static<typeof UpdateDiagnosisBody>;

// --- Overdose safety (SPEC §2, §4) -------------------------------------------------------------

export const NALOXONE_STATUSES = ['has_kit', 'prescribed', 'declined', 'not_yet_discussed'] as const;
export type NaloxoneStatus = (typeof NALOXONE_STATUSES)[number];
export const NALOXONE_LABELS: Readonly<Record<NaloxoneStatus, string>> = {
  has_kit: 'Has a naloxone kit',
  prescribed: 'Naloxone prescribed',
  declined: 'Declined naloxone',
  not_yet_discussed: 'Not yet discussed',
};
export const NaloxoneStatusSchema = StringEnum(NALOXONE_STATUSES);

export const OverdoseSafetyRecord = Type.Object({
  naloxoneStatus: NaloxoneStatusSchema,
  educationGivenOn: Nullable(IsoDate),
  updatedBy: StaffRef,
  updatedAt: IsoInstant,
  version: Type.Integer(),
});
export type OverdoseSafetyRecord = Static<typeof OverdoseSafetyRecord>;

export const OverdoseSafety = Type.Object({
  patientId: Id,
  /** Null until something is recorded. */
  record: Nullable(OverdoseSafetyRecord),
  /** The patient has an active opioid use disorder diagnosis (F11). */
  opioidUseDisorder: Type.Boolean(),
  /** Opioid use disorder and nothing recorded yet: the chart prompts for it. */
  needsDocumentation: Type.Boolean(),
});
export type OverdoseSafety = Static<typeof OverdoseSafety>;

export const RecordOverdoseSafetyBody = Type.Object(
  {
    version: Type.Optional(
      Type.Integer({ minimum: 1, description: 'The version you read; omit when nothing was recorded yet' }),
    ),
    naloxoneStatus: NaloxoneStatusSchema,
    educationGivenOn: Type.Optional(Nullable(IsoDate)),
  },
  { additionalProperties: false },
);
export type RecordOverdoseSafetyBody = Static<typeof RecordOverdoseSafetyBody>;
