import { Badge, Button, Group, Paper, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { useState } from 'react';
import type { Program, Site, Track } from '../../../core/api/admin.js';
import { AsyncState } from '../../components/AsyncState.js';
import { levelLabel } from '../../lib/format.js';
import { useResource } from '../../lib/useResource.js';
import { useApi } from '../../session/SessionProvider.js';
import { ProgramForm } from './ProgramForm.js';
import { replaceById } from './useAdminLists.js';
import { TrackForm } from './TrackForm.js';
import { describeSlot } from './weeklyPattern.js';

type Editing =
  | { kind: 'newProgram' }
  | { kind: 'program'; programId: string }
  | { kind: 'newTrack'; programId: string }
  | { kind: 'track'; programId: string; trackId: string }
  | null;

const hoursRange = (p: Program): string =>
  p.maxWeeklyHours === null
    ? `${p.minWeeklyHours}+ h/week`
    : `${p.minWeeklyHours}–${p.maxWeeklyHours} h/week`;

const ActiveBadge = ({ active }: { active: boolean }) =>
  active ? null : (
    <Badge variant="light" color="gray">
      Inactive
    </Badge>
  );

export const ProgramsPanel = () => {
  const api = useApi();
  const data = useResource(
    async (signal) => {
      const [programs, sites] = await Promise.all([
        api.admin.programs.list(signal),
        api.admin.sites.list(signal),
      ]);
      return { programs, sites };
    },
    [api],
  );
  const [editing, setEditing] = useState<Editing>(null);

  const putProgram = (programs: Program[], sites: Site[], program: Program) =>
    data.setData({ sites, programs: replaceById(programs, program) });
  const putTrack = (programs: Program[], sites: Site[], track: Track) => {
    const program = programs.find((p) => p.id === track.programId);
    if (program) putProgram(programs, sites, { ...program, tracks: replaceById(program.tracks, track) });
  };

  return (
    <AsyncState state={data.state} what="programs" onRetry={data.reload}>
      {({ programs, sites }) => {
        const siteName = (id: string) => sites.find((s) => s.id === id)?.name ?? 'Unknown site';
        const done = () => setEditing(null);
        return (
          <Stack gap="md">
            <Group justify="flex-end">
              <Button onClick={() => setEditing({ kind: 'newProgram' })} disabled={sites.length === 0}>
                New program
              </Button>
            </Group>
            {sites.length === 0 && <Text size="sm">Create a site first; programs belong to a site.</Text>}
            {editing?.kind === 'newProgram' && (
              <Paper withBorder p="md">
                <ProgramForm
                  program={null}
                  sites={sites}
                  onSaved={(p) => {
                    putProgram(programs, sites, p);
                    done();
                  }}
                  onStale={data.reload}
                  onCancel={done}
                />
              </Paper>
            )}
            {programs.length === 0 && (
              <Text c="dimmed" role="status">
                No programs yet.
              </Text>
            )}
            {[...programs]
              .sort((a, b) => a.name.localeCompare(b.name))
              .map((program) => (
                <Paper
                  key={program.id}
                  withBorder
                  p="md"
                  component="section"
                  aria-labelledby={`program-${program.id}`}
                >
                  <Stack gap="sm">
                    <Group justify="space-between">
                      <Group gap="xs">
                        <Title order={2} size="h4" id={`program-${program.id}`}>
                          {program.name}
                        </Title>
                        <ActiveBadge active={program.active} />
                      </Group>
                      <Group gap="xs">
                        <Button
                          size="compact-sm"
                          variant="default"
                          aria-label={`Edit program ${program.name}`}
                          onClick={() => setEditing({ kind: 'program', programId: program.id })}
                        >
                          Edit
                        </Button>
                        <Button
                          size="compact-sm"
                          variant="light"
                          aria-label={`Add track to ${program.name}`}
                          onClick={() => setEditing({ kind: 'newTrack', programId: program.id })}
                        >
                          Add track
                        </Button>
                      </Group>
                    </Group>
                    <Text size="sm" c="dimmed">
                      {siteName(program.siteId)} · {levelLabel(program.levelOfCare)} ·{' '}
                      {program.audience === 'adult' ? 'Adults' : 'Adolescents'} · {hoursRange(program)} ·
                      typically {program.typicalWeeksMin}–{program.typicalWeeksMax} weeks
                    </Text>
                    {editing?.kind === 'program' && editing.programId === program.id && (
                      <ProgramForm
                        program={program}
                        sites={sites}
                        onSaved={(p) => {
                          putProgram(programs, sites, { ...p, tracks: p.tracks ?? program.tracks });
                          done();
                        }}
                        onStale={data.reload}
                        onCancel={done}
                      />
                    )}
                    {editing?.kind === 'newTrack' && editing.programId === program.id && (
                      <TrackForm
                        program={program}
                        track={null}
                        onSaved={(t) => {
                          putTrack(programs, sites, t);
                          done();
                        }}
                        onStale={data.reload}
                        onCancel={done}
                      />
                    )}
                    {program.tracks.length === 0 ? (
                      <Text size="sm">No tracks yet. Add one to give the program a weekly schedule.</Text>
                    ) : (
                      <Table aria-label={`Tracks of ${program.name}`}>
                        <Table.Thead>
                          <Table.Tr>
                            <Table.Th scope="col">Track</Table.Th>
                            <Table.Th scope="col">Weekly pattern</Table.Th>
                            <Table.Th scope="col">Hours per week</Table.Th>
                            <Table.Th scope="col">
                              <VisuallyHidden>Actions</VisuallyHidden>
                            </Table.Th>
                          </Table.Tr>
                        </Table.Thead>
                        <Table.Tbody>
                          {program.tracks.map((track) => (
                            <Table.Tr key={track.id}>
                              <Table.Td>
                                <Group gap="xs">
                                  <Text size="sm" fw={600}>
                                    {track.name}
                                  </Text>
                                  <ActiveBadge active={track.active} />
                                </Group>
                              </Table.Td>
                              <Table.Td>{track.weeklyPattern.map(describeSlot).join('; ')}</Table.Td>
                              <Table.Td>{track.weeklyHours}</Table.Td>
                              <Table.Td>
                                <Button
                                  size="compact-sm"
                                  variant="default"
                                  aria-label={`Edit track ${track.name}`}
                                  onClick={() =>
                                    setEditing({ kind: 'track', programId: program.id, trackId: track.id })
                                  }
                                >
                                  Edit
                                </Button>
                              </Table.Td>
                            </Table.Tr>
                          ))}
                        </Table.Tbody>
                      </Table>
                    )}
                    {program.tracks.map(
                      (track) =>
                        editing?.kind === 'track' &&
                        editing.trackId === track.id && (
                          <TrackForm
                            key={track.id}
                            program={program}
                            track={track}
                            onSaved={(t) => {
                              putTrack(programs, sites, t);
                              done();
                            }}
                            onStale={data.reload}
                            onCancel={done}
                          />
                        ),
                    )}
                  </Stack>
                </Paper>
              ))}
          </Stack>
        );
      }}
    </AsyncState>
  );
};
