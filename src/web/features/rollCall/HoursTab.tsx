import { Badge, Box, Stack, Table, Text, Title } from '@mantine/core';
import type { WeekOfHours, WeeklyHours } from '../../../core/api/attendance.js';
import type { Patient } from '../../../core/api/patients.js';
import { AsyncState } from '../../components/AsyncState.js';
import { formatDate } from '../../lib/dates.js';
import { useResource } from '../../lib/useResource.js';
import { useApi } from '../../session/SessionProvider.js';

const WEEKS = 8;

const hours = (minutes: number): string => {
  const h = Math.round((minutes / 60) * 10) / 10;
  return `${h.toFixed(h % 1 === 0 ? 0 : 1)} h`;
};

const STATUS: Record<NonNullable<WeekOfHours['status']>, { label: string; color: string }> = {
  below: { label: 'Below minimum', color: 'red' },
  within: { label: 'Within range', color: 'green' },
  above: { label: 'Above range', color: 'blue' },
};

const statusText = (w: WeekOfHours, current: boolean): string => {
  if (w.minimumMinutes === null) return 'Not in a program';
  if (w.tapering) return 'Step-down taper';
  if (!w.status) return current ? 'This week so far' : '—';
  return `${STATUS[w.status].label}${current || !w.complete ? ' so far' : ''}`;
};

/** A bar per week: hours attended, with the level's minimum marked. The table row says the same in words. */
const Bar = ({ week, scaleMinutes }: { week: WeekOfHours; scaleMinutes: number }) => {
  const pct = (m: number) => `${Math.min(100, (m / scaleMinutes) * 100)}%`;
  const color = week.status === 'below' ? 'red' : week.status === 'above' ? 'blue' : 'green';
  return (
    <Box aria-hidden pos="relative" h={14} w="100%" miw={120} bg="gray.1" style={{ borderRadius: 3 }}>
      <Box
        h="100%"
        w={pct(week.minutes)}
        bg={week.status ? `${color}.6` : 'gray.5'}
        style={{ borderRadius: 3 }}
      />
      {week.minimumMinutes !== null && (
        <Box pos="absolute" top={-3} h={20} w={2} bg="dark.6" style={{ left: pct(week.minimumMinutes) }} />
      )}
    </Box>
  );
};

const HoursTable = ({ data }: { data: WeeklyHours }) => {
  const last = data.weeks.length - 1;
  const scaleMinutes = Math.max(
    60,
    ...data.weeks.map((w) => Math.max(w.minutes, w.maximumMinutes ?? 0, (w.minimumMinutes ?? 0) * 1.25)),
  );
  const newestFirst = data.weeks.map((w, i) => ({ w, current: i === last })).reverse();
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table aria-label="Weekly hours attended" verticalSpacing={6}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Week of</Table.Th>
            <Table.Th scope="col">Attended</Table.Th>
            <Table.Th scope="col">Level's range</Table.Th>
            <Table.Th scope="col">Status</Table.Th>
            <Table.Th scope="col" w="35%">
              <span aria-hidden>Chart</span>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {newestFirst.map(({ w, current }) => (
            <Table.Tr key={w.weekStart}>
              <Table.Td>
                {formatDate(w.weekStart)}
                {current ? ' (this week)' : ''}
              </Table.Td>
              <Table.Td>{hours(w.minutes)}</Table.Td>
              <Table.Td>
                {w.minimumMinutes === null
                  ? '—'
                  : `${hours(w.minimumMinutes)}${w.maximumMinutes === null ? '+' : `–${hours(w.maximumMinutes)}`}${w.levelOfCare ? ` (${w.levelOfCare})` : ''}`}
              </Table.Td>
              <Table.Td>
                {w.status && !w.tapering ? (
                  <Badge color={STATUS[w.status].color} variant="light">
                    {statusText(w, current)}
                  </Badge>
                ) : (
                  statusText(w, current)
                )}
              </Table.Td>
              <Table.Td>
                <Bar week={w} scaleMinutes={scaleMinutes} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
};

/** Chart → Hours: minutes attended per site-local week against the level's range (SPEC §6). */
export const HoursTab = ({ patient }: { patient: Patient }) => {
  const api = useApi();
  const weekly = useResource(
    (signal) => api.attendance.weeklyHours(patient.id, WEEKS, signal),
    [api, patient.id],
  );
  return (
    <Stack gap="sm">
      <Title order={2} size="h4">
        Weekly hours, last {WEEKS} weeks
      </Title>
      <AsyncState
        state={weekly.state}
        what="weekly hours"
        onRetry={weekly.reload}
        isEmpty={(d) => d.weeks.length === 0}
        empty="No attendance recorded yet."
      >
        {(data) => {
          const { thisWeek } = data;
          return (
            <Stack gap="xs">
              <Text size="sm">
                This week: {thisWeek.upcomingSessions} more{' '}
                {thisWeek.upcomingSessions === 1 ? 'session' : 'sessions'} booked (
                {hours(thisWeek.upcomingMinutes)})
                {thisWeek.awaitingRollCall > 0 ? `; ${thisWeek.awaitingRollCall} awaiting roll call` : ''}.
              </Text>
              <HoursTable data={data} />
              <Text size="xs" c="dimmed">
                Weeks run Monday to Sunday at the site ({data.timeZone}). Only complete weeks are judged; a
                partial first week is not a deficit.
              </Text>
            </Stack>
          );
        }}
      </AsyncState>
    </Stack>
  );
};
