import { Badge, Group, List, Stack, Text } from '@mantine/core';
import type { DrugScreen, DrugScreenVersion } from '../../../core/api/drugScreens.js';
import { ANALYTE_INFO, ANALYTE_RESULT_LABELS } from '../../../core/screens/analytes.js';
import { SCREEN_METHOD_LABELS, SPECIMEN_LABELS } from '../../../core/screens/panels.js';
import { formatDate, formatInstant } from '../../lib/dates.js';
import { findingSentences, quietSentences } from './interpretationText.js';

/** Every analyte's result, non-negative ones marked. */
export const ResultList = ({ version }: { version: DrugScreenVersion }) =>
  version.refused ? (
    <Text size="sm">Specimen refused: no results.</Text>
  ) : (
    <Group gap={6}>
      {version.results.map((r) => (
        <Badge
          key={r.analyte}
          variant={r.result === 'negative' ? 'outline' : 'light'}
          color={r.result === 'negative' ? 'gray' : r.result === 'positive' ? 'red' : 'warning'}
          size="sm"
        >
          {ANALYTE_INFO[r.analyte].code} {ANALYTE_RESULT_LABELS[r.result].toLowerCase()}
        </Badge>
      ))}
    </Group>
  );

const Version = ({ version, timeZone }: { version: DrugScreenVersion; timeZone: string }) => (
  <Stack gap={4}>
    <Text size="sm">
      {formatDate(version.collectedOn)} · {version.panelName} · {SPECIMEN_LABELS[version.specimen]} ·{' '}
      {SCREEN_METHOD_LABELS[version.method]}
    </Text>
    <ResultList version={version} />
    <Text size="xs" c="dimmed">
      Recorded by {version.recordedBy.displayName}, {formatInstant(version.recordedAt, timeZone)}
    </Text>
  </Stack>
);

/** A screen's full results, what its reading found, its notes and the versions it replaced. */
export const ScreenDetails = ({ screen, timeZone }: { screen: DrugScreen; timeZone: string }) => {
  const findings = findingSentences(screen.interpretation);
  return (
    <Stack gap="sm">
      <ResultList version={screen} />
      <List size="sm" spacing={2}>
        {[...findings, ...quietSentences(screen.interpretation)].map((line) => (
          <List.Item key={line}>{line}</List.Item>
        ))}
      </List>
      {screen.notes && <Text size="sm">Notes: {screen.notes}</Text>}
      {screen.correctionReason && <Text size="sm">Correction: {screen.correctionReason}</Text>}
      {screen.history.length > 0 && (
        <Stack gap="xs">
          <Text size="sm" fw={600}>
            Earlier versions (replaced by a correction)
          </Text>
          {screen.history.map((v) => (
            <div key={v.id}>
              <Version version={v} timeZone={timeZone} />
              {v.correctionReason && (
                <Text size="xs" c="dimmed">
                  Corrected earlier: {v.correctionReason}
                </Text>
              )}
            </div>
          ))}
        </Stack>
      )}
    </Stack>
  );
};
