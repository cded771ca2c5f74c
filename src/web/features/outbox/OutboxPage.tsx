import { Badge, Stack, Table, Text } from '@mantine/core';
import { AsyncState } from '../../components/AsyncState.js';
import { PageTitle } from '../../components/PageTitle.js';
import { formatInstant } from '../../lib/dates.js';
import { useResource } from '../../lib/useResource.js';
import { useApi } from '../../session/SessionProvider.js';
import { useSites } from '../../session/SitesProvider.js';

/**
 * Admin → Outbox: the reminders the development sender kept instead of sending (all SMS until a
 * gateway is configured; email too without SMTP_URL), newest first.
 */
export const OutboxPage = () => {
  const api = useApi();
  const { staffTimeZone } = useSites();
  const outbox = useResource((signal) => api.reminders.outbox(signal), [api]);

  return (
    <Stack gap="md">
      <PageTitle>Outbox</PageTitle>
      <Text size="sm" c="dimmed">
        Appointment reminders kept here instead of being sent, newest first. Email goes out by SMTP when
        SMTP_URL is set; text messages stay here until an SMS gateway is configured.
      </Text>
      <AsyncState
        state={outbox.state}
        what="the outbox"
        onRetry={outbox.reload}
        isEmpty={(page) => page.items.length === 0}
        empty="No messages yet. Reminders appear here when the reminder job runs."
      >
        {(page) => (
          <Table.ScrollContainer minWidth={760}>
            <Table aria-label="Outbox messages">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">Time</Table.Th>
                  <Table.Th scope="col">Channel</Table.Th>
                  <Table.Th scope="col">To</Table.Th>
                  <Table.Th scope="col">Subject</Table.Th>
                  <Table.Th scope="col">Message</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {page.items.map((m) => (
                  <Table.Tr key={m.id}>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      {formatInstant(m.createdAt, staffTimeZone)}
                    </Table.Td>
                    <Table.Td>
                      <Badge variant="light" color={m.channel === 'sms' ? 'teal' : 'blue'}>
                        {m.channel === 'sms' ? 'SMS' : 'Email'}
                      </Badge>
                    </Table.Td>
                    <Table.Td>{m.to}</Table.Td>
                    <Table.Td>{m.subject ?? '—'}</Table.Td>
                    <Table.Td style={{ whiteSpace: 'pre-wrap' }}>{m.body}</Table.Td>
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
