import { Badge, Button, Table, Text } from '@mantine/core';
import type { MeasuresDue } from '../../../core/api/measures.js';
import { formatDate } from '../../lib/dates.js';

type DueItem = MeasuresDue['items'][number];

const STATUS: Record<DueItem['status'], { label: string; color: string; variant: 'filled' | 'light' }> = {
  overdue: { label: 'Overdue', color: 'red', variant: 'filled' },
  due: { label: 'Due', color: 'warning', variant: 'light' },
  upcoming: { label: 'Upcoming', color: 'gray', variant: 'light' },
  done: { label: 'Done', color: 'success', variant: 'light' },
};

const cadence = (item: DueItem): string => {
  const parts = [
    ...(item.atAdmission ? ['at admission'] : []),
    ...(item.everyDays ? [`every ${item.everyDays} days`] : []),
  ];
  return parts.join(', then ');
};

interface DueListProps {
  due: MeasuresDue;
  /** Offered for due and overdue measures when the user may give measures. */
  onGive?: (instrument: string) => void;
}

/** Scheduled measures of the patient's current program, most pressing first. */
export const DueList = ({ due, onGive }: DueListProps) => {
  if (!due.program) {
    return (
      <Text c="dimmed" size="sm" role="status">
        No measures are scheduled: the patient has no open episode of care.
      </Text>
    );
  }
  if (due.items.length === 0) {
    return (
      <Text c="dimmed" size="sm" role="status">
        {due.program.name} has no measure schedule. An administrator or program director can set one.
      </Text>
    );
  }
  return (
    <Table.ScrollContainer minWidth={560}>
      <Table aria-label="Measures due">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Measure</Table.Th>
            <Table.Th scope="col">Status</Table.Th>
            <Table.Th scope="col">Due</Table.Th>
            <Table.Th scope="col">Last given</Table.Th>
            <Table.Th scope="col">Schedule</Table.Th>
            {onGive && <Table.Th scope="col">Action</Table.Th>}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {due.items.map((item) => (
            <Table.Tr key={item.instrument}>
              <Table.Td>
                <Text size="sm" fw={600}>
                  {item.shortName}
                </Text>
              </Table.Td>
              <Table.Td>
                <Badge color={STATUS[item.status].color} variant={STATUS[item.status].variant}>
                  {STATUS[item.status].label}
                </Badge>
              </Table.Td>
              <Table.Td>{formatDate(item.dueOn)}</Table.Td>
              <Table.Td>{formatDate(item.lastGivenOn)}</Table.Td>
              <Table.Td>
                <Text size="sm">{cadence(item)}</Text>
              </Table.Td>
              {onGive && (
                <Table.Td>
                  {(item.status === 'due' || item.status === 'overdue') && (
                    <Button
                      size="compact-sm"
                      variant="light"
                      onClick={() => onGive(item.instrument)}
                      aria-label={`Give ${item.shortName}`}
                    >
                      Give
                    </Button>
                  )}
                </Table.Td>
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Text size="xs" c="dimmed" mt={4}>
        {due.program.name}, since {formatDate(due.segmentStartOn)}.
      </Text>
    </Table.ScrollContainer>
  );
};
