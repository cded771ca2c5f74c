import { Badge, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useId } from 'react';
import type { ReminderDelivery } from '../../../core/api/reminders.js';
import type { SkipReason } from '../../../core/reminders/channels.js';
import { AsyncState } from '../../components/AsyncState.js';
import { formatInstant } from '../../lib/dates.js';
import { useResource } from '../../lib/useResource.js';
import { useApi } from '../../session/SessionProvider.js';

const STATUS: Record<ReminderDelivery['status'], { label: string; color: string }> = {
  queued: { label: 'Queued', color: 'blue' },
  sent: { label: 'Sent', color: 'success' },
  skipped: { label: 'Not sent', color: 'gray' },
  failed: { label: 'Failed', color: 'red' },
};

/** Why a reminder was not sent, in the clinic's words (core/reminders/channels.ts). */
const SKIPPED_BECAUSE: Record<SkipReason, string> = {
  no_email: 'No email address on file',
  no_phone: 'No phone number on file',
  sms_not_opted_in: 'Not opted in to text reminders',
  sms_opted_out: 'Opted out by texting STOP',
  texts_not_allowed: 'Texts not allowed by contact preferences',
  session_cancelled: 'The session was cancelled',
};

const reasonText = (reason: string | null): string =>
  reason === null ? '—' : ((SKIPPED_BECAUSE as Record<string, string | undefined>)[reason] ?? reason);

/**
 * The patient's appointment reminders (SPEC §5), newest session first: which went out by email or
 * text, which were not sent and why (contact preferences, STOP, a cancelled session), which failed.
 * Reading them is audited by the server.
 */
export const RemindersCard = ({ patientId, timeZone }: { patientId: string; timeZone: string }) => {
  const api = useApi();
  const headingId = useId();
  const reminders = useResource((signal) => api.reminders.ofPatient(patientId, signal), [api, patientId]);
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={headingId}>
      <Stack gap="sm">
        <Title order={2} size="h4" id={headingId}>
          Reminders
        </Title>
        <Text size="sm">
          Appointment reminders for the patient’s sessions, by email and text, as their contact preferences
          allow.
        </Text>
        <AsyncState
          state={reminders.state}
          what="reminders"
          onRetry={reminders.reload}
          isEmpty={(data) => data.items.length === 0}
          empty="No reminders yet. Each booked session gets its reminders when it is a day away (or as the lead time is set)."
        >
          {(data) => (
            <Table.ScrollContainer minWidth={620}>
              <Table aria-label="Reminders" verticalSpacing={6}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">Session</Table.Th>
                    <Table.Th scope="col">Channel</Table.Th>
                    <Table.Th scope="col">Status</Table.Th>
                    <Table.Th scope="col">Why not sent</Table.Th>
                    <Table.Th scope="col">Sent</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {data.items.map((r) => (
                    <Table.Tr key={r.id}>
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>
                        {formatInstant(r.occurrenceStart, timeZone)}
                      </Table.Td>
                      <Table.Td>{r.channel === 'sms' ? 'Text' : 'Email'}</Table.Td>
                      <Table.Td>
                        <Badge variant="light" color={STATUS[r.status].color}>
                          {STATUS[r.status].label}
                        </Badge>
                        {r.attempts > 1 && (
                          <Text span size="xs" c="dimmed" ml="xs">
                            {r.attempts} tries
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td>{reasonText(r.reason)}</Table.Td>
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>
                        {r.sentAt ? formatInstant(r.sentAt, timeZone) : '—'}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
        </AsyncState>
      </Stack>
    </Paper>
  );
};
