import { Badge, Stack, Table, Text } from '@mantine/core';
import type { Today } from '../../../core/api/home.js';
import { TextLink } from '../../components/TextLink.js';
import { formatDate, formatInstant } from '../../lib/dates.js';
import { Section } from './TodaySections.js';

type Supervision = NonNullable<Today['supervision']>;

/** What waits on the supervisor: co-signatures, and whose notes and plans are behind. */
export const SupervisionSection = ({
  supervision,
  timeZone,
}: {
  supervision: Supervision;
  timeZone: string;
}) => {
  const { notes, plans } = supervision.awaitingCosignature;
  return (
    <Stack gap="md">
      <Section
        title="Awaiting my co-signature"
        count={<Badge variant="light">{notes.length + plans.length}</Badge>}
      >
        {notes.length + plans.length === 0 ? (
          <Text size="sm" c="dimmed">
            Nothing waits for your co-signature.
          </Text>
        ) : (
          <Table striped verticalSpacing={4}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Document</Table.Th>
                <Table.Th>Patient</Table.Th>
                <Table.Th>Author</Table.Th>
                <Table.Th>Signed</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {notes.map((n) => (
                <Table.Tr key={n.id}>
                  <Table.Td>
                    <TextLink to={`/notes/${n.id}`} size="sm">
                      {n.title}
                    </TextLink>{' '}
                    <Text span size="xs" c="dimmed">
                      {formatDate(n.serviceDate)}
                    </Text>
                  </Table.Td>
                  <Table.Td>{n.patient.name}</Table.Td>
                  <Table.Td>{n.author.displayName}</Table.Td>
                  <Table.Td>{formatInstant(n.signedAt, timeZone)}</Table.Td>
                </Table.Tr>
              ))}
              {plans.map((p) => (
                <Table.Tr key={p.versionId}>
                  <Table.Td>
                    <TextLink to={`/patients/${p.patient.id}/treatment-plan`} size="sm">
                      {p.kind === 'review' ? 'Treatment plan review' : 'Treatment plan'} (version {p.number})
                    </TextLink>
                  </Table.Td>
                  <Table.Td>{p.patient.name}</Table.Td>
                  <Table.Td>{p.author.displayName}</Table.Td>
                  <Table.Td>{formatInstant(p.signedAt, timeZone)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Section>
      <Section title="Overdue by clinician">
        {supervision.overdueByClinician.length === 0 ? (
          <Text size="sm" c="dimmed">
            No late notes or overdue plans.
          </Text>
        ) : (
          <Table striped verticalSpacing={4}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Clinician</Table.Th>
                <Table.Th>Late notes</Table.Th>
                <Table.Th>Overdue plans</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {supervision.overdueByClinician.map((r) => (
                <Table.Tr key={r.clinician.id}>
                  <Table.Td>{r.clinician.displayName}</Table.Td>
                  <Table.Td>{r.lateNotes}</Table.Td>
                  <Table.Td>{r.overduePlans}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Section>
    </Stack>
  );
};
