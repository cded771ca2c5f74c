import {
  Button,
  Group,
  NativeSelect,
  Paper,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { useId, useState } from 'react';
import type { Availability, AvailabilityWindow } from '../../../core/api/scheduleRuns.js';
import { AsyncState } from '../../components/AsyncState.js';
import { ProblemAlert } from '../../components/ProblemAlert.js';
import { useResource } from '../../lib/useResource.js';
import { useSubmit } from '../../lib/useSubmit.js';
import { useApi } from '../../session/SessionProvider.js';
import { WEEKDAY_NAMES } from '../schedule/week.js';
import { availabilityProblems, sortedWindows } from './availabilityForm.js';

/**
 * The weekly windows a patient can come (work, school, childcare permitting), which the scheduler
 * places them within. Edited as a whole: rows are added and removed locally and saved together.
 */
export const AvailabilityCard = ({ patientId, canEdit }: { patientId: string; canEdit: boolean }) => {
  const api = useApi();
  const headingId = useId();
  const availability = useResource(
    (signal) => api.scheduleRuns.availability(patientId, signal),
    [api, patientId],
  );
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={headingId}>
      <Stack gap="sm">
        <Title order={2} size="h4" id={headingId}>
          Availability
        </Title>
        <Text size="sm">
          The times each week the patient can attend, in the site’s time. The weekly scheduler books them only
          inside these windows.
        </Text>
        <AsyncState state={availability.state} what="availability" onRetry={availability.reload}>
          {(current) => (
            <AvailabilityEditor
              key={current.version}
              current={current}
              canEdit={canEdit}
              onSaved={availability.setData}
            />
          )}
        </AsyncState>
      </Stack>
    </Paper>
  );
};

const AvailabilityEditor = ({
  current,
  canEdit,
  onSaved,
}: {
  current: Availability;
  canEdit: boolean;
  onSaved: (saved: Availability) => void;
}) => {
  const api = useApi();
  const [windows, setWindows] = useState<AvailabilityWindow[]>(current.windows);
  const [checked, setChecked] = useState(false);
  const save = useSubmit((body: { windows: AvailabilityWindow[]; version: number }) =>
    api.scheduleRuns.saveAvailability(current.patientId, body),
  );

  const problems = availabilityProblems(windows);
  const dirty = JSON.stringify(windows) !== JSON.stringify(current.windows);
  const update = (index: number, change: Partial<AvailabilityWindow>) =>
    setWindows((list) => list.map((w, i) => (i === index ? { ...w, ...change } : w)));

  const onSave = async () => {
    setChecked(true);
    if (problems.size > 0) return;
    const result = await save.run({ windows: sortedWindows(windows), version: current.version });
    if (result.ok) {
      setChecked(false);
      onSaved(result.value);
    }
  };

  if (!canEdit && windows.length === 0)
    return <Text size="sm">None recorded: the patient counts as available whenever the site is open.</Text>;

  return (
    <Stack gap="xs">
      {windows.length === 0 ? (
        <Text size="sm">None recorded: the patient counts as available whenever the site is open.</Text>
      ) : (
        <Table aria-label="Weekly availability" verticalSpacing={4}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Day</Table.Th>
              <Table.Th scope="col">From</Table.Th>
              <Table.Th scope="col">Until</Table.Th>
              {canEdit && (
                <Table.Th scope="col">
                  <VisuallyHidden>Actions</VisuallyHidden>
                </Table.Th>
              )}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {windows.map((w, index) => {
              const row = index + 1;
              const error = checked ? problems.get(index) : undefined;
              return (
                <Table.Tr key={index}>
                  <Table.Td>
                    <NativeSelect
                      aria-label={`Day of window ${row}`}
                      disabled={!canEdit}
                      value={String(w.weekday)}
                      data={WEEKDAY_NAMES.map((day, i) => ({ value: String(i + 1), label: day }))}
                      onChange={(e) => update(index, { weekday: Number(e.currentTarget.value) })}
                    />
                  </Table.Td>
                  <Table.Td>
                    <TextInput
                      aria-label={`Start of window ${row}`}
                      type="time"
                      disabled={!canEdit}
                      value={w.start}
                      error={error}
                      onChange={(e) => update(index, { start: e.currentTarget.value })}
                    />
                  </Table.Td>
                  <Table.Td>
                    <TextInput
                      aria-label={`End of window ${row}`}
                      type="time"
                      disabled={!canEdit}
                      value={w.end === '24:00' ? '23:59' : w.end}
                      onChange={(e) => update(index, { end: e.currentTarget.value })}
                    />
                  </Table.Td>
                  {canEdit && (
                    <Table.Td>
                      <Button
                        size="compact-sm"
                        variant="default"
                        aria-label={`Remove window ${row}`}
                        onClick={() => setWindows((list) => list.filter((_, i) => i !== index))}
                      >
                        Remove
                      </Button>
                    </Table.Td>
                  )}
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      )}
      {checked && problems.size > 0 && (
        <Text size="sm" c="red" role="alert">
          Check the highlighted windows.
        </Text>
      )}
      <ProblemAlert
        problem={save.problem}
        staleMessage="Someone else changed this availability while you were editing. Your windows are still here: reload the page to see theirs, then enter yours again."
      />
      {canEdit && (
        <Group gap="xs">
          <Button
            variant="default"
            onClick={() => setWindows((list) => [...list, { weekday: 1, start: '09:00', end: '12:00' }])}
            disabled={windows.length >= 50}
          >
            Add a window
          </Button>
          <Button onClick={() => void onSave()} loading={save.pending} disabled={!dirty}>
            Save availability
          </Button>
          {dirty && (
            <Button variant="subtle" onClick={() => setWindows(current.windows)}>
              Undo changes
            </Button>
          )}
        </Group>
      )}
    </Stack>
  );
};
