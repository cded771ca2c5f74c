import {
  Alert,
  Button,
  Group,
  List,
  Modal,
  NativeSelect,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { type FormEvent, useCallback, useMemo, useState } from 'react';
import type { RollCallView, SavedRollCall } from '../../../core/api/attendance.js';
import type { ProblemDetails } from '../../api/problem.js';
import { AsyncState } from '../../components/AsyncState.js';
import { Facts } from '../../components/Facts.js';
import { PageTitle } from '../../components/PageTitle.js';
import { ProblemAlert } from '../../components/ProblemAlert.js';
import { TextLink } from '../../components/TextLink.js';
import { formatDate } from '../../lib/dates.js';
import { useResource } from '../../lib/useResource.js';
import { useSubmit } from '../../lib/useSubmit.js';
import { useRouter } from '../../router.js';
import { useApi, useMe } from '../../session/SessionProvider.js';
import { PatientRow } from './PatientRow.js';
import {
  type PatientDraft,
  type RollCallDraft,
  checkDraft,
  draftFrom,
  markEveryonePresent,
  previewMinutes,
  toCancelBody,
  toSaveBody,
  wallTime,
} from './rollCallDraft.js';

const LEADER_ROLES = new Set(['clinician', 'clinical_supervisor', 'case_manager', 'program_director']);

const STATUS_LABELS = {
  attended: 'Attended',
  'absent-excused': 'Absent, excused',
  'absent-unexcused': 'Absent, unexcused',
} as const;

/** What the last save recorded: minutes per patient, and who the rules told. */
const SavedSummary = ({ saved }: { saved: SavedRollCall }) => {
  const { rollCall } = saved;
  return (
    <Alert color="green" variant="light" role="status" title="Roll call saved">
      <Stack gap="xs">
        {rollCall.status === 'cancelled' ? (
          <Text size="sm">The session is recorded as cancelled: {rollCall.cancellationReason}</Text>
        ) : (
          <Table aria-label="Minutes attended" withRowBorders={false} verticalSpacing={2} maw={560}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Patient</Table.Th>
                <Table.Th scope="col">Status</Table.Th>
                <Table.Th scope="col">Minutes</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rollCall.entries.map((e) => (
                <Table.Tr key={e.patientId}>
                  <Table.Td>{e.name}</Table.Td>
                  <Table.Td>{STATUS_LABELS[e.status]}</Table.Td>
                  <Table.Td>{e.minutes}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        {saved.alertsRaised.length + saved.tasksCreated.length === 0 ? (
          <Text size="sm">No alerts or tasks were raised.</Text>
        ) : (
          <List size="sm">
            {saved.alertsRaised.map((a) => (
              <List.Item key={a.id}>
                Alert to {a.recipient.displayName}: {a.title}
              </List.Item>
            ))}
            {saved.tasksCreated.map((t) => (
              <List.Item key={t.id}>
                Task for {t.owner.displayName}: {t.title}
              </List.Item>
            ))}
          </List>
        )}
      </Stack>
    </Alert>
  );
};

/** A refused save because someone else saved first: the user's entries stay; they choose. */
const StaleNotice = ({
  problem,
  pending,
  onOverwrite,
  onDiscard,
}: {
  problem: ProblemDetails;
  pending: boolean;
  onOverwrite: (version: number | undefined) => void;
  onDiscard: () => void;
}) => (
  <Alert color="orange" variant="light" role="alert" title="Someone else saved this roll call">
    <Text size="sm">{problem.detail} Your entries are still in the form below and were not saved.</Text>
    <Group mt="sm" gap="sm">
      <Button
        size="md"
        color="orange"
        loading={pending}
        onClick={() =>
          onOverwrite(
            problem.currentVersion && problem.currentVersion > 0 ? problem.currentVersion : undefined,
          )
        }
      >
        Save mine instead
      </Button>
      <Button size="md" variant="default" onClick={onDiscard} disabled={pending}>
        Discard mine and load theirs
      </Button>
    </Group>
  </Alert>
);

interface FormProps {
  view: RollCallView;
  onSaved: (saved: SavedRollCall) => void;
  onReload: () => void;
}

const RollCallForm = ({ view, onSaved, onReload }: FormProps) => {
  const api = useApi();
  const { occurrence, rollCall } = view;
  const [draft, setDraft] = useState<RollCallDraft>(() => draftFrom(view));
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});
  const [cancelOpen, setCancelOpen] = useState(false);
  const [cancelReason, setCancelReason] = useState('');
  const [cancelError, setCancelError] = useState<string | null>(null);
  const save = useSubmit((body: Parameters<typeof api.attendance.saveRollCall>[1]) =>
    api.attendance.saveRollCall(occurrence.key, body),
  );
  const staff = useResource((signal) => api.staff.list(undefined, signal), [api]);
  const leaders = useMemo(() => {
    const options = (staff.state.data ?? [])
      .filter((s) => LEADER_ROLES.has(s.role))
      .map((s) => ({ value: s.id, label: s.displayName }));
    for (const leader of [occurrence.leader, rollCall?.leader]) {
      if (leader && !options.some((o) => o.value === leader.id))
        options.unshift({ value: leader.id, label: leader.displayName });
    }
    return options.map((o) =>
      o.value === occurrence.leader.id ? { ...o, label: `${o.label} (scheduled)` } : o,
    );
  }, [staff.state.data, occurrence.leader, rollCall?.leader]);

  const disabled = !occurrence.started || save.pending;
  const errors = { ...save.errors, ...localErrors };
  const stale = save.problem?.code === 'STALE_VERSION' ? save.problem : null;
  const marked = draft.patients.filter((p) => p.attendance !== 'unmarked').length;

  const onRowChange = useCallback((index: number, patch: Partial<PatientDraft>) => {
    setDraft((d) => ({ ...d, patients: d.patients.map((p, i) => (i === index ? { ...p, ...patch } : p)) }));
  }, []);

  const submit = async (version: number | undefined) => {
    const found = checkDraft(draft);
    setLocalErrors(found);
    if (Object.keys(found).length > 0) return;
    const result = await save.run(toSaveBody(draft, view, version));
    if (result.ok) onSaved(result.value);
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void submit(rollCall?.version);
  };

  const cancelSession = async () => {
    if (!cancelReason.trim()) {
      setCancelError('Say why the session did not take place.');
      return;
    }
    setCancelError(null);
    const result = await save.run(toCancelBody(cancelReason, draft.leaderId, rollCall?.version));
    setCancelOpen(false);
    if (result.ok) onSaved(result.value);
  };

  return (
    <Stack gap="md">
      {!occurrence.started && (
        <Alert color="blue" variant="light" title="Not begun yet">
          <Text size="sm">
            This session starts at {wallTime(occurrence.start)}. Take its roll call once it has begun.
          </Text>
        </Alert>
      )}
      {occurrence.cancellation && (
        <Alert color="yellow" variant="light" title="Cancelled on the calendar">
          <Text size="sm">
            {occurrence.cancellation}. Record it as cancelled below, or restore it on the calendar first.
          </Text>
        </Alert>
      )}
      {rollCall?.status === 'cancelled' && (
        <Alert color="yellow" variant="light" title="Recorded as cancelled">
          <Text size="sm">
            {rollCall.cancellationReason} (by {rollCall.recordedBy.displayName}). To record it as held
            instead, mark the patients and save.
          </Text>
        </Alert>
      )}

      <form onSubmit={onSubmit} noValidate aria-label="Roll call">
        <Stack gap="md">
          {stale ? (
            <StaleNotice
              problem={stale}
              pending={save.pending}
              onOverwrite={(version) => void submit(version)}
              onDiscard={onReload}
            />
          ) : (
            <ProblemAlert
              problem={save.problem}
              shownFields={Object.keys(errors).filter(
                (k) => k.startsWith('entries/') || k.startsWith('actual') || k === 'leaderId',
              )}
            />
          )}
          {Object.keys(localErrors).length > 0 && (
            <Text size="sm" c="red.8" role="alert">
              Check the highlighted patients and times.
            </Text>
          )}

          {draft.patients.length === 0 ? (
            <Text c="dimmed" role="status">
              Nobody is booked for this session.
            </Text>
          ) : (
            <>
              <Group justify="space-between" align="center" wrap="wrap">
                <Button
                  size="xl"
                  color="green"
                  onClick={() => {
                    setDraft(markEveryonePresent);
                    setLocalErrors({});
                  }}
                  disabled={disabled || marked === draft.patients.length}
                >
                  Everyone present
                </Button>
                <Text size="sm" c="dimmed" aria-live="polite">
                  {marked} of {draft.patients.length} marked
                </Text>
              </Group>
              <Stack component="ul" gap="xs" p={0} m={0} aria-label="Patients">
                {draft.patients.map((p, index) => (
                  <PatientRow
                    key={p.patientId}
                    index={index}
                    patient={p}
                    hasRoom={occurrence.hasRoom}
                    minutes={previewMinutes(p, draft, view)}
                    errors={errors}
                    disabled={disabled}
                    onChange={onRowChange}
                  />
                ))}
              </Stack>
            </>
          )}

          <Title order={2} size="h4">
            The session
          </Title>
          <Group gap="sm" align="flex-start" wrap="wrap">
            <TextInput
              label="Actual start"
              type="time"
              size="md"
              w={150}
              value={draft.actualStart}
              onChange={(e) => {
                const actualStart = e.currentTarget.value;
                setDraft((d) => ({ ...d, actualStart }));
              }}
              error={errors['actualStart']}
              disabled={disabled}
            />
            <TextInput
              label="Actual end"
              type="time"
              size="md"
              w={150}
              value={draft.actualEnd}
              onChange={(e) => {
                const actualEnd = e.currentTarget.value;
                setDraft((d) => ({ ...d, actualEnd }));
              }}
              error={errors['actualEnd']}
              disabled={disabled}
            />
            <NativeSelect
              label="Led by"
              description="Choose a substitute if someone else ran it"
              size="md"
              w={300}
              data={leaders}
              value={draft.leaderId}
              onChange={(e) => {
                const leaderId = e.currentTarget.value;
                setDraft((d) => ({ ...d, leaderId }));
              }}
              error={errors['leaderId']}
              disabled={disabled}
            />
          </Group>
          <Group gap="sm">
            <Button
              type="submit"
              size="lg"
              loading={save.pending}
              disabled={!occurrence.started || occurrence.cancellation !== null}
            >
              Save roll call
            </Button>
            <Button
              size="lg"
              variant="outline"
              color="red"
              onClick={() => setCancelOpen(true)}
              disabled={!occurrence.started || save.pending}
            >
              Session did not take place…
            </Button>
          </Group>
        </Stack>
      </form>

      <Modal
        opened={cancelOpen}
        onClose={() => setCancelOpen(false)}
        title="Record the session as cancelled?"
        centered
      >
        <Stack gap="sm">
          <Text size="sm">
            Nobody gets minutes for it, and any marks in the form are dropped. You can record it as held
            later.
          </Text>
          <Textarea
            label="Reason"
            required
            autosize
            minRows={2}
            value={cancelReason}
            onChange={(e) => setCancelReason(e.currentTarget.value)}
            error={cancelError ?? errors['cancellationReason']}
            data-autofocus
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setCancelOpen(false)} disabled={save.pending}>
              Keep the form
            </Button>
            <Button color="red" loading={save.pending} onClick={() => void cancelSession()}>
              Record as cancelled
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
};

const SessionFacts = ({ view }: { view: RollCallView }) => {
  const { occurrence } = view;
  return (
    <Facts
      cols={4}
      items={[
        ['Date', formatDate(occurrence.localDate)],
        ['Time', `${wallTime(occurrence.start)}–${wallTime(occurrence.end)} (site time)`],
        ['Leader', occurrence.leader.displayName],
        [
          'Where',
          occurrence.hasRoom ? (occurrence.telehealth ? 'Room and telehealth' : 'In a room') : 'Telehealth',
        ],
      ]}
    />
  );
};

const GROUP_NOTE_ROLES = new Set(['clinician', 'clinical_supervisor', 'program_director']);

/** Once the roll of a group is taken, its note is written once from here for every attendee. */
const GroupNoteButton = ({ view }: { view: RollCallView }) => {
  const api = useApi();
  const me = useMe();
  const { navigate } = useRouter();
  const open = useSubmit(() => api.notes.openGroupNote(view.occurrence.key));
  if (view.occurrence.kind !== 'group' || view.rollCall?.status !== 'held' || !GROUP_NOTE_ROLES.has(me.role))
    return null;
  return (
    <Stack gap={4} align="flex-end">
      <Button
        variant="light"
        loading={open.pending}
        onClick={() =>
          void open.run().then((r) => {
            if (r.ok) navigate(`/group-notes/${r.value.id}`);
          })
        }
      >
        Write group note
      </Button>
      {open.problem && (
        <Text size="sm" c="red" role="alert">
          {open.problem.detail}
        </Text>
      )}
    </Stack>
  );
};

/** `/sessions/:occurrenceKey/roll-call`: one tap for everyone, then the exceptions; tablet-sized. */
export const RollCallPage = ({ occurrenceKey }: { occurrenceKey: string }) => {
  const api = useApi();
  const view = useResource((signal) => api.attendance.rollCall(occurrenceKey, signal), [api, occurrenceKey]);
  const [saved, setSaved] = useState<SavedRollCall | null>(null);
  const [resets, setResets] = useState(0);
  const data = view.state.data;

  return (
    <Stack gap="md" maw={1100}>
      <Group justify="space-between" align="flex-end">
        <PageTitle documentTitle="Roll call">
          {data ? `Roll call: ${data.occurrence.title}` : 'Roll call'}
        </PageTitle>
        <Group>
          {data && <GroupNoteButton view={data} />}
          <TextLink to="/schedule">Back to the schedule</TextLink>
        </Group>
      </Group>
      {data && <SessionFacts view={data} />}
      {saved && <SavedSummary saved={saved} />}
      <AsyncState state={view.state} what="roll call" onRetry={view.reload}>
        {(v) => (
          <RollCallForm
            key={`${v.rollCall?.version ?? 0}:${resets}`}
            view={v}
            onSaved={(s) => {
              setSaved(s);
              view.setData({ occurrence: s.occurrence, roster: s.roster, rollCall: s.rollCall });
            }}
            onReload={() => {
              setSaved(null);
              setResets((n) => n + 1);
              view.reload();
            }}
          />
        )}
      </AsyncState>
    </Stack>
  );
};
