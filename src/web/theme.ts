import { type CSSVariablesResolver, type MantineColorsTuple, Table, createTheme } from '@mantine/core';

/** Greens and ambers dark enough for AA text contrast in badges and buttons (Mantine's own are lighter). */
const success: MantineColorsTuple = [
  '#ebfbee', '#d3f9d8', '#b2f2bb', '#8ce99a', '#69db7c', '#40c057', '#2f9e44', '#2b8a3e', '#1f6f32', '#145224',
];
const warning: MantineColorsTuple = [
  '#fff4e6', '#ffe8cc', '#ffd8a8', '#ffc078', '#ffa94d', '#ff922b', '#e8590c', '#c2410c', '#9a3412', '#7c2d12',
];

export const theme = createTheme({
  primaryColor: 'indigo',
  // Shade 8 keeps white text on filled buttons and badges at 4.5:1 or better for every colour we use.
  primaryShade: 8,
  colors: { success, warning },
  defaultRadius: 'sm',
  focusRing: 'auto',
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
  headings: { fontWeight: '650' },
  components: {
    Table: Table.extend({
      defaultProps: { striped: true, highlightOnHover: true, verticalSpacing: 6, horizontalSpacing: 'sm' },
    }),
  },
});

/** Mantine's default "dimmed" grey is below 4.5:1 on white; use the next shade. */
export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: { '--mantine-color-dimmed': 'var(--mantine-color-gray-7)' },
  dark: {},
});
