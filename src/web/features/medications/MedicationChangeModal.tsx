import { Button, Group, Modal, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import type { Medication } from '../../../core/api/medications.js';
import { checkStoppedOn } from '../../../core/medications/validate.js';
import { ProblemAlert } from '../../components/ProblemAlert.js';
import { isStale, useSubmit } from '../../lib/useSubmit.js';
import { useApi } from '../../session/SessionProvider.js';

export type MedicationChange = { kind: 'stop' | 'remove'; medication: Medication };

interface MedicationChangeModalProps {
  patientId: string;
  today: string;
  change: MedicationChange | null;
  onClose: () => void;
  onSaved: (message: string) => void;
  onStale: () => void;
}

/** Stops a medication on a date, or removes one entered in error; both with a reason. */
export const MedicationChangeModal = ({
  patientId,
  today,
  change,
  onClose,
  onSaved,
  onStale,
}: MedicationChangeModalProps) => {
  const api = useApi();
  const [stoppedOn, setStoppedOn] = useState(today);
  const [reason, setReason] = useState('');
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});
  const submitChange = useSubmit((c: MedicationChange, on: string, why: string) =>
    c.kind === 'stop'
      ? api.medications.stop(patientId, c.medication.id, {
          version: c.medication.version,
          stoppedOn: on,
          reason: why,
        })
      : api.medications.remove(patientId, c.medication.id, { version: c.medication.version, reason: why }),
  );
  const errors = { ...submitChange.errors, ...localErrors };

  const close = () => {
    setStoppedOn(today);
    setReason('');
    setLocalErrors({});
    submitChange.clear();
    onClose();
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!change) return;
    const found: Record<string, string> = {};
    if (change.kind === 'stop') {
      if (!stoppedOn) found['stoppedOn'] = 'Enter the first day without the medication.';
      else
        for (const f of checkStoppedOn(stoppedOn, change.medication.startedOn, today))
          found[f.field.slice(1)] ??= f.message;
    }
    if (!reason.trim())
      found['reason'] = change.kind === 'stop' ? 'Say why it was stopped.' : 'Say what was wrong.';
    setLocalErrors(found);
    if (Object.keys(found).length > 0) return;
    const result = await submitChange.run(change, stoppedOn, reason.trim());
    if (result.ok) {
      const name = change.medication.name;
      setReason('');
      setStoppedOn(today);
      onSaved(
        change.kind === 'stop' ? `${name} stopped on ${stoppedOn}.` : `${name} removed as entered in error.`,
      );
    } else if (isStale(result)) onStale();
  };

  const stopping = change?.kind === 'stop';
  return (
    <Modal
      opened={change !== null}
      onClose={close}
      title={stopping ? 'Stop medication' : 'Remove medication entered in error'}
      centered
    >
      {change && (
        <form onSubmit={(event) => void submit(event)} noValidate>
          <Stack gap="sm">
            <Text size="sm" fw={600}>
              {change.medication.name}
            </Text>
            <ProblemAlert
              problem={submitChange.problem}
              shownFields={['stoppedOn', 'reason']}
              staleMessage="Someone else changed this medication first. The list has been reloaded; check it and try again."
            />
            {stopping ? (
              <TextInput
                label="Stopped on"
                description="The first day without it"
                type="date"
                required
                min={change.medication.startedOn}
                max={today}
                value={stoppedOn}
                onChange={(e) => setStoppedOn(e.currentTarget.value)}
                error={errors['stoppedOn']}
              />
            ) : (
              <Text size="xs" c="dimmed">
                Use this only for an entry that should never have been made. It is kept for the record and no
                longer listed. A medication the patient took and stopped is stopped, not removed.
              </Text>
            )}
            <Textarea
              label="Reason"
              required
              autosize
              minRows={2}
              maxLength={500}
              value={reason}
              onChange={(e) => setReason(e.currentTarget.value)}
              error={errors['reason']}
            />
            <Group justify="flex-end">
              <Button variant="default" onClick={close} disabled={submitChange.pending}>
                Cancel
              </Button>
              <Button type="submit" color={stopping ? undefined : 'red'} loading={submitChange.pending}>
                {stopping ? 'Stop medication' : 'Remove entry'}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
};
