import { Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import type { Me } from '../core/api/auth.js';
import { PageTitle } from './components/PageTitle.js';
import { TextLink } from './components/TextLink.js';
import { AdminPage } from './features/admin/AdminPage.js';
import { InboxPage } from './features/alerts/InboxPage.js';
import { BreakGlassPage } from './features/breakGlass/BreakGlassPage.js';
import { BreakGlassReportPage } from './features/breakGlass/BreakGlassReportPage.js';
import { ChartPage } from './features/chart/ChartPage.js';
import { IntakeRoutes } from './features/intake/IntakeRoutes.js';
import { OutboxPage } from './features/outbox/OutboxPage.js';
import { GroupNotePage } from './features/notes/GroupNotePage.js';
import { LateNotesPage } from './features/notes/LateNotesPage.js';
import { NotePage } from './features/notes/NotePage.js';
import { NoteTemplatesPage } from './features/notes/NoteTemplatesPage.js';
import { mayEditNoteTemplates } from '../core/notes/templateRules.js';
import { maySeeLateNotes } from '../core/notes/lateNoteAccess.js';
import { NewPatientPage } from './features/patients/NewPatientPage.js';
import { PatientsPage } from './features/patients/PatientsPage.js';
import { PlanPrintPage } from './features/plans/PlanPrintPage.js';
import { PlanTemplatesPage } from './features/plans/PlanTemplatesPage.js';
import { mayEditPlanTemplates } from '../core/plans/templateAccess.js';
import { RelapsePlanPrintPage } from './features/recovery/RelapsePlanPrintPage.js';
import { OverridesReportPage } from './features/placement/OverridesReportPage.js';
import { CompliancePage } from './features/compliance/CompliancePage.js';
import { maySeeComplianceReport } from './features/compliance/roles.js';
import { RollCallPage } from './features/rollCall/RollCallPage.js';
import { ClosuresPage } from './features/schedule/ClosuresPage.js';
import { RoomsPage } from './features/schedule/RoomsPage.js';
import { SchedulePage } from './features/schedule/SchedulePage.js';
import { SchedulerPage } from './features/scheduler/SchedulerPage.js';
import { mayRunScheduler } from './features/scheduler/roles.js';
import { WorklistPage } from './features/tasks/WorklistPage.js';
import { TodayPage } from './features/home/TodayPage.js';
import { mayOpenToday } from '../core/access/today.js';
import { OVERRIDE_REPORT_ROLES } from '../core/placement/signing.js';
import { matchPath, useRouter } from './router.js';
import { canBreakGlass, canCreatePatients, canSeeBreakGlassReport, isAdmin } from './session/permissions.js';

const Message = ({ title, children }: { title: string; children: ReactNode }) => (
  <Stack gap="sm">
    <PageTitle>{title}</PageTitle>
    <Text>{children}</Text>
    <Text>
      <TextLink to="/patients">Go to the patient list</TextLink>
    </Text>
  </Stack>
);

const NotFound = () => <Message title="Page not found">There is no page at this address.</Message>;
const NotAllowed = () => (
  <Message title="Not available">Your role does not give access to this page.</Message>
);

/** Pages by path. The key on the chart makes a different patient start from a clean page. */
export const Routes = ({ me }: { me: Me }) => {
  const { location } = useRouter();
  const path = location.pathname;
  const allow = (allowed: boolean, page: ReactNode) => (allowed ? page : <NotAllowed />);

  if (matchPath('/today', path)) return allow(mayOpenToday(me.role), <TodayPage />);
  if (matchPath('/patients', path)) return <PatientsPage />;
  if (matchPath('/patients/new', path)) return allow(canCreatePatients(me.role), <NewPatientPage />);
  const planPrint = matchPath('/patients/:id/treatment-plan/print/:versionId', path);
  if (planPrint?.id && planPrint.versionId)
    return (
      <PlanPrintPage key={planPrint.versionId} patientId={planPrint.id} versionId={planPrint.versionId} />
    );
  const relapsePlanPrint = matchPath('/patients/:id/recovery/print', path);
  if (relapsePlanPrint?.id)
    return <RelapsePlanPrintPage key={relapsePlanPrint.id} patientId={relapsePlanPrint.id} />;
  const chart = matchPath('/patients/:id/:tab?', path);
  if (chart?.id) return <ChartPage key={chart.id} patientId={chart.id} tab={chart.tab ?? 'overview'} />;
  const note = matchPath('/notes/:id', path);
  if (note?.id) return <NotePage key={note.id} noteId={note.id} />;
  const groupNote = matchPath('/group-notes/:id', path);
  if (groupNote?.id) return <GroupNotePage key={groupNote.id} groupNoteId={groupNote.id} />;
  if (matchPath('/note-templates', path)) return allow(mayEditNoteTemplates(me.role), <NoteTemplatesPage />);
  if (matchPath('/inbox', path)) return <InboxPage />;
  if (matchPath('/worklist', path)) return <WorklistPage />;
  if (path === '/intake' || path.startsWith('/intake/')) return <IntakeRoutes me={me} path={path} />;
  if (matchPath('/schedule', path)) return <SchedulePage />;
  if (matchPath('/schedule/scheduler', path)) return allow(mayRunScheduler(me.role), <SchedulerPage />);
  if (matchPath('/schedule/rooms', path)) return <RoomsPage />;
  if (matchPath('/schedule/closures', path)) return <ClosuresPage />;
  const rollCall = matchPath('/sessions/:occurrenceKey/roll-call', path);
  if (rollCall?.occurrenceKey)
    return <RollCallPage key={rollCall.occurrenceKey} occurrenceKey={rollCall.occurrenceKey} />;
  if (matchPath('/break-glass', path)) return allow(canBreakGlass(me.role), <BreakGlassPage />);
  if (matchPath('/break-glass/report', path))
    return allow(canSeeBreakGlassReport(me.role), <BreakGlassReportPage />);
  if (matchPath('/reports/compliance', path))
    return allow(maySeeComplianceReport(me.role), <CompliancePage />);
  if (matchPath('/reports/late-notes', path)) return allow(maySeeLateNotes(me.role), <LateNotesPage />);
  if (matchPath('/reports/placement-overrides', path))
    return allow(OVERRIDE_REPORT_ROLES.includes(me.role), <OverridesReportPage />);
  if (matchPath('/plan-templates', path)) return allow(mayEditPlanTemplates(me.role), <PlanTemplatesPage />);
  if (matchPath('/admin/outbox', path)) return allow(isAdmin(me.role), <OutboxPage />);
  const admin = matchPath('/admin/:section?', path);
  if (admin) return allow(isAdmin(me.role), <AdminPage section={admin.section ?? 'users'} />);
  return <NotFound />;
};
