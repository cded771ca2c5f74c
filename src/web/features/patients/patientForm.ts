import type { CreatePatientBody, Patient, UpdatePatientBody } from '../../../core/api/patients.js';

export type SexAtBirth = '' | 'female' | 'male' | 'intersex' | 'unknown';
export type PriorityPopulation = '' | 'pregnant' | 'injects_drugs';

export interface ContactPreferenceValues {
  voicemailOk: boolean;
  textsOk: boolean;
  nameClinicOk: boolean;
  smsOptIn: boolean;
}

/** What the demographics form holds: strings as typed, '' for "not given". */
export interface PatientFormValues {
  firstName: string;
  lastName: string;
  preferredName: string;
  dateOfBirth: string;
  sexAtBirth: SexAtBirth;
  genderIdentity: string;
  pronouns: string;
  phone: string;
  email: string;
  addressLine: string;
  city: string;
  state: string;
  postalCode: string;
  preferredLanguage: 'en' | 'es';
  priorityPopulation: PriorityPopulation;
  contactPreferences: ContactPreferenceValues;
}

export const emptyPatientForm = (): PatientFormValues => ({
  firstName: '',
  lastName: '',
  preferredName: '',
  dateOfBirth: '',
  sexAtBirth: '',
  genderIdentity: '',
  pronouns: '',
  phone: '',
  email: '',
  addressLine: '',
  city: '',
  state: '',
  postalCode: '',
  preferredLanguage: 'en',
  priorityPopulation: '',
  // Nothing is assumed: staff ask and tick what the patient agrees to.
  contactPreferences: { voicemailOk: false, textsOk: false, nameClinicOk: false, smsOptIn: false },
});

const asSex = (value: string | null): SexAtBirth =>
  value === 'female' || value === 'male' || value === 'intersex' || value === 'unknown' ? value : '';
const asPriority = (value: string | null): PriorityPopulation =>
  value === 'pregnant' || value === 'injects_drugs' ? value : '';

export const patientFormFrom = (p: Patient): PatientFormValues => ({
  firstName: p.firstName,
  lastName: p.lastName,
  preferredName: p.preferredName ?? '',
  dateOfBirth: p.dateOfBirth,
  sexAtBirth: asSex(p.sexAtBirth),
  genderIdentity: p.genderIdentity ?? '',
  pronouns: p.pronouns ?? '',
  phone: p.phone ?? '',
  email: p.email ?? '',
  addressLine: p.addressLine ?? '',
  city: p.city ?? '',
  state: p.state ?? '',
  postalCode: p.postalCode ?? '',
  preferredLanguage: p.preferredLanguage,
  priorityPopulation: asPriority(p.priorityPopulation),
  contactPreferences: {
    voicemailOk: p.contactPreferences.voicemailOk,
    textsOk: p.contactPreferences.textsOk,
    nameClinicOk: p.contactPreferences.nameClinicOk,
    smsOptIn: p.contactPreferences.smsOptIn,
  },
});

const orNull = (value: string): string | null => (value.trim() === '' ? null : value.trim());

const optionalFields = (v: PatientFormValues) => ({
  preferredName: orNull(v.preferredName),
  sexAtBirth: v.sexAtBirth === '' ? null : v.sexAtBirth,
  genderIdentity: orNull(v.genderIdentity),
  pronouns: orNull(v.pronouns),
  phone: orNull(v.phone),
  email: orNull(v.email),
  addressLine: orNull(v.addressLine),
  city: orNull(v.city),
  state: orNull(v.state),
  postalCode: orNull(v.postalCode),
  preferredLanguage: v.preferredLanguage,
  priorityPopulation: v.priorityPopulation === '' ? null : v.priorityPopulation,
  contactPreferences: { ...v.contactPreferences },
});

export const toCreateBody = (v: PatientFormValues, siteId: string): CreatePatientBody => ({
  firstName: v.firstName.trim(),
  lastName: v.lastName.trim(),
  dateOfBirth: v.dateOfBirth,
  siteId,
  ...optionalFields(v),
});

export const toUpdateBody = (v: PatientFormValues, version: number): UpdatePatientBody => ({
  version,
  firstName: v.firstName.trim(),
  lastName: v.lastName.trim(),
  dateOfBirth: v.dateOfBirth,
  ...optionalFields(v),
});

/** Checks the browser can make before asking the server; keys match the server's field paths. */
export const checkPatientForm = (v: PatientFormValues, today: string): Record<string, string> => {
  const errors: Record<string, string> = {};
  if (!v.firstName.trim()) errors['firstName'] = 'Enter the first name.';
  if (!v.lastName.trim()) errors['lastName'] = 'Enter the last name.';
  if (!v.dateOfBirth) errors['dateOfBirth'] = 'Enter the date of birth.';
  else if (v.dateOfBirth > today) errors['dateOfBirth'] = 'The date of birth cannot be in the future.';
  return errors;
};
