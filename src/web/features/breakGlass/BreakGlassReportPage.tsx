import { Stack, Table, Text } from '@mantine/core';
import { AsyncState } from '../../components/AsyncState.js';
import { PageTitle } from '../../components/PageTitle.js';
import { TextLink } from '../../components/TextLink.js';
import { formatInstant } from '../../lib/dates.js';
import { useResource } from '../../lib/useResource.js';
import { useApi } from '../../session/SessionProvider.js';
import { useSites } from '../../session/SitesProvider.js';

/** Recent break-the-glass grants, for supervisors to review. */
export const BreakGlassReportPage = () => {
  const api = useApi();
  const { staffTimeZone } = useSites();
  const grants = useResource((signal) => api.breakGlass.list(signal), [api]);

  return (
    <Stack gap="md">
      <PageTitle>Break-glass report</PageTitle>
      <Text size="sm" c="dimmed">
        Every emergency access to a chart outside the user's caseload, newest first, with the reason given.
      </Text>
      <AsyncState
        state={grants.state}
        what="break-glass grants"
        onRetry={grants.reload}
        empty="No break-the-glass access in this period."
      >
        {(list) => (
          <Table.ScrollContainer minWidth={760}>
            <Table aria-label="Break-glass grants">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">Granted</Table.Th>
                  <Table.Th scope="col">Staff member</Table.Th>
                  <Table.Th scope="col">Patient</Table.Th>
                  <Table.Th scope="col">Reason</Table.Th>
                  <Table.Th scope="col">Expires</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {[...list]
                  .sort((a, b) => b.grantedAt.localeCompare(a.grantedAt))
                  .map((g) => (
                    <Table.Tr key={g.id}>
                      <Table.Td>{formatInstant(g.grantedAt, staffTimeZone)}</Table.Td>
                      <Table.Td>{g.user.displayName}</Table.Td>
                      <Table.Td>
                        <TextLink to={`/patients/${g.patientId}`} size="sm">
                          {g.patientName}
                        </TextLink>
                      </Table.Td>
                      <Table.Td style={{ whiteSpace: 'pre-wrap' }}>{g.reason}</Table.Td>
                      <Table.Td>{formatInstant(g.expiresAt, staffTimeZone)}</Table.Td>
                    </Table.Tr>
                  ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </AsyncState>
    </Stack>
  );
};
