import {
  Alert,
  Badge,
  Button,
  FileInput,
  Group,
  List,
  NativeSelect,
  Stack,
  Table,
  Text,
  Textarea,
} from '@mantine/core';
import { useState } from 'react';
import type { ImportResult } from '../../../core/api/intake.js';
import { PRIORITY_LABELS } from '../../../core/intake/priority.js';
import { REFERRAL_COLUMNS } from '../../../core/intake/referrals.js';
import { PageTitle } from '../../components/PageTitle.js';
import { ProblemAlert } from '../../components/ProblemAlert.js';
import { TextLink } from '../../components/TextLink.js';
import { formatDate } from '../../lib/dates.js';
import { useSubmit } from '../../lib/useSubmit.js';
import { useApi } from '../../session/SessionProvider.js';
import { useSites } from '../../session/SitesProvider.js';

const PreviewTable = ({ result }: { result: ImportResult }) => (
  <Table.ScrollContainer minWidth={880}>
    <Table aria-label="Preview of the referrals" verticalSpacing="xs">
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">Row</Table.Th>
          <Table.Th scope="col">Name</Table.Th>
          <Table.Th scope="col">Date of birth</Table.Th>
          <Table.Th scope="col">Phone / email</Table.Th>
          <Table.Th scope="col">Referred by</Table.Th>
          <Table.Th scope="col">Priority</Table.Th>
          <Table.Th scope="col">Coverage</Table.Th>
          <Table.Th scope="col">Problems</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {result.rows.map((r) => (
          <Table.Tr key={r.row} bg={r.errors.length > 0 ? 'var(--mantine-color-red-light)' : undefined}>
            <Table.Td>{r.row}</Table.Td>
            <Table.Td>{[r.values.lastName, r.values.firstName].filter(Boolean).join(', ') || '—'}</Table.Td>
            <Table.Td>{formatDate(r.values.dateOfBirth)}</Table.Td>
            <Table.Td>{r.values.phone ?? r.values.email ?? '—'}</Table.Td>
            <Table.Td>
              {[r.values.referrerName, r.values.referrerOrganization].filter(Boolean).join(', ') || '—'}
            </Table.Td>
            <Table.Td>
              {r.values.priorityPopulation ? PRIORITY_LABELS[r.values.priorityPopulation] : '—'}
            </Table.Td>
            <Table.Td>
              {r.values.payerName
                ? `${r.values.payerName}${r.values.memberId ? ` · ${r.values.memberId}` : ''}`
                : '—'}
            </Table.Td>
            <Table.Td>
              {r.errors.length === 0 ? (
                <Badge variant="light" color="success">
                  OK
                </Badge>
              ) : (
                <List size="xs" spacing={2}>
                  {r.errors.map((e) => (
                    <List.Item key={`${e.column ?? ''}:${e.message}`}>
                      {e.column ? <strong>{e.column}</strong> : 'Row'} {e.message}
                    </List.Item>
                  ))}
                </List>
              )}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  </Table.ScrollContainer>
);

/**
 * Referrals sent as a spreadsheet: paste or choose the CSV, preview every row with its problems, then
 * import. The import is all or nothing, so it is offered only once every row is good.
 */
export const ImportPage = () => {
  const api = useApi();
  const { sites } = useSites();
  const [chosenSite, setChosenSite] = useState<string | null>(null);
  const [csv, setCsv] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<{ result: ImportResult; csv: string; siteId: string } | null>(null);
  const [imported, setImported] = useState<ImportResult | null>(null);
  const siteId = chosenSite ?? sites?.[0]?.id ?? '';
  const check = useSubmit((body: { siteId: string; csv: string }) => api.intake.importReferrals(body, true));
  const commit = useSubmit((body: { siteId: string; csv: string }) =>
    api.intake.importReferrals(body, false),
  );

  const readFile = async (chosen: File | null) => {
    setFile(chosen);
    setPreview(null);
    setImported(null);
    if (chosen) setCsv(await chosen.text());
  };

  const runPreview = async () => {
    setImported(null);
    const result = await check.run({ siteId, csv });
    setPreview(result.ok ? { result: result.value, csv, siteId } : null);
  };

  const runImport = async () => {
    if (!preview) return;
    const result = await commit.run({ siteId: preview.siteId, csv: preview.csv });
    if (result.ok) {
      setImported(result.value);
      setPreview(null);
      setCsv('');
      setFile(null);
    }
  };

  const current = preview !== null && preview.csv === csv && preview.siteId === siteId;
  const ready =
    current &&
    preview.result.fileErrors.length === 0 &&
    preview.result.rowsWithErrors === 0 &&
    preview.result.rows.length > 0;

  return (
    <Stack gap="md">
      <Text size="sm">
        <TextLink to="/intake">← Intake board</TextLink>
      </Text>
      <PageTitle>Import referrals</PageTitle>
      <Text size="sm" c="dimmed">
        One person per row, with a header row. Known columns: {REFERRAL_COLUMNS.join(', ')}. Only first_name,
        a phone or email, and a referrer are required. Dates as YYYY-MM-DD or MM/DD/YYYY; several substances
        separated by “;”.
      </Text>
      {imported && (
        <Alert color="success" variant="light" role="status" title="Referrals imported">
          {imported.created} new {imported.created === 1 ? 'inquiry' : 'inquiries'} in stage New.{' '}
          <TextLink to="/intake?stage=new">Open the board</TextLink>
        </Alert>
      )}
      <ProblemAlert problem={check.problem ?? commit.problem} />
      <Group align="flex-end">
        <NativeSelect
          label="Site receiving the referrals"
          required
          data={(sites ?? []).map((s) => ({ value: s.id, label: s.name }))}
          value={siteId}
          onChange={(event) => setChosenSite(event.currentTarget.value)}
          disabled={sites === null}
          w={{ base: '100%', sm: 320 }}
        />
        <FileInput
          label="CSV file"
          description="A .csv file, one person per row"
          accept=".csv,text/csv"
          value={file}
          onChange={(chosen) => void readFile(chosen)}
          clearable
          w={{ base: '100%', sm: 320 }}
        />
      </Group>
      <Textarea
        label="CSV text"
        description="Or paste the file's contents here."
        autosize
        minRows={6}
        maxRows={16}
        styles={{ input: { fontFamily: 'monospace' } }}
        value={csv}
        onChange={(event) => setCsv(event.currentTarget.value)}
      />
      <Group>
        <Button
          onClick={() => void runPreview()}
          loading={check.pending}
          disabled={csv.trim() === '' || !siteId}
        >
          Preview
        </Button>
        <Button
          onClick={() => void runImport()}
          loading={commit.pending}
          disabled={!ready}
          variant={ready ? 'filled' : 'default'}
        >
          {preview && current
            ? `Import ${preview.result.rows.length} ${preview.result.rows.length === 1 ? 'referral' : 'referrals'}`
            : 'Import'}
        </Button>
      </Group>
      {preview && !current && (
        <Text size="sm" c="dimmed" role="status">
          The text or site changed since the preview: preview again before importing.
        </Text>
      )}
      {preview && (
        <Stack gap="xs">
          {preview.result.fileErrors.length > 0 ? (
            <Alert color="red" variant="light" role="alert" title="The file cannot be imported">
              <List size="sm">
                {preview.result.fileErrors.map((e) => (
                  <List.Item key={e}>{e}</List.Item>
                ))}
              </List>
            </Alert>
          ) : (
            <Text size="sm" role="status">
              {preview.result.rows.length} rows read;{' '}
              {preview.result.rowsWithErrors === 0
                ? 'all of them are ready to import.'
                : `${preview.result.rowsWithErrors} with problems. Nothing is imported until every row is fixed.`}
            </Text>
          )}
          {preview.result.rows.length > 0 && <PreviewTable result={preview.result} />}
        </Stack>
      )}
    </Stack>
  );
};
