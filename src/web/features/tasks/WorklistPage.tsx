import { Alert, Button, Group, NativeSelect, Paper, Stack } from '@mantine/core';
import { useState } from 'react';
import type { Task } from '../../../core/api/alerts.js';
import type { TaskFilter } from '../../api/types.js';
import { AsyncState } from '../../components/AsyncState.js';
import { PageTitle } from '../../components/PageTitle.js';
import { ProblemAlert } from '../../components/ProblemAlert.js';
import { useResource } from '../../lib/useResource.js';
import { isStale, useSubmit } from '../../lib/useSubmit.js';
import { useApi } from '../../session/SessionProvider.js';
import { useSites } from '../../session/SitesProvider.js';
import { NewTaskForm } from './NewTaskForm.js';
import { TaskTable } from './TaskTable.js';

const byDue = (a: Task, b: Task): number => a.dueAt.localeCompare(b.dueAt);

/** My tasks, soonest due first (SPEC §4b). */
export const WorklistPage = () => {
  const api = useApi();
  const { staffTimeZone } = useSites();
  const [filter, setFilter] = useState<TaskFilter>('open');
  const [creating, setCreating] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [completing, setCompleting] = useState<string | null>(null);
  const tasks = useResource((signal) => api.tasks.list(filter, signal), [api, filter]);
  const complete = useSubmit((task: Task) => api.tasks.complete(task.id, task.version));

  const onComplete = async (task: Task) => {
    setCompleting(task.id);
    setNotice(null);
    const result = await complete.run(task);
    setCompleting(null);
    if (result.ok) {
      tasks.setData((tasks.state.data ?? []).filter((t) => t.id !== task.id));
      setNotice(`Completed: ${task.title}`);
    } else if (isStale(result)) {
      tasks.reload();
    }
  };

  return (
    <Stack gap="md">
      <Group justify="space-between">
        <PageTitle>Worklist</PageTitle>
        <Button onClick={() => setCreating((c) => !c)} aria-expanded={creating} aria-controls="new-task">
          New task
        </Button>
      </Group>
      {creating && (
        <Paper withBorder p="md" id="new-task">
          <NewTaskForm
            timeZone={staffTimeZone}
            onCancel={() => setCreating(false)}
            onCreated={(task) => {
              setCreating(false);
              setNotice(`Created: ${task.title}`);
              if (filter === 'open') tasks.reload();
            }}
          />
        </Paper>
      )}
      {notice && (
        <Alert
          color="success"
          variant="light"
          role="status"
          withCloseButton
          onClose={() => setNotice(null)}
          closeButtonLabel="Dismiss"
        >
          {notice}
        </Alert>
      )}
      <ProblemAlert
        problem={complete.problem}
        staleMessage="This task changed since the list was loaded. The list has been reloaded."
      />
      <Group>
        <NativeSelect
          label="Show"
          data={[
            { value: 'open', label: 'Open tasks' },
            { value: 'done', label: 'Done' },
          ]}
          value={filter}
          onChange={(event) => setFilter(event.currentTarget.value === 'done' ? 'done' : 'open')}
          w={200}
        />
      </Group>
      <AsyncState
        state={tasks.state}
        what="tasks"
        onRetry={tasks.reload}
        empty={filter === 'open' ? 'No open tasks. You are all caught up.' : 'No completed tasks yet.'}
      >
        {(list) => (
          <TaskTable
            tasks={[...list].sort(byDue)}
            timeZone={staffTimeZone}
            completing={completing}
            onComplete={(task) => void onComplete(task)}
          />
        )}
      </AsyncState>
    </Stack>
  );
};
