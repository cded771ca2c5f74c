import { Alert, Button, Group, Stack, Switch, TextInput, Title } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import type { Program, Track, WeeklySlot } from '../../../core/api/admin.js';
import { ProblemAlert } from '../../components/ProblemAlert.js';
import { isStale, useSubmit } from '../../lib/useSubmit.js';
import { useApi } from '../../session/SessionProvider.js';
import { checkPattern, weeklyHoursOf } from './weeklyPattern.js';
import { WeeklyPatternEditor } from './WeeklyPatternEditor.js';

interface TrackFormProps {
  program: Program;
  track: Track | null;
  onSaved: (track: Track) => void;
  onStale: () => void;
  onCancel: () => void;
}

const DEFAULT_PATTERN: WeeklySlot[] = [
  { weekday: 1, start: '09:00', end: '12:00' },
  { weekday: 3, start: '09:00', end: '12:00' },
  { weekday: 5, start: '09:00', end: '12:00' },
];

export const TrackForm = ({ program, track, onSaved, onStale, onCancel }: TrackFormProps) => {
  const api = useApi();
  const [name, setName] = useState(track?.name ?? '');
  const [pattern, setPattern] = useState<WeeklySlot[]>(track?.weeklyPattern ?? DEFAULT_PATTERN);
  const [active, setActive] = useState(track?.active ?? true);
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});
  const save = useSubmit(async () =>
    track
      ? api.admin.tracks.update(track.id, {
          version: track.version,
          name: name.trim(),
          weeklyPattern: pattern,
          active,
        })
      : api.admin.programs.addTrack(program.id, { name: name.trim(), weeklyPattern: pattern }),
  );
  const errors = { ...save.errors, ...localErrors };
  const hours = weeklyHoursOf(pattern);
  const outside =
    hours < program.minWeeklyHours || (program.maxWeeklyHours !== null && hours > program.maxWeeklyHours);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found = checkPattern(pattern);
    if (!name.trim()) found['name'] = 'Enter the track name.';
    setLocalErrors(found);
    if (Object.keys(found).length > 0) return;
    const result = await save.run();
    if (result.ok) onSaved(result.value);
    else if (isStale(result)) onStale();
  };

  return (
    <form onSubmit={(event) => void submit(event)} noValidate>
      <Stack gap="sm">
        <Title order={3} size="h5">
          {track ? `Edit track ${track.name}` : `New track in ${program.name}`}
        </Title>
        <ProblemAlert problem={save.problem} shownFields={['name']} />
        <TextInput
          label="Track name"
          description="E.g. Morning, Evening, Spanish-language"
          required
          maxLength={120}
          w={{ base: '100%', sm: 360 }}
          value={name}
          onChange={(event) => setName(event.currentTarget.value)}
          error={errors['name']}
          autoFocus
        />
        <WeeklyPatternEditor value={pattern} onChange={setPattern} errors={errors} />
        {outside && (
          <Alert color="warning" variant="light">
            {hours} hours a week is outside this program's range of {program.minWeeklyHours}
            {program.maxWeeklyHours === null ? ' hours or more' : `–${program.maxWeeklyHours} hours`}.
          </Alert>
        )}
        {track && (
          <Switch
            label="Track is active"
            checked={active}
            onChange={(e) => setActive(e.currentTarget.checked)}
          />
        )}
        <Group>
          <Button type="submit" loading={save.pending}>
            {track ? 'Save track' : 'Add track'}
          </Button>
          <Button variant="default" onClick={onCancel}>
            Cancel
          </Button>
        </Group>
      </Stack>
    </form>
  );
};
