import { Button, Checkbox, Group, Stack, Text } from '@mantine/core';
import type { CurrentObjectives } from '../../../core/api/plans.js';
import { useResource } from '../../lib/useResource.js';
import { useApi } from '../../session/SessionProvider.js';
import { UNKNOWN_OBJECTIVE, linksOutsidePlan } from './draftObjectives.js';

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
  const outside = linksOutsidePlan(value, data);
  if (readOnly) {
    if (value.length === 0) return null;
    const current = data.items.filter((o) => value.includes(o.objectiveId));
    const removed = outside.filter((o) => o.label !== UNKNOWN_OBJECTIVE);
    const unnamed = outside.length - removed.length;
    return (
      <Stack gap={2}>
        <Text size="sm" fw={600}>
          Plan objectives addressed
        </Text>
        {current.map((o) => (
          <Text key={o.objectiveId} size="sm">
            {o.statement}
          </Text>
        ))}
        {removed.map((o) => (
          <Text key={o.id} size="sm">
            {o.label}
          </Text>
        ))}
        {unnamed > 0 && (
          <Text size="sm" c="dimmed">
            {unnamed} objective(s) of an earlier plan
          </Text>
        )}
      </Stack>
    );
  }
  if (data.items.length === 0 && outside.length === 0)
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
        {/* Still linked from before a plan review: shown so the writer sees it and may let it go. */}
        {outside.length > 0 && (
          <Stack gap={4}>
            <Text size="xs" c="dimmed">
              Removed by a plan review
            </Text>
            {outside.map((o) => (
              <Group key={o.id} gap="xs" wrap="nowrap" justify="space-between">
                <Text size="sm">{o.label}</Text>
                <Button
                  size="compact-xs"
                  variant="default"
                  aria-label={`Unlink ${o.label}`}
                  onClick={() => onChange?.(value.filter((id) => id !== o.id))}
                >
                  Unlink
                </Button>
              </Group>
            ))}
          </Stack>
        )}
      </Stack>
    </Checkbox.Group>
  );
};
