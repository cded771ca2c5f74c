import { Badge, Group, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import type { ComplianceReport } from '../../../core/api/attendance.js';
import { AsyncState } from '../../components/AsyncState.js';
import { PageTitle } from '../../components/PageTitle.js';
import { SitePicker } from '../../components/SitePicker.js';
import { TextLink } from '../../components/TextLink.js';
import { formatDate } from '../../lib/dates.js';
import { useResource } from '../../lib/useResource.js';
import { useApi } from '../../session/SessionProvider.js';
import { useSites } from '../../session/SitesProvider.js';

type TrackGroup = ComplianceReport['groups'][number];

const STATUS: Record<string, { label: string; color: string }> = {
  below: { label: 'Below minimum', color: 'red' },
  within: { label: 'Within range', color: 'success' },
  above: { label: 'Above maximum', color: 'warning' },
};

const hours = (minutes: number | null): string =>
  minutes === null ? '—' : `${Math.round(minutes / 6) / 10} h`;

const TrackTable = ({ group }: { group: TrackGroup }) => {
  const name = group.trackName ?? 'No track';
  const { total, below, within, above, tapering } = group.counts;
  return (
    <Paper withBorder p="sm" component="section" aria-label={name}>
      <Stack gap="xs">
        <Title order={2} size="h4">
          {name}
        </Title>
        <Text size="sm">
          {total} patient{total === 1 ? '' : 's'}: {below} below the minimum, {within} within range, {above}{' '}
          above the maximum{tapering > 0 ? `; ${tapering} on a step-down taper` : ''}.
        </Text>
        <Table.ScrollContainer minWidth={560}>
          <Table aria-label={`Weekly hours, ${name}`} verticalSpacing={4} striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Patient</Table.Th>
                <Table.Th scope="col">Attended</Table.Th>
                <Table.Th scope="col">Range</Table.Th>
                <Table.Th scope="col">Status</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {group.patients.map((p) => {
                const status = STATUS[p.status] ?? { label: p.status, color: 'gray' };
                return (
                  <Table.Tr key={p.patientId}>
                    <Table.Td>
                      <TextLink to={`/patients/${p.patientId}/hours`}>{p.name}</TextLink>
                      <Text span size="xs" c="dimmed" ml="xs">
                        {p.mrn}
                      </Text>
                    </Table.Td>
                    <Table.Td>{hours(p.minutes)}</Table.Td>
                    <Table.Td>
                      {hours(p.minimumMinutes)}–{hours(p.maximumMinutes)}
                    </Table.Td>
                    <Table.Td>
                      <Group gap={4}>
                        <Badge color={status.color} variant="light">
                          {status.label}
                        </Badge>
                        {p.tapering && (
                          <Badge color="gray" variant="light">
                            Taper
                          </Badge>
                        )}
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Stack>
    </Paper>
  );
};

/**
 * Weekly hours attended against each level's range, by track, for one site-local week (SPEC §6):
 * who is below the minimum, who is tapering, and a link to each patient's hours.
 */
export const CompliancePage = () => {
  const api = useApi();
  const { sites } = useSites();
  const [chosenSite, setChosenSite] = useState<string | null>(null);
  const [week, setWeek] = useState('');
  const siteId = chosenSite ?? sites?.[0]?.id ?? '';
  const validWeek = /^\d{4}-\d{2}-\d{2}$/.test(week);
  const report = useResource(
    (signal) =>
      siteId
        ? api.attendance.compliance({ siteId, ...(validWeek ? { week } : {}) }, signal)
        : Promise.resolve(null),
    [api, siteId, validWeek ? week : ''],
  );

  return (
    <Stack gap="md">
      <PageTitle>Hours compliance</PageTitle>
      <Text size="sm" c="dimmed">
        Minutes attended this week against each patient’s level of care, from the roll calls taken. Sessions
        still to come this week are not counted yet.
      </Text>
      <Group align="flex-end">
        <SitePicker sites={sites} value={siteId} onChange={setChosenSite} />
        <TextInput
          type="date"
          label="Week of"
          description="Any day of the week; empty: this week"
          value={week}
          onChange={(e) => setWeek(e.currentTarget.value)}
        />
      </Group>
      <AsyncState
        state={report.state}
        what="the compliance report"
        onRetry={report.reload}
        isEmpty={(r) => r === null || r.groups.length === 0}
        empty="No admitted patients at this site in that week."
      >
        {(r) =>
          r && (
            <Stack gap="md">
              <Title order={2} size="h3" aria-live="polite">
                Week of {formatDate(r.weekStart)}
                {r.complete ? '' : ' (in progress)'}
              </Title>
              {r.groups.map((g) => (
                <TrackTable key={g.trackId ?? 'none'} group={g} />
              ))}
            </Stack>
          )
        }
      </AsyncState>
    </Stack>
  );
};
