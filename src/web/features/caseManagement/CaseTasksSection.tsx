import {
  Badge,
  Button,
  Group,
  NativeSelect,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { type FormEvent, useState } from 'react';
import type { CaseManagement, CaseTask, CreateCaseTaskBody } from '../../../core/api/caseManagement.js';
import { NEED_DOMAIN_LABELS } from '../../../core/caseManagement/needs.js';
import { ProblemAlert } from '../../components/ProblemAlert.js';
import { addDays, formatInstant, todayIn, zonedToInstant } from '../../lib/dates.js';
import { useResource } from '../../lib/useResource.js';
import { useSubmit } from '../../lib/useSubmit.js';
import { useApi, useMe } from '../../session/SessionProvider.js';

const FIELDS = ['sourceId', 'title', 'ownerUserId', 'dueAt'];

/** A task about one need or referral, with an owner and a due date (end of the working day at the site). */
const CaseTaskForm = ({
  patientId,
  timeZone,
  view,
  onSaved,
  onCancel,
}: {
  patientId: string;
  timeZone: string;
  view: CaseManagement;
  onSaved: (view: CaseManagement) => void;
  onCancel: () => void;
}) => {
  const api = useApi();
  const me = useMe();
  const staff = useResource((signal) => api.staff.list(undefined, signal), [api]);
  const sources = [
    ...view.needs
      .filter((n) => n.status === 'identified' || n.status === 'in_progress')
      .map((n) => ({ value: `case_need:${n.id}`, label: `${NEED_DOMAIN_LABELS[n.domain]} need` })),
    ...view.referrals.map((r) => ({
      value: `community_referral:${r.id}`,
      label: `Referral to ${r.organisation}`,
    })),
  ];
  const [source, setSource] = useState(sources[0]?.value ?? '');
  const [title, setTitle] = useState('');
  const [ownerId, setOwnerId] = useState(me.id);
  const [dueDate, setDueDate] = useState(() => addDays(todayIn(timeZone), 2));
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});
  const create = useSubmit((body: CreateCaseTaskBody) => api.caseManagement.addTask(patientId, body));
  const errors = { ...create.errors, ...localErrors };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found: Record<string, string> = {};
    const [type, id] = source.split(':');
    if (!id || (type !== 'case_need' && type !== 'community_referral'))
      found['sourceId'] = 'Choose what the task is about.';
    if (!title.trim()) found['title'] = 'Say what needs doing.';
    const dueAt = zonedToInstant(dueDate, '17:00', timeZone);
    if (!dueAt) found['dueAt'] = 'Enter a due date.';
    setLocalErrors(found);
    if (
      Object.keys(found).length > 0 ||
      !dueAt ||
      !id ||
      (type !== 'case_need' && type !== 'community_referral')
    )
      return;
    const result = await create.run({
      sourceType: type,
      sourceId: id,
      title: title.trim(),
      dueAt,
      ...(ownerId !== me.id ? { ownerUserId: ownerId } : {}),
    });
    if (result.ok) onSaved(result.value);
  };

  return (
    <form onSubmit={(event) => void submit(event)} noValidate aria-labelledby="new-case-task-title">
      <Stack gap="sm">
        <Title order={3} size="h5" id="new-case-task-title">
          New task
        </Title>
        <ProblemAlert problem={create.problem} shownFields={FIELDS} />
        <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }} spacing="sm">
          <NativeSelect
            label="About"
            required
            data={[{ value: '', label: 'Choose a need or referral' }, ...sources]}
            value={source}
            onChange={(event) => setSource(event.currentTarget.value)}
            error={errors['sourceId']}
          />
          <TextInput
            label="Task"
            required
            maxLength={200}
            value={title}
            onChange={(event) => setTitle(event.currentTarget.value)}
            error={errors['title']}
            autoFocus
          />
          <NativeSelect
            label="Owner"
            data={[
              { value: me.id, label: `Me (${me.displayName})` },
              ...(staff.state.data ?? [])
                .filter((s) => s.id !== me.id)
                .map((s) => ({ value: s.id, label: s.displayName })),
            ]}
            value={ownerId}
            onChange={(event) => setOwnerId(event.currentTarget.value)}
            error={errors['ownerUserId']}
          />
          <TextInput
            label="Due date"
            type="date"
            required
            value={dueDate}
            onChange={(event) => setDueDate(event.currentTarget.value)}
            error={errors['dueAt']}
          />
        </SimpleGrid>
        <Group>
          <Button type="submit" loading={create.pending}>
            Add task
          </Button>
          <Button variant="default" onClick={onCancel}>
            Cancel
          </Button>
        </Group>
      </Stack>
    </form>
  );
};

const TaskRow = ({
  item,
  timeZone,
  onDone,
}: {
  item: CaseTask;
  timeZone: string;
  onDone: (t: CaseTask) => void;
}) => {
  const me = useMe();
  const { task } = item;
  return (
    <Table.Tr c={task.status === 'open' ? undefined : 'dimmed'}>
      <Table.Td>
        <Text size="sm" fw={600}>
          {task.title}
        </Text>
      </Table.Td>
      <Table.Td>{item.sourceLabel}</Table.Td>
      <Table.Td>{task.owner.displayName}</Table.Td>
      <Table.Td>
        <Text size="sm">{formatInstant(task.dueAt, timeZone)}</Text>
      </Table.Td>
      <Table.Td>
        {task.status === 'open' ? (
          task.overdue ? (
            <Badge color="red">Overdue</Badge>
          ) : (
            <Badge variant="light">Open</Badge>
          )
        ) : (
          <Badge color="gray">{task.status === 'done' ? 'Done' : 'Cancelled'}</Badge>
        )}
      </Table.Td>
      <Table.Td>
        {task.status === 'open' && task.owner.id === me.id && (
          <Button
            size="compact-xs"
            variant="light"
            onClick={() => onDone(item)}
            aria-label={`Mark “${task.title}” done`}
          >
            Done
          </Button>
        )}
      </Table.Td>
    </Table.Tr>
  );
};

/** Tasks about the patient's needs and referrals; they also sit in each owner's worklist. */
export const CaseTasksSection = ({
  patientId,
  timeZone,
  view,
  canEdit,
  onView,
  onChanged,
}: {
  patientId: string;
  timeZone: string;
  view: CaseManagement;
  canEdit: boolean;
  onView: (view: CaseManagement) => void;
  onChanged: () => void;
}) => {
  const api = useApi();
  const [adding, setAdding] = useState(false);
  const complete = useSubmit((item: CaseTask) => api.tasks.complete(item.task.id, item.task.version));
  const hasSources = view.needs.length > 0 || view.referrals.length > 0;
  return (
    <Stack gap="sm" component="section" aria-labelledby="case-tasks-title">
      <Group justify="space-between">
        <Title order={2} size="h4" id="case-tasks-title">
          Tasks
        </Title>
        {canEdit && !adding && hasSources && (
          <Button size="xs" variant="light" onClick={() => setAdding(true)}>
            Add task
          </Button>
        )}
      </Group>
      <ProblemAlert problem={complete.problem} />
      {adding && (
        <Paper withBorder p="md">
          <CaseTaskForm
            patientId={patientId}
            timeZone={timeZone}
            view={view}
            onSaved={(next) => {
              setAdding(false);
              onView(next);
            }}
            onCancel={() => setAdding(false)}
          />
        </Paper>
      )}
      {view.tasks.length === 0 ? (
        <Text size="sm" c="dimmed" role="status">
          {hasSources ? 'No tasks yet.' : 'Record a need or a referral first; tasks are about one of them.'}
        </Text>
      ) : (
        <Table aria-label="Case management tasks" verticalSpacing={4}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Task</Table.Th>
              <Table.Th scope="col">About</Table.Th>
              <Table.Th scope="col">Owner</Table.Th>
              <Table.Th scope="col">Due</Table.Th>
              <Table.Th scope="col">Status</Table.Th>
              <Table.Th scope="col">Done</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {view.tasks.map((item) => (
              <TaskRow
                key={item.task.id}
                item={item}
                timeZone={timeZone}
                onDone={(t) =>
                  void complete.run(t).then((result) => {
                    if (result.ok || result.problem.code === 'STALE_VERSION') onChanged();
                  })
                }
              />
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
};
