import { Badge, Group, Stack, Table, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import type { OverrideReport } from '../../../core/api/placement.js';
import { AsyncState } from '../../components/AsyncState.js';
import { PageTitle } from '../../components/PageTitle.js';
import { TextLink } from '../../components/TextLink.js';
import { browserTimeZone, formatInstant } from '../../lib/dates.js';
import { useResource } from '../../lib/useResource.js';
import { useApi } from '../../session/SessionProvider.js';

const isDate = (value: string) => /^\d{4}-\d{2}-\d{2}$/.test(value);

const Rate = ({ report }: { report: OverrideReport }) => (
  <Text size="sm">
    {report.total} override{report.total === 1 ? '' : 's'} of {report.signedTotal} signed assessment
    {report.signedTotal === 1 ? '' : 's'}
    {report.signedTotal > 0 ? ` (${Math.round((report.total / report.signedTotal) * 100)}%)` : ''}
    {report.items.length < report.total ? `; the newest ${report.items.length} are listed` : ''}.
  </Text>
);

/**
 * Placement decisions that overrode the recommendation, with their reasons (SPEC §3: overrides are
 * reported). Program directors see their sites, clinical supervisors their own and supervisees'.
 */
export const OverridesReportPage = () => {
  const api = useApi();
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const query = { ...(isDate(from) ? { from } : {}), ...(isDate(to) ? { to } : {}), limit: 200 };
  const report = useResource((signal) => api.placement.overrides(query, signal), [api, query.from, query.to]);
  const timeZone = browserTimeZone();

  return (
    <Stack gap="md">
      <PageTitle>Placement overrides</PageTitle>
      <Text size="sm" c="dimmed">
        Signed placement decisions that chose another level than the recommendation, with the reason given.
      </Text>
      <Group align="flex-end">
        <TextInput
          type="date"
          label="Signed from"
          value={from}
          onChange={(e) => setFrom(e.currentTarget.value)}
        />
        <TextInput
          type="date"
          label="Signed through"
          value={to}
          onChange={(e) => setTo(e.currentTarget.value)}
        />
      </Group>
      <AsyncState
        state={report.state}
        what="placement overrides"
        onRetry={report.reload}
        isEmpty={(r) => r.items.length === 0}
        empty="No overridden placement decisions in this period."
      >
        {(r) => (
          <Stack gap="sm">
            <Rate report={r} />
            <Table.ScrollContainer minWidth={900}>
              <Table aria-label="Overridden placement decisions" striped>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">Signed</Table.Th>
                    <Table.Th scope="col">Person</Table.Th>
                    <Table.Th scope="col">Recommended</Table.Th>
                    <Table.Th scope="col">Decided</Table.Th>
                    <Table.Th scope="col">Reason</Table.Th>
                    <Table.Th scope="col">Signed by</Table.Th>
                    <Table.Th scope="col">Rule table</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {r.items.map((row) => (
                    <Table.Tr key={row.assessmentId}>
                      <Table.Td>{formatInstant(row.signedAt, timeZone)}</Table.Td>
                      <Table.Td>
                        {row.subject.patientId ? (
                          <TextLink to={`/patients/${row.subject.patientId}/placement`}>{row.name}</TextLink>
                        ) : row.subject.inquiryId ? (
                          <TextLink to={`/intake/inquiries/${row.subject.inquiryId}`}>{row.name}</TextLink>
                        ) : (
                          row.name
                        )}
                        <Text size="xs" c="dimmed">
                          {row.kind === 'continuing_care' ? 'Continuing care' : 'Initial'}
                        </Text>
                      </Table.Td>
                      <Table.Td>{row.recommendedLevel}</Table.Td>
                      <Table.Td>
                        <Badge color="warning" variant="light">
                          {row.finalLevel}
                        </Badge>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">{row.overrideReason}</Text>
                      </Table.Td>
                      <Table.Td>{row.signedBy.displayName}</Table.Td>
                      <Table.Td>{row.tableVersion}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </Stack>
        )}
      </AsyncState>
    </Stack>
  );
};
