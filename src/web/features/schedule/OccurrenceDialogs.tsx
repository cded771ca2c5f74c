import { Button, Group, Modal, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import type { CalendarOccurrence } from '../../../core/api/schedule.js';
import { PatientPicker } from '../../components/PatientPicker.js';
import { formatDate } from '../../lib/dates.js';
import { useSubmit } from '../../lib/useSubmit.js';
import { useApi } from '../../session/SessionProvider.js';
import { ScheduleProblemAlert } from './ScheduleProblemAlert.js';

export type OccurrenceAction = 'move' | 'cancel' | 'enrol';

interface DialogProps {
  occurrence: CalendarOccurrence;
  /** The site's today, the earliest a patient may join from. */
  today: string;
  onClose: () => void;
  /** After a successful change, with a sentence for the page's status line. */
  onDone: (message: string) => void;
  /** Moving: the day the session was dropped on in the calendar, proposed as the new date. */
  moveTo?: string | undefined;
}

const sessionLabel = (o: CalendarOccurrence) =>
  `${o.title}, ${formatDate(o.localDate)} at ${o.localStartTime}`;

const MoveForm = ({ occurrence: o, onClose, onDone, moveTo }: DialogProps) => {
  const api = useApi();
  const [toDate, setToDate] = useState(moveTo ?? o.localDate);
  const [toStartTime, setToStartTime] = useState(o.localStartTime);
  const move = useSubmit(() =>
    api.schedule.occurrences.move(o.seriesId, o.scheduledDate, { toDate, toStartTime }),
  );
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const result = await move.run();
    if (result.ok)
      onDone(`${o.title} moved to ${formatDate(result.value.localDate)} at ${result.value.localStartTime}.`);
  };
  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <Stack gap="sm">
        <Text size="sm">The rest of the series stays as it is. Booked patients keep their place.</Text>
        <ScheduleProblemAlert problem={move.problem} shownFields={['toDate', 'toStartTime']} />
        <Group gap="sm" align="flex-start">
          <TextInput
            label="New date"
            type="date"
            required
            value={toDate}
            onChange={(e) => setToDate(e.currentTarget.value)}
            error={move.errors['toDate']}
            data-autofocus
          />
          <TextInput
            label="New start time"
            description="Site time"
            type="time"
            required
            value={toStartTime}
            onChange={(e) => setToStartTime(e.currentTarget.value)}
            error={move.errors['toStartTime']}
          />
        </Group>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} disabled={move.pending}>
            Keep it
          </Button>
          <Button type="submit" loading={move.pending} disabled={!toDate || !toStartTime}>
            Move session
          </Button>
        </Group>
      </Stack>
    </form>
  );
};

const CancelForm = ({ occurrence: o, onClose, onDone }: DialogProps) => {
  const api = useApi();
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState(false);
  const cancel = useSubmit(() =>
    api.schedule.occurrences.cancel(o.seriesId, o.scheduledDate, { reason: reason.trim() }),
  );
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setMissing(!reason.trim());
    if (!reason.trim()) return;
    const result = await cancel.run();
    if (result.ok) onDone(`${o.title} on ${formatDate(o.localDate)} is cancelled.`);
  };
  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <Stack gap="sm">
        <Text size="sm">
          {o.bookedCount > 0
            ? `${o.bookedCount} booked ${o.bookedCount === 1 ? 'patient' : 'patients'} will see it cancelled. `
            : ''}
          The rest of the series stays as it is.
        </Text>
        <ScheduleProblemAlert problem={cancel.problem} shownFields={['reason']} />
        <Textarea
          label="Reason"
          required
          autosize
          minRows={2}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          error={missing ? 'Say why the session is cancelled.' : cancel.errors['reason']}
          data-autofocus
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} disabled={cancel.pending}>
            Keep the session
          </Button>
          <Button type="submit" color="red" loading={cancel.pending}>
            Cancel this session
          </Button>
        </Group>
      </Stack>
    </form>
  );
};

const EnrolForm = ({ occurrence: o, today, onClose, onDone }: DialogProps) => {
  const api = useApi();
  const [patientId, setPatientId] = useState<string | null>(null);
  const [joinOn, setJoinOn] = useState(o.localDate < today ? today : o.localDate);
  const [missing, setMissing] = useState(false);
  const join = useSubmit((id: string) => api.schedule.series.join(o.seriesId, { patientId: id, joinOn }));
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setMissing(!patientId);
    if (!patientId) return;
    const result = await join.run(patientId);
    if (result.ok) onDone(`The patient joins ${o.title} from ${formatDate(result.value.joinedOn)}.`);
  };
  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <Stack gap="sm">
        <Text size="sm">The patient is booked into every session of the series from that date.</Text>
        <ScheduleProblemAlert problem={join.problem} shownFields={['patientId', 'joinOn']} />
        <PatientPicker
          label="Patient"
          required
          value={patientId}
          onChange={setPatientId}
          error={missing ? 'Choose a patient.' : join.errors['patientId']}
        />
        <TextInput
          label="Joins from"
          type="date"
          required
          min={today}
          value={joinOn}
          onChange={(e) => setJoinOn(e.currentTarget.value)}
          error={join.errors['joinOn']}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} disabled={join.pending}>
            Close
          </Button>
          <Button type="submit" loading={join.pending}>
            Add to the group
          </Button>
        </Group>
      </Stack>
    </form>
  );
};

const TITLES: Record<OccurrenceAction, string> = {
  move: 'Move',
  cancel: 'Cancel',
  enrol: 'Add a patient to',
};

/** The dialog of one action on one session; closed when `action` is null. */
export const OccurrenceDialog = ({ action, ...props }: DialogProps & { action: OccurrenceAction | null }) => (
  <Modal
    opened={action !== null}
    onClose={props.onClose}
    title={action ? `${TITLES[action]} ${sessionLabel(props.occurrence)}` : ''}
    centered
    size="lg"
  >
    {action === 'move' && <MoveForm {...props} />}
    {action === 'cancel' && <CancelForm {...props} />}
    {action === 'enrol' && <EnrolForm {...props} />}
  </Modal>
);
