import { Button, Center, Group, Loader, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import type { ResourceState } from '../lib/useResource.js';
import { ProblemAlert } from './ProblemAlert.js';

interface AsyncStateProps<T> {
  state: ResourceState<T>;
  /** What is loading, for the spinner's accessible label, e.g. "patients". */
  what: string;
  onRetry?: () => void;
  /** Shown instead of children when the data is empty. */
  empty?: ReactNode;
  isEmpty?: (data: T) => boolean;
  children: (data: T) => ReactNode;
}

const defaultIsEmpty = (data: unknown): boolean => (Array.isArray(data) ? data.length === 0 : false);

/** Loading, error, empty and loaded states of one piece of data, in that order of precedence. */
export const AsyncState = <T,>({
  state,
  what,
  onRetry,
  empty,
  isEmpty = defaultIsEmpty,
  children,
}: AsyncStateProps<T>) => {
  if (state.status === 'error') {
    return (
      <div>
        <ProblemAlert problem={state.problem} />
        {onRetry && (
          <Group mt="sm">
            <Button variant="default" size="xs" onClick={onRetry}>
              Try again
            </Button>
          </Group>
        )}
      </div>
    );
  }
  if (state.data === undefined) {
    return (
      <Center py="lg" role="status">
        <Loader size="sm" aria-hidden />
        <Text size="sm" ml="sm">
          Loading {what}…
        </Text>
      </Center>
    );
  }
  if (empty !== undefined && isEmpty(state.data)) {
    return (
      <Text c="dimmed" py="md" role="status">
        {empty}
      </Text>
    );
  }
  return <>{children(state.data)}</>;
};
