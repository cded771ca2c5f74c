import {
  Alert,
  Button,
  Group,
  NativeSelect,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { type FormEvent, useState } from 'react';
import {
  NALOXONE_LABELS,
  NALOXONE_STATUSES,
  type NaloxoneStatus,
  type OverdoseSafety,
  type RecordOverdoseSafetyBody,
} from '../../../core/api/admission.js';
import type { Patient } from '../../../core/api/patients.js';
import { Facts } from '../../components/Facts.js';
import { ProblemAlert } from '../../components/ProblemAlert.js';
import { formatDate, formatInstant, todayIn } from '../../lib/dates.js';
import { isStale, useSubmit } from '../../lib/useSubmit.js';
import { useApi } from '../../session/SessionProvider.js';

interface OverdoseSafetyCardProps {
  patient: Patient;
  view: OverdoseSafety;
  canWrite: boolean;
  onSaved: (view: OverdoseSafety) => void;
  onStale: () => void;
}

/** Overdose-risk education and naloxone status, for patients with an opioid use disorder. */
export const OverdoseSafetyCard = ({
  patient,
  view,
  canWrite,
  onSaved,
  onStale,
}: OverdoseSafetyCardProps) => {
  const api = useApi();
  const today = todayIn(patient.siteTimeZone);
  const record = view.record;
  const [editing, setEditing] = useState(false);
  const [naloxone, setNaloxone] = useState<NaloxoneStatus | ''>(record?.naloxoneStatus ?? '');
  const [educatedOn, setEducatedOn] = useState(record?.educationGivenOn ?? '');
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});
  const save = useSubmit((body: RecordOverdoseSafetyBody) =>
    api.admission.recordOverdoseSafety(patient.id, body),
  );
  const errors = { ...save.errors, ...localErrors };
  const formOpen = editing || (record === null && canWrite);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found: Record<string, string> = {};
    if (!naloxone) found['naloxoneStatus'] = 'Choose the naloxone status.';
    if (educatedOn && educatedOn > today) found['educationGivenOn'] = 'The date cannot be in the future.';
    setLocalErrors(found);
    if (!naloxone || Object.keys(found).length > 0) return;
    const result = await save.run({
      ...(record ? { version: record.version } : {}),
      naloxoneStatus: naloxone,
      educationGivenOn: educatedOn || null,
    });
    if (result.ok) {
      setEditing(false);
      onSaved(result.value);
    } else if (isStale(result)) onStale();
  };

  return (
    <Paper withBorder p="md">
      <Stack gap="sm">
        {record ? (
          <Facts
            cols={3}
            items={[
              ['Naloxone', NALOXONE_LABELS[record.naloxoneStatus]],
              [
                'Overdose-risk education',
                record.educationGivenOn ? `Given ${formatDate(record.educationGivenOn)}` : 'Not yet given',
              ],
              [
                'Last updated',
                `${record.updatedBy.displayName}, ${formatInstant(record.updatedAt, patient.siteTimeZone)}`,
              ],
            ]}
          />
        ) : (
          <Text size="sm">Nothing recorded yet.</Text>
        )}
        {record && canWrite && !editing && (
          <Group>
            <Button variant="light" onClick={() => setEditing(true)}>
              Update overdose safety
            </Button>
          </Group>
        )}
        {formOpen && (
          <form onSubmit={(event) => void submit(event)} noValidate aria-labelledby="overdose-form-title">
            <Stack gap="sm">
              <Title order={3} size="h6" id="overdose-form-title">
                {record ? 'Update overdose safety' : 'Record overdose safety'}
              </Title>
              <ProblemAlert
                problem={save.problem}
                shownFields={['naloxoneStatus', 'educationGivenOn']}
                staleMessage="Someone else updated this record first. It has been reloaded; check it and save again."
              />
              <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
                <NativeSelect
                  label="Naloxone status"
                  required
                  data={[
                    { value: '', label: 'Choose a status' },
                    ...NALOXONE_STATUSES.map((s) => ({ value: s, label: NALOXONE_LABELS[s] })),
                  ]}
                  value={naloxone}
                  onChange={(event) =>
                    setNaloxone(NALOXONE_STATUSES.find((s) => s === event.currentTarget.value) ?? '')
                  }
                  error={errors['naloxoneStatus']}
                />
                <TextInput
                  label="Overdose-risk education given on"
                  description="Leave empty if not yet given"
                  type="date"
                  max={today}
                  value={educatedOn}
                  onChange={(event) => setEducatedOn(event.currentTarget.value)}
                  error={errors['educationGivenOn']}
                />
              </SimpleGrid>
              <Group>
                <Button type="submit" loading={save.pending}>
                  Save overdose safety
                </Button>
                {record && (
                  <Button variant="default" onClick={() => setEditing(false)}>
                    Cancel
                  </Button>
                )}
              </Group>
            </Stack>
          </form>
        )}
      </Stack>
    </Paper>
  );
};

/** The chart's prompt when a patient with opioid use disorder has no overdose-safety record. */
export const OverdoseSafetyPrompt = () => (
  <Alert color="warning" variant="light" title="Overdose safety not documented" role="status">
    This patient has an active opioid use disorder diagnosis and no record of overdose-risk education or
    naloxone. Record them under Overdose safety below.
  </Alert>
);
