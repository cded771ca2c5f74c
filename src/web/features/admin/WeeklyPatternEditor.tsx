import { Button, Group, NativeSelect, Stack, Table, Text, TextInput, VisuallyHidden } from '@mantine/core';
import type { WeeklySlot } from '../../../core/api/admin.js';
import { WEEKDAYS, weeklyHoursOf } from './weeklyPattern.js';

interface WeeklyPatternEditorProps {
  value: WeeklySlot[];
  onChange: (value: WeeklySlot[]) => void;
  errors: Record<string, string>;
}

/** Rows of weekday, start and end: the track's recurring sessions. */
export const WeeklyPatternEditor = ({ value, onChange, errors }: WeeklyPatternEditorProps) => {
  const update = (index: number, patch: Partial<WeeklySlot>) =>
    onChange(value.map((slot, i) => (i === index ? { ...slot, ...patch } : slot)));
  const add = () => {
    const last = value.at(-1);
    onChange([
      ...value,
      {
        weekday: last ? (last.weekday % 7) + 1 : 1,
        start: last?.start ?? '09:00',
        end: last?.end ?? '12:00',
      },
    ]);
  };

  return (
    <Stack gap="xs">
      <Group justify="space-between">
        <Text size="sm" fw={600} id="weekly-pattern-label">
          Weekly pattern
        </Text>
        <Text size="sm" aria-live="polite">
          {weeklyHoursOf(value)} hours per week
        </Text>
      </Group>
      {errors['weeklyPattern'] && (
        <Text size="sm" c="red.9" role="alert">
          {errors['weeklyPattern']}
        </Text>
      )}
      <Table
        aria-labelledby="weekly-pattern-label"
        striped={false}
        highlightOnHover={false}
        withRowBorders={false}
      >
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Day</Table.Th>
            <Table.Th scope="col">Start</Table.Th>
            <Table.Th scope="col">End</Table.Th>
            <Table.Th scope="col">
              <VisuallyHidden>Remove</VisuallyHidden>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {value.map((slot, index) => {
            const rowError = errors[`weeklyPattern/${index}`];
            return (
              <Table.Tr key={index}>
                <Table.Td>
                  <NativeSelect
                    aria-label={`Day of session ${index + 1}`}
                    data={WEEKDAYS.map((day, i) => ({ value: String(i + 1), label: day }))}
                    value={String(slot.weekday)}
                    onChange={(event) => update(index, { weekday: Number(event.currentTarget.value) })}
                  />
                </Table.Td>
                <Table.Td>
                  <TextInput
                    aria-label={`Start of session ${index + 1}`}
                    type="time"
                    value={slot.start}
                    onChange={(event) => update(index, { start: event.currentTarget.value })}
                    error={rowError}
                  />
                </Table.Td>
                <Table.Td>
                  <TextInput
                    aria-label={`End of session ${index + 1}`}
                    type="time"
                    value={slot.end}
                    onChange={(event) => update(index, { end: event.currentTarget.value })}
                    error={rowError ? true : undefined}
                  />
                </Table.Td>
                <Table.Td>
                  <Button
                    variant="subtle"
                    color="red"
                    size="compact-sm"
                    aria-label={`Remove session ${index + 1}`}
                    onClick={() => onChange(value.filter((_, i) => i !== index))}
                  >
                    Remove
                  </Button>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
      <Group>
        <Button variant="light" size="compact-sm" onClick={add}>
          Add session
        </Button>
      </Group>
    </Stack>
  );
};
