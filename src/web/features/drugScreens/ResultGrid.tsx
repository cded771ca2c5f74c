import { Button, Group, Radio, SimpleGrid, Text } from '@mantine/core';
import {
  ANALYTE_INFO,
  ANALYTE_RESULT_LABELS,
  ANALYTE_RESULTS,
  type Analyte,
  type AnalyteResult,
} from '../../../core/screens/analytes.js';

interface ResultGridProps {
  analytes: readonly Analyte[];
  results: Readonly<Partial<Record<Analyte, AnalyteResult>>>;
  onChange: (analyte: Analyte, result: AnalyteResult) => void;
  onAllNegative: () => void;
  error?: string | undefined;
}

/**
 * One radio group per analyte, every one starting at negative: Tab moves from analyte to analyte and
 * the arrow keys change the result, so a cup is entered without the mouse. Non-negative rows stand out.
 */
export const ResultGrid = ({ analytes, results, onChange, onAllNegative, error }: ResultGridProps) => (
  <div>
    <Group justify="space-between" mb={6}>
      <Text size="sm" fw={600} id="screen-results-label">
        Result per analyte
      </Text>
      <Button size="compact-xs" variant="default" onClick={onAllNegative}>
        All negative
      </Button>
    </Group>
    {error && (
      <Text size="sm" c="red.8" mb={6} role="alert">
        {error}
      </Text>
    )}
    <SimpleGrid
      cols={{ base: 1, md: 2 }}
      spacing={4}
      verticalSpacing={4}
      aria-labelledby="screen-results-label"
    >
      {analytes.map((analyte) => {
        const value = results[analyte] ?? 'negative';
        return (
          <Radio.Group
            key={analyte}
            value={value}
            onChange={(next) => {
              const chosen = ANALYTE_RESULTS.find((r) => r === next);
              if (chosen) onChange(analyte, chosen);
            }}
            label={`${ANALYTE_INFO[analyte].code} — ${ANALYTE_INFO[analyte].label}`}
            size="xs"
            px={6}
            py={4}
            bg={value === 'negative' ? undefined : value === 'positive' ? 'red.0' : 'warning.0'}
            style={{ borderRadius: 4 }}
          >
            <Group gap="sm" mt={2}>
              {ANALYTE_RESULTS.map((r) => (
                <Radio key={r} value={r} label={ANALYTE_RESULT_LABELS[r]} />
              ))}
            </Group>
          </Radio.Group>
        );
      })}
    </SimpleGrid>
  </div>
);
