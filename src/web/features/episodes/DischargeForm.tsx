import { Button, Group, Modal, NativeSelect, Stack, Text, Textarea, Title } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import type { DischargeBody, Episode, Patient } from '../../../core/api/patients.js';
import { DISCHARGE_LABELS, DISCHARGE_TYPES, type DischargeType } from '../../../core/care/levels.js';
import { ProblemAlert } from '../../components/ProblemAlert.js';
import { formatDate, todayIn } from '../../lib/dates.js';
import { isStale, useSubmit } from '../../lib/useSubmit.js';
import { useApi } from '../../session/SessionProvider.js';
import { DateWithBackdate, checkDate } from './DateWithBackdate.js';

interface DischargeFormProps {
  patient: Patient;
  episode: Episode;
  onDone: () => void;
  onStale: () => void;
  onCancel: () => void;
}

const FIELDS = ['dischargeType', 'dischargedOn', 'note', 'backdateReason'];

/** Ends the episode (SPEC §11). Step-up and step-down are level changes, not discharges. */
export const DischargeForm = ({ patient, episode, onDone, onStale, onCancel }: DischargeFormProps) => {
  const api = useApi();
  const today = todayIn(patient.siteTimeZone);
  const [type, setType] = useState<DischargeType | ''>('');
  const [dischargedOn, setDischargedOn] = useState(today);
  const [note, setNote] = useState('');
  const [backdateReason, setBackdateReason] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});
  const discharge = useSubmit((body: DischargeBody) => api.patients.discharge(patient.id, episode.id, body));
  const errors = { ...discharge.errors, ...localErrors };

  const review = (event: FormEvent) => {
    event.preventDefault();
    const found = checkDate(dischargedOn, backdateReason, today, 'dischargedOn');
    if (!type) found['dischargeType'] = 'Choose how the episode ended.';
    else if (dischargedOn && dischargedOn < episode.admittedOn) {
      found['dischargedOn'] =
        `The discharge date cannot be before admission (${formatDate(episode.admittedOn)}).`;
    }
    setLocalErrors(found);
    if (Object.keys(found).length === 0) setConfirming(true);
  };

  const confirm = async () => {
    if (!type) return;
    const result = await discharge.run({
      version: episode.version,
      dischargeType: type,
      dischargedOn,
      ...(note.trim() ? { note: note.trim() } : {}),
      ...(dischargedOn < today ? { backdateReason: backdateReason.trim() } : {}),
    });
    setConfirming(false);
    if (result.ok) onDone();
    else if (isStale(result)) onStale();
  };

  return (
    <form onSubmit={review} noValidate>
      <Stack gap="sm">
        <Title order={3} size="h5">
          Discharge
        </Title>
        <Text size="sm" c="dimmed">
          Ends the episode that began {formatDate(episode.admittedOn)}. To move the patient to another level
          of care here, use “Change level of care” instead.
        </Text>
        <ProblemAlert
          problem={discharge.problem}
          shownFields={FIELDS}
          staleMessage="The episode changed while you were working on it. It has been reloaded and your entries are kept: check them and discharge again."
        />
        <NativeSelect
          label="Discharge type"
          required
          w={{ base: '100%', sm: 360 }}
          data={[
            { value: '', label: 'Choose a discharge type' },
            ...DISCHARGE_TYPES.map((t) => ({ value: t, label: DISCHARGE_LABELS[t] })),
          ]}
          value={type}
          onChange={(event) => setType(DISCHARGE_TYPES.find((t) => t === event.currentTarget.value) ?? '')}
          error={errors['dischargeType']}
        />
        <DateWithBackdate
          label="Discharge date"
          date={dischargedOn}
          reason={backdateReason}
          today={today}
          onDate={setDischargedOn}
          onReason={setBackdateReason}
          errors={errors}
          dateField="dischargedOn"
        />
        <Textarea
          label="Discharge note"
          autosize
          minRows={2}
          maxLength={2000}
          value={note}
          onChange={(event) => setNote(event.currentTarget.value)}
          error={errors['note']}
        />
        <Group>
          <Button type="submit" color="red">
            End episode
          </Button>
          <Button variant="default" onClick={onCancel}>
            Cancel
          </Button>
        </Group>
      </Stack>
      <Modal opened={confirming} onClose={() => setConfirming(false)} title="End this episode?" centered>
        <Text size="sm">
          {patient.firstName} {patient.lastName} will be discharged on {formatDate(dischargedOn)} (
          {type ? DISCHARGE_LABELS[type] : ''}). The episode closes and cannot be reopened; a return to care
          is a new admission.
        </Text>
        <Group justify="flex-end" mt="lg">
          <Button variant="default" onClick={() => setConfirming(false)} disabled={discharge.pending}>
            Go back
          </Button>
          <Button color="red" loading={discharge.pending} onClick={() => void confirm()} data-autofocus>
            Yes, end the episode
          </Button>
        </Group>
      </Modal>
    </form>
  );
};
