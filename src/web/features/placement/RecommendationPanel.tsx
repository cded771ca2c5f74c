import { Alert, Badge, Group, List, Stack, Text, Title } from '@mantine/core';
import type { PlacementResultView as PlacementResult } from '../../../core/api/placement.js';
import { placementLevelLabel, SEVERITY_TEXT, withdrawalLabel } from './placementForm.js';

const LEVEL_COLOR: Record<PlacementResult['level'], string> = {
  NONE: 'gray',
  OP: 'success',
  IOP: 'blue',
  PHP: 'indigo',
  RES: 'warning',
  INP: 'dark',
  EMERGENCY: 'red',
};

const Reasons = ({ id, title, items }: { id: string; title: string; items: readonly string[] }) =>
  items.length === 0 ? null : (
    <section aria-labelledby={id}>
      <Title order={4} size="h6" id={id} mb={4}>
        {title}
      </Title>
      <List size="sm" spacing={2}>
        {items.map((item) => (
          <List.Item key={item}>{item}</List.Item>
        ))}
      </List>
    </section>
  );

/**
 * A placement result as SPEC §3 asks for it: the level, the WM need, the dimensions that drove it,
 * why a lower level is not enough and why a higher one is not needed, and what shapes the plan.
 */
export const RecommendationPanel = ({
  result,
  idPrefix,
  heading = 'Recommendation',
}: {
  result: PlacementResult;
  /** Keeps heading ids unique when two panels are on one page. */
  idPrefix: string;
  heading?: string;
}) => (
  <Stack gap="sm">
    <Title order={3} size="h5">
      {heading}
    </Title>
    {result.level === 'EMERGENCY' && (
      <Alert color="red" variant="filled" title="Emergency: refer now" role="alert">
        Imminent danger to self or others: call 911, or 988 for the Suicide &amp; Crisis Lifeline. No level of
        care is recommended until the emergency is addressed.
      </Alert>
    )}
    <Group gap="xs" align="center">
      <Badge size="lg" color={LEVEL_COLOR[result.level]} variant="filled">
        {result.level}
      </Badge>
      <Text fw={600}>{placementLevelLabel(result.level)}</Text>
    </Group>
    <Text size="sm">
      <Text span fw={600}>
        Withdrawal management:
      </Text>{' '}
      {withdrawalLabel(result.withdrawalManagement)}
    </Text>
    {result.severity !== null && (
      <Text size="sm">
        <Text span fw={600}>
          DSM-5 severity:
        </Text>{' '}
        {SEVERITY_TEXT[result.severity]}
      </Text>
    )}
    <Reasons id={`${idPrefix}-drivers`} title="What drove it" items={result.drivers.map((d) => d.reason)} />
    <Reasons id={`${idPrefix}-not-lower`} title="Why a lower level is not enough" items={result.notLower} />
    <Reasons
      id={`${idPrefix}-not-higher`}
      title="Why a higher level is not needed"
      items={result.notHigher}
    />
    <Reasons
      id={`${idPrefix}-considerations`}
      title="Considerations for the plan"
      items={result.considerations.map((c) => c.text)}
    />
    <Text size="xs" c="dimmed">
      Rule table {result.tableVersion}
    </Text>
  </Stack>
);
