import { Button, Checkbox, Group, NativeSelect, Stack, Table, Tabs, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import type { InquiryBoard, InquirySummary } from '../../../core/api/intake.js';
import { formatAge, formatAgeAgo } from '../../../core/intake/age.js';
import {
  followingStage,
  INQUIRY_STAGES,
  type InquiryStage,
  isInquiryStage,
  SOURCE_LABELS,
  STAGE_LABELS,
} from '../../../core/intake/stages.js';
import { AsyncState } from '../../components/AsyncState.js';
import { ConfirmButton } from '../../components/ConfirmButton.js';
import { PageTitle } from '../../components/PageTitle.js';
import { Pager } from '../../components/Pager.js';
import { ProblemAlert } from '../../components/ProblemAlert.js';
import { TextLink } from '../../components/TextLink.js';
import { useResource } from '../../lib/useResource.js';
import { isStale, useSubmit } from '../../lib/useSubmit.js';
import { useRouter } from '../../router.js';
import { useApi } from '../../session/SessionProvider.js';
import { useSites } from '../../session/SitesProvider.js';
import { PriorityBadge } from './IntakeBadges.js';

const PAGE_SIZE = 50;

/** Moves that need nothing more than a click; the others (scheduling, closing) happen on the inquiry. */
const QUICK_MOVES: Partial<Record<InquiryStage, InquiryStage>> = {
  new: 'screened',
  assessment_scheduled: 'assessed',
};

export const inquiryName = (i: { firstName: string; lastName: string | null }): string =>
  i.lastName ? `${i.lastName}, ${i.firstName}` : i.firstName;

interface BoardTableProps {
  items: InquirySummary[];
  stage: InquiryStage;
  timeZone: string;
  onMove: (inquiry: InquirySummary, to: InquiryStage) => Promise<unknown>;
}

const BoardTable = ({ items, stage, timeZone, onMove }: BoardTableProps) => {
  const now = new Date();
  const quick = QUICK_MOVES[stage];
  const next = followingStage(stage);
  return (
    <Table.ScrollContainer minWidth={760}>
      <Table aria-label={`${STAGE_LABELS[stage]} inquiries`} verticalSpacing="xs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Name</Table.Th>
            <Table.Th scope="col">Priority</Table.Th>
            <Table.Th scope="col">Came in</Table.Th>
            <Table.Th scope="col">In this stage</Table.Th>
            <Table.Th scope="col">Source</Table.Th>
            <Table.Th scope="col">Assigned to</Table.Th>
            <Table.Th scope="col">Next step</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((i) => (
            <Table.Tr key={i.id}>
              <Table.Td>
                <TextLink to={`/intake/inquiries/${i.id}`} fw={600}>
                  {inquiryName(i)}
                </TextLink>
                {i.waitlistedAt && (
                  <Text span size="xs" c="dimmed">
                    {' '}
                    · waitlisted
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                <PriorityBadge
                  population={i.priorityPopulation}
                  deadline={i.priorityDeadline}
                  stage={i.stage}
                  timeZone={timeZone}
                  now={now}
                />
              </Table.Td>
              <Table.Td>{formatAgeAgo(i.ageMinutes)}</Table.Td>
              <Table.Td>{formatAge(i.stageAgeMinutes)}</Table.Td>
              <Table.Td>{SOURCE_LABELS[i.source]}</Table.Td>
              <Table.Td>{i.assignedTo?.displayName ?? '—'}</Table.Td>
              <Table.Td>
                {quick ? (
                  <ConfirmButton
                    size="compact-sm"
                    variant="light"
                    danger={false}
                    title={`Mark ${inquiryName(i)} as ${STAGE_LABELS[quick].toLowerCase()}?`}
                    message={`The inquiry moves from ${STAGE_LABELS[stage].toLowerCase()} to ${STAGE_LABELS[quick].toLowerCase()}.`}
                    confirmLabel={`Move to ${STAGE_LABELS[quick].toLowerCase()}`}
                    onConfirm={() => onMove(i, quick)}
                  >
                    Mark {STAGE_LABELS[quick].toLowerCase()}
                  </ConfirmButton>
                ) : next ? (
                  <TextLink to={`/intake/inquiries/${i.id}`}>
                    {next === 'assessment_scheduled' ? 'Schedule assessment' : 'Open'}
                  </TextLink>
                ) : (
                  <TextLink to={`/intake/inquiries/${i.id}`}>Open</TextLink>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
};

/**
 * The intake coordinator's board: one tab per stage with its count, oldest and most urgent first.
 * Search text stays in memory, never in the address bar.
 */
export const IntakeBoardPage = () => {
  const api = useApi();
  const { navigate, location } = useRouter();
  const { sites, staffTimeZone } = useSites();
  const requested = new URLSearchParams(location.search).get('stage') ?? 'new';
  const stage: InquiryStage = isInquiryStage(requested) ? requested : 'new';
  const [siteId, setSiteId] = useState('');
  const [priorityOnly, setPriorityOnly] = useState(false);
  const [q, setQ] = useState('');
  const [offset, setOffset] = useState(0);
  const [debouncedQ] = useDebouncedValue(q.trim(), 300);
  const board = useResource(
    (signal) =>
      api.intake.board(
        {
          stage,
          siteId: siteId || undefined,
          priorityOnly: priorityOnly || undefined,
          q: debouncedQ || undefined,
          limit: PAGE_SIZE,
          offset,
        },
        signal,
      ),
    [api, stage, siteId, priorityOnly, debouncedQ, offset],
  );
  const move = useSubmit((inquiry: InquirySummary, to: InquiryStage) =>
    api.intake.moveStage(inquiry.id, { version: inquiry.version, to }),
  );
  const [notice, setNotice] = useState<string | null>(null);

  const onMove = async (inquiry: InquirySummary, to: InquiryStage) => {
    setNotice(null);
    const result = await move.run(inquiry, to);
    if (result.ok) setNotice(`${inquiryName(inquiry)} moved to ${STAGE_LABELS[to].toLowerCase()}.`);
    if (result.ok || isStale(result)) board.reload();
  };

  const counts: InquiryBoard['counts'] | undefined = board.state.data?.counts;
  const timeZone = staffTimeZone;

  return (
    <Stack gap="md">
      <Group justify="space-between">
        <PageTitle>Intake</PageTitle>
        <Group gap="xs">
          <Button variant="default" onClick={() => navigate('/intake/waitlist')}>
            Waitlist
          </Button>
          <Button variant="default" onClick={() => navigate('/intake/import')}>
            Import referrals
          </Button>
          <Button onClick={() => navigate('/intake/new')}>New inquiry</Button>
        </Group>
      </Group>

      <Group align="flex-end" gap="sm" role="search">
        <TextInput
          label="Find by name"
          description="Start of a first or last name"
          type="search"
          value={q}
          onChange={(event) => {
            setQ(event.currentTarget.value);
            setOffset(0);
          }}
          w={{ base: '100%', sm: 280 }}
          autoComplete="off"
        />
        {sites !== null && sites.length > 1 && (
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
            w={240}
          />
        )}
        <Checkbox
          label="Priority populations only"
          checked={priorityOnly}
          onChange={(event) => {
            setPriorityOnly(event.currentTarget.checked);
            setOffset(0);
          }}
          mb={6}
        />
      </Group>

      {notice && (
        <Text size="sm" role="status" c="success.8">
          {notice}
        </Text>
      )}
      <ProblemAlert
        problem={move.problem}
        staleMessage="This inquiry changed meanwhile. The board has been reloaded."
      />

      <Tabs
        value={stage}
        onChange={(value) => {
          if (value && isInquiryStage(value)) {
            setOffset(0);
            navigate(`/intake?stage=${value}`, { replace: true, keepFocus: true });
          }
        }}
        keepMounted={false}
      >
        <Tabs.List aria-label="Stages">
          {INQUIRY_STAGES.map((s) => (
            <Tabs.Tab key={s} value={s}>
              {STAGE_LABELS[s]}
              {counts && (
                <Text span size="xs" c="dimmed" ml={6}>
                  {counts[s]}
                </Text>
              )}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        <Tabs.Panel value={stage} pt="md">
          <AsyncState
            state={board.state}
            what="inquiries"
            onRetry={board.reload}
            isEmpty={(data) => data.items.length === 0}
            empty={
              debouncedQ || priorityOnly || siteId
                ? 'No inquiries in this stage match the filters.'
                : `No inquiries are ${STAGE_LABELS[stage].toLowerCase()} right now.`
            }
          >
            {(data) => (
              <Stack gap="xs">
                <BoardTable items={data.items} stage={stage} timeZone={timeZone} onMove={onMove} />
                <Pager
                  total={data.total}
                  offset={data.offset}
                  limit={data.limit}
                  onChange={setOffset}
                  noun="inquiries"
                />
              </Stack>
            )}
          </AsyncState>
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
};
