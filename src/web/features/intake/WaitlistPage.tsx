import { Group, NativeSelect, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import type { TrackCapacity, WaitlistEntry } from '../../../core/api/intake.js';
import { formatAge } from '../../../core/intake/age.js';
import { minutesSince } from '../../../core/intake/age.js';
import { STAGE_LABELS } from '../../../core/intake/stages.js';
import { AsyncState } from '../../components/AsyncState.js';
import { PageTitle } from '../../components/PageTitle.js';
import { Pager } from '../../components/Pager.js';
import { TextLink } from '../../components/TextLink.js';
import { useResource } from '../../lib/useResource.js';
import { useApi } from '../../session/SessionProvider.js';
import { useSites } from '../../session/SitesProvider.js';
import { inquiryName } from './IntakeBoardPage.js';
import { PriorityBadge } from './IntakeBadges.js';

const PAGE_SIZE = 50;

const WaitlistTable = ({ items, timeZone }: { items: WaitlistEntry[]; timeZone: string }) => {
  const now = new Date();
  return (
    <Table.ScrollContainer minWidth={720}>
      <Table aria-label="Waitlist, in the order places are offered">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">#</Table.Th>
            <Table.Th scope="col">Name</Table.Th>
            <Table.Th scope="col">Priority deadline</Table.Th>
            <Table.Th scope="col">Waiting</Table.Th>
            <Table.Th scope="col">Wanted track</Table.Th>
            <Table.Th scope="col">Stage</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((e) => (
            <Table.Tr key={e.id}>
              <Table.Td>{e.position}</Table.Td>
              <Table.Td>
                <TextLink to={`/intake/inquiries/${e.id}`} fw={600}>
                  {inquiryName(e)}
                </TextLink>
              </Table.Td>
              <Table.Td>
                {e.priorityPopulation ? (
                  <PriorityBadge
                    population={e.priorityPopulation}
                    deadline={e.priorityDeadline}
                    stage={e.stage}
                    timeZone={timeZone}
                    now={now}
                  />
                ) : (
                  '—'
                )}
              </Table.Td>
              <Table.Td>{e.waitlistedAt ? formatAge(minutesSince(e.waitlistedAt, now)) : '—'}</Table.Td>
              <Table.Td>{e.wantedTrackName ?? 'Any'}</Table.Td>
              <Table.Td>{STAGE_LABELS[e.stage]}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
};

const CapacityTable = ({ tracks }: { tracks: TrackCapacity[] }) => (
  <Table.ScrollContainer minWidth={640}>
    <Table aria-label="Capacity per track">
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">Program</Table.Th>
          <Table.Th scope="col">Track</Table.Th>
          <Table.Th scope="col">Enrolled</Table.Th>
          <Table.Th scope="col">Places</Table.Th>
          <Table.Th scope="col">Free</Table.Th>
          <Table.Th scope="col">Waiting for it</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {tracks.map((t) => (
          <Table.Tr key={t.trackId}>
            <Table.Td>
              {t.programName} ({t.levelOfCare})
            </Table.Td>
            <Table.Td>{t.trackName}</Table.Td>
            <Table.Td>{t.enrolled}</Table.Td>
            <Table.Td>{t.capacity ?? 'Not set'}</Table.Td>
            <Table.Td fw={t.available === 0 ? 700 : undefined}>{t.available ?? '—'}</Table.Td>
            <Table.Td>{t.waitlisted}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  </Table.ScrollContainer>
);

/** Who waits for a place, priority deadlines first (SPEC §2), next to each track's places. */
export const WaitlistPage = () => {
  const api = useApi();
  const { sites, staffTimeZone } = useSites();
  const [siteId, setSiteId] = useState('');
  const [offset, setOffset] = useState(0);
  const waitlist = useResource(
    (signal) => api.intake.waitlistEntries({ siteId: siteId || undefined, limit: PAGE_SIZE, offset }, signal),
    [api, siteId, offset],
  );
  const capacity = useResource((signal) => api.intake.capacity(siteId || undefined, signal), [api, siteId]);

  return (
    <Stack gap="md">
      <Text size="sm">
        <TextLink to="/intake">← Intake board</TextLink>
      </Text>
      <PageTitle>Waitlist</PageTitle>
      <Text size="sm" c="dimmed">
        Pregnant people and people who inject drugs come first, soonest deadline first (admission or interim
        services within 48 hours); then whoever has waited longest.
      </Text>
      {sites !== null && sites.length > 1 && (
        <Group>
          <NativeSelect
            label="Site"
            data={[
              { value: '', label: 'All my sites' },
              ...sites.map((s) => ({ value: s.id, label: s.name })),
            ]}
            value={siteId}
            onChange={(event) => {
              setSiteId(event.currentTarget.value);
              setOffset(0);
            }}
            w={260}
          />
        </Group>
      )}
      <AsyncState
        state={waitlist.state}
        what="the waitlist"
        onRetry={waitlist.reload}
        isEmpty={(data) => data.items.length === 0}
        empty="Nobody is waiting for a place."
      >
        {(data) => (
          <Stack gap="xs">
            <WaitlistTable items={data.items} timeZone={staffTimeZone} />
            <Pager
              total={data.total}
              offset={data.offset}
              limit={data.limit}
              onChange={setOffset}
              noun="people waiting"
            />
          </Stack>
        )}
      </AsyncState>
      <Title order={2} size="h4">
        Capacity per track
      </Title>
      <AsyncState
        state={capacity.state}
        what="capacity"
        onRetry={capacity.reload}
        empty="No active tracks at your sites."
      >
        {(tracks) => (
          <Stack gap="xs">
            <CapacityTable tracks={tracks} />
            {tracks.some((t) => t.capacity === null) && (
              <Text size="xs" c="dimmed">
                “Not set”: the clinic has not recorded how many places the track has.
              </Text>
            )}
          </Stack>
        )}
      </AsyncState>
    </Stack>
  );
};
