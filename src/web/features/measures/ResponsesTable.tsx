import { Badge, Button, Group, Table, Text } from '@mantine/core';
import { Fragment, useState } from 'react';
import type { Instrument, MeasureResponse } from '../../../core/api/measures.js';
import { formatInstant } from '../../lib/dates.js';

const optionLabel = (instrument: Instrument | undefined, itemNumber: number, answer: number): string =>
  instrument?.items[itemNumber - 1]?.options.find((o) => o.value === answer)?.label ?? String(answer);

interface ResponsesTableProps {
  responses: MeasureResponse[];
  instruments: Instrument[];
  timeZone: string;
}

/** Results newest first; each can be opened item by item (the BAM is read that way). */
export const ResponsesTable = ({ responses, instruments, timeZone }: ResponsesTableProps) => {
  const [open, setOpen] = useState<string | null>(null);
  const byCode = new Map(instruments.map((i) => [i.code, i]));
  return (
    <Table.ScrollContainer minWidth={720}>
      <Table aria-label="Measure results">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Given</Table.Th>
            <Table.Th scope="col">Measure</Table.Th>
            <Table.Th scope="col">Score</Table.Th>
            <Table.Th scope="col">Flags</Table.Th>
            <Table.Th scope="col">Given by</Table.Th>
            <Table.Th scope="col">Answers</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {responses.map((r) => {
            const instrument = byCode.get(r.instrument);
            const expanded = open === r.id;
            const rowId = `answers-${r.id}`;
            return (
              <Fragment key={r.id}>
                <Table.Tr>
                  <Table.Td>{formatInstant(r.administeredAt, timeZone)}</Table.Td>
                  <Table.Td>{r.shortName}</Table.Td>
                  <Table.Td>
                    {r.total !== null ? (
                      <Text size="sm">
                        {r.total}
                        {r.band ? ` · ${r.band.label}` : ''}
                      </Text>
                    ) : (
                      <Text size="sm">
                        {(instrument?.subscales ?? [])
                          .map((s) => `${s.label} ${r.subscales?.[s.key] ?? 0}`)
                          .join(' · ') || '—'}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Group gap={4}>
                      {r.flags.length === 0
                        ? '—'
                        : r.flags.map((f) => (
                            <Badge
                              key={f.key}
                              color={f.severity === 'urgent' ? 'red' : 'warning'}
                              variant="light"
                            >
                              {f.label}
                            </Badge>
                          ))}
                    </Group>
                  </Table.Td>
                  <Table.Td>{r.administeredBy?.displayName ?? 'Patient, in the portal'}</Table.Td>
                  <Table.Td>
                    <Button
                      size="compact-sm"
                      variant="subtle"
                      aria-expanded={expanded}
                      aria-controls={rowId}
                      onClick={() => setOpen(expanded ? null : r.id)}
                    >
                      {expanded ? 'Hide' : 'Show'}
                    </Button>
                  </Table.Td>
                </Table.Tr>
                {expanded && (
                  <Table.Tr id={rowId}>
                    <Table.Td colSpan={6}>
                      <Table withRowBorders={false} verticalSpacing={2} aria-label={`${r.shortName} answers`}>
                        <Table.Thead>
                          <Table.Tr>
                            <Table.Th scope="col">Item</Table.Th>
                            <Table.Th scope="col">Answer</Table.Th>
                            <Table.Th scope="col">Score</Table.Th>
                          </Table.Tr>
                        </Table.Thead>
                        <Table.Tbody>
                          {r.items.map((item) => (
                            <Table.Tr key={item.number}>
                              <Table.Td>
                                <Text size="xs">
                                  {item.number}. {instrument?.items[item.number - 1]?.text ?? ''}
                                </Text>
                              </Table.Td>
                              <Table.Td>
                                <Text size="xs">{optionLabel(instrument, item.number, item.answer)}</Text>
                              </Table.Td>
                              <Table.Td>
                                <Text size="xs">{item.score}</Text>
                              </Table.Td>
                            </Table.Tr>
                          ))}
                        </Table.Tbody>
                      </Table>
                    </Table.Td>
                  </Table.Tr>
                )}
              </Fragment>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
};
