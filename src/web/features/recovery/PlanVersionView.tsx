import { Badge, Group, List, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import type { PlanVersion } from '../../../core/api/recovery.js';
import { formatPhone } from '../../../core/recovery/phone.js';
import { SECTION_LABELS, type ItemSection } from '../../../core/recovery/relapsePlan.js';

const ORDER: readonly ItemSection[] = ['triggers', 'warningSigns', 'copingStrategies'];

const Items = ({ items }: { items: string[] }) =>
  items.length === 0 ? (
    <Text size="sm" c="dimmed">
      Nothing written.
    </Text>
  ) : (
    <List size="sm" spacing={2}>
      {items.map((item, i) => (
        <List.Item key={i}>{item}</List.Item>
      ))}
    </List>
  );

/** A saved version, read-only: every section in the plan's order, contacts and crisis lines with numbers. */
export const PlanVersionView = ({
  version,
  headingOrder = 3,
}: {
  version: PlanVersion;
  headingOrder?: 3 | 4;
}) => {
  const c = version.content;
  const heading = (text: string) => (
    <Title order={headingOrder} size="h6">
      {text}
    </Title>
  );
  return (
    <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md" verticalSpacing="sm">
      {ORDER.map((s) => (
        <Stack gap={2} key={s}>
          {heading(SECTION_LABELS[s])}
          <Items items={c[s]} />
        </Stack>
      ))}
      <Stack gap={2}>
        {heading(SECTION_LABELS.supportContacts)}
        {c.supportContacts.length === 0 && c.otherSupports.length === 0 ? (
          <Text size="sm" c="dimmed">
            Nobody listed.
          </Text>
        ) : (
          <List size="sm" spacing={2}>
            {c.supportContacts.map((p) => (
              <List.Item key={p.contactId}>
                {p.name} ({p.relationship}) — {formatPhone(p.phone)}
              </List.Item>
            ))}
            {c.otherSupports.map((s, i) => (
              <List.Item key={`o${i}`}>{s}</List.Item>
            ))}
          </List>
        )}
      </Stack>
      <Stack gap={2}>
        {heading(SECTION_LABELS.crisisSteps)}
        <Items items={c.crisisSteps} />
        {c.crisisLines.length > 0 && (
          <Group gap={6} mt={4}>
            {c.crisisLines.map((l) => (
              <Badge key={l.number} variant="light" color="red" style={{ textTransform: 'none' }}>
                {l.name}: {formatPhone(l.number)}
              </Badge>
            ))}
          </Group>
        )}
      </Stack>
      <Stack gap={2}>
        {heading(SECTION_LABELS.reasonsForRecovery)}
        <Items items={c.reasonsForRecovery} />
      </Stack>
    </SimpleGrid>
  );
};
