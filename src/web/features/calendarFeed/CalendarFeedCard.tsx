import {
  Alert,
  Badge,
  Button,
  CopyButton,
  Group,
  Paper,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { useEffect, useId, useRef, useState } from 'react';
import type { CalendarFeed, CreatedCalendarFeed } from '../../../core/api/calendarFeeds.js';
import { AsyncState } from '../../components/AsyncState.js';
import { ConfirmButton } from '../../components/ConfirmButton.js';
import { ProblemAlert } from '../../components/ProblemAlert.js';
import { formatInstant } from '../../lib/dates.js';
import { useResource } from '../../lib/useResource.js';
import { useSubmit } from '../../lib/useSubmit.js';
import { useApi } from '../../session/SessionProvider.js';
import { useSites } from '../../session/SitesProvider.js';

/** Whose feeds the card manages: one patient's (created on their request) or the signed-in user's own. */
export type FeedScope = { kind: 'patient'; patientId: string; canCreate: boolean } | { kind: 'me' };

const EXPLANATION: Record<FeedScope['kind'], string> = {
  patient:
    'A private address the patient adds to their phone or calendar app, for sessions from two weeks ago to eight weeks ahead. Events say only “Appointment” and whether it is in person or by video — the session, clinic and room are named only if the patient lets us name the clinic. Create one only when the patient asks for it.',
  me: 'A private address for your calendar app with the sessions you lead, from two weeks ago to eight weeks ahead: the kind of session and the room, never a patient’s name.',
};

const statusOf = (feed: CalendarFeed): { label: string; color: string } =>
  feed.revokedAt !== null
    ? { label: 'Revoked', color: 'gray' }
    : feed.serving
      ? { label: 'Active', color: 'success' }
      : { label: 'Stopped', color: 'warning' };

const NewFeedAddress = ({ feed, onDone }: { feed: CreatedCalendarFeed; onDone: () => void }) => {
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    input.current?.focus();
    input.current?.select();
  }, [feed.id]);
  return (
    <Alert color="warning" variant="light" title="Copy this address now" role="status">
      <Stack gap="xs">
        <Text size="sm">
          It will not be shown again. Anyone with the address can see these sessions: share it only with the
          person it is for, and revoke it if it is lost.
        </Text>
        <Group gap="xs" align="flex-end" wrap="nowrap">
          <TextInput
            ref={input}
            label="Feed address"
            value={feed.url}
            readOnly
            style={{ flex: 1 }}
            data-testid="calendar-feed-url"
          />
          <CopyButton value={feed.url}>
            {({ copied, copy }) => (
              <Button variant="default" onClick={copy}>
                {copied ? 'Copied' : 'Copy address'}
              </Button>
            )}
          </CopyButton>
        </Group>
        <Group>
          <Button size="compact-sm" onClick={onDone}>
            Done
          </Button>
        </Group>
      </Stack>
    </Alert>
  );
};

/** The "Calendar feed" card: what a feed shows, creating one (its address shown once), and revoking. */
export const CalendarFeedCard = ({ scope }: { scope: FeedScope }) => {
  const api = useApi();
  const { staffTimeZone } = useSites();
  const headingId = useId();
  const patientId = scope.kind === 'patient' ? scope.patientId : null;
  const feeds = useResource(
    (signal) =>
      patientId !== null ? api.calendarFeeds.ofPatient(patientId, signal) : api.calendarFeeds.mine(signal),
    [api, patientId],
  );
  const [created, setCreated] = useState<CreatedCalendarFeed | null>(null);
  const create = useSubmit(() =>
    patientId !== null ? api.calendarFeeds.createForPatient(patientId) : api.calendarFeeds.createMine(),
  );
  const revoke = useSubmit((id: string) => api.calendarFeeds.revoke(id));
  const canCreate = scope.kind === 'me' || scope.canCreate;

  const onCreate = async () => {
    const result = await create.run();
    if (result.ok) {
      setCreated(result.value);
      feeds.reload();
    }
  };
  const onRevoke = async (id: string) => {
    const result = await revoke.run(id);
    if (result.ok) {
      if (created?.id === id) setCreated(null);
      feeds.reload();
    }
  };

  return (
    <Paper withBorder p="md" component="section" aria-labelledby={headingId}>
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start">
          <Title order={2} size="h4" id={headingId}>
            Calendar feed
          </Title>
          {canCreate && (
            <Button onClick={() => void onCreate()} loading={create.pending}>
              Create feed
            </Button>
          )}
        </Group>
        <Text size="sm">{EXPLANATION[scope.kind]}</Text>
        <ProblemAlert problem={create.problem} />
        {created && <NewFeedAddress feed={created} onDone={() => setCreated(null)} />}
        <ProblemAlert problem={revoke.problem} />
        <AsyncState
          state={feeds.state}
          what="calendar feeds"
          onRetry={feeds.reload}
          empty={
            scope.kind === 'patient' ? 'This patient has no calendar feed.' : 'You have no calendar feed.'
          }
        >
          {(list) => (
            <Table.ScrollContainer minWidth={520}>
              <Table aria-label="Calendar feeds" verticalSpacing={6}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">Created</Table.Th>
                    <Table.Th scope="col">By</Table.Th>
                    <Table.Th scope="col">Status</Table.Th>
                    <Table.Th scope="col">
                      <VisuallyHidden>Actions</VisuallyHidden>
                    </Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {list.map((feed) => {
                    const status = statusOf(feed);
                    const created = formatInstant(feed.createdAt, staffTimeZone);
                    return (
                      <Table.Tr key={feed.id}>
                        <Table.Td>{created}</Table.Td>
                        <Table.Td>{feed.createdBy.displayName}</Table.Td>
                        <Table.Td>
                          <Badge color={status.color} variant="light">
                            {status.label}
                          </Badge>
                          {feed.revokedAt !== null && (
                            <Text span size="xs" c="dimmed" ml="xs">
                              {formatInstant(feed.revokedAt, staffTimeZone)}
                            </Text>
                          )}
                        </Table.Td>
                        <Table.Td>
                          {feed.revokedAt === null && (
                            <ConfirmButton
                              size="compact-sm"
                              variant="default"
                              title="Revoke this calendar feed?"
                              message="Calendar apps using this address stop receiving sessions. To share the schedule again, create a new feed."
                              confirmLabel="Revoke feed"
                              aria-label={`Revoke the feed created ${created}`}
                              onConfirm={() => onRevoke(feed.id)}
                            >
                              Revoke
                            </ConfirmButton>
                          )}
                        </Table.Td>
                      </Table.Tr>
                    );
                  })}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
        </AsyncState>
      </Stack>
    </Paper>
  );
};
