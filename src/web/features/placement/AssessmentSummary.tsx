import {
  Alert,
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
import type { PlacementAssessment, PlacementQuestions } from '../../../core/api/placement.js';
import type { Patient } from '../../../core/api/patients.js';
import { LEVELS_OF_CARE, type LevelOfCare } from '../../../core/care/levels.js';
import { AsyncState } from '../../components/AsyncState.js';
import { Facts } from '../../components/Facts.js';
import { ProblemAlert } from '../../components/ProblemAlert.js';
import { formatDate, formatInstant, todayIn } from '../../lib/dates.js';
import { useResource } from '../../lib/useResource.js';
import { isStale, useSubmit } from '../../lib/useSubmit.js';
import { useApi } from '../../session/SessionProvider.js';
import { placementLevelLabel, SEVERITY_TEXT } from './placementForm.js';
import { RecommendationPanel } from './RecommendationPanel.js';

const isCareLevel = (level: string | null): level is LevelOfCare =>
  level !== null && (LEVELS_OF_CARE as readonly string[]).includes(level);

/** Moves the patient to the decided level: closes the current segment and opens one linked to this assessment. */
const ApplyLevelForm = ({
  patient,
  assessment,
  level,
  onApplied,
  onStale,
}: {
  patient: Patient;
  assessment: PlacementAssessment;
  level: LevelOfCare;
  onApplied: (a: PlacementAssessment) => void;
  onStale: () => void;
}) => {
  const api = useApi();
  const programs = useResource((signal) => api.programs.list(signal), [api]);
  const today = todayIn(patient.siteTimeZone);
  const [programId, setProgramId] = useState('');
  const [trackId, setTrackId] = useState('');
  const [startOn, setStartOn] = useState(today);
  const [backdateReason, setBackdateReason] = useState('');
  const apply = useSubmit(() =>
    api.placement.applyAssessment(patient.id, assessment.id, {
      version: assessment.version,
      programId,
      ...(trackId ? { trackId } : {}),
      startOn,
      ...(startOn < today && backdateReason.trim() ? { backdateReason: backdateReason.trim() } : {}),
    }),
  );

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const result = await apply.run();
    if (result.ok) onApplied(result.value.assessment);
    else if (isStale(result)) onStale();
  };

  return (
    <AsyncState state={programs.state} what="programs" onRetry={programs.reload}>
      {(list) => {
        const offered = list.filter(
          (p) => p.active && p.siteId === patient.siteId && p.levelOfCare === level,
        );
        if (offered.length === 0)
          return (
            <Alert color="warning" variant="light" title={`No ${level} program at this site`}>
              {level} is not offered here: refer out to a program that offers it (Referrals below).
            </Alert>
          );
        const program = offered.find((p) => p.id === programId);
        const tracks = (program?.tracks ?? []).filter((t) => t.active);
        return (
          <form onSubmit={(e) => void submit(e)} noValidate>
            <Stack gap="sm">
              <Title order={3} size="h5">
                Change the level of care to {level}
              </Title>
              <Group align="flex-start" grow>
                <NativeSelect
                  label="Program"
                  required
                  data={[
                    { value: '', label: 'Choose a program' },
                    ...offered.map((p) => ({ value: p.id, label: p.name })),
                  ]}
                  value={programId}
                  onChange={(e) => {
                    setProgramId(e.currentTarget.value);
                    setTrackId('');
                  }}
                  error={apply.errors['programId']}
                />
                <NativeSelect
                  label="Track"
                  data={[
                    { value: '', label: 'No track' },
                    ...tracks.map((t) => ({ value: t.id, label: t.name })),
                  ]}
                  value={trackId}
                  onChange={(e) => setTrackId(e.currentTarget.value)}
                  disabled={!program}
                  error={apply.errors['trackId']}
                />
                <TextInput
                  type="date"
                  label="Starts on"
                  required
                  max={today}
                  value={startOn}
                  onChange={(e) => setStartOn(e.currentTarget.value)}
                  error={apply.errors['startOn']}
                />
              </Group>
              {startOn < today && (
                <TextInput
                  label="Why the change is recorded late"
                  required
                  value={backdateReason}
                  onChange={(e) => setBackdateReason(e.currentTarget.value)}
                  error={apply.errors['backdateReason']}
                />
              )}
              <ProblemAlert
                problem={apply.problem}
                shownFields={['programId', 'trackId', 'startOn', 'backdateReason']}
              />
              <Group>
                <Button type="submit" loading={apply.pending} disabled={!programId}>
                  Change level to {level}
                </Button>
              </Group>
            </Stack>
          </form>
        );
      }}
    </AsyncState>
  );
};

/** A signed assessment (or a draft for those who only read): ratings, the stored result, the decision. */
export const AssessmentSummary = ({
  assessment,
  questions,
  patient,
  mayApply,
  onChanged,
  onStale,
  onClose,
}: {
  assessment: PlacementAssessment;
  questions: PlacementQuestions;
  patient: Patient | null;
  mayApply: boolean;
  onChanged: (a: PlacementAssessment) => void;
  onStale: () => void;
  onClose: () => void;
}) => {
  const a = assessment;
  const final = a.finalLevel;
  const canApply =
    mayApply &&
    patient !== null &&
    a.status === 'signed' &&
    a.kind === 'continuing_care' &&
    a.appliedSegmentId === null &&
    a.currentLevel !== null &&
    isCareLevel(final) &&
    final !== a.currentLevel;
  const timeZone = patient?.siteTimeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;

  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Title order={2} size="h4">
          {a.kind === 'continuing_care' ? 'Continuing-care reassessment' : 'Placement assessment'}{' '}
          <Badge variant="light" color={a.status === 'signed' ? 'success' : 'gray'}>
            {a.status === 'signed' ? 'Signed' : 'Draft'}
          </Badge>
        </Title>
        <Button variant="subtle" onClick={onClose}>
          Close
        </Button>
      </Group>
      {a.status === 'signed' && (
        <Facts
          items={[
            ['Recommended', placementLevelLabel(a.recommendedLevel)],
            [
              'Decision',
              a.decision === 'overridden' ? (
                <>
                  Overridden to {placementLevelLabel(final)}{' '}
                  <Badge size="xs" color="warning" variant="light">
                    Override
                  </Badge>
                </>
              ) : (
                `Accepted: ${placementLevelLabel(final)}`
              ),
            ],
            ['Signed', `${a.signedBy?.displayName ?? '—'}, ${formatInstant(a.signedAt, timeZone)}`],
            ...(a.overrideReason ? ([['Override reason', a.overrideReason]] as const) : []),
            ['Rule table', a.tableVersion ?? '—'],
            ['DSM-5 severity', a.severity ? SEVERITY_TEXT[a.severity] : 'Not recorded'],
            ...(a.kind === 'continuing_care'
              ? ([['Level now', a.currentLevel ?? 'Episode closed']] as const)
              : []),
          ]}
        />
      )}
      {a.status === 'draft' && (
        <Text size="sm">
          Drafted by {a.draftedBy.displayName} on {formatDate(a.createdAt.slice(0, 10))}; not signed yet.
        </Text>
      )}
      <Table.ScrollContainer minWidth={560}>
        <Table aria-label="Dimension ratings">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Dimension</Table.Th>
              <Table.Th scope="col">Suggested</Table.Th>
              <Table.Th scope="col">Rated</Table.Th>
              <Table.Th scope="col">Note</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {questions.dimensions.map((d) => (
              <Table.Tr key={d.id}>
                <Table.Td>
                  {d.number}. {d.label}
                </Table.Td>
                <Table.Td>{a.suggestions[d.id].rating}</Table.Td>
                <Table.Td>{a.ratings[d.id] ?? '—'}</Table.Td>
                <Table.Td>
                  <Text size="sm">{a.ratingNotes[d.id] ?? ''}</Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {a.result && (
        <Paper withBorder p="md">
          <RecommendationPanel result={a.result} idPrefix={`stored-${a.id}`} heading="Result when signed" />
        </Paper>
      )}
      {a.appliedSegmentId !== null && (
        <Alert color="success" variant="light">
          The level of care was changed to {final} with this assessment linked to the new enrolment segment.
        </Alert>
      )}
      {canApply && patient && isCareLevel(final) && (
        <Paper withBorder p="md">
          <ApplyLevelForm
            patient={patient}
            assessment={a}
            level={final}
            onApplied={onChanged}
            onStale={onStale}
          />
        </Paper>
      )}
    </Stack>
  );
};
