import { Alert, Button, Group, List, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import type { ClosurePreview, CreatedClosure } from '../../../core/api/schedule.js';
import { fieldErrors } from '../../api/problem.js';
import { ProblemAlert } from '../../components/ProblemAlert.js';
import { formatDate } from '../../lib/dates.js';
import { useResource } from '../../lib/useResource.js';
import { useSubmit } from '../../lib/useSubmit.js';
import { useApi } from '../../session/SessionProvider.js';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
/** Sessions listed in the preview before the rest are only counted. */
const LISTED = 12;

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** What closing these days would do, in a sentence and the first sessions. */
const PreviewSummary = ({ preview }: { preview: ClosurePreview }) => {
  if (preview.sessionCount === 0)
    return (
      <Text size="sm" role="status">
        No sessions are scheduled on these days: closing cancels nothing.
      </Text>
    );
  const rest = preview.sessions.length - LISTED;
  return (
    <Alert color="warning" variant="light" title="What closing cancels" role="status">
      <Text size="sm">
        {plural(preview.sessionCount, 'session', 'sessions')} will be cancelled, and{' '}
        {plural(preview.patientCount, 'booked patient', 'booked patients')} told. Each leader gets a task
        listing their sessions.
      </Text>
      <List size="sm" mt="xs">
        {preview.sessions.slice(0, LISTED).map((s) => (
          <List.Item key={s.key}>
            {formatDate(s.localDate)} {s.localStartTime} · {s.title} ·{' '}
            {plural(s.bookedCount, 'patient', 'patients')}
          </List.Item>
        ))}
        {rest > 0 && <List.Item>and {plural(rest, 'more session', 'more sessions')}</List.Item>}
      </List>
    </Alert>
  );
};

interface ClosureFormProps {
  siteId: string;
  /** The site's today: the first day offered. */
  today: string;
  onCreated: (created: CreatedClosure) => void;
  onCancel: () => void;
}

/**
 * A closure of whole days (a holiday, a snow day, training). As soon as the days are set, the form
 * shows what closing them would cancel, from the server's preview, before anything is saved.
 */
export const ClosureForm = ({ siteId, today, onCreated, onCancel }: ClosureFormProps) => {
  const api = useApi();
  const [fromDate, setFromDate] = useState(today);
  const [toDate, setToDate] = useState(today);
  const [reason, setReason] = useState('');
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});
  const spanReady = ISO_DATE.test(fromDate) && ISO_DATE.test(toDate) && toDate >= fromDate;
  const preview = useResource(
    (signal) =>
      spanReady ? api.schedule.closures.preview({ siteId, fromDate, toDate }, signal) : Promise.resolve(null),
    [api, siteId, fromDate, toDate, spanReady],
  );
  const create = useSubmit(() =>
    api.schedule.closures.create({ siteId, reason: reason.trim(), fromDate, toDate }),
  );
  const previewProblem = preview.state.status === 'error' ? preview.state.problem : null;
  const errors = { ...fieldErrors(previewProblem), ...create.errors, ...localErrors };
  /** A field's own message goes once it is changed. */
  const edited = (field: string) => setLocalErrors(({ [field]: _gone, ...rest }) => rest);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found: Record<string, string> = {};
    if (!ISO_DATE.test(fromDate)) found['fromDate'] = 'Choose the first day closed.';
    if (!ISO_DATE.test(toDate)) found['toDate'] = 'Choose the last day closed.';
    else if (toDate < fromDate) found['toDate'] = 'Must be on or after the first day.';
    if (!reason.trim()) found['reason'] = 'Say why the site is closed; patients are told.';
    setLocalErrors(found);
    if (Object.keys(found).length > 0) return;
    const result = await create.run();
    if (result.ok) onCreated(result.value);
  };

  const shown = preview.state.status === 'error' ? null : preview.state.data;
  return (
    <form onSubmit={(event) => void submit(event)} noValidate aria-label="New closure">
      <Stack gap="sm">
        <Title order={2} size="h4">
          New closure
        </Title>
        <ProblemAlert problem={create.problem} shownFields={['fromDate', 'toDate', 'reason']} />
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
          <TextInput
            label="First day closed"
            type="date"
            required
            value={fromDate}
            onChange={(event) => {
              const value = event.currentTarget.value;
              edited('fromDate');
              setFromDate(value);
              // A one-day closure is the usual case: the last day follows the first until changed.
              if (toDate === fromDate || toDate < value) setToDate(value);
            }}
            error={errors['fromDate']}
          />
          <TextInput
            label="Last day closed"
            type="date"
            required
            value={toDate}
            onChange={(event) => {
              edited('toDate');
              setToDate(event.currentTarget.value);
            }}
            error={errors['toDate']}
          />
          <TextInput
            label="Reason"
            description="Patients and leaders are told this."
            required
            maxLength={200}
            value={reason}
            onChange={(event) => {
              edited('reason');
              setReason(event.currentTarget.value);
            }}
            error={errors['reason']}
          />
        </SimpleGrid>
        <div aria-live="polite">
          {spanReady && shown === undefined && (
            <Text size="sm" c="dimmed" role="status">
              Loading what closing cancels…
            </Text>
          )}
          {shown && <PreviewSummary preview={shown} />}
          {previewProblem && !previewProblem.fields?.length && <ProblemAlert problem={previewProblem} />}
        </div>
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel} disabled={create.pending}>
            Cancel
          </Button>
          <Button type="submit" loading={create.pending} color={shown?.sessionCount ? 'red' : undefined}>
            {shown?.sessionCount
              ? `Close and cancel ${plural(shown.sessionCount, 'session', 'sessions')}`
              : 'Close the site'}
          </Button>
        </Group>
      </Stack>
    </form>
  );
};
