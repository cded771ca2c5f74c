import { Alert, Badge, Button, Group, Paper, Stack, Table, Text, VisuallyHidden } from '@mantine/core';
import { useState } from 'react';
import type { Diagnosis, DiagnosisList } from '../../../core/api/admission.js';
import type { Patient } from '../../../core/api/patients.js';
import { SEVERITY_LABELS } from '../../../core/diagnoses/severity.js';
import { SPECIFIER_LABELS } from '../../../core/diagnoses/specifiers.js';
import { DISORDER_NAMES } from '../../../core/diagnoses/substances.js';
import { DIAGNOSIS_STATUS_LABELS, type DiagnosisStatus } from '../../../core/diagnoses/validate.js';
import { AsyncState } from '../../components/AsyncState.js';
import { formatDate } from '../../lib/dates.js';
import type { Resource } from '../../lib/useResource.js';
import { DiagnosisForm } from './DiagnosisForm.js';
import { DiagnosisStatusModal } from './DiagnosisStatusModal.js';

const STATUS_COLOR: Record<DiagnosisStatus, string> = {
  active: 'blue',
  resolved: 'gray',
  entered_in_error: 'red',
};

interface DiagnosesSectionProps {
  patient: Patient;
  diagnoses: Resource<DiagnosisList>;
  /** The role may write diagnoses at all (the server adds credentials and licence). */
  roleMayWrite: boolean;
  onChanged: () => void;
}

/** Substance use disorder diagnoses, and the form for staff whose credentials allow diagnosis. */
export const DiagnosesSection = ({ patient, diagnoses, roleMayWrite, onChanged }: DiagnosesSectionProps) => {
  const [adding, setAdding] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);
  const [changing, setChanging] = useState<Diagnosis | null>(null);
  const data = diagnoses.state.data;

  const replaceItem = (list: DiagnosisList, diagnosis: Diagnosis): DiagnosisList => ({
    ...list,
    items: list.items.some((d) => d.id === diagnosis.id)
      ? list.items.map((d) => (d.id === diagnosis.id ? diagnosis : d))
      : [diagnosis, ...list.items],
  });

  return (
    <Stack gap="sm">
      {data?.mayDiagnose && !adding && (
        <Group>
          <Button
            variant="light"
            onClick={() => {
              setSaved(null);
              setAdding(true);
            }}
          >
            Add diagnosis
          </Button>
        </Group>
      )}
      {data && !data.mayDiagnose && roleMayWrite && data.mayDiagnoseReason && (
        <Text size="sm" c="dimmed">
          {data.mayDiagnoseReason}
        </Text>
      )}
      {saved && (
        <Alert
          color="success"
          variant="light"
          role="status"
          withCloseButton
          onClose={() => setSaved(null)}
          closeButtonLabel="Dismiss"
        >
          {saved}
        </Alert>
      )}
      {adding && (
        <Paper withBorder p="md">
          <DiagnosisForm
            patient={patient}
            onCancel={() => setAdding(false)}
            onSaved={(diagnosis) => {
              setAdding(false);
              setSaved(`Diagnosis ${diagnosis.icd10Code} saved.`);
              if (data) diagnoses.setData(replaceItem(data, diagnosis));
              onChanged();
            }}
          />
        </Paper>
      )}
      <AsyncState
        state={diagnoses.state}
        what="diagnoses"
        onRetry={diagnoses.reload}
        isEmpty={(list) => list.items.length === 0}
        empty="No diagnoses recorded yet."
      >
        {(list) => (
          <Table.ScrollContainer minWidth={720}>
            <Table aria-label="Diagnoses">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">Diagnosis</Table.Th>
                  <Table.Th scope="col">Severity</Table.Th>
                  <Table.Th scope="col">Specifiers</Table.Th>
                  <Table.Th scope="col">Diagnosed</Table.Th>
                  <Table.Th scope="col">Status</Table.Th>
                  {list.mayDiagnose && (
                    <Table.Th scope="col">
                      <VisuallyHidden>Actions</VisuallyHidden>
                    </Table.Th>
                  )}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.items.map((d) => (
                  <Table.Tr key={d.id} c={d.status === 'entered_in_error' ? 'dimmed' : undefined}>
                    <Table.Td>
                      <Text
                        size="sm"
                        fw={600}
                        td={d.status === 'entered_in_error' ? 'line-through' : undefined}
                      >
                        {d.icd10Code}
                      </Text>
                      <Text size="xs">{DISORDER_NAMES[d.substance]}</Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{SEVERITY_LABELS[d.severity]}</Text>
                      <Text size="xs" c="dimmed">
                        {d.dsm5Criteria} of 11 criteria
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">
                        {d.specifiers.length === 0
                          ? '—'
                          : d.specifiers.map((s) => SPECIFIER_LABELS[s]).join(', ')}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{formatDate(d.diagnosedOn)}</Text>
                      <Text size="xs" c="dimmed">
                        {d.diagnosedBy.displayName}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Badge variant="light" color={STATUS_COLOR[d.status]}>
                        {DIAGNOSIS_STATUS_LABELS[d.status]}
                      </Badge>
                      {d.statusReason && <Text size="xs">{d.statusReason}</Text>}
                    </Table.Td>
                    {list.mayDiagnose && (
                      <Table.Td>
                        {d.status !== 'entered_in_error' && (
                          <Button
                            size="compact-sm"
                            variant="default"
                            aria-label={`Change status of ${d.icd10Code}`}
                            onClick={() => setChanging(d)}
                          >
                            Change status
                          </Button>
                        )}
                      </Table.Td>
                    )}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </AsyncState>
      <DiagnosisStatusModal
        patientId={patient.id}
        diagnosis={changing}
        onClose={() => setChanging(null)}
        onSaved={(diagnosis) => {
          setChanging(null);
          setSaved(
            `${diagnosis.icd10Code} is now ${DIAGNOSIS_STATUS_LABELS[diagnosis.status].toLowerCase()}.`,
          );
          if (data) diagnoses.setData(replaceItem(data, diagnosis));
          onChanged();
        }}
        onStale={() => {
          setChanging(null);
          diagnoses.reload();
        }}
      />
    </Stack>
  );
};
