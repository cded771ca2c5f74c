import { Badge, Group, List, Stack, Table, Text, Title } from '@mantine/core';
import type { PlanVersion, ReviewedObjective } from '../../../core/api/plans.js';
import { DIMENSIONS } from '../../../core/placement/ruleTable.js';
import { PROGRESS_LABELS } from '../../../core/plans/review.js';
import { formatDate, formatInstant } from '../../lib/dates.js';
import { humanize } from '../../lib/format.js';

const PURPOSE_LABELS = {
  author: 'Clinician',
  cosigner: 'Supervisor (co-signature)',
  patient: 'Patient',
} as const;
const METHOD_LABELS = {
  password: 'password',
  totp: 'authenticator code',
  in_person: 'in person, witnessed',
  portal: 'patient portal',
} as const;

/** The notes that addressed an objective since the reviewed version was signed. */
export const AddressingNotes = ({ objective }: { objective: ReviewedObjective }) => {
  if (objective.notes === null) return null;
  if (objective.notes.length === 0)
    return (
      <Text size="sm" c="dimmed">
        No signed note addressed this objective since the last signature.
      </Text>
    );
  return (
    <List size="sm" aria-label="Notes that addressed this objective">
      {objective.notes.map((n) => (
        <List.Item key={n.noteId}>
          {formatDate(n.serviceDate)} — {n.title} ({humanize(n.noteType)}, {n.authorName})
        </List.Item>
      ))}
    </List>
  );
};

/** One version of a plan as the chart and the print show it: content, review, signatures. */
export const PlanView = ({ version, timeZone }: { version: PlanVersion; timeZone: string }) => {
  const progressById = new Map(version.progress.map((p) => [p.objectiveId, p]));
  return (
    <Stack gap="md">
      {version.content.problems.map((problem, p) => (
        <section key={problem.id} aria-labelledby={`problem-${problem.id}`}>
          <Title order={4} id={`problem-${problem.id}`}>
            Problem {p + 1}: {problem.statement || '(not described yet)'}
          </Title>
          <Group gap="xs" mt={4}>
            {problem.dimensions.map((d) => (
              <Badge key={d} variant="light" color="indigo">
                Dimension {DIMENSIONS[d].number}: {DIMENSIONS[d].label}
              </Badge>
            ))}
          </Group>
          {problem.goals.map((goal, g) => (
            <Stack key={goal.id} gap={4} mt="sm" pl="md">
              <Text fw={600}>
                Goal {g + 1}: “{goal.statement || '…'}”
              </Text>
              <Table withTableBorder striped aria-label={`Objectives of goal ${g + 1} of problem ${p + 1}`}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Objective</Table.Th>
                    <Table.Th>Target date</Table.Th>
                    <Table.Th>Interventions</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {goal.objectives.map((objective) => (
                    <Table.Tr key={objective.id}>
                      <Table.Td>{objective.statement}</Table.Td>
                      <Table.Td>{formatDate(objective.targetDate)}</Table.Td>
                      <Table.Td>
                        {objective.interventions.map((i) => (
                          <Text size="sm" key={i.id}>
                            {i.description} — {humanize(i.modality)}, {i.frequency}
                            {i.responsibleUserId ? ` (${version.staffNames[i.responsibleUserId] ?? ''})` : ''}
                          </Text>
                        ))}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Stack>
          ))}
        </section>
      ))}
      {version.reviewOf && (
        <section aria-labelledby={`review-${version.id}`}>
          <Title order={4} id={`review-${version.id}`}>
            Review of version {version.reviewOf.number} (signed{' '}
            {formatInstant(version.reviewOf.signedAt, timeZone)})
          </Title>
          <Stack gap="xs" mt="xs">
            {version.reviewOf.objectives.map((o) => {
              const progress = progressById.get(o.objectiveId);
              return (
                <div key={o.objectiveId}>
                  <Text size="sm" fw={600}>
                    {o.statement} — {progress?.status ? PROGRESS_LABELS[progress.status] : 'not recorded'}
                  </Text>
                  {progress?.comment && <Text size="sm">{progress.comment}</Text>}
                  <AddressingNotes objective={o} />
                </div>
              );
            })}
          </Stack>
        </section>
      )}
      <section aria-labelledby={`signatures-${version.id}`}>
        <Title order={4} id={`signatures-${version.id}`}>
          Signatures
        </Title>
        {version.signatures.length === 0 ? (
          <Text size="sm" c="dimmed">
            Not signed yet.
          </Text>
        ) : (
          <List size="sm">
            {version.signatures.map((s) => (
              <List.Item key={s.purpose}>
                {PURPOSE_LABELS[s.purpose]}: {s.signerName}
                {s.credential ? `, ${s.credential}` : ''} — {formatInstant(s.signedAt, timeZone)} (
                {METHOD_LABELS[s.method]})
              </List.Item>
            ))}
          </List>
        )}
        {version.needsCosignature && !version.cosignedAt && (
          <Text size="sm" c="warning.9">
            Awaiting co-signature by {version.cosignerName ?? 'the supervisor'}.
          </Text>
        )}
      </section>
    </Stack>
  );
};
