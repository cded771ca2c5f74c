import {
  Button,
  Group,
  NativeSelect,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { type FormEvent, useState } from 'react';
import type { CreateMedicationBody, Medication } from '../../../core/api/medications.js';
import {
  MAT_TYPE_LABELS,
  MAT_TYPES,
  type MatType,
  MEDICATION_ROUTE_LABELS,
  MEDICATION_ROUTES,
} from '../../../core/medications/mat.js';
import { checkOtpName, checkStartedOn } from '../../../core/medications/validate.js';
import { ANALYTE_INFO } from '../../../core/screens/analytes.js';
import { analytesForMedication } from '../../../core/screens/medicationAnalytes.js';
import { ProblemAlert } from '../../components/ProblemAlert.js';
import { isStale, useSubmit } from '../../lib/useSubmit.js';
import { useApi } from '../../session/SessionProvider.js';

const FIELDS = [
  'name',
  'dose',
  'route',
  'frequency',
  'prescriberName',
  'prescriberOrganization',
  'startedOn',
  'matType',
  'otpName',
  'notes',
];

interface MedicationFormProps {
  patientId: string;
  today: string;
  /** The medication being edited (its latest loaded version), or null for a new one. */
  medication: Medication | null;
  onSaved: (medication: Medication) => void;
  /** Someone else saved first: the list reloads, the form keeps what was typed. */
  onStale: () => void;
  onCancel: () => void;
}

const initial = (m: Medication | null, today: string) => ({
  name: m?.name ?? '',
  dose: m?.dose ?? '',
  route: m?.route ?? '',
  frequency: m?.frequency ?? '',
  prescriberName: m?.prescriberName ?? '',
  prescriberOrganization: m?.prescriberOrganization ?? '',
  startedOn: m?.startedOn ?? today,
  matType: m?.matType ?? '',
  otpName: m?.otpName ?? '',
  notes: m?.notes ?? '',
});

/** How the typed name will show on drug screens, from the mapping; said as you type. */
const screensHint = (name: string, matType: MatType | null): string => {
  if (!name.trim() && !matType) return 'Generic or brand name, with strength.';
  const found = analytesForMedication({ name, matType });
  if (found.label === null) return 'Not on the drug-screen mapping: it is not expected on screens.';
  if (found.expected.length === 0 && found.explains.length === 0)
    return `${found.label[0]?.toUpperCase()}${found.label.slice(1)} does not show on common drug screens.`;
  const codes = (list: readonly (keyof typeof ANALYTE_INFO)[]) =>
    list.map((a) => ANALYTE_INFO[a].code).join(', ');
  return found.expected.length > 0
    ? `Expected on drug screens as ${codes(found.expected)}.`
    : `May show on drug screens as ${codes(found.explains)}; a negative is not unusual.`;
};

/** Adds or edits a medication; MAT type and, for methadone, the opioid treatment program. */
export const MedicationForm = ({
  patientId,
  today,
  medication,
  onSaved,
  onStale,
  onCancel,
}: MedicationFormProps) => {
  const api = useApi();
  const [values, setValues] = useState(() => initial(medication, today));
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});
  const save = useSubmit((body: CreateMedicationBody) =>
    medication
      ? api.medications.update(patientId, medication.id, { ...body, version: medication.version })
      : api.medications.create(patientId, body),
  );
  const errors = { ...save.errors, ...localErrors };
  const matType = MAT_TYPES.find((t) => t === values.matType) ?? null;
  const route = MEDICATION_ROUTES.find((r) => r === values.route) ?? null;
  const set = (key: keyof typeof values) => (value: string) => setValues((v) => ({ ...v, [key]: value }));
  const titleId = medication ? `edit-medication-${medication.id}` : 'new-medication-title';

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found: Record<string, string> = {};
    if (!values.name.trim()) found['name'] = 'Enter the medication name.';
    if (!values.startedOn) found['startedOn'] = 'Enter the date it was started.';
    else for (const f of checkStartedOn(values.startedOn, today)) found[f.field.slice(1)] ??= f.message;
    for (const f of checkOtpName(matType, values.otpName)) found[f.field.slice(1)] ??= f.message;
    setLocalErrors(found);
    if (Object.keys(found).length > 0) return;
    const result = await save.run({
      name: values.name.trim(),
      dose: values.dose.trim() || null,
      route,
      frequency: values.frequency.trim() || null,
      prescriberName: values.prescriberName.trim() || null,
      prescriberOrganization: values.prescriberOrganization.trim() || null,
      startedOn: values.startedOn,
      matType,
      otpName: matType === 'methadone_otp' ? values.otpName.trim() : null,
      notes: values.notes.trim() || null,
    });
    if (result.ok) onSaved(result.value);
    else if (isStale(result)) onStale();
  };

  return (
    <form onSubmit={(event) => void submit(event)} noValidate aria-labelledby={titleId}>
      <Stack gap="sm">
        <Title order={3} size="h5" id={titleId}>
          {medication ? `Edit ${medication.name}` : 'New medication'}
        </Title>
        <ProblemAlert problem={save.problem} shownFields={FIELDS} />
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
          <TextInput
            label="Medication name"
            required
            maxLength={200}
            value={values.name}
            onChange={(e) => set('name')(e.currentTarget.value)}
            description={screensHint(values.name, matType)}
            error={errors['name']}
            data-autofocus
          />
          <TextInput
            label="Dose"
            maxLength={100}
            placeholder="8 mg/2 mg"
            value={values.dose}
            onChange={(e) => set('dose')(e.currentTarget.value)}
            error={errors['dose']}
          />
          <NativeSelect
            label="Route"
            data={[
              { value: '', label: 'Not recorded' },
              ...MEDICATION_ROUTES.map((r) => ({ value: r, label: MEDICATION_ROUTE_LABELS[r] })),
            ]}
            value={values.route}
            onChange={(e) => set('route')(MEDICATION_ROUTES.find((r) => r === e.currentTarget.value) ?? '')}
            error={errors['route']}
          />
        </SimpleGrid>
        <TextInput
          label="Frequency and instructions"
          maxLength={500}
          placeholder="One film under the tongue daily"
          value={values.frequency}
          onChange={(e) => set('frequency')(e.currentTarget.value)}
          error={errors['frequency']}
        />
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
          <TextInput
            label="Prescriber"
            maxLength={200}
            value={values.prescriberName}
            onChange={(e) => set('prescriberName')(e.currentTarget.value)}
            error={errors['prescriberName']}
          />
          <TextInput
            label="Prescriber's organisation"
            maxLength={200}
            value={values.prescriberOrganization}
            onChange={(e) => set('prescriberOrganization')(e.currentTarget.value)}
            error={errors['prescriberOrganization']}
          />
          <TextInput
            label="Started on"
            type="date"
            required
            max={today}
            value={values.startedOn}
            onChange={(e) => set('startedOn')(e.currentTarget.value)}
            error={errors['startedOn']}
          />
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <NativeSelect
            label="Medication for the use disorder (MAT)"
            data={[
              { value: '', label: 'Not MAT' },
              ...MAT_TYPES.map((t) => ({ value: t, label: MAT_TYPE_LABELS[t] })),
            ]}
            value={values.matType}
            onChange={(e) => set('matType')(MAT_TYPES.find((t) => t === e.currentTarget.value) ?? '')}
            error={errors['matType']}
          />
          {matType === 'methadone_otp' && (
            <TextInput
              label="Opioid treatment program"
              description="The program that dispenses the methadone"
              required
              maxLength={200}
              value={values.otpName}
              onChange={(e) => set('otpName')(e.currentTarget.value)}
              error={errors['otpName']}
            />
          )}
        </SimpleGrid>
        <Textarea
          label="Notes"
          autosize
          minRows={2}
          maxLength={2000}
          value={values.notes}
          onChange={(e) => set('notes')(e.currentTarget.value)}
          error={errors['notes']}
        />
        {medication?.stoppedOn && (
          <Text size="xs" c="dimmed">
            Stopped on {medication.stoppedOn}; the start date cannot be after it.
          </Text>
        )}
        <Group>
          <Button type="submit" loading={save.pending}>
            {medication ? 'Save changes' : 'Save medication'}
          </Button>
          <Button variant="default" onClick={onCancel}>
            Cancel
          </Button>
        </Group>
      </Stack>
    </form>
  );
};
