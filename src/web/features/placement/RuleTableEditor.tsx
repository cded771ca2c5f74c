import { Alert, Button, Group, NativeSelect, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import type { RuleTable } from '../../../core/api/placement.js';
import { LEVELS_OF_CARE, type LevelOfCare } from '../../../core/care/levels.js';
import {
  DIMENSION_IDS,
  DIMENSIONS,
  type Dimension,
  type PlacementRuleTable,
  RATINGS,
  validateRuleTable,
  WITHDRAWAL_MANAGEMENT_LEVELS,
  type WithdrawalManagement,
} from '../../../core/placement/ruleTable.js';
import { AsyncState } from '../../components/AsyncState.js';
import { ProblemAlert } from '../../components/ProblemAlert.js';
import { formatInstant } from '../../lib/dates.js';
import { useResource } from '../../lib/useResource.js';
import { useSubmit } from '../../lib/useSubmit.js';
import { useApi } from '../../session/SessionProvider.js';

type Rows = PlacementRuleTable['rows'];

const WM_SHORT: Record<WithdrawalManagement, string> = {
  none: 'WM: none',
  ambulatory: 'WM: ambulatory',
  medically_monitored: 'WM: monitored',
  medically_managed: 'WM: managed',
};

const copyRows = (rows: Rows): Rows => JSON.parse(JSON.stringify(rows)) as Rows;

/** Field messages keyed by path without the leading slash, e.g. `rows/d2/3`. */
const byField = (fields: readonly { field: string; message: string }[]): Record<string, string> =>
  Object.fromEntries(fields.map((f) => [f.field.replace(/^\//, ''), f.message]));

const Editor = ({
  table,
  onSaved,
  onReload,
}: {
  table: RuleTable;
  onSaved: (t: RuleTable) => void;
  onReload: () => void;
}) => {
  const api = useApi();
  const [rows, setRows] = useState<Rows>(() => copyRows(table.rows as Rows));
  const [version, setVersion] = useState('');
  const save = useSubmit(() =>
    api.placement.saveRuleTable({
      basedOn: table.version,
      ...(version.trim() ? { version: version.trim() } : {}),
      rows,
    }),
  );
  // The same check as the server's, live: known levels, five cells per row, none decreasing.
  const local = validateRuleTable({ version: version.trim() || 'draft', rows });
  const errors = { ...(local.ok ? {} : byField(local.fields)), ...save.errors };

  const setCell = (
    d: Dimension,
    rating: number,
    change: { level?: LevelOfCare; wm?: WithdrawalManagement },
  ) => {
    setRows((current) => {
      const next = copyRows(current);
      const cell = next[d][rating];
      if (!cell) return current;
      if (change.level) cell.level = change.level;
      if (change.wm !== undefined) {
        if (change.wm === 'none') delete cell.withdrawalManagement;
        else cell.withdrawalManagement = change.wm;
      }
      return next;
    });
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!local.ok) return;
    const result = await save.run();
    if (result.ok) onSaved(result.value);
  };

  const changed = JSON.stringify(rows) !== JSON.stringify(table.rows);
  const cellFields = DIMENSION_IDS.flatMap((d) =>
    RATINGS.flatMap((r) => [`rows/${d}/${r}`, `rows/${d}/${r}/level`, `rows/${d}/${r}/withdrawalManagement`]),
  );

  return (
    <form onSubmit={(e) => void submit(e)} noValidate aria-labelledby="rule-table-heading">
      <Stack gap="md">
        <Title order={2} size="h4" id="rule-table-heading">
          Placement rule table
        </Title>
        <Text size="sm">
          The minimum level of care each dimension&apos;s rating requires; the recommendation is the highest.
          Each row must stay the same or rise from rating 0 to 4. Withdrawal management is set on dimension 1.
          Every signed assessment records the version it used.
        </Text>
        <Text size="sm" c="dimmed">
          In force: version {table.version}
          {table.isDefault
            ? ' (the built-in default)'
            : `, saved by ${table.createdBy?.displayName ?? 'unknown'} ${formatInstant(table.createdAt, Intl.DateTimeFormat().resolvedOptions().timeZone)}`}
          .
        </Text>
        <Table.ScrollContainer minWidth={900}>
          <Table withTableBorder withColumnBorders aria-label="Minimum level by dimension and rating">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Dimension</Table.Th>
                {RATINGS.map((r) => (
                  <Table.Th key={r} scope="col">
                    Rating {r}
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {DIMENSION_IDS.map((d) => (
                <Table.Tr key={d}>
                  <Table.Th scope="row">
                    <Text size="sm" fw={600}>
                      {DIMENSIONS[d].number}. {DIMENSIONS[d].label}
                    </Text>
                    {errors[`rows/${d}`] && (
                      <Text size="xs" c="red" role="alert">
                        {errors[`rows/${d}`]}
                      </Text>
                    )}
                  </Table.Th>
                  {RATINGS.map((r) => {
                    const cell = rows[d][r];
                    const cellError = errors[`rows/${d}/${r}`] ?? errors[`rows/${d}/${r}/level`];
                    return (
                      <Table.Td key={r}>
                        <Stack gap={4}>
                          <NativeSelect
                            size="xs"
                            aria-label={`Dimension ${DIMENSIONS[d].number}, rating ${r}: level`}
                            data={LEVELS_OF_CARE.map((l) => ({ value: l, label: l }))}
                            value={cell.level}
                            onChange={(e) => setCell(d, r, { level: e.currentTarget.value as LevelOfCare })}
                            error={cellError}
                          />
                          {d === 'd1' && (
                            <NativeSelect
                              size="xs"
                              aria-label={`Dimension 1, rating ${r}: withdrawal management`}
                              data={WITHDRAWAL_MANAGEMENT_LEVELS.map((w) => ({
                                value: w,
                                label: WM_SHORT[w],
                              }))}
                              value={cell.withdrawalManagement ?? 'none'}
                              onChange={(e) =>
                                setCell(d, r, { wm: e.currentTarget.value as WithdrawalManagement })
                              }
                              error={errors[`rows/${d}/${r}/withdrawalManagement`]}
                            />
                          )}
                        </Stack>
                      </Table.Td>
                    );
                  })}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        <TextInput
          label="Name of the new version"
          description="Optional; letters, digits, dot, dash or underscore. Left empty, the date and a number are used."
          maw={420}
          maxLength={64}
          value={version}
          onChange={(e) => setVersion(e.currentTarget.value)}
          error={errors['version']}
        />
        <ProblemAlert
          problem={save.problem}
          shownFields={[...cellFields, ...DIMENSION_IDS.map((d) => `rows/${d}`), 'version']}
          staleMessage="Another administrator saved a new version meanwhile. Reload to see it before editing."
        />
        {save.problem?.code === 'STALE_VERSION' && (
          <Group>
            <Button variant="default" onClick={onReload}>
              Reload the table in force
            </Button>
          </Group>
        )}
        <Group>
          <Button type="submit" loading={save.pending} disabled={!changed || !local.ok}>
            Save as a new version
          </Button>
          <Button variant="default" disabled={!changed} onClick={() => setRows(copyRows(table.rows as Rows))}>
            Undo changes
          </Button>
        </Group>
      </Stack>
    </form>
  );
};

/** Admin: the versioned placement rule table as a 6 × 5 grid of level selects (and WM for dimension 1). */
export const RuleTableEditor = () => {
  const api = useApi();
  const table = useResource((signal) => api.placement.ruleTable(signal), [api]);
  const [notice, setNotice] = useState<string | null>(null);
  return (
    <Stack gap="md">
      {notice && (
        <Alert
          color="success"
          variant="light"
          role="status"
          withCloseButton
          closeButtonLabel="Dismiss"
          onClose={() => setNotice(null)}
        >
          {notice}
        </Alert>
      )}
      <AsyncState state={table.state} what="the rule table" onRetry={table.reload}>
        {(loaded) => (
          <Editor
            key={loaded.version}
            table={loaded}
            onReload={() => {
              setNotice(null);
              table.reload();
            }}
            onSaved={(saved) => {
              setNotice(`Saved as version ${saved.version}. New evaluations and signed assessments use it.`);
              table.setData(saved);
            }}
          />
        )}
      </AsyncState>
    </Stack>
  );
};
