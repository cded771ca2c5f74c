import { Button, Group, NativeSelect, Stack, Text } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { PageTitle } from '../../components/PageTitle.js';
import { ProblemAlert } from '../../components/ProblemAlert.js';
import { todayIn } from '../../lib/dates.js';
import { useSubmit } from '../../lib/useSubmit.js';
import { useRouter } from '../../router.js';
import { useApi } from '../../session/SessionProvider.js';
import { useSites } from '../../session/SitesProvider.js';
import { PATIENT_FORM_FIELDS, PatientFormFields } from './PatientFormFields.js';
import { type PatientFormValues, checkPatientForm, emptyPatientForm, toCreateBody } from './patientForm.js';

export const NewPatientPage = () => {
  const api = useApi();
  const { navigate } = useRouter();
  const { sites, staffTimeZone } = useSites();
  const [values, setValues] = useState<PatientFormValues>(emptyPatientForm);
  const [chosenSite, setChosenSite] = useState<string | null>(null);
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});
  const create = useSubmit(api.patients.create);
  const siteId = chosenSite ?? sites?.[0]?.id ?? '';
  const today = todayIn(staffTimeZone);
  const errors = { ...create.errors, ...localErrors };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found = checkPatientForm(values, today);
    if (!siteId) found['siteId'] = 'Choose a site.';
    setLocalErrors(found);
    if (Object.keys(found).length > 0) return;
    const result = await create.run(toCreateBody(values, siteId));
    if (result.ok) navigate(`/patients/${result.value.id}`);
  };

  return (
    <Stack gap="md" maw={960}>
      <PageTitle>New patient</PageTitle>
      <Text size="sm" c="dimmed">
        Registers the patient and gives them an MRN. Admission to a program happens from the chart.
      </Text>
      <form onSubmit={(event) => void submit(event)} noValidate>
        <Stack gap="md">
          <ProblemAlert problem={create.problem} shownFields={[...PATIENT_FORM_FIELDS, 'siteId']} />
          <NativeSelect
            label="Site"
            required
            w={{ base: '100%', sm: 360 }}
            data={(sites ?? []).map((s) => ({ value: s.id, label: s.name }))}
            value={siteId}
            onChange={(event) => setChosenSite(event.currentTarget.value)}
            error={errors['siteId']}
            disabled={sites === null}
            description={sites === null ? 'Loading sites…' : undefined}
          />
          <PatientFormFields
            values={values}
            onChange={(patch) => setValues((v) => ({ ...v, ...patch }))}
            errors={errors}
            maxDate={today}
          />
          <Group>
            <Button type="submit" loading={create.pending}>
              Create patient
            </Button>
            <Button variant="default" onClick={() => navigate('/patients')}>
              Cancel
            </Button>
          </Group>
        </Stack>
      </form>
    </Stack>
  );
};
