import { SimpleGrid, Text } from '@mantine/core';
import type { ReactNode } from 'react';

/** A compact description list: label above value, several columns on wide screens. */
export const Facts = ({
  items,
  cols = 3,
}: {
  items: ReadonlyArray<readonly [string, ReactNode]>;
  cols?: number;
}) => (
  <SimpleGrid component="dl" cols={{ base: 1, sm: 2, md: cols }} spacing="sm" verticalSpacing="xs" m={0}>
    {items.map(([label, value]) => (
      <div key={label}>
        <Text component="dt" size="xs" c="dimmed" fw={600}>
          {label}
        </Text>
        <Text component="dd" size="sm" m={0}>
          {value}
        </Text>
      </div>
    ))}
  </SimpleGrid>
);
