import { Badge, Button, Group, Menu, Paper, Stack, Text, VisuallyHidden } from '@mantine/core';
import type { DragEvent } from 'react';
import type { CalendarOccurrence } from '../../../core/api/schedule.js';
import { TextLink } from '../../components/TextLink.js';
import type { OccurrenceAction } from './OccurrenceDialogs.js';
import { dayLabel, endTime, rollCallPath } from './week.js';

export const whereOf = (o: CalendarOccurrence): string =>
  o.room ? (o.telehealth ? `${o.room.name} + telehealth` : o.room.name) : 'Telehealth';

/** `Relapse prevention, Tue, Nov 24 at 09:00`: makes each card's buttons tell their session apart. */
export const occurrenceName = (o: CalendarOccurrence): string =>
  `${o.title}, ${dayLabel(o.localDate)} at ${o.localStartTime}`;

export const StateBadges = ({ occurrence: o }: { occurrence: CalendarOccurrence }) => (
  <>
    {o.cancelled && (
      <Badge color="red" variant="light" size="sm">
        Cancelled
      </Badge>
    )}
    {o.moved && (
      <Badge color="violet" variant="light" size="sm">
        Moved
      </Badge>
    )}
  </>
);

interface SessionCardProps {
  occurrence: CalendarOccurrence;
  onAction: (action: OccurrenceAction, occurrence: CalendarOccurrence) => void;
  /** Opens the series behind the session: its time, leader, room, capacity and link for every session ahead. */
  onEditSeries?: (occurrence: CalendarOccurrence) => void;
}

/** The drag payload of a session card: its occurrence key, under a type only the calendar accepts. */
export const OCCURRENCE_DRAG_TYPE = 'application/x-openiop-occurrence';

/** One session in the week or day view: when, what, where, who, how full, and what can be done. */
export const SessionCard = ({ occurrence: o, onAction, onEditSeries }: SessionCardProps) => {
  const full = o.bookedCount >= o.capacity;
  // Dragging is a shortcut to "Move…" (which keyboard users reach through the menu); the drop only
  // opens the move dialog with the new day filled in, and the server still judges conflicts.
  const draggable = o.canManage && !o.cancelled;
  return (
    <Paper
      withBorder
      p="xs"
      radius="sm"
      component="li"
      draggable={draggable}
      title={draggable ? 'Drag to another day to move this session' : undefined}
      onDragStart={
        draggable
          ? (event: DragEvent) => {
              event.dataTransfer.setData(OCCURRENCE_DRAG_TYPE, o.key);
              event.dataTransfer.effectAllowed = 'move';
            }
          : undefined
      }
      style={{
        cursor: draggable ? 'grab' : undefined,
        listStyle: 'none',
        opacity: o.cancelled ? 0.75 : 1,
        borderLeft: `4px solid var(--mantine-color-${o.cancelled ? 'red' : 'blue'}-6)`,
      }}
    >
      <Stack gap={2}>
        <Text size="xs" fw={600}>
          {o.localStartTime}–{endTime(o.localStartTime, o.durationMinutes)}
        </Text>
        <Text size="sm" fw={700} td={o.cancelled ? 'line-through' : undefined} lh={1.25}>
          {o.title}
        </Text>
        <Text size="xs">{whereOf(o)}</Text>
        <Text size="xs" c="dimmed">
          {o.clinician.displayName}
        </Text>
        <Text size="xs" c={full ? 'orange.9' : undefined}>
          {o.bookedCount}/{o.capacity} booked
        </Text>
        <Group gap={4}>
          <StateBadges occurrence={o} />
        </Group>
        {o.cancelled && (o.cancellationReason ?? o.closureReason) && (
          <Text size="xs" c="red.9">
            {o.closureReason ? `Closed: ${o.closureReason}` : o.cancellationReason}
          </Text>
        )}
        <Group gap="xs" mt={4} wrap="wrap">
          {!o.cancelled && (
            <TextLink to={rollCallPath(o.key)} size="xs" fw={600}>
              Roll call<VisuallyHidden> for {occurrenceName(o)}</VisuallyHidden>
            </TextLink>
          )}
          {o.canManage && (
            <Menu position="bottom-start" withinPortal>
              <Menu.Target>
                <Button size="compact-xs" variant="subtle">
                  Change<VisuallyHidden> {occurrenceName(o)}</VisuallyHidden>
                </Button>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Item onClick={() => onAction('move', o)} disabled={o.cancelled}>
                  Move…
                </Menu.Item>
                <Menu.Item onClick={() => onAction('enrol', o)} disabled={o.cancelled}>
                  Add a patient…
                </Menu.Item>
                <Menu.Item color="red" onClick={() => onAction('cancel', o)} disabled={o.cancelled}>
                  Cancel session…
                </Menu.Item>
                {onEditSeries && (
                  <>
                    <Menu.Divider />
                    <Menu.Item onClick={() => onEditSeries(o)}>Edit series…</Menu.Item>
                  </>
                )}
              </Menu.Dropdown>
            </Menu>
          )}
        </Group>
      </Stack>
    </Paper>
  );
};
