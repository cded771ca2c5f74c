import { Stack, Table, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { Patient } from '../../../core/api/patients.js';
import { AsyncState } from '../../components/AsyncState.js';
import { BreakGlassBadge } from '../../components/Badges.js';
import { Pager } from '../../components/Pager.js';
import { formatInstant } from '../../lib/dates.js';
import { humanize } from '../../lib/format.js';
import { useResource } from '../../lib/useResource.js';
import { useApi } from '../../session/SessionProvider.js';

const PAGE_SIZE = 50;

/** "Who looked at this patient" (SPEC §10), newest first. */
export const AuditTab = ({ patient, onForbidden }: { patient: Patient; onForbidden: () => void }) => {
  const api = useApi();
  const [offset, setOffset] = useState(0);
  const events = useResource(
    (signal) => api.patients.audit(patient.id, { limit: PAGE_SIZE, offset }, signal),
    [api, patient.id, offset],
  );
  const forbidden = events.state.status === 'error' && events.state.problem.status === 403;

  useEffect(() => {
    if (forbidden) onForbidden();
  }, [forbidden, onForbidden]);

  return (
    <AsyncState
      state={events.state}
      what="access history"
      onRetry={events.reload}
      isEmpty={(page) => page.items.length === 0}
      empty="No access has been recorded yet."
    >
      {(page) => (
        <Stack gap="xs">
          <Text size="sm" c="dimmed">
            Every view and change of this record, with who made it. Times are in the site's time zone.
          </Text>
          <Table.ScrollContainer minWidth={720}>
            <Table aria-label="Access history">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">Time</Table.Th>
                  <Table.Th scope="col">Who</Table.Th>
                  <Table.Th scope="col">Role</Table.Th>
                  <Table.Th scope="col">Action</Table.Th>
                  <Table.Th scope="col">Record</Table.Th>
                  <Table.Th scope="col">From</Table.Th>
                  <Table.Th scope="col">Access</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {page.items.map((event) => (
                  <Table.Tr key={event.id}>
                    <Table.Td>{formatInstant(event.at, patient.siteTimeZone)}</Table.Td>
                    <Table.Td>{event.actor?.displayName ?? 'System'}</Table.Td>
                    <Table.Td>{humanize(event.actor?.role)}</Table.Td>
                    <Table.Td>{event.action}</Table.Td>
                    <Table.Td>{humanize(event.recordType)}</Table.Td>
                    <Table.Td ff="monospace">{event.ip ?? '—'}</Table.Td>
                    <Table.Td>{event.breakGlass ? <BreakGlassBadge /> : 'Regular'}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          <Pager total={page.total} offset={offset} limit={PAGE_SIZE} onChange={setOffset} noun="events" />
        </Stack>
      )}
    </AsyncState>
  );
};
