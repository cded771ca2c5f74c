import { Button, Group, Stack, Title } from '@mantine/core';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import type { Patient } from '../../../core/api/patients.js';
import { ProblemAlert } from '../../components/ProblemAlert.js';
import { todayIn } from '../../lib/dates.js';
import { isStale, useSubmit } from '../../lib/useSubmit.js';
import { useApi } from '../../session/SessionProvider.js';
import { PATIENT_FORM_FIELDS, PatientFormFields } from '../patients/PatientFormFields.js';
import {
  type PatientFormValues,
  checkPatientForm,
  patientFormFrom,
  toUpdateBody,
} from '../patients/patientForm.js';

interface EditPatientFormProps {
  patient: Patient;
  onSaved: (patient: Patient) => void;
  /** Reloads the chart after someone else's change; the typed values stay in this form. */
  onStale: () => void;
  onCancel: () => void;
}

/**
 * Edits demographics with optimistic concurrency: the version sent is the one last loaded, so a
 * reload after a conflict lets the user save their values over the newer record deliberately.
 */
export const EditPatientForm = ({ patient, onSaved, onStale, onCancel }: EditPatientFormProps) => {
  const api = useApi();
  const [values, setValues] = useState<PatientFormValues>(() => patientFormFrom(patient));
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});
  const save = useSubmit((body: ReturnType<typeof toUpdateBody>) => api.patients.update(patient.id, body));
  const formRef = useRef<HTMLFormElement>(null);
  const today = todayIn(patient.siteTimeZone);
  const errors = { ...save.errors, ...localErrors };

  useEffect(() => {
    formRef.current?.querySelector<HTMLInputElement>('input')?.focus();
  }, []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found = checkPatientForm(values, today);
    setLocalErrors(found);
    if (Object.keys(found).length > 0) return;
    const result = await save.run(toUpdateBody(values, patient.version));
    if (result.ok) onSaved(result.value);
    else if (isStale(result)) onStale();
  };

  return (
    <form ref={formRef} onSubmit={(event) => void submit(event)} noValidate>
      <Stack gap="md">
        <Title order={2} size="h4">
          Edit demographics
        </Title>
        <ProblemAlert problem={save.problem} shownFields={PATIENT_FORM_FIELDS} />
        <PatientFormFields
          values={values}
          onChange={(patch) => setValues((v) => ({ ...v, ...patch }))}
          errors={errors}
          maxDate={today}
        />
        <Group>
          <Button type="submit" loading={save.pending}>
            Save changes
          </Button>
          <Button variant="default" onClick={onCancel}>
            Cancel
          </Button>
        </Group>
      </Stack>
    </form>
  );
};
