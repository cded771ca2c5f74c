import { List, Stack, Text } from '@mantine/core';
import { useResource } from '../../lib/useResource.js';
import { useApi } from '../../session/SessionProvider.js';
import { type ObjectiveLabel, describeObjectiveConflict, objectiveIdsOf } from './draftObjectives.js';

const Labels = ({
  items,
  differing = [],
}: {
  items: readonly ObjectiveLabel[];
  differing?: readonly string[];
}) => (
  <List size="sm" spacing={2}>
    {items.map((o) => (
      <List.Item key={o.id}>
        {o.label}
        {differing.includes(o.id) && (
          <Text span size="sm" fw={600}>
            {' '}
            (not in yours)
          </Text>
        )}
      </List.Item>
    ))}
  </List>
);

/**
 * The other version of a note's linked objectives, by statement, with what differs from the
 * writer's own choice — instead of the list of ids the draft stores.
 */
export const ObjectiveConflict = ({
  patientId,
  mine,
  theirs,
}: {
  patientId: string;
  mine: string | undefined;
  theirs: string;
}) => {
  const api = useApi();
  const objectives = useResource(
    (signal) => api.treatmentPlans.objectives(patientId, signal),
    [api, patientId],
  );
  if (objectives.state.status === 'loading' && !objectives.state.data)
    return <Text size="sm">Loading the treatment plan’s objectives…</Text>;
  if (objectives.state.status === 'error' && !objectives.state.data) {
    const count = objectiveIdsOf(theirs).length;
    return (
      <Text size="sm" bg="white" p="xs">
        {count} objective{count === 1 ? '' : 's'} linked; the treatment plan could not be loaded to name{' '}
        {count === 1 ? 'it' : 'them'}.
      </Text>
    );
  }
  const view = describeObjectiveConflict(
    mine,
    theirs,
    objectives.state.data ?? { planVersionId: null, items: [], removed: [] },
  );
  return (
    <Stack gap={4} bg="white" p="xs">
      {view.theirs.length === 0 ? (
        <Text size="sm">No objectives linked.</Text>
      ) : (
        <Labels items={view.theirs} differing={view.onlyTheirs.map((o) => o.id)} />
      )}
      {view.onlyMine.length > 0 && (
        <>
          <Text size="sm" fw={600}>
            Linked in yours only:
          </Text>
          <Labels items={view.onlyMine} />
        </>
      )}
    </Stack>
  );
};
