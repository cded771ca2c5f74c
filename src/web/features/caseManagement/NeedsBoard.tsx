import {
  Badge,
  Button,
  Group,
  NativeSelect,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { type FormEvent, useState } from 'react';
import type { CaseNeed } from '../../../core/api/caseManagement.js';
import {
  NEED_DOMAIN_LABELS,
  NEED_DOMAINS,
  NEED_PRIORITIES,
  NEED_PRIORITY_LABELS,
  NEED_STATUS_LABELS,
  type NeedDomain,
  type NeedPriority,
  type NeedStatus,
  needOrder,
  nextNeedStatuses,
} from '../../../core/caseManagement/needs.js';
import { ProblemAlert } from '../../components/ProblemAlert.js';
import { formatDate } from '../../lib/dates.js';
import { useSubmit } from '../../lib/useSubmit.js';
import { useApi } from '../../session/SessionProvider.js';

const STATUS_COLOR: Record<NeedStatus, string> = {
  identified: 'warning',
  in_progress: 'blue',
  met: 'success',
  declined: 'gray',
};
const PRIORITY_COLOR: Record<NeedPriority, string> = { high: 'red', medium: 'warning', low: 'gray' };

const priorityOptions = NEED_PRIORITIES.map((p) => ({ value: p, label: NEED_PRIORITY_LABELS[p] }));

/** Records a need in one domain. */
const NewNeedForm = ({
  patientId,
  domain,
  onSaved,
  onCancel,
}: {
  patientId: string;
  domain: NeedDomain;
  onSaved: () => void;
  onCancel: () => void;
}) => {
  const api = useApi();
  const [priority, setPriority] = useState<NeedPriority>('medium');
  const [note, setNote] = useState('');
  const create = useSubmit(() =>
    api.caseManagement.addNeed(patientId, { domain, priority, note: note.trim() || null }),
  );
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if ((await create.run()).ok) onSaved();
  };
  return (
    <form
      onSubmit={(event) => void submit(event)}
      noValidate
      aria-label={`New ${NEED_DOMAIN_LABELS[domain]} need`}
    >
      <Stack gap={6}>
        <ProblemAlert problem={create.problem} />
        <NativeSelect
          size="xs"
          label="Priority"
          data={priorityOptions}
          value={priority}
          onChange={(event) =>
            setPriority(NEED_PRIORITIES.find((p) => p === event.currentTarget.value) ?? 'medium')
          }
        />
        <Textarea
          size="xs"
          label="Note"
          autosize
          minRows={1}
          maxLength={2000}
          value={note}
          onChange={(event) => setNote(event.currentTarget.value)}
          autoFocus
        />
        <Group gap="xs">
          <Button size="xs" type="submit" loading={create.pending}>
            Record need
          </Button>
          <Button size="xs" variant="default" onClick={onCancel}>
            Cancel
          </Button>
        </Group>
      </Stack>
    </form>
  );
};

/** One need: its status moves only the ways the rules allow; priority and note can change any time. */
const NeedEditor = ({
  patientId,
  need,
  canEdit,
  onSaved,
  onStale,
}: {
  patientId: string;
  need: CaseNeed;
  canEdit: boolean;
  onSaved: () => void;
  onStale: () => void;
}) => {
  const api = useApi();
  const [status, setStatus] = useState<NeedStatus>(need.status);
  const [priority, setPriority] = useState<NeedPriority>(need.priority);
  const [note, setNote] = useState(need.note ?? '');
  const update = useSubmit(() =>
    api.caseManagement.updateNeed(patientId, need.id, {
      version: need.version,
      status,
      priority,
      note: note.trim() || null,
    }),
  );
  const dirty = status !== need.status || priority !== need.priority || (note.trim() || null) !== need.note;
  const label = NEED_DOMAIN_LABELS[need.domain];
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const result = await update.run();
    if (result.ok) onSaved();
    else if (result.problem.code === 'STALE_VERSION') onStale();
  };
  return (
    <Stack gap={6}>
      <Group gap={6}>
        <Badge color={STATUS_COLOR[need.status]} variant="light">
          {NEED_STATUS_LABELS[need.status]}
        </Badge>
        <Badge color={PRIORITY_COLOR[need.priority]} variant="outline">
          {NEED_PRIORITY_LABELS[need.priority]} priority
        </Badge>
      </Group>
      <Text size="xs" c="dimmed">
        Identified {formatDate(need.identifiedOn)} by {need.createdBy.displayName}
      </Text>
      {!canEdit ? (
        need.note && <Text size="sm">{need.note}</Text>
      ) : (
        <form onSubmit={(event) => void submit(event)} noValidate aria-label={`${label} need`}>
          <Stack gap={6}>
            <ProblemAlert problem={update.problem} />
            <Group gap="xs" grow>
              <NativeSelect
                size="xs"
                label="Status"
                data={[need.status, ...nextNeedStatuses(need.status)].map((s) => ({
                  value: s,
                  label: NEED_STATUS_LABELS[s],
                }))}
                value={status}
                onChange={(event) =>
                  setStatus(
                    ([need.status, ...nextNeedStatuses(need.status)] as NeedStatus[]).find(
                      (s) => s === event.currentTarget.value,
                    ) ?? need.status,
                  )
                }
              />
              <NativeSelect
                size="xs"
                label="Priority"
                data={priorityOptions}
                value={priority}
                onChange={(event) =>
                  setPriority(NEED_PRIORITIES.find((p) => p === event.currentTarget.value) ?? need.priority)
                }
              />
            </Group>
            <Textarea
              size="xs"
              label="Note"
              autosize
              minRows={1}
              maxLength={2000}
              value={note}
              onChange={(event) => setNote(event.currentTarget.value)}
            />
            {dirty && (
              <Group>
                <Button size="xs" type="submit" loading={update.pending}>
                  Save {label.toLowerCase()} need
                </Button>
              </Group>
            )}
          </Stack>
        </form>
      )}
    </Stack>
  );
};

/** Needs by domain, one card per domain: open needs first, the history of met and declined ones below. */
export const NeedsBoard = ({
  patientId,
  needs,
  canEdit,
  onChanged,
}: {
  patientId: string;
  needs: CaseNeed[];
  canEdit: boolean;
  onChanged: () => void;
}) => {
  const [adding, setAdding] = useState<NeedDomain | null>(null);
  return (
    <Stack gap="sm" component="section" aria-labelledby="needs-title">
      <Title order={2} size="h4" id="needs-title">
        Needs
      </Title>
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="sm">
        {NEED_DOMAINS.map((domain) => {
          const inDomain = needs.filter((n) => n.domain === domain).sort(needOrder);
          const open = inDomain.filter((n) => n.status === 'identified' || n.status === 'in_progress');
          const closed = inDomain.filter((n) => !open.includes(n));
          const headingId = `need-${domain}`;
          return (
            <Paper key={domain} withBorder p="sm" component="section" aria-labelledby={headingId}>
              <Stack gap={6}>
                <Title order={3} size="h6" id={headingId}>
                  {NEED_DOMAIN_LABELS[domain]}
                </Title>
                {open.map((n) => (
                  <NeedEditor
                    key={n.id}
                    patientId={patientId}
                    need={n}
                    canEdit={canEdit}
                    onSaved={onChanged}
                    onStale={onChanged}
                  />
                ))}
                {open.length === 0 && adding !== domain && (
                  <Group justify="space-between">
                    <Text size="sm" c="dimmed">
                      No open need.
                    </Text>
                    {canEdit && (
                      <Button
                        size="compact-xs"
                        variant="light"
                        onClick={() => setAdding(domain)}
                        aria-label={`Record a ${NEED_DOMAIN_LABELS[domain].toLowerCase()} need`}
                      >
                        Record need
                      </Button>
                    )}
                  </Group>
                )}
                {adding === domain && (
                  <NewNeedForm
                    patientId={patientId}
                    domain={domain}
                    onSaved={() => {
                      setAdding(null);
                      onChanged();
                    }}
                    onCancel={() => setAdding(null)}
                  />
                )}
                {closed.map((n) => (
                  <NeedEditor
                    key={n.id}
                    patientId={patientId}
                    need={n}
                    canEdit={canEdit}
                    onSaved={onChanged}
                    onStale={onChanged}
                  />
                ))}
              </Stack>
            </Paper>
          );
        })}
      </SimpleGrid>
    </Stack>
  );
};
