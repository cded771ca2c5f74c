import {
  Alert,
  Badge,
  Button,
  Group,
  Modal,
  Stack,
  Table,
  Text,
  Textarea,
  VisuallyHidden,
} from '@mantine/core';
import { type FormEvent, useState } from 'react';
import type { PaperworkChecklist as Checklist, PaperworkEntry } from '../../../core/api/admission.js';
import type { Patient } from '../../../core/api/patients.js';
import { listOfItems, type PaperworkStatus } from '../../../core/intake/paperwork.js';
import { AsyncState } from '../../components/AsyncState.js';
import { ProblemAlert } from '../../components/ProblemAlert.js';
import { formatInstant } from '../../lib/dates.js';
import { useResource } from '../../lib/useResource.js';
import { useSubmit } from '../../lib/useSubmit.js';
import { useApi } from '../../session/SessionProvider.js';

const STATUS: Record<PaperworkStatus, { label: string; color: string }> = {
  complete: { label: 'Complete', color: 'success' },
  waived: { label: 'Waived', color: 'warning' },
  pending: { label: 'Pending', color: 'gray' },
};

interface WaiveModalProps {
  entry: PaperworkEntry | null;
  saving: boolean;
  serverError: string | undefined;
  onSave: (reason: string) => void;
  onClose: () => void;
}

/** Waiving an item needs the reason, for the record (SPEC §2). */
const WaiveModal = ({ entry, saving, serverError, onSave, onClose }: WaiveModalProps) => {
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | undefined>();
  const close = () => {
    setReason('');
    setError(undefined);
    onClose();
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!reason.trim()) {
      setError('Say why this document is waived.');
      return;
    }
    setError(undefined);
    onSave(reason.trim());
  };
  return (
    <Modal opened={entry !== null} onClose={close} title={`Waive: ${entry?.label ?? ''}`} centered>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Text size="sm">
            A waived document counts as done for admission. The reason is kept with the checklist.
          </Text>
          <Textarea
            label="Reason for waiving"
            required
            autosize
            minRows={2}
            maxLength={1000}
            value={reason}
            onChange={(event) => setReason(event.currentTarget.value)}
            error={error ?? serverError}
            data-autofocus
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={close} disabled={saving}>
              Cancel
            </Button>
            <Button type="submit" loading={saving}>
              Save waiver
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
};

interface PaperworkChecklistProps {
  patient: Patient;
  canWrite: boolean;
}

/** The admission paperwork checklist: each document complete, waived with a reason, or pending. */
export const PaperworkChecklist = ({ patient, canWrite }: PaperworkChecklistProps) => {
  const api = useApi();
  const checklist = useResource((signal) => api.admission.paperwork(patient.id, signal), [api, patient.id]);
  const [waiving, setWaiving] = useState<PaperworkEntry | null>(null);
  const [busyItem, setBusyItem] = useState<string | null>(null);
  const record = useSubmit((item: string, status: PaperworkStatus, waivedReason?: string) =>
    api.admission.recordPaperwork(patient.id, item, { status, ...(waivedReason ? { waivedReason } : {}) }),
  );

  const save = async (entry: PaperworkEntry, status: PaperworkStatus, waivedReason?: string) => {
    setBusyItem(entry.item);
    const result = await record.run(entry.item, status, waivedReason);
    setBusyItem(null);
    if (result.ok) {
      checklist.setData(result.value);
      setWaiving(null);
    }
  };

  const summary = (list: Checklist) =>
    list.complete ? (
      <Alert color="success" variant="light" role="status" title="Paperwork complete">
        Every document is complete or waived: the patient may be admitted.
      </Alert>
    ) : (
      <Alert color="blue" variant="light" role="status" title="Paperwork needed before admission">
        Still needed: {listOfItems(list.missing)}.
      </Alert>
    );

  return (
    <AsyncState state={checklist.state} what="admission paperwork" onRetry={checklist.reload}>
      {(list) => (
        <Stack gap="sm">
          {summary(list)}
          {!waiving && <ProblemAlert problem={record.problem} shownFields={[]} />}
          <Table.ScrollContainer minWidth={640}>
            <Table aria-label="Admission paperwork">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">Document</Table.Th>
                  <Table.Th scope="col">Status</Table.Th>
                  <Table.Th scope="col">Recorded</Table.Th>
                  {canWrite && (
                    <Table.Th scope="col">
                      <VisuallyHidden>Actions</VisuallyHidden>
                    </Table.Th>
                  )}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.items.map((entry) => (
                  <Table.Tr key={entry.item}>
                    <Table.Th scope="row" fw={600}>
                      {entry.label}
                    </Table.Th>
                    <Table.Td>
                      <Badge variant="light" color={STATUS[entry.status].color}>
                        {STATUS[entry.status].label}
                      </Badge>
                      {entry.status === 'waived' && entry.waivedReason && (
                        <Text size="xs" mt={4}>
                          Reason: {entry.waivedReason}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      {entry.recordedBy && entry.recordedAt ? (
                        <Text size="sm">
                          {entry.recordedBy.displayName}
                          <Text span size="xs" c="dimmed" display="block">
                            {formatInstant(entry.recordedAt, patient.siteTimeZone)}
                          </Text>
                        </Text>
                      ) : (
                        <Text size="sm" c="dimmed">
                          Not yet recorded
                        </Text>
                      )}
                    </Table.Td>
                    {canWrite && (
                      <Table.Td>
                        <Group gap={6} wrap="nowrap">
                          {entry.status !== 'complete' && (
                            <Button
                              size="compact-sm"
                              variant="light"
                              loading={busyItem === entry.item && !waiving}
                              aria-label={`Mark complete: ${entry.label}`}
                              onClick={() => void save(entry, 'complete')}
                            >
                              Mark complete
                            </Button>
                          )}
                          {entry.status !== 'waived' && (
                            <Button
                              size="compact-sm"
                              variant="default"
                              aria-label={`Waive ${entry.label}`}
                              onClick={() => {
                                record.clear();
                                setWaiving(entry);
                              }}
                            >
                              Waive
                            </Button>
                          )}
                          {entry.status !== 'pending' && (
                            <Button
                              size="compact-sm"
                              variant="subtle"
                              color="gray"
                              aria-label={`Undo: set ${entry.label} back to pending`}
                              onClick={() => void save(entry, 'pending')}
                            >
                              Undo
                            </Button>
                          )}
                        </Group>
                      </Table.Td>
                    )}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          <WaiveModal
            key={waiving?.item ?? 'none'}
            entry={waiving}
            saving={record.pending}
            serverError={waiving ? (record.errors['waivedReason'] ?? record.problem?.detail) : undefined}
            onSave={(reason) => {
              if (waiving) void save(waiving, 'waived', reason);
            }}
            onClose={() => {
              record.clear();
              setWaiving(null);
            }}
          />
        </Stack>
      )}
    </AsyncState>
  );
};
