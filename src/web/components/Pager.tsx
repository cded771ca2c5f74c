import { Button, Group, Text } from '@mantine/core';

interface PagerProps {
  total: number;
  offset: number;
  limit: number;
  onChange: (offset: number) => void;
  noun: string;
}

/** "1–50 of 230 patients" with Previous and Next. */
export const Pager = ({ total, offset, limit, onChange, noun }: PagerProps) => {
  if (total === 0) return null;
  const first = offset + 1;
  const last = Math.min(offset + limit, total);
  return (
    <Group justify="space-between" aria-label="Pages" role="navigation">
      <Text size="sm" c="dimmed" aria-live="polite">
        {first}–{last} of {total} {noun}
      </Text>
      {total > limit && (
        <Group gap="xs">
          <Button
            variant="default"
            size="compact-sm"
            disabled={offset === 0}
            onClick={() => onChange(Math.max(0, offset - limit))}
          >
            Previous
          </Button>
          <Button
            variant="default"
            size="compact-sm"
            disabled={last >= total}
            onClick={() => onChange(offset + limit)}
          >
            Next
          </Button>
        </Group>
      )}
    </Group>
  );
};
