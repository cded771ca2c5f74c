import {
  Badge,
  Button,
  Group,
  NativeSelect,
  Paper,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { type FormEvent, useState } from 'react';
import type { CaseNeed, CommunityReferral } from '../../../core/api/caseManagement.js';
import { NEED_DOMAIN_LABELS } from '../../../core/caseManagement/needs.js';
import {
  nextReferralStatuses,
  outcomeNoteRequired,
  REFERRAL_STATUS_LABELS,
  type ReferralStatus,
} from '../../../core/caseManagement/referrals.js';
import { formatPhone } from '../../../core/recovery/phone.js';
import { ProblemAlert } from '../../components/ProblemAlert.js';
import { formatDate, todayIn } from '../../lib/dates.js';
import { orDash } from '../../lib/format.js';
import { useSubmit } from '../../lib/useSubmit.js';
import { useApi } from '../../session/SessionProvider.js';
import { ReferralForm } from './ReferralForm.js';

const STATUS_COLOR: Record<ReferralStatus, string> = {
  planned: 'gray',
  sent: 'blue',
  accepted: 'indigo',
  declined: 'warning',
  completed: 'success',
  no_show: 'red',
};

/** Moves one referral on: the next status, when it happened, and what happened when it went wrong. */
const StatusChange = ({
  patientId,
  referral,
  timeZone,
  onSaved,
}: {
  patientId: string;
  referral: CommunityReferral;
  timeZone: string;
  onSaved: () => void;
}) => {
  const api = useApi();
  const next = nextReferralStatuses(referral.status);
  const [to, setTo] = useState<ReferralStatus | ''>('');
  const [on, setOn] = useState(() => todayIn(timeZone));
  const [note, setNote] = useState('');
  const update = useSubmit(() =>
    api.caseManagement.updateReferral(patientId, referral.id, {
      version: referral.version,
      ...(to ? { status: to } : {}),
      statusOn: on,
      ...(note.trim() ? { outcomeNote: note.trim() } : {}),
    }),
  );
  if (next.length === 0) return <Text size="xs">Final</Text>;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!to) return;
    const result = await update.run();
    // A refused stale change reloads the list; what was chosen stays in the form.
    if (result.ok || result.problem.code === 'STALE_VERSION') onSaved();
  };
  return (
    <form
      onSubmit={(event) => void submit(event)}
      noValidate
      aria-label={`Status of the referral to ${referral.organisation}`}
    >
      <Stack gap={4}>
        <ProblemAlert problem={update.problem} shownFields={['outcomeNote']} />
        <Group gap={4} wrap="nowrap" align="flex-end">
          <NativeSelect
            size="xs"
            label="Move to"
            data={[
              { value: '', label: 'Choose' },
              ...next.map((s) => ({ value: s, label: REFERRAL_STATUS_LABELS[s] })),
            ]}
            value={to}
            onChange={(event) => setTo(next.find((s) => s === event.currentTarget.value) ?? '')}
          />
          <TextInput
            size="xs"
            type="date"
            label="On"
            value={on}
            onChange={(event) => setOn(event.currentTarget.value)}
          />
          <Button size="xs" type="submit" disabled={!to} loading={update.pending}>
            Update
          </Button>
        </Group>
        {to && (
          <TextInput
            size="xs"
            label={outcomeNoteRequired(to) ? 'What happened (required)' : 'Outcome note (optional)'}
            maxLength={2000}
            value={note}
            onChange={(event) => setNote(event.currentTarget.value)}
            error={update.errors['outcomeNote']}
          />
        )}
      </Stack>
    </form>
  );
};

/** Referrals to outside organisations, newest first. */
export const ReferralsSection = ({
  patientId,
  timeZone,
  referrals,
  needs,
  canEdit,
  onChanged,
}: {
  patientId: string;
  timeZone: string;
  referrals: CommunityReferral[];
  needs: CaseNeed[];
  canEdit: boolean;
  onChanged: () => void;
}) => {
  const [adding, setAdding] = useState(false);
  return (
    <Stack gap="sm" component="section" aria-labelledby="referrals-title">
      <Group justify="space-between">
        <Title order={2} size="h4" id="referrals-title">
          Referrals to outside organisations
        </Title>
        {canEdit && !adding && (
          <Button size="xs" variant="light" onClick={() => setAdding(true)}>
            Add referral
          </Button>
        )}
      </Group>
      {adding && (
        <Paper withBorder p="md">
          <ReferralForm
            patientId={patientId}
            timeZone={timeZone}
            needs={needs}
            onSaved={() => {
              setAdding(false);
              onChanged();
            }}
            onCancel={() => setAdding(false)}
          />
        </Paper>
      )}
      {referrals.length === 0 ? (
        <Text size="sm" c="dimmed" role="status">
          No referrals yet.
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={860}>
          <Table aria-label="Referrals" verticalSpacing={4}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Organisation</Table.Th>
                <Table.Th scope="col">Domain</Table.Th>
                <Table.Th scope="col">Status</Table.Th>
                <Table.Th scope="col">Referred</Table.Th>
                <Table.Th scope="col">Sent</Table.Th>
                <Table.Th scope="col">Closed</Table.Th>
                <Table.Th scope="col">Outcome</Table.Th>
                {canEdit && <Table.Th scope="col">Change</Table.Th>}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {referrals.map((r) => (
                <Table.Tr key={r.id}>
                  <Table.Td>
                    <Text size="sm" fw={600}>
                      {r.organisation}
                    </Text>
                    {(r.contactName || r.phone) && (
                      <Text size="xs">
                        {[r.contactName, r.phone ? formatPhone(r.phone) : null].filter(Boolean).join(' · ')}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>{NEED_DOMAIN_LABELS[r.domain]}</Table.Td>
                  <Table.Td>
                    <Badge color={STATUS_COLOR[r.status]} variant="light">
                      {REFERRAL_STATUS_LABELS[r.status]}
                    </Badge>
                  </Table.Td>
                  <Table.Td>{formatDate(r.referredOn)}</Table.Td>
                  <Table.Td>{r.sentOn ? formatDate(r.sentOn) : '—'}</Table.Td>
                  <Table.Td>{r.closedOn ? formatDate(r.closedOn) : '—'}</Table.Td>
                  <Table.Td>
                    <Text size="sm">{orDash(r.outcomeNote)}</Text>
                  </Table.Td>
                  {canEdit && (
                    <Table.Td>
                      <StatusChange
                        key={`${r.id}-${r.status}`}
                        patientId={patientId}
                        referral={r}
                        timeZone={timeZone}
                        onSaved={onChanged}
                      />
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
};
