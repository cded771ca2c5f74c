import { type Static, Type } from '@sinclair/typebox';
import { MAT_TYPES, MEDICATION_ROUTES } from '../medications/mat.js';
import { Id, IsoDate, IsoInstant, NonEmpty, Nullable, StringEnum, Version } from './common.js';
import { StaffRef } from './patients.js';

/** Request and response schemas of a patient's medications, MAT included (SPEC §9). */

const Text = (maxLength: number, description?: string) =>
  Type.Optional(Nullable(Type.String({ maxLength, ...(description ? { description } : {}) })));

const MedicationFields = {
  name: NonEmpty(200, 'As prescribed, generic or brand, with strength: "Suboxone 8 mg/2 mg film"'),
  dose: Text(100, 'e.g. "8 mg/2 mg", "380 mg"'),
  route: Type.Optional(Nullable(StringEnum(MEDICATION_ROUTES))),
  frequency: Text(500, 'Frequency and instructions, e.g. "one film under the tongue daily"'),
  prescriberName: Text(200),
  prescriberOrganization: Text(200),
  startedOn: Type.String({ format: 'date', description: 'First day taken (YYYY-MM-DD); not in the future' }),
  matType: Type.Optional(
    Nullable(
      StringEnum(MAT_TYPES, { description: 'Set when the medication treats the use disorder itself' }),
    ),
  ),
  otpName: Text(200, 'The opioid treatment program that dispenses methadone; only for methadone_otp'),
  notes: Text(2000),
};

export const CreateMedicationBody = Type.Object(MedicationFields, { additionalProperties: false });
export type CreateMedicationBody = Static<typeof CreateMedicationBody>;

export const UpdateMedicationBody = Type.Object(
  { ...MedicationFields, version: Version },
  { additionalProperties: false },
);
export type UpdateMedicationBody = Static<typeof UpdateMedicationBody>;

export const StopMedicationBody = Type.Object(
  {
    version: Version,
    stoppedOn: Type.String({ format: 'date', description: 'First day without it (YYYY-MM-DD)' }),
    reason: NonEmpty(500, 'Why it was stopped: completed, side effects, switched to …'),
  },
  { additionalProperties: false },
);
export type StopMedicationBody = Static<typeof StopMedicationBody>;

export const RemoveMedicationBody = Type.Object(
  { version: Version, reason: NonEmpty(500, 'Why the entry was a mistake') },
  { additionalProperties: false },
);
export type RemoveMedicationBody = Static<typeof RemoveMedicationBody>;

export const MedicationParams = Type.Object({ id: Id, medicationId: Id });

export const Medication = Type.Object({
  id: Id,
  patientId: Id,
  name: Type.String(),
  dose: Nullable(Type.String()),
  route: Nullable(StringEnum(MEDICATION_ROUTES)),
  frequency: Nullable(Type.String()),
  prescriberName: Nullable(Type.String()),
  prescriberOrganization: Nullable(Type.String()),
  startedOn: IsoDate,
  stoppedOn: Nullable(IsoDate),
  stopReason: Nullable(Type.String()),
  matType: Nullable(StringEnum(MAT_TYPES)),
  otpName: Nullable(Type.String()),
  notes: Nullable(Type.String()),
  /** Taken today (the site's calendar date). */
  active: Type.Boolean(),
  /** How the medication shows on drug screens, from the mapping. */
  screensAs: Type.Object({ expected: Type.Array(Type.String()), explains: Type.Array(Type.String()) }),
  recordedBy: StaffRef,
  createdAt: IsoInstant,
  updatedAt: IsoInstant,
  version: Type.Integer(),
});
export type Medication = Static<typeof Medication>;

export const MedicationList = Type.Object({
  /** Newest start first; entries removed as entered in error are not listed. */
  items: Type.Array(Medication),
  today: IsoDate,
});
export type MedicationList = Static<typeof MedicationList>;
