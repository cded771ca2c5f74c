import { Group, NativeSelect, Stack } from '@mantine/core';
import { useState } from 'react';
import type { Alert } from '../../../core/api/alerts.js';
import type { AlertFilter } from '../../api/types.js';
import { AsyncState } from '../../components/AsyncState.js';
import { PageTitle } from '../../components/PageTitle.js';
import { useResource } from '../../lib/useResource.js';
import { useApi } from '../../session/SessionProvider.js';
import { useSites } from '../../session/SitesProvider.js';
import { useInboxCount } from '../../shell/InboxCount.js';
import { AlertTable } from './AlertTable.js';

const FILTERS: { value: AlertFilter; label: string }[] = [
  { value: 'unresolved', label: 'Open and acknowledged' },
  { value: 'open', label: 'Open' },
  { value: 'acknowledged', label: 'Acknowledged' },
  { value: 'resolved', label: 'Resolved' },
];

const EMPTY: Record<AlertFilter, string> = {
  unresolved: 'Nothing needs your attention. New alerts for you appear here.',
  open: 'No open alerts.',
  acknowledged: 'No acknowledged alerts waiting to be resolved.',
  resolved: 'No resolved alerts.',
};

const isFilter = (value: string): value is AlertFilter => FILTERS.some((f) => f.value === value);

/** Urgent first, then oldest first: what has waited longest gets seen. */
const bySeverityThenAge = (a: Alert, b: Alert): number => {
  const rank = { urgent: 0, high: 1, normal: 2 } as const;
  return rank[a.severity] - rank[b.severity] || a.raisedAt.localeCompare(b.raisedAt);
};

/** Alerts addressed to me (SPEC §4b). */
export const InboxPage = () => {
  const api = useApi();
  const { staffTimeZone } = useSites();
  const inbox = useInboxCount();
  const [filter, setFilter] = useState<AlertFilter>('unresolved');
  const alerts = useResource((signal) => api.alerts.list(filter, signal), [api, filter]);

  const replace = (updated: Alert) => {
    const list = alerts.state.data ?? [];
    const stillShown = filter === 'unresolved' ? updated.status !== 'resolved' : filter === updated.status;
    alerts.setData(
      stillShown
        ? list.map((a) => (a.id === updated.id ? updated : a))
        : list.filter((a) => a.id !== updated.id),
    );
    inbox.refresh();
  };

  return (
    <Stack gap="md">
      <PageTitle>Inbox</PageTitle>
      <Group>
        <NativeSelect
          label="Show"
          data={FILTERS}
          value={filter}
          onChange={(event) => {
            const value = event.currentTarget.value;
            if (isFilter(value)) setFilter(value);
          }}
          w={240}
        />
      </Group>
      <AsyncState state={alerts.state} what="alerts" onRetry={alerts.reload} empty={EMPTY[filter]}>
        {(list) => (
          <AlertTable
            alerts={[...list].sort(bySeverityThenAge)}
            timeZone={staffTimeZone}
            showPatient
            onChanged={replace}
            onStale={() => {
              alerts.reload();
              inbox.refresh();
            }}
          />
        )}
      </AsyncState>
    </Stack>
  );
};
