import {
  Alert,
  Box,
  Button,
  Group,
  NativeSelect,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useMemo, useState } from 'react';
import type { CalendarOccurrence } from '../../../core/api/schedule.js';
import { roleMayManageSessions } from '../../../core/access/sessionPolicy.js';
import { AsyncState } from '../../components/AsyncState.js';
import { SitePicker } from '../../components/SitePicker.js';
import { PageTitle } from '../../components/PageTitle.js';
import { TextLink } from '../../components/TextLink.js';
import { addDays, formatDate, todayIn } from '../../lib/dates.js';
import { useResource } from '../../lib/useResource.js';
import { useRouter, useSearchParams } from '../../router.js';
import { useApi, useMe } from '../../session/SessionProvider.js';
import { useSites } from '../../session/SitesProvider.js';
import { CalendarFeedCard } from '../calendarFeed/CalendarFeedCard.js';
import { OccurrenceDialog, type OccurrenceAction } from './OccurrenceDialogs.js';
import { SeriesEditDialog } from './SeriesEditForm.js';
import { SeriesForm } from './SeriesForm.js';
import { OCCURRENCE_DRAG_TYPE, SessionCard, StateBadges, whereOf } from './SessionCard.js';
import { dayLabel, endTime, longDayLabel, mondayOf, rollCallPath, weekDates } from './week.js';

const LEADER_ROLES = new Set(['clinician', 'clinical_supervisor', 'case_manager', 'program_director']);
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

const byStart = (a: CalendarOccurrence, b: CalendarOccurrence) =>
  a.localDate.localeCompare(b.localDate) || a.localStartTime.localeCompare(b.localStartTime);

/** The screen-reader-friendly view of the same sessions: one row each, in time order. */
const SessionsTable = ({ occurrences, caption }: { occurrences: CalendarOccurrence[]; caption: string }) => (
  <Table.ScrollContainer minWidth={760}>
    <Table aria-label={caption} verticalSpacing={4} striped>
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">Day</Table.Th>
          <Table.Th scope="col">Time</Table.Th>
          <Table.Th scope="col">Session</Table.Th>
          <Table.Th scope="col">Where</Table.Th>
          <Table.Th scope="col">Leader</Table.Th>
          <Table.Th scope="col">Booked</Table.Th>
          <Table.Th scope="col">State</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {occurrences.map((o) => (
          <Table.Tr key={o.key}>
            <Table.Td>{dayLabel(o.localDate)}</Table.Td>
            <Table.Td>
              {o.localStartTime}–{endTime(o.localStartTime, o.durationMinutes)}
            </Table.Td>
            <Table.Td>{o.title}</Table.Td>
            <Table.Td>{whereOf(o)}</Table.Td>
            <Table.Td>{o.clinician.displayName}</Table.Td>
            <Table.Td>
              {o.bookedCount} of {o.capacity}
            </Table.Td>
            <Table.Td>{o.cancelled || o.moved ? <StateBadges occurrence={o} /> : 'As scheduled'}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  </Table.ScrollContainer>
);

/** Today's sessions with a direct way into each roll call: the first thing a group leader needs. */
const TodaysSessions = ({
  occurrences,
  siteNames,
}: {
  occurrences: CalendarOccurrence[];
  /** Named only when the user works at more than one site. */
  siteNames: Map<string, string> | null;
}) =>
  occurrences.length === 0 ? (
    <Text c="dimmed" size="sm" role="status">
      No sessions today.
    </Text>
  ) : (
    <Stack component="ul" gap={4} p={0} m={0} aria-label="Today's sessions">
      {occurrences.map((o) => (
        <Group key={o.key} component="li" gap="sm" style={{ listStyle: 'none' }} wrap="nowrap">
          <Text size="sm" fw={600} w={100}>
            {o.localStartTime}–{endTime(o.localStartTime, o.durationMinutes)}
          </Text>
          <Text size="sm" style={{ flex: 1 }}>
            {o.title} · {whereOf(o)}
            {siteNames?.get(o.siteId) ? ` (${siteNames.get(o.siteId)})` : ''} · {o.clinician.displayName} ·{' '}
            {o.bookedCount} booked
          </Text>
          {o.cancelled ? (
            <StateBadges occurrence={o} />
          ) : (
            <TextLink
              to={rollCallPath(o.key)}
              fw={600}
              aria-label={`Take roll call: ${o.title} at ${o.localStartTime}`}
            >
              Take roll call
            </TextLink>
          )}
        </Group>
      ))}
    </Stack>
  );

/**
 * `/schedule`: the week (Mon–Sun, in the site's local time) or one day, filtered by leader, room or
 * track; a table of the same sessions for screen readers; today's roll calls; a new series; each
 * session's move, cancel and add-a-patient; and editing the series behind a session.
 */
export const SchedulePage = () => {
  const api = useApi();
  const me = useMe();
  const { navigate } = useRouter();
  const search = useSearchParams();
  const { sites, staffTimeZone } = useSites();
  const [chosenSite, setChosenSite] = useState<string | null>(null);
  const siteId = chosenSite ?? sites?.[0]?.id ?? '';
  const site = sites?.find((s) => s.id === siteId);
  const [clinicianId, setClinicianId] = useState('');
  const [roomId, setRoomId] = useState('');
  const [trackId, setTrackId] = useState('');
  const [dialog, setDialog] = useState<{
    action: OccurrenceAction;
    occurrence: CalendarOccurrence;
    moveTo?: string;
  } | null>(null);
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<CalendarOccurrence | null>(null);
  const [dropDay, setDropDay] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const view = search.get('view') === 'day' ? 'day' : 'week';
  const today = todayIn(site?.timeZone ?? staffTimeZone);
  const requested = search.get('date');
  const date = requested && ISO_DATE.test(requested) ? requested : today;
  const from = view === 'week' ? mondayOf(date) : date;
  const to = view === 'week' ? addDays(from, 6) : date;

  const go = (next: { view?: string; date?: string }) => {
    const params = new URLSearchParams({ view: next.view ?? view, date: next.date ?? date });
    navigate(`/schedule?${params.toString()}`, { replace: true, keepFocus: true });
  };

  const calendar = useResource(
    (signal) =>
      siteId
        ? api.schedule.calendar(
            {
              from,
              to,
              siteId,
              clinicianId: clinicianId || undefined,
              roomId: roomId || undefined,
              trackId: trackId || undefined,
            },
            signal,
          )
        : new Promise<never>(() => undefined),
    [api, from, to, siteId, clinicianId, roomId, trackId],
  );
  // Every site the user works at: a leader's roll calls are wherever their groups are.
  const todays = useResource(
    (signal) => api.schedule.calendar({ from: today, to: today }, signal),
    [api, today],
  );
  const rooms = useResource(
    (signal) => (siteId ? api.schedule.rooms.list(siteId, signal) : Promise.resolve([])),
    [api, siteId],
  );
  const staff = useResource((signal) => api.staff.list(undefined, signal), [api]);
  const programs = useResource((signal) => api.programs.list(signal), [api]);

  const roomOptions = useMemo(
    () =>
      (rooms.state.data ?? [])
        .filter((r) => r.active)
        .map((r) => ({ value: r.id, label: `${r.name} (${r.seats} seats)` })),
    [rooms.state.data],
  );
  const leaderOptions = useMemo(
    () =>
      (staff.state.data ?? [])
        .filter((s) => LEADER_ROLES.has(s.role))
        .map((s) => ({ value: s.id, label: s.displayName })),
    [staff.state.data],
  );
  const trackOptions = useMemo(
    () =>
      (programs.state.data ?? [])
        .filter((p) => p.siteId === siteId)
        .flatMap((p) =>
          p.tracks.filter((t) => t.active).map((t) => ({ value: t.id, label: `${p.name} · ${t.name}` })),
        ),
    [programs.state.data, siteId],
  );

  const onDone = (message: string) => {
    setDialog(null);
    setNotice(message);
    calendar.reload();
    todays.reload();
  };
  const mayCreate = roleMayManageSessions(me.role);
  const days = view === 'week' ? weekDates(from) : [date];
  const rangeLabel = view === 'week' ? `Week of ${longDayLabel(from)}` : longDayLabel(date);

  return (
    <Stack gap="md">
      <Group justify="space-between">
        <PageTitle>Schedule</PageTitle>
        {mayCreate && siteId && <Button onClick={() => setCreating(true)}>New series</Button>}
      </Group>

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

      <section aria-labelledby="today-heading">
        <Title order={2} size="h4" id="today-heading" mb="xs">
          Today's sessions
        </Title>
        <AsyncState state={todays.state} what="today's sessions" onRetry={todays.reload}>
          {(c) => (
            <TodaysSessions
              occurrences={c.occurrences.slice().sort(byStart)}
              siteNames={sites && sites.length > 1 ? new Map(sites.map((s) => [s.id, s.name])) : null}
            />
          )}
        </AsyncState>
      </section>

      <Group align="flex-end" gap="sm" wrap="wrap">
        <SitePicker
          sites={sites}
          value={siteId}
          onChange={(id) => {
            setChosenSite(id);
            setRoomId('');
            setTrackId('');
          }}
        />
        <NativeSelect
          label="Leader"
          data={[{ value: '', label: 'Everyone' }, ...leaderOptions]}
          value={clinicianId}
          onChange={(e) => setClinicianId(e.currentTarget.value)}
        />
        <NativeSelect
          label="Room"
          data={[{ value: '', label: 'All rooms' }, ...roomOptions]}
          value={roomId}
          onChange={(e) => setRoomId(e.currentTarget.value)}
        />
        <NativeSelect
          label="Track"
          data={[{ value: '', label: 'All tracks' }, ...trackOptions]}
          value={trackId}
          onChange={(e) => setTrackId(e.currentTarget.value)}
        />
      </Group>

      <Group justify="space-between" wrap="wrap">
        <Group gap="xs">
          <Button variant="default" onClick={() => go({ date: addDays(date, view === 'week' ? -7 : -1) })}>
            {view === 'week' ? 'Previous week' : 'Previous day'}
          </Button>
          <Button variant="default" onClick={() => go({ date: today })} disabled={days.includes(today)}>
            Today
          </Button>
          <Button variant="default" onClick={() => go({ date: addDays(date, view === 'week' ? 7 : 1) })}>
            {view === 'week' ? 'Next week' : 'Next day'}
          </Button>
        </Group>
        <SegmentedControl
          aria-label="View"
          value={view}
          onChange={(v) => go({ view: v })}
          data={[
            { value: 'week', label: 'Week' },
            { value: 'day', label: 'Day' },
          ]}
        />
      </Group>

      <Title order={2} size="h3" aria-live="polite">
        {rangeLabel}
      </Title>

      <AsyncState state={calendar.state} what="the calendar" onRetry={calendar.reload}>
        {(c) => {
          const sorted = c.occurrences.slice().sort(byStart);
          return (
            <Stack gap="md">
              <SimpleGrid
                cols={{ base: 1, sm: view === 'week' ? 4 : 1, lg: view === 'week' ? 7 : 1 }}
                spacing="xs"
              >
                {days.map((d) => {
                  const list = sorted.filter((o) => o.localDate === d);
                  return (
                    <Box
                      key={d}
                      component="section"
                      aria-label={longDayLabel(d)}
                      p={4}
                      onDragOver={(event) => {
                        if (!event.dataTransfer.types.includes(OCCURRENCE_DRAG_TYPE)) return;
                        event.preventDefault();
                        event.dataTransfer.dropEffect = 'move';
                        setDropDay(d);
                      }}
                      onDragLeave={() => setDropDay((current) => (current === d ? null : current))}
                      onDrop={(event) => {
                        setDropDay(null);
                        const key = event.dataTransfer.getData(OCCURRENCE_DRAG_TYPE);
                        const occurrence = sorted.find((o) => o.key === key);
                        if (!occurrence) return;
                        event.preventDefault();
                        if (occurrence.localDate !== d) setDialog({ action: 'move', occurrence, moveTo: d });
                      }}
                      style={{
                        borderRadius: 4,
                        outline: dropDay === d ? '2px dashed var(--mantine-color-blue-6)' : undefined,
                        background: d === today ? 'var(--mantine-color-blue-light)' : undefined,
                      }}
                    >
                      <Text fw={700} size="sm" mb={4}>
                        {view === 'week' ? dayLabel(d) : longDayLabel(d)}
                        {d === today ? ' (today)' : ''}
                      </Text>
                      {list.length === 0 ? (
                        <Text size="xs" c="dimmed">
                          No sessions
                        </Text>
                      ) : (
                        <Stack component="ul" gap={6} p={0} m={0}>
                          {list.map((o) => (
                            <SessionCard
                              key={o.key}
                              occurrence={o}
                              onAction={(action, occurrence) => setDialog({ action, occurrence })}
                              onEditSeries={setEditing}
                            />
                          ))}
                        </Stack>
                      )}
                    </Box>
                  );
                })}
              </SimpleGrid>
              {sorted.length > 0 && (
                <details>
                  <summary>
                    <Text span size="sm" fw={600}>
                      The same sessions as a table
                    </Text>
                  </summary>
                  <SessionsTable occurrences={sorted} caption={`Sessions, ${rangeLabel}`} />
                </details>
              )}
              {sorted.length === 0 && (
                <Text c="dimmed" role="status">
                  No sessions {view === 'week' ? 'this week' : 'this day'}
                  {clinicianId || roomId || trackId ? ' with these filters' : ''}.
                </Text>
              )}
            </Stack>
          );
        }}
      </AsyncState>

      {LEADER_ROLES.has(me.role) && <CalendarFeedCard scope={{ kind: 'me' }} />}

      {dialog && (
        <OccurrenceDialog
          action={dialog.action}
          occurrence={dialog.occurrence}
          moveTo={dialog.moveTo}
          today={today}
          onClose={() => setDialog(null)}
          onDone={onDone}
        />
      )}
      {editing && (
        <SeriesEditDialog
          seriesId={editing.seriesId}
          title={editing.title}
          rooms={rooms.state.data ?? []}
          leaders={leaderOptions}
          onClose={() => setEditing(null)}
          onSaved={(series) => {
            setEditing(null);
            setNotice(`${series.title} is saved: the changes apply to every session not yet held.`);
            calendar.reload();
            todays.reload();
          }}
        />
      )}
      {creating && (
        <SeriesForm
          opened
          siteId={siteId}
          today={today}
          rooms={roomOptions}
          leaders={leaderOptions}
          tracks={trackOptions}
          onClose={() => setCreating(false)}
          onCreated={(series) => {
            setCreating(false);
            setNotice(`${series.title} is on the calendar from ${formatDate(series.startsOn)}.`);
            calendar.reload();
            todays.reload();
          }}
        />
      )}
    </Stack>
  );
};
