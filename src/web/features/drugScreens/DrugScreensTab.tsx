import {
  Alert,
  Badge,
  Button,
  Group,
  List,
  Paper,
  Stack,
  Table,
  Text,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { Fragment, useState } from 'react';
import { roleMay } from '../../../core/access/patientPolicy.js';
import type { DrugScreen, RecordedDrugScreen } from '../../../core/api/drugScreens.js';
import type { Patient } from '../../../core/api/patients.js';
import { ANALYTE_INFO } from '../../../core/screens/analytes.js';
import { analyteCodes } from '../../../core/screens/labels.js';
import { SCREEN_METHOD_LABELS, SPECIMEN_LABELS } from '../../../core/screens/panels.js';
import { AsyncState } from '../../components/AsyncState.js';
import { formatDate, todayIn } from '../../lib/dates.js';
import { useResource } from '../../lib/useResource.js';
import { useApi, useMe } from '../../session/SessionProvider.js';
import { useInboxCount } from '../../shell/InboxCount.js';
import { findingSentences, quietSentences } from './interpretationText.js';
import { RecordScreenForm } from './RecordScreenForm.js';
import { ScreenDetails } from './ScreenDetails.js';

const summary = (s: DrugScreen): string => {
  if (s.refused) return 'Refused';
  const notNegative = s.results.filter((r) => r.result !== 'negative');
  if (notNegative.length === 0) return 'All negative';
  return notNegative.map((r) => `${ANALYTE_INFO[r.analyte].code} ${r.result}`).join(', ');
};

const ReviewBadges = ({ screen }: { screen: DrugScreen }) => {
  const r = screen.interpretation;
  if (!r.needsReview && !r.specimenRefused)
    return (
      <Text size="sm" c="dimmed">
        —
      </Text>
    );
  return (
    <Group gap={4}>
      {r.unexpectedPositives.length > 0 && (
        <Badge color="red" variant="light" size="sm">
          Unexpected {analyteCodes(r.unexpectedPositives)}
        </Badge>
      )}
      {r.expectedNegatives.map((e) => (
        <Badge key={e.medicationId} color="red" variant="light" size="sm">
          Expected {e.label} not detected
        </Badge>
      ))}
      {(r.specimenRefused || r.specimenIssues.length > 0) && (
        <Badge color="warning" variant="light" size="sm">
          Specimen issue
        </Badge>
      )}
    </Group>
  );
};

/** What the last save found and who was alerted; said once, right after saving. */
const SavedNotice = ({ saved, onDismiss }: { saved: RecordedDrugScreen; onDismiss: () => void }) => {
  const findings = findingSentences(saved.screen.interpretation, saved.alertsRaised);
  return (
    <Alert
      color={findings.length > 0 ? 'warning' : 'success'}
      variant="light"
      role="status"
      title={findings.length > 0 ? 'Screen saved: needs review' : 'Screen saved'}
      withCloseButton
      closeButtonLabel="Dismiss"
      onClose={onDismiss}
    >
      <List size="sm" spacing={2}>
        {[...findings, ...quietSentences(saved.screen.interpretation)].map((line) => (
          <List.Item key={line}>{line}</List.Item>
        ))}
      </List>
    </Alert>
  );
};

/** Drug screens in the chart (SPEC §9): newest first, the reading of each, recording and correcting. */
export const DrugScreensTab = ({ patient, onChanged }: { patient: Patient; onChanged: () => void }) => {
  const api = useApi();
  const me = useMe();
  const inbox = useInboxCount();
  const canWrite = roleMay(me.role, 'screen.write');
  const screens = useResource((signal) => api.drugScreens.list(patient.id, signal), [api, patient.id]);
  const today = screens.state.data?.today ?? todayIn(patient.siteTimeZone);
  /** `new`, the original id of a screen being corrected, or nothing. */
  const [editing, setEditing] = useState<string | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const [saved, setSaved] = useState<RecordedDrugScreen | null>(null);
  const [conflict, setConflict] = useState(false);
  const items = screens.state.data?.items ?? [];
  const correcting = items.find((s) => s.originalId === editing) ?? null;

  return (
    <Stack gap="md">
      <section aria-labelledby="drug-screens-heading">
        <Group justify="space-between" mb="xs">
          <Title order={2} size="h4" id="drug-screens-heading">
            Drug screens
          </Title>
          {canWrite && editing === null && (
            <Button
              variant="light"
              onClick={() => {
                setSaved(null);
                setEditing('new');
              }}
            >
              Record a screen
            </Button>
          )}
        </Group>
        <Stack gap="sm">
          {saved && <SavedNotice saved={saved} onDismiss={() => setSaved(null)} />}
          {conflict && (
            <Alert
              color="red"
              variant="light"
              role="alert"
              withCloseButton
              closeButtonLabel="Dismiss"
              onClose={() => setConflict(false)}
            >
              Someone corrected this screen first. The list now shows their version; your entries are still in
              the form. Cancel, or correct the new version.
            </Alert>
          )}
          {editing !== null && (editing === 'new' || correcting) && (
            <Paper withBorder p="md">
              <RecordScreenForm
                key={editing}
                patientId={patient.id}
                today={today}
                screens={items}
                correcting={correcting}
                onSaved={(result) => {
                  setEditing(null);
                  setConflict(false);
                  setSaved(result);
                  screens.reload();
                  if (result.alertsRaised.some((a) => !a.alreadyOpen)) {
                    inbox.refresh();
                    onChanged();
                  }
                }}
                onConflict={() => {
                  setConflict(true);
                  screens.reload();
                }}
                onCancel={() => {
                  setEditing(null);
                  setConflict(false);
                }}
              />
            </Paper>
          )}
          <AsyncState
            state={screens.state}
            what="drug screens"
            onRetry={screens.reload}
            isEmpty={(list) => list.items.length === 0}
            empty="No drug screens recorded yet."
          >
            {(list) => (
              <Table.ScrollContainer minWidth={760}>
                <Table aria-label="Drug screens" verticalSpacing="xs">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th scope="col">Collected</Table.Th>
                      <Table.Th scope="col">Screen</Table.Th>
                      <Table.Th scope="col">Results</Table.Th>
                      <Table.Th scope="col">Needs review</Table.Th>
                      <Table.Th scope="col">
                        <VisuallyHidden>Actions</VisuallyHidden>
                      </Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {list.items.map((s) => (
                      <Fragment key={s.id}>
                        <Table.Tr>
                          <Table.Td>
                            <Text size="sm">{formatDate(s.collectedOn)}</Text>
                          </Table.Td>
                          <Table.Td>
                            <Text size="sm">{s.panelName}</Text>
                            <Text size="xs">
                              {SPECIMEN_LABELS[s.specimen]} · {SCREEN_METHOD_LABELS[s.method]}
                            </Text>
                            {s.history.length > 0 && (
                              <Badge variant="outline" size="xs" color="gray">
                                Corrected
                              </Badge>
                            )}
                            {s.confirms && (
                              <Text size="xs">
                                Confirms the screen of {formatDate(s.confirms.collectedOn)}
                              </Text>
                            )}
                            {s.confirmedBy.length > 0 && <Text size="xs">Laboratory result recorded</Text>}
                          </Table.Td>
                          <Table.Td>
                            <Text size="sm">{summary(s)}</Text>
                          </Table.Td>
                          <Table.Td>
                            <ReviewBadges screen={s} />
                          </Table.Td>
                          <Table.Td>
                            <Group gap={4} wrap="nowrap">
                              <Button
                                size="compact-sm"
                                variant="default"
                                aria-expanded={open === s.id}
                                aria-controls={`screen-details-${s.id}`}
                                aria-label={`Details of the screen collected ${formatDate(s.collectedOn)}`}
                                onClick={() => setOpen((current) => (current === s.id ? null : s.id))}
                              >
                                Details
                              </Button>
                              {canWrite && (
                                <Button
                                  size="compact-sm"
                                  variant="default"
                                  aria-label={`Correct the screen collected ${formatDate(s.collectedOn)}`}
                                  onClick={() => {
                                    setSaved(null);
                                    setEditing(s.originalId);
                                  }}
                                >
                                  Correct
                                </Button>
                              )}
                            </Group>
                          </Table.Td>
                        </Table.Tr>
                        {open === s.id && (
                          <Table.Tr id={`screen-details-${s.id}`}>
                            <Table.Td colSpan={5}>
                              <ScreenDetails screen={s} timeZone={patient.siteTimeZone} />
                            </Table.Td>
                          </Table.Tr>
                        )}
                      </Fragment>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            )}
          </AsyncState>
        </Stack>
      </section>
    </Stack>
  );
};
