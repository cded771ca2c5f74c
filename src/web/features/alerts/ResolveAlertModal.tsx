import { Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import type { Alert } from '../../../core/api/alerts.js';
import { ProblemAlert } from '../../components/ProblemAlert.js';
import { isStale, useSubmit } from '../../lib/useSubmit.js';
import { useApi } from '../../session/SessionProvider.js';

interface ResolveAlertModalProps {
  alert: Alert | null;
  onClose: () => void;
  onResolved: (alert: Alert) => void;
  onStale: () => void;
}

/** Resolving needs a note saying what was done. */
export const ResolveAlertModal = ({ alert, onClose, onResolved, onStale }: ResolveAlertModalProps) => {
  const api = useApi();
  const [note, setNote] = useState('');
  const [noteError, setNoteError] = useState<string | undefined>();
  const resolve = useSubmit((a: Alert, text: string) => api.alerts.resolve(a.id, a.version, text));

  const close = () => {
    setNote('');
    setNoteError(undefined);
    resolve.clear();
    onClose();
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!alert) return;
    if (!note.trim()) {
      setNoteError('Say what was done about this alert.');
      return;
    }
    setNoteError(undefined);
    const result = await resolve.run(alert, note.trim());
    if (result.ok) {
      setNote('');
      onResolved(result.value);
    } else if (isStale(result)) {
      onStale();
    }
  };

  return (
    <Modal opened={alert !== null} onClose={close} title="Resolve alert" centered>
      {alert && (
        <form onSubmit={(event) => void submit(event)} noValidate>
          <Stack gap="sm">
            <Text size="sm" fw={600}>
              {alert.title}
              {alert.patientName ? ` · ${alert.patientName}` : ''}
            </Text>
            <ProblemAlert problem={resolve.problem} shownFields={['note']} />
            <Textarea
              label="Resolution note"
              description="What was done, for the record."
              value={note}
              onChange={(event) => setNote(event.currentTarget.value)}
              error={noteError ?? resolve.errors['note']}
              required
              autosize
              minRows={3}
              maxLength={2000}
              data-autofocus
            />
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>
                Cancel
              </Button>
              <Button type="submit" loading={resolve.pending}>
                Save resolution
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
};
