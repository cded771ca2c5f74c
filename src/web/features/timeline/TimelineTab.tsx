import { Badge, Button, Chip, Group, Paper, Stack, Text, UnstyledButton } from '@mantine/core';
import { useId, useState } from 'react';
import type { Patient } from '../../../core/api/patients.js';
import type { TimelineEntry, TimelineFlag, TimelinePage } from '../../../core/api/timeline.js';
import { TIMELINE_KIND_LABELS, type TimelineKind } from '../../../core/timeline/kinds.js';
import { AsyncState } from '../../components/AsyncState.js';
import { ProblemAlert } from '../../components/ProblemAlert.js';
import { formatDate, formatInstant } from '../../lib/dates.js';
import { useResource } from '../../lib/useResource.js';
import { useSubmit } from '../../lib/useSubmit.js';
import { useApi, useMe } from '../../session/SessionProvider.js';
import { TimelineEntryDetails } from './TimelineEntryDetails.js';
import { filtersFor, kindsFor, type TimelineFilterKey } from './timelineFilters.js';

const PAGE = 30;

const FLAG_LABELS: Readonly<Record<TimelineFlag, { label: string; color: string }>> = {
  draft: { label: 'Draft', color: 'gray' },
  needs_review: { label: 'Needs review', color: 'warning' },
  awaiting_cosignature: { label: 'Awaiting co-signature', color: 'blue' },
  urgent: { label: 'Urgent', color: 'red' },
  open: { label: 'Open', color: 'warning' },
};

/** Only the theme's tinted colours keep light badges at 4.5:1 contrast (theme.ts). */
const KIND_COLORS: Readonly<Record<TimelineKind, string>> = {
  admission: 'gray',
  segment_change: 'gray',
  discharge: 'gray',
  note: 'blue',
  measure: 'indigo',
  screen: 'warning',
  treatment_plan: 'indigo',
  relapse_plan: 'success',
  alert: 'red',
};

const EntryRow = ({ entry, patient }: { entry: TimelineEntry; patient: Patient }) => {
  const [open, setOpen] = useState(false);
  const detailsId = useId();
  const when = entry.dated
    ? formatDate(entry.occurredAt)
    : formatInstant(entry.occurredAt, patient.siteTimeZone);
  return (
    <Paper component="li" withBorder px="sm" py={6} radius="sm">
      <UnstyledButton
        onClick={() => setOpen((o) => !o)}
        aria-expanded={open}
        aria-controls={detailsId}
        w="100%"
        style={{ display: 'block' }}
      >
        <Group gap="xs" wrap="nowrap" align="baseline">
          <Text size="xs" c="dimmed" w={170} style={{ flexShrink: 0 }}>
            {when}
          </Text>
          <Badge size="sm" variant="light" color={KIND_COLORS[entry.kind]} style={{ flexShrink: 0 }}>
            {TIMELINE_KIND_LABELS[entry.kind]}
          </Badge>
          <Stack gap={0} style={{ flexGrow: 1, minWidth: 0 }}>
            <Text size="sm" fw={600}>
              {entry.title}
            </Text>
            <Text size="xs" c="dimmed">
              {entry.summary}
            </Text>
          </Stack>
          {entry.flags.map((flag) => (
            <Badge key={flag} size="sm" color={FLAG_LABELS[flag].color} variant="outline">
              {FLAG_LABELS[flag].label}
            </Badge>
          ))}
        </Group>
      </UnstyledButton>
      {open && (
        <div id={detailsId} style={{ paddingTop: 8, paddingLeft: 178 }}>
          <TimelineEntryDetails entry={entry} patientId={patient.id} />
        </div>
      )}
    </Paper>
  );
};

/** One filter's list: the first page, then "Load more" with the cursor of the last page. */
const TimelineList = ({ patient, kinds }: { patient: Patient; kinds: TimelineKind[] }) => {
  const api = useApi();
  const first = useResource(
    (signal) => api.home.timeline(patient.id, { types: kinds, limit: PAGE }, signal),
    [api, patient.id, kinds.join(',')],
  );
  const [later, setLater] = useState<{ items: TimelineEntry[]; nextBefore: string | null } | null>(null);
  const more = useSubmit((before: string) =>
    api.home.timeline(patient.id, { types: kinds, before, limit: PAGE }),
  );

  return (
    <AsyncState
      state={first.state}
      what="timeline"
      onRetry={first.reload}
      isEmpty={(page: TimelinePage) => page.items.length === 0}
      empty="Nothing on the timeline for these filters yet."
    >
      {(page) => {
        const items = [...page.items, ...(later?.items ?? [])];
        const nextBefore = later ? later.nextBefore : page.nextBefore;
        return (
          <Stack gap="xs">
            <Stack
              component="ol"
              gap={4}
              aria-label="Timeline entries"
              style={{ listStyle: 'none', padding: 0, margin: 0 }}
            >
              {items.map((entry) => (
                <EntryRow key={`${entry.kind}:${entry.id}`} entry={entry} patient={patient} />
              ))}
            </Stack>
            <ProblemAlert problem={more.problem} />
            {nextBefore ? (
              <Group>
                <Button
                  variant="default"
                  size="xs"
                  loading={more.pending}
                  onClick={() => {
                    void more.run(nextBefore).then((result) => {
                      if (result.ok)
                        setLater({
                          items: [...(later?.items ?? []), ...result.value.items],
                          nextBefore: result.value.nextBefore,
                        });
                    });
                  }}
                >
                  Load more
                </Button>
              </Group>
            ) : (
              <Text size="xs" c="dimmed" role="status">
                End of the timeline.
              </Text>
            )}
          </Stack>
        );
      }}
    </AsyncState>
  );
};

/** The chart's story newest first: admissions, changes, notes, measures, screens, plans, alerts. */
export const TimelineTab = ({ patient }: { patient: Patient }) => {
  const me = useMe();
  const available = filtersFor(me.role);
  const [selected, setSelected] = useState<TimelineFilterKey[]>(available.map((f) => f.key));
  const kinds = kindsFor(selected, available);

  return (
    <Stack gap="sm">
      <Chip.Group
        multiple
        value={selected}
        onChange={(value) => setSelected(available.filter((f) => value.includes(f.key)).map((f) => f.key))}
      >
        <Group gap={6} role="group" aria-label="Show on the timeline">
          {available.map((f) => (
            <Chip key={f.key} value={f.key} size="xs">
              {f.label}
            </Chip>
          ))}
        </Group>
      </Chip.Group>
      {selected.length === 0 ? (
        <Text c="dimmed" role="status">
          Choose at least one kind of entry to show.
        </Text>
      ) : (
        <TimelineList key={kinds.join(',')} patient={patient} kinds={kinds} />
      )}
    </Stack>
  );
};
