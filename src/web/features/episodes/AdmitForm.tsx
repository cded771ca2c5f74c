import { Button, Group, Stack, Text, Title } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import type { AdmitBody, Patient } from '../../../core/api/patients.js';
import { ProblemAlert } from '../../components/ProblemAlert.js';
import { MissingPaperwork, missingPaperworkOf } from '../admission/MissingPaperwork.js';
import { todayIn } from '../../lib/dates.js';
import { useSubmit } from '../../lib/useSubmit.js';
import { useApi, useMe } from '../../session/SessionProvider.js';
import { ClinicianSelect } from './ClinicianSelect.js';
import { DateWithBackdate, checkDate } from './DateWithBackdate.js';
import { type Placement, PlacementFields } from './PlacementFields.js';
import { type PickLists, programsAt } from './usePickLists.js';

interface AdmitFormProps {
  patient: Patient;
  pickLists: PickLists;
  onDone: () => void;
  onCancel: () => void;
}

const FIELDS = ['programId', 'trackId', 'levelOfCare', 'startOn', 'primaryClinicianId', 'backdateReason'];

/** Opens an episode of care with its first segment. */
export const AdmitForm = ({ patient, pickLists, onDone, onCancel }: AdmitFormProps) => {
  const api = useApi();
  const me = useMe();
  const programs = programsAt(pickLists.programs, patient.siteId);
  const today = todayIn(patient.siteTimeZone);
  const first = programs.length === 1 ? programs[0] : undefined;
  const [placement, setPlacement] = useState<Placement>({
    programId: first?.id ?? '',
    trackId: first?.tracks.find((t) => t.active)?.id ?? '',
    levelOfCare: first?.levelOfCare ?? 'IOP',
  });
  const [startOn, setStartOn] = useState(today);
  const [backdateReason, setBackdateReason] = useState('');
  const [clinicianId, setClinicianId] = useState(
    patient.primaryClinician?.id ?? (pickLists.clinicians.some((c) => c.id === me.id) ? me.id : ''),
  );
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});
  const admit = useSubmit((body: AdmitBody) => api.patients.admit(patient.id, body));
  const errors = { ...admit.errors, ...localErrors };
  const missingPaperwork = missingPaperworkOf(admit.problem);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found = checkDate(startOn, backdateReason, today, 'startOn');
    if (!placement.programId) found['programId'] = 'Choose a program.';
    if (!clinicianId) found['primaryClinicianId'] = 'Choose the primary clinician.';
    setLocalErrors(found);
    if (Object.keys(found).length > 0) return;
    const result = await admit.run({
      programId: placement.programId,
      trackId: placement.trackId || null,
      levelOfCare: placement.levelOfCare,
      startOn,
      primaryClinicianId: clinicianId,
      ...(startOn < today ? { backdateReason: backdateReason.trim() } : {}),
    });
    if (result.ok) onDone();
  };

  return (
    <form onSubmit={(event) => void submit(event)} noValidate>
      <Stack gap="sm">
        <Title order={3} size="h5">
          Admit to a program
        </Title>
        {programs.length === 0 && (
          <Text size="sm" c="red.9">
            This site has no active programs. An administrator adds them under Admin → Programs.
          </Text>
        )}
        {missingPaperwork.length > 0 ? (
          <MissingPaperwork patientId={patient.id} missing={missingPaperwork} />
        ) : (
          <ProblemAlert problem={admit.problem} shownFields={FIELDS} />
        )}
        <PlacementFields programs={programs} value={placement} onChange={setPlacement} errors={errors} />
        <DateWithBackdate
          label="Start date"
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
          required
          clinicians={pickLists.clinicians}
          current={patient.primaryClinician}
          value={clinicianId}
          onChange={setClinicianId}
          error={errors['primaryClinicianId']}
        />
        <Group>
          <Button type="submit" loading={admit.pending} disabled={programs.length === 0}>
            Save admission
          </Button>
          <Button variant="default" onClick={onCancel}>
            Cancel
          </Button>
        </Group>
      </Stack>
    </form>
  );
};
