import { Badge, Button, Group, Stack, Textarea, Title } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import type { ChangeSegmentBody, Episode, Patient } from '../../../core/api/patients.js';
import { type LevelOfCare, levelRank } from '../../../core/care/levels.js';
import { ProblemAlert } from '../../components/ProblemAlert.js';
import { todayIn } from '../../lib/dates.js';
import { isStale, useSubmit } from '../../lib/useSubmit.js';
import { useApi } from '../../session/SessionProvider.js';
import { ClinicianSelect } from './ClinicianSelect.js';
import { DateWithBackdate, checkDate } from './DateWithBackdate.js';
import { type Placement, PlacementFields } from './PlacementFields.js';
import { type PickLists, programsAt } from './usePickLists.js';

interface ChangeLevelFormProps {
  patient: Patient;
  episode: Episode;
  pickLists: PickLists;
  onDone: () => void;
  onStale: () => void;
  onCancel: () => void;
}

const FIELDS = [
  'programId',
  'trackId',
  'levelOfCare',
  'startOn',
  'primaryClinicianId',
  'reason',
  'backdateReason',
];

const direction = (from: LevelOfCare, to: LevelOfCare): { label: string; color: string } => {
  const change = levelRank(to) - levelRank(from);
  if (change > 0) return { label: `Step up: ${from} → ${to}`, color: 'warning' };
  if (change < 0) return { label: `Step down: ${from} → ${to}`, color: 'success' };
  return { label: `Same level (${to}): program or track change`, color: 'gray' };
};

/** Step-up or step-down inside the episode: closes the current segment and opens the next (SPEC §2). */
export const ChangeLevelForm = ({
  patient,
  episode,
  pickLists,
  onDone,
  onStale,
  onCancel,
}: ChangeLevelFormProps) => {
  const api = useApi();
  const current = episode.segments.at(-1);
  const programs = programsAt(pickLists.programs, patient.siteId);
  const today = todayIn(patient.siteTimeZone);
  const [placement, setPlacement] = useState<Placement>({
    programId: current?.programId ?? '',
    trackId: current?.trackId ?? '',
    levelOfCare: current?.levelOfCare ?? 'IOP',
  });
  const [startOn, setStartOn] = useState(today);
  const [reason, setReason] = useState('');
  const [backdateReason, setBackdateReason] = useState('');
  const [clinicianId, setClinicianId] = useState('');
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});
  const change = useSubmit((body: ChangeSegmentBody) =>
    api.patients.changeSegment(patient.id, episode.id, body),
  );
  const errors = { ...change.errors, ...localErrors };
  const move = current ? direction(current.levelOfCare, placement.levelOfCare) : null;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found = checkDate(startOn, backdateReason, today, 'startOn');
    if (!placement.programId) found['programId'] = 'Choose a program.';
    if (!reason.trim()) found['reason'] = 'Say why the level of care changes.';
    setLocalErrors(found);
    if (Object.keys(found).length > 0) return;
    const result = await change.run({
      version: episode.version,
      programId: placement.programId,
      trackId: placement.trackId || null,
      levelOfCare: placement.levelOfCare,
      startOn,
      reason: reason.trim(),
      ...(clinicianId ? { primaryClinicianId: clinicianId } : {}),
      ...(startOn < today ? { backdateReason: backdateReason.trim() } : {}),
    });
    if (result.ok) onDone();
    else if (isStale(result)) onStale();
  };

  return (
    <form onSubmit={(event) => void submit(event)} noValidate>
      <Stack gap="sm">
        <Group gap="sm">
          <Title order={3} size="h5">
            Change level of care
          </Title>
          {move && (
            <Badge variant="light" color={move.color} aria-live="polite">
              {move.label}
            </Badge>
          )}
        </Group>
        <ProblemAlert
          problem={change.problem}
          shownFields={FIELDS}
          staleMessage="The episode changed while you were working on it. It has been reloaded and your entries are kept: check them and save again."
        />
        <PlacementFields programs={programs} value={placement} onChange={setPlacement} errors={errors} />
        <Textarea
          label="Reason for the change"
          description="E.g. the placement reassessment, attendance, or clinical change that justifies it."
          required
          autosize
          minRows={2}
          maxLength={1000}
          value={reason}
          onChange={(event) => setReason(event.currentTarget.value)}
          error={errors['reason']}
        />
        <DateWithBackdate
          label="Effective date"
          date={startOn}
          reason={backdateReason}
          today={today}
          onDate={setStartOn}
          onReason={setBackdateReason}
          errors={errors}
          dateField="startOn"
        />
        <ClinicianSelect
          label="Primary clinician"
          clinicians={pickLists.clinicians}
          value={clinicianId}
          onChange={setClinicianId}
          error={errors['primaryClinicianId']}
        />
        <Group>
          <Button type="submit" loading={change.pending}>
            Save level change
          </Button>
          <Button variant="default" onClick={onCancel}>
            Cancel
          </Button>
        </Group>
      </Stack>
    </form>
  );
};
