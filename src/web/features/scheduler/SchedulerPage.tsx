import { Alert, Button, Center, Group, Loader, NativeSelect, Stack, Text, TextInput } from '@mantine/core';
import { useEffect, useMemo, useState } from 'react';
import type { ScheduleRun } from '../../../core/api/scheduleRuns.js';
import { ConfirmButton } from '../../components/ConfirmButton.js';
import { PageTitle } from '../../components/PageTitle.js';
import { ProblemAlert } from '../../components/ProblemAlert.js';
import { SitePicker } from '../../components/SitePicker.js';
import { TextLink } from '../../components/TextLink.js';
import { addDays, todayIn } from '../../lib/dates.js';
import { useResource } from '../../lib/useResource.js';
import { useSubmit } from '../../lib/useSubmit.js';
import { useApi } from '../../session/SessionProvider.js';
import { useSites } from '../../session/SitesProvider.js';
import { longDayLabel, mondayOf } from '../schedule/week.js';
import { RunResult } from './RunResult.js';

/** How often a running run is asked for its state. */
const POLL_MS = 1_000;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * `/schedule/scheduler`: run the weekly scheduler for a site (or one track) and a week, review the
 * changes it proposes against the current schedule, and apply them.
 */
export const SchedulerPage = () => {
  const api = useApi();
  const { sites, staffTimeZone } = useSites();
  const [chosenSite, setChosenSite] = useState<string | null>(null);
  const siteId = chosenSite ?? sites?.[0]?.id ?? '';
  const site = sites?.find((s) => s.id === siteId);
  const [trackId, setTrackId] = useState('');
  const [week, setWeek] = useState(() => addDays(mondayOf(todayIn(site?.timeZone ?? staffTimeZone)), 7));
  const [run, setRun] = useState<ScheduleRun | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const programs = useResource((signal) => api.programs.list(signal), [api]);
  const trackOptions = useMemo(
    () =>
      (programs.state.data ?? [])
        .filter((p) => p.siteId === siteId)
        .flatMap((p) =>
          p.tracks.filter((t) => t.active).map((t) => ({ value: t.id, label: `${p.name} · ${t.name}` })),
        ),
    [programs.state.data, siteId],
  );

  const weekStart = ISO_DATE.test(week) ? mondayOf(week) : '';
  const start = useSubmit(() =>
    api.scheduleRuns.start({ siteId, weekStart, ...(trackId ? { trackId } : {}) }),
  );
  const apply = useSubmit((r: ScheduleRun) => api.scheduleRuns.apply(r.id, r.version));
  const solving = run !== null && (run.status === 'running' || run.status === 'queued');

  useEffect(() => {
    if (!run || !solving) return;
    const controller = new AbortController();
    const timer = setTimeout(() => {
      api.scheduleRuns.get(run.id, controller.signal).then(
        (next) => {
          if (!controller.signal.aborted) setRun(next);
        },
        () => {
          // A failed poll is retried by the next one; the run keeps solving on the server.
          if (!controller.signal.aborted) setRun({ ...run });
        },
      );
    }, POLL_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [api, run, solving]);

  const onRun = async () => {
    setNotice(null);
    apply.clear();
    const result = await start.run();
    if (result.ok) setRun(result.value);
  };
  const onApply = async () => {
    if (!run) return;
    const result = await apply.run(run);
    if (result.ok) {
      setRun(result.value.run);
      setNotice(
        `Applied: ${result.value.added} sessions booked and ${result.value.removed} taken away. The calendar and roll calls show them now.`,
      );
    }
  };
  const changes = run ? run.diff.reduce((n, d) => n + d.added.length + d.removed.length, 0) : 0;

  return (
    <Stack gap="md">
      <Group justify="space-between">
        <PageTitle>Scheduler</PageTitle>
        <TextLink to="/schedule">Back to the schedule</TextLink>
      </Group>
      <Text size="sm" c="dimmed">
        Assigns each admitted patient to the week’s sessions within their availability, their level’s weekly
        hours and the modalities their program requires. Pinned seats are kept.
      </Text>

      <Group align="flex-end" gap="sm" wrap="wrap">
        <SitePicker
          sites={sites}
          value={siteId}
          onChange={(id) => {
            setChosenSite(id);
            setTrackId('');
          }}
        />
        <NativeSelect
          label="Track"
          data={[{ value: '', label: 'Every track' }, ...trackOptions]}
          value={trackId}
          onChange={(e) => setTrackId(e.currentTarget.value)}
        />
        <TextInput
          type="date"
          label="Week of"
          description={weekStart ? `Monday ${longDayLabel(weekStart)}` : 'Choose a date'}
          value={week}
          onChange={(e) => setWeek(e.currentTarget.value)}
        />
        <Button
          onClick={() => void onRun()}
          loading={start.pending}
          disabled={!siteId || !weekStart || solving}
        >
          Run the scheduler
        </Button>
      </Group>

      <ProblemAlert problem={start.problem} />
      {notice && (
        <Alert color="green" variant="light" role="status">
          {notice}
        </Alert>
      )}

      {solving && (
        <Center py="lg" role="status" aria-live="polite">
          <Loader size="sm" aria-hidden />
          <Text size="sm" ml="sm">
            Solving the week… the best schedule found is ready within a few seconds.
          </Text>
        </Center>
      )}
      {run?.status === 'failed' && (
        <Alert color="red" variant="light" title="The run failed" role="alert">
          {run.error ?? 'The scheduler could not finish.'}
        </Alert>
      )}
      {run?.status === 'superseded' && (
        <Alert color="yellow" variant="light" role="status">
          Another run of this week was applied since this one; run the scheduler again.
        </Alert>
      )}
      {run && !solving && run.status !== 'failed' && (
        <>
          <RunResult run={run} />
          <ProblemAlert problem={apply.problem} />
          {run.status === 'done' && changes > 0 && (
            <Group>
              <ConfirmButton
                title="Apply these changes?"
                message={`${changes} bookings change for ${run.diff.length} patients. Patients see the new sessions on their calendar.`}
                confirmLabel={`Apply ${changes} changes`}
                danger={false}
                onConfirm={onApply}
              >
                Apply changes
              </ConfirmButton>
            </Group>
          )}
        </>
      )}
    </Stack>
  );
};
