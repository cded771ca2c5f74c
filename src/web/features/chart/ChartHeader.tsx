import { Alert, Badge, Group, Paper, Stack, Text } from '@mantine/core';
import type { Patient } from '../../../core/api/patients.js';
import { PatientStatusBadge } from '../../components/Badges.js';
import { Facts } from '../../components/Facts.js';
import { PageTitle } from '../../components/PageTitle.js';
import { ageOn, formatDate, todayIn } from '../../lib/dates.js';
import { levelLabel } from '../../lib/format.js';

export const currentSegment = (patient: Patient) => {
  const episode = patient.currentEpisode;
  return episode && episode.status === 'open' ? (episode.segments.at(-1) ?? null) : null;
};

/** Who the patient is and where they are in care, at a glance. */
export const ChartHeader = ({ patient }: { patient: Patient }) => {
  const segment = currentSegment(patient);
  const age = ageOn(patient.dateOfBirth, todayIn(patient.siteTimeZone));
  const fullName = `${patient.firstName} ${patient.lastName}`;
  const program = segment ? [segment.programName, segment.trackName].filter(Boolean).join(' · ') : '—';

  return (
    <Stack gap="sm">
      {patient.accessBasis === 'break_glass' && (
        <Alert color="red" variant="light" title="Break-the-glass access">
          You opened this chart through break-the-glass. Everything you view here is audited and reported to
          supervisors.
        </Alert>
      )}
      <Paper withBorder p="md">
        <Stack gap="sm">
          <Group gap="sm" align="center">
            <PageTitle documentTitle="Patient chart">
              {fullName}
              {patient.preferredName && (
                <Text span inherit c="dimmed" fw={400}>
                  {' '}
                  “{patient.preferredName}”
                </Text>
              )}
            </PageTitle>
            <PatientStatusBadge status={patient.status} />
            {patient.priorityPopulation && (
              <Badge color="warning" variant="light">
                Priority population
              </Badge>
            )}
          </Group>
          <Facts
            cols={4}
            items={[
              [
                'MRN',
                <Text span ff="monospace" size="sm" key="mrn">
                  {patient.mrn}
                </Text>,
              ],
              ['Date of birth', `${formatDate(patient.dateOfBirth)}${age === null ? '' : ` (age ${age})`}`],
              ['Level of care', levelLabel(segment?.levelOfCare)],
              ['Program / track', program],
              [
                'Primary clinician',
                patient.primaryClinician?.displayName ?? segment?.primaryClinician.displayName ?? '—',
              ],
              [
                'Open alerts',
                patient.openAlertCount === null ? 'Not shown for your role' : String(patient.openAlertCount),
              ],
              ['Site', patient.siteName],
            ]}
          />
        </Stack>
      </Paper>
    </Stack>
  );
};
