import { Button, Group, NativeSelect, SimpleGrid, Stack, TextInput, Textarea, Title } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import type { CreateTaskBody, Task } from '../../../core/api/alerts.js';
import { PatientPicker } from '../../components/PatientPicker.js';
import { ProblemAlert } from '../../components/ProblemAlert.js';
import { todayIn, zonedToInstant } from '../../lib/dates.js';
import { useResource } from '../../lib/useResource.js';
import { useSubmit } from '../../lib/useSubmit.js';
import { canAssignTasks } from '../../session/permissions.js';
import { useApi, useMe } from '../../session/SessionProvider.js';

interface NewTaskFormProps {
  timeZone: string;
  onCreated: (task: Task) => void;
  onCancel: () => void;
}

const FIELDS = ['title', 'detail', 'patientId', 'ownerUserId', 'dueAt'];

export const NewTaskForm = ({ timeZone, onCreated, onCancel }: NewTaskFormProps) => {
  const api = useApi();
  const me = useMe();
  const mayAssign = canAssignTasks(me.role);
  const staff = useResource(
    (signal) => (mayAssign ? api.staff.list(undefined, signal) : Promise.resolve([])),
    [api, mayAssign],
  );
  const [title, setTitle] = useState('');
  const [detail, setDetail] = useState('');
  const [patientId, setPatientId] = useState<string | null>(null);
  const [dueDate, setDueDate] = useState(() => todayIn(timeZone));
  const [dueTime, setDueTime] = useState('17:00');
  const [ownerId, setOwnerId] = useState(me.id);
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});
  const create = useSubmit((body: CreateTaskBody) => api.tasks.create(body));
  const errors = { ...create.errors, ...localErrors };
  const others = (staff.state.data ?? []).filter((s) => s.id !== me.id);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found: Record<string, string> = {};
    if (!title.trim()) found['title'] = 'Say what needs doing.';
    const dueAt = zonedToInstant(dueDate, dueTime, timeZone);
    if (!dueAt) found['dueAt'] = 'Enter a due date and time.';
    setLocalErrors(found);
    if (!dueAt || Object.keys(found).length > 0) return;
    const result = await create.run({
      title: title.trim(),
      dueAt,
      ...(detail.trim() ? { detail: detail.trim() } : {}),
      ...(patientId ? { patientId } : {}),
      ...(ownerId !== me.id ? { ownerUserId: ownerId } : {}),
    });
    if (result.ok) onCreated(result.value);
  };

  return (
    <form onSubmit={(event) => void submit(event)} noValidate>
      <Stack gap="sm">
        <Title order={2} size="h5">
          New task
        </Title>
        <ProblemAlert problem={create.problem} shownFields={FIELDS} />
        <TextInput
          label="Task title"
          required
          maxLength={200}
          value={title}
          onChange={(event) => setTitle(event.currentTarget.value)}
          error={errors['title']}
          autoFocus
        />
        <Textarea
          label="Details"
          autosize
          minRows={2}
          maxLength={2000}
          value={detail}
          onChange={(event) => setDetail(event.currentTarget.value)}
          error={errors['detail']}
        />
        <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }} spacing="sm">
          <PatientPicker
            label="Patient (optional)"
            value={patientId}
            onChange={setPatientId}
            error={errors['patientId']}
          />
          <TextInput
            label="Due date"
            type="date"
            required
            value={dueDate}
            onChange={(event) => setDueDate(event.currentTarget.value)}
            error={errors['dueAt']}
          />
          <TextInput
            label="Due time"
            type="time"
            required
            value={dueTime}
            onChange={(event) => setDueTime(event.currentTarget.value)}
          />
          {mayAssign && (
            <NativeSelect
              label="Assign to"
              data={[
                { value: me.id, label: `Me (${me.displayName})` },
                ...others.map((s) => ({ value: s.id, label: s.displayName })),
              ]}
              value={ownerId}
              onChange={(event) => setOwnerId(event.currentTarget.value)}
              error={errors['ownerUserId']}
            />
          )}
        </SimpleGrid>
        <Group>
          <Button type="submit" loading={create.pending}>
            Create task
          </Button>
          <Button variant="default" onClick={onCancel}>
            Cancel
          </Button>
        </Group>
      </Stack>
    </form>
  );
};
