import { Button, Group, Stack, Text, Title } from '@mantine/core';
import { AsyncState } from '../../components/AsyncState.js';
import { PageTitle } from '../../components/PageTitle.js';
import { TextLink } from '../../components/TextLink.js';
import { formatDate } from '../../lib/dates.js';
import { useResource } from '../../lib/useResource.js';
import { useApi } from '../../session/SessionProvider.js';
import { PlanPdfLink } from './PlanPdfLink.js';
import { PlanView } from './PlanView.js';
import classes from './print.module.css';

/**
 * One version laid out for paper: the print stylesheet leaves only the plan on the page. The server
 * also makes a PDF of the version (header and confidentiality footer on every page) to download.
 */
export const PlanPrintPage = ({ patientId, versionId }: { patientId: string; versionId: string }) => {
  const api = useApi();
  const data = useResource(
    async (signal) => {
      const [patient, version] = await Promise.all([
        api.patients.get(patientId, signal),
        api.treatmentPlans.version(patientId, versionId, signal),
      ]);
      return { patient, version };
    },
    [api, patientId, versionId],
  );
  return (
    <AsyncState state={data.state} what="treatment plan" onRetry={data.reload}>
      {({ patient, version }) => (
        <Stack gap="md" className={classes.sheet}>
          <Group justify="space-between" className={classes.noPrint}>
            <TextLink to={`/patients/${patient.id}/treatment-plan`}>Back to the chart</TextLink>
            <Group gap="md">
              <PlanPdfLink patientId={patient.id} versionId={version.id} number={version.number} />
              <Button onClick={() => window.print()}>Print or save as PDF</Button>
            </Group>
          </Group>
          <PageTitle documentTitle={`Treatment plan — ${patient.lastName}`}>
            Treatment plan, version {version.number}
          </PageTitle>
          <Text size="sm">
            {patient.firstName} {patient.lastName} · MRN {patient.mrn} · born{' '}
            {formatDate(patient.dateOfBirth)} · {patient.siteName}
          </Text>
          {version.status !== 'signed' && (
            <Title order={2} c="red.8">
              Draft — not signed
            </Title>
          )}
          <PlanView version={version} timeZone={patient.siteTimeZone} />
          <Text size="xs" c="dimmed">
            Confidential substance use disorder treatment record protected by 42 CFR Part 2. Do not share it
            outside the program without the patient's written consent.
          </Text>
        </Stack>
      )}
    </AsyncState>
  );
};
