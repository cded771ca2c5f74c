import { Alert, Badge, Button, Group, Paper, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { useId, useState } from 'react';
import { roleMayManageSessions } from '../../../core/access/sessionPolicy.js';
import type { Closure, CreatedClosure } from '../../../core/api/schedule.js';
import { AsyncState } from '../../components/AsyncState.js';
import { ConfirmButton } from '../../components/ConfirmButton.js';
import { PageTitle } from '../../components/PageTitle.js';
import { ProblemAlert } from '../../components/ProblemAlert.js';
import { SitePicker } from '../../components/SitePicker.js';
import { formatDate, formatInstant, todayIn } from '../../lib/dates.js';
import { useResource } from '../../lib/useResource.js';
import { useSubmit } from '../../lib/useSubmit.js';
import { useApi, useMe } from '../../session/SessionProvider.js';
import { ClosureForm } from './ClosureForm.js';
import { useChosenSite } from './useChosenSite.js';

/** The days or times a closure covers, as staff read them. */
export const closureSpan = (c: Closure, timeZone: string): string => {
  if (c.fromDate !== null && c.toDate !== null)
    return c.fromDate === c.toDate
      ? formatDate(c.fromDate)
      : `${formatDate(c.fromDate)} – ${formatDate(c.toDate)}`;
  return `${formatInstant(c.startsAt, timeZone)} – ${formatInstant(c.endsAt, timeZone)}`;
};

/** The site-local date a closure ends on (its last day, or the day its span ends). */
const lastDay = (c: Closure, timeZone: string): string =>
  c.toDate ?? (c.endsAt !== null ? todayIn(timeZone, new Date(c.endsAt)) : '');

const createdSummary = (created: CreatedClosure, timeZone: string): string => {
  const sessions = created.cancelled.length;
  const patients = new Set(created.patientNotices.map((n) => n.patientId)).size;
  const what =
    sessions === 0
      ? 'no sessions were scheduled then'
      : `${sessions} ${sessions === 1 ? 'session' : 'sessions'} cancelled, ${patients} ${patients === 1 ? 'patient' : 'patients'} to be told`;
  return `Closed ${closureSpan(created.closure, timeZone)} (${created.closure.reason}): ${what}.`;
};

interface ClosureTableProps {
  caption: string;
  closures: Closure[];
  timeZone: string;
  /** Withdrawing is offered when given (managers, closures not yet over). */
  onWithdraw?: ((closure: Closure) => Promise<void>) | undefined;
}

const ClosureTable = ({ caption, closures, timeZone, onWithdraw }: ClosureTableProps) => (
  <Table.ScrollContainer minWidth={560}>
    <Table aria-label={caption} verticalSpacing={6}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">When</Table.Th>
          <Table.Th scope="col">Reason</Table.Th>
          <Table.Th scope="col">Status</Table.Th>
          {onWithdraw && (
            <Table.Th scope="col">
              <VisuallyHidden>Actions</VisuallyHidden>
            </Table.Th>
          )}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {closures.map((c) => {
          const when = closureSpan(c, timeZone);
          return (
            <Table.Tr key={c.id}>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{when}</Table.Td>
              <Table.Td>{c.reason}</Table.Td>
              <Table.Td>
                <Badge variant="light" color={c.withdrawn ? 'gray' : 'warning'}>
                  {c.withdrawn ? 'Withdrawn' : 'Closed'}
                </Badge>
              </Table.Td>
              {onWithdraw && (
                <Table.Td>
                  {!c.withdrawn && (
                    <ConfirmButton
                      size="compact-sm"
                      variant="default"
                      title={`Withdraw the closure on ${when}?`}
                      message="Its sessions go back on the calendar with their patients booked. Patients already told of the cancellation are not told again: let them know the sessions are on."
                      confirmLabel="Withdraw closure"
                      aria-label={`Withdraw the closure on ${when}`}
                      onConfirm={() => onWithdraw(c)}
                    >
                      Withdraw
                    </ConfirmButton>
                  )}
                </Table.Td>
              )}
            </Table.Tr>
          );
        })}
      </Table.Tbody>
    </Table>
  </Table.ScrollContainer>
);

/**
 * `/schedule/closures`: the days a site is closed (SPEC §5: a closure cancels the sessions it covers
 * and tells those booked). Upcoming and past closures, withdrawn ones included; the schedule's
 * managers add a closure, seeing first what it cancels, and withdraw one to restore its sessions.
 */
export const ClosuresPage = () => {
  const api = useApi();
  const me = useMe();
  const { sites, siteId, timeZone, choose } = useChosenSite();
  const mayManage = roleMayManageSessions(me.role);
  const today = todayIn(timeZone);
  const upcomingId = useId();
  const pastId = useId();
  const [adding, setAdding] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const closures = useResource(
    (signal) =>
      siteId
        ? api.schedule.closures.list({ siteId, includeWithdrawn: true }, signal)
        : new Promise<never>(() => undefined),
    [api, siteId],
  );
  const withdraw = useSubmit((id: string) => api.schedule.closures.withdraw(id));

  const onWithdraw = async (closure: Closure) => {
    setNotice(null);
    const result = await withdraw.run(closure.id);
    if (result.ok)
      setNotice(`Withdrawn: the sessions on ${closureSpan(closure, timeZone)} are back on the calendar.`);
    closures.reload();
  };

  return (
    <Stack gap="md">
      <Group justify="space-between">
        <PageTitle>Closures</PageTitle>
        {mayManage && siteId && (
          <Button
            onClick={() => {
              setNotice(null);
              setAdding(true);
            }}
            disabled={adding}
          >
            New closure
          </Button>
        )}
      </Group>
      <Text size="sm" c="dimmed">
        Days the site is closed: holidays, snow days, training. A closure cancels every session it covers;
        withdrawing it puts them back.
      </Text>
      <SitePicker
        sites={sites}
        value={siteId}
        onChange={(id) => {
          setAdding(false);
          setNotice(null);
          choose(id);
        }}
      />
      {sites !== null && sites.length === 0 && (
        <Text role="status">You do not work at any site, so there are no closures to show.</Text>
      )}
      {notice && (
        <Alert
          color="green"
          variant="light"
          role="status"
          withCloseButton
          onClose={() => setNotice(null)}
          closeButtonLabel="Dismiss"
        >
          {notice}
        </Alert>
      )}
      {adding && (
        <Paper withBorder p="md">
          <ClosureForm
            key={siteId}
            siteId={siteId}
            today={today}
            onCreated={(created) => {
              setAdding(false);
              setNotice(createdSummary(created, timeZone));
              closures.reload();
            }}
            onCancel={() => setAdding(false)}
          />
        </Paper>
      )}
      <ProblemAlert problem={withdraw.problem} />
      <AsyncState state={closures.state} what="closures" onRetry={closures.reload}>
        {(list) => {
          const byStart = (a: Closure, b: Closure) =>
            (a.fromDate ?? a.startsAt ?? '').localeCompare(b.fromDate ?? b.startsAt ?? '');
          const upcoming = list.filter((c) => lastDay(c, timeZone) >= today).sort(byStart);
          const past = list.filter((c) => lastDay(c, timeZone) < today).sort((a, b) => byStart(b, a));
          return (
            <Stack gap="lg">
              <section aria-labelledby={upcomingId}>
                <Title order={2} size="h4" id={upcomingId} mb="xs">
                  Upcoming
                </Title>
                {upcoming.length === 0 ? (
                  <Text c="dimmed" size="sm" role="status">
                    No closures ahead.
                  </Text>
                ) : (
                  <ClosureTable
                    caption="Upcoming closures"
                    closures={upcoming}
                    timeZone={timeZone}
                    onWithdraw={mayManage ? onWithdraw : undefined}
                  />
                )}
              </section>
              <section aria-labelledby={pastId}>
                <Title order={2} size="h4" id={pastId} mb="xs">
                  Past
                </Title>
                {past.length === 0 ? (
                  <Text c="dimmed" size="sm" role="status">
                    No past closures.
                  </Text>
                ) : (
                  <ClosureTable caption="Past closures" closures={past} timeZone={timeZone} />
                )}
              </section>
            </Stack>
          );
        }}
      </AsyncState>
    </Stack>
  );
};
