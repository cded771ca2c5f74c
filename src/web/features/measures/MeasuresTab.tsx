import { Alert, Button, Group, SimpleGrid, Stack, Title } from '@mantine/core';
import { type ReactNode, useState } from 'react';
import { roleMay } from '../../../core/access/patientPolicy.js';
import type { AdministeredMeasure, Instrument, MeasureResponse } from '../../../core/api/measures.js';
import type { Patient } from '../../../core/api/patients.js';
import { AsyncState } from '../../components/AsyncState.js';
import { useResource } from '../../lib/useResource.js';
import { useApi, useMe } from '../../session/SessionProvider.js';
import { useInboxCount } from '../../shell/InboxCount.js';
import { DueList } from './DueList.js';
import { GiveMeasureForm } from './GiveMeasureForm.js';
import { ResponsesTable } from './ResponsesTable.js';
import { SafetyAssessmentList } from './SafetyAssessmentList.js';
import { type SafetyAssessmentTarget, SafetyAssessmentModal } from './SafetyAssessmentModal.js';
import { SafetyBanner } from './SafetyBanner.js';
import { TrendChart } from './TrendChart.js';

const Section = ({
  id,
  title,
  action,
  children,
}: {
  id: string;
  title: string;
  action?: ReactNode;
  children: ReactNode;
}) => (
  <section aria-labelledby={id}>
    <Group justify="space-between" mb="xs">
      <Title order={2} size="h4" id={id}>
        {title}
      </Title>
      {action}
    </Group>
    {children}
  </section>
);

const TrendPanel = ({ patient, instrument }: { patient: Patient; instrument: string }) => {
  const api = useApi();
  const trend = useResource(
    (signal) => api.measures.trend(patient.id, instrument, signal),
    [api, patient.id, instrument],
  );
  return (
    <AsyncState state={trend.state} what="trend" onRetry={trend.reload}>
      {(t) => <TrendChart trend={t} timeZone={patient.siteTimeZone} />}
    </AsyncState>
  );
};

/** Instruments with a total that the patient has results for, in catalogue order. */
const chartedInstruments = (responses: MeasureResponse[], instruments: Instrument[]): string[] => {
  const given = new Set(responses.filter((r) => r.total !== null).map((r) => r.instrument));
  return instruments.filter((i) => i.totalRange !== null && given.has(i.code)).map((i) => i.code);
};

/** Measurement-based care in the chart (SPEC §4): what is due, giving a measure, trends, results, safety. */
export const MeasuresTab = ({ patient, onChanged }: { patient: Patient; onChanged: () => void }) => {
  const api = useApi();
  const me = useMe();
  const inbox = useInboxCount();
  const canGive = roleMay(me.role, 'measure.administer');
  const canDocument = roleMay(me.role, 'safety.document');
  const instruments = useResource((signal) => api.measures.instruments(signal), [api]);
  const due = useResource((signal) => api.measures.due(patient.id, signal), [api, patient.id]);
  const responses = useResource(
    (signal) => api.measures.list(patient.id, { limit: 100 }, signal),
    [api, patient.id],
  );
  const assessments = useResource(
    (signal) => api.measures.safetyAssessments(patient.id, signal),
    [api, patient.id],
  );
  const [giving, setGiving] = useState<string | null>(null);
  const [saved, setSaved] = useState<AdministeredMeasure | null>(null);
  const [documenting, setDocumenting] = useState<SafetyAssessmentTarget | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const afterSave = (result: AdministeredMeasure) => {
    setGiving(null);
    setSaved(result);
    setNotice(null);
    due.reload();
    responses.reload();
    if (result.alertsRaised.length > 0) {
      inbox.refresh();
      onChanged();
    }
  };

  const safety = saved?.alertsRaised.some((a) => a.kind === 'safety') ? saved : null;
  const savedSummary =
    saved && !safety
      ? `${saved.response.shortName} saved${saved.response.total !== null ? `: ${saved.response.total}${saved.response.band ? `, ${saved.response.band.label.toLowerCase()}` : ''}` : ''}.` +
        (saved.alertsRaised.length > 0
          ? ` A review alert went to ${saved.alertsRaised.map((a) => a.recipient.displayName).join(' and ')}.`
          : '')
      : null;

  return (
    <Stack gap="xl">
      {safety && (
        <SafetyBanner
          result={safety}
          onDismiss={() => setSaved(null)}
          {...(canDocument
            ? {
                onDocument: (alertId: string) =>
                  setDocumenting({
                    patientId: patient.id,
                    alertId,
                    alertTitle: safety.alertsRaised.find((a) => a.id === alertId)?.title ?? null,
                  }),
              }
            : {})}
        />
      )}
      {(savedSummary ?? notice) && (
        <Alert
          color="success"
          variant="light"
          role="status"
          withCloseButton
          closeButtonLabel="Dismiss"
          onClose={() => {
            setSaved(null);
            setNotice(null);
          }}
        >
          {savedSummary ?? notice}
        </Alert>
      )}

      <Section
        id="measures-due-heading"
        title="Due"
        action={
          canGive && (
            <Button
              variant={giving ? 'filled' : 'light'}
              aria-expanded={giving !== null}
              aria-controls="give-measure-form"
              onClick={() => setGiving((current) => (current ? null : 'phq9'))}
            >
              Give a measure
            </Button>
          )
        }
      >
        <AsyncState state={due.state} what="measures due" onRetry={due.reload}>
          {(list) => (
            <DueList
              due={list}
              {...(canGive
                ? {
                    onGive: (code: string) => {
                      setSaved(null);
                      setGiving(code);
                    },
                  }
                : {})}
            />
          )}
        </AsyncState>
      </Section>

      {giving && (
        <AsyncState state={instruments.state} what="instruments" onRetry={instruments.reload}>
          {(list) => (
            <GiveMeasureForm
              key={giving}
              patient={patient}
              instruments={list}
              initialInstrument={giving}
              onSaved={afterSave}
              onCancel={() => setGiving(null)}
            />
          )}
        </AsyncState>
      )}

      <Section id="measures-trends-heading" title="Trends">
        <AsyncState
          state={responses.state}
          what="results"
          onRetry={responses.reload}
          empty="No results yet. Trends appear once a measure has been given."
        >
          {(list) => (
            <AsyncState state={instruments.state} what="instruments" onRetry={instruments.reload}>
              {(catalogue) => (
                <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="lg">
                  {chartedInstruments(list, catalogue).map((code) => (
                    <TrendPanel key={`${code}-${list.length}`} patient={patient} instrument={code} />
                  ))}
                </SimpleGrid>
              )}
            </AsyncState>
          )}
        </AsyncState>
      </Section>

      <Section id="measures-results-heading" title="Results">
        <AsyncState
          state={responses.state}
          what="results"
          onRetry={responses.reload}
          empty="No measures given yet."
        >
          {(list) => (
            <ResponsesTable
              responses={list}
              instruments={instruments.state.data ?? []}
              timeZone={patient.siteTimeZone}
            />
          )}
        </AsyncState>
      </Section>

      <Section
        id="safety-assessments-heading"
        title="Safety assessments"
        action={
          canDocument && (
            <Button variant="light" onClick={() => setDocumenting({ patientId: patient.id, alertId: null })}>
              Document risk assessment
            </Button>
          )
        }
      >
        <AsyncState
          state={assessments.state}
          what="safety assessments"
          onRetry={assessments.reload}
          empty="No suicide-risk assessments documented."
        >
          {(list) => <SafetyAssessmentList assessments={list} timeZone={patient.siteTimeZone} />}
        </AsyncState>
      </Section>

      <SafetyAssessmentModal
        target={documenting}
        onClose={() => setDocumenting(null)}
        onSaved={(assessment) => {
          setDocumenting(null);
          setSaved(null);
          setNotice(
            assessment.alertId
              ? 'Risk assessment saved; the safety alert is closed.'
              : 'Risk assessment saved.',
          );
          assessments.reload();
          inbox.refresh();
          onChanged();
        }}
        onStale={() => {
          setDocumenting(null);
          onChanged();
        }}
      />
    </Stack>
  );
};
