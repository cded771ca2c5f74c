import { Group, Radio, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import type { Inquiry } from '../../../core/api/intake.js';
import { type InquiryStage, STAGE_LABELS } from '../../../core/intake/stages.js';
import { ConfirmButton } from '../../components/ConfirmButton.js';
import { ProblemAlert } from '../../components/ProblemAlert.js';
import { addDays, todayIn, zonedToInstant } from '../../lib/dates.js';
import { isStale, useSubmit } from '../../lib/useSubmit.js';
import { useApi } from '../../session/SessionProvider.js';

const HINTS: Partial<Record<InquiryStage, string>> = {
  screened: 'The first screening call is done.',
  assessment_scheduled: 'A placement assessment is booked.',
  assessed: 'The assessment took place.',
  admitted: 'The person is admitted (needs a patient record).',
  referred_out: 'Referred to another level of care or provider.',
  closed: 'No further contact planned; say why.',
};

interface StageSectionProps {
  inquiry: Inquiry;
  onChanged: (inquiry: Inquiry) => void;
  onStale: () => void;
}

/** Moves the inquiry along the pipeline, with the reason or time a move needs, after a confirmation. */
export const StageSection = ({ inquiry, onChanged, onStale }: StageSectionProps) => {
  const api = useApi();
  const [to, setTo] = useState<InquiryStage | ''>('');
  const [reason, setReason] = useState('');
  const [date, setDate] = useState(() => addDays(todayIn(inquiry.siteTimeZone), 1));
  const [time, setTime] = useState('10:00');
  const [localError, setLocalError] = useState<Record<string, string>>({});
  const move = useSubmit((body: Parameters<typeof api.intake.moveStage>[1]) =>
    api.intake.moveStage(inquiry.id, body),
  );
  const errors = { ...move.errors, ...localError };

  if (inquiry.nextStages.length === 0) {
    return (
      <Stack gap="xs">
        <Title order={2} size="h4">
          Stage
        </Title>
        <Text size="sm">
          This inquiry is {STAGE_LABELS[inquiry.stage].toLowerCase()}: it does not move any more.
        </Text>
        {inquiry.closeReason && <Text size="sm">Reason: {inquiry.closeReason}</Text>}
      </Stack>
    );
  }

  const confirm = async () => {
    if (to === '') return;
    const found: Record<string, string> = {};
    if (to === 'closed' && !reason.trim()) found['reason'] = 'Say why the inquiry is closed.';
    const assessmentAt =
      to === 'assessment_scheduled' ? zonedToInstant(date, time, inquiry.siteTimeZone) : null;
    if (to === 'assessment_scheduled' && !assessmentAt) found['assessmentAt'] = 'Give the date and time.';
    setLocalError(found);
    if (Object.keys(found).length > 0) return;
    const result = await move.run({
      version: inquiry.version,
      to,
      ...(to === 'closed' ? { reason: reason.trim() } : {}),
      ...(assessmentAt ? { assessmentAt } : {}),
    });
    if (result.ok) {
      setTo('');
      setReason('');
      onChanged(result.value);
    } else if (isStale(result)) onStale();
  };

  return (
    <Stack gap="sm">
      <Title order={2} size="h4">
        Move to another stage
      </Title>
      <ProblemAlert problem={move.problem} shownFields={['reason', 'assessmentAt']} />
      <Radio.Group
        label={`Now: ${STAGE_LABELS[inquiry.stage]}. Next:`}
        value={to}
        onChange={(value) => setTo(inquiry.nextStages.find((s) => s === value) ?? '')}
      >
        <Stack gap={6} mt="xs">
          {inquiry.nextStages.map((s) => (
            <Radio key={s} value={s} label={STAGE_LABELS[s]} description={HINTS[s]} />
          ))}
        </Stack>
      </Radio.Group>
      {to === 'closed' && (
        <Textarea
          label="Why is it closed?"
          required
          autosize
          minRows={2}
          value={reason}
          onChange={(event) => setReason(event.currentTarget.value)}
          error={errors['reason']}
        />
      )}
      {to === 'assessment_scheduled' && (
        <Group align="flex-start">
          <TextInput
            label="Assessment date"
            type="date"
            required
            value={date}
            onChange={(event) => setDate(event.currentTarget.value)}
            error={errors['assessmentAt']}
          />
          <TextInput
            label="Time"
            description={`Site time (${inquiry.siteTimeZone})`}
            type="time"
            required
            value={time}
            onChange={(event) => setTime(event.currentTarget.value)}
          />
        </Group>
      )}
      <Group>
        <ConfirmButton
          disabled={to === ''}
          danger={to === 'closed'}
          title={to === '' ? 'Move' : `Move this inquiry to ${STAGE_LABELS[to].toLowerCase()}?`}
          message={
            to === 'closed' || to === 'referred_out' || to === 'admitted'
              ? 'This is a final stage: the inquiry cannot move again afterwards.'
              : 'The board will show the inquiry in its new stage.'
          }
          confirmLabel={to === '' ? 'Move' : `Move to ${STAGE_LABELS[to].toLowerCase()}`}
          onConfirm={confirm}
        >
          Move…
        </ConfirmButton>
      </Group>
    </Stack>
  );
};
