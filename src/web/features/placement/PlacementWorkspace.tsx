import {
  Alert,
  Badge,
  Button,
  Divider,
  Group,
  Paper,
  Stack,
  Table,
  Text,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { useState } from 'react';
import { roleMayInquiry } from '../../../core/access/inquiryPolicy.js';
import { roleMay } from '../../../core/access/patientPolicy.js';
import type { PlacementAssessment, PlacementQuestions } from '../../../core/api/placement.js';
import type { Patient } from '../../../core/api/patients.js';
import type { PlacementOwner } from '../../api/placement.js';
import { AsyncState } from '../../components/AsyncState.js';
import { ProblemAlert } from '../../components/ProblemAlert.js';
import { formatDate } from '../../lib/dates.js';
import { useResource } from '../../lib/useResource.js';
import { useSubmit } from '../../lib/useSubmit.js';
import { useApi, useMe } from '../../session/SessionProvider.js';
import { AssessmentForm } from './AssessmentForm.js';
import { AssessmentSummary } from './AssessmentSummary.js';
import { ReferralsPanel } from './ReferralsPanel.js';

const AssessmentTable = ({
  items,
  onOpen,
}: {
  items: readonly PlacementAssessment[];
  onOpen: (a: PlacementAssessment) => void;
}) => (
  <Table.ScrollContainer minWidth={720}>
    <Table aria-label="Placement assessments">
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">Started</Table.Th>
          <Table.Th scope="col">Kind</Table.Th>
          <Table.Th scope="col">Status</Table.Th>
          <Table.Th scope="col">Recommended</Table.Th>
          <Table.Th scope="col">Decided</Table.Th>
          <Table.Th scope="col">Signed by</Table.Th>
          <Table.Th scope="col">
            <VisuallyHidden>Open</VisuallyHidden>
          </Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {items.map((a) => (
          <Table.Tr key={a.id}>
            <Table.Td>
              <Text size="sm">{formatDate(a.createdAt.slice(0, 10))}</Text>
              <Text size="xs" c="dimmed">
                {a.draftedBy.displayName}
              </Text>
            </Table.Td>
            <Table.Td>{a.kind === 'continuing_care' ? 'Continuing care' : 'Initial'}</Table.Td>
            <Table.Td>
              <Badge variant="light" color={a.status === 'signed' ? 'success' : 'gray'}>
                {a.status === 'signed' ? 'Signed' : 'Draft'}
              </Badge>
            </Table.Td>
            <Table.Td>{a.recommendedLevel ?? '—'}</Table.Td>
            <Table.Td>
              {a.finalLevel ?? '—'}{' '}
              {a.decision === 'overridden' && (
                <Badge size="xs" color="warning" variant="light">
                  Override
                </Badge>
              )}
            </Table.Td>
            <Table.Td>{a.signedBy?.displayName ?? '—'}</Table.Td>
            <Table.Td>
              <Button
                size="compact-sm"
                variant="default"
                onClick={() => onOpen(a)}
                aria-label={`Open the ${a.status} assessment started ${formatDate(a.createdAt.slice(0, 10))}`}
              >
                {a.status === 'draft' ? 'Continue' : 'Open'}
              </Button>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  </Table.ScrollContainer>
);

interface PlacementWorkspaceProps {
  owner: PlacementOwner;
  /** The chart's patient (null on an inquiry): its site's time zone and programs for a level change. */
  patient: Patient | null;
  /** An inquiry that became a patient: read here, continued on the chart. */
  converted?: boolean;
}

/**
 * Placement for one person (SPEC §3): their assessments, the guided form for a draft, the signed
 * result and decision, and referrals out. Mounted on the chart's Placement tab and on an inquiry.
 */
export const PlacementWorkspace = ({ owner, patient, converted = false }: PlacementWorkspaceProps) => {
  const api = useApi();
  const me = useMe();
  const questions = useResource((signal) => api.placement.questions(signal), [api]);
  const list = useResource((signal) => api.placement.assessments(owner, signal), [api, owner.kind, owner.id]);
  const [openId, setOpenId] = useState<string | null>(null);
  const mayDraft =
    owner.kind === 'patient'
      ? roleMay(me.role, 'placement.draft')
      : roleMayInquiry(me.role, 'inquiry.write') && !converted;
  const mayRefer =
    owner.kind === 'patient' ? roleMay(me.role, 'referral.write') : roleMayInquiry(me.role, 'inquiry.write');
  const start = useSubmit(() => api.placement.startAssessment(owner, {}));
  const items = list.state.data ?? [];
  const open = items.find((a) => a.id === openId) ?? null;

  const replace = (a: PlacementAssessment) => {
    list.setData(
      items.some((x) => x.id === a.id) ? items.map((x) => (x.id === a.id ? a : x)) : [a, ...items],
    );
  };

  return (
    <Stack gap="lg">
      <Group justify="space-between">
        <Title order={2} size="h4" id={`placement-${owner.id}`}>
          Placement
        </Title>
        {mayDraft && !open && (
          <Button
            variant="light"
            loading={start.pending}
            onClick={() =>
              void start.run().then((result) => {
                if (result.ok) {
                  replace(result.value);
                  setOpenId(result.value.id);
                }
              })
            }
          >
            Start a placement assessment
          </Button>
        )}
      </Group>
      {converted && (
        <Alert variant="light" color="blue">
          This inquiry is now a patient record: its assessments and referrals continue on the patient&apos;s
          chart.
        </Alert>
      )}
      <ProblemAlert problem={start.problem} />
      <AsyncState state={questions.state} what="the assessment questions" onRetry={questions.reload}>
        {(q: PlacementQuestions) =>
          open ? (
            <Paper withBorder p="md">
              {open.status === 'draft' && mayDraft ? (
                <AssessmentForm
                  key={open.id}
                  owner={owner}
                  assessment={open}
                  questions={q}
                  onSaved={replace}
                  onStale={list.reload}
                  onClose={() => setOpenId(null)}
                />
              ) : (
                <AssessmentSummary
                  assessment={open}
                  questions={q}
                  patient={patient}
                  mayApply={owner.kind === 'patient' && roleMay(me.role, 'episode.changeSegment')}
                  onChanged={replace}
                  onStale={list.reload}
                  onClose={() => setOpenId(null)}
                />
              )}
            </Paper>
          ) : (
            <AsyncState
              state={list.state}
              what="placement assessments"
              onRetry={list.reload}
              empty={
                mayDraft
                  ? 'No placement assessments yet. Start one to rate the six dimensions.'
                  : 'No placement assessments yet.'
              }
            >
              {(loaded) => <AssessmentTable items={loaded} onOpen={(a) => setOpenId(a.id)} />}
            </AsyncState>
          )
        }
      </AsyncState>
      <Divider />
      <ReferralsPanel owner={owner} assessments={items} mayWrite={mayRefer && !converted} />
    </Stack>
  );
};

/** The chart's Placement tab. */
export const PlacementTab = ({ patient }: { patient: Patient }) => (
  <PlacementWorkspace owner={{ kind: 'patient', id: patient.id }} patient={patient} />
);

/** For the inquiry page: the placement of someone who has no chart yet. */
export const InquiryPlacementSection = ({
  inquiryId,
  converted,
}: {
  inquiryId: string;
  converted: boolean;
}) => <PlacementWorkspace owner={{ kind: 'inquiry', id: inquiryId }} patient={null} converted={converted} />;
