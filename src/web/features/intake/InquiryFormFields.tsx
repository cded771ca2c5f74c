import { Checkbox, Fieldset, NativeSelect, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import { INQUIRY_SUBSTANCES, type InquirySubstance, SUBSTANCE_LABELS } from '../../../core/intake/fields.js';
import {
  PRIORITY_LABELS,
  PRIORITY_POPULATIONS,
  type PriorityPopulation,
} from '../../../core/intake/priority.js';
import type { InquiryFormValues } from './inquiryForm.js';

interface InquiryFormFieldsProps {
  values: InquiryFormValues;
  onChange: (patch: Partial<InquiryFormValues>) => void;
  errors: Record<string, string>;
  /** Latest date a birth date may take (today at the site). */
  maxDate: string;
  /** New inquiries choose phone call or referral; an existing one keeps its source. */
  showSource: boolean;
}

type TextField = {
  [K in keyof InquiryFormValues]: InquiryFormValues[K] extends string
    ? string extends InquiryFormValues[K]
      ? K
      : never
    : never;
}[keyof InquiryFormValues];

const PRIORITY_OPTIONS: { value: '' | PriorityPopulation; label: string }[] = [
  { value: '', label: 'None' },
  ...PRIORITY_POPULATIONS.map((p) => ({ value: p, label: PRIORITY_LABELS[p] })),
];

const isPriority = (value: string): value is PriorityPopulation =>
  (PRIORITY_POPULATIONS as readonly string[]).includes(value);

const PREFERENCES = [
  { key: 'voicemailOk', label: 'May leave voicemail' },
  { key: 'textsOk', label: 'May send texts' },
  { key: 'nameClinicOk', label: 'May name the clinic' },
  { key: 'consentToContact', label: 'Agreed to be contacted' },
] as const;

/** The phone-call form: who, how to reach them, who referred them, what they told us. */
export const InquiryFormFields = ({
  values,
  onChange,
  errors,
  maxDate,
  showSource,
}: InquiryFormFieldsProps) => {
  const text = (
    key: TextField,
    label: string,
    extra: { required?: boolean; type?: string; description?: string } = {},
  ) => (
    <TextInput
      label={label}
      value={values[key]}
      onChange={(event) => onChange({ [key]: event.currentTarget.value })}
      error={errors[key]}
      required={extra.required}
      type={extra.type}
      description={extra.description}
      autoComplete="off"
    />
  );

  const toggleSubstance = (substance: InquirySubstance, checked: boolean) =>
    onChange({
      substances: checked
        ? INQUIRY_SUBSTANCES.filter((s) => s === substance || values.substances.includes(s))
        : values.substances.filter((s) => s !== substance),
    });

  return (
    <Stack gap="md">
      <Fieldset legend="Person">
        <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }} spacing="sm">
          {showSource && (
            <NativeSelect
              label="How they reached us"
              data={[
                { value: 'phone', label: 'Phone call' },
                { value: 'referral', label: 'Referral' },
              ]}
              value={values.source}
              onChange={(event) =>
                onChange({ source: event.currentTarget.value === 'referral' ? 'referral' : 'phone' })
              }
            />
          )}
          {text('firstName', 'First name', { required: true })}
          {text('lastName', 'Last name')}
          <TextInput
            label="Date of birth"
            type="date"
            max={maxDate}
            value={values.dateOfBirth}
            onChange={(event) => onChange({ dateOfBirth: event.currentTarget.value })}
            error={errors['dateOfBirth']}
          />
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
            description="Admission or interim services within 48 hours."
            data={PRIORITY_OPTIONS}
            value={values.priorityPopulation}
            onChange={(event) => {
              const value = event.currentTarget.value;
              onChange({ priorityPopulation: isPriority(value) ? value : '' });
            }}
            error={errors['priorityPopulation']}
          />
        </SimpleGrid>
      </Fieldset>

      <Fieldset legend="Contact">
        <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }} spacing="sm">
          {text('phone', 'Phone', { type: 'tel' })}
          {text('email', 'Email address', { type: 'email' })}
          {text('contactWindow', 'Best time to call', { description: 'In their words, e.g. “after 5 pm”.' })}
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }} spacing="sm" mt="sm">
          {PREFERENCES.map(({ key, label }) => (
            <Checkbox
              key={key}
              label={label}
              checked={values[key]}
              onChange={(event) => onChange({ [key]: event.currentTarget.checked })}
            />
          ))}
        </SimpleGrid>
      </Fieldset>

      <Fieldset legend="Referral">
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          {text('referrerOrganization', 'Referring organization')}
          {text('referrerName', 'Referrer (person)')}
        </SimpleGrid>
      </Fieldset>

      <Fieldset legend="What they told us">
        <Stack gap="sm">
          <Textarea
            label="Reason for calling"
            description="Kept with the inquiry only; never sent in messages."
            autosize
            minRows={2}
            maxRows={6}
            value={values.presentingConcern}
            onChange={(event) => onChange({ presentingConcern: event.currentTarget.value })}
            error={errors['presentingConcern']}
          />
          <Fieldset legend="Substances mentioned" variant="unstyled">
            <SimpleGrid cols={{ base: 2, sm: 3, md: 5 }} spacing="xs" mt="xs">
              {INQUIRY_SUBSTANCES.map((s) => (
                <Checkbox
                  key={s}
                  label={SUBSTANCE_LABELS[s]}
                  checked={values.substances.includes(s)}
                  onChange={(event) => toggleSubstance(s, event.currentTarget.checked)}
                />
              ))}
            </SimpleGrid>
          </Fieldset>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            {text('preferredSchedule', 'Preferred schedule', { description: 'e.g. evenings, mornings' })}
          </SimpleGrid>
          <Textarea
            label="Notes"
            autosize
            minRows={2}
            maxRows={6}
            value={values.notes}
            onChange={(event) => onChange({ notes: event.currentTarget.value })}
            error={errors['notes']}
          />
        </Stack>
      </Fieldset>
    </Stack>
  );
};
