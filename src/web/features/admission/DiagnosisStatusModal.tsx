import { Button, Group, Modal, NativeSelect, Stack, Text, Textarea } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import type { Diagnosis } from '../../../core/api/admission.js';
import {
  DIAGNOSIS_STATUSES,
  DIAGNOSIS_STATUS_LABELS,
  type DiagnosisStatus,
} from '../../../core/diagnoses/validate.js';
import { ProblemAlert } from '../../components/ProblemAlert.js';
import { isStale, useSubmit } from '../../lib/useSubmit.js';
import { useApi } from '../../session/SessionProvider.js';

interface DiagnosisStatusModalProps {
  patientId: string;
  diagnosis: Diagnosis | null;
  onClose: () => void;
  onSaved: (diagnosis: Diagnosis) => void;
  onStale: () => void;
}

/** Resolve a diagnosis, mark it entered in error, or make a resolved one active again; always with a reason. */
export const DiagnosisStatusModal = ({
  patientId,
  diagnosis,
  onClose,
  onSaved,
  onStale,
}: DiagnosisStatusModalProps) => {
  const api = useApi();
  const choices = DIAGNOSIS_STATUSES.filter((s) => s !== diagnosis?.status);
  const [status, setStatus] = useState<DiagnosisStatus | ''>('');
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const update = useSubmit((d: Diagnosis, to: DiagnosisStatus, text: string) =>
    api.admission.updateDiagnosis(patientId, d.id, { version: d.version, status: to, reason: text }),
  );
  const shown = { ...update.errors, ...errors };

  const close = () => {
    setStatus('');
    setReason('');
    setErrors({});
    update.clear();
    onClose();
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!diagnosis) return;
    const found: Record<string, string> = {};
    if (!status) found['status'] = 'Choose the new status.';
    if (!reason.trim()) found['reason'] = 'Say why the status changes.';
    setErrors(found);
    if (!status || Object.keys(found).length > 0) return;
    const result = await update.run(diagnosis, status, reason.trim());
    if (result.ok) {
      setStatus('');
      setReason('');
      onSaved(result.value);
    } else if (isStale(result)) onStale();
  };

  return (
    <Modal opened={diagnosis !== null} onClose={close} title="Change diagnosis status" centered>
      {diagnosis && (
        <form onSubmit={(event) => void submit(event)} noValidate>
          <Stack gap="sm">
            <Text size="sm" fw={600}>
              {diagnosis.icd10Code} · now {DIAGNOSIS_STATUS_LABELS[diagnosis.status].toLowerCase()}
            </Text>
            <ProblemAlert
              problem={update.problem}
              shownFields={['status', 'reason']}
              staleMessage="Someone else changed this diagnosis first. The list has been reloaded; check it and try again."
            />
            <NativeSelect
              label="New status"
              required
              data={[
                { value: '', label: 'Choose a status' },
                ...choices.map((s) => ({ value: s, label: DIAGNOSIS_STATUS_LABELS[s] })),
              ]}
              value={status}
              onChange={(event) =>
                setStatus(DIAGNOSIS_STATUSES.find((s) => s === event.currentTarget.value) ?? '')
              }
              error={shown['status']}
            />
            <Textarea
              label="Reason"
              required
              autosize
              minRows={2}
              maxLength={1000}
              value={reason}
              onChange={(event) => setReason(event.currentTarget.value)}
              error={shown['reason']}
            />
            {status === 'entered_in_error' && (
              <Text size="xs" c="dimmed">
                A diagnosis entered in error stays so; record a new one if needed.
              </Text>
            )}
            <Group justify="flex-end">
              <Button variant="default" onClick={close} disabled={update.pending}>
                Cancel
              </Button>
              <Button type="submit" loading={update.pending}>
                Save status
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
};
