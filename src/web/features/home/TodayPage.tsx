import { Group, SimpleGrid, Stack, Text } from '@mantine/core';
import { AsyncState } from '../../components/AsyncState.js';
import { PageTitle } from '../../components/PageTitle.js';
import { formatDate } from '../../lib/dates.js';
import { useResource } from '../../lib/useResource.js';
import { useApi } from '../../session/SessionProvider.js';
import { SupervisionSection } from './SupervisionSection.js';
import { AlertsSection, NotesSection, PlansSection, SessionsSection, TasksSection } from './TodaySections.js';

/** Where clinical staff land: today's sessions and what is due, with links straight to the work. */
export const TodayPage = () => {
  const api = useApi();
  const today = useResource((signal) => api.home.today(signal), [api]);
  return (
    <Stack gap="md">
      <Group justify="space-between" align="baseline">
        <PageTitle>Today</PageTitle>
        {today.state.data && (
          <Text size="sm" c="dimmed">
            {formatDate(today.state.data.date)}
          </Text>
        )}
      </Group>
      <AsyncState state={today.state} what="your day" onRetry={today.reload}>
        {(t) => (
          <Stack gap="md">
            <SessionsSection sessions={t.sessions} />
            <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
              <NotesSection notes={t.notes} timeZone={t.timeZone} />
              <PlansSection plans={t.plans} />
              <AlertsSection alerts={t.alerts} timeZone={t.timeZone} />
              <TasksSection tasks={t.tasks} timeZone={t.timeZone} />
            </SimpleGrid>
            {t.supervision && <SupervisionSection supervision={t.supervision} timeZone={t.timeZone} />}
          </Stack>
        )}
      </AsyncState>
    </Stack>
  );
};
