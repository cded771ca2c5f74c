import { Alert, List, Text } from '@mantine/core';
import type { ProblemDetails } from '../api/problem.js';

interface ProblemAlertProps {
  problem: ProblemDetails | null | undefined;
  /** Field paths the form shows next to its inputs; other field messages are listed here. */
  shownFields?: readonly string[];
  /** Replaces the server's wording for a stale write, since the form has already reloaded. */
  staleMessage?: string;
}

const DEFAULT_STALE =
  'Someone else changed this record while you were working on it. The latest version is loaded and your changes are still in the form: check them and save again.';

/** The server's problem, stated plainly, announced to screen readers. */
export const ProblemAlert = ({ problem, shownFields, staleMessage }: ProblemAlertProps) => {
  if (!problem) return null;
  const stale = problem.code === 'STALE_VERSION';
  const leftover = (problem.fields ?? []).filter(
    ({ field }) => !shownFields?.includes(field.replace(/^\//, '')),
  );
  return (
    <Alert color="red" variant="light" title={stale ? 'This record changed' : problem.title} role="alert">
      <Text size="sm">{stale ? (staleMessage ?? DEFAULT_STALE) : problem.detail}</Text>
      {leftover.length > 0 && (
        <List size="sm" mt="xs">
          {leftover.map(({ field, message }) => (
            <List.Item key={`${field}:${message}`}>
              {field.replace(/^\//, '') || 'Request'}: {message}
            </List.Item>
          ))}
        </List>
      )}
    </Alert>
  );
};
