import { createTheme, Table, type CSSVariablesResolver, type MantineThemeOverride } from '@mantine/core';
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

/** Dimmed text one shade darker than Mantine's default, which is below 4.5:1 on white. */
export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: { '--mantine-color-dimmed': 'var(--mantine-color-gray-7)' },
  dark: {},
});
