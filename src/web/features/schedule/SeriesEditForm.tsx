import {
  Button,
  Checkbox,
  Group,
  Modal,
  NativeSelect,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { type FormEvent, useState } from 'react';
import type { Room, Series, UpdateSeriesBody } from '../../../core/api/schedule.js';
import { AsyncState } from '../../components/AsyncState.js';
import { isStale, useSubmit } from '../../lib/useSubmit.js';
import { useResource } from '../../lib/useResource.js';
import { useApi } from '../../session/SessionProvider.js';
import { ScheduleProblemAlert } from './ScheduleProblemAlert.js';
import { WEEKDAY_NAMES } from './week.js';

type Option = { value: string; label: string };

interface EditValues {
  title: string;
  weekdays: string[];
  startTime: string;
  durationMinutes: string;
  capacity: string;
  clinicianId: string;
  roomId: string;
  telehealthUrl: string;
  endsOn: string;
}

const FIELDS = [
  'title',
  'weekdays',
  'startTime',
  'durationMinutes',
  'capacity',
  'clinicianId',
  'roomId',
  'telehealthUrl',
  'endsOn',
];

const valuesOf = (s: Series): EditValues => ({
  title: s.title,
  weekdays: s.weekdays.map(String),
  startTime: s.startTime,
  durationMinutes: String(s.durationMinutes),
  capacity: String(s.capacity),
  clinicianId: s.clinicianId,
  roomId: s.roomId ?? '',
  telehealthUrl: s.telehealthUrl ?? '',
  endsOn: s.endsOn ?? '',
});

const check = (v: EditValues, s: Series): Record<string, string> => {
  const errors: Record<string, string> = {};
  if (!v.title.trim()) errors['title'] = 'Give the series a title.';
  if (v.weekdays.length === 0) errors['weekdays'] = 'Choose at least one day.';
  if (!/^\d{2}:\d{2}$/.test(v.startTime)) errors['startTime'] = 'Enter a start time.';
  const duration = Number(v.durationMinutes);
  if (!Number.isInteger(duration) || duration < 1 || duration > 720)
    errors['durationMinutes'] = 'Whole minutes, 1 to 720.';
  const capacity = Number(v.capacity);
  if (!v.capacity.trim() || !Number.isInteger(capacity) || capacity < 1 || capacity > 500)
    errors['capacity'] = 'Whole number, 1 to 500.';
  if (!v.clinicianId) errors['clinicianId'] = 'Choose who leads it.';
  const link = v.telehealthUrl.trim();
  if (link && !/^https:\/\/\S+$/.test(link)) errors['telehealthUrl'] = 'Must be an https link.';
  else if (!v.roomId && !link) errors['telehealthUrl'] = 'Without a room, give the video link.';
  if (v.endsOn && v.endsOn < s.startsOn) errors['endsOn'] = 'Must be on or after the first day.';
  return errors;
};

const sameValue = (a: string | string[], b: string | string[]): boolean =>
  typeof a === 'string' || typeof b === 'string' ? a === b : [...a].sort().join() === [...b].sort().join();

/**
 * After someone else's save: the fields this user left alone take the new values, the ones they
 * changed keep what they typed — so saving again does not undo the other person's change.
 */
const rebase = (typed: EditValues, before: EditValues, after: EditValues): EditValues => {
  const next = { ...typed };
  for (const key of Object.keys(typed) as (keyof EditValues)[]) {
    if (sameValue(typed[key], before[key])) Object.assign(next, { [key]: after[key] });
  }
  return next;
};

const sameDays = (a: readonly number[], b: readonly number[]): boolean =>
  [...a].sort((x, y) => x - y).join(',') === [...b].sort((x, y) => x - y).join(',');

/** Only what the user changed: an unchanged leader or room is not judged again (a room out of use stays). */
const changesOf = (v: EditValues, s: Series): Omit<UpdateSeriesBody, 'version'> => {
  const weekdays = v.weekdays.map(Number).sort((a, b) => a - b);
  const roomId = v.roomId || null;
  const telehealthUrl = v.telehealthUrl.trim() || null;
  const endsOn = v.endsOn || null;
  return {
    ...(v.title.trim() !== s.title ? { title: v.title.trim() } : {}),
    ...(!sameDays(weekdays, s.weekdays) ? { weekdays } : {}),
    ...(v.startTime !== s.startTime ? { startTime: v.startTime } : {}),
    ...(Number(v.durationMinutes) !== s.durationMinutes
      ? { durationMinutes: Number(v.durationMinutes) }
      : {}),
    ...(Number(v.capacity) !== s.capacity ? { capacity: Number(v.capacity) } : {}),
    ...(v.clinicianId !== s.clinicianId ? { clinicianId: v.clinicianId } : {}),
    ...(roomId !== s.roomId ? { roomId } : {}),
    ...(telehealthUrl !== s.telehealthUrl ? { telehealthUrl } : {}),
    ...(endsOn !== s.endsOn ? { endsOn } : {}),
  };
};

interface EditFormProps {
  /** The series as last read: its version is the one sent. */
  series: Series;
  rooms: readonly Room[];
  leaders: Option[];
  onClose: () => void;
  onSaved: (series: Series) => void;
  /** Someone else changed the series: read it again (what was typed stays in the form). */
  onStale: () => void;
}

const EditForm = ({ series, rooms, leaders, onClose, onSaved, onStale }: EditFormProps) => {
  const api = useApi();
  const [values, setValues] = useState<EditValues>(() => valuesOf(series));
  const [readFrom, setReadFrom] = useState(series);
  if (readFrom !== series) {
    setReadFrom(series);
    setValues((typed) => rebase(typed, valuesOf(readFrom), valuesOf(series)));
  }
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});
  const [unchanged, setUnchanged] = useState(false);
  const save = useSubmit((body: UpdateSeriesBody) => api.schedule.series.update(series.id, body));
  const errors = { ...save.errors, ...localErrors };
  const set = (patch: Partial<EditValues>) => {
    setUnchanged(false);
    setValues((v) => ({ ...v, ...patch }));
  };

  // A room out of use is offered for no change, but the series may still be held in it.
  const roomOptions: Option[] = rooms
    .filter((r) => r.active || r.id === series.roomId)
    .map((r) => ({ value: r.id, label: `${r.name} (${r.seats} seats${r.active ? '' : ', out of use'})` }));
  const leaderOptions = leaders.some((l) => l.value === series.clinicianId)
    ? leaders
    : [...leaders, { value: series.clinicianId, label: 'The current leader' }];
  const isGroup = series.kind === 'group';

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found = check(values, series);
    setLocalErrors(found);
    if (Object.keys(found).length > 0) return;
    const changes = changesOf(values, series);
    if (Object.keys(changes).length === 0) {
      setUnchanged(true);
      return;
    }
    const result = await save.run({ version: series.version, ...changes });
    if (result.ok) onSaved(result.value);
    else if (isStale(result)) onStale();
  };

  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <Stack gap="sm">
        <Text size="sm">
          Changes apply to every session not yet held. Held sessions keep their roll call; a single session
          moved or cancelled stays as it is.
        </Text>
        <ScheduleProblemAlert problem={save.problem} shownFields={FIELDS} />
        {Object.keys(localErrors).length > 0 && (
          <Text size="sm" c="red.8" role="alert">
            Check the highlighted fields.
          </Text>
        )}
        {unchanged && (
          <Text size="sm" role="status">
            Nothing to save: no field was changed.
          </Text>
        )}
        <TextInput
          label="Title"
          required
          value={values.title}
          onChange={(e) => set({ title: e.currentTarget.value })}
          error={errors['title']}
          data-autofocus
        />
        <Checkbox.Group
          label="Days"
          required
          value={values.weekdays}
          onChange={(weekdays) => set({ weekdays })}
          error={errors['weekdays']}
        >
          <Group gap="md" mt={6}>
            {WEEKDAY_NAMES.map((name, i) => (
              <Checkbox key={name} value={String(i + 1)} label={name} />
            ))}
          </Group>
        </Checkbox.Group>
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
          <TextInput
            label="Start time"
            description="Site time"
            type="time"
            required
            value={values.startTime}
            onChange={(e) => set({ startTime: e.currentTarget.value })}
            error={errors['startTime']}
          />
          <TextInput
            label="Duration (minutes)"
            inputMode="numeric"
            required
            value={values.durationMinutes}
            onChange={(e) => set({ durationMinutes: e.currentTarget.value })}
            error={errors['durationMinutes']}
          />
          {isGroup && (
            <TextInput
              label="Capacity"
              description="Places; a room or payer cap may lower it"
              inputMode="numeric"
              required
              value={values.capacity}
              onChange={(e) => set({ capacity: e.currentTarget.value })}
              error={errors['capacity']}
            />
          )}
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <NativeSelect
            label="Leader"
            required
            data={leaderOptions}
            value={values.clinicianId}
            onChange={(e) => set({ clinicianId: e.currentTarget.value })}
            error={errors['clinicianId']}
          />
          <NativeSelect
            label="Room"
            data={[{ value: '', label: 'Telehealth (no room)' }, ...roomOptions]}
            value={values.roomId}
            onChange={(e) => set({ roomId: e.currentTarget.value })}
            error={errors['roomId']}
          />
          <TextInput
            label="Telehealth link"
            description={
              values.roomId ? 'Optional: patients may also join by video' : 'An https link patients join by'
            }
            required={!values.roomId}
            value={values.telehealthUrl}
            onChange={(e) => set({ telehealthUrl: e.currentTarget.value })}
            error={errors['telehealthUrl']}
          />
          <TextInput
            label="Ends on"
            description="Optional: the last day it meets"
            type="date"
            min={series.startsOn}
            value={values.endsOn}
            onChange={(e) => set({ endsOn: e.currentTarget.value })}
            error={errors['endsOn']}
          />
        </SimpleGrid>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} disabled={save.pending}>
            Close
          </Button>
          <Button type="submit" loading={save.pending}>
            Save series
          </Button>
        </Group>
      </Stack>
    </form>
  );
};

interface SeriesEditDialogProps {
  seriesId: string;
  /** The series' title as the calendar showed it, for the dialog's name while it loads. */
  title: string;
  /** Every room of the series' site, in use or not. */
  rooms: readonly Room[];
  leaders: Option[];
  onClose: () => void;
  onSaved: (series: Series) => void;
}

/** "Edit series": the recurring session behind a calendar card, read fresh so its version is current. */
export const SeriesEditDialog = ({
  seriesId,
  title,
  rooms,
  leaders,
  onClose,
  onSaved,
}: SeriesEditDialogProps) => {
  const api = useApi();
  const series = useResource((signal) => api.schedule.series.get(seriesId, signal), [api, seriesId]);
  return (
    <Modal opened onClose={onClose} title={`Edit series: ${title}`} size="xl" centered>
      <AsyncState state={series.state} what="the series" onRetry={series.reload}>
        {(s) => (
          <EditForm
            series={s}
            rooms={rooms}
            leaders={leaders}
            onClose={onClose}
            onSaved={onSaved}
            onStale={series.reload}
          />
        )}
      </AsyncState>
    </Modal>
  );
};
