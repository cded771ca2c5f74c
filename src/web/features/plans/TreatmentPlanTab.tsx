import { Alert, Badge, Button, Group, Paper, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { useState } from 'react';
import type { PlanDueView, PlanVersion, TreatmentPlanOverview } from '../../../core/api/plans.js';
import type { Patient } from '../../../core/api/patients.js';
import type { SignatureProof } from '../../../core/api/signing.js';
import { DISORDER_NAMES } from '../../../core/diagnoses/substances.js';
import { AsyncState } from '../../components/AsyncState.js';
import { ProblemAlert } from '../../components/ProblemAlert.js';
import { TextLink } from '../../components/TextLink.js';
import { fieldErrors } from '../../api/problem.js';
import { formatDate, formatInstant } from '../../lib/dates.js';
import { useResource } from '../../lib/useResource.js';
import { useSubmit } from '../../lib/useSubmit.js';
import { useApi, useMe } from '../../session/SessionProvider.js';
import { PlanEditor } from './PlanEditor.js';
import { PlanPdfLink } from './PlanPdfLink.js';
import { PlanView } from './PlanView.js';
import { PatientSignDialog, SignDialog } from './SignDialog.js';

const DUE_COLOR = { overdue: 'red', due: 'warning', upcoming: 'gray' } as const;

const DueLine = ({ due }: { due: PlanDueView }) => (
  <Group gap="xs">
    <Badge color={DUE_COLOR[due.status]} variant={due.status === 'overdue' ? 'filled' : 'light'}>
      {due.status === 'overdue' ? 'Overdue' : due.status === 'due' ? 'Due' : 'Next'}
    </Badge>
    <Text size="sm">
      {due.kind === 'initial'
        ? 'First plan'
        : due.kind === 'segment_change'
          ? 'Review after level change'
          : 'Review'}{' '}
      by {formatDate(due.dueOn)}. {due.reason}
    </Text>
  </Group>
);

/** The signed version's remaining signatures: the patient's in person, the supervisor's co-signature. */
const CurrentSignatures = ({
  patient,
  plan,
  current,
  onChanged,
}: {
  patient: Patient;
  plan: TreatmentPlanOverview;
  current: PlanVersion;
  onChanged: () => void;
}) => {
  const api = useApi();
  const me = useMe();
  const [patientSigning, setPatientSigning] = useState(false);
  const [cosigning, setCosigning] = useState(false);
  const patientSign = useSubmit((typedName: string) =>
    api.treatmentPlans.patientSign(patient.id, current.id, { typedName, agreed: true }),
  );
  const cosign = useSubmit((proof: SignatureProof) =>
    api.treatmentPlans.cosign(patient.id, current.id, { proof }),
  );
  return (
    <Group gap="xs">
      {plan.mayWrite && current.patientSignedAt === null && (
        <Button variant="light" onClick={() => setPatientSigning(true)}>
          Patient signs on this device
        </Button>
      )}
      {plan.mayCosign && (
        <Button variant="light" color="success" onClick={() => setCosigning(true)}>
          Co-sign plan
        </Button>
      )}
      <PatientSignDialog
        opened={patientSigning}
        patientName={plan.patientName}
        witnessName={me.displayName}
        pending={patientSign.pending}
        problem={patientSign.problem}
        error={fieldErrors(patientSign.problem).typedName}
        onClose={() => setPatientSigning(false)}
        onSign={(typed) =>
          void patientSign.run(typed).then((r) => {
            if (r.ok) {
              setPatientSigning(false);
              onChanged();
            }
          })
        }
      />
      <SignDialog
        opened={cosigning}
        title="Co-sign the treatment plan"
        confirmLabel="Co-sign"
        pending={cosign.pending}
        problem={cosign.problem}
        onClose={() => setCosigning(false)}
        onSign={(proof) =>
          void cosign.run(proof).then((r) => {
            if (r.ok) {
              setCosigning(false);
              onChanged();
            }
          })
        }
      >
        You co-sign version {current.number}, written by {current.authorName}, as their supervisor.
      </SignDialog>
    </Group>
  );
};

/** Chart tab: the current plan, its history, the draft or review being written, and signatures. */
export const TreatmentPlanTab = ({ patient }: { patient: Patient }) => {
  const api = useApi();
  const overview = useResource(
    (signal) => api.treatmentPlans.overview(patient.id, signal),
    [api, patient.id],
  );
  const mayWrite = overview.state.data?.mayWrite === true;
  const support = useResource(
    async (signal) => {
      if (!mayWrite) return null;
      const [staff, diagnoses, templates] = await Promise.all([
        api.staff.list(undefined, signal),
        api.admission.diagnoses(patient.id, signal),
        api.treatmentPlans.templates(signal),
      ]);
      return { staff, diagnoses, templates };
    },
    [api, patient.id, mayWrite],
  );
  const start = useSubmit((startFrom: 'blank' | 'placement' | 'review') =>
    api.treatmentPlans.start(patient.id, { startFrom }),
  );
  const [viewing, setViewing] = useState<string | null>(null);
  const [signedMessage, setSignedMessage] = useState<string | null>(null);
  const history = useResource(
    (signal) => (viewing ? api.treatmentPlans.version(patient.id, viewing, signal) : Promise.resolve(null)),
    [api, patient.id, viewing],
  );

  return (
    <AsyncState state={overview.state} what="treatment plan" onRetry={overview.reload}>
      {(plan) => {
        const episodeOpen = patient.currentEpisode !== null;
        const supportData = support.state.data;
        return (
          <Stack gap="md">
            <Group justify="space-between">
              <Title order={2}>Treatment plan</Title>
              {plan.current && (
                <Group gap="md">
                  <TextLink to={`/patients/${patient.id}/treatment-plan/print/${plan.current.id}`}>
                    Printable view of version {plan.current.number}
                  </TextLink>
                  <PlanPdfLink
                    patientId={patient.id}
                    versionId={plan.current.id}
                    number={plan.current.number}
                  />
                </Group>
              )}
            </Group>
            {plan.due && <DueLine due={plan.due} />}
            {signedMessage && (
              <Alert
                color="success"
                variant="light"
                role="status"
                withCloseButton
                onClose={() => setSignedMessage(null)}
                closeButtonLabel="Dismiss"
              >
                {signedMessage}
              </Alert>
            )}
            {start.problem && <ProblemAlert problem={start.problem} />}

            {plan.draft && supportData ? (
              <PlanEditor
                key={plan.draft.id}
                patient={patient}
                draft={plan.draft}
                staff={supportData.staff}
                diagnoses={supportData.diagnoses.items
                  .filter((d) => d.status === 'active')
                  .map((d) => ({
                    id: d.id,
                    label: `${DISORDER_NAMES[d.substance]} (${d.icd10Code})`,
                  }))}
                templates={supportData.templates.items.filter((t) => t.active)}
                maySignReason={plan.maySignReason}
                onSigned={(v) => {
                  setSignedMessage(
                    `Version ${v.number} signed.${v.needsCosignature ? ` It now waits for ${v.cosignerName ?? 'your supervisor'}'s co-signature.` : ''} The patient can sign it now.`,
                  );
                  overview.reload();
                }}
                onDiscarded={overview.reload}
              />
            ) : plan.draft ? (
              <AsyncState state={support.state} what="plan editor" onRetry={support.reload}>
                {() => (
                  <Text size="sm" c="dimmed">
                    A draft (version {plan.draft?.number}) is being written by {plan.draft?.authorName}.
                  </Text>
                )}
              </AsyncState>
            ) : (
              mayWrite &&
              episodeOpen && (
                <Group gap="xs">
                  {plan.current ? (
                    <Button
                      onClick={() => void start.run('review').then((r) => r.ok && overview.reload())}
                      loading={start.pending}
                    >
                      Start review
                    </Button>
                  ) : (
                    <>
                      <Button
                        onClick={() => void start.run('placement').then((r) => r.ok && overview.reload())}
                        loading={start.pending}
                      >
                        Start from placement
                      </Button>
                      <Button
                        variant="default"
                        onClick={() => void start.run('blank').then((r) => r.ok && overview.reload())}
                        loading={start.pending}
                      >
                        Start a blank plan
                      </Button>
                    </>
                  )}
                </Group>
              )
            )}

            {plan.current ? (
              <Paper withBorder p="md">
                <Stack gap="sm">
                  <Group justify="space-between">
                    <Title order={3}>
                      Current plan: version {plan.current.number}
                      {plan.current.kind === 'review' ? ' (review)' : ''}
                    </Title>
                    <Text size="sm" c="dimmed">
                      Signed {formatInstant(plan.current.signedAt, patient.siteTimeZone)}
                    </Text>
                  </Group>
                  <CurrentSignatures
                    patient={patient}
                    plan={plan}
                    current={plan.current}
                    onChanged={overview.reload}
                  />
                  <PlanView version={plan.current} timeZone={patient.siteTimeZone} />
                </Stack>
              </Paper>
            ) : (
              !plan.draft && (
                <Text size="sm" c="dimmed" role="status">
                  {episodeOpen
                    ? 'No treatment plan yet.'
                    : 'No treatment plan: the patient has no open episode of care.'}
                </Text>
              )
            )}

            {plan.versions.length > 0 && (
              <section aria-labelledby="plan-history">
                <Title order={3} id="plan-history">
                  Version history
                </Title>
                <Table striped aria-labelledby="plan-history">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>Version</Table.Th>
                      <Table.Th>Kind</Table.Th>
                      <Table.Th>Status</Table.Th>
                      <Table.Th>Author</Table.Th>
                      <Table.Th>Signed</Table.Th>
                      <Table.Th>Patient</Table.Th>
                      <Table.Th>Co-signature</Table.Th>
                      <Table.Th>
                        <VisuallyHidden>Actions</VisuallyHidden>
                      </Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {plan.versions.map((v) => (
                      <Table.Tr key={v.id}>
                        <Table.Td>{v.number}</Table.Td>
                        <Table.Td>{v.kind === 'review' ? 'Review' : 'Initial'}</Table.Td>
                        <Table.Td>{v.status === 'signed' ? 'Signed' : 'Draft'}</Table.Td>
                        <Table.Td>{v.authorName}</Table.Td>
                        <Table.Td>{formatInstant(v.signedAt, patient.siteTimeZone)}</Table.Td>
                        <Table.Td>{v.patientSignedAt ? 'Signed' : '—'}</Table.Td>
                        <Table.Td>
                          {v.needsCosignature ? (v.cosignedAt ? 'Co-signed' : 'Awaited') : 'Not needed'}
                        </Table.Td>
                        <Table.Td>
                          {v.status === 'signed' && (
                            <Group gap="xs">
                              <Button
                                size="compact-xs"
                                variant="subtle"
                                onClick={() => setViewing(viewing === v.id ? null : v.id)}
                              >
                                {viewing === v.id ? `Hide version ${v.number}` : `Show version ${v.number}`}
                              </Button>
                              <TextLink to={`/patients/${patient.id}/treatment-plan/print/${v.id}`}>
                                Print {v.number}
                              </TextLink>
                              <PlanPdfLink patientId={patient.id} versionId={v.id} number={v.number} />
                            </Group>
                          )}
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
                {viewing && (
                  <AsyncState state={history.state} what="plan version">
                    {(version) =>
                      version ? <PlanView version={version} timeZone={patient.siteTimeZone} /> : null
                    }
                  </AsyncState>
                )}
              </section>
            )}
          </Stack>
        );
      }}
    </AsyncState>
  );
};
