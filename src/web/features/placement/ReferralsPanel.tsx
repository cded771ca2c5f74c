import {
  Alert,
  Badge,
  Button,
  Group,
  NativeSelect,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { type FormEvent, useState } from 'react';
import type { PlacementAssessment, ReferralOut } from '../../../core/api/placement.js';
import { LEVELS_OF_CARE, type LevelOfCare } from '../../../core/care/levels.js';
import type { PlacementOwner } from '../../api/placement.js';
import type { ProblemDetails } from '../../api/problem.js';
import { AsyncState } from '../../components/AsyncState.js';
import { ProblemAlert } from '../../components/ProblemAlert.js';
import { formatDate } from '../../lib/dates.js';
import { levelLabel } from '../../lib/format.js';
import { useResource } from '../../lib/useResource.js';
import { isStale, useSubmit } from '../../lib/useSubmit.js';
import { useApi } from '../../session/SessionProvider.js';

const STATUS: Record<ReferralOut['status'], { label: string; color: string }> = {
  draft: { label: 'Draft', color: 'gray' },
  blocked_no_consent: { label: 'Blocked: no consent', color: 'red' },
  sent: { label: 'Sent', color: 'success' },
};

const ReferralForm = ({
  owner,
  assessments,
  onCreated,
  onCancel,
}: {
  owner: PlacementOwner;
  assessments: readonly PlacementAssessment[];
  onCreated: (r: ReferralOut) => void;
  onCancel: () => void;
}) => {
  const api = useApi();
  const signed = assessments.filter((a) => a.status === 'signed');
  const [toOrganization, setToOrganization] = useState('');
  const [level, setLevel] = useState<LevelOfCare>('RES');
  const [assessmentId, setAssessmentId] = useState(signed[0]?.id ?? '');
  const create = useSubmit(() =>
    api.placement.createReferral(owner, {
      toOrganization: toOrganization.trim(),
      level,
      ...(assessmentId ? { assessmentId } : {}),
    }),
  );
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const result = await create.run();
    if (result.ok) onCreated(result.value);
  };
  return (
    <form onSubmit={(e) => void submit(e)} noValidate aria-labelledby="new-referral-heading">
      <Stack gap="sm">
        <Title order={4} size="h6" id="new-referral-heading">
          New referral out
        </Title>
        <Group grow align="flex-start">
          <TextInput
            label="Refer to"
            description="The program or provider"
            required
            maxLength={200}
            value={toOrganization}
            onChange={(e) => setToOrganization(e.currentTarget.value)}
            error={create.errors['toOrganization']}
          />
          <NativeSelect
            label="Level of care"
            required
            data={LEVELS_OF_CARE.map((l) => ({ value: l, label: levelLabel(l) }))}
            value={level}
            onChange={(e) => setLevel(e.currentTarget.value as LevelOfCare)}
            error={create.errors['level']}
          />
          <NativeSelect
            label="Assessment it rests on"
            data={[
              { value: '', label: 'None' },
              ...assessments.map((a) => ({
                value: a.id,
                label: `${formatDate(a.createdAt.slice(0, 10))} · ${a.status === 'signed' ? `${a.finalLevel ?? ''} (signed)` : 'draft'}`,
              })),
            ]}
            value={assessmentId}
            onChange={(e) => setAssessmentId(e.currentTarget.value)}
            error={create.errors['assessmentId']}
          />
        </Group>
        <ProblemAlert problem={create.problem} shownFields={['toOrganization', 'level', 'assessmentId']} />
        <Group>
          <Button type="submit" loading={create.pending}>
            Save referral
          </Button>
          <Button variant="default" onClick={onCancel}>
            Cancel
          </Button>
        </Group>
      </Stack>
    </form>
  );
};

/**
 * Referrals out (SPEC §3): to whom, at what level, and where the packet stands. Sending the packet
 * passes the consent gate (SPEC §10), which refuses until consents exist: the refusal and its reason
 * are shown, and the referral is marked blocked.
 */
export const ReferralsPanel = ({
  owner,
  assessments,
  mayWrite,
}: {
  owner: PlacementOwner;
  assessments: readonly PlacementAssessment[];
  mayWrite: boolean;
}) => {
  const api = useApi();
  const referrals = useResource(
    (signal) => api.placement.referrals(owner, signal),
    [api, owner.kind, owner.id],
  );
  const [adding, setAdding] = useState(false);
  const [refusal, setRefusal] = useState<{ id: string; problem: ProblemDetails } | null>(null);
  const send = useSubmit((r: ReferralOut) => api.placement.sendReferral(owner, r.id, r.version));

  const sendPacket = async (r: ReferralOut) => {
    setRefusal(null);
    const result = await send.run(r);
    if (!result.ok) {
      if (!isStale(result)) setRefusal({ id: r.id, problem: result.problem });
      referrals.reload();
    } else referrals.reload();
  };

  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Title order={3} size="h5" id={`referrals-${owner.id}`}>
          Referrals out
        </Title>
        {mayWrite && !adding && (
          <Button variant="light" size="xs" onClick={() => setAdding(true)}>
            Refer out
          </Button>
        )}
      </Group>
      {adding && (
        <ReferralForm
          owner={owner}
          assessments={assessments}
          onCancel={() => setAdding(false)}
          onCreated={() => {
            setAdding(false);
            referrals.reload();
          }}
        />
      )}
      {refusal && (
        <Alert
          color="red"
          variant="light"
          role="alert"
          title={refusal.problem.code === 'NO_CONSENT_ON_FILE' ? 'Not sent: no consent on file' : 'Not sent'}
          withCloseButton
          closeButtonLabel="Dismiss"
          onClose={() => setRefusal(null)}
        >
          <Text size="sm">{refusal.problem.detail}</Text>
          {refusal.problem.code === 'NO_CONSENT_ON_FILE' && (
            <Text size="sm" mt={4}>
              A referral packet is SUD information: it leaves the program only with the patient&apos;s written
              consent (42 CFR Part 2). Nothing was sent.
            </Text>
          )}
        </Alert>
      )}
      <AsyncState
        state={referrals.state}
        what="referrals"
        onRetry={referrals.reload}
        empty="No referrals out."
      >
        {(list) => (
          <Table.ScrollContainer minWidth={640}>
            <Table aria-labelledby={`referrals-${owner.id}`}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">To</Table.Th>
                  <Table.Th scope="col">Level</Table.Th>
                  <Table.Th scope="col">Status</Table.Th>
                  <Table.Th scope="col">Created</Table.Th>
                  {mayWrite && <Table.Th scope="col">Packet</Table.Th>}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.map((r) => (
                  <Table.Tr key={r.id}>
                    <Table.Td>{r.toOrganization}</Table.Td>
                    <Table.Td>{levelLabel(r.level)}</Table.Td>
                    <Table.Td>
                      <Badge variant="light" color={STATUS[r.status].color}>
                        {STATUS[r.status].label}
                      </Badge>
                      {r.statusReason && (
                        <Text size="xs" c="dimmed">
                          {r.statusReason}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{formatDate(r.createdAt.slice(0, 10))}</Text>
                      <Text size="xs" c="dimmed">
                        {r.createdBy.displayName}
                      </Text>
                    </Table.Td>
                    {mayWrite && (
                      <Table.Td>
                        {r.status !== 'sent' && (
                          <Button
                            size="compact-sm"
                            variant="default"
                            loading={send.pending}
                            aria-label={`Send the referral packet to ${r.toOrganization}`}
                            onClick={() => void sendPacket(r)}
                          >
                            Send packet
                          </Button>
                        )}
                      </Table.Td>
                    )}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </AsyncState>
    </Stack>
  );
};
