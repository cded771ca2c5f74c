import { Alert, List, Text } from '@mantine/core';
import type { ProblemDetails } from '../../api/problem.js';
import { ProblemAlert } from '../../components/ProblemAlert.js';
import { formatDate } from '../../lib/dates.js';

type ScheduleProblemDetails = ProblemDetails & {
  reason?: string;
  conflicts?: { code: string; message: string }[];
  fullOccurrences?: { occurrenceKey: string; localDate: string; booked: number; capacity: number }[];
};

/**
 * The schedule's refusals, with every conflict or session they name: a move's conflicts, the full
 * sessions that stop a patient joining, and the sessions a lower capacity could not hold.
 */
export const ScheduleProblemAlert = ({
  problem,
  shownFields,
}: {
  problem: ProblemDetails | null;
  shownFields: string[];
}) => {
  if (!problem) return null;
  const p = problem as ScheduleProblemDetails;
  if (p.conflicts?.length) {
    return (
      <Alert color="red" variant="light" role="alert" title="The session cannot move there">
        <List size="sm">
          {p.conflicts.map((c) => (
            <List.Item key={`${c.code}:${c.message}`}>{c.message}</List.Item>
          ))}
        </List>
      </Alert>
    );
  }
  if (p.fullOccurrences?.length) {
    // Lowering capacity names what is booked; a full session, how many of its seats are taken.
    const belowBookings = p.reason === 'CAPACITY_BELOW_BOOKINGS';
    return (
      <Alert
        color="red"
        variant="light"
        role="alert"
        title={belowBookings ? 'More patients are booked than that' : p.title}
      >
        <Text size="sm">{p.detail}</Text>
        {belowBookings && (
          <Text size="sm" mt="xs">
            Sessions with more patients booked:
          </Text>
        )}
        <List size="sm" mt="xs">
          {p.fullOccurrences.map((f) => (
            <List.Item key={f.occurrenceKey}>
              {formatDate(f.localDate)}:{' '}
              {belowBookings
                ? `${f.booked} ${f.booked === 1 ? 'patient' : 'patients'} booked`
                : `${f.booked} of ${f.capacity} seats taken`}
            </List.Item>
          ))}
        </List>
      </Alert>
    );
  }
  return <ProblemAlert problem={problem} shownFields={shownFields} />;
};
