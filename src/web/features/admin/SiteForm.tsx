import { Button, Group, NativeSelect, Select, SimpleGrid, Stack, TextInput, Title } from '@mantine/core';
import { type FormEvent, useMemo, useState } from 'react';
import type { Site, StaffUser } from '../../../core/api/admin.js';
import { ProblemAlert } from '../../components/ProblemAlert.js';
import { browserTimeZone, timeZones } from '../../lib/dates.js';
import { isStale, useSubmit } from '../../lib/useSubmit.js';
import { useApi } from '../../session/SessionProvider.js';

interface SiteFormProps {
  site: Site | null;
  users: StaffUser[];
  onSaved: (site: Site) => void;
  onStale: () => void;
  onCancel: () => void;
}

export const SiteForm = ({ site, users, onSaved, onStale, onCancel }: SiteFormProps) => {
  const api = useApi();
  const zones = useMemo(timeZones, []);
  const [name, setName] = useState(site?.name ?? '');
  const [timeZone, setTimeZone] = useState<string>(site?.timeZone ?? browserTimeZone());
  const [onCallUserId, setOnCallUserId] = useState(site?.onCallUserId ?? '');
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});
  const save = useSubmit(async () => {
    const body = { name: name.trim(), timeZone, onCallUserId: onCallUserId || null };
    return site
      ? api.admin.sites.update(site.id, { version: site.version, ...body })
      : api.admin.sites.create(body);
  });
  const errors = { ...save.errors, ...localErrors };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found: Record<string, string> = {};
    if (!name.trim()) found['name'] = 'Enter the site name.';
    if (!zones.includes(timeZone)) found['timeZone'] = 'Choose a time zone from the list.';
    setLocalErrors(found);
    if (Object.keys(found).length > 0) return;
    const result = await save.run();
    if (result.ok) onSaved(result.value);
    else if (isStale(result)) onStale();
  };

  return (
    <form onSubmit={(event) => void submit(event)} noValidate>
      <Stack gap="sm">
        <Title order={2} size="h4">
          {site ? `Edit ${site.name}` : 'New site'}
        </Title>
        <ProblemAlert problem={save.problem} shownFields={['name', 'timeZone', 'onCallUserId']} />
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
          <TextInput
            label="Site name"
            required
            maxLength={120}
            value={name}
            onChange={(event) => setName(event.currentTarget.value)}
            error={errors['name']}
            autoFocus
          />
          <Select
            label="Time zone"
            description="Every date and time at this site is shown in it."
            required
            searchable
            data={zones}
            value={timeZone}
            onChange={(value) => value && setTimeZone(value)}
            error={errors['timeZone']}
            limit={50}
            nothingFoundMessage="No such time zone"
          />
          <NativeSelect
            label="On-call staff member"
            description="Receives alerts nobody else can take."
            data={[
              { value: '', label: 'Nobody yet' },
              ...users.filter((u) => u.active).map((u) => ({ value: u.id, label: u.displayName })),
            ]}
            value={onCallUserId}
            onChange={(event) => setOnCallUserId(event.currentTarget.value)}
            error={errors['onCallUserId']}
          />
        </SimpleGrid>
        <Group>
          <Button type="submit" loading={save.pending}>
            {site ? 'Save site' : 'Create site'}
          </Button>
          <Button variant="default" onClick={onCancel}>
            Cancel
          </Button>
        </Group>
      </Stack>
    </form>
  );
};
