import {
  Button,
  Checkbox,
  Group,
  Modal,
  NativeSelect,
  Radio,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { type FormEvent, useState } from 'react';
import type { CreateSeriesBody, Series } from '../../../core/api/schedule.js';
import { ProblemAlert } from '../../components/ProblemAlert.js';
import { useSubmit } from '../../lib/useSubmit.js';
import { useApi } from '../../session/SessionProvider.js';
import { WEEKDAY_NAMES } from './week.js';

type Option = { value: string; label: string };

const KINDS: Option[] = [
  { value: 'group', label: 'Group' },
  { value: 'individual', label: 'Individual' },
  { value: 'family', label: 'Family' },
  { value: 'medication', label: 'Medication management' },
  { value: 'case-management', label: 'Case management' },
];

interface SeriesValues {
  title: string;
  kind: string;
  weekdays: string[];
  startTime: string;
  durationMinutes: string;
  roomId: string;
  telehealthUrl: string;
  clinicianId: string;
  capacity: string;
  enrolment: 'rolling' | 'closed-cohort';
  trackId: string;
  startsOn: string;
  endsOn: string;
}

const FIELDS = [
  'title',
  'kind',
  'weekdays',
  'startTime',
  'durationMinutes',
  'roomId',
  'telehealthUrl',
  'clinicianId',
  'capacity',
  'enrolment',
  'trackId',
  'startsOn',
  'endsOn',
];

const check = (v: SeriesValues): Record<string, string> => {
  const errors: Record<string, string> = {};
  if (!v.title.trim()) errors['title'] = 'Give the series a title.';
  if (v.weekdays.length === 0) errors['weekdays'] = 'Choose at least one day.';
  if (!/^\d{2}:\d{2}$/.test(v.startTime)) errors['startTime'] = 'Enter a start time.';
  const duration = Number(v.durationMinutes);
  if (!Number.isInteger(duration) || duration < 1 || duration > 720)
    errors['durationMinutes'] = 'Whole minutes, 1 to 720.';
  if (!v.clinicianId) errors['clinicianId'] = 'Choose who leads it.';
  if (v.capacity.trim()) {
    const capacity = Number(v.capacity);
    if (!Number.isInteger(capacity) || capacity < 1 || capacity > 500)
      errors['capacity'] = 'Whole number, 1 to 500.';
  }
  if (!v.startsOn) errors['startsOn'] = 'Choose the first day.';
  if (v.endsOn && v.startsOn && v.endsOn < v.startsOn)
    errors['endsOn'] = 'Must be on or after the first day.';
  if (!v.roomId && v.telehealthUrl.trim() && !v.telehealthUrl.trim().startsWith('https://'))
    errors['telehealthUrl'] = 'Must be an https link.';
  return errors;
};

const toBody = (v: SeriesValues, siteId: string): CreateSeriesBody => ({
  siteId,
  kind: v.kind as CreateSeriesBody['kind'],
  title: v.title.trim(),
  clinicianId: v.clinicianId,
  roomId: v.roomId || null,
  telehealthUrl: v.roomId || !v.telehealthUrl.trim() ? null : v.telehealthUrl.trim(),
  ...(v.capacity.trim() ? { capacity: Number(v.capacity) } : {}),
  enrolment: v.enrolment,
  ...(v.trackId ? { trackId: v.trackId } : {}),
  weekdays: v.weekdays.map(Number).sort((a, b) => a - b),
  startTime: v.startTime,
  durationMinutes: Number(v.durationMinutes),
  startsOn: v.startsOn,
  endsOn: v.endsOn || null,
});

interface SeriesFormProps {
  opened: boolean;
  siteId: string;
  today: string;
  rooms: Option[];
  leaders: Option[];
  tracks: Option[];
  onClose: () => void;
  onCreated: (series: Series) => void;
}

/** A new recurring session. What was typed stays in the form after a refusal. */
export const SeriesForm = ({
  opened,
  siteId,
  today,
  rooms,
  leaders,
  tracks,
  onClose,
  onCreated,
}: SeriesFormProps) => {
  const api = useApi();
  const [values, setValues] = useState<SeriesValues>(() => ({
    title: '',
    kind: 'group',
    weekdays: [],
    startTime: '09:00',
    durationMinutes: '90',
    roomId: '',
    telehealthUrl: '',
    clinicianId: '',
    capacity: '12',
    enrolment: 'rolling',
    trackId: '',
    startsOn: today,
    endsOn: '',
  }));
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});
  const create = useSubmit(api.schedule.series.create);
  const errors = { ...create.errors, ...localErrors };
  const set = (patch: Partial<SeriesValues>) => setValues((v) => ({ ...v, ...patch }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found = check(values);
    setLocalErrors(found);
    if (Object.keys(found).length > 0) return;
    const result = await create.run(toBody(values, siteId));
    if (result.ok) onCreated(result.value);
  };

  return (
    <Modal opened={opened} onClose={onClose} title="New session series" size="xl" centered>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Stack gap="sm">
          <ProblemAlert problem={create.problem} shownFields={FIELDS} />
          {Object.keys(localErrors).length > 0 && (
            <Text size="sm" c="red.8" role="alert">
              Check the highlighted fields.
            </Text>
          )}
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <TextInput
              label="Title"
              required
              value={values.title}
              onChange={(e) => set({ title: e.currentTarget.value })}
              error={errors['title']}
              data-autofocus
            />
            <NativeSelect
              label="Kind"
              data={KINDS}
              value={values.kind}
              onChange={(e) => set({ kind: e.currentTarget.value })}
              error={errors['kind']}
            />
          </SimpleGrid>
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
            <TextInput
              label="Capacity"
              description="Seats; a room or payer cap may lower it"
              inputMode="numeric"
              value={values.capacity}
              onChange={(e) => set({ capacity: e.currentTarget.value })}
              error={errors['capacity']}
            />
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <NativeSelect
              label="Leader"
              required
              data={[{ value: '', label: 'Choose…' }, ...leaders]}
              value={values.clinicianId}
              onChange={(e) => set({ clinicianId: e.currentTarget.value })}
              error={errors['clinicianId']}
            />
            <NativeSelect
              label="Room"
              data={[{ value: '', label: 'Telehealth (no room)' }, ...rooms]}
              value={values.roomId}
              onChange={(e) => set({ roomId: e.currentTarget.value })}
              error={errors['roomId']}
            />
            {!values.roomId && (
              <TextInput
                label="Telehealth link"
                description="Optional: an https link"
                value={values.telehealthUrl}
                onChange={(e) => set({ telehealthUrl: e.currentTarget.value })}
                error={errors['telehealthUrl']}
              />
            )}
            <NativeSelect
              label="Track"
              data={[{ value: '', label: 'No track' }, ...tracks]}
              value={values.trackId}
              onChange={(e) => set({ trackId: e.currentTarget.value })}
              error={errors['trackId'] ?? errors['programId']}
            />
          </SimpleGrid>
          <Radio.Group
            label="Enrolment"
            value={values.enrolment}
            onChange={(value) => set({ enrolment: value === 'closed-cohort' ? 'closed-cohort' : 'rolling' })}
            error={errors['enrolment']}
          >
            <Group gap="lg" mt={6}>
              <Radio value="rolling" label="Rolling: new patients join at any time" />
              <Radio value="closed-cohort" label="Closed cohort: members join before it starts" />
            </Group>
          </Radio.Group>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <TextInput
              label="Starts on"
              type="date"
              required
              value={values.startsOn}
              onChange={(e) => set({ startsOn: e.currentTarget.value })}
              error={errors['startsOn']}
            />
            <TextInput
              label="Ends on"
              description="Optional"
              type="date"
              value={values.endsOn}
              onChange={(e) => set({ endsOn: e.currentTarget.value })}
              error={errors['endsOn']}
            />
          </SimpleGrid>
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose} disabled={create.pending}>
              Close
            </Button>
            <Button type="submit" loading={create.pending}>
              Create series
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
};
