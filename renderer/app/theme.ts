import { createTheme, darken, Table, type CSSVariablesResolver, type MantineThemeOverride } from '@mantine/core';
import type { Language } from '../../shared/i18n/languages';

const LATIN = '"Noto Sans"';
const MYANMAR = '"Noto Sans Myanmar"';
const THAI = '"Noto Sans Thai"';
const FALLBACK = 'system-ui, sans-serif';

/**
 * The font stack for a language: its script's Noto family first (its Latin letters are drawn to match
 * Noto Sans), then the other two, so a Burmese name inside a Thai page still renders.
 */
export function fontStack(language: Language): string {
  const first = language === 'my' ? [MYANMAR, LATIN, THAI] : language === 'th' ? [THAI, LATIN, MYANMAR] : [LATIN, MYANMAR, THAI];
  return [...first, FALLBACK].join(', ');
}

export function theme(language: Language): MantineThemeOverride {
  const fontFamily = fontStack(language);
  return createTheme({
    fontFamily,
    headings: { fontFamily, fontWeight: '700' },
    fontFamilyMonospace: 'ui-monospace, "DejaVu Sans Mono", "Liberation Mono", Consolas, monospace',
    primaryColor: 'blue',
    // Shade 8 keeps white text on primary buttons above 4.5:1 (WCAG AA); the default shade 6 does not.
    primaryShade: { light: 8, dark: 6 },
    defaultRadius: 'sm',
    focusRing: 'auto',
    respectReducedMotion: true,
    cursorType: 'pointer',
    components: {
      Table: Table.extend({ defaultProps: { striped: true, highlightOnHover: true, verticalSpacing: 'xs', horizontalSpacing: 'sm' } }),
    },
  });
}

/**
 * Contrast (WCAG AA, 4.5:1): Mantine's dimmed text and the text of its "light" variants (alert
 * titles, light badges, subtle buttons) are mid shades that fall below it on their pale backgrounds.
 * Both are darkened here, for every colour, in the light scheme.
 */
export const cssVariablesResolver: CSSVariablesResolver = (resolved) => {
  const light: Record<string, string> = { '--mantine-color-dimmed': 'var(--mantine-color-gray-7)' };
  for (const [name, shades] of Object.entries(resolved.colors)) {
    const darkest = shades[9];
    if (darkest) light[`--mantine-color-${name}-light-color`] = darken(darkest, 0.35);
  }
  return { variables: {}, light, dark: {} };
};
