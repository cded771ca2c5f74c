import {
  Badge,
  type CSSVariablesResolver,
  DEFAULT_THEME,
  type MantineColorsTuple,
  Modal,
  PasswordInput,
  Table,
  createTheme,
  lighten,
} from '@mantine/core';

/*
 * Colours are tuned for WCAG AA text contrast (4.5:1): Mantine's own greens, oranges and the two
 * darkest reds are too light for white text or for text on their pale tints.
 */
const success: MantineColorsTuple = [
  '#ebfbee',
  '#d3f9d8',
  '#b2f2bb',
  '#8ce99a',
  '#69db7c',
  '#40c057',
  '#2f9e44',
  '#2b8a3e',
  '#1f6f32',
  '#145224',
];
const warning: MantineColorsTuple = [
  '#fff4e6',
  '#ffe8cc',
  '#ffd8a8',
  '#ffc078',
  '#ffa94d',
  '#ff922b',
  '#e8590c',
  '#c2410c',
  '#9a3412',
  '#7c2d12',
];
const red: MantineColorsTuple = [
  '#fff5f5',
  '#ffe3e3',
  '#ffc9c9',
  '#ffa8a8',
  '#ff8787',
  '#ff6b6b',
  '#fa5252',
  '#e03131',
  '#c92a2a',
  '#a51111',
];

const colors = { success, warning, red };

export const theme = createTheme({
  primaryColor: 'indigo',
  // Shade 8 keeps white text on filled buttons and badges at 4.5:1 or better for every colour used.
  primaryShade: 8,
  colors,
  defaultRadius: 'sm',
  focusRing: 'auto',
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
  headings: { fontWeight: '650' },
  components: {
    Table: Table.extend({
      defaultProps: { striped: true, highlightOnHover: true, verticalSpacing: 6, horizontalSpacing: 'sm' },
    }),
    Badge: Badge.extend({
      // In narrow table cells a badge would otherwise shrink and cut its word to "URGE…".
      styles: { root: { flexShrink: 0, minWidth: 'max-content' } },
    }),
    Modal: Modal.extend({
      defaultProps: { closeButtonProps: { 'aria-label': 'Close dialog' } },
    }),
    PasswordInput: PasswordInput.extend({
      // The default name contains "password", which makes the field's own label ambiguous.
      defaultProps: { visibilityToggleButtonProps: { 'aria-label': 'Show or hide the characters' } },
    }),
  },
});

const TINTED = ['indigo', 'blue', 'gray', 'success', 'warning', 'red'] as const;

/**
 * Mantine's "dimmed" grey and error red are below 4.5:1 on white, and hovering a light button darkens
 * its tint until the text fails: darker text and a paler hover tint here.
 */
export const cssVariablesResolver: CSSVariablesResolver = () => {
  const light: Record<string, string> = {
    '--mantine-color-dimmed': 'var(--mantine-color-gray-7)',
    '--mantine-color-error': 'var(--mantine-color-red-8)',
  };
  for (const name of TINTED) {
    const tint = (name in colors ? colors[name as keyof typeof colors] : DEFAULT_THEME.colors[name])?.[2];
    if (tint) light[`--mantine-color-${name}-light-hover`] = lighten(tint, 0.5);
  }
  return { variables: {}, light, dark: {} };
};
