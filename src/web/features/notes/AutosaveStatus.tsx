import { Text } from '@mantine/core';
import type { AutosaveStatus as Status } from './useDraftAutosave.js';

const LABELS: Record<Status, string> = {
  saved: 'All changes saved',
  unsaved: 'Unsaved changes…',
  saving: 'Saving…',
  conflict: 'Saved elsewhere too: choose below',
  error: 'Not saved',
};

/** Where the draft stands, announced politely as it changes. */
export const AutosaveStatus = ({ status }: { status: Status }) => (
  <Text
    size="sm"
    c={status === 'error' || status === 'conflict' ? 'red' : 'dimmed'}
    role="status"
    aria-live="polite"
  >
    {LABELS[status]}
  </Text>
);
