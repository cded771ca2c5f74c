import { Checkbox, Fieldset, NativeSelect, SimpleGrid, Stack, TextInput } from '@mantine/core';
import type {
  ContactPreferenceValues,
  PatientFormValues,
  PriorityPopulation,
  SexAtBirth,
} from './patientForm.js';

interface PatientFormFieldsProps {
  values: PatientFormValues;
  onChange: (patch: Partial<PatientFormValues>) => void;
  errors: Record<string, string>;
  /** Latest date a birth date may take (today at the site). */
  maxDate: string;
}

const SEX_OPTIONS: { value: SexAtBirth; label: string }[] = [
  { value: '', label: 'Not recorded' },
  { value: 'female', label: 'Female' },
  { value: 'male', label: 'Male' },
  { value: 'intersex', label: 'Intersex' },
  { value: 'unknown', label: 'Unknown' },
];

const PRIORITY_OPTIONS: { value: PriorityPopulation; label: string }[] = [
  { value: '', label: 'None' },
  { value: 'pregnant', label: 'Pregnant' },
  { value: 'injects_drugs', label: 'Injects drugs' },
];

const CONTACT_PREFERENCES: { key: keyof ContactPreferenceValues; label: string; description: string }[] = [
  { key: 'voicemailOk', label: 'May leave voicemail', description: 'Messages may be left on this phone.' },
  { key: 'textsOk', label: 'May send texts', description: 'Staff may text this phone.' },
  {
    key: 'nameClinicOk',
    label: 'May name the clinic',
    description: 'Messages may say where they come from.',
  },
  {
    key: 'smsOptIn',
    label: 'SMS reminders opted in',
    description: 'Automated reminders by text; STOP opts out.',
  },
];

/** Form fields holding free text. */
type TextField = {
  [K in keyof PatientFormValues]: PatientFormValues[K] extends string
    ? string extends PatientFormValues[K]
      ? K
      : never
    : never;
}[keyof PatientFormValues];

/** Demographics and contact preferences, shared by "New patient" and the chart's edit form. */
export const PatientFormFields = ({ values, onChange, errors, maxDate }: PatientFormFieldsProps) => {
  const text = (key: TextField, label: string, extra: { required?: boolean; type?: string } = {}) => (
    <TextInput
      label={label}
      value={values[key]}
      onChange={(event) => onChange({ [key]: event.currentTarget.value })}
      error={errors[key]}
      required={extra.required}
      type={extra.type}
      autoComplete="off"
    />
  );

  return (
    <Stack gap="md">
      <Fieldset legend="Identity">
        <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }} spacing="sm">
          {text('firstName', 'First name', { required: true })}
          {text('lastName', 'Last name', { required: true })}
          {text('preferredName', 'Preferred name')}
          <TextInput
            label="Date of birth"
            type="date"
            max={maxDate}
            value={values.dateOfBirth}
            onChange={(event) => onChange({ dateOfBirth: event.currentTarget.value })}
            error={errors['dateOfBirth']}
            required
          />
          <NativeSelect
            label="Sex assigned at birth"
            data={SEX_OPTIONS}
            value={values.sexAtBirth}
            onChange={(event) => onChange({ sexAtBirth: event.currentTarget.value as SexAtBirth })}
            error={errors['sexAtBirth']}
          />
          {text('genderIdentity', 'Gender identity')}
          {text('pronouns', 'Pronouns')}
          <NativeSelect
            label="Preferred language"
            data={[
              { value: 'en', label: 'English' },
              { value: 'es', label: 'Spanish' },
            ]}
            value={values.preferredLanguage}
            onChange={(event) =>
              onChange({ preferredLanguage: event.currentTarget.value === 'es' ? 'es' : 'en' })
            }
            error={errors['preferredLanguage']}
          />
          <NativeSelect
            label="Priority population"
            description="Federal rules: admit or start interim services within 48 hours."
            data={PRIORITY_OPTIONS}
            value={values.priorityPopulation}
            onChange={(event) =>
              onChange({ priorityPopulation: event.currentTarget.value as PriorityPopulation })
            }
            error={errors['priorityPopulation']}
          />
        </SimpleGrid>
      </Fieldset>

      <Fieldset legend="Contact">
        <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }} spacing="sm">
          {text('phone', 'Phone', { type: 'tel' })}
          {text('email', 'Email address', { type: 'email' })}
          {text('addressLine', 'Street address')}
          {text('city', 'City')}
          {text('state', 'State')}
          {text('postalCode', 'ZIP code')}
        </SimpleGrid>
      </Fieldset>

      <Fieldset legend="Contact preferences">
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          {CONTACT_PREFERENCES.map(({ key, label, description }) => (
            <Checkbox
              key={key}
              label={label}
              description={description}
              checked={values.contactPreferences[key]}
              onChange={(event) =>
                onChange({
                  contactPreferences: { ...values.contactPreferences, [key]: event.currentTarget.checked },
                })
              }
              error={errors[`contactPreferences/${key}`]}
            />
          ))}
        </SimpleGrid>
      </Fieldset>
    </Stack>
  );
};

/** Server field paths this form shows next to an input. */
export const PATIENT_FORM_FIELDS = [
  'firstName',
  'lastName',
  'preferredName',
  'dateOfBirth',
  'sexAtBirth',
  'genderIdentity',
  'pronouns',
  'preferredLanguage',
  'priorityPopulation',
  'phone',
  'email',
  'addressLine',
  'city',
  'state',
  'postalCode',
  ...CONTACT_PREFERENCES.map(({ key }) => `contactPreferences/${key}`),
] as const;
