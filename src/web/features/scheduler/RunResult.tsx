import { List, Stack, Table, Text, Title } from '@mantine/core';
import type { RunSession, ScheduleRun } from '../../../core/api/scheduleRuns.js';
import { dayLabel } from '../schedule/week.js';

const sessionText = (s: RunSession): string => `${dayLabel(s.localDate)} ${s.localStartTime} · ${s.title}`;

const Sessions = ({ sessions }: { sessions: RunSession[] }) =>
  sessions.length === 0 ? (
    <Text size="sm" c="dimmed">
      None
    </Text>
  ) : (
    <List size="sm" spacing={2}>
      {sessions.map((s) => (
        <List.Item key={s.occurrenceKey}>{sessionText(s)}</List.Item>
      ))}
    </List>
  );

/** A finished run: its score, the changes it proposes per patient, and who it could not fully place. */
export const RunResult = ({ run }: { run: ScheduleRun }) => {
  const score = run.score;
  return (
    <Stack gap="md">
      {score && (
        <Text role="status" aria-label="Score">
          {score.satisfied} of {score.patients} patients fully placed · {score.shortfallMinutes} minutes short
          of weekly minimums · {score.continuity} seats continue last week’s group
        </Text>
      )}

      <section aria-labelledby="diff-heading">
        <Title order={2} size="h4" id="diff-heading" mb="xs">
          Changes to the schedule
        </Title>
        {run.diff.length === 0 ? (
          <Text c="dimmed" role="status">
            Nothing to change: the current schedule is already the best one found.
          </Text>
        ) : (
          <Table.ScrollContainer minWidth={640}>
            <Table aria-label="Changes to the schedule" striped verticalSpacing={4}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">Patient</Table.Th>
                  <Table.Th scope="col">Added sessions</Table.Th>
                  <Table.Th scope="col">Removed sessions</Table.Th>
                  <Table.Th scope="col">Unchanged</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {run.diff.map((d) => (
                  <Table.Tr key={d.patientId}>
                    <Table.Th scope="row">{d.name}</Table.Th>
                    <Table.Td>
                      <Sessions sessions={d.added} />
                    </Table.Td>
                    <Table.Td>
                      <Sessions sessions={d.removed} />
                    </Table.Td>
                    <Table.Td>{d.unchanged}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </section>

      {run.unplaced.length > 0 && (
        <section aria-labelledby="unplaced-heading">
          <Title order={2} size="h4" id="unplaced-heading" mb="xs">
            Not fully placed
          </Title>
          <List spacing="xs">
            {run.unplaced.map((u) => (
              <List.Item key={u.patientId}>
                <Text fw={600} size="sm">
                  {u.name}
                </Text>
                <List size="sm" withPadding>
                  {u.reasons.map((r) => (
                    <List.Item key={`${r.code}:${r.message}`}>{r.message}</List.Item>
                  ))}
                </List>
              </List.Item>
            ))}
          </List>
        </section>
      )}
    </Stack>
  );
};
