import { Badge, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import type { Today, TodaySession } from '../../../core/api/home.js';
import { SeverityBadge } from '../../components/Badges.js';
import { TextLink } from '../../components/TextLink.js';
import { formatDate, formatInstant } from '../../lib/dates.js';

export const Section = ({
  title,
  count,
  action,
  children,
}: {
  title: string;
  count?: ReactNode;
  action?: ReactNode;
  children: ReactNode;
}) => (
  <Paper withBorder p="sm" component="section" aria-label={title}>
    <Group justify="space-between" mb="xs">
      <Group gap="xs">
        <Title order={2} size="h4">
          {title}
        </Title>
        {count}
      </Group>
      {action}
    </Group>
    {children}
  </Paper>
);

const Empty = ({ children }: { children: ReactNode }) => (
  <Text size="sm" c="dimmed">
    {children}
  </Text>
);

const ROLL_CALL: Record<TodaySession['rollCall'], { label: string; color: string }> = {
  not_taken: { label: 'Roll call not taken', color: 'warning' },
  held: { label: 'Held', color: 'success' },
  cancelled: { label: 'Cancelled', color: 'gray' },
};

const rollCallLink = (s: TodaySession) => `/sessions/${encodeURIComponent(s.occurrenceKey)}/roll-call`;

const SessionNote = ({ session }: { session: TodaySession }) => {
  const { note } = session;
  if (session.rollCall === 'cancelled') return <Text size="sm">—</Text>;
  if (note.kind === 'group_note') {
    if (note.id)
      return (
        <TextLink to={`/group-notes/${note.id}`} size="sm">
          Group note ({note.status === 'signed' ? 'signed' : 'draft'})
        </TextLink>
      );
    return session.rollCall === 'held' ? (
      <TextLink to={rollCallLink(session)} size="sm">
        Write the group note
      </TextLink>
    ) : (
      <Text size="sm" c="dimmed">
        After roll call
      </Text>
    );
  }
  if (note.id)
    return (
      <TextLink to={`/notes/${note.id}`} size="sm">
        Note ({note.status === 'signed' ? 'signed' : 'draft'})
      </TextLink>
    );
  return (
    <Text size="sm" c="dimmed">
      No note yet
    </Text>
  );
};

export const SessionsSection = ({ sessions }: { sessions: Today['sessions'] }) => (
  <Section title="My sessions today" count={<Badge variant="light">{sessions.length}</Badge>}>
    {sessions.length === 0 ? (
      <Empty>You lead no sessions today.</Empty>
    ) : (
      <Table striped withTableBorder={false} verticalSpacing={4}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Time</Table.Th>
            <Table.Th>Session</Table.Th>
            <Table.Th>Booked</Table.Th>
            <Table.Th>Roll call</Table.Th>
            <Table.Th>Note</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {sessions.map((s) => (
            <Table.Tr key={s.occurrenceKey}>
              <Table.Td>{s.localStartTime}</Table.Td>
              <Table.Td>
                {s.title}
                {s.room ? (
                  <Text span size="xs" c="dimmed">
                    {' '}
                    · {s.room}
                  </Text>
                ) : null}
              </Table.Td>
              <Table.Td>{s.bookedCount}</Table.Td>
              <Table.Td>
                {s.rollCall === 'cancelled' ? (
                  <Badge variant="light" color={ROLL_CALL.cancelled.color}>
                    {ROLL_CALL.cancelled.label}
                  </Badge>
                ) : (
                  <TextLink to={rollCallLink(s)} size="sm">
                    {s.rollCall === 'held' ? 'Roll call held' : 'Take roll call'}
                  </TextLink>
                )}
              </Table.Td>
              <Table.Td>
                <SessionNote session={s} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    )}
  </Section>
);

export const NotesSection = ({ notes, timeZone }: { notes: Today['notes']; timeZone: string }) => (
  <Section
    title="Notes due"
    count={
      <Group gap={4}>
        <Badge variant="light">{notes.dueCount}</Badge>
        {notes.lateCount > 0 && (
          <Badge color="red" variant="filled">
            {notes.lateCount} late
          </Badge>
        )}
      </Group>
    }
  >
    {notes.items.length === 0 ? (
      <Empty>No unsigned notes.</Empty>
    ) : (
      <Stack gap={4} component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
        {notes.items.map((n) => (
          <li key={n.id}>
            <Group gap="xs" wrap="nowrap">
              {n.late && (
                <Badge color="red" size="sm">
                  Late
                </Badge>
              )}
              <TextLink to={n.kind === 'group_note' ? `/group-notes/${n.id}` : `/notes/${n.id}`} size="sm">
                {n.title}
              </TextLink>
              <Text size="xs" c="dimmed">
                {n.patient ? n.patient.name : `${n.attendeeCount ?? 0} attendees`} ·{' '}
                {formatDate(n.serviceDate)}
                {n.dueAt ? ` · due ${formatInstant(n.dueAt, timeZone)}` : ''}
              </Text>
            </Group>
          </li>
        ))}
      </Stack>
    )}
  </Section>
);

export const PlansSection = ({ plans }: { plans: Today['plans'] }) => (
  <Section
    title="Plans due"
    count={
      <Group gap={4}>
        <Badge variant="light">{plans.dueCount + plans.overdueCount}</Badge>
        {plans.overdueCount > 0 && (
          <Badge color="red" variant="filled">
            {plans.overdueCount} overdue
          </Badge>
        )}
      </Group>
    }
  >
    {plans.items.length === 0 ? (
      <Empty>No treatment plans due on your caseload.</Empty>
    ) : (
      <Stack gap={4} component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
        {plans.items.map((p) => (
          <li key={p.patientId}>
            <Group gap="xs" wrap="nowrap">
              <Badge color={p.status === 'overdue' ? 'red' : 'warning'} size="sm">
                {p.status === 'overdue' ? 'Overdue' : 'Due'}
              </Badge>
              <TextLink to={`/patients/${p.patientId}/treatment-plan`} size="sm">
                {p.patientName}
              </TextLink>
              <Text size="xs" c="dimmed">
                {p.reason} · {formatDate(p.dueOn)}
                {p.draftInProgress ? ' · draft started' : ''}
              </Text>
            </Group>
          </li>
        ))}
      </Stack>
    )}
  </Section>
);

export const AlertsSection = ({ alerts, timeZone }: { alerts: Today['alerts']; timeZone: string }) => (
  <Section
    title="Open alerts"
    count={<Badge variant="light">{alerts.count}</Badge>}
    action={
      <TextLink to="/inbox" size="sm">
        Inbox
      </TextLink>
    }
  >
    {alerts.items.length === 0 ? (
      <Empty>No open alerts.</Empty>
    ) : (
      <Stack gap={4} component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
        {alerts.items.map((a) => (
          <li key={a.id}>
            <Group gap="xs" wrap="nowrap">
              <SeverityBadge severity={a.severity} />
              <TextLink to={a.patient ? `/patients/${a.patient.id}/alerts` : '/inbox'} size="sm">
                {a.title}
              </TextLink>
              <Text size="xs" c="dimmed">
                {a.patient ? `${a.patient.name} · ` : ''}
                {formatInstant(a.raisedAt, timeZone)}
                {a.acknowledged ? ' · acknowledged' : ''}
              </Text>
            </Group>
          </li>
        ))}
      </Stack>
    )}
  </Section>
);

export const TasksSection = ({ tasks, timeZone }: { tasks: Today['tasks']; timeZone: string }) => (
  <Section
    title="Open tasks"
    count={
      <Group gap={4}>
        <Badge variant="light">{tasks.count}</Badge>
        {tasks.overdueCount > 0 && (
          <Badge color="red" variant="filled">
            {tasks.overdueCount} overdue
          </Badge>
        )}
      </Group>
    }
    action={
      <TextLink to="/worklist" size="sm">
        Worklist
      </TextLink>
    }
  >
    {tasks.items.length === 0 ? (
      <Empty>No open tasks.</Empty>
    ) : (
      <Stack gap={4} component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
        {tasks.items.map((t) => (
          <li key={t.id}>
            <Group gap="xs" wrap="nowrap">
              {t.overdue && (
                <Badge color="red" size="sm">
                  Overdue
                </Badge>
              )}
              <TextLink to={t.patient ? `/patients/${t.patient.id}` : '/worklist'} size="sm">
                {t.title}
              </TextLink>
              <Text size="xs" c="dimmed">
                {t.patient ? `${t.patient.name} · ` : ''}due {formatInstant(t.dueAt, timeZone)}
              </Text>
            </Group>
          </li>
        ))}
      </Stack>
    )}
  </Section>
);
