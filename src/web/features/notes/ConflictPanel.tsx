import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import type { DraftConflict } from './useDraftAutosave.js';

interface ConflictPanelProps {
  conflicts: readonly DraftConflict[];
  labelOf: (key: string) => string;
  onKeepMine: () => void;
  onTakeTheirs: (key: string) => void;
  /** Shows a section that is not plain text (linked objectives) readably; null for plain text. */
  renderValue?: (key: string, theirs: string) => ReactNode | null;
}

/** Both this editor and another (tab, device) changed the same sections: the writer decides. */
export const ConflictPanel = ({
  conflicts,
  labelOf,
  onKeepMine,
  onTakeTheirs,
  renderValue,
}: ConflictPanelProps) => {
  if (conflicts.length === 0) return null;
  return (
    <Alert color="warning" variant="light" role="alert" title="This draft was also changed elsewhere">
      <Stack gap="sm">
        <Text size="sm">
          Your version is still in the editor. The other version of each part is shown here: keep yours, or
          take the other one.
        </Text>
        {conflicts.map((c) => (
          <Stack key={c.key} gap={4}>
            <Text size="sm" fw={600}>
              {labelOf(c.key)}, as saved elsewhere:
            </Text>
            {renderValue?.(c.key, c.theirs) ?? (
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} bg="white" p="xs">
                {c.theirs || '(empty)'}
              </Text>
            )}
            <Group>
              <Button size="xs" variant="default" onClick={() => onTakeTheirs(c.key)}>
                Use this version: {labelOf(c.key)}
              </Button>
            </Group>
          </Stack>
        ))}
        <Group>
          <Button size="xs" onClick={onKeepMine}>
            Keep my version and save
          </Button>
        </Group>
      </Stack>
    </Alert>
  );
};
