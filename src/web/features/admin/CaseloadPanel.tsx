import { Alert, Button, Group, NativeSelect, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import type { CaseloadBody } from '../../../core/api/admin.js';
import { ROLE_LABELS } from '../../../core/access/roles.js';
import { AsyncState } from '../../components/AsyncState.js';
import { PatientPicker } from '../../components/PatientPicker.js';
import { ProblemAlert } from '../../components/ProblemAlert.js';
import { useSubmit } from '../../lib/useSubmit.js';
import { useApi } from '../../session/SessionProvider.js';
import { useAdminLists } from './useAdminLists.js';

type Kind = CaseloadBody['kind'];

const KINDS: { value: Kind; label: string }[] = [
  { value: 'primary_clinician', label: 'Primary clinician' },
  { value: 'clinician', label: 'Clinician' },
  { value: 'case_manager', label: 'Case manager' },
];

const CARE_ROLES: readonly string[] = [
  'clinician',
  'clinical_supervisor',
  'case_manager',
  'program_director',
];

/** Puts a patient on a staff member's caseload, which is what gives clinicians access (SPEC §1). */
export const CaseloadPanel = () => {
  const api = useApi();
  const lists = useAdminLists();
  const [patientId, setPatientId] = useState<string | null>(null);
  const [userId, setUserId] = useState('');
  const [kind, setKind] = useState<Kind>('primary_clinician');
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState<string | null>(null);
  const assign = useSubmit((body: CaseloadBody) => api.admin.caseloads.assign(body));
  const errors = { ...assign.errors, ...localErrors };

  const submit = async (event: FormEvent, staffName: string) => {
    event.preventDefault();
    setSaved(null);
    const found: Record<string, string> = {};
    if (!patientId) found['patientId'] = 'Choose a patient.';
    if (!userId) found['userId'] = 'Choose a staff member.';
    setLocalErrors(found);
    if (!patientId || Object.keys(found).length > 0) return;
    const result = await assign.run({ patientId, userId, kind });
    if (result.ok) {
      setSaved(
        `Assigned to ${staffName} as ${KINDS.find((k) => k.value === kind)?.label.toLowerCase() ?? kind}.`,
      );
      setPatientId(null);
    }
  };

  return (
    <AsyncState state={lists.state} what="staff" onRetry={lists.reload}>
      {({ users }) => {
        const staff = users
          .filter((u) => u.active && CARE_ROLES.includes(u.role))
          .sort((a, b) => a.displayName.localeCompare(b.displayName));
        const staffName = staff.find((u) => u.id === userId)?.displayName ?? 'staff member';
        return (
          <Paper withBorder p="md" maw={960}>
            <form onSubmit={(event) => void submit(event, staffName)} noValidate>
              <Stack gap="sm">
                <Title order={2} size="h4">
                  Assign to a caseload
                </Title>
                <Text size="sm" c="dimmed">
                  Clinicians and case managers see the patients on their caseload; a primary clinician also
                  receives the patient's alerts first.
                </Text>
                {saved && (
                  <Alert color="success" variant="light" role="status">
                    {saved}
                  </Alert>
                )}
                <ProblemAlert problem={assign.problem} shownFields={['patientId', 'userId', 'kind']} />
                <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
                  <PatientPicker
                    label="Patient"
                    required
                    value={patientId}
                    onChange={setPatientId}
                    error={errors['patientId']}
                  />
                  <NativeSelect
                    label="Staff member"
                    required
                    data={[
                      { value: '', label: 'Choose a staff member' },
                      ...staff.map((u) => ({
                        value: u.id,
                        label: `${u.displayName} (${ROLE_LABELS[u.role]})`,
                      })),
                    ]}
                    value={userId}
                    onChange={(event) => setUserId(event.currentTarget.value)}
                    error={errors['userId']}
                  />
                  <NativeSelect
                    label="Assignment"
                    required
                    data={KINDS}
                    value={kind}
                    onChange={(event) =>
                      setKind(KINDS.find((k) => k.value === event.currentTarget.value)?.value ?? kind)
                    }
                    error={errors['kind']}
                  />
                </SimpleGrid>
                <Group>
                  <Button type="submit" loading={assign.pending}>
                    Assign
                  </Button>
                </Group>
              </Stack>
            </form>
          </Paper>
        );
      }}
    </AsyncState>
  );
};
