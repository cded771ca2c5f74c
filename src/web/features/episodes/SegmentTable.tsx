import { Table, Text } from '@mantine/core';
import type { Segment } from '../../../core/api/patients.js';
import { formatDate } from '../../lib/dates.js';
import { humanize, levelLabel } from '../../lib/format.js';

const CHANGE_LABELS: Record<Segment['changeKind'], string> = {
  admission: 'Admission',
  step_up: 'Step up',
  step_down: 'Step down',
  lateral: 'Program or track change',
};

/** Segment history, newest first. */
export const SegmentTable = ({ segments, label }: { segments: Segment[]; label: string }) => (
  <Table.ScrollContainer minWidth={820}>
    <Table aria-label={label}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">Level of care</Table.Th>
          <Table.Th scope="col">Program / track</Table.Th>
          <Table.Th scope="col">From</Table.Th>
          <Table.Th scope="col">To</Table.Th>
          <Table.Th scope="col">Change</Table.Th>
          <Table.Th scope="col">Primary clinician</Table.Th>
          <Table.Th scope="col">Recorded by</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {[...segments].reverse().map((s) => (
          <Table.Tr key={s.id}>
            <Table.Td>{levelLabel(s.levelOfCare)}</Table.Td>
            <Table.Td>{[s.programName, s.trackName].filter(Boolean).join(' · ')}</Table.Td>
            <Table.Td>{formatDate(s.startOn)}</Table.Td>
            <Table.Td>{s.endOn ? formatDate(s.endOn) : 'Current'}</Table.Td>
            <Table.Td>
              <Text size="sm">{CHANGE_LABELS[s.changeKind] ?? humanize(s.changeKind)}</Text>
              {s.changeReason && (
                <Text size="xs" c="dimmed">
                  {s.changeReason}
                </Text>
              )}
              {s.backdateReason && (
                <Text size="xs" c="dimmed">
                  Recorded late: {s.backdateReason}
                </Text>
              )}
            </Table.Td>
            <Table.Td>{s.primaryClinician.displayName}</Table.Td>
            <Table.Td>{s.createdBy.displayName}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  </Table.ScrollContainer>
);
