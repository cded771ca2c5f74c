import { Badge, Button, Table, Text, VisuallyHidden } from '@mantine/core';
import type { Task } from '../../../core/api/alerts.js';
import { TextLink } from '../../components/TextLink.js';
import { formatInstant } from '../../lib/dates.js';

interface TaskTableProps {
  tasks: Task[];
  timeZone: string;
  completing: string | null;
  onComplete: (task: Task) => void;
}

export const TaskTable = ({ tasks, timeZone, completing, onComplete }: TaskTableProps) => (
  <Table.ScrollContainer minWidth={720}>
    <Table aria-label="Tasks">
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">Due</Table.Th>
          <Table.Th scope="col">Task</Table.Th>
          <Table.Th scope="col">Patient</Table.Th>
          <Table.Th scope="col">Owner</Table.Th>
          <Table.Th scope="col">
            <VisuallyHidden>Actions</VisuallyHidden>
          </Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {tasks.map((task) => (
          <Table.Tr key={task.id}>
            <Table.Td>
              <Text size="sm">{formatInstant(task.dueAt, timeZone)}</Text>
              {task.status === 'open' && task.overdue && (
                <Badge color="red" variant="filled" size="sm">
                  Overdue
                </Badge>
              )}
              {task.status === 'done' && task.completedAt && (
                <Text size="xs" c="dimmed">
                  Done {formatInstant(task.completedAt, timeZone)}
                </Text>
              )}
            </Table.Td>
            <Table.Td>
              <Text size="sm" fw={600}>
                {task.title}
              </Text>
              {task.detail && (
                <Text size="xs" c="dimmed">
                  {task.detail}
                </Text>
              )}
            </Table.Td>
            <Table.Td>
              {task.patientId ? (
                <TextLink to={`/patients/${task.patientId}`} size="sm">
                  {task.patientName ?? 'Open chart'}
                </TextLink>
              ) : (
                '—'
              )}
            </Table.Td>
            <Table.Td>{task.owner.displayName}</Table.Td>
            <Table.Td>
              {task.status === 'open' && (
                <Button
                  size="compact-sm"
                  variant="light"
                  loading={completing === task.id}
                  onClick={() => onComplete(task)}
                >
                  Complete
                </Button>
              )}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  </Table.ScrollContainer>
);
