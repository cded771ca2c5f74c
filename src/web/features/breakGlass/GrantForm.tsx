import { Alert, Button, Group, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import type { BreakGlassBody, PatientStub } from '../../../core/api/audit.js';
import { Facts } from '../../components/Facts.js';
import { ProblemAlert } from '../../components/ProblemAlert.js';
import { formatDate } from '../../lib/dates.js';
import { useSubmit } from '../../lib/useSubmit.js';
import { useApi } from '../../session/SessionProvider.js';

const MIN_REASON = 10;

interface GrantFormProps {
  stub: PatientStub;
  onGranted: (patientId: string) => void;
  onCancel: () => void;
}

/** The minimal stub, then a typed reason before the chart opens. */
export const GrantForm = ({ stub, onGranted, onCancel }: GrantFormProps) => {
  const api = useApi();
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | undefined>();
  const grant = useSubmit((body: BreakGlassBody) => api.breakGlass.grant(body));
  const headingRef = useRef<HTMLHeadingElement>(null);
  const length = reason.trim().length;

  useEffect(() => headingRef.current?.focus(), []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (length < MIN_REASON) {
      setReasonError(`Give a reason of at least ${MIN_REASON} characters.`);
      return;
    }
    setReasonError(undefined);
    const result = await grant.run({ patientId: stub.id, reason: reason.trim() });
    if (result.ok) onGranted(result.value.patientId);
  };

  return (
    <Paper withBorder p="md">
      <form onSubmit={(event) => void submit(event)} noValidate>
        <Stack gap="sm">
          <Title order={2} size="h4" ref={headingRef} tabIndex={-1}>
            {stub.name}
          </Title>
          <Facts
            items={[
              ['Date of birth', formatDate(stub.dateOfBirth)],
              ['MRN', stub.mrn],
            ]}
          />
          <Alert color="warning" variant="light" title="This access is audited and reported">
            Opening this chart records your name, the time and your reason, and reports them to supervisors.
            Use it only when the patient's care needs it now.
          </Alert>
          <ProblemAlert problem={grant.problem} shownFields={['reason']} />
          <Textarea
            label="Reason for access"
            description={`At least ${MIN_REASON} characters, e.g. "Covering the crisis line; patient called in distress."`}
            required
            autosize
            minRows={3}
            maxLength={1000}
            value={reason}
            onChange={(event) => setReason(event.currentTarget.value)}
            error={reasonError ?? grant.errors['reason']}
          />
          <Text size="xs" c="dimmed" aria-live="polite">
            {length < MIN_REASON ? `${MIN_REASON - length} more characters needed` : 'Reason is long enough'}
          </Text>
          <Group>
            <Button type="submit" color="red" loading={grant.pending}>
              Open chart
            </Button>
            <Button variant="default" onClick={onCancel}>
              Look up someone else
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
};
