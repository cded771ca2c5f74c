import { Alert, Button, Group, List, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import type { Patient } from '../../../core/api/patients.js';
import type { RelapsePreventionPlan } from '../../../core/api/recovery.js';
import { SECTION_LABELS, type SectionChange } from '../../../core/recovery/relapsePlan.js';
import { AsyncState } from '../../components/AsyncState.js';
import { TextLink } from '../../components/TextLink.js';
import { formatInstant } from '../../lib/dates.js';
import { useResource } from '../../lib/useResource.js';
import { useApi } from '../../session/SessionProvider.js';
import { PlanVersionView } from './PlanVersionView.js';
import { RelapsePlanPdfLink } from './RelapsePlanPdfLink.js';

const Changes = ({ changes }: { changes: { section: string; added: string[]; removed: string[] }[] }) =>
  changes.length === 0 ? null : (
    <List size="xs" spacing={0}>
      {changes.map((c) => {
        const label = SECTION_LABELS[c.section as SectionChange['section']] ?? c.section;
        return (
          <List.Item key={c.section}>
            {label}: {c.added.length > 0 && <>added {c.added.map((a) => `“${a}”`).join(', ')}</>}
            {c.added.length > 0 && c.removed.length > 0 && '; '}
            {c.removed.length > 0 && <>removed {c.removed.map((r) => `“${r}”`).join(', ')}</>}
          </List.Item>
        );
      })}
    </List>
  );

/** One saved version, read-only, as it was. */
const VersionPanel = ({
  patient,
  versionNumber,
  onClose,
}: {
  patient: Patient;
  versionNumber: number;
  onClose: () => void;
}) => {
  const api = useApi();
  const version = useResource(
    (signal) => api.recovery.planVersion(patient.id, versionNumber, signal),
    [api, patient.id, versionNumber],
  );
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="plan-version-title">
      <AsyncState state={version.state} what={`version ${versionNumber}`} onRetry={version.reload}>
        {(v) => (
          <Stack gap="sm">
            <Group justify="space-between">
              <Title order={3} size="h5" id="plan-version-title">
                Version {v.versionNumber} (read-only)
              </Title>
              <Group gap="sm">
                <TextLink to={`/patients/${patient.id}/recovery/print?version=${v.versionNumber}`}>
                  Print this version
                </TextLink>
                <RelapsePlanPdfLink patientId={patient.id} versionNumber={v.versionNumber} />
                <Button size="xs" variant="default" onClick={onClose}>
                  Close
                </Button>
              </Group>
            </Group>
            <Text size="xs" c="dimmed">
              Saved {formatInstant(v.savedAt, patient.siteTimeZone)} by {v.savedBy.displayName}.
              {v.current
                ? ' This is the current version.'
                : ' A newer version replaces it; it cannot be changed.'}
            </Text>
            {v.changes.length > 0 && (
              <Alert variant="light" color="gray" title={`Changed from version ${v.versionNumber - 1}`}>
                <Changes changes={v.changes} />
              </Alert>
            )}
            <PlanVersionView version={v} headingOrder={4} />
          </Stack>
        )}
      </AsyncState>
    </Paper>
  );
};

/** Every saved version, newest first; any one opens read-only. */
export const PlanHistory = ({ patient, plan }: { patient: Patient; plan: RelapsePreventionPlan }) => {
  const [open, setOpen] = useState<number | null>(null);
  if (plan.versions.length === 0) return null;
  return (
    <Stack gap="sm" component="section" aria-labelledby="plan-history-title">
      <Title order={2} size="h5" id="plan-history-title">
        Version history
      </Title>
      <Table aria-label="Plan versions" verticalSpacing={4}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Version</Table.Th>
            <Table.Th scope="col">Saved</Table.Th>
            <Table.Th scope="col">By</Table.Th>
            <Table.Th scope="col">What changed</Table.Th>
            <Table.Th scope="col">Open</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {plan.versions.map((v) => (
            <Table.Tr key={v.versionNumber}>
              <Table.Td>{v.versionNumber}</Table.Td>
              <Table.Td>{formatInstant(v.savedAt, patient.siteTimeZone)}</Table.Td>
              <Table.Td>{v.savedBy.displayName}</Table.Td>
              <Table.Td>
                <Text size="sm">{v.changeSummary}</Text>
              </Table.Td>
              <Table.Td>
                <Button
                  size="compact-xs"
                  variant="light"
                  onClick={() => setOpen(v.versionNumber)}
                  aria-label={`View version ${v.versionNumber}`}
                >
                  View
                </Button>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {open !== null && (
        <VersionPanel key={open} patient={patient} versionNumber={open} onClose={() => setOpen(null)} />
      )}
    </Stack>
  );
};
