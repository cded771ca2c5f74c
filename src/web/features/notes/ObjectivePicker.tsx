import { Checkbox, Stack, Text } from '@mantine/core';
import type { CurrentObjectives } from '../../../core/api/plans.js';
import { useResource } from '../../lib/useResource.js';
import { useApi } from '../../session/SessionProvider.js';

interface ObjectivePickerProps {
  patientId: string;
  value: readonly string[];
  onChange?: (ids: string[]) => void;
  /** Read-only list of what a signed note addressed. */
  readOnly?: boolean;
  /** Names whose objectives these are when one editor holds several patients (a group note). */
  label?: string;
}

const grouped = (objectives: CurrentObjectives['items']) => {
  const byProblem = new Map<string, CurrentObjectives['items']>();
  for (const o of objectives) byProblem.set(o.problem, [...(byProblem.get(o.problem) ?? []), o]);
  return [...byProblem.entries()];
};

/** The treatment-plan objectives a note addressed (SPEC §7): plan reviews list the notes by objective. */
export const ObjectivePicker = ({
  patientId,
  value,
  onChange,
  readOnly = false,
  label = 'Plan objectives this note addressed',
}: ObjectivePickerProps) => {
  const api = useApi();
  const objectives = useResource(
    (signal) => api.treatmentPlans.objectives(patientId, signal),
    [api, patientId],
  );
  const data = objectives.state.data;
  if (objectives.state.status === 'error') return null;
  if (!data) return <Text size="sm">Loading the treatment plan’s objectives…</Text>;
  if (readOnly) {
    if (value.length === 0) return null;
    const known = data.items.filter((o) => value.includes(o.objectiveId));
    return (
      <Stack gap={2}>
        <Text size="sm" fw={600}>
          Plan objectives addressed
        </Text>
        {known.map((o) => (
          <Text key={o.objectiveId} size="sm">
            {o.statement}
          </Text>
        ))}
        {value.length > known.length && (
          <Text size="sm" c="dimmed">
            {value.length - known.length} objective(s) of an earlier plan version
          </Text>
        )}
      </Stack>
    );
  }
  if (data.items.length === 0)
    return (
      <Text size="sm" c="dimmed">
        No signed treatment plan yet, so there are no objectives to link.
      </Text>
    );
  return (
    <Checkbox.Group
      label={label}
      description="Plan reviews list the notes that addressed each objective."
      value={[...value]}
      onChange={(ids) => onChange?.(ids)}
    >
      <Stack gap={6} mt={6}>
        {grouped(data.items).map(([problem, items]) => (
          <Stack key={problem} gap={4}>
            <Text size="xs" c="dimmed">
              {problem}
            </Text>
            {items.map((o) => (
              <Checkbox
                key={o.objectiveId}
                value={o.objectiveId}
                label={`${o.statement} (goal: ${o.goal})`}
              />
            ))}
          </Stack>
        ))}
      </Stack>
    </Checkbox.Group>
  );
};
