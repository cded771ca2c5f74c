import { Alert, Stack, Tabs, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { roleMay } from '../../../core/access/patientPolicy.js';
import type { Patient } from '../../../core/api/patients.js';
import { AsyncState } from '../../components/AsyncState.js';
import { PageTitle } from '../../components/PageTitle.js';
import { TextLink } from '../../components/TextLink.js';
import { useResource } from '../../lib/useResource.js';
import { useRouter } from '../../router.js';
import { canBreakGlass } from '../../session/permissions.js';
import { useApi, useMe } from '../../session/SessionProvider.js';
import { AdmissionTab } from '../admission/AdmissionTab.js';
import { CalendarFeedCard } from '../calendarFeed/CalendarFeedCard.js';
import { DrugScreensTab } from '../drugScreens/DrugScreensTab.js';
import { EpisodesTab } from '../episodes/EpisodesTab.js';
import { MeasuresTab } from '../measures/MeasuresTab.js';
import { NotesTab } from '../notes/NotesTab.js';
import { ProcessNotesTab } from '../notes/ProcessNotesTab.js';
import { MedicationsTab } from '../medications/MedicationsTab.js';
import { PlacementTab } from '../placement/PlacementWorkspace.js';
import { TreatmentPlanTab } from '../plans/TreatmentPlanTab.js';
import { RecoveryTab } from '../recovery/RecoveryTab.js';
import { CaseManagementTab } from '../caseManagement/CaseManagementTab.js';
import { HoursTab } from '../rollCall/HoursTab.js';
import { TimelineTab } from '../timeline/TimelineTab.js';
import { AvailabilityCard } from '../scheduler/AvailabilityCard.js';
import { AlertsTab } from './AlertsTab.js';
import { AuditTab } from './AuditTab.js';
import { ChartHeader } from './ChartHeader.js';
import { type ChartTab, TAB_LABELS, isChartTab, visibleTabs } from './chartTabs.js';
import { OverviewTab } from './OverviewTab.js';
import { RemindersCard } from './RemindersCard.js';

interface ChartPageProps {
  patientId: string;
  tab: string;
}

const Chart = ({
  patient,
  tab,
  reload,
  replace,
}: {
  patient: Patient;
  tab: string;
  reload: () => void;
  replace: (p: Patient) => void;
}) => {
  const me = useMe();
  const { navigate } = useRouter();
  const [auditForbidden, setAuditForbidden] = useState(false);
  const tabs = visibleTabs(me.role, patient, auditForbidden);
  const active: ChartTab = isChartTab(tab) && tabs.includes(tab) ? tab : 'overview';

  useEffect(() => {
    if (active !== tab) navigate(`/patients/${patient.id}`, { replace: true, keepFocus: true });
  }, [active, tab, navigate, patient.id]);

  return (
    <Stack gap="md">
      <ChartHeader patient={patient} />
      <Tabs
        value={active}
        onChange={(value) => {
          if (value && isChartTab(value))
            navigate(`/patients/${patient.id}${value === 'overview' ? '' : `/${value}`}`, {
              replace: true,
              keepFocus: true,
            });
        }}
        keepMounted={false}
      >
        <Tabs.List aria-label="Chart sections">
          {tabs.map((t) => (
            <Tabs.Tab key={t} value={t}>
              {TAB_LABELS[t]}
              {t === 'alerts' && patient.openAlertCount ? ` (${patient.openAlertCount})` : ''}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        <Tabs.Panel value="overview" pt="md">
          <OverviewTab patient={patient} onSaved={replace} onStale={reload} />
        </Tabs.Panel>
        {tabs.includes('timeline') && (
          <Tabs.Panel value="timeline" pt="md">
            <TimelineTab patient={patient} />
          </Tabs.Panel>
        )}
        {tabs.includes('notes') && (
          <Tabs.Panel value="notes" pt="md">
            <NotesTab patient={patient} />
          </Tabs.Panel>
        )}
        {tabs.includes('episodes') && (
          <Tabs.Panel value="episodes" pt="md">
            <EpisodesTab patient={patient} onChanged={reload} />
          </Tabs.Panel>
        )}
        {tabs.includes('admission') && (
          <Tabs.Panel value="admission" pt="md">
            <AdmissionTab patient={patient} />
          </Tabs.Panel>
        )}
        {tabs.includes('placement') && (
          <Tabs.Panel value="placement" pt="md">
            <PlacementTab patient={patient} />
          </Tabs.Panel>
        )}
        {tabs.includes('measures') && (
          <Tabs.Panel value="measures" pt="md">
            <MeasuresTab patient={patient} onChanged={reload} />
          </Tabs.Panel>
        )}
        {tabs.includes('treatment-plan') && (
          <Tabs.Panel value="treatment-plan" pt="md">
            <TreatmentPlanTab patient={patient} />
          </Tabs.Panel>
        )}
        {tabs.includes('medications') && (
          <Tabs.Panel value="medications" pt="md">
            <MedicationsTab patient={patient} />
          </Tabs.Panel>
        )}
        {tabs.includes('screens') && (
          <Tabs.Panel value="screens" pt="md">
            <DrugScreensTab patient={patient} onChanged={reload} />
          </Tabs.Panel>
        )}
        {tabs.includes('hours') && (
          <Tabs.Panel value="hours" pt="md">
            <Stack gap="md">
              <HoursTab patient={patient} />
              {roleMay(me.role, 'schedule.read') && (
                <AvailabilityCard
                  patientId={patient.id}
                  canEdit={roleMay(me.role, 'schedule.write') && patient.status !== 'discharged'}
                />
              )}
              {roleMay(me.role, 'schedule.read') && (
                <RemindersCard patientId={patient.id} timeZone={patient.siteTimeZone} />
              )}
              {roleMay(me.role, 'schedule.read') && (
                <CalendarFeedCard
                  scope={{
                    kind: 'patient',
                    patientId: patient.id,
                    canCreate: roleMay(me.role, 'schedule.write') && patient.status !== 'discharged',
                  }}
                />
              )}
            </Stack>
          </Tabs.Panel>
        )}
        {tabs.includes('recovery') && (
          <Tabs.Panel value="recovery" pt="md">
            <RecoveryTab patient={patient} />
          </Tabs.Panel>
        )}
        {tabs.includes('case') && (
          <Tabs.Panel value="case" pt="md">
            <CaseManagementTab patient={patient} />
          </Tabs.Panel>
        )}
        {tabs.includes('alerts') && (
          <Tabs.Panel value="alerts" pt="md">
            <AlertsTab patient={patient} onChanged={reload} />
          </Tabs.Panel>
        )}
        {tabs.includes('process-notes') && (
          <Tabs.Panel value="process-notes" pt="md">
            <ProcessNotesTab patient={patient} />
          </Tabs.Panel>
        )}
        {tabs.includes('audit') && (
          <Tabs.Panel value="audit" pt="md">
            <AuditTab patient={patient} onForbidden={() => setAuditForbidden(true)} />
          </Tabs.Panel>
        )}
      </Tabs>
    </Stack>
  );
};

/**
 * Intake staff see a patient only while the patient is in intake: once admitted (by them, a moment
 * ago, or meanwhile by someone else), the chart's next load is refused. Said plainly, rather than
 * "No such patient" right after a successful admission.
 */
const LeftIntake = ({ patient }: { patient: Patient }) => (
  <Stack gap="md">
    <PageTitle documentTitle="Patient chart">Patient chart</PageTitle>
    <Alert color="blue" variant="light" role="status" title="Admitted: the chart is with the care team">
      <Text size="sm">
        {patient.firstName} {patient.lastName} is no longer in intake, so this chart is now open to their care
        team only. <TextLink to="/intake">Back to the intake board</TextLink>
      </Text>
    </Alert>
  </Stack>
);

/** One patient's chart: header and tabs; the tab is part of the address (`/patients/{id}/episodes`). */
export const ChartPage = ({ patientId, tab }: ChartPageProps) => {
  const api = useApi();
  const patient = useResource((signal) => api.patients.get(patientId, signal), [api, patientId]);
  const me = useMe();
  const state = patient.state;
  if (
    state.status === 'error' &&
    state.data?.accessBasis === 'intake' &&
    (state.problem.status === 404 || state.problem.status === 403)
  ) {
    return <LeftIntake patient={state.data} />;
  }
  if (state.status === 'error' && !state.data) {
    const forbidden = state.problem.status === 403;
    return (
      <Stack gap="md">
        <PageTitle>Patient chart</PageTitle>
        <AsyncState state={state} what="chart" onRetry={forbidden ? undefined : patient.reload}>
          {() => null}
        </AsyncState>
        {forbidden && canBreakGlass(me.role) && (
          <Text size="sm">
            If you need this chart for the patient's care right now, use{' '}
            <TextLink to="/break-glass">Break the glass</TextLink>.
          </Text>
        )}
      </Stack>
    );
  }
  return (
    <AsyncState state={state} what="chart" onRetry={patient.reload}>
      {(p) => <Chart patient={p} tab={tab} reload={patient.reload} replace={patient.setData} />}
    </AsyncState>
  );
};
