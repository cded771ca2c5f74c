import { Alert, Badge, Button, Group, Paper, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { useState } from 'react';
import { roleMay } from '../../../core/access/patientPolicy.js';
import type { Medication } from '../../../core/api/medications.js';
import type { Patient } from '../../../core/api/patients.js';
import { MAT_TYPE_LABELS, MEDICATION_ROUTE_LABELS } from '../../../core/medications/mat.js';
import { AsyncState } from '../../components/AsyncState.js';
import { formatDate, todayIn } from '../../lib/dates.js';
import { useResource } from '../../lib/useResource.js';
import { useApi, useMe } from '../../session/SessionProvider.js';
import { type MedicationChange, MedicationChangeModal } from './MedicationChangeModal.js';
import { MedicationForm } from './MedicationForm.js';

const details = (m: Medication): string =>
  [m.dose, m.route ? MEDICATION_ROUTE_LABELS[m.route] : null, m.frequency].filter(Boolean).join(' · ');

/** The patient's medications, MAT included (SPEC §9): newest start first, with add, edit, stop and remove. */
export const MedicationsTab = ({ patient }: { patient: Patient }) => {
  const api = useApi();
  const me = useMe();
  const canWrite = roleMay(me.role, 'medication.write');
  const medications = useResource((signal) => api.medications.list(patient.id, signal), [api, patient.id]);
  const today = medications.state.data?.today ?? todayIn(patient.siteTimeZone);
  /** `new`, a medication id being edited, or nothing. */
  const [editing, setEditing] = useState<string | null>(null);
  const [change, setChange] = useState<MedicationChange | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const edited = medications.state.data?.items.find((m) => m.id === editing) ?? null;

  const saved = (message: string) => {
    setNotice(message);
    medications.reload();
  };

  return (
    <Stack gap="md">
      <section aria-labelledby="medications-heading">
        <Group justify="space-between" mb="xs">
          <Title order={2} size="h4" id="medications-heading">
            Medications
          </Title>
          {canWrite && editing === null && (
            <Button
              variant="light"
              onClick={() => {
                setNotice(null);
                setEditing('new');
              }}
            >
              Add medication
            </Button>
          )}
        </Group>
        <Stack gap="sm">
          {notice && (
            <Alert
              color="success"
              variant="light"
              role="status"
              withCloseButton
              closeButtonLabel="Dismiss"
              onClose={() => setNotice(null)}
            >
              {notice}
            </Alert>
          )}
          {editing !== null && (editing === 'new' || edited) && (
            <Paper withBorder p="md">
              <MedicationForm
                key={editing}
                patientId={patient.id}
                today={today}
                medication={edited}
                onSaved={(m) => {
                  setEditing(null);
                  saved(`${m.name} saved.`);
                }}
                onStale={medications.reload}
                onCancel={() => setEditing(null)}
              />
            </Paper>
          )}
          <AsyncState
            state={medications.state}
            what="medications"
            onRetry={medications.reload}
            isEmpty={(list) => list.items.length === 0}
            empty="No medications recorded yet."
          >
            {(list) => (
              <Table.ScrollContainer minWidth={760}>
                <Table aria-label="Medications" verticalSpacing="xs">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th scope="col">Medication</Table.Th>
                      <Table.Th scope="col">Prescriber</Table.Th>
                      <Table.Th scope="col">Started</Table.Th>
                      <Table.Th scope="col">Stopped</Table.Th>
                      <Table.Th scope="col">On drug screens</Table.Th>
                      {canWrite && (
                        <Table.Th scope="col">
                          <VisuallyHidden>Actions</VisuallyHidden>
                        </Table.Th>
                      )}
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {list.items.map((m) => (
                      <Table.Tr key={m.id} c={m.active ? undefined : 'dimmed'}>
                        <Table.Td>
                          <Group gap={6}>
                            <Text size="sm" fw={600}>
                              {m.name}
                            </Text>
                            {m.matType && (
                              <Badge variant="light" size="sm">
                                MAT · {MAT_TYPE_LABELS[m.matType]}
                              </Badge>
                            )}
                            {!m.active && (
                              <Badge variant="outline" color="gray" size="sm">
                                Stopped
                              </Badge>
                            )}
                          </Group>
                          {details(m) && <Text size="xs">{details(m)}</Text>}
                          {m.otpName && <Text size="xs">Dispensed by {m.otpName}</Text>}
                          {m.notes && (
                            <Text size="xs" c="dimmed">
                              {m.notes}
                            </Text>
                          )}
                        </Table.Td>
                        <Table.Td>
                          <Text size="sm">{m.prescriberName ?? '—'}</Text>
                          {m.prescriberOrganization && <Text size="xs">{m.prescriberOrganization}</Text>}
                        </Table.Td>
                        <Table.Td>
                          <Text size="sm">{formatDate(m.startedOn)}</Text>
                        </Table.Td>
                        <Table.Td>
                          <Text size="sm">{formatDate(m.stoppedOn)}</Text>
                          {m.stopReason && <Text size="xs">{m.stopReason}</Text>}
                        </Table.Td>
                        <Table.Td>
                          <Text size="sm">
                            {m.screensAs.expected.length > 0
                              ? m.screensAs.expected.join(', ')
                              : m.screensAs.explains.length > 0
                                ? `May show ${m.screensAs.explains.join(', ')}`
                                : 'Not detected'}
                          </Text>
                        </Table.Td>
                        {canWrite && (
                          <Table.Td>
                            <Group gap={4} wrap="nowrap">
                              <Button
                                size="compact-sm"
                                variant="default"
                                aria-label={`Edit ${m.name}`}
                                onClick={() => {
                                  setNotice(null);
                                  setEditing(m.id);
                                }}
                              >
                                Edit
                              </Button>
                              {!m.stoppedOn && (
                                <Button
                                  size="compact-sm"
                                  variant="default"
                                  aria-label={`Stop ${m.name}`}
                                  onClick={() => setChange({ kind: 'stop', medication: m })}
                                >
                                  Stop
                                </Button>
                              )}
                              <Button
                                size="compact-sm"
                                variant="subtle"
                                color="red"
                                aria-label={`Remove ${m.name} as entered in error`}
                                onClick={() => setChange({ kind: 'remove', medication: m })}
                              >
                                Entered in error
                              </Button>
                            </Group>
                          </Table.Td>
                        )}
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            )}
          </AsyncState>
        </Stack>
      </section>
      <MedicationChangeModal
        patientId={patient.id}
        today={today}
        change={change}
        onClose={() => setChange(null)}
        onSaved={(message) => {
          setChange(null);
          saved(message);
        }}
        onStale={() => {
          setChange(null);
          medications.reload();
        }}
      />
    </Stack>
  );
};
