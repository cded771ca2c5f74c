import { Button, Group, NativeSelect, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import type { Inquiry } from '../../../core/api/intake.js';
import { isTerminalStage } from '../../../core/intake/stages.js';
import { ProblemAlert } from '../../components/ProblemAlert.js';
import { formatInstant } from '../../lib/dates.js';
import { useResource } from '../../lib/useResource.js';
import { isStale, useSubmit } from '../../lib/useSubmit.js';
import { useApi } from '../../session/SessionProvider.js';

interface WaitlistSectionProps {
  inquiry: Inquiry;
  onChanged: (inquiry: Inquiry) => void;
  onStale: () => void;
}

/** Puts the person in line for a place, optionally on a track, or takes them off. */
export const WaitlistSection = ({ inquiry, onChanged, onStale }: WaitlistSectionProps) => {
  const api = useApi();
  const programs = useResource((signal) => api.programs.list(signal), [api]);
  const [trackId, setTrackId] = useState(inquiry.wantedTrackId ?? '');
  const add = useSubmit(() =>
    api.intake.waitlist(inquiry.id, { version: inquiry.version, wantedTrackId: trackId || null }),
  );
  const remove = useSubmit(() => api.intake.removeFromWaitlist(inquiry.id, inquiry.version));
  if (isTerminalStage(inquiry.stage)) return null;

  const tracks = (programs.state.data ?? [])
    .filter((p) => p.siteId === inquiry.siteId && p.active)
    .flatMap((p) =>
      p.tracks.filter((t) => t.active).map((t) => ({ value: t.id, label: `${p.name} — ${t.name}` })),
    );

  const after = (result: Awaited<ReturnType<typeof add.run>>) => {
    if (result.ok) onChanged(result.value);
    else if (isStale(result)) onStale();
  };

  return (
    <Stack gap="sm">
      <Title order={2} size="h4">
        Waitlist
      </Title>
      <ProblemAlert problem={add.problem ?? remove.problem} shownFields={['wantedTrackId']} />
      {inquiry.waitlistedAt ? (
        <Text size="sm">
          Waiting since {formatInstant(inquiry.waitlistedAt, inquiry.siteTimeZone)}
          {inquiry.wantedTrackName ? ` for ${inquiry.wantedTrackName}` : ''}.
        </Text>
      ) : (
        <Text size="sm">Not on the waitlist.</Text>
      )}
      <Group align="flex-end">
        <NativeSelect
          label="Wanted track"
          data={[{ value: '', label: 'Any track' }, ...tracks]}
          value={trackId}
          onChange={(event) => setTrackId(event.currentTarget.value)}
          disabled={programs.state.data === undefined}
          error={add.errors['wantedTrackId']}
          w={{ base: '100%', sm: 360 }}
        />
        <Button variant="light" loading={add.pending} onClick={() => void add.run().then(after)}>
          {inquiry.waitlistedAt ? 'Change track' : 'Put on waitlist'}
        </Button>
        {inquiry.waitlistedAt && (
          <Button variant="default" loading={remove.pending} onClick={() => void remove.run().then(after)}>
            Take off waitlist
          </Button>
        )}
      </Group>
    </Stack>
  );
};
